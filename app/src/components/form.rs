//! A form that posts to a server function, for the pages whose code the browser downloads
//! first (the diary and the header).
//!
//! Leptos's `ActionForm` reads the form's fields into the server function's arguments in the
//! browser (serde_qs's deserializer, once per form type) and `ServerAction` writes them out
//! again to send them. [`Form`] sends the fields as the browser would post the form without
//! JavaScript (`application/x-www-form-urlencoded`), which is what the server function reads
//! anyway: the browser's main wasm then holds neither step. The server checks every field, as
//! it does for a form posted without JavaScript.

use std::marker::PhantomData;

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;

/// A server function called by a [`Form`]: its last result and its version (bumped by each
/// result), as `ServerAction` has them.
pub struct FormAction<S: ServerFn> {
    action: Action<String, Result<S::Output, AppError>>,
    function: PhantomData<fn() -> S>,
}

impl<S: ServerFn> Clone for FormAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormAction<S> {}

impl<S> FormAction<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        // A form posted without JavaScript that failed comes back with its error in the URL
        // (leptos_axum's redirect to the referer), as it does for a `ServerAction`.
        let failed = use_context::<leptos::server::ServerActionError>().and_then(|e| {
            (e.path() == S::url()).then(|| {
                Err(leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(e.err()))
            })
        });
        FormAction {
            action: Action::new_with_value(failed, |body: &String| {
                post::<S::Output>(S::url(), body.clone())
            }),
            function: PhantomData,
        }
    }

    /// The last result, `None` before the first.
    pub fn value(&self) -> MappedSignal<Option<Result<S::Output, AppError>>> {
        self.action.value()
    }

    /// Bumped by each result: a resource that reads it is fetched again after each call.
    pub fn version(&self) -> RwSignal<usize> {
        self.action.version()
    }
}

/// Posts a form's fields to the server function at `path` and reads its answer as a server
/// function call does: the result with the functions' own encoding (`api::codec::JsonText`),
/// an [`AppError`] on an error status with its own decoder. A redirect the function asked for
/// goes through the redirect hook (the router's).
#[cfg(feature = "hydrate")]
async fn post<T: serde::de::DeserializeOwned>(path: &str, body: String) -> Result<T, AppError> {
    use crate::api::codec::JsonText;
    use leptos::server_fn::client::{browser::BrowserClient, Client};
    use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
    use leptos::server_fn::request::ClientReq;
    use leptos::server_fn::response::ClientRes;
    use leptos::server_fn::{ContentType, Decodes};

    type Request = <BrowserClient as Client<AppError>>::Request;
    type Response = <BrowserClient as Client<AppError>>::Response;
    let request = Request::try_new_post(
        path,
        "application/x-www-form-urlencoded",
        JsonText::CONTENT_TYPE,
        body,
    )?;
    let response = <BrowserClient as Client<AppError>>::send(request).await?;
    let status = ClientRes::<AppError>::status(&response);
    let location = ClientRes::<AppError>::location(&response);
    let redirect = (300..400).contains(&status) || ClientRes::<AppError>::has_redirect(&response);
    let bytes = <Response as ClientRes<AppError>>::try_into_bytes(response).await?;
    let result = if (400..600).contains(&status) {
        Err(AppError::de(bytes))
    } else {
        <JsonText as Decodes<T>>::decode(bytes).map_err(|e| {
            AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(e.to_string()))
        })
    };
    if redirect {
        leptos::server_fn::redirect::call_redirect_hook(&location);
    }
    result
}

/// Sends the fields of the form `ev` submits (with the button that submitted it).
#[cfg(feature = "hydrate")]
fn send<S>(action: FormAction<S>, ev: &leptos::ev::SubmitEvent)
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let fields = leptos::form::form_data_from_event(ev)
        .ok()
        .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok());
    match fields {
        Some(fields) => {
            action.action.dispatch(String::from(fields.to_string()));
        }
        None => {
            action.value().set(Some(Err(AppError::Internal)));
            action.version().update(|n| *n += 1);
        }
    }
}

#[cfg(not(feature = "hydrate"))]
fn send<S: ServerFn>(_action: FormAction<S>, _ev: &leptos::ev::SubmitEvent) {}

/// The server renders the form; only the browser posts it.
#[cfg(not(feature = "hydrate"))]
async fn post<T>(_path: &str, _body: String) -> Result<T, AppError> {
    Err(AppError::Internal)
}

/// A `<form method="post">` to the server function of `action`. Without JavaScript the
/// browser posts it itself; after hydration it is posted with `fetch` and the result lands in
/// `action`.
#[component]
pub fn Form<S>(action: FormAction<S>, children: Children) -> impl IntoView
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        send(action, &ev);
    };
    view! {
        <form method="post" action=S::url() on:submit=on_submit>
            {children()}
        </form>
    }
}
