//! Finding async-std in `use` items: which local names stand for which async-std items.

use std::collections::HashMap;
use std::ops::Range;

use proc_macro2::Span;
use syn::visit::Visit;

/// One name a `use` tree brings into scope (or one glob).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UseLeaf {
    /// The path as written, from the root of the tree, without `self`:
    /// `use async_std::io::{self, Read}` gives `[async_std, io]` and
    /// `[async_std, io, Read]`.
    pub(crate) path: Vec<String>,
    /// What kind of leaf it is.
    pub(crate) kind: LeafKind,
    /// Whether the leaf was written `self` (`use a::b::{self}`).
    pub(crate) is_self: bool,
    /// The async-std item the leaf imports (`[async_std, io, Read]`), if it imports one.
    pub(crate) canonical: Option<Vec<String>>,
}

/// How a leaf names what it imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LeafKind {
    /// `a::b` or `a::b as c`.
    Name { alias: Option<String> },
    /// `a::*`.
    Glob,
}

impl UseLeaf {
    /// The name the leaf brings into scope (`None` for globs and `as _`).
    pub(crate) fn local_name(&self) -> Option<&str> {
        match &self.kind {
            LeafKind::Name { alias: Some(alias) } if alias == "_" => None,
            LeafKind::Name { alias: Some(alias) } => Some(alias),
            LeafKind::Name { alias: None } => self.path.last().map(String::as_str),
            LeafKind::Glob => None,
        }
    }
}

/// A `use` item that names async-std somewhere in its tree.
#[derive(Debug, Clone)]
pub(crate) struct UseItem {
    /// Byte range of the whole item, attributes and visibility included.
    pub(crate) item: Range<usize>,
    /// Byte range of the tree (after `use`, before `;`).
    pub(crate) tree: Range<usize>,
    /// Byte range of the attributes and visibility before `use` (may be empty).
    pub(crate) prefix: Range<usize>,
    /// Leading `::` on the tree.
    pub(crate) leading_colon: bool,
    /// `pub use` (any visibility but private): a re-export.
    pub(crate) public: bool,
    /// Every leaf of the tree, in order.
    pub(crate) leaves: Vec<UseLeaf>,
    /// Byte range of the braces of the module or block the item is in (the whole file
    /// at the top).
    pub(crate) scope: Range<usize>,
}

/// What the file's `use` items say about async-std.
#[derive(Debug, Default)]
pub(crate) struct Imports {
    /// Local name -> canonical path (starting with `async_std`).
    pub(crate) names: HashMap<String, Vec<String>>,
    /// Canonical paths of glob imports (`use async_std::prelude::*` gives
    /// `[async_std, prelude]`).
    pub(crate) globs: Vec<Vec<String>>,
    /// The `use` items to rewrite.
    pub(crate) items: Vec<UseItem>,
    /// Every name any `use` item brings in (async-std's or not), with the module or
    /// block it is visible in: where a module imports `spawn` from tokio and its
    /// sibling from async-std, each `spawn` means its own module's.
    pub(crate) scoped: Vec<ScopedName>,
}

/// A name a `use` item brings into one module or block.
#[derive(Debug, Clone)]
pub(crate) struct ScopedName {
    pub(crate) name: String,
    /// Byte range of the module's or block's braces (the whole file at the top).
    pub(crate) scope: Range<usize>,
    /// The async-std item it stands for, `None` for anything else.
    pub(crate) canonical: Option<Vec<String>>,
    /// The `use` item has a `#[cfg(..)]`: it may be an alternative to another import.
    pub(crate) cfg_gated: bool,
}

impl Imports {
    /// The async-std item `name` stands for at `offset`: the import of the innermost
    /// module or block around `offset` that imports the name decides (async-std's,
    /// where that scope also imports it from elsewhere under another cfg). Where none
    /// does (a sibling module's import reached through a glob, a macro's tokens),
    /// any async-std import of the name counts.
    pub(crate) fn resolve(&self, name: &str, offset: usize) -> Option<&Vec<String>> {
        let visible = || {
            self.scoped
                .iter()
                .filter(move |scoped| scoped.name == name && scoped.scope.contains(&offset))
        };
        let Some(innermost) = visible().map(|scoped| scoped.scope.len()).min() else {
            return self.names.get(name);
        };
        visible()
            .filter(|scoped| scoped.scope.len() == innermost)
            .find_map(|scoped| scoped.canonical.as_ref())
    }
}

