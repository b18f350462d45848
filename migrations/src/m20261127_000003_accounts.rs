//! Accounts and sessions: a forced password change after a reset, the owner of each
//! session (so deactivating a user ends their sessions at once) and failed sign-ins for
//! throttling.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    MustChangePassword,
    PasswordChangedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    UserId,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Id,
    UsernameKey,
    ClientAddr,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one added column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(boolean(Users::MustChangePassword).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::PasswordChangedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(integer_null(Sessions::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .if_not_exists()
                    .col(
                        big_integer(SignInFailures::Id)
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(string_len(SignInFailures::UsernameKey, 64))
                    .col(string_len(SignInFailures::ClientAddr, 64))
                    .col(timestamp_with_time_zone(SignInFailures::At))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_sif_username_at", SignInFailures::UsernameKey),
            ("idx_sif_client_at", SignInFailures::ClientAddr),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SignInFailures::Table)
                        .col(col)
                        .col(SignInFailures::At)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .to_owned(),
            )
            .await?;
        for col in [
            (Sessions::Table.into_iden(), Sessions::UserId.into_iden()),
            (
                Users::Table.into_iden(),
                Users::PasswordChangedAt.into_iden(),
            ),
            (
                Users::Table.into_iden(),
                Users::MustChangePassword.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(col.0).drop_column(col.1).to_owned())
                .await?;
        }
        Ok(())
    }
}
