//! task: sleep, yield_now, spawn_blocking, spawn_local, task-locals.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_std_compat::task;
use async_std_compat::task_local;

#[test]
fn sleep_returns_unit_after_the_duration() {
    task::block_on(async {
        let start = Instant::now();
        let () = task::sleep(Duration::from_millis(30)).await;
        assert!(start.elapsed() >= Duration::from_millis(30));
    });
}

#[test]
#[cfg(feature = "unstable")]
fn yield_now_lets_another_task_run() {
    task::block_on(async {
        let flag = Arc::new(AtomicUsize::new(0));
        let inner = flag.clone();
        drop(task::spawn_local(async move {
            inner.store(1, Ordering::SeqCst)
        }));
        task::yield_now().await;
        assert_eq!(flag.load(Ordering::SeqCst), 1);
    });
}

#[test]
fn spawn_blocking_returns_the_closure_value() {
    let value = task::block_on(task::spawn_blocking(|| 6 * 7));
    assert_eq!(value, 42);
}

#[test]
fn dropped_spawn_blocking_handles_still_run_their_closures() {
    const N: usize = 200;
    let ran = Arc::new(AtomicUsize::new(0));
    for _ in 0..N {
        let ran = ran.clone();
        drop(task::spawn_blocking(move || {
            ran.fetch_add(1, Ordering::SeqCst);
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while ran.load(Ordering::SeqCst) < N && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(ran.load(Ordering::SeqCst), N);
}

/// The awaiter panics. With blocking 1.6 or newer it panics with the closure's payload;
/// older blocking (which a lock written for async-std 1.13 may hold) reports "task has
/// failed" instead, for async-std as for the shim.
#[test]
#[should_panic]
fn spawn_blocking_panics_propagate_to_the_awaiter() {
    task::block_on(task::spawn_blocking(|| panic!("boom")));
}

#[test]
#[cfg(feature = "unstable")]
fn spawn_local_runs_non_send_futures_inside_block_on() {
    let value = task::block_on(async {
        let shared = std::rc::Rc::new(Cell::new(1));
        let inner = shared.clone();
        let handle = task::spawn_local(async move {
            inner.set(inner.get() + 2);
            inner.get()
        });
        assert_eq!(handle.await, 3);
        shared.get()
    });
    assert_eq!(value, 3);
}

#[test]
#[cfg(feature = "unstable")]
fn spawn_local_works_inside_a_spawned_task() {
    let value = task::block_on(task::spawn(async {
        task::spawn_local(async {
            let local = std::rc::Rc::new(5);
            task::yield_now().await;
            *local + 2
        })
        .await
    }));
    assert_eq!(value, 7);
}

#[test]
#[cfg(feature = "unstable")]
fn spawn_local_works_in_a_block_on_nested_in_a_spawned_task() {
    let value = task::block_on(task::spawn(async {
        task::block_on(async {
            let local = std::rc::Rc::new(4);
            task::spawn_local(async move { *local + 1 }).await
        })
    }));
    assert_eq!(value, 5);
}

#[test]
#[cfg(feature = "unstable")]
fn builder_local_names_the_task() {
    task::block_on(async {
        let handle = task::Builder::new()
            .name("local".into())
            .local(async { task::current().name().map(String::from) })
            .unwrap();
        assert_eq!(handle.await.as_deref(), Some("local"));
    });
}

#[test]
#[cfg(feature = "unstable")]
fn spawn_local_still_works_after_a_caught_block_on_panic() {
    let caught = std::panic::catch_unwind(|| task::block_on(async { panic!("first") }));
    assert!(caught.is_err());
    let value = task::block_on(async { task::spawn_local(async { 9 }).await });
    assert_eq!(value, 9);
}

task_local! {
    static COUNTER: Cell<u32> = Cell::new(0);
    static NAME: String = String::from("init");
}

#[test]
fn task_local_values_are_per_task_and_fresh() {
    task::block_on(async {
        COUNTER.with(|c| c.set(10));
        assert_eq!(COUNTER.with(|c| c.get()), 10);
        let child = task::spawn(async {
            let first = COUNTER.with(|c| c.get());
            COUNTER.with(|c| c.set(first + 1));
            first
        })
        .await;
        assert_eq!(child, 0);
        assert_eq!(COUNTER.with(|c| c.get()), 10);
        assert_eq!(NAME.with(|n| n.clone()), "init");
    });
    // A second block_on is a new task.
    task::block_on(async { assert_eq!(COUNTER.with(|c| c.get()), 0) });
}

#[test]
fn task_locals_survive_await_points_and_thread_moves() {
    let handles: Vec<_> = (0..8)
        .map(|i| {
            task::spawn(async move {
                COUNTER.with(|c| c.set(i));
                for _ in 0..20 {
                    task::yield_now().await;
                }
                COUNTER.with(|c| c.get())
            })
        })
        .collect();
    let values: Vec<u32> = task::block_on(async {
        let mut out = Vec::new();
        for handle in handles {
            out.push(handle.await);
        }
        out
    });
    assert_eq!(values, (0..8).collect::<Vec<_>>());
}

#[test]
fn nested_task_local_access_works() {
    task::block_on(async {
        let joined = NAME.with(|n| COUNTER.with(|c| format!("{n}:{}", c.get())));
        assert_eq!(joined, "init:0");
        assert_eq!(COUNTER.with(|a| COUNTER.with(|b| a.get() + b.get())), 0);
    });
}

#[test]
fn try_with_outside_a_task_is_an_access_error() {
    let err = COUNTER.try_with(|c| c.get()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "already destroyed or called outside the context of a task"
    );
}

#[test]
#[should_panic(expected = "called outside the context of a task")]
fn with_outside_a_task_panics() {
    COUNTER.with(|c| c.get());
}

#[test]
fn ready_macro_is_reexported() {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    struct Wrap<F>(F);
    impl<F: Future + Unpin> Future for Wrap<F> {
        type Output = F::Output;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            let out = async_std_compat::task::ready!(Pin::new(&mut self.0).poll(cx));
            Poll::Ready(out)
        }
    }
    assert_eq!(task::block_on(Wrap(std::future::ready(4))), 4);
}

task_local! {
    static K1: Cell<u32> = Cell::new(1);
    static K2: Cell<u32> = Cell::new(2);
    static K3: Cell<u32> = Cell::new(3);
    static K4: Cell<u32> = Cell::new(4);
    static K5: Cell<u32> = Cell::new(5);
    static K6: Cell<u32> = Cell::new(6);
    static K7: Cell<u32> = Cell::new(7);
    static K8: Cell<u32> = Cell::new(8);
    static K9: Cell<u32> = Cell::new(9);
    static K10: Cell<u32> = Cell::new(10);
    // Its initializer reads another task-local (and so initializes it first).
    static DERIVED: u32 = K10.with(|k| k.get() * 100);
}

#[test]
fn many_task_locals_keep_their_own_values_per_task() {
    let keys = [&K1, &K2, &K3, &K4, &K5, &K6, &K7, &K8, &K9, &K10];
    let run = |offset: u32| {
        task::spawn(async move {
            for (i, key) in keys.iter().enumerate() {
                assert_eq!(key.with(|k| k.get()), i as u32 + 1, "initial value");
                key.with(|k| k.set(offset + i as u32));
            }
            task::yield_now().await;
            let values: Vec<u32> = keys.iter().map(|key| key.with(|k| k.get())).collect();
            (values, DERIVED.with(|d| *d))
        })
    };
    let (first, second) = task::block_on(async { (run(100).await, run(200).await) });
    assert_eq!(first.0, (100..110).collect::<Vec<_>>());
    assert_eq!(second.0, (200..210).collect::<Vec<_>>());
    // K10 was set before DERIVED was first read.
    assert_eq!(first.1, 109 * 100);
    assert_eq!(second.1, 209 * 100);
}
