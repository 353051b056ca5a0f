//! Rules for `async_std::io`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::io::Error",
        action: Rename("smol::io::Error"),
        note: "std's item in both",
    },
    Rule {
        item: "async_std::io::ErrorKind",
        action: Rename("smol::io::ErrorKind"),
        note: "std's item in both",
    },
    Rule {
        item: "async_std::io::IoSlice",
        action: Rename("std::io::IoSlice"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::io::IoSliceMut",
        action: Rename("std::io::IoSliceMut"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::io::Result",
        action: Rename("smol::io::Result"),
        note: "std's item in both",
    },
    Rule {
        item: "async_std::io::SeekFrom",
        action: Rename("smol::io::SeekFrom"),
        note: "std's item in both",
    },
    Rule {
        item: "async_std::io",
        action: Module("smol::io"),
        note: "smol::io is futures-lite's io module: the same traits, std's Error and Result",
    },
    Rule {
        item: "async_std::io::prelude",
        action: Module("smol::prelude"),
        note: "smol's prelude holds the io traits and their extension traits",
    },
    Rule {
        item: "async_std::io::BufRead",
        action: Rename("smol::io::AsyncBufRead"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::prelude::BufRead",
        action: Rename("smol::io::AsyncBufRead"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::Read",
        action: Rename("smol::io::AsyncRead"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::prelude::Read",
        action: Rename("smol::io::AsyncRead"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::Seek",
        action: Rename("smol::io::AsyncSeek"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::prelude::Seek",
        action: Rename("smol::io::AsyncSeek"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::Write",
        action: Rename("smol::io::AsyncWrite"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::prelude::Write",
        action: Rename("smol::io::AsyncWrite"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::BufReadExt",
        action: Rename("smol::io::AsyncBufReadExt"),
        note: "the same methods",
    },
    Rule {
        item: "async_std::io::prelude::BufReadExt",
        action: Rename("smol::io::AsyncBufReadExt"),
        note: "the same methods",
    },
    Rule {
        item: "async_std::io::ReadExt",
        action: Rename("smol::io::AsyncReadExt"),
        note: "the same methods, except `by_ref` (becomes `&mut reader`)",
    },
    Rule {
        item: "async_std::io::ReadExt::by_ref",
        action: ByRef,
        note: "futures-lite has no `by_ref`: `r.by_ref()` becomes `(&mut r)`, which is a reader too",
    },
    Rule {
        item: "async_std::io::prelude::ReadExt",
        action: Rename("smol::io::AsyncReadExt"),
        note: "the same methods, except `by_ref` (becomes `&mut reader`)",
    },
    Rule {
        item: "async_std::io::SeekExt",
        action: Rename("smol::io::AsyncSeekExt"),
        note: "the same methods",
    },
    Rule {
        item: "async_std::io::prelude::SeekExt",
        action: Rename("smol::io::AsyncSeekExt"),
        note: "the same methods",
    },
    Rule {
        item: "async_std::io::WriteExt",
        action: Rename("smol::io::AsyncWriteExt"),
        note: "the same methods, except `write_fmt` (`write!` on an async writer becomes `write_all(format!(..))`)",
    },
    Rule {
        item: "async_std::io::WriteExt::write_fmt",
        action: WriteFmt,
        note: "futures-lite has no `write_fmt`: `write!(w, ..).await` becomes `w.write_all(format!(..).as_bytes()).await`",
    },
    Rule {
        item: "async_std::io::prelude::WriteExt",
        action: Rename("smol::io::AsyncWriteExt"),
        note: "the same methods, except `write_fmt` (`write!` on an async writer becomes `write_all(format!(..))`)",
    },
    Rule {
        item: "async_std::io::BufReader",
        action: Rename("smol::io::BufReader"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::BufWriter",
        action: Rename("smol::io::BufWriter"),
        note: "the same API except `into_inner`, which does not flush in futures-lite",
    },
    Rule {
        item: "async_std::io::BufWriter::into_inner",
        action: FlushThenIntoInner,
        note: "async-std's `into_inner().await` flushed; futures-lite's `into_inner()` drops what is buffered: the rewrite flushes first",
    },
    Rule {
        item: "async_std::io::IntoInnerError",
        action: Fallback,
        note: "futures-lite's `into_inner` cannot fail; the shim keeps the error type",
    },
    Rule {
        item: "async_std::io::copy",
        action: Rename("smol::io::copy"),
        note: "the same copy loop; `&mut` arguments still work",
    },
    Rule {
        item: "async_std::io::Cursor",
        action: Rename("smol::io::Cursor"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::empty",
        action: Rename("smol::io::empty"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Empty",
        action: Rename("smol::io::Empty"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::repeat",
        action: Rename("smol::io::repeat"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Repeat",
        action: Rename("smol::io::Repeat"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::sink",
        action: Rename("smol::io::sink"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Sink",
        action: Rename("smol::io::Sink"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::stderr",
        action: FlushOnDrop("smol::Unblock::new(std::io::stderr())"),
        note: "smol::Unblock<Stderr> loses unflushed output at exit; native where the code flushes, else the shim's stderr, which flushes",
    },
    Rule {
        item: "async_std::io::Stderr",
        action: Fallback,
        note: "smol's answer is `Unblock<std::io::Stderr>`, with neither flush on drop nor `read_line`; the shim keeps async-std's type",
    },
    Rule {
        item: "async_std::io::stdin",
        action: Fallback,
        note: "smol's answer is `Unblock<std::io::Stdin>`, with neither flush on drop nor `read_line`; the shim keeps async-std's type",
    },
    Rule {
        item: "async_std::io::Stdin",
        action: Fallback,
        note: "smol's answer is `Unblock<std::io::Stdin>`, with neither flush on drop nor `read_line`; the shim keeps async-std's type",
    },
    Rule {
        item: "async_std::io::stdout",
        action: FlushOnDrop("smol::Unblock::new(std::io::stdout())"),
        note: "smol::Unblock<Stdout> loses unflushed output at exit; native where the code flushes, else the shim's stdout, which flushes",
    },
    Rule {
        item: "async_std::io::Stdout",
        action: Fallback,
        note: "smol's answer is `Unblock<std::io::Stdout>`, with neither flush on drop nor `read_line`; the shim keeps async-std's type",
    },
    Rule {
        item: "async_std::io::timeout",
        action: Timeout {
            wraps_output: false,
            message: "future timed out",
        },
        note: "smol's idiom races the future against a `Timer` with `future::or`, the future polled first as async-std did, and the same `TimedOut` error. A call not awaited on the spot binds its duration and future first, in their order. Kept from async-std-compat where the smol form does not build",
    },
    Rule {
        item: "async_std::io::Lines",
        action: Rename("smol::io::Lines"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Split",
        action: Rename("smol::io::Split"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Bytes",
        action: Rename("smol::io::Bytes"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Chain",
        action: Rename("smol::io::Chain"),
        note: "the same item",
    },
    Rule {
        item: "async_std::io::Take",
        action: Rename("smol::io::Take"),
        note: "the same item",
    },
];
