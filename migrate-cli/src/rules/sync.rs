//! Rules for `async_std::sync`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::sync::Arc",
        action: Rename("std::sync::Arc"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::sync::Weak",
        action: Rename("std::sync::Weak"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::sync",
        action: Module("smol::lock"),
        note: "async-std's locks are async-lock's, which smol re-exports as `smol::lock`",
    },
    Rule {
        item: "async_std::sync::Mutex",
        action: Rename("smol::lock::Mutex"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::MutexGuard",
        action: Rename("smol::lock::MutexGuard"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::MutexGuardArc",
        action: Rename("smol::lock::MutexGuardArc"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::RwLock",
        action: Rename("smol::lock::RwLock"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::RwLockReadGuard",
        action: Rename("smol::lock::RwLockReadGuard"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::RwLockUpgradableReadGuard",
        action: Rename("smol::lock::RwLockUpgradableReadGuard"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::RwLockWriteGuard",
        action: Rename("smol::lock::RwLockWriteGuard"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::Barrier",
        action: Rename("smol::lock::Barrier"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::BarrierWaitResult",
        action: Rename("smol::lock::BarrierWaitResult"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::sync::Condvar",
        action: Fallback,
        note: "async-lock has no Condvar; the shim keeps async-std's",
    },
];
