/// Cooperatively gives up a timeslice to the task scheduler.
///
/// The first poll wakes the task and returns `Pending`; the second completes, so other
/// ready tasks get a turn in between.
///
/// ```
/// use async_std_compat::task;
///
/// # task::block_on(async {
/// task::yield_now().await;
/// # })
/// ```
pub async fn yield_now() {
    futures_lite::future::yield_now().await
}
