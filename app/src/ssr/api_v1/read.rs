//! The reading endpoints: the organisation of the client's agency, a position's catalog,
//! and scores (a unit's, paged with an `ETag`; one officer's, with its trace).

use std::collections::{HashMap, HashSet};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use super::problem::{ApiError, Kind, Problem};
use super::{locale, ApiState};
use crate::i18n::{vietnam_date, Locale};
use crate::models::{ApiScope, FormulaScope};
use crate::ssr::entities::{
    catalog_item, period, period_score, position, position_agency, unit, user,
};
use crate::ssr::services::api_clients::ApiCaller;
use crate::ssr::services::{job_descriptions, scores};

/// The query string as name → value (the last of a repeated name).
pub(super) fn query(raw: Option<String>) -> HashMap<String, String> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

fn bad(field: &str, locale: Locale, detail: impl Into<String>) -> ApiError {
    ApiError::new(Kind::InvalidParameter, locale)
        .field(field)
        .detail(detail)
}

/// `name` of the query as a number in `range`, `default` when absent.
fn number(
    q: &HashMap<String, String>,
    name: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
    locale: Locale,
) -> Result<u64, ApiError> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| bad(name, locale, format!("{}..={}", range.start(), range.end()))),
    }
}

fn path_text(p: Result<Path<String>, PathRejection>, locale: Locale) -> Result<String, ApiError> {
    p.map(|Path(s)| s)
        .map_err(|e| bad("path", locale, e.body_text()))
}

/// A unit of the client's agency.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UnitOut {
    pub code: String,
    pub name: String,
    /// `province`, `agency` or `department`.
    pub kind: String,
    pub parent_code: Option<String>,
    /// Closed from this day on (`YYYY-MM-DD`).
    pub closed_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UnitList {
    pub units: Vec<UnitOut>,
}

