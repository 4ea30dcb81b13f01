use leptos::prelude::*;

use crate::components::{CopyButton, StatusBadge};
use crate::i18n::Lang;
use crate::protocol::{Inventory, When, ZDate};

/// The stopped task: name, UUID, description, status and times.
#[component]
pub fn InventoryCard(
    /// The task as the server described it.
    inventory: Inventory,
    /// The language of labels and dates.
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let uuid = inventory.uuid.clone();
    let others = inventory.other.clone();
    view! {
        <article class="card" data-status=inventory.status.clone()>
            <header class="card-head">
                <h3 class="card-title">{inventory.name.clone()}</h3>
                <StatusBadge status=inventory.status.clone() lang=lang />
            </header>
            <dl class="fields">
                <dt>{t.uuid}</dt>
                <dd class="uuid-row">
                    <code class="uuid">{uuid.clone()}</code>
                    <CopyButton text=Signal::derive(move || uuid.clone()) label=t.copy lang=lang />
                </dd>
                <dt>{t.description}</dt>
                <dd>{inventory.description.clone()}</dd>
                <dt>{t.status}</dt>
                <dd class="status-raw">{inventory.status.clone()}</dd>
                <dt>{t.created}</dt>
                <dd>{date_view(inventory.create_date.clone(), lang)}</dd>
                <dt>{t.last_op}</dt>
                <dd>{date_view(inventory.last_op_date.clone(), lang)}</dd>
                {others
                    .into_iter()
                    .map(|(k, v)| view! { <dt>{k}</dt><dd><code>{v}</code></dd> })
                    .collect_view()}
            </dl>
        </article>
    }
}

/// A date in the person's locale, the raw value kept on hover.
fn date_view(date: Option<ZDate>, lang: Lang) -> impl IntoView {
    match date {
        None => view! { <span class="muted">"—"</span> }.into_any(),
        Some(d) => {
            let shown = d
                .parsed
                .map(|w| localise(w, lang))
                .unwrap_or_else(|| d.raw.clone());
            view! { <time title=d.raw.clone() datetime=d.raw>{shown}</time> }.into_any()
        }
    }
}

fn localise(w: When, lang: Lang) -> String {
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
    date.to_locale_string(lang.tag(), &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}
