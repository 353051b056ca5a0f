//! Rules for `async_std::stream`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::stream",
        action: Module("smol::stream"),
        note: "futures-lite's stream module",
    },
    Rule {
        item: "async_std::stream::empty",
        action: Rename("smol::stream::empty"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Empty",
        action: Rename("smol::stream::Empty"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::from_fn",
        action: Fallback,
        note: "futures-lite has no `from_fn` taking a plain closure; the shim keeps it",
    },
    Rule {
        item: "async_std::stream::FromFn",
        action: Fallback,
        note: "the stream of the shim's `from_fn`",
    },
    Rule {
        item: "async_std::stream::from_iter",
        action: Rename("smol::stream::iter"),
        note: "the same stream under another name",
    },
    Rule {
        item: "async_std::stream::FromIter",
        action: Rename("smol::stream::Iter"),
        note: "the same stream under another name",
    },
    Rule {
        item: "async_std::stream::once",
        action: Rename("smol::stream::once"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Once",
        action: Rename("smol::stream::Once"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::repeat",
        action: Rename("smol::stream::repeat"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Repeat",
        action: Rename("smol::stream::Repeat"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::repeat_with",
        action: Rename("smol::stream::repeat_with"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::RepeatWith",
        action: Rename("smol::stream::RepeatWith"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::DoubleEndedStream",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::ExactSizeStream",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::extend",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Extend",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::FromStream",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::FusedStream",
        action: Fallback,
        note: "smol does not re-export futures-core's FusedStream",
    },
    Rule {
        item: "async_std::stream::interval",
        action: Fallback,
        note: "smol's `Timer::interval` yields `Instant`s and fires missed ticks in a burst after a stall; the shim re-arms from now as async-std did",
    },
    Rule {
        item: "async_std::stream::Interval",
        action: Fallback,
        note: "the stream of the shim's `interval`",
    },
    Rule {
        item: "async_std::stream::IntoStream",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::pending",
        action: Rename("smol::stream::pending"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Pending",
        action: Rename("smol::stream::Pending"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Product",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Merge",
        action: Fallback,
        note: "futures-lite's `race` never ends and `or` drops the slower stream's items; the shim's `Merge` ends when both streams end",
    },
    Rule {
        item: "async_std::stream::successors",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Successors",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Sum",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Chain",
        action: Rename("smol::stream::Chain"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Cloned",
        action: Rename("smol::stream::Cloned"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Copied",
        action: Rename("smol::stream::Copied"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Filter",
        action: Rename("smol::stream::Filter"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Fuse",
        action: Rename("smol::stream::Fuse"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Inspect",
        action: Rename("smol::stream::Inspect"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Map",
        action: Rename("smol::stream::Map"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Scan",
        action: Rename("smol::stream::Scan"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Skip",
        action: Rename("smol::stream::Skip"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::SkipWhile",
        action: Rename("smol::stream::SkipWhile"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::StepBy",
        action: Rename("smol::stream::StepBy"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Take",
        action: Rename("smol::stream::Take"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::TakeWhile",
        action: Rename("smol::stream::TakeWhile"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Zip",
        action: Rename("smol::stream::Zip"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::Flatten",
        action: Rename("smol::stream::Flatten"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::FlatMap",
        action: Rename("smol::stream::FlatMap"),
        note: "the same item",
    },
    Rule {
        item: "async_std::stream::TimeoutError",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Timeout",
        action: Fallback,
        note: "futures-lite has no counterpart; the shim keeps async-std's",
    },
    Rule {
        item: "async_std::stream::Stream",
        action: Rename("smol::stream::Stream"),
        note: "the same item (futures-core@0.3.34)",
    },
    Rule {
        item: "async_std::stream::StreamExt",
        action: Rename("smol::stream::StreamExt"),
        note: "futures-lite's StreamExt; the methods it lacks or that differ have rules of their own",
    },
    Rule {
        item: "async_std::stream::StreamExt::next",
        action: Rename("smol::stream::StreamExt::next"),
        note: "the same, but smol's channel `Receiver` is not `Unpin`: `rx.next().await` on a channel becomes `rx.recv().await.ok()`",
    },
    Rule {
        item: "async_std::stream::StreamExt::throttle",
        action: Fallback,
        note: "futures-lite has no `throttle`; called through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::delay",
        action: Fallback,
        note: "futures-lite has no `delay`; called through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::min_by_key",
        action: Fallback,
        note: "futures-lite has no `min_by_key` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::max_by_key",
        action: Fallback,
        note: "futures-lite has no `max_by_key` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::min_by",
        action: Fallback,
        note: "futures-lite has no `min_by` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::max",
        action: Fallback,
        note: "futures-lite has no `max` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::min",
        action: Fallback,
        note: "futures-lite has no `min` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::max_by",
        action: Fallback,
        note: "futures-lite has no `max_by` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::by_ref",
        action: ByRef,
        note: "`s.by_ref()` becomes `(&mut s)`: `&mut S` is a stream for `S: Unpin`",
    },
    Rule {
        item: "async_std::stream::StreamExt::timeout",
        action: Fallback,
        note: "futures-lite has no `timeout`; called through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::try_fold",
        action: Report,
        note: "futures-lite's `try_fold` wants `Result` items, async-std's folds plain items with a fallible closure: reported at each awaited call",
    },
    Rule {
        item: "async_std::stream::StreamExt::collect",
        action: Rename("smol::stream::StreamExt::collect"),
        note: "futures-lite collects into any `Default + Extend`; collecting into `Result<C, E>` becomes `try_collect`",
    },
    Rule {
        item: "async_std::stream::StreamExt::merge",
        action: Fallback,
        note: "futures-lite's `race` never ends and `or` drops items; called through the shim's StreamExt, whose `merge` ends when both streams end",
    },
    Rule {
        item: "async_std::stream::StreamExt::partial_cmp",
        action: Fallback,
        note: "futures-lite has no `partial_cmp` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::cmp",
        action: Fallback,
        note: "futures-lite has no `cmp` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::ne",
        action: Fallback,
        note: "futures-lite has no `ne` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::ge",
        action: Fallback,
        note: "futures-lite has no `ge` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::eq",
        action: Fallback,
        note: "futures-lite has no `eq` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::gt",
        action: Fallback,
        note: "futures-lite has no `gt` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::le",
        action: Fallback,
        note: "futures-lite has no `le` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::lt",
        action: Fallback,
        note: "futures-lite has no `lt` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::sum",
        action: Fallback,
        note: "futures-lite has no `sum` on streams; an awaited call goes through the shim's StreamExt",
    },
    Rule {
        item: "async_std::stream::StreamExt::product",
        action: Fallback,
        note: "futures-lite has no `product` on streams; an awaited call goes through the shim's StreamExt",
    },
];
