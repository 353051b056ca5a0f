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
        action: Timeout {
            wraps_output: true,
            message: "future has timed out",
        },
        note: "smol's idiom races the future against a `Timer` with `future::or`, the future polled first as async-std did; the error becomes a `TimedOut` `io::Error` with async-std's message, which `?`, `expect` and `is_err` take as before. A call not awaited on the spot (stored, spawned, adapted) binds its duration and future first, in their order: `{ let (duration, future) = (d, f); smol::future::or(..) }`. Kept from async-std-compat (`Result<T, TimeoutError>`) where the file names `TimeoutError` or the smol form does not build",
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
