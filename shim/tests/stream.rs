//! stream: constructors and async-std's StreamExt.

use std::cmp::Ordering;

use async_std_compat::prelude::*;
use async_std_compat::stream;
use async_std_compat::task;

#[test]
fn constructors() {
    task::block_on(async {
        assert_eq!(stream::empty::<u8>().next().await, None);
        let mut once = stream::once(7);
        assert_eq!(once.next().await, Some(7));
        assert_eq!(once.next().await, None);
        let mut n = 0;
        let from_fn = stream::from_fn(|| {
            n += 1;
            (n <= 3).then_some(n)
        });
        assert_eq!(
            from_fn
                .fold(Vec::new(), |mut v, x| {
                    v.push(x);
                    v
                })
                .await,
            [1, 2, 3]
        );
        let mut rep = stream::repeat("a").take(2);
        assert_eq!(rep.next().await, Some("a"));
        assert_eq!(rep.next().await, Some("a"));
        assert_eq!(rep.next().await, None);
        let mut k = 0;
        let mut with = stream::repeat_with(|| {
            k += 1;
            k
        });
        assert_eq!(with.nth(2).await, Some(3));
    });
}

#[test]
fn delegated_adapters() {
    task::block_on(async {
        let mut s = stream::from_iter(1..=10)
            .filter(|x| x % 2 == 0)
            .map(|x| x * 10)
            .skip(1)
            .step_by(2)
            .enumerate()
            .take_while(|(i, _)| *i < 5);
        let mut got = Vec::new();
        while let Some(v) = s.next().await {
            got.push(v);
        }
        assert_eq!(got, [(0, 40), (1, 80)]);
        let mut s = stream::from_iter(vec![1, 2, 3]);
        assert!(s.any(|x| x == 2).await);
        assert_eq!(s.position(|x| x == 3).await, Some(0));
        let mut s = stream::from_iter(vec![1, 2, 3]);
        assert!(s.all(|x| x > 0).await);
        assert_eq!(stream::from_iter(vec![1, 2]).last().await, Some(2));
        let zipped = stream::from_iter(vec![1, 2, 3])
            .zip(stream::from_iter(vec!['a', 'b']))
            .chain(stream::once((9, 'z')))
            .fold(String::new(), |mut acc, (n, c)| {
                acc.push_str(&format!("{n}{c}"));
                acc
            })
            .await;
        assert_eq!(zipped, "1a2b9z");
    });
}

#[test]
fn try_fold_folds_plain_items_with_a_fallible_closure() {
    task::block_on(async {
        let mut s = stream::from_iter(vec![1u8, 2, 3]);
        assert_eq!(
            s.try_fold(0u8, |acc: u8, x| acc.checked_add(x).ok_or("overflow"))
                .await,
            Ok(6)
        );
        let mut s = stream::from_iter(vec![200u8, 100, 1]);
        let res = s
            .try_fold(0u8, |acc: u8, x| acc.checked_add(x).ok_or("overflow"))
            .await;
        assert_eq!(res, Err("overflow"));
        // The stream stops right after the failing item.
        assert_eq!(s.next().await, Some(1));
    });
}

#[test]
fn min_max_family_keeps_the_first_on_ties() {
    task::block_on(async {
        let items = || stream::from_iter(vec![(1, 'a'), (3, 'b'), (0, 'c'), (3, 'd'), (0, 'e')]);
        assert_eq!(stream::from_iter(vec![2, 5, 1]).max().await, Some(5));
        assert_eq!(stream::from_iter(vec![2, 5, 1]).min().await, Some(1));
        assert_eq!(stream::empty::<u8>().max().await, None);
        assert_eq!(items().max_by_key(|(k, _)| *k).await, Some((3, 'b')));
        assert_eq!(items().min_by_key(|(k, _)| *k).await, Some((0, 'c')));
        assert_eq!(items().max_by(|a, b| a.0.cmp(&b.0)).await, Some((3, 'b')));
        assert_eq!(items().min_by(|a, b| a.0.cmp(&b.0)).await, Some((0, 'c')));
    });
}

