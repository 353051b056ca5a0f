//! The harness of the runtime microbenchmarks, shared by the four builds (async-std,
//! the shim, smol, tokio) through `#[path]` includes: how many operations each
//! benchmark does, and how a result is printed.
//!
//! Each benchmark runs once to warm up and once measured; the orchestrator
//! (`runtime-micro`) runs the four programs in turn, several rounds, and takes medians.

use std::time::Duration;

/// The number of operations of each benchmark (smol has no task-locals).
#[allow(dead_code)]
pub struct Sizes {
    /// Tasks spawned and joined.
    pub tasks: usize,
    /// Channel round trips.
    pub round_trips: usize,
    /// Timers (each in its own task).
    pub timers: usize,
    /// `block_on`s of a ready future.
    pub block_ons: usize,
    /// Task-local reads.
    pub locals: usize,
}

/// The sizes of the issue, or a tenth of them with `--quick`.
pub fn sizes() -> Sizes {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let scale = if quick { 10 } else { 1 };
    Sizes {
        tasks: 100_000 / scale,
        round_trips: 100_000 / scale,
        timers: 100_000 / scale,
        block_ons: 200_000 / scale,
        locals: 1_000_000 / scale,
    }
}

/// Runs `bench` once to warm up and once measured, and prints the result as a JSON
/// line: `{"runtime", "bench", "ns_per_op"}`.
/// With `MICRO_ONLY=name` in the environment, only that benchmark runs (for profiling).
pub fn run(runtime: &str, name: &str, ops: usize, mut bench: impl FnMut(usize) -> Duration) {
    if std::env::var("MICRO_ONLY").is_ok_and(|only| only != name) {
        return;
    }
    let _ = bench(ops);
    let elapsed = bench(ops);
    let ns_per_op = elapsed.as_nanos() as f64 / ops as f64;
    println!(
        "{}",
        serde_json::json!({"runtime": runtime, "bench": name, "ns_per_op": ns_per_op})
    );
}
