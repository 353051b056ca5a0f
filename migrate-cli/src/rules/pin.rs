//! Rules for `async_std::pin`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::pin::Pin",
        action: Rename("std::pin::Pin"),
        note: "std's Pin",
    },
    Rule {
        item: "async_std::pin",
        action: Module("std::pin"),
        note: "`smol::pin` is the `pin!` macro, not a module; std's module",
    },
];
