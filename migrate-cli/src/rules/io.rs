//! Rules for `async_std::io`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::io",
        action: Module("smol::io"),
        note: "smol::io is futures-lite's io module: the same traits, std's Error and Result",
    },
    Rule {
        item: "async_std::io::Read",
        action: Rename("smol::io::AsyncRead"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::Write",
        action: Rename("smol::io::AsyncWrite"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::BufRead",
        action: Rename("smol::io::AsyncBufRead"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::Seek",
        action: Rename("smol::io::AsyncSeek"),
        note: "the same futures-io trait",
    },
    Rule {
        item: "async_std::io::ReadExt",
        action: Rename("smol::io::AsyncReadExt"),
        note: "the same methods, except `by_ref` (use `&mut reader`)",
    },
    Rule {
        item: "async_std::io::WriteExt",
        action: Rename("smol::io::AsyncWriteExt"),
        note: "the same methods, except `write_fmt` (`write!` on an async writer)",
    },
    Rule {
        item: "async_std::io::BufReadExt",
        action: Rename("smol::io::AsyncBufReadExt"),
        note: "the same methods",
    },
    Rule {
        item: "async_std::io::SeekExt",
        action: Rename("smol::io::AsyncSeekExt"),
        note: "the same methods",
    },
    Rule {
        item: "async_std::io::prelude",
        action: Module("smol::prelude"),
        note: "smol's prelude holds the io extension traits (and FutureExt, StreamExt)",
    },
    Rule {
        item: "async_std::io::Result",
        action: Rename("smol::io::Result"),
        note: "std's io::Result in both",
    },
    Rule {
        item: "async_std::io::Error",
        action: Rename("smol::io::Error"),
        note: "std's io::Error in both",
    },
    Rule {
        item: "async_std::io::ErrorKind",
        action: Rename("smol::io::ErrorKind"),
        note: "std's io::ErrorKind in both",
    },
];
