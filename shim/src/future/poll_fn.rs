use crate::task::{Context, Poll};

/// Creates a future from a closure that is called each time the future is polled.
///
/// ```
/// use async_std_compat::future;
/// use async_std_compat::task::{Context, Poll};
///
/// # async_std_compat::task::block_on(async {
/// fn poll_greeting(_: &mut Context<'_>) -> Poll<String> {
///     Poll::Ready("hello world".to_string())
/// }
/// assert_eq!(future::poll_fn(poll_greeting).await, "hello world");
/// # });
/// ```
pub async fn poll_fn<F, T>(f: F) -> T
where
    F: FnMut(&mut Context<'_>) -> Poll<T>,
{
    std::future::poll_fn(f).await
}
