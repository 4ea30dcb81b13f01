use leptos::prelude::*;

use crate::components::el::{article, code, dd, dl, dt, h3, header, span, time, El};
use crate::components::{
    CopyButton, CopyButtonProps, LongText, LongTextProps, StatusBadge, StatusBadgeProps,
};
use crate::date::{When, ZDate};
use crate::i18n::{use_lang, Lang, Pick};
use crate::protocol::Inventory;

/// A labelled row of a card.
fn row(fields: El, label: Pick, value: El) -> El {
    fields.child(dt().tr(label)).child(value)
}

/// A CBT task: name, UUID, description, status, times, and every other
/// field the server sent.
#[component]
pub fn InventoryCard(
    /// The task as the server described it.
    inventory: Inventory,
) -> AnyView {
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
    let uuid_row = dd()
        .class("uuid-row")
        .child(code().class("uuid").text(uuid))
        .view(CopyButton(CopyButtonProps {
            text: move || copy_uuid.clone(),
            label: |t| t.copy,
        }));
    let mut fields = dl().class("fields");
    fields = row(fields, |t| t.uuid, uuid_row);
    fields = row(fields, |t| t.description, dd().text(description));
    fields = row(
        fields,
        |t| t.status,
        dd().class("status-raw").text(status.clone()),
    );
    fields = row(fields, |t| t.created, date_view(create_date));
    fields = row(fields, |t| t.last_op, date_view(last_op_date));
    for (k, v) in other {
        fields = fields
            .child(dt().text(k))
            .child(dd().view(LongText(LongTextProps {
                text: v,
                code: true,
            })));
    }
    article()
        .class("card")
        .attr("data-status", status.clone())
        .child(
            header()
                .class("card-head")
                .child(h3().class("card-title").text(name))
                .view(StatusBadge(StatusBadgeProps { status })),
        )
        .child(fields)
        .into_any()
}

/// A date in the person's locale, the value as sent kept on hover; a value
/// that is not a real date is shown as sent.
fn date_view(date: Option<ZDate>) -> El {
    match date {
        Some(d) => dd().child(date_time(d)),
        None => dd().child(span().class("muted").text("—")),
    }
}

/// A `<time>` in the person's locale (the value as sent on hover); it
/// follows the language in place.
pub fn date_time(ZDate { raw, parsed }: ZDate) -> El {
    let lang = use_lang();
    let sent = raw.clone();
    time_of(raw).live_text(move || shown(parsed, lang.get(), &sent))
}

/// The same, written once in `lang` (for a view that is rebuilt when the
/// language changes).
pub fn date_time_in(ZDate { raw, parsed }: ZDate, lang: Lang) -> El {
    let text = shown(parsed, lang, &raw);
    time_of(raw).text(text)
}

fn time_of(raw: String) -> El {
    time().attr("title", raw.clone()).attr("datetime", raw)
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
    // locale data on first use, 20 to 50 ms of main thread.
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