/// `GET /units`: the client's agency and every unit below it.
#[utoipa::path(
    get,
    path = "/units",
    tag = "org",
    operation_id = "listUnits",
    description = "Đơn vị của cơ quan (cơ quan và mọi đơn vị trực thuộc). Needs `org:read`.",
    responses(
        (status = 200, description = "The units", body = UnitList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn units(
    State(api): State<ApiState>,
    headers: HeaderMap,
) -> Result<Json<UnitList>, ApiError> {
    let caller = api.authorize(&headers, ApiScope::OrgRead).await?;
    let all = unit::Entity::find()
        .order_by_asc(unit::Column::Code)
        .all(&api.app.db)
        .await?;
    let codes: HashMap<i32, String> = all.iter().map(|u| (u.id, u.code.clone())).collect();
    Ok(Json(UnitList {
        units: all
            .into_iter()
            .filter(|u| caller.units.contains(&u.id))
            .map(|u| UnitOut {
                parent_code: u.parent_id.and_then(|p| codes.get(&p).cloned()),
                code: u.code,
                name: u.name,
                kind: u.kind,
                closed_on: u.closed_on,
            })
            .collect(),
    }))
}

/// A job position (vị trí việc làm) the agency uses.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PositionOut {
    pub code: String,
    pub name: String,
    /// `leader`, `professional` or `support`.
    pub group: String,
    pub cohort_group: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PositionList {
    pub positions: Vec<PositionOut>,
}

/// The positions the caller's agency uses (every position for a province-wide client).
async fn positions_of(
    api: &ApiState,
    caller: &ApiCaller,
) -> Result<Vec<position::Model>, ApiError> {
    let all = position::Entity::find()
        .order_by_asc(position::Column::Code)
        .all(&api.app.db)
        .await?;
    let agency = unit::Entity::find_by_id(caller.agency_id)
        .one(&api.app.db)
        .await?;
    if agency.as_ref().is_some_and(|a| a.parent_id.is_none()) {
        return Ok(all);
    }
    let used: HashSet<i32> = position_agency::Entity::find()
        .filter(position_agency::Column::UnitId.eq(caller.agency_id))
        .all(&api.app.db)
        .await?
        .into_iter()
        .map(|pa| pa.position_id)
        .collect();
    // A position held by someone of the agency counts too, listed or not.
    let held: HashSet<i32> = user::Entity::find()
        .filter(user::Column::UnitId.is_in(caller.units.iter().copied()))
        .all(&api.app.db)
        .await?
        .into_iter()
        .filter_map(|u| u.position_id)
        .collect();
    Ok(all
        .into_iter()
        .filter(|p| used.contains(&p.id) || held.contains(&p.id))
        .collect())
}

/// `GET /positions`: the positions the agency uses.
#[utoipa::path(
    get,
    path = "/positions",
    tag = "org",
    operation_id = "listPositions",
    description = "Vị trí việc làm cơ quan sử dụng. Needs `org:read`.",
    responses(
        (status = 200, description = "The positions", body = PositionList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn positions(
    State(api): State<ApiState>,
    headers: HeaderMap,
) -> Result<Json<PositionList>, ApiError> {
    let caller = api.authorize(&headers, ApiScope::OrgRead).await?;
    Ok(Json(PositionList {
        positions: positions_of(&api, &caller)
            .await?
            .into_iter()
            .map(|p| PositionOut {
                code: p.code,
                name: p.name,
                group: p.kind,
                cohort_group: p.cohort_group,
            })
            .collect(),
    }))
}

/// An officer of the agency.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfficerOut {
    /// The id the province's HR or e-office system knows the person by (`person_id` of entries).
    pub person_id: Option<String>,
    pub username: String,
    pub full_name: String,
    pub unit_code: Option<String>,
    pub position_code: Option<String>,
    pub active: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfficerPage {
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    pub officers: Vec<OfficerOut>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u64>,
    /// Rows per page, 1 to 500 (100 when absent).
    #[param(minimum = 1, maximum = 500)]
    per_page: Option<u64>,
}

/// `GET /officers`: the agency's people, paged, ordered by username.
#[utoipa::path(
    get,
    path = "/officers",
    tag = "org",
    operation_id = "listOfficers",
    description = "Cán bộ của cơ quan, theo trang. Needs `org:read`.",
    params(PageParams),
    responses(
        (status = 200, description = "A page of officers", body = OfficerPage),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn officers(
    State(api): State<ApiState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Json<OfficerPage>, ApiError> {
    let locale = locale(&headers);
    let caller = api.authorize(&headers, ApiScope::OrgRead).await?;
    let q = query(raw);
    let page = number(&q, "page", 1, 1..=100_000, locale)?;
    let per_page = number(&q, "per_page", 100, 1..=500, locale)?;
    let people = user::Entity::find()
        .filter(user::Column::UnitId.is_in(caller.units.iter().copied()))
        .order_by_asc(user::Column::Username)
        .all(&api.app.db)
        .await?;
    let units = codes_of_units(&api).await?;
    let positions = codes_of_positions(&api).await?;
    let total = people.len() as u64;
    let officers = people
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .map(|u| OfficerOut {
            person_id: u.external_id,
            username: u.username,
            full_name: u.full_name,
            unit_code: u.unit_id.and_then(|id| units.get(&id).cloned()),
            position_code: u.position_id.and_then(|id| positions.get(&id).cloned()),
            active: u.is_active,
        })
        .collect();
    Ok(Json(OfficerPage {
        page,
        per_page,
        total,
        officers,
    }))
}

async fn codes_of_units(api: &ApiState) -> Result<HashMap<i32, String>, ApiError> {
    Ok(unit::Entity::find()
        .all(&api.app.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect())
}

async fn codes_of_positions(api: &ApiState) -> Result<HashMap<i32, String>, ApiError> {
    Ok(position::Entity::find()
        .all(&api.app.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect())
}

/// A task of a catalog.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TaskOut {
    /// The code entries name as `task_code`.
    pub code: String,
    /// A, B, C or D.
    pub group: String,
    pub name: String,
    pub unit_of_measure: String,
    /// Standard minutes per unit.
    pub norm_minutes: f64,
    /// 1, 2 or 3.
    pub complexity_level: i32,
    pub coefficient: f64,
    /// Whether an entry of the task should name its document.
    pub evidence_required: bool,
}

/// The catalog of a position in force on a day.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CatalogOut {
    pub position_code: String,
    /// The day asked about.
    pub date: NaiveDate,
    /// The job description version in force that day.
    pub version_no: i32,
    pub effective_from: Option<NaiveDate>,
    pub tasks: Vec<TaskOut>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct CatalogParams {
    /// The day (`YYYY-MM-DD`); today in Vietnam when absent.
    #[param(format = Date)]
    date: Option<String>,
}

/// `GET /positions/{code}/catalog`: the task catalog in force on a day.
#[utoipa::path(
    get,
    path = "/positions/{code}/catalog",
    tag = "catalog",
    operation_id = "getCatalog",
    description = "Danh mục công việc của vị trí việc làm có hiệu lực vào ngày đã cho. Needs `catalog:read`.",
    params(("code" = String, Path, description = "The position's code", example = "CV-TCCB"), CatalogParams),
    responses(
        (status = 200, description = "The catalog", body = CatalogOut),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing or not a position of the agency", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such position, or no approved catalog on that day", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn catalog(
    State(api): State<ApiState>,
    headers: HeaderMap,
    code: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<CatalogOut>, ApiError> {
    let locale = locale(&headers);
    let caller = api.authorize(&headers, ApiScope::CatalogRead).await?;
    let code = path_text(code, locale)?;
    let q = query(raw);
    let date = match q.get("date").map(|d| d.trim()) {
        None => vietnam_date(chrono::Utc::now()),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| bad("date", locale, "YYYY-MM-DD"))?,
    };
    let p = position::Entity::find()
        .filter(position::Column::Code.eq(code.trim()))
        .one(&api.app.db)
        .await?
        .ok_or_else(|| ApiError::new(Kind::NotFound, locale).field("code"))?;
    if !positions_of(&api, &caller)
        .await?
        .iter()
        .any(|x| x.id == p.id)
    {
        return Err(ApiError::new(Kind::OutsideAgency, locale).field("code"));
    }
    let version = job_descriptions::version_in_force(&api.app.db, p.id, date)
        .await
        .map_err(|e| ApiError::from_app(e, locale))?
        .ok_or_else(|| ApiError::new(Kind::NotFound, locale).field("date"))?;
    let items = job_descriptions::catalog_of(&api.app.db, version.id)
        .await
        .map_err(|e| ApiError::from_app(e, locale))?;
    Ok(Json(CatalogOut {
        position_code: p.code,
        date,
        version_no: version.version_no,
        effective_from: version.effective_from,
        tasks: items.into_iter().map(task_out).collect(),
    }))
}

fn task_out(i: catalog_item::Model) -> TaskOut {
    TaskOut {
        code: i.code,
        group: i.group_code,
        name: i.name,
        unit_of_measure: i.unit_of_measure,
        norm_minutes: i.norm_minutes,
        complexity_level: i.complexity_level,
        coefficient: i.coefficient,
        evidence_required: i.evidence_required,
    }
}

/// An officer's current score in a period.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ScoreRow {
    pub person_id: Option<String>,
    pub username: String,
    pub full_name: String,
    pub unit_code: Option<String>,
    pub position_code: Option<String>,
    /// `scored` or `not_scored`.
    pub status: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Re-scoring adds a version; this is the current one.
    pub score_version: i32,
    /// SHA-256 of the formula version (script and parameters) that computed it.
    pub rule_version_hash: String,
}

/// A page of a unit's scores in a period.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UnitScores {
    pub unit_code: String,
    pub period: String,
    /// `open`, `scored`, `approved` or `published`: scores are final once approved.
    pub period_status: String,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    pub scores: Vec<ScoreRow>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ScoreParams {
    /// The period's code: `2025-05` (a month), `2025-Q2`, `2025`.
    #[param(pattern = r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$")]
    period: String,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u64>,
    /// Rows per page, 1 to 500 (100 when absent).
    #[param(minimum = 1, maximum = 500)]
    per_page: Option<u64>,
}

/// The period with this code.
async fn period_by_code(
    api: &ApiState,
    code: &str,
    locale: Locale,
) -> Result<period::Model, ApiError> {
    period::Entity::find()
        .filter(period::Column::Code.eq(code.trim()))
        .one(&api.app.db)
        .await?
        .ok_or_else(|| ApiError::new(Kind::NotFound, locale).field("period"))
}

/// `GET /units/{code}/scores`: the current scores of a unit (and the units below it).
#[utoipa::path(
    get,
    path = "/units/{code}/scores",
    tag = "scores",
    operation_id = "listUnitScores",
    description = "Điểm hiện hành của cán bộ trong đơn vị (và các đơn vị trực thuộc) cho một kỳ, theo trang. \
Send the `ETag` back as `If-None-Match` to get `304` while nothing changed. Needs `scores:read`.",
    params(("code" = String, Path, description = "The unit's code", example = "snv/tccb"), ScoreParams,
        ("If-None-Match" = Option<String>, Header, description = "The ETag of a page already read")),
    responses(
        (status = 200, description = "A page of scores", body = UnitScores,
            headers(("ETag" = String, description = "The page's version"))),
        (status = 304, description = "Not modified since the ETag"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing or a unit of another agency", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such unit or period", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn unit_scores(
    State(api): State<ApiState>,
    headers: HeaderMap,
    code: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let locale = locale(&headers);
    let caller = api.authorize(&headers, ApiScope::ScoresRead).await?;
    let code = path_text(code, locale)?;
    let q = query(raw);
    let page = number(&q, "page", 1, 1..=100_000, locale)?;
    let per_page = number(&q, "per_page", 100, 1..=500, locale)?;
    let period_code = q
        .get("period")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| bad("period", locale, "2025-05"))?;
    let u = unit::Entity::find()
        .filter(unit::Column::Code.eq(code.trim()))
        .one(&api.app.db)
        .await?
        .ok_or_else(|| ApiError::new(Kind::NotFound, locale).field("code"))?;
    if !caller.units.contains(&u.id) {
        return Err(ApiError::new(Kind::OutsideAgency, locale).field("code"));
    }
    let p = period_by_code(&api, &period_code, locale).await?;
    let tree = crate::ssr::services::org::UnitTree::load(&api.app.db)
        .await
        .map_err(|e| ApiError::from_app(e, locale))?;
    let within: Vec<i32> = tree
        .all()
        .filter(|x| tree.is_within(x.id, u.id))
        .map(|x| x.id)
        .collect();
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::UnitId.is_in(within))
        .all(&api.app.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut rows = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::SupersededBy.is_null())
        .filter(period_score::Column::OfficerId.is_in(people.keys().copied()))
        .all(&api.app.db)
        .await?;
    rows.sort_by(|a, b| {
        let name = |s: &period_score::Model| people.get(&s.officer_id).map(|u| u.username.clone());
        name(a).cmp(&name(b))
    });
    let units: HashMap<i32, String> = tree.all().map(|x| (x.id, x.code.clone())).collect();
    let positions = codes_of_positions(&api).await?;
    let total = rows.len() as u64;
    let scores = rows
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .filter_map(|s| {
            let who = people.get(&s.officer_id)?;
            Some(ScoreRow {
                person_id: who.external_id.clone(),
                username: who.username.clone(),
                full_name: who.full_name.clone(),
                unit_code: who.unit_id.and_then(|id| units.get(&id).cloned()),
                position_code: who.position_id.and_then(|id| positions.get(&id).cloned()),
                status: s.status.as_str().to_string(),
                total: s.total,
                grade: s.grade,
                score_version: s.score_version,
                rule_version_hash: s.rule_version_hash,
            })
        })
        .collect();
    let body = UnitScores {
        unit_code: u.code,
        period: p.code,
        period_status: p.status.as_str().to_string(),
        page,
        per_page,
        total,
        scores,
    };
    let json = serde_json::to_vec(&body).map_err(|e| {
        tracing::error!(error = %e, "api: scores json");
        ApiError::new(Kind::Internal, locale)
    })?;
    let etag = format!("\"{}\"", &hex::encode(Sha256::digest(&json))[..32]);
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\""));
    if let Some(sent) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        let matches = sent.trim() == "*"
            || sent
                .split(',')
                .any(|t| t.trim().trim_start_matches("W/") == etag);
        if matches {
            return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value)]).into_response());
        }
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, etag_value),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
        ],
        json,
    )
        .into_response())
}

