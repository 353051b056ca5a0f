//! The runtime microbenchmarks on the shim (async-std-compat under async-std's name).
//! Run by `runtime-micro`; prints one JSON line per benchmark.

#[path = "../micro/harness.rs"]
mod harness;

#[path = "../micro/async_std_ops.rs"]
mod ops;

fn main() {
    ops::main_for("shim");
}
