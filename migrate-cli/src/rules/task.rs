//! Rules for `async_std::task`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::task",
        action: ModuleWithoutCounterpart,
        note: "smol has no task module; spawn and block_on live at its root",
    },
    Rule {
        item: "async_std::task::spawn",
        action: Spawn("smol::spawn"),
        note: "a dropped smol Task cancels its task: `.detach()` where the handle was dropped",
    },
    Rule {
        item: "async_std::task::block_on",
        action: Rename("smol::block_on"),
        note: "smol's block_on drives the reactor but starts no worker threads",
    },
    Rule {
        item: "async_std::task::yield_now",
        action: Rename("smol::future::yield_now"),
        note: "the same: wakes the task and returns `Pending` once",
    },
    Rule {
        item: "async_std::task::JoinHandle",
        action: Rename("smol::Task"),
        note: "awaits the same way; dropping it cancels the task instead of detaching it",
    },
];
