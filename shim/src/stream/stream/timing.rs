//! The time-based stream adapters: `timeout`, `throttle` and `delay`.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use async_io::Timer;
use futures_core::stream::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// A stream whose items fail with [`TimeoutError`] when the inner stream stays
    /// silent for too long, returned by [`StreamExt::timeout`](super::StreamExt::timeout).
    ///
    /// The timer restarts after every item and after every timeout, as in async-std; a
    /// timeout does not end the stream.
    #[derive(Debug)]
    pub struct Timeout<S: Stream> {
        #[pin]
        stream: S,
        timer: Timer,
        duration: Duration,
    }
}

impl<S: Stream> Timeout<S> {
    pub(crate) fn new(stream: S, duration: Duration) -> Timeout<S> {
        Timeout {
            stream,
            timer: Timer::after(duration),
            duration,
        }
    }
}

impl<S: Stream> Stream for Timeout<S> {
    type Item = Result<S::Item, TimeoutError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        let next = match this.stream.poll_next(cx) {
            Poll::Ready(Some(item)) => Some(Ok(item)),
            Poll::Ready(None) => None,
            Poll::Pending => match Pin::new(&mut *this.timer).poll(cx) {
                Poll::Ready(_) => Some(Err(TimeoutError { _private: () })),
                Poll::Pending => return Poll::Pending,
            },
        };
        this.timer.set_after(*this.duration);
        Poll::Ready(next)
    }
}

/// An error returned when a stream times out.
///
/// Displays as "stream has timed out", as in async-std.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct TimeoutError {
    _private: (),
}

impl Error for TimeoutError {}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        "stream has timed out".fmt(f)
    }
}

pin_project! {
    /// A stream that yields at most one item per period, returned by
    /// [`StreamExt::throttle`](super::StreamExt::throttle).
    ///
    /// After each item, the inner stream is not polled until the period has passed; items
    /// are delayed, not dropped.
    #[derive(Debug)]
    pub struct Throttle<S> {
        #[pin]
        stream: S,
        duration: Duration,
        blocked: Option<Timer>,
    }
}

impl<S: Stream> Throttle<S> {
    pub(crate) fn new(stream: S, duration: Duration) -> Throttle<S> {
        Throttle {
            stream,
            duration,
            blocked: None,
        }
    }
}

impl<S: Stream> Stream for Throttle<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = self.project();
        if let Some(timer) = this.blocked.as_mut() {
            if Pin::new(timer).poll(cx).is_pending() {
                return Poll::Pending;
            }
            *this.blocked = None;
        }
        match this.stream.poll_next(cx) {
            Poll::Ready(Some(item)) => {
                *this.blocked = Some(Timer::after(*this.duration));
                Poll::Ready(Some(item))
            }
            other => other,
        }
    }
}

pin_project! {
    /// A stream that waits before its first poll of the inner stream, returned by
    /// [`StreamExt::delay`](super::StreamExt::delay).
    #[derive(Debug)]
    pub struct Delay<S> {
        #[pin]
        stream: S,
        timer: Option<Timer>,
    }
}

impl<S> Delay<S> {
    pub(crate) fn new(stream: S, duration: Duration) -> Delay<S> {
        Delay {
            stream,
            timer: Some(Timer::after(duration)),
        }
    }
}

impl<S: Stream> Stream for Delay<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = self.project();
        if let Some(timer) = this.timer.as_mut() {
            if Pin::new(timer).poll(cx).is_pending() {
                return Poll::Pending;
            }
            *this.timer = None;
        }
        this.stream.poll_next(cx)
    }
}
