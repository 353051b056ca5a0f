use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

pin_project! {
    /// A future that keeps its output once done, for the combinators that poll two
    /// futures side by side.
    #[project = MaybeDoneProj]
    #[project_ref = MaybeDoneProjRef]
    #[project_replace = MaybeDoneProjReplace]
    pub(crate) enum MaybeDone<F: Future> {
        Future { #[pin] future: F },
        Done { output: F::Output },
        Gone,
    }
}

impl<F: Future> MaybeDone<F> {
    pub(crate) fn new(future: F) -> MaybeDone<F> {
        MaybeDone::Future { future }
    }

    /// Polls the inner future if it is not done yet; returns whether it is done.
    pub(crate) fn poll_done(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> bool {
        match self.as_mut().project() {
            MaybeDoneProj::Future { future } => match future.poll(cx) {
                Poll::Ready(output) => {
                    self.set(MaybeDone::Done { output });
                    true
                }
                Poll::Pending => false,
            },
            MaybeDoneProj::Done { .. } => true,
            MaybeDoneProj::Gone => panic!("future polled after its output was taken"),
        }
    }

    /// The output, if the future is done and its output not taken.
    pub(crate) fn output(self: Pin<&Self>) -> Option<&F::Output> {
        match self.project_ref() {
            MaybeDoneProjRef::Done { output } => Some(output),
            _ => None,
        }
    }

    /// Takes the output out; `None` (and nothing changes) unless the future is done.
    pub(crate) fn take(mut self: Pin<&mut Self>) -> Option<F::Output> {
        self.as_ref().output()?;
        match self.as_mut().project_replace(MaybeDone::Gone) {
            MaybeDoneProjReplace::Done { output } => Some(output),
            _ => None,
        }
    }
}
