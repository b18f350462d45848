//! The integration API: a client is an agency's e-office system; it holds tokens, each with
//! scopes and an expiry, stored as a SHA-256 hash (the token itself is shown once). Entries
//! a client sends carry its id beside their `external_id`, unique per client, so sending
//! the same entry again finds it instead of adding it. The groundwork `api_tokens` table
//! (per user, never written) is replaced.

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
enum ApiClients {
    Table,
    Id,
    Name,
    AgencyId,
    /// `draft` or `submitted`: the state the client's entries land in.
    EntryStatus,
    CreatedBy,
    CreatedAt,
    DisabledAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    ClientId,
    Name,
    Prefix,
    TokenHash,
    Scopes,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum WorkLogEntries {
    Table,
    ExternalId,
    ApiClientId,
}

const OLD_EXTERNAL: &str = "uq_wle_external";
const CLIENT_EXTERNAL: &str = "uq_wle_client_external";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiTokens::Table).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiClients::Table)
                    .col(pk_auto(ApiClients::Id))
                    .col(string_len_uniq(ApiClients::Name, 128))
                    .col(integer(ApiClients::AgencyId))
                    .col(string_len(ApiClients::EntryStatus, 16))
                    .col(integer_null(ApiClients::CreatedBy))
                    .col(timestamp_with_time_zone(ApiClients::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiClients::DisabledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_clients_agency")
                            .from(ApiClients::Table, ApiClients::AgencyId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_clients_creator")
                            .from(ApiClients::Table, ApiClients::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(pk_auto(ApiTokens::Id))
                    .col(integer(ApiTokens::ClientId))
                    .col(string_len(ApiTokens::Name, 128))
                    .col(string_len(ApiTokens::Prefix, 16))
                    .col(string_len_uniq(ApiTokens::TokenHash, 64))
                    .col(string_len(ApiTokens::Scopes, 128))
                    .col(integer_null(ApiTokens::CreatedBy))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone(ApiTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_tokens_client")
                            .from(ApiTokens::Table, ApiTokens::ClientId)
                            .to(ApiClients::Table, ApiClients::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_tokens_creator")
                            .from(ApiTokens::Table, ApiTokens::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(WorkLogEntries::Table)
                    .add_column(integer_null(WorkLogEntries::ApiClientId))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_EXTERNAL)
                    .table(WorkLogEntries::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CLIENT_EXTERNAL)
                    .table(WorkLogEntries::Table)
                    .col(WorkLogEntries::ApiClientId)
                    .col(WorkLogEntries::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(CLIENT_EXTERNAL)
                    .table(WorkLogEntries::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(WorkLogEntries::Table)
                    .drop_column(WorkLogEntries::ApiClientId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_EXTERNAL)
                    .table(WorkLogEntries::Table)
                    .col(WorkLogEntries::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ApiTokens::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ApiClients::Table).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(pk_auto(ApiTokens::Id))
                    .col(integer(ApiTokens::UserId))
                    .col(string_len(ApiTokens::Name, 128))
                    .col(string_len_uniq(ApiTokens::TokenHash, 128))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .to_owned(),
            )
            .await
    }
}
