use leptos::prelude::*;

use crate::components::{CopyButton, LongText, StatusBadge};
use crate::date::{When, ZDate};
use crate::i18n::{tr, use_lang, Lang, Pick};
use crate::protocol::Inventory;

/// A CBT task: name, UUID, description, status, times, and every other
/// field the server sent.
#[component]
pub fn InventoryCard(
    /// The task as the server described it.
    inventory: Inventory,
) -> impl IntoView {
    let Inventory {
        uuid,
        name,
        description,
        status,
        create_date,
        last_op_date,
        other,
        ..
    } = inventory;
    let copy_uuid = uuid.clone();
    let (status_attr, status_badge) = (status.clone(), status.clone());
    let others = other
        .into_iter()
        .map(|(k, v)| {
            view! {
                <dt>{k}</dt>
                <dd><LongText text=v code=true /></dd>
            }
        })
        .collect_view();
    view! {
        <article class="card" data-status=status_attr>
            <header class="card-head">
                <h3 class="card-title">{name}</h3>
                <StatusBadge status=status_badge />
            </header>
            <dl class="fields">
                <dt>{tr(|t| t.uuid)}</dt>
                <dd class="uuid-row">
                    <code class="uuid">{uuid}</code>
                    <CopyButton text=Signal::stored(copy_uuid) label=|t| t.copy />
                </dd>
                <dt>{tr(|t| t.description)}</dt>
                <dd>{description}</dd>
                <dt>{tr(|t| t.status)}</dt>
                <dd class="status-raw">{status}</dd>
                <DateRow label=|t| t.created date=create_date />
                <DateRow label=|t| t.last_op date=last_op_date />
                {others}
            </dl>
        </article>
    }
}

/// A date in the person's locale, the value as sent kept on hover; a value
/// that is not a real date is shown as sent.
#[component]
fn DateRow(
    /// The row's label.
    label: Pick,
    /// The date, if the server sent one.
    date: Option<ZDate>,
) -> impl IntoView {
    let lang = use_lang();
    let value = match date {
        None => view! { <span class="muted">"—"</span> }.into_any(),
        Some(ZDate { raw, parsed }) => {
            let sent = raw.clone();
            let shown = move || {
                parsed
                    .and_then(|w| localise(w, lang.get()))
                    .unwrap_or_else(|| sent.clone())
            };
            view! { <time title=raw.clone() datetime=raw>{shown}</time> }.into_any()
        }
    };
    view! {
        <dt>{tr(label)}</dt>
        <dd>{value}</dd>
    }
}

/// The date in `lang`'s format, or `None` when the browser cannot hold it.
fn localise(w: When, lang: Lang) -> Option<String> {
    let date = match w {
        When::Local(y, m, d, h, mi, s) => js_sys::Date::new_with_year_month_day_hr_min_sec(
            y as u32,
            m as i32 - 1,
            d as i32,
            h as i32,
            mi as i32,
            s as i32,
        ),
        When::EpochMs(ms) => js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)),
    };
    if date.get_time().is_nan() {
        return None;
    }
    date.to_locale_string(lang.tag(), &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
}
