use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use async_io::Timer;
use futures_core::stream::Stream;

/// Creates a stream that yields `()` every `dur`, first after `dur`.
///
/// As in async-std, each tick re-arms the timer from **now**: after the consumer stalls,
/// ticks resume one period later instead of firing the missed ones in a burst (smol's
/// `Timer::interval` bursts, and yields `Instant`s).
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
/// use std::time::Duration;
///
/// # async_std_compat::task::block_on(async {
/// let mut ticks = stream::interval(Duration::from_millis(5)).take(3);
/// while let Some(()) = ticks.next().await {}
/// # });
/// ```
pub fn interval(dur: Duration) -> Interval {
    Interval {
        timer: Timer::after(dur),
        interval: dur,
    }
}

/// The stream returned by [`interval`]: never ends.
#[derive(Debug)]
pub struct Interval {
    timer: Timer,
    interval: Duration,
}

impl Stream for Interval {
    type Item = ();

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<()>> {
        if Pin::new(&mut self.timer).poll(cx).is_pending() {
            return Poll::Pending;
        }
        let interval = self.interval;
        self.timer.set_after(interval);
        Poll::Ready(Some(()))
    }
}
