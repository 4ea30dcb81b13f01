use leptos::prelude::*;

use crate::batch::{results_csv, the_rest, CsvRow, NotSent, Row};
use crate::components::outcome_view::title;
use crate::components::{CopyButton, OutcomeView};
use crate::i18n::{tr, use_lang, Texts};
use crate::protocol::Outcome;
use crate::several::Several;
use crate::stopper::{BatchView, Stopper};

/// Several tasks in the result region: while they run, a progress bar
/// "Stopping tasks" and Cancel; then a sentence of counts, the table "Stop
/// results" (a row per task, in the order selected, each with "Show" for its
/// full result), "Retry the rest" and "Copy results".
#[component]
pub fn BatchResults(
    /// The batch has ended.
    #[prop(into)]
    done: Signal<bool>,
) -> impl IntoView {
    let stopper = expect_context::<Stopper>();
    let view = Memo::new(move |_| stopper.batch.get());
    let lang = use_lang();
    let finished = move || view.with(|v| v.as_ref().map_or(0, BatchView::finished));
    let total = move || view.with(|v| v.as_ref().map_or(0, |v| v.rows.len()));
    let sentence = move || {
        let t = lang.get().t();
        view.with(|v| v.as_ref().map(|v| t.tally(&v.tally())).unwrap_or_default())
    };
    let expired = move || {
        view.with(|v| {
            v.as_ref().is_some_and(|v| {
                v.rows
                    .iter()
                    .any(|r| r.with(|r| *r == Row::NotSent(NotSent::SessionExpired)))
            })
        })
    };
    let progress = move || {
        view! {
            <div class="message waiting">
                <span class="spinner" aria-hidden="true"></span>
                <div
                    class="progress"
                    role="progressbar"
                    aria-label=tr(|t| t.stopping_tasks)
                    aria-valuemin="0"
                    aria-valuenow=move || finished().to_string()
                    aria-valuemax=move || total().to_string()
                >
                    <div class="progress-bar" style:width=move || {
                        format!("{}%", finished() * 100 / total().max(1))
                    }></div>
                </div>
                <p>{sentence}</p>
                <button type="button" class="secondary" on:click=move |_| stopper.cancel()>
                    {tr(|t| t.cancel)}
                </button>
            </div>
        }
    };
    // The rows stay through the batch's end; only the head and the actions
    // follow `done`.
    view! {
        <Show when=move || done.get() fallback=progress>
            <h2>{tr(|t| t.results_table)}</h2>
            <p class="batch-sentence">{sentence}</p>
            <Show when=expired><p class="next-step">{tr(|t| t.batch_expired)}</p></Show>
        </Show>
        <ResultsTable view=view />
        <Show when=move || done.get()>
            <BatchActions view=view />
        </Show>
    }
}

/// How many result rows are drawn in one task: a batch of hundreds draws
/// its first rows at once and the rest a task at a time, so starting it
/// takes no long task (200 rows in one task took 57 to 87 ms here).
const ROWS_AT_ONCE: usize = 40;

