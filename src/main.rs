//! Installs the panic hook and mounts the panel.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cbt_panel::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The panel runs in a browser: build it with `make dist` or `trunk build`.");
}
