//! The organisation: the unit tree, for subtree filters ("this unit and below") and for
//! each unit's agency (the cohorts of scoring are formed per agency).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::i18n::Notice;
use crate::ssr::entities::unit;

/// The unit with this code, refused by its code when there is none.
pub async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<unit::Model, AppError> {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::notice(
                "unit",
                Notice::NoSuchUnit {
                    code: code.trim().to_string(),
                },
            )
        })
}

/// The organisation tree, for subtree filters and each unit's agency.
pub struct UnitTree {
    units: HashMap<i32, unit::Model>,
}

impl UnitTree {
    pub async fn load<C: ConnectionTrait>(db: &C) -> Result<UnitTree, AppError> {
        Ok(UnitTree::from_units(unit::Entity::find().all(db).await?))
    }

    /// The tree of units already read.
    pub fn from_units(units: Vec<unit::Model>) -> UnitTree {
        UnitTree {
            units: units.into_iter().map(|u| (u.id, u)).collect(),
        }
    }

    pub fn by_code(&self, code: &str) -> Option<&unit::Model> {
        self.units.values().find(|u| u.code == code)
    }

    pub fn get(&self, id: i32) -> Option<&unit::Model> {
        self.units.get(&id)
    }

    /// Every unit, in no particular order.
    pub fn all(&self) -> impl Iterator<Item = &unit::Model> {
        self.units.values()
    }

    /// Whether `id` is `ancestor` or below it.
    pub fn is_within(&self, id: i32, ancestor: i32) -> bool {
        let mut cur = Some(id);
        let mut steps = 0;
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.units.get(&c).and_then(|u| u.parent_id);
            steps += 1;
            if steps > 64 {
                return false;
            }
        }
        false
    }

    /// The unit and its ancestors up to the province, nearest first (what `authz` checks a
    /// reviewer's units against).
    pub fn chain(&self, id: i32) -> Vec<i32> {
        let mut chain = Vec::new();
        let mut cur = Some(id);
        while let Some(c) = cur {
            if chain.contains(&c) || chain.len() > 32 {
                break; // a cycle or an absurd depth
            }
            chain.push(c);
            cur = self.units.get(&c).and_then(|u| u.parent_id);
        }
        chain
    }

    /// The agency a unit belongs to (itself when it is one); the province if none.
    pub fn agency_of(&self, id: i32) -> Option<&unit::Model> {
        let mut cur = self.units.get(&id);
        let mut last = None;
        let mut steps = 0;
        while let Some(u) = cur {
            if u.kind == "agency" {
                return Some(u);
            }
            last = Some(u);
            cur = u.parent_id.and_then(|p| self.units.get(&p));
            steps += 1;
            if steps > 64 {
                break;
            }
        }
        last
    }
}
