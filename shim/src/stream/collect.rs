use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::future::Future;
use std::hash::{BuildHasher, Hash};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use futures_core::stream::Stream;
use futures_lite::stream::StreamExt as _;

use super::short_circuit::{UntilErr, UntilNone};
use super::IntoStream;

/// Collections that can be built from a stream: async-std's async `FromStream`, used by
/// [`StreamExt::collect`](super::StreamExt::collect).
///
/// Implemented for the std collections, `String` (from `char`, `&str`, `String`,
/// `Cow<str>`), `Box<[T]>`, `Rc<[T]>`, `Arc<[T]>`, `Cow<[T]>`, `()`, and for
/// `Option<C>`/`Result<C, E>`, which stop at the first `None`/`Err`.
pub trait FromStream<T: Send> {
    /// Creates a value from a stream.
    fn from_stream<'a, S: IntoStream<Item = T> + 'a>(
        stream: S,
    ) -> Pin<Box<dyn Future<Output = Self> + Send + 'a>>
    where
        <S as IntoStream>::IntoStream: Send;
}

/// Collections that can be extended with a stream's items: async-std's async `Extend`.
///
/// Implemented for the std collections, `String` and `()`.
pub trait Extend<A> {
    /// Extends the collection with the items of `stream`.
    fn extend<'a, T: IntoStream<Item = A> + 'a>(
        &'a mut self,
        stream: T,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>
    where
        <T as IntoStream>::IntoStream: Send;
}

/// Extends `collection` with the items of `stream`.
///
/// ```
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let mut v: Vec<usize> = vec![1, 2];
/// stream::extend(&mut v, stream::from_iter(vec![3, 4])).await;
/// assert_eq!(v, [1, 2, 3, 4]);
/// # });
/// ```
pub async fn extend<'a, C, T, S>(collection: &mut C, stream: S)
where
    C: Extend<T>,
    S: IntoStream<Item = T> + 'a,
    <S as IntoStream>::IntoStream: Send,
{
    Extend::extend(collection, stream).await
}

/// Feeds every item of `stream` to `collection` with `std::iter::Extend`.
async fn extend_std<C, S>(collection: &mut C, stream: S)
where
    S: Stream,
    C: std::iter::Extend<S::Item>,
{
    futures_lite::pin!(stream);
    while let Some(item) = stream.next().await {
        collection.extend(Some(item));
    }
}

macro_rules! std_collection {
    ($(impl[$($g:tt)*] for $c:ty where [$($bounds:tt)*] item $item:ty;)*) => {$(
        impl<$($g)*> Extend<$item> for $c
        where
            $($bounds)*
        {
            fn extend<'a, S: IntoStream<Item = $item> + 'a>(
                &'a mut self,
                stream: S,
            ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>
            where
                <S as IntoStream>::IntoStream: Send,
            {
                let stream = stream.into_stream();
                Box::pin(extend_std(self, stream))
            }
        }

        impl<$($g)*> FromStream<$item> for $c
        where
            $($bounds)*
        {
            fn from_stream<'a, S: IntoStream<Item = $item> + 'a>(
                stream: S,
            ) -> Pin<Box<dyn Future<Output = Self> + Send + 'a>>
            where
                <S as IntoStream>::IntoStream: Send,
            {
                let stream = stream.into_stream();
                Box::pin(async move {
                    let mut out = <$c>::default();
                    extend_std(&mut out, stream).await;
                    out
                })
            }
        }
    )*};
}

std_collection! {
    impl[T] for Vec<T> where [T: Send] item T;
    impl[T] for VecDeque<T> where [T: Send] item T;
    impl[T] for LinkedList<T> where [T: Send] item T;
    impl[T] for BinaryHeap<T> where [T: Ord + Send] item T;
    impl[T] for BTreeSet<T> where [T: Ord + Send] item T;
    impl[T, H] for HashSet<T, H> where [T: Eq + Hash + Send, H: BuildHasher + Default + Send] item T;
    impl[K, V] for BTreeMap<K, V> where [K: Ord + Send, V: Send] item (K, V);
    impl[K, V, H] for HashMap<K, V, H>
        where [K: Eq + Hash + Send, V: Send, H: BuildHasher + Default + Send] item (K, V);
    impl[] for String where [] item char;
    impl[] for String where [] item String;
    impl['b] for String where [] item &'b char;
    impl['b] for String where [] item &'b str;
    impl['b] for String where [] item Cow<'b, str>;
}

impl Extend<()> for () {
    fn extend<'a, S: IntoStream<Item = ()> + 'a>(
        &'a mut self,
        stream: S,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>
    where
        <S as IntoStream>::IntoStream: Send,
    {
        let stream = stream.into_stream();
        Box::pin(async move {
            futures_lite::pin!(stream);
            while stream.next().await.is_some() {}
        })
    }
}

impl FromStream<()> for () {
    fn from_stream<'a, S: IntoStream<Item = ()> + 'a>(
        stream: S,
    ) -> Pin<Box<dyn Future<Output = Self> + Send + 'a>>
    where
        <S as IntoStream>::IntoStream: Send,
    {
        let stream = stream.into_stream();
        Box::pin(async move {
            futures_lite::pin!(stream);
            while stream.next().await.is_some() {}
        })
    }
}

macro_rules! from_vec {
    ($(impl[$($g:tt)*] for $c:ty where [$($bounds:tt)*];)*) => {$(
        impl<$($g)*> FromStream<T> for $c
        where
            $($bounds)*
        {
            fn from_stream<'a, S: IntoStream<Item = T> + 'a>(
                stream: S,
            ) -> Pin<Box<dyn Future<Output = Self> + Send + 'a>>
            where
                <S as IntoStream>::IntoStream: Send,
            {
                let stream = stream.into_stream();
                Box::pin(async move {
                    let items: Vec<T> = FromStream::from_stream(stream).await;
                    items.into()
                })
            }
        }
    )*};
}

from_vec! {
    impl[T] for Box<[T]> where [T: Send];
    impl[T] for Rc<[T]> where [T: Send];
    impl[T] for Arc<[T]> where [T: Send];
    impl['b, T] for Cow<'b, [T]> where [T: Clone + Send];
}

impl<T, V> FromStream<Option<T>> for Option<V>
where
    T: Send,
    V: FromStream<T>,
{
    fn from_stream<'a, S: IntoStream<Item = Option<T>> + 'a>(
        stream: S,
    ) -> Pin<Box<dyn Future<Output = Self> + Send + 'a>>
    where
        <S as IntoStream>::IntoStream: Send,
    {
        let stream = stream.into_stream();
        Box::pin(async move {
            let mut found_none = false;
            let out: V = FromStream::from_stream(UntilNone::new(stream, &mut found_none)).await;
            (!found_none).then_some(out)
        })
    }
}

impl<T, E, V> FromStream<Result<T, E>> for Result<V, E>
where
    T: Send,
    E: Send,
    V: FromStream<T>,
{
    fn from_stream<'a, S: IntoStream<Item = Result<T, E>> + 'a>(
        stream: S,
    ) -> Pin<Box<dyn Future<Output = Self> + Send + 'a>>
    where
        <S as IntoStream>::IntoStream: Send,
    {
        let stream = stream.into_stream();
        Box::pin(async move {
            let mut error = None;
            let out: V = FromStream::from_stream(UntilErr::new(stream, &mut error)).await;
            error.map_or(Ok(out), Err)
        })
    }
}
