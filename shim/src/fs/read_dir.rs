//! [`ReadDir`]: a stream over a directory's entries.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_lite::ready;

use super::DirEntry;
use crate::io;

/// The result of one step of the listing, with the listing handed back.
type Step = (std::fs::ReadDir, Option<io::Result<std::fs::DirEntry>>);

/// A stream over the entries of a directory, made by [`read_dir`](super::read_dir):
/// async-std's `ReadDir`. Each entry is read on the blocking thread pool.
///
/// Its items are `io::Result<`[`DirEntry`]`>`, in no particular order.
#[derive(Debug)]
pub struct ReadDir(State);

#[derive(Debug)]
enum State {
    /// Waiting for the next poll; `None` only while switching states.
    Idle(Option<std::fs::ReadDir>),
    /// Reading the next entry.
    Busy(blocking::Task<Step>),
}

impl ReadDir {
    pub(crate) fn new(inner: std::fs::ReadDir) -> ReadDir {
        ReadDir(State::Idle(Some(inner)))
    }
}

impl Stream for ReadDir {
    type Item = io::Result<DirEntry>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match &mut self.0 {
                State::Idle(inner) => {
                    let mut inner = inner.take().expect("ReadDir polled in a broken state");
                    self.0 = State::Busy(blocking::unblock(move || {
                        let next = inner.next();
                        (inner, next)
                    }));
                }
                State::Busy(task) => {
                    let (inner, next) = ready!(Pin::new(task).poll(cx));
                    self.0 = State::Idle(Some(inner));
                    return Poll::Ready(next.map(|entry| entry.map(DirEntry::new)));
                }
            }
        }
    }
}
