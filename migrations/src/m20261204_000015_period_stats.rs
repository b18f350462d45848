//! Figures stored with the scores, so that the committee's dashboard and the reports read a
//! few hundred rows instead of recomputing a province's scores and work logs on every view:
//! - each score keeps the officer's unit when scored and the work behind it (standard hours,
//!   entries, days above the 8-hour norm), the anti-inflation signals;
//! - `period_unit_stats` holds, per period, unit, status, grade and reason, the count of
//!   officers and the sums, rebuilt from the current scores by every scoring run;
//! - `periods.stats_at` says when they were last rebuilt (and serialises the rebuilds).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Periods {
    Table,
    Id,
    StatsAt,
}

#[derive(DeriveIden)]
enum PeriodScores {
    Table,
    /// The officer's unit when the score was computed (transfers do not move past scores).
    UnitId,
    /// Σ completed quantity × norm ÷ 60 × coefficient over the entries scored.
    StandardHours,
    EntryCount,
    /// Working days whose entries add up to more than 8 standard hours.
    DaysOverNorm,
}

#[derive(DeriveIden)]
enum PeriodUnitStats {
    Table,
    Id,
    PeriodId,
    /// `NULL`: officers in no unit.
    UnitId,
    Status,
    Grade,
    /// Why not scored (the formula's reason), for not-scored rows.
    Reason,
    Officers,
    TotalSum,
    StandardHoursSum,
    EntryCount,
    DaysOverNorm,
    /// Officers whose standard hours per working day exceed 8.
    OfficersOverNorm,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for col in [
            integer_null(PeriodScores::UnitId),
            double_null(PeriodScores::StandardHours),
            integer(PeriodScores::EntryCount).default(0).to_owned(),
            integer(PeriodScores::DaysOverNorm).default(0).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PeriodScores::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Periods::Table)
                    .add_column(timestamp_with_time_zone_null(Periods::StatsAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PeriodUnitStats::Table)
                    .col(pk_auto(PeriodUnitStats::Id))
                    .col(integer(PeriodUnitStats::PeriodId))
                    .col(integer_null(PeriodUnitStats::UnitId))
                    .col(string_len(PeriodUnitStats::Status, 20))
                    .col(string_len_null(PeriodUnitStats::Grade, 40))
                    .col(text_null(PeriodUnitStats::Reason))
                    .col(integer(PeriodUnitStats::Officers))
                    .col(double(PeriodUnitStats::TotalSum))
                    .col(double(PeriodUnitStats::StandardHoursSum))
                    .col(integer(PeriodUnitStats::EntryCount))
                    .col(integer(PeriodUnitStats::DaysOverNorm))
                    .col(integer(PeriodUnitStats::OfficersOverNorm))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_period_unit_stats_period")
                            .from(PeriodUnitStats::Table, PeriodUnitStats::PeriodId)
                            .to(Periods::Table, Periods::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_period_unit_stats_period")
                    .table(PeriodUnitStats::Table)
                    .col(PeriodUnitStats::PeriodId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PeriodUnitStats::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Periods::Table)
                    .drop_column(Periods::StatsAt)
                    .to_owned(),
            )
            .await?;
        for col in [
            PeriodScores::UnitId,
            PeriodScores::StandardHours,
            PeriodScores::EntryCount,
            PeriodScores::DaysOverNorm,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PeriodScores::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
