//! Delegation of review: a head of unit names an acting head for a date range (leave, a
//! mission). While the delegation runs and is not revoked, the acting head reviews the unit
//! as its head does; revoking keeps the row (who revoked it and when).

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
enum Delegations {
    Table,
    Id,
    UnitId,
    DelegatorId,
    DelegateId,
    StartsOn,
    EndsOn,
    Note,
    CreatedAt,
    RevokedAt,
    RevokedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Delegations::Table)
                    .col(pk_auto(Delegations::Id))
                    .col(integer(Delegations::UnitId))
                    .col(integer(Delegations::DelegatorId))
                    .col(integer(Delegations::DelegateId))
                    .col(date(Delegations::StartsOn))
                    .col(date(Delegations::EndsOn))
                    .col(string_len_null(Delegations::Note, 500))
                    .col(timestamp_with_time_zone(Delegations::CreatedAt))
                    .col(timestamp_with_time_zone_null(Delegations::RevokedAt))
                    .col(integer_null(Delegations::RevokedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_delegations_unit")
                            .from(Delegations::Table, Delegations::UnitId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_delegations_delegator")
                            .from(Delegations::Table, Delegations::DelegatorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_delegations_delegate")
                            .from(Delegations::Table, Delegations::DelegateId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Each request of a signed-in user looks for their running delegations.
        manager
            .create_index(
                Index::create()
                    .name("ix_delegations_delegate")
                    .table(Delegations::Table)
                    .col(Delegations::DelegateId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Delegations::Table).to_owned())
            .await
    }
}
