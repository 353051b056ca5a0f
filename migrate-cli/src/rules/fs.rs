//! Rules for `async_std::fs`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::fs::FileType",
        action: Rename("smol::fs::FileType"),
        note: "the same item",
    },
    Rule {
        item: "async_std::fs::Metadata",
        action: Rename("smol::fs::Metadata"),
        note: "the same item",
    },
    Rule {
        item: "async_std::fs::Permissions",
        action: Rename("smol::fs::Permissions"),
        note: "the same item",
    },
    Rule {
        item: "async_std::fs",
        action: Module("smol::fs"),
        note: "smol::fs is async-fs; paths are std's",
    },
    Rule {
        item: "async_std::fs::DirBuilder",
        action: Rename("smol::fs::DirBuilder"),
        note: "the same item",
    },
    Rule {
        item: "async_std::fs::DirEntry",
        action: Rename("smol::fs::DirEntry"),
        note: "the same item",
    },
    Rule {
        item: "async_std::fs::File",
        action: FlushOnDrop("smol::fs::File"),
        note: "async-std's File flushed when dropped, async-fs's loses buffered writes: native where the code flushes, else the shim's File",
    },
    Rule {
        item: "async_std::fs::OpenOptions",
        action: FlushOnDrop("smol::fs::OpenOptions"),
        note: "opens a File: native where the code flushes, else the shim's (whose File flushes on drop)",
    },
    Rule {
        item: "async_std::fs::ReadDir",
        action: Rename("smol::fs::ReadDir"),
        note: "the same item",
    },
    Rule {
        item: "async_std::fs::canonicalize",
        action: Rename("smol::fs::canonicalize"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::copy",
        action: Rename("smol::fs::copy"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::create_dir",
        action: Rename("smol::fs::create_dir"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::create_dir_all",
        action: Rename("smol::fs::create_dir_all"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::hard_link",
        action: Rename("smol::fs::hard_link"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::metadata",
        action: Rename("smol::fs::metadata"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::read",
        action: Rename("smol::fs::read"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::read_dir",
        action: Rename("smol::fs::read_dir"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::read_link",
        action: Rename("smol::fs::read_link"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::read_to_string",
        action: Rename("smol::fs::read_to_string"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::remove_dir",
        action: Rename("smol::fs::remove_dir"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::remove_dir_all",
        action: Rename("smol::fs::remove_dir_all"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::remove_file",
        action: Rename("smol::fs::remove_file"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::rename",
        action: Rename("smol::fs::rename"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::set_permissions",
        action: Rename("smol::fs::set_permissions"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::symlink_metadata",
        action: Rename("smol::fs::symlink_metadata"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
    Rule {
        item: "async_std::fs::write",
        action: Rename("smol::fs::write"),
        note: "the same call; it takes std's path and address types where async-std took its own",
    },
];
