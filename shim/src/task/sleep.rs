use std::time::Duration;

/// Sleeps for the specified amount of time.
///
/// The future completes with `()`, as async-std's does (smol's `Timer::after` yields an
/// `Instant`). It does not block the thread: other tasks run while it waits.
///
/// ```
/// use async_std_compat::task;
/// use std::time::Duration;
///
/// # task::block_on(async {
/// task::sleep(Duration::from_millis(10)).await;
/// # })
/// ```
pub async fn sleep(dur: Duration) {
    async_io::Timer::after(dur).await;
}
