//! What the native test files share.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future to its end, polling it again whenever it is pending (the
/// scripted transports and stops are never waiting on anything real). A
/// future still pending after a million polls waits on something no
/// script will ever give: the test fails, naming that, instead of hanging.
pub fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("a scripted future was still pending after a million polls");
}
