//! Practice mode (thực hành): an officer's practice entries, logged and "submitted" against
//! their own catalog to learn the diary and see what their score would be. A table of their
//! own, so no queue, board, score, export or API (which all read `work_log_entries`) can
//! ever see them; deleted with the officer.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CatalogItems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PracticeEntries {
    Table,
    Id,
    OfficerId,
    WorkDate,
    CatalogItemId,
    OffCatalogDescription,
    ProposedMinutes,
    AssignedQty,
    CompletedQty,
    AssignedOn,
    Deadline,
    CompletedOn,
    SourceDocument,
    Note,
    /// When the officer "submitted" it (practice only: nobody reviews it).
    SubmittedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PracticeEntries::Table)
                    .col(big_pk_auto(PracticeEntries::Id))
                    .col(integer(PracticeEntries::OfficerId))
                    .col(date(PracticeEntries::WorkDate))
                    .col(integer_null(PracticeEntries::CatalogItemId))
                    .col(text_null(PracticeEntries::OffCatalogDescription))
                    .col(double_null(PracticeEntries::ProposedMinutes))
                    .col(double(PracticeEntries::AssignedQty))
                    .col(double(PracticeEntries::CompletedQty))
                    .col(date_null(PracticeEntries::AssignedOn))
                    .col(date_null(PracticeEntries::Deadline))
                    .col(date_null(PracticeEntries::CompletedOn))
                    .col(string_len_null(PracticeEntries::SourceDocument, 128))
                    .col(text_null(PracticeEntries::Note))
                    .col(timestamp_with_time_zone_null(PracticeEntries::SubmittedAt))
                    .col(timestamp_with_time_zone(PracticeEntries::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_practice_entries_officer")
                            .from(PracticeEntries::Table, PracticeEntries::OfficerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_practice_entries_item")
                            .from(PracticeEntries::Table, PracticeEntries::CatalogItemId)
                            .to(CatalogItems::Table, CatalogItems::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_practice_entries_officer_date")
                    .table(PracticeEntries::Table)
                    .col(PracticeEntries::OfficerId)
                    .col(PracticeEntries::WorkDate)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PracticeEntries::Table).to_owned())
            .await
    }
}
