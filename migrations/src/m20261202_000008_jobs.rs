//! Durable background jobs: a scoring run of a period (province, agency or unit) or a
//! simulation, stored so that any `rubric serve` or `rubric worker` process can run it and
//! another can take it over when that process dies. A job is split into parts (groups of
//! cohorts); a part is claimed with a lease, and its results commit in the same transaction
//! that marks it done, so a part taken over never writes twice.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    /// Set while the job is queued or running (`score:2026-10:unit:12`), cleared when it ends:
    /// the unique index keeps one live job per kind, period and scope.
    LiveKey,
    PayloadJson,
    Status,
    PartsTotal,
    PartsDone,
    ResultJson,
    ErrorJson,
    CreatedBy,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum JobParts {
    Table,
    Id,
    JobId,
    Seq,
    CohortsJson,
    Status,
    ClaimedBy,
    LeaseUntil,
    Attempts,
    ResultJson,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .if_not_exists()
                    .col(pk_auto(Jobs::Id))
                    .col(string_len(Jobs::Kind, 32))
                    .col(string_len_null(Jobs::LiveKey, 200))
                    .col(text(Jobs::PayloadJson))
                    .col(string_len(Jobs::Status, 16))
                    .col(integer(Jobs::PartsTotal).default(0))
                    .col(integer(Jobs::PartsDone).default(0))
                    .col(text_null(Jobs::ResultJson))
                    .col(text_null(Jobs::ErrorJson))
                    .col(integer_null(Jobs::CreatedBy))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .col(timestamp_with_time_zone_null(Jobs::FinishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("jobs_live_key")
                    .table(Jobs::Table)
                    .col(Jobs::LiveKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JobParts::Table)
                    .if_not_exists()
                    .col(pk_auto(JobParts::Id))
                    .col(integer(JobParts::JobId))
                    .col(integer(JobParts::Seq))
                    .col(text(JobParts::CohortsJson))
                    .col(string_len(JobParts::Status, 16))
                    .col(string_len_null(JobParts::ClaimedBy, 100))
                    .col(timestamp_with_time_zone_null(JobParts::LeaseUntil))
                    .col(integer(JobParts::Attempts).default(0))
                    .col(text_null(JobParts::ResultJson))
                    .col(timestamp_with_time_zone_null(JobParts::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(JobParts::Table, JobParts::JobId)
                            .to(Jobs::Table, Jobs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("job_parts_claim")
                    .table(JobParts::Table)
                    .col(JobParts::Status)
                    .col(JobParts::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("job_parts_job")
                    .table(JobParts::Table)
                    .col(JobParts::JobId)
                    .col(JobParts::Seq)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JobParts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Jobs::Table).to_owned())
            .await
    }
}
