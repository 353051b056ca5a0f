use super::{spawn, JoinHandle};

/// Spawns a blocking task on the thread pool of the [`blocking`] crate.
///
/// Use it for code that blocks its thread (file I/O, CPU-heavy work, synchronous
/// libraries) so that the async workers stay free.
///
/// As in async-std, the closure is run by a task on the global runtime that awaits the
/// blocking pool, and dropping the returned [`JoinHandle`] detaches that task: **the
/// closure still runs**. (A dropped smol `unblock` task may cancel a closure that has not
/// started.) A panic in the closure resumes in whoever awaits the handle.
///
/// ```
/// use async_std_compat::task;
///
/// # task::block_on(async {
/// let sum = task::spawn_blocking(|| (1..=10).sum::<u32>()).await;
/// assert_eq!(sum, 55);
/// # })
/// ```
pub fn spawn_blocking<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    spawn(blocking::unblock(f))
}
