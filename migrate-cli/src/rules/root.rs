//! Rules for the crate root: the crate itself and the attribute macros.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std",
        action: ModuleWithoutCounterpart,
        note:
            "smol re-exports its sub-crates under other names; each item is mapped by its own rule",
    },
    Rule {
        item: "async_std::main",
        action: MainAttribute,
        note: "`fn main() -> R { smol::block_on(async { .. }) }`, keeping the return type",
    },
    Rule {
        item: "async_std::test",
        action: TestAttribute,
        note: "`#[test] fn t() -> R { smol::block_on(async { .. }) }`",
    },
];