/// The table "Stop results": a row per task, in the order selected. Rows
/// are keyed by the batch and their place in it alone; each reads its own
/// signal, so a task that changes redraws its row and nothing else.
#[component]
fn ResultsTable(
    /// The batch.
    view: Memo<Option<BatchView>>,
) -> impl IntoView {
    // Which batch is drawn, and how many of its rows.
    let drawn = RwSignal::new((0u64, ROWS_AT_ONCE));
    Effect::new(move || {
        if let Some((id, total)) = view.with(|v| v.as_ref().map(|v| (v.id, v.rows.len()))) {
            draw_more(drawn, view, id, total);
        }
    });
    let rows = move || {
        let (drawn_id, n) = drawn.get();
        view.with(|v| {
            v.as_ref()
                .map(|v| {
                    let n = if drawn_id == v.id { n } else { ROWS_AT_ONCE };
                    v.tasks()
                        .iter()
                        .cloned()
                        .zip(v.rows.iter().cloned())
                        .take(n)
                        .enumerate()
                        .map(|(i, (task, row))| (v.id, i, task, row))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <table class="results">
            <caption class="visually-hidden">{tr(|t| t.results_table)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(|t| t.col_name)}</th>
                    <th scope="col">{tr(|t| t.col_outcome)}</th>
                    <th scope="col">{tr(|t| t.code)}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <For
                each=rows
                key=|(batch, i, _, _)| (*batch, *i)
                children=|(_, i, task, row)| view! { <ResultRow index=i uuid=task.uuid name=task.name row=row /> }
            />
        </table>
    }
}

/// Draws the next rows of batch `id` a task later, until all `total` are,
/// or another batch takes its place.
fn draw_more(drawn: RwSignal<(u64, usize)>, view: Memo<Option<BatchView>>, id: u64, total: usize) {
    let n = match drawn.get_untracked() {
        (drawn_id, n) if drawn_id == id => n,
        _ => ROWS_AT_ONCE,
    };
    if n >= total {
        return;
    }
    set_timeout(
        move || {
            let current = view
                .try_with_untracked(|v| v.as_ref().map(|v| v.id))
                .flatten();
            if current == Some(id) && drawn.try_set((id, n + ROWS_AT_ONCE)).is_none() {
                draw_more(drawn, view, id, total);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// One task's row: `data-state` (`queued`, `running`, `ended`), its
/// outcome in words, its code; "Show" opens its full result under it.
#[component]
fn ResultRow(
    /// Its place in the batch.
    index: usize,
    /// The task.
    uuid: String,
    /// Its name (may be empty).
    name: String,
    /// How it stands, as it changes.
    row: ArcRwSignal<Row>,
) -> impl IntoView {
    let stopper = expect_context::<Stopper>();
    let open = RwSignal::new(false);
    let lang = use_lang();
    let shown = if name.is_empty() { uuid.clone() } else { name };
    let row: Signal<Row> = row.into();
    let state = move || {
        row.with(|r| match r {
            Row::Queued => "queued",
            Row::Running => "running",
            Row::Ended(_) | Row::NotSent(_) => "ended",
        })
    };
    let kind = move || row.with(Row::kind);
    let code = move || {
        row.with(|r| r.code().map(str::to_string))
            .map(|c| view! { <code>{c}</code> })
    };
    let words = move || row.with(|r| row_words(r, lang.get().t()).to_string());
    let full = move || {
        open.get()
            .then(|| stopper.batch_outcome(index))
            .flatten()
            .map(|o| view! { <tr class="result-detail"><td colspan="4"><OutcomeView outcome=o /></td></tr> })
    };
    let ended = move || row.with(|r| matches!(r, Row::Ended(_)));
    view! {
        <tbody>
            <tr data-task-uuid=uuid data-state=state data-outcome=kind>
                <td>{shown}</td>
                <td>{words}</td>
                <td>{code}</td>
                <td>
                    <Show when=ended>
                        <button type="button" class="secondary" aria-expanded=move || open.get().to_string()
                            on:click=move |_| open.update(|o| *o = !*o)>
                            {move || if open.get() { lang.get().t().hide } else { lang.get().t().show_again }}
                        </button>
                    </Show>
                </td>
            </tr>
            {full}
        </tbody>
    }
}

/// A row's outcome in words.
fn row_words(row: &Row, t: &'static Texts) -> &'static str {
    match row {
        Row::Queued => t.queued,
        Row::Running => t.running,
        Row::Ended(o) => title(o)(t),
        Row::NotSent(NotSent::SessionExpired) => t.not_sent_expired,
        Row::NotSent(NotSent::Cancelled) => t.not_sent_cancelled,
    }
}

/// "Retry the rest" and "Copy results".
#[component]
fn BatchActions(
    /// The batch.
    view: Memo<Option<BatchView>>,
) -> impl IntoView {
    let stopper = expect_context::<Stopper>();
    let several = expect_context::<Several>();
    let lang = use_lang();
    let rest = move || view.with(|v| v.as_ref().map_or(0, |v| the_rest(&v.rows_now()).len()));
    // The first run's tasks, force and tags; the session, API base and
    // deadline as they are now.
    let retry = move |_| {
        let plan =
            view.with_untracked(|v| v.as_ref().map(|v| untrack(|| v.plan.rest(&v.rows_now()))));
        if let Some(plan) = plan {
            several.retry(stopper, lang.get_untracked(), plan);
        }
    };
    let csv = move || {
        let t = lang.get_untracked().t();
        view.with_untracked(|v| {
            v.as_ref()
                .map(|v| untrack(|| csv_of(v, t)))
                .unwrap_or_default()
        })
    };
    view! {
        <div class="actions">
            <Show when=move || { rest() != 0 }>
                <button type="button" class="secondary" on:click=retry>{tr(|t| t.retry_rest)}</button>
            </Show>
            <CopyButton text=csv label=tr(|t| t.copy_results) />
        </div>
    }
}

/// The results as CSV: `uuid,name,outcome,code,message`.
fn csv_of(v: &BatchView, t: &'static Texts) -> String {
    let rows = v.rows_now();
    let messages: Vec<String> = rows
        .iter()
        .map(|r| match r {
            Row::Ended(Outcome::ApiError(tree)) => {
                let root = tree.root();
                root.description
                    .clone()
                    .or(root.details.clone())
                    .unwrap_or_default()
            }
            r => row_words(r, t).to_string(),
        })
        .collect();
    results_csv(
        v.tasks()
            .iter()
            .zip(&rows)
            .zip(&messages)
            .map(|((task, row), m)| CsvRow {
                uuid: &task.uuid,
                name: &task.name,
                outcome: row.kind().unwrap_or(""),
                code: row.code().unwrap_or(""),
                message: m,
            }),
    )
}
