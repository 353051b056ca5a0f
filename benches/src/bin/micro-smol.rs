//! The runtime microbenchmarks on plain smol: `smol::spawn` (the global executor, with
//! `SMOL_THREADS` threads: the orchestrator sets it to the core count, as many as the
//! shim and async-std run), `smol::block_on`, `smol::channel`, `smol::Timer`. smol has
//! no task-locals. Run by `runtime-micro`; prints one JSON line per benchmark.

#[path = "../micro/harness.rs"]
mod harness;

use std::hint::black_box;
use std::time::{Duration, Instant};

fn spawn_join(n: usize) -> Duration {
    smol::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n).map(|i| smol::spawn(async move { i })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await;
        }
        black_box(sum);
        start.elapsed()
    })
}

fn ping_pong(n: usize) -> Duration {
    smol::block_on(async move {
        let (to_echo, from_main) = smol::channel::bounded::<usize>(1);
        let (to_main, from_echo) = smol::channel::bounded::<usize>(1);
        let echo = smol::spawn(async move {
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

fn timers(n: usize) -> Duration {
    smol::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n)
            .map(|_| {
                smol::spawn(async {
                    smol::Timer::after(Duration::from_millis(1)).await;
                })
            })
            .collect();
        for handle in handles {
            handle.await;
        }
        start.elapsed()
    })
}

fn block_on_ready(n: usize) -> Duration {
    let start = Instant::now();
    for i in 0..n {
        black_box(smol::block_on(async move { black_box(i) }));
    }
    start.elapsed()
}

fn main() {
    let sizes = harness::sizes();
    harness::run("smol", "spawn_join", sizes.tasks, spawn_join);
    harness::run("smol", "ping_pong", sizes.round_trips, ping_pong);
    harness::run("smol", "timers", sizes.timers, timers);
    harness::run("smol", "block_on_ready", sizes.block_ons, block_on_ready);
}
