//! Rules for `async_std::future`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::future::Future",
        action: Rename("std::future::Future"),
        note: "std's trait",
    },
    Rule {
        item: "async_std::future",
        action: Module("smol::future"),
        note: "futures-lite's future module",
    },
    Rule {
        item: "async_std::future::pending",
        action: Rename("smol::future::pending"),
        note: "the same item",
    },
    Rule {
        item: "async_std::future::poll_fn",
        action: Rename("smol::future::poll_fn"),
        note: "the same item",
    },
    Rule {
        item: "async_std::future::ready",
        action: Rename("smol::future::ready"),
        note: "the same item",
    },
    Rule {
        item: "async_std::future::timeout",
        action: Fallback,
        note: "smol has no timeout: `Timer` resolves to `Instant`, so composing with `or` changes the output type; the shim keeps `Result<T, TimeoutError>`",
    },
    Rule {
        item: "async_std::future::TimeoutError",
        action: Fallback,
        note: "the error of the shim's `future::timeout`",
    },
    Rule {
        item: "async_std::future::IntoFuture",
        action: Rename("std::future::IntoFuture"),
        note: "std's trait (Rust 1.64)",
    },
];
