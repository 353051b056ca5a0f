use std::future::Future;
use std::num::Wrapping;
use std::ops::{Add, Mul};
use std::pin::Pin;

use futures_core::stream::Stream;

use super::short_circuit::{UntilErr, UntilNone};
use futures_lite::stream::StreamExt as _;

/// Types that a stream's items can be summed into: async-std's async `Sum`.
///
/// Implemented for the integer and float types (and references to them), `Wrapping`
/// integers, and `Option`/`Result` of summable types (which stop at the first
/// `None`/`Err`).
pub trait Sum<A = Self>: Sized {
    /// Sums the items of `stream`.
    fn sum<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Self> + 'a>>
    where
        S: Stream<Item = A> + 'a;
}

/// Types that a stream's items can be multiplied into: async-std's async `Product`.
///
/// Implemented for the same types as [`Sum`].
pub trait Product<A = Self>: Sized {
    /// Multiplies the items of `stream`.
    fn product<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Self> + 'a>>
    where
        S: Stream<Item = A> + 'a;
}

macro_rules! num_impls {
    ($zero:expr, $one:expr, $($a:ty)*) => ($(
        impl Sum for $a {
            fn sum<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Self> + 'a>>
            where
                S: Stream<Item = $a> + 'a,
            {
                Box::pin(stream.fold($zero, Add::add))
            }
        }

        impl<'b> Sum<&'b $a> for $a {
            fn sum<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Self> + 'a>>
            where
                S: Stream<Item = &'b $a> + 'a,
            {
                Box::pin(stream.fold($zero, |acc, x| acc + *x))
            }
        }

        impl Product for $a {
            fn product<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Self> + 'a>>
            where
                S: Stream<Item = $a> + 'a,
            {
                Box::pin(stream.fold($one, Mul::mul))
            }
        }

        impl<'b> Product<&'b $a> for $a {
            fn product<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Self> + 'a>>
            where
                S: Stream<Item = &'b $a> + 'a,
            {
                Box::pin(stream.fold($one, |acc, x| acc * *x))
            }
        }
    )*);
}

macro_rules! integer_impls {
    ($($a:ty)*) => (
        num_impls!(0, 1, $($a)*);
        num_impls!(Wrapping(0), Wrapping(1), $(Wrapping<$a>)*);
    );
}

integer_impls! { i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize }
num_impls! { 0.0, 1.0, f32 f64 }

impl<T, U> Sum<Option<U>> for Option<T>
where
    T: Sum<U>,
{
    fn sum<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Option<T>> + 'a>>
    where
        S: Stream<Item = Option<U>> + 'a,
    {
        Box::pin(async move {
            let mut found_none = false;
            let out = T::sum(UntilNone::new(stream, &mut found_none)).await;
            (!found_none).then_some(out)
        })
    }
}

impl<T, U> Product<Option<U>> for Option<T>
where
    T: Product<U>,
{
    fn product<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Option<T>> + 'a>>
    where
        S: Stream<Item = Option<U>> + 'a,
    {
        Box::pin(async move {
            let mut found_none = false;
            let out = T::product(UntilNone::new(stream, &mut found_none)).await;
            (!found_none).then_some(out)
        })
    }
}

impl<T, U, E> Sum<Result<U, E>> for Result<T, E>
where
    T: Sum<U>,
{
    fn sum<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Result<T, E>> + 'a>>
    where
        S: Stream<Item = Result<U, E>> + 'a,
    {
        Box::pin(async move {
            let mut error = None;
            let out = T::sum(UntilErr::new(stream, &mut error)).await;
            error.map_or(Ok(out), Err)
        })
    }
}

impl<T, U, E> Product<Result<U, E>> for Result<T, E>
where
    T: Product<U>,
{
    fn product<'a, S>(stream: S) -> Pin<Box<dyn Future<Output = Result<T, E>> + 'a>>
    where
        S: Stream<Item = Result<U, E>> + 'a,
    {
        Box::pin(async move {
            let mut error = None;
            let out = T::product(UntilErr::new(stream, &mut error)).await;
            error.map_or(Ok(out), Err)
        })
    }
}
