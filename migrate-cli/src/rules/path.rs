//! Rules for `async_std::path`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::path::is_separator",
        action: Rename("std::path::is_separator"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::Component",
        action: Rename("std::path::Component"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::Display",
        action: Rename("std::path::Display"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::Prefix",
        action: Rename("std::path::Prefix"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::PrefixComponent",
        action: Rename("std::path::PrefixComponent"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::StripPrefixError",
        action: Rename("std::path::StripPrefixError"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::MAIN_SEPARATOR",
        action: Rename("std::path::MAIN_SEPARATOR"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path",
        action: Module("std::path"),
        note: "async-std's path types wrap std's; smol uses std's",
    },
    Rule {
        item: "async_std::path::Ancestors",
        action: Rename("std::path::Ancestors"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::Components",
        action: Rename("std::path::Components"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::Iter",
        action: Rename("std::path::Iter"),
        note: "std's item, re-exported by async-std",
    },
    Rule {
        item: "async_std::path::Path",
        action: Rename("std::path::Path"),
        note: "std's Path; its async methods (exists, metadata, ..) have rules of their own",
    },
    Rule {
        item: "async_std::path::Path::metadata",
        action: PathMethod("smol::fs::metadata", ""),
        note: "std's `metadata` blocks: `p.metadata().await` becomes `smol::fs::metadata(p).await`",
    },
    Rule {
        item: "async_std::path::Path::symlink_metadata",
        action: PathMethod("smol::fs::symlink_metadata", ""),
        note: "std's `symlink_metadata` blocks: `p.symlink_metadata().await` becomes `smol::fs::symlink_metadata(p).await`",
    },
    Rule {
        item: "async_std::path::Path::canonicalize",
        action: PathMethod("smol::fs::canonicalize", ""),
        note: "std's `canonicalize` blocks: `p.canonicalize().await` becomes `smol::fs::canonicalize(p).await`",
    },
    Rule {
        item: "async_std::path::Path::read_link",
        action: PathMethod("smol::fs::read_link", ""),
        note: "std's `read_link` blocks: `p.read_link().await` becomes `smol::fs::read_link(p).await`",
    },
    Rule {
        item: "async_std::path::Path::read_dir",
        action: PathMethod("smol::fs::read_dir", ""),
        note: "std's `read_dir` blocks: `p.read_dir().await` becomes `smol::fs::read_dir(p).await`",
    },
    Rule {
        item: "async_std::path::Path::exists",
        action: PathMethod("smol::fs::metadata", ".is_ok()"),
        note: "std's `exists` blocks; `p.exists().await` becomes `smol::fs::metadata(p).await.is_ok()`",
    },
    Rule {
        item: "async_std::path::Path::is_file",
        action: PathMethod("smol::fs::metadata", ".map_or(false, |m| m.is_file())"),
        note: "std's `is_file` blocks: rewritten over `smol::fs::metadata`",
    },
    Rule {
        item: "async_std::path::Path::is_dir",
        action: PathMethod("smol::fs::metadata", ".map_or(false, |m| m.is_dir())"),
        note: "std's `is_dir` blocks: rewritten over `smol::fs::metadata`",
    },
    Rule {
        item: "async_std::path::PathBuf",
        action: Rename("std::path::PathBuf"),
        note: "std's PathBuf",
    },
];
