//! The attributes run their function on the runtime, keep its return type and its
//! other attributes.

use std::sync::atomic::{AtomicBool, Ordering};

#[async_std::test]
async fn a_test_body_runs_inside_a_task() {
    assert!(async_std::task::try_current().is_some());
}

#[async_std::test]
async fn a_test_may_return_a_result() -> Result<(), String> {
    let value: u32 = "7".parse().map_err(|e| format!("{e}"))?;
    assert_eq!(value, 7);
    Ok(())
}

#[async_std::test]
#[should_panic(expected = "boom")]
async fn other_attributes_are_kept() {
    panic!("boom");
}

static RAN: AtomicBool = AtomicBool::new(false);

mod entry {
    #[async_std::main]
    pub async fn main() -> Result<u8, std::num::ParseIntError> {
        super::RAN.store(true, std::sync::atomic::Ordering::SeqCst);
        "42".parse()
    }
}

#[test]
fn main_becomes_a_plain_function_returning_the_same_type() {
    // The attribute keeps visibility, so the expanded `main` can be called here.
    let result: Result<u8, _> = entry::main();
    assert_eq!(result, Ok(42));
    assert!(RAN.load(Ordering::SeqCst));
}

/// A re-export of the runtime under another name, as a crate that renames the
/// dependency (or wraps it) has.
mod runtime {
    pub use async_std::*;
}

#[async_std::test(crate = "crate::runtime")]
async fn the_crate_option_names_the_runtime() {
    runtime::task::yield_now().await;
    assert!(runtime::task::try_current().is_some());
}
