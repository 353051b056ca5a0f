//! The real-world corpus: published crates that depend on async-std 1.x, each run on
//! async-std (the baseline), on the shim, and migrated by `cargo smolify`, and judged
//! against its baseline.
//!
//! `corpus/crates.toml` lists the crates (pinned version, features, test arguments,
//! baseline counts); `corpus/locks/` holds the Cargo.lock of each baseline. The binary
//! (`cargo run --release -p smolify-corpus -- --help`) runs them and writes
//! `docs/real-world.md` and `docs/real-world.json`.

pub mod measure;
pub mod process;
pub mod report;
pub mod roads;
pub mod spec;

pub use report::{Results, Stamped};
pub use roads::{Build, Road, RoadResult, Runner};
pub use spec::{Corpus, Counts, CrateSpec};
