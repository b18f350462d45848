//! The demo province: what `rubric seed-demo` and the README's run command put into an empty
//! database so that a first visitor has something real to look at.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};

use crate::ssr::entities::{unit, user, user_role};

/// What the seed did.
#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded { units: usize, users: usize },
    /// The database already had units; nothing was written.
    AlreadyPopulated,
}

/// (code, name, kind, parent code)
const UNITS: &[(&str, &str, &str, Option<&str>)] = &[
    ("khh", "Tỉnh Khánh Hòa", "province", None),
    ("snv", "Sở Nội vụ", "agency", Some("khh")),
    ("snv/tccb", "Phòng Tổ chức cán bộ", "department", Some("snv")),
    ("snv/vp", "Văn phòng Sở", "department", Some("snv")),
    ("snv/cchc", "Phòng Cải cách hành chính", "department", Some("snv")),
    ("stc", "Sở Tài chính", "agency", Some("khh")),
    ("stc/vp", "Văn phòng Sở", "department", Some("stc")),
    ("stc/ns", "Phòng Quản lý ngân sách", "department", Some("stc")),
    ("xcr", "UBND xã Cam Ranh", "agency", Some("khh")),
    ("xcr/vp", "Văn phòng HĐND và UBND", "department", Some("xcr")),
    ("xcr/kt", "Phòng Kinh tế", "department", Some("xcr")),
];

/// Seeds the demo province when the database holds no unit yet. All or nothing.
pub async fn seed_demo_if_empty(db: &DatabaseConnection) -> Result<SeedOutcome, DbErr> {
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(SeedOutcome::AlreadyPopulated);
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut ids: Vec<(&str, i32)> = Vec::new();
    for (code, name, kind, parent) in UNITS {
        let parent_id = match parent {
            Some(p) => Some(
                ids.iter()
                    .find(|(c, _)| c == p)
                    .map(|(_, id)| *id)
                    .ok_or_else(|| DbErr::Custom(format!("seed: parent {p} not seeded")))?,
            ),
            None => None,
        };
        let saved = unit::ActiveModel {
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            kind: Set(kind.to_string()),
            parent_id: Set(parent_id),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        ids.push((code, saved.id));
    }
    let province = ids[0].1;
    let admin = user::ActiveModel {
        username: Set("admin".into()),
        full_name: Set("Quản trị viên Sở Nội vụ".into()),
        password_hash: Set(None),
        unit_id: Set(Some(province)),
        is_active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    user_role::ActiveModel {
        user_id: Set(admin.id),
        role: Set("admin".into()),
        unit_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(SeedOutcome::Seeded {
        units: UNITS.len(),
        users: 1,
    })
}
