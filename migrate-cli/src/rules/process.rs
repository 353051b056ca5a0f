//! Rules for `async_std::process`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::process::ExitStatus",
        action: Rename("smol::process::ExitStatus"),
        note: "the same item",
    },
    Rule {
        item: "async_std::process::Output",
        action: Rename("smol::process::Output"),
        note: "the same item",
    },
    Rule {
        item: "async_std::process::Stdio",
        action: Rename("smol::process::Stdio"),
        note: "the same item",
    },
    Rule {
        item: "async_std::process::abort",
        action: Rename("std::process::abort"),
        note: "std's function",
    },
    Rule {
        item: "async_std::process::exit",
        action: Rename("std::process::exit"),
        note: "std's function",
    },
    Rule {
        item: "async_std::process::id",
        action: Rename("std::process::id"),
        note: "std's function",
    },
    Rule {
        item: "async_std::process",
        action: Module("smol::process"),
        note: "the same async-process crate",
    },
    Rule {
        item: "async_std::process::Child",
        action: Rename("smol::process::Child"),
        note: "the same item (async-process@2.5.0)",
    },
    Rule {
        item: "async_std::process::ChildStderr",
        action: Rename("smol::process::ChildStderr"),
        note: "the same item (async-process@2.5.0)",
    },
    Rule {
        item: "async_std::process::ChildStdin",
        action: Rename("smol::process::ChildStdin"),
        note: "the same item (async-process@2.5.0)",
    },
    Rule {
        item: "async_std::process::ChildStdout",
        action: Rename("smol::process::ChildStdout"),
        note: "the same item (async-process@2.5.0)",
    },
    Rule {
        item: "async_std::process::Command",
        action: Rename("smol::process::Command"),
        note: "the same item (async-process@2.5.0)",
    },
];
