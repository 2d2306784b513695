//! Error pages (404, 403, 500), what to show for a failed request, and
//! the one way a page shows the data it loads ([`Loaded`]).

use crate::api::AppError;
use crate::i18n::{t, Msg};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Forbidden,
    Server,
}

impl ErrorKind {
    fn status(self) -> u16 {
        match self {
            ErrorKind::NotFound => 404,
            ErrorKind::Forbidden => 403,
            ErrorKind::Server => 500,
        }
    }
}

/// A whole-page error, with its HTTP status when rendered on the server.
#[component]
pub fn ErrorPage(kind: ErrorKind, #[prop(optional)] detail: Option<Msg>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(kind.status()) {
            options.set_status(status);
        }
    }
    let (title, text) = match kind {
        ErrorKind::NotFound => (Msg::NotFoundTitle, Msg::NotFoundText),
        ErrorKind::Forbidden => (Msg::ForbiddenTitle, Msg::ForbiddenText),
        ErrorKind::Server => (Msg::ServerErrorTitle, Msg::ServerError),
    };
    let text = detail.unwrap_or(text);
    view! {
        <section class="error-page" aria-labelledby="error-title">
            <p class="error-code" aria-hidden="true">{kind.status()}</p>
            <h1 id="error-title">{t(title)}</h1>
            <p>{t(text)}</p>
            <p>
                <a class="button" href="/">{t(Msg::GoHome)}</a>
            </p>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage kind=ErrorKind::NotFound/> }
}

/// What a page shows when its data could not be loaded.
pub fn error_view(error: AppError) -> AnyView {
    match error {
        AppError::Unauthenticated => view! { <Redirect path="/login"/> }.into_any(),
        AppError::Forbidden => view! { <ErrorPage kind=ErrorKind::Forbidden/> }.into_any(),
        AppError::NotFound => view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any(),
        other => {
            let msg = other.message();
            view! { <ErrorPage kind=ErrorKind::Server detail=msg/> }.into_any()
        }
    }
}

/// A page's data from the server: the busy indicator while it loads, the
/// error in words (or the login) if it cannot, else what `children` makes
/// of it: `<Loaded resource=data let:page>…</Loaded>`.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <super::Loading/> }>
            {move || resource.get().map(|result| match result {
                Err(error) => error_view(error),
                Ok(data) => children(data).into_any(),
            })}
        </Suspense>
    }
}
