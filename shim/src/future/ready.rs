/// Resolves to the provided value at once.
///
/// ```
/// use async_std_compat::future;
///
/// # async_std_compat::task::block_on(async {
/// assert_eq!(future::ready(10).await, 10);
/// # });
/// ```
pub async fn ready<T>(val: T) -> T {
    val
}
