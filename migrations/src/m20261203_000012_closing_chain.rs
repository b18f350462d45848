//! The closing chain of a period: heads approve their units (the officers' scores, stored on
//! `period_scores.approved_at`), then the agency's director closes the agency — a row here,
//! one per agency and period — and the committee publishes the period once every agency is
//! closed. Reopening an agency deletes its row; the reason is kept in the audit trail.
//!
//! The period calendar: per period, the day by which officers submit, heads approve their
//! units, directors close their agencies and the committee publishes; a period without a
//! row has the province's default days.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Periods {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgencyClosings {
    Table,
    Id,
    PeriodId,
    AgencyId,
    ClosedBy,
    ClosedAt,
}

#[derive(DeriveIden)]
enum PeriodDeadlines {
    Table,
    Id,
    PeriodCode,
    SubmitBy,
    ReviewBy,
    CloseBy,
    PublishBy,
    SetBy,
    SetAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AgencyClosings::Table)
                    .col(pk_auto(AgencyClosings::Id))
                    .col(integer(AgencyClosings::PeriodId))
                    .col(integer(AgencyClosings::AgencyId))
                    .col(integer_null(AgencyClosings::ClosedBy))
                    .col(timestamp_with_time_zone(AgencyClosings::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_agency_closings_period")
                            .from(AgencyClosings::Table, AgencyClosings::PeriodId)
                            .to(Periods::Table, Periods::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_agency_closings_agency")
                            .from(AgencyClosings::Table, AgencyClosings::AgencyId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_agency_closings_user")
                            .from(AgencyClosings::Table, AgencyClosings::ClosedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One closing per agency and period: two directors' clicks cannot both close it.
        manager
            .create_index(
                Index::create()
                    .name("uq_agency_closings_period_agency")
                    .table(AgencyClosings::Table)
                    .col(AgencyClosings::PeriodId)
                    .col(AgencyClosings::AgencyId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PeriodDeadlines::Table)
                    .col(pk_auto(PeriodDeadlines::Id))
                    .col(string_len_uniq(PeriodDeadlines::PeriodCode, 16))
                    .col(date(PeriodDeadlines::SubmitBy))
                    .col(date(PeriodDeadlines::ReviewBy))
                    .col(date(PeriodDeadlines::CloseBy))
                    .col(date(PeriodDeadlines::PublishBy))
                    .col(integer_null(PeriodDeadlines::SetBy))
                    .col(timestamp_with_time_zone(PeriodDeadlines::SetAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_period_deadlines_user")
                            .from(PeriodDeadlines::Table, PeriodDeadlines::SetBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PeriodDeadlines::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AgencyClosings::Table).to_owned())
            .await
    }
}
