use std::future::Future;

use super::{Builder, JoinHandle};

/// Spawns a `!Send` task on the current thread's local executor.
///
/// The task runs while the outermost [`block_on`](super::block_on) of this thread runs
/// (or, on a runtime worker thread, between that worker's other tasks), as in
/// async-std. Dropping the handle detaches the task.
///
/// ```
/// use async_std_compat::task;
/// use std::cell::Cell;
/// use std::rc::Rc;
///
/// task::block_on(async {
///     let counter = Rc::new(Cell::new(1));
///     let inner = counter.clone();
///     task::spawn_local(async move { inner.set(inner.get() + 1) }).await;
///     assert_eq!(counter.get(), 2);
/// })
/// ```
pub fn spawn_local<F, T>(future: F) -> JoinHandle<T>
where
    F: Future<Output = T> + 'static,
    T: 'static,
{
    Builder::new().local(future).expect("cannot spawn task")
}
