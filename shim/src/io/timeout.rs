//! [`timeout`] for I/O futures.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use async_io::Timer;
use pin_project_lite::pin_project;

use crate::io;

/// Awaits `f`, failing with a `TimedOut` error ("future timed out") if it has not
/// finished after `dur`.
///
/// `f` is polled before the timer, so a future that is ready in time wins even when the
/// timer has expired too. The error is the same as async-std's: kind
/// [`ErrorKind::TimedOut`](io::ErrorKind::TimedOut), message "future timed out".
///
/// ```
/// use std::time::Duration;
/// use async_std_compat::{future, io};
///
/// # async_std_compat::task::block_on(async {
/// let error = io::timeout(Duration::from_millis(10), future::pending::<io::Result<()>>())
///     .await
///     .unwrap_err();
/// assert_eq!(error.kind(), io::ErrorKind::TimedOut);
/// assert_eq!(error.to_string(), "future timed out");
/// # });
/// ```
pub async fn timeout<F, T>(dur: Duration, f: F) -> io::Result<T>
where
    F: Future<Output = io::Result<T>>,
{
    Timeout {
        future: f,
        timer: Timer::after(dur),
    }
    .await
}

pin_project! {
    struct Timeout<F> {
        #[pin]
        future: F,
        timer: Timer,
    }
}

impl<F: Future<Output = io::Result<T>>, T> Future for Timeout<F> {
    type Output = io::Result<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.future.poll(cx) {
            return Poll::Ready(output);
        }
        match Pin::new(this.timer).poll(cx) {
            Poll::Ready(_) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "future timed out",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}
