/// Never resolves to a value.
///
/// ```
/// use async_std_compat::future;
/// use std::time::Duration;
///
/// # async_std_compat::task::block_on(async {
/// let never = future::pending::<i32>();
/// let res = future::timeout(Duration::from_millis(1), never).await;
/// assert!(res.is_err());
/// # });
/// ```
pub async fn pending<T>() -> T {
    std::future::pending::<T>().await
}
