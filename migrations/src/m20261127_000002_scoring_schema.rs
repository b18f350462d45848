//! The scoring domain: positions, job descriptions and their task catalogs, rule sets and
//! their versions, periods, work logs with review findings, general-criteria points, period
//! scores, simulations, the hash-chained audit trail, sessions and API tokens.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_organisation::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Positions {
    Table,
    Id,
    Code,
    Name,
    /// leader | professional | support
    Kind,
    /// groups similar positions into one cohort per agency (the 20 % cap)
    CohortGroup,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum UsersExtra {
    #[sea_orm(iden = "users")]
    Table,
    PositionId,
}

#[derive(DeriveIden)]
pub enum JobDescriptionVersions {
    Table,
    Id,
    PositionId,
    VersionNo,
    /// draft | submitted | approved | returned | superseded
    Status,
    Description,
    AuthorId,
    SubmittedAt,
    ApprovedBy,
    ApprovedAt,
    DecisionNo,
    EffectiveFrom,
    ReturnReason,
    LockVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum CatalogItems {
    Table,
    Id,
    JobDescriptionVersionId,
    Code,
    /// A | B | C | D
    GroupCode,
    Name,
    UnitOfMeasure,
    NormMinutes,
    ComplexityLevel,
    Coefficient,
    EvidenceRequired,
}

#[derive(DeriveIden)]
pub enum RuleSets {
    Table,
    Id,
    Code,
    Name,
    /// null: the province default
    PositionId,
    /// bumped by every activation: concurrent activations serialize on it
    LockVersion,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum RuleSetVersions {
    Table,
    Id,
    RuleSetId,
    VersionNo,
    /// draft | submitted | approved | active | retired
    Status,
    Script,
    ParamsJson,
    CasesJson,
    ContentHash,
    EffectiveFrom,
    AuthorId,
    ApproverId,
    ApprovalNote,
    SubmittedAt,
    ApprovedAt,
    ActivatedAt,
    RetiredAt,
    LockVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Periods {
    Table,
    Id,
    /// e.g. 2025-05, 2025-Q2, 2025
    Code,
    /// month | quarter | year
    Kind,
    StartsOn,
    EndsOn,
    /// open | scored | approved | published
    Status,
    LockVersion,
}

#[derive(DeriveIden)]
pub enum WorkLogEntries {
    Table,
    Id,
    ExternalId,
    OfficerId,
    WorkDate,
    CatalogItemId,
    OffCatalogDescription,
    ProposedMinutes,
    AssignedQty,
    CompletedQty,
    AssignedOn,
    Deadline,
    CompletedOn,
    SourceDocument,
    Note,
    /// draft | submitted | approved | returned | locked
    Status,
    ReturnReason,
    QualityFailures,
    Delays,
    ObjectiveCause,
    ReviewedBy,
    ReviewedAt,
    LockVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum CriteriaPoints {
    Table,
    Id,
    OfficerId,
    PeriodId,
    General,
    ReformIt,
    Disqualified,
    EnteredBy,
    EnteredAt,
    LockVersion,
}

#[derive(DeriveIden)]
pub enum PeriodScores {
    Table,
    Id,
    PeriodId,
    OfficerId,
    ScoreVersion,
    /// scored | not_scored
    Status,
    Total,
    Grade,
    ComponentsJson,
    TraceJson,
    Reason,
    RuleSetVersionId,
    RuleVersionHash,
    InputsHash,
    ComputedAt,
    ComputedBy,
    SupersededBy,
    ApprovedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
pub enum Simulations {
    Table,
    Id,
    RuleSetVersionId,
    PeriodId,
    ScopeJson,
    /// queued | running | done | failed
    Status,
    Progress,
    SummaryJson,
    StartedBy,
    StartedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
pub enum SimulationResults {
    Table,
    Id,
    SimulationId,
    OfficerId,
    ActiveTotal,
    ActiveGrade,
    DraftTotal,
    DraftGrade,
    Delta,
    RankActive,
    RankDraft,
}

#[derive(DeriveIden)]
pub enum AuditEvents {
    Table,
    Id,
    Seq,
    At,
    ActorId,
    ActorName,
    Action,
    Entity,
    EntityId,
    BeforeJson,
    AfterJson,
    PrevHash,
    Hash,
}

/// One row: the head of the audit chain. Writers lock it, so the chain never forks.
#[derive(DeriveIden)]
pub enum AuditHead {
    Table,
    Id,
    Seq,
    Hash,
}

#[derive(DeriveIden)]
pub enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
pub enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn index(
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(c);
    }
    if unique {
        idx.unique();
    }
    idx.to_owned()
}

macro_rules! cols {
    ($($c:expr),*) => { vec![$($c.into_iden()),*] };
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};

        m.create_table(
            Table::create()
                .table(Positions::Table)
                .if_not_exists()
                .col(pk_auto(Positions::Id))
                .col(string_len_uniq(Positions::Code, 64))
                .col(string_len(Positions::Name, 255))
                .col(string_len(Positions::Kind, 32))
                .col(string_len(Positions::CohortGroup, 64))
                .col(timestamp_with_time_zone(Positions::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(UsersExtra::Table)
                .add_column(integer_null(UsersExtra::PositionId))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(JobDescriptionVersions::Table)
                .if_not_exists()
                .col(pk_auto(JobDescriptionVersions::Id))
                .col(integer(JobDescriptionVersions::PositionId))
                .col(integer(JobDescriptionVersions::VersionNo))
                .col(string_len(JobDescriptionVersions::Status, 16))
                .col(text(JobDescriptionVersions::Description))
                .col(integer_null(JobDescriptionVersions::AuthorId))
                .col(timestamp_with_time_zone_null(
                    JobDescriptionVersions::SubmittedAt,
                ))
                .col(integer_null(JobDescriptionVersions::ApprovedBy))
                .col(timestamp_with_time_zone_null(
                    JobDescriptionVersions::ApprovedAt,
                ))
                .col(string_len_null(JobDescriptionVersions::DecisionNo, 64))
                .col(date_null(JobDescriptionVersions::EffectiveFrom))
                .col(text_null(JobDescriptionVersions::ReturnReason))
                .col(integer(JobDescriptionVersions::LockVersion).default(0))
                .col(timestamp_with_time_zone(JobDescriptionVersions::CreatedAt))
                .col(timestamp_with_time_zone(JobDescriptionVersions::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_jdv_position",
                    (
                        JobDescriptionVersions::Table,
                        JobDescriptionVersions::PositionId,
                    ),
                    (Positions::Table, Positions::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_jdv_position_version",
            JobDescriptionVersions::Table,
            cols![
                JobDescriptionVersions::PositionId,
                JobDescriptionVersions::VersionNo
            ],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(CatalogItems::Table)
                .if_not_exists()
                .col(pk_auto(CatalogItems::Id))
                .col(integer(CatalogItems::JobDescriptionVersionId))
                .col(string_len(CatalogItems::Code, 32))
                .col(string_len(CatalogItems::GroupCode, 1))
                .col(string_len(CatalogItems::Name, 500))
                .col(string_len(CatalogItems::UnitOfMeasure, 64))
                .col(double(CatalogItems::NormMinutes))
                .col(integer(CatalogItems::ComplexityLevel))
                .col(double(CatalogItems::Coefficient))
                .col(boolean(CatalogItems::EvidenceRequired).default(false))
                .foreign_key(&mut fk(
                    "fk_catalog_jdv",
                    (CatalogItems::Table, CatalogItems::JobDescriptionVersionId),
                    (JobDescriptionVersions::Table, JobDescriptionVersions::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_catalog_jdv_code",
            CatalogItems::Table,
            cols![CatalogItems::JobDescriptionVersionId, CatalogItems::Code],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(RuleSets::Table)
                .if_not_exists()
                .col(pk_auto(RuleSets::Id))
                .col(string_len_uniq(RuleSets::Code, 64))
                .col(string_len(RuleSets::Name, 255))
                .col(integer_null(RuleSets::PositionId))
                .col(integer(RuleSets::LockVersion).default(0))
                .col(timestamp_with_time_zone(RuleSets::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_rule_sets_position",
                    (RuleSets::Table, RuleSets::PositionId),
                    (Positions::Table, Positions::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RuleSetVersions::Table)
                .if_not_exists()
                .col(pk_auto(RuleSetVersions::Id))
                .col(integer(RuleSetVersions::RuleSetId))
                .col(integer(RuleSetVersions::VersionNo))
                .col(string_len(RuleSetVersions::Status, 16))
                .col(text(RuleSetVersions::Script))
                .col(text(RuleSetVersions::ParamsJson))
                .col(text(RuleSetVersions::CasesJson))
                .col(string_len(RuleSetVersions::ContentHash, 64))
                .col(date_null(RuleSetVersions::EffectiveFrom))
                .col(integer_null(RuleSetVersions::AuthorId))
                .col(integer_null(RuleSetVersions::ApproverId))
                .col(text_null(RuleSetVersions::ApprovalNote))
                .col(timestamp_with_time_zone_null(RuleSetVersions::SubmittedAt))
                .col(timestamp_with_time_zone_null(RuleSetVersions::ApprovedAt))
                .col(timestamp_with_time_zone_null(RuleSetVersions::ActivatedAt))
                .col(timestamp_with_time_zone_null(RuleSetVersions::RetiredAt))
                .col(integer(RuleSetVersions::LockVersion).default(0))
                .col(timestamp_with_time_zone(RuleSetVersions::CreatedAt))
                .col(timestamp_with_time_zone(RuleSetVersions::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_rsv_rule_set",
                    (RuleSetVersions::Table, RuleSetVersions::RuleSetId),
                    (RuleSets::Table, RuleSets::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_rsv_rule_set_version",
            RuleSetVersions::Table,
            cols![RuleSetVersions::RuleSetId, RuleSetVersions::VersionNo],
            true,
        ))
        .await?;
        m.create_index(index(
            "idx_rsv_hash",
            RuleSetVersions::Table,
            cols![RuleSetVersions::ContentHash],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Periods::Table)
                .if_not_exists()
                .col(pk_auto(Periods::Id))
                .col(string_len_uniq(Periods::Code, 16))
                .col(string_len(Periods::Kind, 16))
                .col(date(Periods::StartsOn))
                .col(date(Periods::EndsOn))
                .col(string_len(Periods::Status, 16))
                .col(integer(Periods::LockVersion).default(0))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(WorkLogEntries::Table)
                .if_not_exists()
                .col(big_pk_auto(WorkLogEntries::Id))
                .col(string_len_null(WorkLogEntries::ExternalId, 128))
                .col(integer(WorkLogEntries::OfficerId))
                .col(date(WorkLogEntries::WorkDate))
                .col(integer_null(WorkLogEntries::CatalogItemId))
                .col(text_null(WorkLogEntries::OffCatalogDescription))
                .col(double_null(WorkLogEntries::ProposedMinutes))
                .col(double(WorkLogEntries::AssignedQty))
                .col(double(WorkLogEntries::CompletedQty))
                .col(date_null(WorkLogEntries::AssignedOn))
                .col(date_null(WorkLogEntries::Deadline))
                .col(date_null(WorkLogEntries::CompletedOn))
                .col(string_len_null(WorkLogEntries::SourceDocument, 128))
                .col(text_null(WorkLogEntries::Note))
                .col(string_len(WorkLogEntries::Status, 16))
                .col(text_null(WorkLogEntries::ReturnReason))
                .col(integer(WorkLogEntries::QualityFailures).default(0))
                .col(integer(WorkLogEntries::Delays).default(0))
                .col(boolean(WorkLogEntries::ObjectiveCause).default(false))
                .col(integer_null(WorkLogEntries::ReviewedBy))
                .col(timestamp_with_time_zone_null(WorkLogEntries::ReviewedAt))
                .col(integer(WorkLogEntries::LockVersion).default(0))
                .col(timestamp_with_time_zone(WorkLogEntries::CreatedAt))
                .col(timestamp_with_time_zone(WorkLogEntries::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_wle_officer",
                    (WorkLogEntries::Table, WorkLogEntries::OfficerId),
                    (Users::Table, Users::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_wle_catalog",
                    (WorkLogEntries::Table, WorkLogEntries::CatalogItemId),
                    (CatalogItems::Table, CatalogItems::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_wle_external",
            WorkLogEntries::Table,
            cols![WorkLogEntries::ExternalId],
            true,
        ))
        .await?;
        m.create_index(index(
            "idx_wle_officer_date",
            WorkLogEntries::Table,
            cols![WorkLogEntries::OfficerId, WorkLogEntries::WorkDate],
            false,
        ))
        .await?;
        // An officer's entries in a state and period: scoring, and a unit's review queue.
        m.create_index(index(
            "idx_wle_officer_status_date",
            WorkLogEntries::Table,
            cols![
                WorkLogEntries::OfficerId,
                WorkLogEntries::Status,
                WorkLogEntries::WorkDate
            ],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(CriteriaPoints::Table)
                .if_not_exists()
                .col(pk_auto(CriteriaPoints::Id))
                .col(integer(CriteriaPoints::OfficerId))
                .col(integer(CriteriaPoints::PeriodId))
                .col(double(CriteriaPoints::General))
                .col(double_null(CriteriaPoints::ReformIt))
                .col(boolean(CriteriaPoints::Disqualified).default(false))
                .col(integer_null(CriteriaPoints::EnteredBy))
                .col(timestamp_with_time_zone(CriteriaPoints::EnteredAt))
                .col(integer(CriteriaPoints::LockVersion).default(0))
                .foreign_key(&mut fk(
                    "fk_cp_officer",
                    (CriteriaPoints::Table, CriteriaPoints::OfficerId),
                    (Users::Table, Users::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_cp_period",
                    (CriteriaPoints::Table, CriteriaPoints::PeriodId),
                    (Periods::Table, Periods::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_cp_officer_period",
            CriteriaPoints::Table,
            cols![CriteriaPoints::OfficerId, CriteriaPoints::PeriodId],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(PeriodScores::Table)
                .if_not_exists()
                .col(big_pk_auto(PeriodScores::Id))
                .col(integer(PeriodScores::PeriodId))
                .col(integer(PeriodScores::OfficerId))
                .col(integer(PeriodScores::ScoreVersion))
                .col(string_len(PeriodScores::Status, 16))
                .col(double_null(PeriodScores::Total))
                .col(string_len_null(PeriodScores::Grade, 16))
                .col(text(PeriodScores::ComponentsJson))
                .col(text(PeriodScores::TraceJson))
                .col(text_null(PeriodScores::Reason))
                .col(integer(PeriodScores::RuleSetVersionId))
                .col(string_len(PeriodScores::RuleVersionHash, 64))
                .col(string_len(PeriodScores::InputsHash, 64))
                .col(timestamp_with_time_zone(PeriodScores::ComputedAt))
                .col(integer_null(PeriodScores::ComputedBy))
                .col(big_integer_null(PeriodScores::SupersededBy))
                .col(timestamp_with_time_zone_null(PeriodScores::ApprovedAt))
                .col(timestamp_with_time_zone_null(PeriodScores::PublishedAt))
                .foreign_key(&mut fk(
                    "fk_ps_period",
                    (PeriodScores::Table, PeriodScores::PeriodId),
                    (Periods::Table, Periods::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_ps_officer",
                    (PeriodScores::Table, PeriodScores::OfficerId),
                    (Users::Table, Users::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_ps_rule_version",
                    (PeriodScores::Table, PeriodScores::RuleSetVersionId),
                    (RuleSetVersions::Table, RuleSetVersions::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_ps_period_officer_version",
            PeriodScores::Table,
            cols![
                PeriodScores::PeriodId,
                PeriodScores::OfficerId,
                PeriodScores::ScoreVersion
            ],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Simulations::Table)
                .if_not_exists()
                .col(pk_auto(Simulations::Id))
                .col(integer(Simulations::RuleSetVersionId))
                .col(integer(Simulations::PeriodId))
                .col(text(Simulations::ScopeJson))
                .col(string_len(Simulations::Status, 16))
                .col(double(Simulations::Progress).default(0.0))
                .col(text_null(Simulations::SummaryJson))
                .col(integer_null(Simulations::StartedBy))
                .col(timestamp_with_time_zone(Simulations::StartedAt))
                .col(timestamp_with_time_zone_null(Simulations::FinishedAt))
                .foreign_key(&mut fk(
                    "fk_sim_version",
                    (Simulations::Table, Simulations::RuleSetVersionId),
                    (RuleSetVersions::Table, RuleSetVersions::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_sim_period",
                    (Simulations::Table, Simulations::PeriodId),
                    (Periods::Table, Periods::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SimulationResults::Table)
                .if_not_exists()
                .col(big_pk_auto(SimulationResults::Id))
                .col(integer(SimulationResults::SimulationId))
                .col(integer(SimulationResults::OfficerId))
                .col(double_null(SimulationResults::ActiveTotal))
                .col(string_len_null(SimulationResults::ActiveGrade, 16))
                .col(double_null(SimulationResults::DraftTotal))
                .col(string_len_null(SimulationResults::DraftGrade, 16))
                .col(double_null(SimulationResults::Delta))
                .col(integer_null(SimulationResults::RankActive))
                .col(integer_null(SimulationResults::RankDraft))
                .foreign_key(&mut fk(
                    "fk_simres_sim",
                    (SimulationResults::Table, SimulationResults::SimulationId),
                    (Simulations::Table, Simulations::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_simres_sim",
            SimulationResults::Table,
            cols![SimulationResults::SimulationId],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .if_not_exists()
                .col(big_pk_auto(AuditEvents::Id))
                .col(big_integer_uniq(AuditEvents::Seq))
                .col(timestamp_with_time_zone(AuditEvents::At))
                .col(integer_null(AuditEvents::ActorId))
                .col(string_len(AuditEvents::ActorName, 128))
                .col(string_len(AuditEvents::Action, 64))
                .col(string_len(AuditEvents::Entity, 64))
                .col(string_len(AuditEvents::EntityId, 64))
                .col(text_null(AuditEvents::BeforeJson))
                .col(text_null(AuditEvents::AfterJson))
                .col(string_len(AuditEvents::PrevHash, 64))
                .col(string_len(AuditEvents::Hash, 64))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_audit_entity",
            AuditEvents::Table,
            cols![AuditEvents::Entity, AuditEvents::EntityId],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(AuditHead::Table)
                .if_not_exists()
                .col(integer(AuditHead::Id).primary_key())
                .col(big_integer(AuditHead::Seq))
                .col(string_len(AuditHead::Hash, 64))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table(AuditHead::Table)
                .columns([AuditHead::Id, AuditHead::Seq, AuditHead::Hash])
                .values_panic([1.into(), 0i64.into(), "0".repeat(64).into()])
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .if_not_exists()
                .col(string_len(Sessions::Id, 128).primary_key())
                .col(text(Sessions::Data))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_sessions_expiry",
            Sessions::Table,
            cols![Sessions::ExpiresAt],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .if_not_exists()
                .col(pk_auto(ApiTokens::Id))
                .col(integer(ApiTokens::UserId))
                .col(string_len(ApiTokens::Name, 128))
                .col(string_len_uniq(ApiTokens::TokenHash, 128))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .foreign_key(&mut fk(
                    "fk_tokens_user",
                    (ApiTokens::Table, ApiTokens::UserId),
                    (Users::Table, Users::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ApiTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            AuditHead::Table.into_iden(),
            AuditEvents::Table.into_iden(),
            SimulationResults::Table.into_iden(),
            Simulations::Table.into_iden(),
            PeriodScores::Table.into_iden(),
            CriteriaPoints::Table.into_iden(),
            WorkLogEntries::Table.into_iden(),
            Periods::Table.into_iden(),
            RuleSetVersions::Table.into_iden(),
            RuleSets::Table.into_iden(),
            CatalogItems::Table.into_iden(),
            JobDescriptionVersions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(UsersExtra::Table)
                .drop_column(UsersExtra::PositionId)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Positions::Table).to_owned())
            .await
    }
}
