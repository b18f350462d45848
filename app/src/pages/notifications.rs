//! The notification centre (/thong-bao): the signed-in person's notifications, newest
//! first, each with its link and a "mark read" button; and the address of their daily
//! e-mail digest.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::notifications::{my_notifications, MarkNotificationsRead, SetDigestEmail};
use crate::components::auth::ErrorAlert;
use crate::components::header::NotificationsEpoch;
use crate::components::pager::{page_param, Pager};
use crate::i18n::{format_date, notification_text, use_i18n, vietnam_date, Msg};
use crate::models::{NotificationCentre, NotificationView, NOTIFICATIONS_PER_PAGE};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || page_param(query);
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let email = ServerAction::<SetDigestEmail>::new();
    let centre = Resource::new(
        move || (page(), mark.version().get(), email.version().get()),
        |(p, _, _)| my_notifications(p),
    );
    if let Some(NotificationsEpoch(epoch)) = use_context::<NotificationsEpoch>() {
        Effect::watch(
            move || mark.version().get(),
            move |_, _, _| epoch.update(|e| *e += 1),
            false,
        );
    }
    view! {
        <section class="card" data-testid="notifications-page">
            <h1>{i18n.t(Msg::NotifyTitle)}</h1>
            <p class="muted">{i18n.t(Msg::NotifyIntro)}</p>
            {move || mark.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    centre
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(c) => view! { <Centre centre=c mark email /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Centre(
    centre: NotificationCentre,
    mark: ServerAction<MarkNotificationsRead>,
    email: ServerAction<SetDigestEmail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let any_unread = centre.unread > 0;
    let empty = centre.items.is_empty();
    let saved = move || email.value().get().is_some_and(|r| r.is_ok());
    let email_error = move || email.value().get().and_then(|r| r.err());
    view! {
        <p data-testid="notifications-unread">
            {centre.unread} " " {i18n.t(Msg::NotifyUnreadLabel)}
        </p>
        {any_unread.then(|| view! {
            <ActionForm action=mark attr:class="inline">
                <input type="hidden" name="id" value="" />
                <button type="submit" data-testid="mark-all-read">{i18n.t(Msg::NotifyMarkAllRead)}</button>
            </ActionForm>
        })}
        {empty.then(|| view! { <p data-testid="notifications-empty">{i18n.t(Msg::NotifyNone)}</p> })}
        <ul class="notifications" data-testid="notifications">
            {centre.items.into_iter().map(|n| view! { <Item n mark /> }).collect_view()}
        </ul>
        <Pager
            current=centre.page
            total_items=centre.total
            per_page=NOTIFICATIONS_PER_PAGE
            link=|p| format!("/thong-bao?trang={p}")
        />
        <h2>{i18n.t(Msg::NotifyEmailTitle)}</h2>
        <p class="muted">{i18n.t(Msg::NotifyEmailIntro)}</p>
        {(!centre.mail_enabled).then(|| view! { <p class="muted" data-testid="mail-disabled">{i18n.t(Msg::NotifyEmailDisabled)}</p> })}
        <ActionForm action=email attr:class="form inline-form" attr:data-testid="digest-form">
            <label>
                {i18n.t(Msg::NotifyEmailLabel)}
                <input
                    type="email"
                    name="email"
                    maxlength="254"
                    autocomplete="email"
                    value=centre.digest_email.unwrap_or_default()
                    data-testid="digest-email"
                />
            </label>
            <button type="submit" data-testid="digest-save">{i18n.t(Msg::NotifyEmailSave)}</button>
        </ActionForm>
        {move || saved().then(|| view! { <p class="ok" role="status" data-testid="digest-saved">{i18n.t(Msg::NotifyEmailSaved)}</p> })}
        {move || email_error().map(|e| view! { <ErrorAlert error=e /> })}
    }
}

#[component]
fn Item(n: NotificationView, mark: ServerAction<MarkNotificationsRead>) -> impl IntoView {
    let i18n = use_i18n();
    let event = n.event.clone();
    let text = move || notification_text(i18n.locale.get(), &event);
    let day = vietnam_date(n.created_at);
    let unread = !n.read;
    view! {
        <li class:unread=unread data-testid="notification" data-read=n.read.to_string()>
            <span class="when">{move || format_date(i18n.locale.get(), day)}</span>
            {unread.then(|| view! { <strong class="badge">{i18n.t(Msg::NotifyUnread)}</strong> })}
            " "
            <span class="text">{text}</span>
            " "
            <a href=n.event.link()>{i18n.t(Msg::NotifyOpen)}</a>
            {unread.then(|| view! {
                <ActionForm action=mark attr:class="inline">
                    <input type="hidden" name="id" value=n.id.to_string() />
                    <button type="submit" class="link" data-testid="mark-read">{i18n.t(Msg::NotifyMarkRead)}</button>
                </ActionForm>
            })}
        </li>
    }
}