/// One rule's part of a score, with the entries behind it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TraceLineOut {
    pub rule: String,
    pub label: String,
    pub explanation: String,
    pub points: f64,
    /// The line of the formula's script that recorded it.
    pub line: Option<u32>,
    pub entries: Vec<TraceEntryOut>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TraceEntryOut {
    pub entry_id: i64,
    pub contribution: f64,
    pub work_date: Option<NaiveDate>,
    pub task: Option<String>,
}

/// Which formula scored: the position's own, the agency's parameters, or the province's.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FormulaOut {
    /// `position`, `agency` or `province`.
    pub level: String,
    /// The position's code or the agency's name, for the first two.
    pub owner: Option<String>,
    pub rule_set: String,
    pub version_no: i32,
    /// SHA-256 of the version's script and parameters.
    pub hash: String,
}

/// An officer's score with its explanation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfficerScore {
    pub person_id: String,
    pub full_name: String,
    pub period: String,
    pub period_status: String,
    /// `scored` or `not_scored`.
    pub status: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Why the officer was not scored, if not.
    pub reason: Option<String>,
    pub score_version: i32,
    /// Points per component (`general`, `a`, `b`, `c`, `task`…).
    pub components: HashMap<String, f64>,
    pub formula: FormulaOut,
    pub trace: Vec<TraceLineOut>,
}