/// Byte range of a span (relative to the parsed text) shifted by `base`.
pub(crate) fn range(span: Span, base: usize) -> Range<usize> {
    let range = span.byte_range();
    range.start + base..range.end + base
}

/// Collects the async-std imports of `file`, given the names that stand for the
/// async-std crate itself (`async_std`, and any `extern crate` or Cargo rename).
pub(crate) fn collect(file: &syn::File, crate_names: &[String], base: usize) -> Imports {
    let mut collector = Collector {
        crate_names,
        base,
        imports: Imports::default(),
        scopes: std::iter::once(0..usize::MAX).collect(),
    };
    collector.visit_file(file);
    collector.imports
}

struct Collector<'a> {
    crate_names: &'a [String],
    base: usize,
    imports: Imports,
    /// The braces of the modules and blocks around the item being visited.
    scopes: Vec<Range<usize>>,
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if let Some((brace, _)) = &module.content {
            self.scopes.push(range(brace.span.join(), self.base));
            syn::visit::visit_item_mod(self, module);
            self.scopes.pop();
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scopes
            .push(range(block.brace_token.span.join(), self.base));
        syn::visit::visit_block(self, block);
        self.scopes.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut leaves = Vec::new();
        flatten(&item.tree, &mut Vec::new(), &mut leaves);
        for leaf in &mut leaves {
            leaf.canonical = self.canonical(&leaf.path);
        }
        let scope = self.scopes.last().cloned().unwrap_or(0..usize::MAX);
        let cfg_gated = item
            .attrs
            .iter()
            .any(|attribute| attribute.path().is_ident("cfg"));
        for leaf in &leaves {
            if let Some(name) = leaf.local_name() {
                self.imports.scoped.push(ScopedName {
                    name: name.to_string(),
                    scope: scope.clone(),
                    canonical: leaf.canonical.clone(),
                    cfg_gated,
                });
            }
        }
        if leaves.iter().all(|leaf| leaf.canonical.is_none()) {
            return;
        }
        for leaf in &leaves {
            let Some(canonical) = &leaf.canonical else {
                continue;
            };
            match leaf.kind {
                LeafKind::Glob => self.imports.globs.push(canonical.clone()),
                LeafKind::Name { .. } => {
                    if let Some(name) = leaf.local_name() {
                        self.imports
                            .names
                            .insert(name.to_string(), canonical.clone());
                    }
                }
            }
        }
        let item_range = range(syn::spanned::Spanned::span(item), self.base);
        let use_start = range(item.use_token.span, self.base).start;
        let tree = range(syn::spanned::Spanned::span(&item.tree), self.base);
        self.imports.items.push(UseItem {
            item: item_range.clone(),
            tree,
            prefix: item_range.start..use_start,
            leading_colon: item.leading_colon.is_some(),
            public: !matches!(item.vis, syn::Visibility::Inherited),
            leaves,
            scope,
        });
    }
}

/// `crate_names` plus the aliases `extern crate async_std as rt;` items give the crate
/// at the top of `file`.
pub(crate) fn crate_names_with_aliases(file: &syn::File, crate_names: &[String]) -> Vec<String> {
    let mut names = crate_names.to_vec();
    for item in &file.items {
        if let syn::Item::ExternCrate(item) = item {
            if let Some((_, alias)) = &item.rename {
                if crate_names.iter().any(|name| item.ident == name) {
                    names.push(alias.to_string());
                }
            }
        }
    }
    names
}

impl Collector<'_> {
    fn is_crate(&self, name: &str) -> bool {
        self.crate_names.iter().any(|crate_name| crate_name == name)
    }

    /// `[rt, task, spawn]` -> `[async_std, task, spawn]` when `rt` names the crate.
    fn canonical(&self, path: &[String]) -> Option<Vec<String>> {
        let (root, rest) = path.split_first()?;
        if !self.is_crate(root) {
            return None;
        }
        let mut canonical = vec!["async_std".to_string()];
        canonical.extend(rest.iter().cloned());
        Some(canonical)
    }
}

