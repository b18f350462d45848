//! Downloads that are not pages: a job-description version's catalog as CSV, a
//! simulation's results and the monthly report as Excel workbooks.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use sea_orm::{EntityTrait, TransactionTrait};

use crate::authz::{decide, Action, Decision};
use crate::models::{catalog_csv, CatalogItemView};
use crate::ssr::auth::Principal;
use crate::ssr::entities::{job_description_version as jdv, position};
use crate::ssr::state::AppState;

/// The caller when they may do `action`: otherwise 401 for visitors, 403 for the rest.
fn allowed(
    principal: Option<&Extension<Principal>>,
    action: &Action<'_>,
) -> Result<crate::authz::Subject, StatusCode> {
    let subject = principal.map(|p| p.0.subject().clone());
    match decide(subject.as_ref(), action) {
        Decision::Allow => subject.ok_or(StatusCode::UNAUTHORIZED),
        Decision::SignIn => Err(StatusCode::UNAUTHORIZED),
        _ => Err(StatusCode::FORBIDDEN),
    }
}

/// 401 for visitors, 403 for those who may not read the configuration, `None` to go on.
fn refuse_unless_config_reader(principal: Option<&Extension<Principal>>) -> Option<Response> {
    allowed(principal, &Action::ReadConfiguration)
        .err()
        .map(IntoResponse::into_response)
}

/// GET /api/xuat-danh-muc/{version id}: the catalog as CSV, for administrators, the
/// committee and auditors.
pub async fn catalog(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    Path(id): Path<i32>,
) -> Response {
    if let Some(refused) = refuse_unless_config_reader(principal.as_ref()) {
        return refused;
    }
    let found = async {
        let v = jdv::Entity::find_by_id(id).one(&state.db).await?;
        let Some(v) = v else { return Ok(None) };
        let p = position::Entity::find_by_id(v.position_id)
            .one(&state.db)
            .await?;
        let items = crate::ssr::services::job_descriptions::catalog_of(&state.db, v.id)
            .await
            .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
        Ok::<_, sea_orm::DbErr>(Some((v, p, items)))
    }
    .await;
    match found {
        Ok(Some((v, p, items))) => {
            let items: Vec<CatalogItemView> = items.into_iter().map(Into::into).collect();
            let code = p.map(|p| p.code).unwrap_or_else(|| "vi-tri".into());
            let file = format!("danh-muc-{code}-v{}.csv", v.version_no);
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{file}\""),
                    ),
                ],
                catalog_csv(&items),
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "catalog export");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// GET /api/xuat-mo-phong/{simulation id}: a simulation's results as an Excel workbook,
/// for the committee and auditors (it names every officer's scores).
pub async fn simulation(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    Path(id): Path<i32>,
) -> Response {
    if let Some(refused) = refuse_unless_config_reader(principal.as_ref()) {
        return refused;
    }
    // The workbook lists every officer's scores: only for those who may read them all.
    let subject = principal.as_ref().map(|p| p.0.subject().clone());
    if !crate::authz::reads_every_score(subject.as_ref()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let view = match crate::ssr::services::simulations::view(&state.db, id).await {
        Ok(v) => v,
        Err(crate::error::AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "simulation export");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match crate::ssr::services::simulations::workbook(&view) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"mo-phong-{id}-v{}-{}.xlsx\"",
                        view.version_no, view.brief.period
                    ),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "simulation workbook");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The query of a report: the period (the latest scored month when absent) and, for a
/// classification list, the agency (text, checked by the service: a bad id is a 422).
#[derive(Debug, serde::Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    ky: String,
    #[serde(default, rename = "co-quan")]
    co_quan: String,
}

fn locale_of(headers: &axum::http::HeaderMap) -> crate::i18n::Locale {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::i18n::Locale::from_cookie_header)
        .unwrap_or_default()
}

fn xlsx(file: String, bytes: Vec<u8>) -> Response {
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

fn failed(e: crate::error::AppError) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    crate::ssr::headers::json_error(status, &e)
}

/// GET /api/bao-cao/xep-loai?ky=2026&co-quan=ID: an agency's classification list (Excel):
/// the committee and auditors any agency, a head the agencies they head.
pub async fn classification_report(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: axum::http::HeaderMap,
    axum::extract::Query(q): axum::extract::Query<ReportQuery>,
) -> Response {
    let subject = match allowed(principal.as_ref(), &Action::ReadClassification) {
        Ok(s) => s,
        Err(refused) => return refused.into_response(),
    };
    let locale = locale_of(&headers);
    let built = async {
        let agency = match q.co_quan.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| {
                crate::error::AppError::refused("agency", crate::i18n::Msg::UserUnknownChoice)
            })?),
        };
        let l = crate::ssr::services::reports::classification(&state.db, &subject, &q.ky, agency)
            .await?;
        let file = format!("xep-loai-{}-{}.xlsx", l.agency.1, l.period);
        let bytes = crate::ssr::services::reports::classification_book(l, locale).await?;
        Ok::<_, crate::error::AppError>((file, bytes))
    }
    .await;
    match built {
        Ok((file, bytes)) => xlsx(file, bytes),
        Err(e) => failed(e),
    }
}

/// GET /api/bao-cao/thang?ky=2026-10: the monthly report to the Department of Home Affairs
/// (Excel), for the committee, administrators and auditors; in the language of the
/// `rubric_lang` cookie.
pub async fn monthly_report(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: axum::http::HeaderMap,
    axum::extract::Query(q): axum::extract::Query<ReportQuery>,
) -> Response {
    let subject = match allowed(principal.as_ref(), &Action::ReadProvinceFigures) {
        Ok(s) => s,
        Err(refused) => return refused.into_response(),
    };
    let locale = locale_of(&headers);
    let built = async {
        let d =
            crate::ssr::services::dashboard::dashboard(&state.db, &subject, &q.ky, None).await?;
        let period = d.period.clone();
        let positions =
            crate::ssr::services::reports::positions_of(&state.db, &period, &d.grades).await?;
        let bytes = crate::ssr::services::reports::monthly(d, positions, locale).await?;
        Ok::<_, crate::error::AppError>((period, bytes))
    }
    .await;
    match built {
        Ok((period, bytes)) => xlsx(format!("bao-cao-kpi-{period}.xlsx"), bytes),
        Err(e) => failed(e),
    }
}

/// GET /api/du-lieu-ca-nhan: everything Rubric holds about the signed-in person, as a JSON
/// file (their own data only: the id is the session's, never the request's); 401 for
/// visitors. Each download is in the audit trail.
pub async fn personal_data(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
) -> Response {
    let Some(Extension(principal)) = principal else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let id = principal.id();
    let result = async {
        let d = crate::ssr::services::personal_data::download(&state.db, id).await?;
        let txn = state.db.begin().await?;
        crate::ssr::services::audit::record(
            &txn,
            &principal.actor(),
            crate::ssr::services::audit::Change::new("personal_data.download", "user", id),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(d)
    }
    .await;
    match result {
        Ok(d) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", d.file_name),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            d.json,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "personal data download");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