/// `GET /officers/{person_id}/scores/{period}`: one officer's score, explained.
#[utoipa::path(
    get,
    path = "/officers/{person_id}/scores/{period}",
    tag = "scores",
    operation_id = "getOfficerScore",
    description = "Điểm của một cán bộ trong một kỳ, giải thích theo từng quy tắc đến từng bản ghi nhật ký và dòng công thức. Needs `scores:read`.",
    params(
        ("person_id" = String, Path, description = "The officer's person id (external id)", example = "KHH000012"),
        ("period" = String, Path, description = "The period's code, e.g. 2025-05"),
    ),
    responses(
        (status = 200, description = "The score and its trace", body = OfficerScore),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing or an officer of another agency", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such officer, period or score", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn officer_score(
    State(api): State<ApiState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<OfficerScore>, ApiError> {
    let locale = locale(&headers);
    let caller = api.authorize(&headers, ApiScope::ScoresRead).await?;
    let Path((person_id, period_code)) = path.map_err(|e| bad("path", locale, e.body_text()))?;
    let who = user::Entity::find()
        .filter(user::Column::ExternalId.eq(person_id.trim()))
        .one(&api.app.db)
        .await?
        .ok_or_else(|| ApiError::new(Kind::NotFound, locale).field("person_id"))?;
    if !who.unit_id.is_some_and(|u| caller.units.contains(&u)) {
        return Err(ApiError::new(Kind::OutsideAgency, locale).field("person_id"));
    }
    let p = period_by_code(&api, &period_code, locale).await?;
    let e = scores::explanation_cached(&api.app.db, &api.app.explanations, who.id, &p.code)
        .await
        .map_err(|e| ApiError::from_app(e, locale))?;
    // An integration reading an officer's score and trace is a score access like a person's.
    crate::ssr::services::audit::record_score_access(
        &api.app.db,
        &caller.actor(),
        who.id,
        &e.officer_name,
        &e.period,
    )
    .await?;
    let (level, owner) = match e.formula_scope {
        FormulaScope::Position(code) => ("position", Some(code)),
        FormulaScope::Agency(name) => ("agency", Some(name)),
        FormulaScope::Province => ("province", None),
    };
    Ok(Json(OfficerScore {
        person_id: who.external_id.unwrap_or_default(),
        full_name: e.officer_name,
        period: e.period,
        period_status: p.status.as_str().to_string(),
        status: e.status.as_str().to_string(),
        total: e.total,
        grade: e.grade,
        reason: e.reason,
        score_version: e.score_version,
        components: e.components.into_iter().collect(),
        formula: FormulaOut {
            level: level.to_string(),
            owner,
            rule_set: e.rule_set_name,
            version_no: e.rule_version_no,
            hash: e.rule_version_hash,
        },
        trace: e
            .trace
            .into_iter()
            .map(|t| TraceLineOut {
                rule: t.rule,
                label: t.label,
                explanation: t.explanation,
                points: t.points,
                line: t.line,
                entries: t
                    .entries
                    .into_iter()
                    .map(|x| TraceEntryOut {
                        entry_id: x.entry_id,
                        contribution: x.contribution,
                        work_date: x.work_date,
                        task: x.task,
                    })
                    .collect(),
            })
            .collect(),
    }))
}
