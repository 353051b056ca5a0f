//! Rules for `async_std::channel`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::channel",
        action: Module("smol::channel"),
        note: "async-channel 2 in smol (1.9 in async-std): same API; Receiver, Send and Recv are not `Unpin`",
    },
    Rule {
        item: "async_std::channel::bounded",
        action: Channel("smol::channel::bounded"),
        note: "the same channel; `rx.next().await` on its receiver becomes `rx.recv().await.ok()` since smol's Receiver is not `Unpin`",
    },
    Rule {
        item: "async_std::channel::unbounded",
        action: Channel("smol::channel::unbounded"),
        note: "the same channel; `rx.next().await` on its receiver becomes `rx.recv().await.ok()` since smol's Receiver is not `Unpin`",
    },
    Rule {
        item: "async_std::channel::Sender",
        action: Rename("smol::channel::Sender"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::Receiver",
        action: Rename("smol::channel::Receiver"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::WeakSender",
        action: Rename("smol::channel::WeakSender"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::WeakReceiver",
        action: Rename("smol::channel::WeakReceiver"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::SendError",
        action: Rename("smol::channel::SendError"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::TrySendError",
        action: Rename("smol::channel::TrySendError"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::RecvError",
        action: Rename("smol::channel::RecvError"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::TryRecvError",
        action: Rename("smol::channel::TryRecvError"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::Send",
        action: Rename("smol::channel::Send"),
        note: "the same item (async-channel@1.9.0)",
    },
    Rule {
        item: "async_std::channel::Recv",
        action: Rename("smol::channel::Recv"),
        note: "the same item (async-channel@1.9.0)",
    },
];
