//! Public items whose signatures change type.
//!
//! A library's `pub fn connect(addr: &str) -> io::Result<TcpStream>` returns
//! async-std's `TcpStream`; migrated, it returns smol's (or the shim's), another type,
//! and every user of the crate must change too: a semver-major change. Each public
//! item (reachable through public modules) whose signature names an async-std type
//! that moves to another type is reported once, with the type and where it goes.
//! Names that stay the same type are not: std's re-exports (`io::Result`,
//! `Duration`) and the futures traits (`Stream`, `Read` = `AsyncRead`...), which smol
//! re-exports from the same crates.

use syn::visit::Visit;

use super::{join, target_of, Finding, Rewriter, Target};
use crate::diagnostic::Severity;

/// The rule name of these findings.
pub const RULE: &str = "semver-major";

/// Types smol re-exports from the same crate as async-std: not a change of type.
/// async-std's re-exports of std types (origin `std` in async-std's API list): smol
/// names the same std type, so a signature that names one does not change.
const STD_TYPES: &[&str] = &[
    "net::AddrParseError",
    "net::Shutdown",
    "net::IpAddr",
    "net::Ipv4Addr",
    "net::Ipv6Addr",
    "net::SocketAddr",
    "net::SocketAddrV4",
    "net::SocketAddrV6",
    "io::Error",
    "io::ErrorKind",
    "io::IoSlice",
    "io::IoSliceMut",
    "io::Result",
    "io::SeekFrom",
    "fs::FileType",
    "fs::Metadata",
    "fs::Permissions",
    "process::ExitStatus",
    "process::Output",
    "process::Stdio",
    "task::Context",
    "task::Poll",
    "task::Waker",
    "pin::Pin",
    "sync::Arc",
    "sync::Weak",
    "os::unix::net::SocketAddr",
    "path::Component",
    "path::Display",
    "path::Prefix",
    "path::PrefixComponent",
    "path::StripPrefixError",
];

const SAME_TRAITS: &[&str] = &[
    "Stream",
    "Future",
    "Read",
    "Write",
    "BufRead",
    "Seek",
    "AsyncRead",
    "AsyncWrite",
    "AsyncBufRead",
    "AsyncSeek",
];

/// One public signature: the item's name and the paths its types name.
struct Signature<'ast> {
    offset_span: proc_macro2::Span,
    item: String,
    /// The name the crate must export for the item to be reachable: the item's own,
    /// or its type's or trait's for a method.
    exported_as: String,
    paths: Vec<&'ast syn::Path>,
}

/// Collects the public signatures of a file.
#[derive(Default)]
struct Public<'ast> {
    /// Whether every enclosing module is public.
    public: Vec<bool>,
    signatures: Vec<Signature<'ast>>,
}

/// Every path inside a node.
#[derive(Default)]
struct Paths<'ast> {
    paths: Vec<&'ast syn::Path>,
}

impl<'ast> Visit<'ast> for Paths<'ast> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.paths.push(path);
        syn::visit::visit_path(self, path);
    }
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

impl<'ast> Public<'ast> {
    fn reachable(&self) -> bool {
        self.public.iter().all(|public| *public)
    }

