use std::future::Future;

use super::{Builder, JoinHandle};

/// Spawns a task on the global multi-threaded runtime.
///
/// The task starts running at once, whether or not the returned [`JoinHandle`] is
/// awaited; dropping the handle detaches the task, as in async-std.
///
/// ```
/// use async_std_compat::task;
///
/// # task::block_on(async {
/// let handle = task::spawn(async { 1 + 2 });
/// assert_eq!(handle.await, 3);
/// # })
/// ```
pub fn spawn<F, T>(future: F) -> JoinHandle<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    Builder::new().spawn(future).expect("cannot spawn task")
}
