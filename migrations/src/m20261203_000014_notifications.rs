//! Notifications: what the application tells a person (an entry returned, an appeal
//! answered, a period published, a review queue waiting, a deadline coming), read in the
//! notification centre and, for those who ask for it, sent as one e-mail digest a day.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    /// The event as JSON (kind and data); the text is rendered in the reader's language.
    Event,
    /// Set for notifications a sweep may raise again (a waiting queue, a deadline): one per
    /// person and key, so repeated sweeps add nothing.
    DedupKey,
    CreatedAt,
    ReadAt,
    /// When the notification went out in an e-mail digest.
    EmailedAt,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    UserId,
    /// The address of the daily digest; no row, no e-mail.
    Email,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(text(Notifications::Event))
                    .col(string_len_null(Notifications::DedupKey, 120))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .col(timestamp_with_time_zone_null(Notifications::EmailedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The header counts a person's unread notifications on every page.
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_user_read")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::ReadAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_notifications_user_dedup")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::DedupKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationSettings::Table)
                    .col(integer(NotificationSettings::UserId).primary_key())
                    .col(string_len(NotificationSettings::Email, 254))
                    .col(timestamp_with_time_zone(NotificationSettings::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notification_settings_user")
                            .from(NotificationSettings::Table, NotificationSettings::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NotificationSettings::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}
