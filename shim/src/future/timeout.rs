use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use async_io::Timer;
use pin_project_lite::pin_project;

/// Awaits a future or times out after a duration of time.
///
/// The future is polled before the timer, so a future that is ready when the timer fires
/// still wins, as in async-std.
///
/// ```
/// use async_std_compat::future;
/// use std::time::Duration;
///
/// # async_std_compat::task::block_on(async {
/// let never = future::pending::<()>();
/// let res = future::timeout(Duration::from_millis(10), never).await;
/// assert!(res.is_err());
/// assert_eq!(future::timeout(Duration::from_secs(1), async { 5 }).await, Ok(5));
/// # });
/// ```
pub async fn timeout<F, T>(dur: Duration, f: F) -> Result<T, TimeoutError>
where
    F: Future<Output = T>,
{
    TimeoutFuture::new(f, dur).await
}

pin_project! {
    /// A future that resolves to the inner future's output, or to a [`TimeoutError`]
    /// once its timer fires first.
    #[derive(Debug)]
    pub struct TimeoutFuture<F> {
        #[pin]
        future: F,
        timer: Timer,
    }
}

impl<F> TimeoutFuture<F> {
    pub(crate) fn new(future: F, dur: Duration) -> TimeoutFuture<F> {
        TimeoutFuture {
            future,
            timer: Timer::after(dur),
        }
    }
}

impl<F: Future> Future for TimeoutFuture<F> {
    type Output = Result<F::Output, TimeoutError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(value) = this.future.poll(cx) {
            return Poll::Ready(Ok(value));
        }
        match Pin::new(this.timer).poll(cx) {
            Poll::Ready(_) => Poll::Ready(Err(TimeoutError { _private: () })),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// An error returned when a future times out.
///
/// Displays as "future has timed out", as in async-std.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct TimeoutError {
    _private: (),
}

impl Error for TimeoutError {}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        "future has timed out".fmt(f)
    }
}
