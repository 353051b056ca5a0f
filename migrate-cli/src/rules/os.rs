//! Rules for `async_std::os`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::os::unix::io::AsRawFd",
        action: Rename("std::os::unix::io::AsRawFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::unix::io::FromRawFd",
        action: Rename("std::os::unix::io::FromRawFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::unix::io::IntoRawFd",
        action: Rename("std::os::unix::io::IntoRawFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::unix::io::RawFd",
        action: Rename("std::os::unix::io::RawFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::unix::fs::DirBuilderExt",
        action: Rename("smol::fs::unix::DirBuilderExt"),
        note: "async-fs's extension trait for its own types",
    },
    Rule {
        item: "async_std::os::unix::fs::DirEntryExt",
        action: Rename("smol::fs::unix::DirEntryExt"),
        note: "async-fs's extension trait for its own types",
    },
    Rule {
        item: "async_std::os::unix::fs::OpenOptionsExt",
        action: Rename("smol::fs::unix::OpenOptionsExt"),
        note: "async-fs's extension trait for its own types",
    },
    Rule {
        item: "async_std::os::unix::net::SocketAddr",
        action: Rename("smol::net::unix::SocketAddr"),
        note: "std's unix SocketAddr in both",
    },
    Rule {
        item: "async_std::os",
        action: ModuleWithoutCounterpart,
        note: "smol spreads these over smol::fs, smol::net and smol::process; each item has its own rule",
    },
    Rule {
        item: "async_std::os::unix",
        action: ModuleWithoutCounterpart,
        note: "each item has its own rule",
    },
    Rule {
        item: "async_std::os::unix::io",
        action: Module("std::os::unix::io"),
        note: "std's traits and types",
    },
    Rule {
        item: "async_std::os::unix::fs",
        action: Module("smol::fs::unix"),
        note: "async-fs's unix module: symlink and the Ext traits for async-fs's types",
    },
    Rule {
        item: "async_std::os::unix::fs::symlink",
        action: Rename("smol::fs::unix::symlink"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::os::unix::net",
        action: Module("smol::net::unix"),
        note: "async-net's unix sockets",
    },
    Rule {
        item: "async_std::os::unix::net::UnixDatagram",
        action: Rename("smol::net::unix::UnixDatagram"),
        note: "`bind`, `unbound` and `connect` are synchronous in async-net",
    },
    Rule {
        item: "async_std::os::unix::net::Incoming",
        action: Rename("smol::net::unix::Incoming"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::os::unix::net::UnixDatagram::bind",
        action: SyncCall("smol::net::unix::UnixDatagram::bind"),
        note: "synchronous in async-net: the `.await` goes",
    },
    Rule {
        item: "async_std::os::unix::net::UnixListener::bind",
        action: SyncCall("smol::net::unix::UnixListener::bind"),
        note: "synchronous in async-net: the `.await` goes",
    },
    Rule {
        item: "async_std::os::unix::net::UnixListener",
        action: Rename("smol::net::unix::UnixListener"),
        note: "the same item under another path (`bind` is synchronous in async-net: see its rule)",
    },
    Rule {
        item: "async_std::os::unix::net::UnixStream",
        action: Rename("smol::net::unix::UnixStream"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::os::unix::process",
        action: Module("smol::process::unix"),
        note: "the same module (async-process)",
    },
    Rule {
        item: "async_std::os::unix::process::CommandExt",
        action: Rename("smol::process::unix::CommandExt"),
        note: "the same item under another path",
    },
    Rule {
        item: "async_std::os::unix::io::AsFd",
        action: Rename("std::os::unix::io::AsFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::unix::io::BorrowedFd",
        action: Rename("std::os::unix::io::BorrowedFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::unix::io::OwnedFd",
        action: Rename("std::os::unix::io::OwnedFd"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows",
        action: ModuleWithoutCounterpart,
        note: "each item has its own rule",
    },
    Rule {
        item: "async_std::os::windows::io",
        action: Module("std::os::windows::io"),
        note: "std's traits and types",
    },
    Rule {
        item: "async_std::os::windows::io::RawHandle",
        action: Rename("std::os::windows::io::RawHandle"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::RawSocket",
        action: Rename("std::os::windows::io::RawSocket"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::AsRawHandle",
        action: Rename("std::os::windows::io::AsRawHandle"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::FromRawHandle",
        action: Rename("std::os::windows::io::FromRawHandle"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::IntoRawHandle",
        action: Rename("std::os::windows::io::IntoRawHandle"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::FromRawSocket",
        action: Rename("std::os::windows::io::FromRawSocket"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::AsRawSocket",
        action: Rename("std::os::windows::io::AsRawSocket"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::io::IntoRawSocket",
        action: Rename("std::os::windows::io::IntoRawSocket"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::os::windows::fs",
        action: Module("smol::fs::windows"),
        note: "async-fs's windows module",
    },
    Rule {
        item: "async_std::os::windows::fs::symlink_dir",
        action: Rename("smol::fs::windows::symlink_dir"),
        note: "windows only",
    },
    Rule {
        item: "async_std::os::windows::fs::symlink_file",
        action: Rename("smol::fs::windows::symlink_file"),
        note: "windows only",
    },
    Rule {
        item: "async_std::os::windows::process",
        action: Module("smol::process::windows"),
        note: "the same module (async-process)",
    },
    Rule {
        item: "async_std::os::windows::process::CommandExt",
        action: Rename("smol::process::windows::CommandExt"),
        note: "windows only",
    },
];
