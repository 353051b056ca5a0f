//! future: free functions, TimeoutError, and async-std's FutureExt.

use std::time::Duration;

use async_std_compat::future;
use async_std_compat::task;

#[test]
fn ready_pending_poll_fn() {
    task::block_on(async {
        assert_eq!(future::ready(3).await, 3);
        let mut calls = 0;
        let value = future::poll_fn(|cx| {
            calls += 1;
            if calls < 3 {
                cx.waker().wake_by_ref();
                task::Poll::Pending
            } else {
                task::Poll::Ready(calls)
            }
        })
        .await;
        assert_eq!(value, 3);
        let res = future::timeout(Duration::from_millis(10), future::pending::<u8>()).await;
        assert!(res.is_err());
    });
}

#[test]
fn timeout_error_matches_async_std() {
    task::block_on(async {
        let err = future::timeout(Duration::from_millis(5), future::pending::<()>())
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "future has timed out");
        let copy = err;
        assert_eq!(copy, err);
        let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err);
        assert_eq!(boxed.to_string(), "future has timed out");
        assert_eq!(
            future::timeout(Duration::from_secs(5), async { 1 }).await,
            Ok(1)
        );
    });
}

#[cfg(feature = "unstable")]
mod ext {
    use super::*;
    use async_std_compat::future::IntoFuture;
    use async_std_compat::prelude::*;
    use std::time::Instant;

    #[test]
    fn race_is_left_biased_every_time() {
        task::block_on(async {
            for _ in 0..1000 {
                let winner = future::ready(1).race(future::ready(2)).await;
                assert_eq!(winner, 1);
            }
        });
    }

    #[test]
    fn race_takes_whichever_completes_first() {
        task::block_on(async {
            let slow = async {
                task::sleep(Duration::from_secs(5)).await;
                1
            };
            let fast = async {
                task::sleep(Duration::from_millis(5)).await;
                2
            };
            assert_eq!(slow.race(fast).await, 2);
        });
    }

    #[test]
    fn try_race_returns_the_first_success_or_the_right_error() {
        task::block_on(async {
            let a = future::ready(Err::<u8, &str>("left"));
            let b = future::ready(Ok::<u8, &str>(2));
            assert_eq!(a.try_race(b).await, Ok(2));
            let a = future::ready(Err::<u8, &str>("left"));
            let b = future::ready(Err::<u8, &str>("right"));
            assert_eq!(a.try_race(b).await, Err("right"));
            let a = future::pending::<Result<u8, &str>>();
            let b = future::ready(Err("right"));
            let c = future::ready(Ok(3));
            assert_eq!(a.try_race(b).try_race(c).await, Ok(3));
        });
    }

    #[test]
    fn join_and_try_join() {
        task::block_on(async {
            let a = async {
                task::sleep(Duration::from_millis(5)).await;
                1u8
            };
            assert_eq!(a.join(future::ready("b")).await, (1u8, "b"));
            let a = future::ready(Ok::<u8, &str>(1));
            let b = future::ready(Ok::<u16, &str>(2));
            assert_eq!(a.try_join(b).await, Ok((1, 2)));
            // The error is returned without waiting for the other side.
            let a = future::pending::<Result<u8, &str>>();
            let b = future::ready(Err::<u16, &str>("e"));
            assert_eq!(a.try_join(b).await, Err("e"));
        });
    }

    #[test]
    fn delay_waits_before_polling() {
        task::block_on(async {
            let start = Instant::now();
            let polled_at = async { Instant::now() }
                .delay(Duration::from_millis(30))
                .await;
            assert!(polled_at.duration_since(start) >= Duration::from_millis(30));
        });
    }

    #[test]
    fn flatten_and_into_future() {
        task::block_on(async {
            assert_eq!(future::ready(future::ready(5)).flatten().await, 5);
            struct Answer;
            impl IntoFuture for Answer {
                type Output = u8;
                type Future = std::future::Ready<u8>;
                fn into_future(self) -> Self::Future {
                    std::future::ready(42)
                }
            }
            assert_eq!(future::ready(Answer).flatten().await, 42);
        });
    }

    #[test]
    fn timeout_method() {
        task::block_on(async {
            assert_eq!(
                future::ready(1).timeout(Duration::from_secs(5)).await,
                Ok(1)
            );
            let res = future::pending::<()>()
                .timeout(Duration::from_millis(5))
                .await;
            assert!(res.is_err());
        });
    }

    #[test]
    fn combinator_futures_are_send() {
        fn assert_send<T: Send>(_: T) {}
        assert_send(future::ready(1).race(future::ready(2)));
        assert_send(future::ready(1).join(future::ready(2)));
        assert_send(future::ready(1).delay(Duration::from_millis(1)));
        assert_send(future::ready(1).timeout(Duration::from_millis(1)));
    }
}
