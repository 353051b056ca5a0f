//! Rules for `async_std::task`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::task::Context",
        action: Rename("std::task::Context"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::task::Poll",
        action: Rename("std::task::Poll"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::task::Waker",
        action: Rename("std::task::Waker"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::task",
        action: ModuleWithoutCounterpart,
        note: "smol has no task module; spawn and block_on live at its root",
    },
    Rule {
        item: "async_std::task::ready",
        action: Rename("smol::ready"),
        note: "the same macro (futures-core's)",
    },
    Rule {
        item: "async_std::task::yield_now",
        action: Rename("smol::future::yield_now"),
        note: "the same: wakes the task and returns `Pending` once",
    },
    Rule {
        item: "async_std::task::block_on",
        action: Rename("smol::block_on"),
        note: "smol's block_on drives the reactor but starts no worker threads and no local executor",
    },
    Rule {
        item: "async_std::task::Builder",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::current",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::try_current",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::Task",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::TaskId",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::JoinHandle",
        action: Rename("smol::Task"),
        note: "awaits the same way; dropping it cancels the task instead of detaching it; `cancel` is the same",
    },
    Rule {
        item: "async_std::task::JoinHandle::task",
        action: Report,
        note: "smol tasks carry no id or name: reported at each use",
    },
    Rule {
        item: "async_std::task::sleep",
        action: Sleep,
        note: "`smol::Timer::after(d)` resolves to an `Instant`, not `()`: where the value is used the call is wrapped so that it stays `()`",
    },
    Rule {
        item: "async_std::task::spawn",
        action: Spawn("smol::spawn"),
        note: "a dropped smol Task cancels its task: `.detach()` where the handle was dropped; a kept handle is reported",
    },
    Rule {
        item: "async_std::task::AccessError",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::LocalKey",
        action: Fallback,
        note: "smol tasks have no identity, name or task-locals; the shim provides them on its own task wrapper",
    },
    Rule {
        item: "async_std::task::spawn_blocking",
        action: Spawn("smol::unblock"),
        note: "the same blocking pool; a dropped smol Task cancels a closure that has not started, so `.detach()` where the handle was dropped",
    },
    Rule {
        item: "async_std::task::spawn_local",
        action: Fallback,
        note: "smol has no ambient local executor; the shim's `spawn_local` runs while the shim's `block_on` drives the thread (reported at each use)",
    },
];
