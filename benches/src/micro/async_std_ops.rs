//! The microbenchmarks written against async-std 1.13's API. Built twice: against
//! async-std itself (benches/async-std-micro) and against the shim under async-std's
//! name (`micro-shim`); the same source, so the same operations.

use std::cell::Cell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use async_std::channel;
use async_std::task;

use crate::harness;

async_std::task_local! {
    static LOCAL: Cell<u64> = Cell::new(1);
}

/// Spawns `n` tasks from a task, then joins them in order.
pub fn spawn_join(n: usize) -> Duration {
    task::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n).map(|i| task::spawn(async move { i })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await;
        }
        black_box(sum);
        start.elapsed()
    })
}

/// `n` round trips between two tasks over two channels of capacity 1.
pub fn ping_pong(n: usize) -> Duration {
    task::block_on(async move {
        let (to_echo, from_main) = channel::bounded::<usize>(1);
        let (to_main, from_echo) = channel::bounded::<usize>(1);
        let echo = task::spawn(async move {
            while let Ok(value) = from_main.recv().await {
                if to_main.send(value).await.is_err() {
                    break;
                }
            }
        });
        let start = Instant::now();
        for i in 0..n {
            to_echo.send(i).await.expect("echo task alive");
            black_box(from_echo.recv().await.expect("echo task alive"));
        }
        let elapsed = start.elapsed();
        drop(to_echo);
        echo.await;
        elapsed
    })
}

/// `n` tasks, each sleeping 1 ms, spawned together and joined.
pub fn timers(n: usize) -> Duration {
    task::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n)
            .map(|_| task::spawn(async { task::sleep(Duration::from_millis(1)).await }))
            .collect();
        for handle in handles {
            handle.await;
        }
        start.elapsed()
    })
}

/// `n` `block_on`s of a ready future, from outside any task.
pub fn block_on_ready(n: usize) -> Duration {
    let start = Instant::now();
    for i in 0..n {
        black_box(task::block_on(async move { black_box(i) }));
    }
    start.elapsed()
}

/// `n` reads of a task-local value inside a task.
pub fn task_local(n: usize) -> Duration {
    task::block_on(async move {
        let start = Instant::now();
        let mut sum = 0u64;
        for _ in 0..n {
            sum += LOCAL.with(|value| black_box(value.get()));
        }
        black_box(sum);
        start.elapsed()
    })
}

/// Runs all of them, printing one JSON line each.
pub fn main_for(runtime: &str) {
    let sizes = harness::sizes();
    harness::run(runtime, "spawn_join", sizes.tasks, spawn_join);
    harness::run(runtime, "ping_pong", sizes.round_trips, ping_pong);
    harness::run(runtime, "timers", sizes.timers, timers);
    harness::run(runtime, "block_on_ready", sizes.block_ons, block_on_ready);
    harness::run(runtime, "task_local", sizes.locals, task_local);
}
