//! sync and channel.

use async_std_compat::channel;
use async_std_compat::prelude::*;
use async_std_compat::sync::{Arc, Mutex, RwLock};
use async_std_compat::task;

#[test]
fn mutex_is_shared_between_tasks() {
    task::block_on(async {
        let m = Arc::new(Mutex::new(0));
        let handles: Vec<_> = (0..10)
            .map(|_| {
                let m = m.clone();
                task::spawn(async move {
                    for _ in 0..100 {
                        *m.lock().await += 1;
                    }
                })
            })
            .collect();
        for h in handles {
            h.await;
        }
        assert_eq!(*m.lock().await, 1000);
        let guard = m.lock_arc().await;
        assert!(m.try_lock().is_none());
        drop(guard);
        assert!(m.try_lock().is_some());
    });
}

#[test]
fn locks_are_async_locks() {
    // Same types as smol's `smol::lock` (async-lock), as in async-std 1.13.
    let _: async_lock::Mutex<i32> = Mutex::new(1);
    task::block_on(async {
        let lock = RwLock::new(1);
        let up = lock.upgradable_read().await;
        let mut w = async_lock::RwLockUpgradableReadGuard::upgrade(up).await;
        *w += 1;
        drop(w);
        assert_eq!(*lock.read().await, 2);
    });
}

#[test]
fn channel_is_async_channel_1_and_receiver_is_a_stream() {
    task::block_on(async {
        let (s, r) = channel::bounded(2);
        let producer = task::spawn(async move {
            for i in 0..5 {
                s.send(i).await.unwrap();
            }
        });
        let mut r = r;
        let mut got = Vec::new();
        // async-channel 1.x's Receiver is Unpin, so `next()` works on it directly.
        while let Some(v) = r.next().await {
            got.push(v);
        }
        producer.await;
        assert_eq!(got, vec![0, 1, 2, 3, 4]);
        assert!(r.recv().await.is_err());
    });
}

#[cfg(feature = "unstable")]
mod unstable {
    use super::*;
    use async_std_compat::sync::{Barrier, Condvar};
    use std::time::{Duration, Instant};

    #[test]
    fn barrier_releases_all_and_elects_one_leader() {
        task::block_on(async {
            let barrier = Arc::new(Barrier::new(4));
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    let b = barrier.clone();
                    task::spawn(async move { b.wait().await.is_leader() })
                })
                .collect();
            let mut leaders = 0;
            for h in handles {
                if h.await {
                    leaders += 1;
                }
            }
            assert_eq!(leaders, 1);
        });
    }

    #[test]
    fn condvar_wait_wakes_on_notify_one() {
        task::block_on(async {
            let pair = Arc::new((Mutex::new(false), Condvar::new()));
            let pair2 = pair.clone();
            task::spawn(async move {
                task::sleep(Duration::from_millis(10)).await;
                let (lock, cvar) = &*pair2;
                *lock.lock().await = true;
                cvar.notify_one();
            });
            let (lock, cvar) = &*pair;
            let mut started = lock.lock().await;
            while !*started {
                started = cvar.wait(started).await;
            }
            assert!(*started);
        });
    }

    #[test]
    fn condvar_notify_all_wakes_every_waiter() {
        task::block_on(async {
            let pair = Arc::new((Mutex::new(0u32), Condvar::new()));
            let waiters: Vec<_> = (0..5)
                .map(|_| {
                    let pair = pair.clone();
                    task::spawn(async move {
                        let (lock, cvar) = &*pair;
                        let guard = cvar.wait_until(lock.lock().await, |v| *v > 0).await;
                        *guard
                    })
                })
                .collect();
            task::sleep(Duration::from_millis(20)).await;
            {
                let (lock, cvar) = &*pair;
                *lock.lock().await = 7;
                cvar.notify_all();
            }
            for w in waiters {
                let value = async_std_compat::future::timeout(Duration::from_secs(10), w)
                    .await
                    .expect("waiter was not woken");
                assert_eq!(value, 7);
            }
        });
    }

    #[test]
    fn condvar_two_notify_ones_wake_two_waiters() {
        task::block_on(async {
            let pair = Arc::new((Mutex::new(0u32), Condvar::new()));
            let waiters: Vec<_> = (0..2)
                .map(|_| {
                    let pair = pair.clone();
                    task::spawn(async move {
                        let (lock, cvar) = &*pair;
                        let guard = lock.lock().await;
                        drop(cvar.wait(guard).await);
                    })
                })
                .collect();
            task::sleep(Duration::from_millis(30)).await;
            let (_, cvar) = &*pair;
            cvar.notify_one();
            cvar.notify_one();
            for w in waiters {
                async_std_compat::future::timeout(Duration::from_secs(10), w)
                    .await
                    .expect("waiter was not woken");
            }
        });
    }

    #[test]
    fn condvar_wait_timeout_times_out_and_relocks() {
        task::block_on(async {
            let lock = Mutex::new(5);
            let cvar = Condvar::new();
            let start = Instant::now();
            let (guard, result) = cvar
                .wait_timeout(lock.lock().await, Duration::from_millis(20))
                .await;
            assert!(result.timed_out());
            assert!(start.elapsed() >= Duration::from_millis(20));
            assert_eq!(*guard, 5);
            assert!(lock.try_lock().is_none());
            drop(guard);
            let (guard, result) = cvar
                .wait_timeout_until(lock.lock().await, Duration::from_secs(5), |v| *v == 5)
                .await;
            assert!(!result.timed_out());
            assert_eq!(*guard, 5);
        });
    }
}
