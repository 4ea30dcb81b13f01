use std::sync::Arc;

use leptos::prelude::*;

use crate::components::el::{el, El};
use crate::components::{CopyButton, CopyButtonProps, StatusBadge, StatusBadgeProps};
use crate::i18n::Lang;
use crate::protocol::{Inventory, When, ZDate};

/// The stopped task: name, UUID, description, status and times.
#[component]
pub fn InventoryCard(
    /// The task as the server described it.
    inventory: Inventory,
    /// The language of labels and dates.
    lang: Lang,
) -> AnyView {
    let t = lang.t();
    let uuid = inventory.uuid.clone();
    let field = |label: String, value: El| [el("dt").text(label), value];
    let others = inventory
        .other
        .into_iter()
        .flat_map(move |(k, v)| field(k, el("dd").child(el("code").text(v))));
    el("article")
        .class("card")
        .attr("data-status", inventory.status.clone())
        .child(
            el("header")
                .class("card-head")
                .child(el("h3").class("card-title").text(inventory.name))
                .view(StatusBadge(StatusBadgeProps {
                    status: inventory.status.clone(),
                    lang,
                })),
        )
        .child(
            el("dl")
                .class("fields")
                .children(field(
                    t.uuid.into(),
                    el("dd")
                        .class("uuid-row")
                        .child(el("code").class("uuid").text(uuid.clone()))
                        .view(CopyButton(CopyButtonProps {
                            text: Arc::new(move || uuid.clone()),
                            label: t.copy,
                            lang,
                        })),
                ))
                .children(field(
                    t.description.into(),
                    el("dd").text(inventory.description),
                ))
                .children(field(
                    t.status.into(),
                    el("dd").class("status-raw").text(inventory.status),
                ))
                .children(field(
                    t.created.into(),
                    date_view(inventory.create_date, lang),
                ))
                .children(field(
                    t.last_op.into(),
                    date_view(inventory.last_op_date, lang),
                ))
                .children(others),
        )
        .into_any()
}

/// A date in the person's locale, the raw value kept on hover.
fn date_view(date: Option<ZDate>, lang: Lang) -> El {
    let dd = el("dd");
    match date {
        None => dd.child(el("span").class("muted").text("—")),
        Some(d) => {
            let shown = d
                .parsed
                .map(|w| localise(w, lang))
                .unwrap_or_else(|| d.raw.clone());
            dd.child(
                el("time")
                    .attr("title", d.raw.clone())
                    .attr("datetime", d.raw)
                    .text(shown),
            )
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
