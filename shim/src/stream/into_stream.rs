use futures_core::stream::Stream;

/// Conversion into a [`Stream`]: async-std's trait (unstable).
///
/// Every stream converts into itself; [`StreamExt::flatten`](super::StreamExt::flatten),
/// `flat_map`, [`FromStream`](super::FromStream) and [`Extend`](super::Extend) accept
/// anything that implements it.
pub trait IntoStream {
    /// The type of the elements being iterated over.
    type Item;

    /// Which kind of stream are we turning this into?
    type IntoStream: Stream<Item = Self::Item>;

    /// Creates a stream from a value.
    fn into_stream(self) -> Self::IntoStream;
}

impl<I: Stream> IntoStream for I {
    type Item = I::Item;
    type IntoStream = I;

    #[inline]
    fn into_stream(self) -> I {
        self
    }
}
