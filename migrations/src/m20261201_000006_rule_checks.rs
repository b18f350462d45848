//! The stored test results of formula texts: a version's test cases are run once per
//! content hash (when a draft is saved, submitted or approved, or on request) and read from
//! here by the editor's page, never run by a page view.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RuleChecks {
    Table,
    ContentHash,
    ResultJson,
    CheckedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RuleChecks::Table)
                    .if_not_exists()
                    // `rule_set_versions.content_hash`: hex SHA-256 of the three texts.
                    .col(string_len(RuleChecks::ContentHash, 64).primary_key())
                    // The serialized `CaseRunView`.
                    .col(text(RuleChecks::ResultJson))
                    .col(timestamp_with_time_zone(RuleChecks::CheckedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RuleChecks::Table).to_owned())
            .await
    }
}