#[test]
fn comparisons_are_lexicographic() {
    task::block_on(async {
        let s = |v: Vec<i32>| stream::from_iter(v);
        assert_eq!(s(vec![1, 2]).cmp(s(vec![1, 2])).await, Ordering::Equal);
        assert_eq!(s(vec![1]).cmp(s(vec![1, 2])).await, Ordering::Less);
        assert_eq!(s(vec![1, 3]).cmp(s(vec![1, 2, 9])).await, Ordering::Greater);
        assert_eq!(
            stream::from_iter(vec![1.0, f64::NAN])
                .partial_cmp(stream::from_iter(vec![1.0, 2.0]))
                .await,
            None
        );
        assert!(s(vec![1, 2]).eq(s(vec![1, 2])).await);
        assert!(!s(vec![1]).eq(s(vec![1, 2])).await);
        assert!(s(vec![1]).ne(s(vec![1, 2])).await);
        assert!(!s(vec![3]).ne(s(vec![3])).await);
        assert!(s(vec![1]).lt(s(vec![2])).await);
        assert!(s(vec![1]).le(s(vec![1])).await);
        assert!(s(vec![2]).gt(s(vec![1, 5])).await);
        assert!(s(vec![2]).ge(s(vec![2])).await);
        assert!(!s(vec![2]).lt(s(vec![2])).await);
    });
}

#[test]
fn comparisons_wait_for_pending_streams() {
    task::block_on(async {
        // A stream that is pending before each item.
        let slow = |v: Vec<i32>| stream::from_iter(v).then_yield();
        assert!(slow(vec![1, 2]).eq(stream::from_iter(vec![1, 2])).await);
        assert_eq!(
            stream::from_iter(vec![1, 2]).cmp(slow(vec![1, 3])).await,
            Ordering::Less
        );
    });
}

#[test]
fn cmp_takes_async_std_bounds() {
    // async-std's `cmp` accepts any stream at the call; the item types must agree only
    // when the future is awaited. A generic helper with exactly async-std's where
    // clause compiles.
    #[allow(clippy::let_underscore_future)]
    fn build_only<L, R>(left: L, right: R)
    where
        L: Stream + Sized,
        R: Stream,
        L::Item: Ord,
    {
        let _ = left.cmp(right);
    }
    build_only(stream::from_iter(vec![1u8]), stream::from_iter(vec!["a"]));

    task::block_on(async {
        // The other stream's item type is inferred from the await.
        let fut = stream::from_iter(vec![1, 2]).cmp(stream::empty());
        assert_eq!(fut.await, Ordering::Greater);
        assert_eq!(
            stream::empty::<u8>().cmp(stream::empty()).await,
            Ordering::Equal
        );
    });
}

/// A test helper: a stream that returns `Pending` (and wakes itself) before every item.
trait ThenYield: Stream + Sized {
    fn then_yield(self) -> YieldEach<Self> {
        YieldEach {
            inner: self,
            yielded: false,
        }
    }
}
impl<S: Stream> ThenYield for S {}

struct YieldEach<S> {
    inner: S,
    yielded: bool,
}

impl<S: Stream + Unpin> Stream for YieldEach<S> {
    type Item = S::Item;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<S::Item>> {
        if !self.yielded {
            self.yielded = true;
            cx.waker().wake_by_ref();
            return std::task::Poll::Pending;
        }
        self.yielded = false;
        std::pin::Pin::new(&mut self.inner).poll_next(cx)
    }
}

#[cfg(feature = "unstable")]
mod unstable {
    use super::*;
    use std::collections::{BTreeMap, HashSet, VecDeque};
    use std::future::Future;
    use std::pin::Pin;
    use std::time::{Duration, Instant};

    #[test]
    fn merge_yields_every_item_and_ends() {
        task::block_on(async {
            for _ in 0..200 {
                let mut items: Vec<i32> = stream::once(1)
                    .merge(stream::from_iter(vec![2, 3, 4]))
                    .collect()
                    .await;
                items.sort();
                assert_eq!(items, [1, 2, 3, 4]);
            }
        });
    }

    #[test]
    fn merge_keeps_the_slower_streams_items() {
        task::block_on(async {
            let slow = stream::from_iter(vec![10, 20]).throttle(Duration::from_millis(10));
            let fast = stream::from_iter(vec![1, 2]);
            let items: Vec<i32> = async_std_compat::future::timeout(
                Duration::from_secs(10),
                slow.merge(fast).collect::<Vec<i32>>(),
            )
            .await
            .expect("merge did not end");
            let mut sorted = items.clone();
            sorted.sort();
            assert_eq!(sorted, [1, 2, 10, 20]);
            // Order within each side is kept.
            let tens: Vec<_> = items.iter().filter(|x| **x >= 10).collect();
            assert_eq!(tens, [&10, &20]);
        });
    }

