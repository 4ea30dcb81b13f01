use leptos::prelude::*;

use crate::components::{CopyButton, LongText, StatusBadge};
use crate::date::{When, ZDate};
use crate::i18n::{tr, use_lang, Lang};
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
    let copied = uuid.clone();
    let sent = status.clone();
    let other = other
        .into_iter()
        .map(|(k, v)| view! { <dt>{k}</dt><dd><LongText text=v code=true /></dd> })
        .collect_view();
    view! {
        <article class="card" data-status=sent>
            <header class="card-head">
                <h3 class="card-title">{name}</h3>
                <StatusBadge status=status.clone() />
            </header>
            <dl class="fields">
                <dt>{tr(|t| t.uuid)}</dt>
                <dd class="uuid-row">
                    <code class="uuid">{uuid}</code>
                    <CopyButton text=move || copied.clone() label=tr(|t| t.copy) />
                </dd>
                <dt>{tr(|t| t.description)}</dt>
                <dd>{description}</dd>
                <dt>{tr(|t| t.status)}</dt>
                <dd class="status-raw">{status}</dd>
                <dt>{tr(|t| t.created)}</dt>
                <DateCell date=create_date />
                <dt>{tr(|t| t.last_op)}</dt>
                <DateCell date=last_op_date />
                {other}
            </dl>
        </article>
    }
}

/// A card's date, or a dash when the server sent none.
#[component]
fn DateCell(
    /// The date as sent, if any.
    date: Option<ZDate>,
) -> impl IntoView {
    match date {
        Some(d) => view! { <dd><DateTime date=d /></dd> }.into_any(),
        None => view! { <dd><span class="muted">"—"</span></dd> }.into_any(),
    }
}

/// A `<time>` in the person's locale (the value as sent on hover); it
/// follows the language in place. A value that is not a real date is shown
/// as sent.
#[component]
pub fn DateTime(
    /// The date as sent.
    date: ZDate,
) -> impl IntoView {
    let ZDate { raw, parsed } = date;
    let lang = use_lang();
    let sent = raw.clone();
    let text = move || shown(parsed, lang.get(), &sent);
    view! { <time title=raw.clone() datetime=raw>{text}</time> }
}

/// The date as `lang` writes it, or as sent when it is not a real date.
fn shown(parsed: Option<When>, lang: Lang, sent: &str) -> String {
    parsed
        .and_then(|w| localise(w, lang))
        .unwrap_or_else(|| sent.to_string())
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
    // Built from the date's parts in the person's time zone, the way each
    // language writes it (en-US `11/14/2017, 10:20:57 PM`, zh-CN
    // `2017/11/14 22:20:57`): the browser's locale formatting loads its
    // locale data on first use, 15 to 50 ms of main thread.
    let (y, mo, d) = (date.get_full_year(), date.get_month() + 1, date.get_date());
    let (h, mi, s) = (date.get_hours(), date.get_minutes(), date.get_seconds());
    Some(match lang {
        Lang::Zh => format!("{y}/{mo}/{d} {h:02}:{mi:02}:{s:02}"),
        Lang::En => {
            let half = if h < 12 { "AM" } else { "PM" };
            let h = if h % 12 == 0 { 12 } else { h % 12 };
            format!("{mo}/{d}/{y}, {h}:{mi:02}:{s:02} {half}")
        }
    })
}
