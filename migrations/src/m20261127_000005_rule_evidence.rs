//! The evidence a formula version is approved on: the committee's approval attaches the
//! latest simulation, the test results and the comparison with the version in force, as
//! one JSON packet on the version.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RuleSetVersions {
    Table,
    EvidenceJson,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RuleSetVersions::Table)
                    .add_column(text_null(RuleSetVersions::EvidenceJson))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RuleSetVersions::Table)
                    .drop_column(RuleSetVersions::EvidenceJson)
                    .to_owned(),
            )
            .await
    }
}
