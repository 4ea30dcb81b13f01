//! Installs the panic hook and mounts the panel into the page that asks for
//! it (`index.html`'s `<body data-cbt-panel>`). The same wasm serves
//! `<cbt-stop-panel>`, whose module imports it into a host's page: there it
//! mounts nothing by itself (see [`cbt_panel::element`]).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let asked = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-cbt-panel"));
    if asked {
        leptos::mount::mount_to_body(cbt_panel::app::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The panel runs in a browser: build it with `make dist` or `trunk build`.");
}
