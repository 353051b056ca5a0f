//! The runtime microbenchmarks on tokio: a multi-threaded runtime with one worker per
//! core, `tokio::spawn`, `Runtime::block_on`, `tokio::sync::mpsc`, `tokio::time::sleep`,
//! `tokio::task_local!`. Run by `runtime-micro`; prints one JSON line per benchmark.

#[path = "../micro/harness.rs"]
mod harness;

use std::cell::Cell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;

tokio::task_local! {
    static LOCAL: Cell<u64>;
}

fn spawn_join(rt: &Runtime, n: usize) -> Duration {
    rt.block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n).map(|i| tokio::spawn(async move { i })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.expect("task");
        }
        black_box(sum);
        start.elapsed()
    })
}

fn ping_pong(rt: &Runtime, n: usize) -> Duration {
    rt.block_on(async move {
        let (to_echo, mut from_main) = tokio::sync::mpsc::channel::<usize>(1);
        let (to_main, mut from_echo) = tokio::sync::mpsc::channel::<usize>(1);
        let echo = tokio::spawn(async move {
            while let Some(value) = from_main.recv().await {
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
        echo.await.expect("echo task");
        elapsed
    })
}

fn timers(rt: &Runtime, n: usize) -> Duration {
    rt.block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n)
            .map(|_| tokio::spawn(tokio::time::sleep(Duration::from_millis(1))))
            .collect();
        for handle in handles {
            handle.await.expect("task");
        }
        start.elapsed()
    })
}

fn block_on_ready(rt: &Runtime, n: usize) -> Duration {
    let start = Instant::now();
    for i in 0..n {
        black_box(rt.block_on(async move { black_box(i) }));
    }
    start.elapsed()
}

fn task_local(rt: &Runtime, n: usize) -> Duration {
    rt.block_on(LOCAL.scope(Cell::new(1), async move {
        let start = Instant::now();
        let mut sum = 0u64;
        for _ in 0..n {
            sum += LOCAL.with(|value| black_box(value.get()));
        }
        black_box(sum);
        start.elapsed()
    }))
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
        )
        .enable_all()
        .build()
        .expect("tokio runtime");
    let sizes = harness::sizes();
    harness::run("tokio", "spawn_join", sizes.tasks, |n| spawn_join(&rt, n));
    harness::run("tokio", "ping_pong", sizes.round_trips, |n| {
        ping_pong(&rt, n)
    });
    harness::run("tokio", "timers", sizes.timers, |n| timers(&rt, n));
    harness::run("tokio", "block_on_ready", sizes.block_ons, |n| {
        block_on_ready(&rt, n)
    });
    harness::run("tokio", "task_local", sizes.locals, |n| task_local(&rt, n));
}
