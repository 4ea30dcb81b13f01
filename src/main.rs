//! Installs the panic hook and mounts the panel.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic is a bug: say where it happened in the browser's console. (The
    // release build turns panics into traps, `-Cpanic=immediate-abort`, README
    // "Size": there the console shows "RuntimeError: unreachable" and the
    // wasm stack instead.)
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    leptos::mount::mount_to_body(cbt_panel::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The panel runs in a browser: build it with `make dist` or `trunk build`.");
}
