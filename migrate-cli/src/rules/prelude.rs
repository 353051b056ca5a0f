//! Rules for `async_std::prelude`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::prelude::Future",
        action: Rename("std::future::Future"),
        note: "std's trait",
    },
    Rule {
        item: "async_std::prelude::DoubleEndedStream",
        action: Fallback,
        note: "futures-lite has no double-ended streams",
    },
    Rule {
        item: "async_std::prelude::ExactSizeStream",
        action: Fallback,
        note: "futures-lite has no exact-size streams",
    },
    Rule {
        item: "async_std::prelude::Stream",
        action: Rename("smol::stream::Stream"),
        note: "the same futures-core trait",
    },
    Rule {
        item: "async_std::prelude::StreamExt",
        action: Rename("smol::stream::StreamExt"),
        note: "futures-lite's StreamExt; the methods it lacks or that differ have rules of their own (under `stream::StreamExt`)",
    },
    Rule {
        item: "async_std::prelude",
        action: Module("smol::prelude"),
        note: "smol's prelude brings Future, Stream and the io traits by name and FutureExt, StreamExt and the io extension traits as `_`; never glob-import both preludes",
    },
    Rule {
        item: "async_std::prelude::FutureExt",
        action: Rename("smol::future::FutureExt"),
        note: "futures-lite's FutureExt has another method set: `race` -> `or`, `join` -> `zip`; the rest comes from the shim",
    },
    Rule {
        item: "async_std::prelude::FutureExt::delay",
        action: Fallback,
        note: "futures-lite has no `delay`; called through the shim's trait",
    },
    Rule {
        item: "async_std::prelude::FutureExt::flatten",
        action: Fallback,
        note: "futures-lite's FutureExt has no `flatten`; called through the shim's trait",
    },
    Rule {
        item: "async_std::prelude::FutureExt::race",
        action: MethodRename("or"),
        note: "async-std's `race` polls the left future first; futures-lite's `race` picks at random and its `or` is left-biased, so `race` becomes `or` (found by method name while FutureExt is in scope)",
    },
    Rule {
        item: "async_std::prelude::FutureExt::try_race",
        action: Fallback,
        note: "futures-lite has no \"first Ok, else last Err\" race; called through the shim's trait",
    },
    Rule {
        item: "async_std::prelude::FutureExt::join",
        action: MethodToFunction("smol::future::zip"),
        note: "`a.join(b).await` becomes `smol::future::zip(a, b).await`: the same pair",
    },
    Rule {
        item: "async_std::prelude::FutureExt::try_join",
        action: MethodToFunction("smol::future::try_zip"),
        note: "`a.try_join(b).await` becomes `smol::future::try_zip(a, b).await`: the same short-circuit",
    },
    Rule {
        item: "async_std::prelude::FutureExt::timeout",
        action: Timeout {
            wraps_output: true,
            message: "future has timed out",
        },
        note: "`f.timeout(d).await` becomes smol's `future::or` of the future and a `Timer`, as `future::timeout`. Not awaited on the spot (`spawn(f.timeout(d).map_err(..))`), the future and the `Timer` are made where the call was, as async-std's `TimeoutFuture` made its timer, then raced. Where the file names `TimeoutError` it is called through the shim's trait",
    },
    Rule {
        item: "async_std::prelude::task_local",
        action: Fallback,
        note: "smol has no task-local storage; the shim keeps values per task as async-std did",
    },
];
