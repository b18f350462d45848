//! `/api/v1`: the REST API for e-office systems, beside the server functions.
//!
//! Its own axum routes with stable names, outside the session, cross-site and page guards
//! (a caller is a bearer token, not a browser): every request names a token
//! (`Authorization: Bearer rbk_…`) of an API client, which reaches the units of its agency
//! and does what its scopes allow. Each token has its own rate limit (a `429` with
//! `Retry-After` beyond it). Errors are `application/problem+json` ([`problem`]). The
//! OpenAPI 3.1 document is generated from these handlers and types (utoipa) and served at
//! [`OPENAPI_PATH`]; [`DOCS_PATH`] renders it as a page that needs nothing from elsewhere.

pub mod docs;
pub mod entries;
pub mod problem;
pub mod read;

use std::num::NonZeroU32;
use std::sync::Arc;

use axum::http::{header, HeaderMap};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::i18n::Locale;
use crate::models::ApiScope;
use crate::ssr::services::api_clients::{self, ApiCaller, TokenRefusal};
use crate::ssr::state::AppState;
use problem::{locale_of, ApiError, Kind};

pub const PREFIX: &str = "/api/v1";
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";
pub const DOCS_PATH: &str = "/api/v1/docs";

/// The state of the API's handlers: the application's, and the per-token limiter.
#[derive(Clone)]
pub struct ApiState {
    pub app: AppState,
    limiter: Arc<DefaultKeyedRateLimiter<i32>>,
}

impl ApiState {
    /// `per_minute` requests per token and minute, in bursts of up to a tenth of them.
    pub fn new(app: AppState, per_minute: u32) -> ApiState {
        let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new((per_minute.get() / 10).max(1)).unwrap_or(NonZeroU32::MIN);
        ApiState {
            app,
            limiter: Arc::new(RateLimiter::keyed(
                Quota::per_minute(per_minute).allow_burst(burst),
            )),
        }
    }

    /// The caller of a request that needs `scope`: 401 without a valid token, 429 over its
    /// rate, 403 without the scope.
    pub async fn authorize(
        &self,
        headers: &HeaderMap,
        scope: ApiScope,
    ) -> Result<ApiCaller, ApiError> {
        let locale = locale_of(headers);
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            })
            .ok_or_else(|| ApiError::new(Kind::Unauthenticated, locale))?;
        let caller = match api_clients::authenticate(&self.app.db, token)
            .await
            .map_err(|e| ApiError::from_app(e, locale))?
        {
            Ok(c) => c,
            Err(TokenRefusal::Unknown) => return Err(ApiError::new(Kind::Unauthenticated, locale)),
            Err(TokenRefusal::Expired) => return Err(ApiError::new(Kind::TokenExpired, locale)),
            Err(TokenRefusal::Revoked) => return Err(ApiError::new(Kind::TokenRevoked, locale)),
        };
        // The limiter keeps a cell per token; those back to full are dropped now and then.
        if self.limiter.len() > 10_000 {
            self.limiter.retain_recent();
        }
        if let Err(not_until) = self.limiter.check_key(&caller.token_id) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let mut e = ApiError::new(Kind::RateLimited, locale);
            e.retry_after = Some(wait.as_secs().max(1));
            return Err(e);
        }
        if !caller.has(scope) {
            return Err(ApiError::new(Kind::MissingScope, locale).detail(scope.as_str()));
        }
        Ok(caller)
    }
}

/// The caller's language and the request's: every handler starts here.
pub fn locale(headers: &HeaderMap) -> Locale {
    locale_of(headers)
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rubric API",
        version = "1.0.0",
        description = "Nhận nhật ký công việc từ hệ thống quản lý văn bản điều hành và trả điểm đánh giá theo KPI. \
Receives work-log entries from e-office systems and returns KPI scores. \
Every request carries `Authorization: Bearer <token>`; a token reaches its client's agency \
and what its scopes allow. Errors are `application/problem+json` (RFC 9457)."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "entries", description = "Nhật ký công việc — work-log entries"),
        (name = "org", description = "Tổ chức — units, positions, officers"),
        (name = "catalog", description = "Danh mục công việc — task catalogs"),
        (name = "scores", description = "Điểm — scores"),
    )
)]
struct ApiDoc;

/// The API's routes (under [`PREFIX`]) and the OpenAPI document they make.
pub fn routes() -> (axum::Router<ApiState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(entries::batch))
        .routes(routes!(read::units))
        .routes(routes!(read::positions))
        .routes(routes!(read::officers))
        .routes(routes!(read::catalog))
        .routes(routes!(read::unit_scores))
        .routes(routes!(read::officer_score))
        .split_for_parts();
    doc.servers = Some(vec![utoipa::openapi::Server::new(PREFIX)]);
    (router, doc)
}

/// The OpenAPI document, as served.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
}

/// The router mounted at [`PREFIX`]: the endpoints, the document and its page.
pub fn router(app: AppState, per_minute: u32) -> axum::Router {
    let (api, doc) = routes();
    let doc = Arc::new(doc);
    let json = serde_json::to_vec_pretty(&*doc).unwrap_or_default();
    let page = docs::page(&doc);
    let state = ApiState::new(app, per_minute);
    axum::Router::new()
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let json = json.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], json) }
            }),
        )
        .route(
            "/docs",
            axum::routing::get(move || {
                let page = page.clone();
                async move {
                    (
                        [(header::CONTENT_SECURITY_POLICY, docs::POLICY)],
                        axum::response::Html(page),
                    )
                }
            }),
        )
        .merge(api.with_state(state.clone()))
        .fallback(
            |headers: HeaderMap| async move { ApiError::new(Kind::NotFound, locale_of(&headers)) },
        )
}
