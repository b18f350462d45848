//! A formula can belong to an agency: the province default's script with the agency's own
//! parameter values (the cap percentage, the grade thresholds), versioned and approved like
//! any formula. Scoring takes the position's own formula, else the agency's, else the
//! default.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RuleSets {
    Table,
    AgencyId,
}

const RULE_SETS_AGENCY: &str = "idx_rule_sets_agency";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RuleSets::Table)
                    .add_column(integer_null(RuleSets::AgencyId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(RULE_SETS_AGENCY)
                    .table(RuleSets::Table)
                    .col(RuleSets::AgencyId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(RULE_SETS_AGENCY)
                    .table(RuleSets::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RuleSets::Table)
                    .drop_column(RuleSets::AgencyId)
                    .to_owned(),
            )
            .await
    }
}
