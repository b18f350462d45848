//! Background jobs (scoring a period, re-scoring after an activation): their progress and
//! result, and cancelling one.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::JobView;

/// Job `id` with its progress: for those who read the configuration (the committee,
/// administrators, auditors).
#[server(prefix = "/api", endpoint = "get_job", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(id = id), err(level = "info")))]
pub async fn get_job(id: i32) -> Result<JobView, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::jobs::view(&state.db, id, me.subject()).await
}

/// Cancels job `id` while it is queued or running: no part starts any more and a part in
/// progress writes nothing; what earlier parts stored stays (each part is whole).
#[server(prefix = "/api", endpoint = "cancel_job", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(id = id), err(level = "info")))]
pub async fn cancel_job(id: i32) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::guard::cancel_job(&state.db, id).await?;
    crate::ssr::services::jobs::cancel(&state.db, &me.actor(), id).await
}