    #[test]
    fn merge_polls_both_sides_first_at_random() {
        task::block_on(async {
            let mut left_first = 0;
            for _ in 0..400 {
                let first = stream::once('l')
                    .merge(stream::once('r'))
                    .next()
                    .await
                    .unwrap();
                if first == 'l' {
                    left_first += 1;
                }
            }
            // Random, so neither side always wins (generous bounds).
            assert!(
                (40..=360).contains(&left_first),
                "left first {left_first}/400"
            );
        });
    }

    #[test]
    fn interval_does_not_burst_after_a_stall() {
        task::block_on(async {
            let period = Duration::from_millis(50);
            let mut ticks = stream::interval(period);
            let start = Instant::now();
            ticks.next().await;
            assert!(start.elapsed() >= period);
            // Stall for several periods.
            task::sleep(Duration::from_millis(250)).await;
            let resumed = Instant::now();
            ticks.next().await; // The tick that was due during the stall fires at once.
            ticks.next().await; // The next one is a full period later: no burst.
            assert!(
                resumed.elapsed() >= Duration::from_millis(45),
                "missed ticks fired in a burst: {:?}",
                resumed.elapsed()
            );
        });
    }

    #[test]
    fn timeout_yields_errors_and_goes_on() {
        task::block_on(async {
            let s = stream::from_iter(vec![1, 2])
                .chain(stream::from_iter(vec![3]).delay(Duration::from_millis(100)));
            let mut s = s.timeout(Duration::from_millis(20));
            assert_eq!(s.next().await, Some(Ok(1)));
            assert_eq!(s.next().await, Some(Ok(2)));
            let err = s.next().await.unwrap().unwrap_err();
            assert_eq!(err.to_string(), "stream has timed out");
            let mut rest = Vec::new();
            while let Some(item) = s.next().await {
                rest.push(item);
            }
            assert_eq!(rest.last(), Some(&Ok(3)));
        });
    }

    #[test]
    fn throttle_spaces_items_without_dropping_them() {
        task::block_on(async {
            let start = Instant::now();
            let items: Vec<_> = stream::from_iter(0..4)
                .throttle(Duration::from_millis(20))
                .collect()
                .await;
            assert_eq!(items, [0, 1, 2, 3]);
            assert!(start.elapsed() >= Duration::from_millis(60));
        });
    }

    #[test]
    fn delay_waits_before_the_first_item() {
        task::block_on(async {
            let start = Instant::now();
            let mut s = stream::once(1).delay(Duration::from_millis(30));
            assert_eq!(s.next().await, Some(1));
            assert!(start.elapsed() >= Duration::from_millis(30));
        });
    }

    #[test]
    fn sum_and_product() {
        task::block_on(async {
            let total: i32 = stream::from_iter(vec![1, 2, 3]).sum().await;
            assert_eq!(total, 6);
            let prod: u64 = stream::from_iter(vec![2u64, 3, 4]).product().await;
            assert_eq!(prod, 24);
            let total: f64 = stream::from_iter(vec![0.5, 0.25]).sum().await;
            assert_eq!(total, 0.75);
            let some: Option<u32> = stream::from_iter(vec![Some(1), Some(2)]).sum().await;
            assert_eq!(some, Some(3));
            let none: Option<u32> = stream::from_iter(vec![Some(1), None, Some(2)]).sum().await;
            assert_eq!(none, None);
            let err: Result<u32, &str> = stream::from_iter(vec![Ok(2), Err("x"), Ok(3)])
                .product()
                .await;
            assert_eq!(err, Err("x"));
        });
    }

