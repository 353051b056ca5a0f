use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::Task;

/// A handle that awaits the result of a task.
///
/// Dropping a `JoinHandle` detaches its task: the task keeps running to completion and
/// its output is discarded. This is async-std's behaviour, and the opposite of a smol
/// `Task`, which cancels its task when dropped.
///
/// Awaiting the handle yields the task's output. If the task panicked, awaiting its
/// handle resumes the panic in the awaiting task.
///
/// ```
/// use async_std_compat::task;
///
/// # task::block_on(async {
/// let handle = task::spawn(async { 1 + 2 });
/// assert_eq!(handle.await, 3);
/// # })
/// ```
pub struct JoinHandle<T> {
    handle: Option<async_task::Task<T>>,
    task: Task,
}

impl<T> JoinHandle<T> {
    pub(crate) fn new(handle: async_task::Task<T>, task: Task) -> JoinHandle<T> {
        JoinHandle {
            handle: Some(handle),
            task,
        }
    }

    /// Returns a handle to the underlying task.
    pub fn task(&self) -> &Task {
        &self.task
    }

    /// Cancels the task and waits for it to stop running.
    ///
    /// Returns the task's output if it completed before being cancelled, or `None`.
    ///
    /// ```
    /// use async_std_compat::{prelude::*, task};
    /// use std::time::Duration;
    ///
    /// # task::block_on(async {
    /// let handle = task::spawn(async {
    ///     loop {
    ///         println!("I'm still alive");
    ///         futures_lite::future::yield_now().await;
    ///     }
    /// });
    /// assert_eq!(handle.cancel().await, None::<()>);
    /// # })
    /// ```
    pub async fn cancel(mut self) -> Option<T> {
        let handle = self.handle.take()?;
        handle.cancel().await
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.detach();
        }
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match self.handle.as_mut() {
            Some(handle) => Pin::new(handle).poll(cx),
            // Only `cancel` takes the handle, and it consumes `self`.
            None => unreachable!("JoinHandle polled after cancel"),
        }
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("task", &self.task)
            .finish()
    }
}
