//! The first-use guides a person has dismissed: one row per person and guide (the officer's
//! diary, the reviewer's queue, the administration, the committee). No row: the guide shows
//! on the guide's page; the help page opens it again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserGuides {
    Table,
    UserId,
    /// `officer`, `reviewer`, `admin`, `committee`.
    Guide,
    DismissedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserGuides::Table)
                    .col(integer(UserGuides::UserId))
                    .col(string_len(UserGuides::Guide, 32))
                    .col(timestamp_with_time_zone(UserGuides::DismissedAt))
                    .primary_key(
                        Index::create()
                            .col(UserGuides::UserId)
                            .col(UserGuides::Guide),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_guides_user")
                            .from(UserGuides::Table, UserGuides::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserGuides::Table).to_owned())
            .await
    }
}
