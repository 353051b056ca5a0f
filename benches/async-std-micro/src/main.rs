//! The runtime microbenchmarks on async-std 1.13.2 itself: the same source as the
//! shim's build (`micro-shim`). Run by `runtime-micro`; prints one JSON line per
//! benchmark.

#[path = "../../src/micro/harness.rs"]
mod harness;

#[path = "../../src/micro/async_std_ops.rs"]
mod ops;

fn main() {
    ops::main_for("async-std");
}
