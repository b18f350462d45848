//! The organisation workbook over HTTP, for administrators: the template and the export to
//! download (GET), and the upload (POST, multipart) that is checked, kept and shown on its
//! own page, where it is applied.

use axum::extract::{Multipart, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

use crate::authz::{decide, Action, Decision};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::ssr::auth::Principal;
use crate::ssr::headers::json_error;
use crate::ssr::services::onboarding::{self, read::MAX_BYTES, uploads, Options};
use crate::ssr::state::AppState;

/// Where uploads go.
pub const UPLOAD_PATH: &str = "/api/to-chuc/nhap";
/// The largest upload body (the file and the form around it).
pub const UPLOAD_BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// The administrator, or the refusal's status.
fn admin(principal: Option<&Extension<Principal>>) -> Result<Principal, StatusCode> {
    let subject = principal.map(|p| p.0.subject().clone());
    match decide(subject.as_ref(), &Action::ManageUsers) {
        Decision::Allow => principal
            .map(|p| p.0.clone())
            .ok_or(StatusCode::UNAUTHORIZED),
        Decision::SignIn => Err(StatusCode::UNAUTHORIZED),
        _ => Err(StatusCode::FORBIDDEN),
    }
}

fn xlsx(bytes: Vec<u8>, file: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn failed(e: &AppError, what: &str) -> Response {
    tracing::error!(error = %e, "{what}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// GET /api/to-chuc/mau: the workbook to fill in.
pub async fn template(principal: Option<Extension<Principal>>) -> Response {
    if let Err(refused) = admin(principal.as_ref()) {
        return refused.into_response();
    }
    match onboarding::template().await {
        Ok(bytes) => xlsx(bytes, "mau-to-chuc.xlsx"),
        Err(e) => failed(&e, "org template"),
    }
}

/// GET /api/to-chuc/xuat: the organisation as Rubric holds it.
pub async fn export(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
) -> Response {
    if let Err(refused) = admin(principal.as_ref()) {
        return refused.into_response();
    }
    match onboarding::export(&state.db).await {
        Ok(bytes) => xlsx(bytes, "to-chuc.xlsx"),
        Err(e) => failed(&e, "org export"),
    }
}

/// POST /api/to-chuc/nhap (multipart: `file`, `deactivate_missing`): checks the file, keeps
/// it and goes to its page (303).
pub async fn upload(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    mut form: Multipart,
) -> Response {
    let me = match admin(principal.as_ref()) {
        Ok(p) => p,
        Err(refused) => return refused.into_response(),
    };
    let bad = |msg: Msg| {
        json_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &AppError::refused("file", msg),
        )
    };
    let (mut file, mut name, mut options) = (None, String::new(), Options::default());
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return bad(Msg::OrgUploadBroken),
        };
        match field.name() {
            Some("file") => {
                name = field.file_name().unwrap_or_default().to_string();
                match field.bytes().await {
                    Ok(b) if b.len() <= MAX_BYTES => file = Some(b.to_vec()),
                    Ok(_) => return bad(Msg::OrgFileTooLarge),
                    Err(_) => return bad(Msg::OrgUploadBroken),
                }
            }
            Some("deactivate_missing") => {
                let v = field.text().await.unwrap_or_default();
                options.deactivate_missing = !v.is_empty() && v != "false";
            }
            _ => {}
        }
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return bad(Msg::OrgNoFile);
    };
    match uploads::upload(&state.db, &me.actor(), &name, bytes, options).await {
        Ok(id) => Redirect::to(&format!("/quan-tri/to-chuc/nhap/{id}")).into_response(),
        Err(e) => failed(&e, "org upload"),
    }
}

pub use crate::models::CATALOG_UPLOAD_PATH;
/// The largest catalog file: a position's catalog is a few hundred rows, far under the
/// request body limit every route has.
const CATALOG_MAX_BYTES: usize = crate::ssr::headers::BODY_LIMIT;

/// POST /api/vi-tri/danh-muc (multipart: `version`, `lock_version`, `file`): replaces the
/// catalog of a draft job description with the file's rows, all or nothing, and goes back
/// to the position's page (303) saying how many tasks were read — or which lines are bad
/// (by line number and kind of problem only: nothing the file holds is echoed in the link).
pub async fn catalog_upload(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    mut form: Multipart,
) -> Response {
    let me = match configurer(principal.as_ref()) {
        Ok(p) => p,
        Err(refused) => return refused.into_response(),
    };
    let bad = |msg: Msg| {
        json_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &AppError::refused("file", msg),
        )
    };
    let (mut file, mut version, mut lock) = (None, None, None);
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return bad(Msg::OrgUploadBroken),
        };
        match field.name() {
            Some("file") => match field.bytes().await {
                Ok(b) if b.len() <= CATALOG_MAX_BYTES => file = Some(b.to_vec()),
                Ok(_) => return bad(Msg::OrgFileTooLarge),
                Err(_) => return bad(Msg::OrgUploadBroken),
            },
            Some("version") => {
                version = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<i32>().ok())
            }
            Some("lock_version") => {
                lock = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<i32>().ok())
            }
            _ => {}
        }
    }
    let (Some(version), Some(lock)) = (version, lock) else {
        return bad(Msg::OrgUploadBroken);
    };
    let position =
        match crate::ssr::services::job_descriptions::position_of_version(&state.db, version).await
        {
            Ok(p) => p,
            Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
            Err(e) => return failed(&e, "catalog upload"),
        };
    let back = |query: String| {
        Redirect::to(&format!("/quan-tri/vi-tri/{position}?{query}")).into_response()
    };
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return back("tep=rong".into());
    };
    let rows = match tokio::task::spawn_blocking(move || onboarding::read::table_rows(&bytes)).await
    {
        Ok(Ok(rows)) => rows,
        Ok(Err(_)) => return back("tep=hong".into()),
        Err(e) => return failed(&AppError::internal("spawn_blocking", e), "catalog upload"),
    };
    let items = match crate::models::parse_catalog_rows(rows) {
        Ok(items) if items.is_empty() => return back("tep=rong".into()),
        Ok(items) => items,
        Err(lines) => {
            let codes: Vec<String> = lines
                .iter()
                .take(50)
                .map(|(n, p)| format!("{n}-{}", p.code()))
                .collect();
            return back(format!("tep=loi&dong={}", codes.join(".")));
        }
    };
    let count = items.len();
    match crate::ssr::services::job_descriptions::replace_catalog(
        &state.db,
        &me.actor(),
        version,
        lock,
        &items,
    )
    .await
    {
        Ok(_) => back(format!("tep=ok&so={count}")),
        Err(AppError::Conflict) => back("tep=xung-dot".into()),
        Err(AppError::Notice {
            notice: crate::i18n::Notice::StateRefused { .. },
            ..
        }) => back("tep=trang-thai".into()),
        Err(AppError::Refused { .. } | AppError::Invalid { .. } | AppError::Notice { .. }) => {
            back("tep=du-lieu".into())
        }
        Err(e) => failed(&e, "catalog upload"),
    }
}

/// Whoever may edit the configuration (job descriptions, catalogs, formulas).
fn configurer(principal: Option<&Extension<Principal>>) -> Result<Principal, StatusCode> {
    let subject = principal.map(|p| p.0.subject().clone());
    match decide(subject.as_ref(), &Action::EditConfiguration) {
        Decision::Allow => principal
            .map(|p| p.0.clone())
            .ok_or(StatusCode::UNAUTHORIZED),
        Decision::SignIn => Err(StatusCode::UNAUTHORIZED),
        _ => Err(StatusCode::FORBIDDEN),
    }
}
