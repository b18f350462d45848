use sea_orm::entity::prelude::*;

/// A task of a job description version's catalog (danh mục công việc).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "catalog_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_description_version_id: i32,
    pub code: String,
    /// A, B, C or D.
    pub group_code: String,
    pub name: String,
    pub unit_of_measure: String,
    /// Standard minutes per unit.
    pub norm_minutes: f64,
    pub complexity_level: i32,
    pub coefficient: f64,
    pub evidence_required: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for crate::models::CatalogItemInput {
    fn from(i: Model) -> Self {
        crate::models::CatalogItemInput {
            code: i.code,
            group_code: i.group_code,
            name: i.name,
            unit_of_measure: i.unit_of_measure,
            norm_minutes: i.norm_minutes,
            complexity_level: i.complexity_level,
            coefficient: Some(i.coefficient),
            evidence_required: i.evidence_required,
        }
    }
}

impl From<Model> for crate::models::CatalogItemView {
    fn from(i: Model) -> Self {
        crate::models::CatalogItemView {
            code: i.code,
            group_code: i.group_code,
            name: i.name,
            unit_of_measure: i.unit_of_measure,
            norm_minutes: i.norm_minutes,
            complexity_level: i.complexity_level,
            coefficient: i.coefficient,
            evidence_required: i.evidence_required,
        }
    }
}
