//! Password resets that wait for a second administrator: resetting the password of an
//! administrator, a Steering Committee member or an auditor takes two administrators. The
//! first one's request (with the temporary password, hashed) waits here for the second.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PasswordResetRequests {
    Table,
    Id,
    UserId,
    PasswordHash,
    RequestedBy,
    RequestedByName,
    RequestedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PasswordResetRequests::Table)
                    .col(pk_auto(PasswordResetRequests::Id))
                    // One request waits per account; a new request replaces it.
                    .col(integer_uniq(PasswordResetRequests::UserId))
                    .col(text(PasswordResetRequests::PasswordHash))
                    .col(integer(PasswordResetRequests::RequestedBy))
                    .col(string(PasswordResetRequests::RequestedByName))
                    .col(timestamp_with_time_zone(PasswordResetRequests::RequestedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PasswordResetRequests::Table, PasswordResetRequests::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordResetRequests::Table).to_owned())
            .await
    }
}
