use std::future::Future;

/// Conversion into a `Future`: async-std's own trait (unstable).
///
/// Every `Future` converts into itself. This is async-std's trait, with its associated
/// type names (`Output`, `Future`), not `std::future::IntoFuture` (whose associated type
/// is `IntoFuture`), so implementations written for async-std keep compiling; the
/// `.await` syntax does not use it.
///
/// ```
/// use async_std_compat::future::IntoFuture;
///
/// struct Answer;
///
/// impl IntoFuture for Answer {
///     type Output = u8;
///     type Future = std::future::Ready<u8>;
///
///     fn into_future(self) -> Self::Future {
///         std::future::ready(42)
///     }
/// }
/// # async_std_compat::task::block_on(async {
/// assert_eq!(Answer.into_future().await, 42);
/// # });
/// ```
pub trait IntoFuture {
    /// The type of value produced on completion.
    type Output;

    /// Which kind of future are we turning this into?
    type Future: Future<Output = Self::Output>;

    /// Creates a future from a value.
    fn into_future(self) -> Self::Future;
}

impl<T: Future> IntoFuture for T {
    type Output = T::Output;
    type Future = T;

    fn into_future(self) -> Self::Future {
        self
    }
}
