//! Rules for the crate root: the crate itself, its macros and attribute macros.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::write",
        action: WriteFmt,
        note: "std's `write!`; awaited on an async writer it becomes `w.write_all(format!(..).as_bytes()).await` (futures-lite has no `write_fmt`)",
    },
    Rule {
        item: "async_std::writeln",
        action: WriteFmt,
        note: "as `write!`, with a newline",
    },
    Rule {
        item: "async_std::task_local",
        action: Fallback,
        note: "smol has no task-local storage; the shim keeps values per task as async-std did",
    },
    Rule {
        item: "async_std::main",
        action: MainAttribute,
        note: "`fn main() -> R { smol::block_on(async { .. }) }`, keeping the return type; smol's global executor has one thread unless `SMOL_THREADS` says otherwise, where async-std ran one worker per core (reported at the function)",
    },
    Rule {
        item: "async_std::test",
        action: TestAttribute,
        note: "`#[test] fn t() -> R { smol::block_on(async { .. }) }`, also inside `cfg_attr`",
    },
    Rule {
        item: "async_std::print",
        action: PrintMacro("std::print"),
        note: "async-std's `print!` returns a future that prints when awaited; std's `print!` prints at once, so `.await` goes",
    },
    Rule {
        item: "async_std::println",
        action: PrintMacro("std::println"),
        note: "async-std's `println!` returns a future that prints when awaited; std's `println!` prints at once, so `.await` goes",
    },
    Rule {
        item: "async_std::eprint",
        action: PrintMacro("std::eprint"),
        note: "async-std's `eprint!` returns a future that prints when awaited; std's `eprint!` prints at once, so `.await` goes",
    },
    Rule {
        item: "async_std::eprintln",
        action: PrintMacro("std::eprintln"),
        note: "async-std's `eprintln!` returns a future that prints when awaited; std's `eprintln!` prints at once, so `.await` goes",
    },
    Rule {
        item: "async_std",
        action: ModuleWithoutCounterpart,
        note: "smol re-exports its sub-crates under other names; each item is mapped by its own rule",
    },
];
