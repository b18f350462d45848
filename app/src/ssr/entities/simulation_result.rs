use sea_orm::entity::prelude::*;

/// One officer's active and draft result in a simulation.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "simulation_results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub simulation_id: i32,
    pub officer_id: i32,
    pub active_total: Option<f64>,
    pub active_grade: Option<String>,
    pub draft_total: Option<f64>,
    pub draft_grade: Option<String>,
    pub delta: Option<f64>,
    pub rank_active: Option<i32>,
    pub rank_draft: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