    #[test]
    fn collect_into_collections_option_and_result() {
        task::block_on(async {
            let v: Vec<u8> = stream::from_iter(1..=3).collect().await;
            assert_eq!(v, [1, 2, 3]);
            let d: VecDeque<u8> = stream::from_iter(1..=2).collect().await;
            assert_eq!(d, [1, 2]);
            let m: BTreeMap<u8, char> = stream::from_iter(vec![(1, 'a'), (2, 'b')]).collect().await;
            assert_eq!(m[&2], 'b');
            let h: HashSet<u8> = stream::from_iter(vec![1, 1, 2]).collect().await;
            assert_eq!(h.len(), 2);
            let s: String = stream::from_iter(vec!['h', 'i']).collect().await;
            assert_eq!(s, "hi");
            let s: String = stream::from_iter(vec!["a", "b"]).collect().await;
            assert_eq!(s, "ab");
            let b: Box<[u8]> = stream::from_iter(vec![4]).collect().await;
            assert_eq!(&*b, &[4]);
            let ok: Result<Vec<u8>, &str> = stream::from_iter(vec![Ok(1), Ok(2)]).collect().await;
            assert_eq!(ok, Ok(vec![1, 2]));
            let err: Result<Vec<u8>, &str> = stream::from_iter(vec![Ok(1), Err("e"), Ok(3)])
                .collect()
                .await;
            assert_eq!(err, Err("e"));
            let none: Option<Vec<u8>> = stream::from_iter(vec![Some(1), None]).collect().await;
            assert_eq!(none, None);
            let mut v = vec![0u8];
            stream::extend(&mut v, stream::from_iter(vec![1, 2])).await;
            assert_eq!(v, [0, 1, 2]);
        });
    }

    #[test]
    fn flatten_flat_map_successors_pending_by_ref() {
        task::block_on(async {
            let flat: Vec<u8> = stream::from_iter(vec![
                stream::from_iter(vec![1, 2]),
                stream::from_iter(vec![3]),
            ])
            .flatten()
            .collect()
            .await;
            assert_eq!(flat, [1, 2, 3]);
            let fm: Vec<u8> = stream::from_iter(vec![1u8, 2])
                .flat_map(|x| stream::repeat(x).take(x as usize))
                .collect()
                .await;
            assert_eq!(fm, [1, 2, 2]);
            let succ: Vec<u32> = stream::successors(Some(1), |n| (*n < 8).then(|| n * 2))
                .collect()
                .await;
            assert_eq!(succ, [1, 2, 4, 8]);
            let res = async_std_compat::future::timeout(
                Duration::from_millis(5),
                stream::pending::<u8>().next(),
            )
            .await;
            assert!(res.is_err());
            let mut s = stream::from_iter(1..=4);
            let head: Vec<_> = s.by_ref().take(2).collect().await;
            assert_eq!(head, [1, 2]);
            assert_eq!(s.count().await, 2);
            let (even, odd): (Vec<u8>, Vec<u8>) =
                stream::from_iter(1..=5).partition(|x| x % 2 == 0).await;
            assert_eq!((even, odd), (vec![2, 4], vec![1, 3, 5]));
            let (a, b): (Vec<u8>, Vec<char>) =
                stream::from_iter(vec![(1, 'x'), (2, 'y')]).unzip().await;
            assert_eq!((a, b), (vec![1, 2], vec!['x', 'y']));
        });
    }

