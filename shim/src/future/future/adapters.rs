use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use async_io::Timer;
use pin_project_lite::pin_project;

use super::MaybeDone;
use crate::future::IntoFuture;

pin_project! {
    /// The future returned by [`FutureExt::delay`](super::FutureExt::delay).
    #[derive(Debug)]
    pub struct DelayFuture<F> {
        #[pin]
        future: F,
        timer: Option<Timer>,
    }
}

impl<F> DelayFuture<F> {
    pub(super) fn new(future: F, dur: Duration) -> DelayFuture<F> {
        DelayFuture {
            future,
            timer: Some(Timer::after(dur)),
        }
    }
}

impl<F: Future> Future for DelayFuture<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        if let Some(timer) = this.timer.as_mut() {
            if Pin::new(timer).poll(cx).is_pending() {
                return Poll::Pending;
            }
            *this.timer = None;
        }
        this.future.poll(cx)
    }
}

pin_project! {
    #[project = FlattenProj]
    #[derive(Debug)]
    enum FlattenState<Fut1, Fut2> {
        First { #[pin] future: Fut1 },
        Second { #[pin] future: Fut2 },
        Empty,
    }
}

pin_project! {
    /// The future returned by [`FutureExt::flatten`](super::FutureExt::flatten).
    #[derive(Debug)]
    pub struct FlattenFuture<Fut1, Fut2> {
        #[pin]
        state: FlattenState<Fut1, Fut2>,
    }
}

impl<Fut1, Fut2> FlattenFuture<Fut1, Fut2> {
    pub(super) fn new(future: Fut1) -> FlattenFuture<Fut1, Fut2> {
        FlattenFuture {
            state: FlattenState::First { future },
        }
    }
}

impl<Fut1> Future for FlattenFuture<Fut1, <Fut1::Output as IntoFuture>::Future>
where
    Fut1: Future,
    Fut1::Output: IntoFuture,
{
    type Output = <Fut1::Output as IntoFuture>::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            match state.as_mut().project() {
                FlattenProj::First { future } => {
                    let inner = futures_core::ready!(future.poll(cx)).into_future();
                    state.set(FlattenState::Second { future: inner });
                }
                FlattenProj::Second { future } => {
                    let output = futures_core::ready!(future.poll(cx));
                    state.set(FlattenState::Empty);
                    return Poll::Ready(output);
                }
                FlattenProj::Empty => panic!("FlattenFuture polled after completion"),
            }
        }
    }
}

pin_project! {
    /// The future returned by [`FutureExt::race`](super::FutureExt::race): biased
    /// towards the left future.
    #[derive(Debug)]
    pub struct Race<L, R> {
        #[pin]
        left: L,
        #[pin]
        right: R,
    }
}

impl<L, R> Race<L, R> {
    pub(super) fn new(left: L, right: R) -> Race<L, R> {
        Race { left, right }
    }
}

impl<L, R> Future for Race<L, R>
where
    L: Future,
    R: Future<Output = L::Output>,
{
    type Output = L::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<L::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.left.poll(cx) {
            return Poll::Ready(output);
        }
        this.right.poll(cx)
    }
}

pin_project! {
    /// The future returned by [`FutureExt::try_race`](super::FutureExt::try_race).
    pub struct TryRace<L: Future, R: Future> {
        #[pin]
        left: MaybeDone<L>,
        #[pin]
        right: MaybeDone<R>,
    }
}

impl<L: Future, R: Future> TryRace<L, R> {
    pub(super) fn new(left: L, right: R) -> TryRace<L, R> {
        TryRace {
            left: MaybeDone::new(left),
            right: MaybeDone::new(right),
        }
    }
}

impl<L, R, T, E> Future for TryRace<L, R>
where
    L: Future<Output = Result<T, E>>,
    R: Future<Output = L::Output>,
{
    type Output = L::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<L::Output> {
        let mut this = self.project();
        let mut left_failed = false;
        if this.left.as_mut().poll_done(cx) {
            if matches!(this.left.as_ref().output(), Some(Ok(_))) {
                return Poll::Ready(this.left.as_mut().take().expect("left output"));
            }
            left_failed = true;
        }
        if this.right.as_mut().poll_done(cx)
            && (left_failed || matches!(this.right.as_ref().output(), Some(Ok(_))))
        {
            return Poll::Ready(this.right.as_mut().take().expect("right output"));
        }
        Poll::Pending
    }
}

pin_project! {
    /// The future returned by [`FutureExt::join`](super::FutureExt::join).
    pub struct Join<L: Future, R: Future> {
        #[pin]
        left: MaybeDone<L>,
        #[pin]
        right: MaybeDone<R>,
    }
}

impl<L: Future, R: Future> Join<L, R> {
    pub(super) fn new(left: L, right: R) -> Join<L, R> {
        Join {
            left: MaybeDone::new(left),
            right: MaybeDone::new(right),
        }
    }
}

impl<L: Future, R: Future> Future for Join<L, R> {
    type Output = (L::Output, R::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let left_done = this.left.as_mut().poll_done(cx);
        let right_done = this.right.as_mut().poll_done(cx);
        if left_done && right_done {
            let left = this.left.as_mut().take().expect("left output");
            let right = this.right.as_mut().take().expect("right output");
            Poll::Ready((left, right))
        } else {
            Poll::Pending
        }
    }
}

pin_project! {
    /// The future returned by [`FutureExt::try_join`](super::FutureExt::try_join).
    pub struct TryJoin<L: Future, R: Future> {
        #[pin]
        left: MaybeDone<L>,
        #[pin]
        right: MaybeDone<R>,
    }
}

impl<L: Future, R: Future> TryJoin<L, R> {
    pub(super) fn new(left: L, right: R) -> TryJoin<L, R> {
        TryJoin {
            left: MaybeDone::new(left),
            right: MaybeDone::new(right),
        }
    }
}

impl<L, R, A, B, E> Future for TryJoin<L, R>
where
    L: Future<Output = Result<A, E>>,
    R: Future<Output = Result<B, E>>,
{
    type Output = Result<(A, B), E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let left_done = this.left.as_mut().poll_done(cx);
        if left_done && matches!(this.left.as_ref().output(), Some(Err(_))) {
            if let Some(Err(e)) = this.left.as_mut().take() {
                return Poll::Ready(Err(e));
            }
        }
        let right_done = this.right.as_mut().poll_done(cx);
        if right_done && matches!(this.right.as_ref().output(), Some(Err(_))) {
            if let Some(Err(e)) = this.right.as_mut().take() {
                return Poll::Ready(Err(e));
            }
        }
        if left_done && right_done {
            match (this.left.as_mut().take(), this.right.as_mut().take()) {
                (Some(Ok(a)), Some(Ok(b))) => Poll::Ready(Ok((a, b))),
                _ => unreachable!("both outputs are Ok here"),
            }
        } else {
            Poll::Pending
        }
    }
}

impl<L: Future, R: Future> std::fmt::Debug for TryRace<L, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TryRace").finish_non_exhaustive()
    }
}

impl<L: Future, R: Future> std::fmt::Debug for Join<L, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Join").finish_non_exhaustive()
    }
}

impl<L: Future, R: Future> std::fmt::Debug for TryJoin<L, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TryJoin").finish_non_exhaustive()
    }
}
