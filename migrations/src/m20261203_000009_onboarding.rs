//! Loading a province from its spreadsheets: a unit can be closed (from a date, keeping
//! its history), a person carries the id the province's HR system knows them by, a
//! position names the agencies that use it, and a person created by an import activates
//! their account with a one-time code instead of a shared password.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    ClosedOn,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    ExternalId,
}

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PositionAgencies {
    Table,
    PositionId,
    UnitId,
}

#[derive(DeriveIden)]
enum ActivationCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
}

/// An uploaded workbook: checked when uploaded, applied later from the same bytes.
#[derive(DeriveIden)]
enum OrgImports {
    Table,
    Id,
    FileName,
    Sha256,
    Bytes,
    DeactivateMissing,
    ReportJson,
    CreatedBy,
    CreatedAt,
    AppliedBy,
    AppliedAt,
}

const USERS_EXTERNAL_ID: &str = "ux_users_external_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Units::Table)
                    .add_column(date_null(Units::ClosedOn))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_null(Users::ExternalId))
                    .to_owned(),
            )
            .await?;
        // Unique where present (both backends allow many NULLs in a unique index).
        manager
            .create_index(
                Index::create()
                    .name(USERS_EXTERNAL_ID)
                    .table(Users::Table)
                    .col(Users::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PositionAgencies::Table)
                    .col(integer(PositionAgencies::PositionId))
                    .col(integer(PositionAgencies::UnitId))
                    .primary_key(
                        Index::create()
                            .col(PositionAgencies::PositionId)
                            .col(PositionAgencies::UnitId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PositionAgencies::Table, PositionAgencies::PositionId)
                            .to(Positions::Table, Positions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PositionAgencies::Table, PositionAgencies::UnitId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActivationCodes::Table)
                    .col(pk_auto(ActivationCodes::Id))
                    // One live code per person: a new one replaces the old.
                    .col(integer_uniq(ActivationCodes::UserId))
                    // SHA-256 of a random 60-bit code (never a chosen secret).
                    .col(string(ActivationCodes::CodeHash))
                    .col(integer_null(ActivationCodes::CreatedBy))
                    .col(timestamp_with_time_zone(ActivationCodes::CreatedAt))
                    .col(timestamp_with_time_zone(ActivationCodes::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActivationCodes::Table, ActivationCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrgImports::Table)
                    .col(pk_auto(OrgImports::Id))
                    .col(string(OrgImports::FileName))
                    .col(string(OrgImports::Sha256))
                    .col(blob(OrgImports::Bytes))
                    .col(boolean(OrgImports::DeactivateMissing))
                    .col(text(OrgImports::ReportJson))
                    .col(integer_null(OrgImports::CreatedBy))
                    .col(timestamp_with_time_zone(OrgImports::CreatedAt))
                    .col(integer_null(OrgImports::AppliedBy))
                    .col(timestamp_with_time_zone_null(OrgImports::AppliedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrgImports::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ActivationCodes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PositionAgencies::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(USERS_EXTERNAL_ID)
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::ExternalId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Units::Table)
                    .drop_column(Units::ClosedOn)
                    .to_owned(),
            )
            .await
    }
}