    #[test]
    fn double_ended_exact_size_and_fused_traits() {
        use async_std_compat::stream::{ExactSizeStream, FusedStream};
        task::block_on(async {
            let mut s = stream::from_iter(vec![1, 2, 3, 4, 5]);
            assert_eq!(s.next_back().await, Some(5));
            assert_eq!(s.nth_back(1).await, Some(3));
            assert_eq!(s.rfind(|x| *x < 2).await, Some(1));
            assert_eq!(s.next().await, None);
            let digits = stream::from_iter(vec![1, 2, 3])
                .rfold(0, |acc, x| acc * 10 + x)
                .await;
            assert_eq!(digits, 321);
            let res: Result<i32, i32> = stream::from_iter(vec![1, 2, 3])
                .try_rfold(0, |acc, x| if x == 1 { Err(acc) } else { Ok(acc + x) })
                .await;
            assert_eq!(res, Err(5));
            let mut once = stream::once(8);
            assert_eq!(once.next_back().await, Some(8));
            assert_eq!(once.next().await, None);
            assert_eq!(stream::pending::<u8>().len(), 0);
        });
        // async-std's FusedStream is a marker trait: users implement it with no methods.
        struct Done;
        impl Stream for Done {
            type Item = ();
            fn poll_next(
                self: std::pin::Pin<&mut Self>,
                _: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Option<()>> {
                std::task::Poll::Ready(None)
            }
        }
        impl FusedStream for Done {}
        fn fused<S: FusedStream>(_: S) {}
        fused(Done);
    }

    /// A collection as an async-std user writes one for `partition`: `Default`, the
    /// async `stream::Extend` (async-std's `partition` requires it at the call) and
    /// `std::iter::Extend` (its future requires it to be awaited).
    #[derive(Debug, Default, PartialEq)]
    struct Tally {
        count: usize,
        sum: u32,
    }

    impl std::iter::Extend<u32> for Tally {
        fn extend<I: IntoIterator<Item = u32>>(&mut self, items: I) {
            for x in items {
                self.count += 1;
                self.sum += x;
            }
        }
    }

    impl stream::Extend<u32> for Tally {
        fn extend<'a, T: stream::IntoStream<Item = u32> + 'a>(
            &'a mut self,
            items: T,
        ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>
        where
            T::IntoStream: Send,
        {
            let items = items.into_stream();
            Box::pin(async move {
                items
                    .for_each(|x| std::iter::Extend::extend(&mut *self, Some(x)))
                    .await
            })
        }
    }

    #[test]
    fn partition_into_a_user_collection() {
        task::block_on(async {
            let (big, small): (Tally, Tally) = stream::from_iter(vec![1u32, 10, 2, 20, 3])
                .partition(|&x| x >= 10)
                .await;
            assert_eq!(big, Tally { count: 2, sum: 30 });
            assert_eq!(small, Tally { count: 3, sum: 6 });

            // The same type, extended through async-std's async Extend.
            let mut t = Tally::default();
            stream::extend(&mut t, stream::from_iter(vec![4u32, 5])).await;
            assert_eq!(t, Tally { count: 2, sum: 9 });
        });
    }

    #[test]
    fn partition_keeps_order_and_waits_for_pending_items() {
        task::block_on(async {
            let (letters, digits): (String, String) = stream::from_iter("a1b2c3".chars())
                .then_yield()
                .partition(|c| c.is_alphabetic())
                .await;
            assert_eq!((letters.as_str(), digits.as_str()), ("abc", "123"));
            let (yes, no): (VecDeque<u8>, VecDeque<u8>) = stream::empty().partition(|_| true).await;
            assert!(yes.is_empty() && no.is_empty());
        });
    }

    #[test]
    fn unzip_into_different_collections() {
        task::block_on(async {
            let (ids, names): (Vec<u32>, VecDeque<&str>) =
                stream::from_iter(vec![(1, "one"), (2, "two"), (3, "three")])
                    .unzip()
                    .await;
            assert_eq!(ids, [1, 2, 3]);
            assert_eq!(names, VecDeque::from(["one", "two", "three"]));

            let (letters, seen): (String, HashSet<u8>) =
                stream::from_iter(vec![('a', 1u8), ('b', 2), ('c', 1)])
                    .then_yield()
                    .unzip()
                    .await;
            assert_eq!(letters, "abc");
            assert_eq!(seen, HashSet::from([1, 2]));

            let (a, b): (Vec<u8>, BTreeMap<u8, u8>) =
                stream::empty::<(u8, (u8, u8))>().unzip().await;
            assert!(a.is_empty() && b.is_empty());
        });
    }

    #[test]
    fn partition_and_unzip_take_async_std_bounds() {
        // Generic helpers with exactly async-std's where clauses (the async
        // `stream::Extend` at the call, `std::iter::Extend` to await) compile.
        async fn split<S, B>(items: S) -> (B, B)
        where
            S: Stream + Sized,
            S::Item: PartialOrd + Default,
            B: Default + stream::Extend<S::Item> + std::iter::Extend<S::Item>,
        {
            items.partition(|x| *x > S::Item::default()).await
        }
        #[allow(clippy::let_underscore_future)]
        fn build_only<S, A, B, FromA, FromB>(items: S)
        where
            S: Stream<Item = (A, B)> + Sized,
            FromA: Default + stream::Extend<A>,
            FromB: Default + stream::Extend<B>,
        {
            let _ = items.unzip::<A, B, FromA, FromB>();
        }
        build_only::<_, u8, u8, Vec<u8>, Vec<u8>>(stream::empty());
        task::block_on(async {
            let (pos, rest): (Vec<i32>, Vec<i32>) =
                split(stream::from_iter(vec![-1, 2, 0, 3])).await;
            assert_eq!((pos, rest), (vec![2, 3], vec![-1, 0]));
        });
    }

    #[test]
    fn collect_future_is_send() {
        fn assert_send<T: Send>(_: T) {}
        assert_send(stream::from_iter(vec![1u8]).collect::<Vec<u8>>());
        assert_send(stream::from_iter(vec![1u8]).merge(stream::once(2)).max());
    }
}
