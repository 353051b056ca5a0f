//! The names async-std's glob imports bring into scope, and the ones a migrated file
//! must keep.
//!
//! `use async_std::io::prelude::*` puts the traits `Read`, `Write`, `BufRead` and
//! `Seek` in scope under those names; `use async_std::prelude::*` puts `StreamExt` and
//! `FutureExt` there. smol's prelude names the first `AsyncRead`... and brings the
//! extension traits as `_` only. Code that names one of them (`R: Read`, `impl Write
//! for X`, `dyn BufRead`, `StreamExt::next(&mut s)`) would lose it when the glob is
//! rewritten, so each name the file uses, and does not bind itself, gets an import of
//! its own (`use smol::io::AsyncRead as Read`).

use std::collections::HashSet;

use syn::visit::Visit;

/// For each async-std glob, the names it supplies and where smol has them.
const GLOB_NAMES: &[(&str, &[(&str, &str)])] = &[
    (
        "async_std::io::prelude",
        &[
            ("Read", "smol::io::AsyncRead"),
            ("Write", "smol::io::AsyncWrite"),
            ("BufRead", "smol::io::AsyncBufRead"),
            ("Seek", "smol::io::AsyncSeek"),
            ("ReadExt", "smol::io::AsyncReadExt"),
            ("WriteExt", "smol::io::AsyncWriteExt"),
            ("BufReadExt", "smol::io::AsyncBufReadExt"),
            ("SeekExt", "smol::io::AsyncSeekExt"),
        ],
    ),
    (
        "async_std::prelude",
        &[
            ("StreamExt", "smol::stream::StreamExt"),
            ("FutureExt", "smol::future::FutureExt"),
        ],
    ),
];

/// What smol's prelude (futures-lite's) brings in: each item, and whether it comes as
/// `_` (an extension trait, in scope for its methods only).
const SMOL_PRELUDE: &[(&str, bool)] = &[
    ("smol::future::Future", false),
    ("smol::future::FutureExt", true),
    ("smol::io::AsyncBufRead", false),
    ("smol::io::AsyncBufReadExt", true),
    ("smol::io::AsyncRead", false),
    ("smol::io::AsyncReadExt", true),
    ("smol::io::AsyncSeek", false),
    ("smol::io::AsyncSeekExt", true),
    ("smol::io::AsyncWrite", false),
    ("smol::io::AsyncWriteExt", true),
    ("smol::stream::Stream", false),
    ("smol::stream::StreamExt", true),
];

/// async-std's prelude imports `StreamExt` and `FutureExt` by name, so a file that
/// imports another `StreamExt` (futures') shadows async-std's, which is then not in
/// scope; smol's prelude brings its own as `_`, which nothing shadows, and two `next`
/// methods would collide. For such a file (`shadowed` holds the names it binds
/// otherwise), smol's prelude item by item: the extension traits as `_` but the
/// shadowed ones, and the other names where the file uses them and does not bind them
/// itself; `None` where nothing is shadowed and the glob will do.
pub(super) fn prelude_without_shadowed(
    shadowed: &[&str],
    names: &BareNames,
) -> Option<Vec<(Vec<String>, Option<String>)>> {
    let shadows_a_trait = shadowed
        .iter()
        .any(|name| matches!(*name, "StreamExt" | "FutureExt"));
    if !shadows_a_trait {
        return None;
    }
    let mut leaves = Vec::new();
    for (path, as_underscore) in SMOL_PRELUDE {
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        let name = segments.last().cloned().unwrap_or_default();
        if *as_underscore {
            if !shadowed.contains(&name.as_str()) {
                leaves.push((segments, Some("_".to_string())));
            }
        } else if names.used.contains(&name) && !names.bound.contains(&name) {
            leaves.push((segments, None));
        }
    }
    Some(leaves)
}

/// The one-segment names a file uses and the names it binds itself.
#[derive(Debug, Default, Clone)]
pub(super) struct BareNames {
    used: HashSet<String>,
    bound: HashSet<String>,
}

impl BareNames {
    /// Surveys `file`.
    pub(super) fn of(file: &syn::File) -> BareNames {
        let mut names = BareNames::default();
        names.visit_file(file);
        names
    }

    /// Whether the file uses or binds the one-segment name `name`.
    pub(super) fn mentions(&self, name: &str) -> bool {
        self.used.contains(name) || self.bound.contains(name)
    }
}

impl<'ast> Visit<'ast> for BareNames {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            // `Read` in `R: Read` and in `Read::read(..)`; `io::Read` uses `io`.
            if let Some(first) = path.segments.first() {
                self.used.insert(first.ident.to_string());
            }
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        // An import made under a cfg (`#[cfg(feature = "tokio")] use tokio::io::{AsyncRead
        // as Read}`) binds the name only in that build; the glob's build needs its own.
        if item
            .attrs
            .iter()
            .any(|attribute| attribute.path().is_ident("cfg"))
        {
            return;
        }
        syn::visit::visit_item_use(self, item);
    }

    fn visit_use_name(&mut self, name: &'ast syn::UseName) {
        self.bound.insert(name.ident.to_string());
    }

    fn visit_use_rename(&mut self, rename: &'ast syn::UseRename) {
        self.bound.insert(rename.rename.to_string());
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.bound.insert(item.ident.to_string());
        syn::visit::visit_item_trait(self, item);
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.bound.insert(item.ident.to_string());
        syn::visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.bound.insert(item.ident.to_string());
        syn::visit::visit_item_enum(self, item);
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.bound.insert(item.ident.to_string());
        syn::visit::visit_item_type(self, item);
    }
}

/// The names the glob of `canonical` (an async-std module path) supplied that the file
/// uses as names of their own and does not bind otherwise, each with smol's path for
/// it.
pub(super) fn names_to_keep(
    canonical: &[String],
    names: &BareNames,
) -> Vec<(&'static str, &'static str)> {
    let module = canonical.join("::");
    GLOB_NAMES
        .iter()
        .filter(|(glob, _)| *glob == module)
        .flat_map(|(_, supplied)| supplied.iter())
        .filter(|(name, _)| names.used.contains(*name) && !names.bound.contains(*name))
        .map(|(name, target)| (*name, *target))
        .collect()
}