    fn signature(
        &mut self,
        span: proc_macro2::Span,
        item: String,
        exported_as: String,
        visit: impl FnOnce(&mut Paths<'ast>),
    ) {
        let mut paths = Paths::default();
        visit(&mut paths);
        if !paths.paths.is_empty() {
            self.signatures.push(Signature {
                offset_span: span,
                item,
                exported_as,
                paths: paths.paths,
            });
        }
    }
}

impl<'ast> Visit<'ast> for Public<'ast> {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        self.public.push(is_pub(&module.vis));
        syn::visit::visit_item_mod(self, module);
        self.public.pop();
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        if is_pub(&function.vis) && self.reachable() {
            let name = format!("fn {}", function.sig.ident);
            let exported = function.sig.ident.to_string();
            self.signature(function.sig.ident.span(), name, exported, |paths| {
                paths.visit_signature(&function.sig)
            });
        }
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        if is_pub(&item.vis) && self.reachable() {
            let name = format!("struct {}", item.ident);
            self.signature(item.ident.span(), name, item.ident.to_string(), |paths| {
                for field in item.fields.iter().filter(|field| is_pub(&field.vis)) {
                    paths.visit_type(&field.ty);
                }
            });
        }
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        if is_pub(&item.vis) && self.reachable() {
            let name = format!("enum {}", item.ident);
            self.signature(item.ident.span(), name, item.ident.to_string(), |paths| {
                for variant in &item.variants {
                    for field in &variant.fields {
                        paths.visit_type(&field.ty);
                    }
                }
            });
        }
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        if is_pub(&item.vis) && self.reachable() {
            let name = format!("type {}", item.ident);
            self.signature(item.ident.span(), name, item.ident.to_string(), |paths| {
                paths.visit_type(&item.ty)
            });
        }
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        if is_pub(&item.vis) && self.reachable() {
            for member in &item.items {
                if let syn::TraitItem::Fn(function) = member {
                    let name = format!("trait {}::{}", item.ident, function.sig.ident);
                    let exported = item.ident.to_string();
                    self.signature(function.sig.ident.span(), name, exported, |paths| {
                        paths.visit_signature(&function.sig)
                    });
                }
            }
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        // Inherent methods only: a trait impl's signatures are the trait's.
        if item.trait_.is_some() || !self.reachable() {
            return;
        }
        let owner = match &*item.self_ty {
            syn::Type::Path(path) => path
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string()),
            _ => None,
        }
        .unwrap_or_default();
        for member in &item.items {
            if let syn::ImplItem::Fn(function) = member {
                if is_pub(&function.vis) {
                    let name = format!("fn {}", function.sig.ident);
                    self.signature(function.sig.ident.span(), name, owner.clone(), |paths| {
                        paths.visit_signature(&function.sig)
                    });
                }
            }
        }
    }
}

impl Rewriter<'_> {
    /// Reports each public item of `file` whose signature names an async-std type that
    /// the migration turns into another type.
    pub(super) fn report_public_api_changes(&mut self, file: &syn::File) {
        let mut public = Public::default();
        public.visit_file(file);
        for signature in public.signatures {
            let change = signature.paths.iter().find_map(|path| {
                let canonical = self.canonical_path(path)?;
                let (target, rule) = target_of(&canonical, &self.survey);
                let new = match target {
                    Target::Smol(new) | Target::Compat(new) => new,
                    _ => return None,
                };
                // std's items re-exported on both sides, and the futures traits, are
                // one type under two paths.
                let note = rule.map_or("", |rule| rule.note);
                let own_path_type = matches!(
                    canonical.get(1..).map(|rest| rest.join("::")).as_deref(),
                    Some("path::Path" | "path::PathBuf")
                );
                let std_reexport = canonical
                    .get(1..)
                    .is_some_and(|rest| STD_TYPES.contains(&rest.join("::").as_str()));
                if std_reexport
                    || (note.starts_with("std's") && !own_path_type)
                    || note.contains("futures-io trait")
                    || note.contains("futures-core")
                {
                    return None;
                }
                let last = canonical.last()?;
                let is_type = last.chars().next().is_some_and(char::is_uppercase);
                let std_type = matches!(
                    new.first().map(String::as_str),
                    Some("std" | "core" | "alloc")
                ) && !matches!(last.as_str(), "Path" | "PathBuf");
                if !is_type || std_type || SAME_TRAITS.contains(&last.as_str()) {
                    return None;
                }
                Some((join(&canonical), join(&new)))
            });
            if let Some((old, new)) = change {
                let offset = self.range(signature.offset_span).start;
                self.semver_exports
                    .push((offset, signature.exported_as.clone()));
                self.findings.push(Finding {
                    offset,
                    severity: Severity::Hazard,
                    rule: RULE,
                    message: format!(
                        "public API: `{}` names `{old}`, which becomes `{new}`, another type \
                         for the crate's users: a semver-major change (bump the major \
                         version, or keep async-std's type from async-std-compat here)",
                        signature.item
                    ),
                });
            }
        }
    }
}