/// Flattens a use tree into its leaves.
fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, leaves: &mut Vec<UseLeaf>) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten(&path.tree, prefix, leaves);
            prefix.pop();
        }
        syn::UseTree::Name(name) => leaves.push(leaf(prefix, &name.ident, None)),
        syn::UseTree::Rename(rename) => {
            leaves.push(leaf(prefix, &rename.ident, Some(rename.rename.to_string())))
        }
        syn::UseTree::Glob(_) => leaves.push(UseLeaf {
            path: prefix.clone(),
            kind: LeafKind::Glob,
            is_self: false,
            canonical: None,
        }),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten(tree, prefix, leaves);
            }
        }
    }
}

fn leaf(prefix: &[String], ident: &syn::Ident, alias: Option<String>) -> UseLeaf {
    let is_self = ident == "self";
    let mut path = prefix.to_vec();
    if !is_self {
        path.push(ident.to_string());
    }
    UseLeaf {
        path,
        kind: LeafKind::Name { alias },
        is_self,
        canonical: None,
    }
}

/// Renders leaves as one use tree: `smol::io::{AsyncReadExt, AsyncWriteExt}`.
///
/// Leaves keep their order; leaves that share a prefix are grouped under it.
pub(crate) fn render_tree(leaves: &[UseLeaf]) -> String {
    #[derive(Default)]
    struct Node {
        children: Vec<(String, Node)>,
        terminals: Vec<String>,
    }
    fn insert(node: &mut Node, path: &[String], terminal: String) {
        match path.split_first() {
            None => node.terminals.push(terminal),
            Some((first, rest)) => {
                let index = match node.children.iter().position(|(name, _)| name == first) {
                    Some(index) => index,
                    None => {
                        node.children.push((first.clone(), Node::default()));
                        node.children.len() - 1
                    }
                };
                insert(&mut node.children[index].1, rest, terminal);
            }
        }
    }
    fn render(node: &Node) -> Vec<String> {
        let mut parts: Vec<String> = node.terminals.clone();
        for (name, child) in &node.children {
            let inner = render(child);
            if inner.len() == 1 {
                parts.push(format!("{name}::{}", inner[0]));
            } else {
                parts.push(format!("{name}::{{{}}}", inner.join(", ")));
            }
        }
        parts
    }

    let mut root = Node::default();
    for leaf in leaves {
        // A leaf `a::b` is stored as path `[a]` with terminal `b`; `self` and globs
        // hang under their module.
        let (path, terminal) = match (&leaf.kind, leaf.is_self) {
            (LeafKind::Glob, _) => (&leaf.path[..], "*".to_string()),
            (LeafKind::Name { alias }, true) => (&leaf.path[..], with_alias("self", alias)),
            (LeafKind::Name { alias }, false) => {
                let (last, parent) = leaf.path.split_last().expect("a use leaf has a name");
                (parent, with_alias(last, alias))
            }
        };
        insert(&mut root, path, terminal);
    }
    let parts = render(&root);
    if parts.len() == 1 {
        parts.into_iter().next().unwrap_or_default()
    } else {
        format!("{{{}}}", parts.join(", "))
    }
}

fn with_alias(name: &str, alias: &Option<String>) -> String {
    match alias {
        Some(alias) => format!("{name} as {alias}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(source: &str) -> Vec<UseLeaf> {
        let item: syn::ItemUse = syn::parse_str(source).unwrap();
        let mut out = Vec::new();
        flatten(&item.tree, &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn trees_round_trip() {
        for source in [
            "use a::b;",
            "use a::{b, c};",
            "use a::b::{self, c as d};",
            "use a::{b::{c, d}, e::*};",
            "use a::b as _;",
        ] {
            let rendered = format!("use {};", render_tree(&leaves(source)));
            assert_eq!(rendered, source);
        }
    }

    #[test]
    fn local_names() {
        let leaves =
            leaves("use async_std::{io::{self, ReadExt as _}, task, net::TcpStream as S};");
        let names: Vec<_> = leaves.iter().map(UseLeaf::local_name).collect();
        assert_eq!(names, [Some("io"), None, Some("task"), Some("S")]);
    }
}
