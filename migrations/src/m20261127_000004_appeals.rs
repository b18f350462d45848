//! Appeals: an officer contests a score or one entry of a period with a comment; the
//! reviewer answers, accepts (correcting findings and re-scoring) or rejects, and the
//! answer names the score version that came out of it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Appeals {
    Table,
    Id,
    OfficerId,
    PeriodId,
    EntryId,
    ScoreId,
    Comment,
    Status,
    Decision,
    Answer,
    AnsweredBy,
    AnsweredAt,
    NewScoreId,
    CreatedAt,
    LockVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Appeals::Table)
                    .if_not_exists()
                    .col(pk_auto(Appeals::Id))
                    .col(integer(Appeals::OfficerId))
                    .col(integer(Appeals::PeriodId))
                    .col(big_integer_null(Appeals::EntryId))
                    .col(big_integer(Appeals::ScoreId))
                    .col(text(Appeals::Comment))
                    // open | answered
                    .col(string_len(Appeals::Status, 16))
                    // accepted | rejected, once answered
                    .col(string_len_null(Appeals::Decision, 16))
                    .col(text_null(Appeals::Answer))
                    .col(integer_null(Appeals::AnsweredBy))
                    .col(timestamp_with_time_zone_null(Appeals::AnsweredAt))
                    .col(big_integer_null(Appeals::NewScoreId))
                    .col(timestamp_with_time_zone(Appeals::CreatedAt))
                    .col(integer(Appeals::LockVersion).default(0))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_appeals_officer_period",
                vec![Appeals::OfficerId, Appeals::PeriodId],
            ),
            (
                "idx_appeals_status",
                vec![Appeals::Status, Appeals::PeriodId],
            ),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(Appeals::Table);
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Appeals::Table).to_owned())
            .await
    }
}
