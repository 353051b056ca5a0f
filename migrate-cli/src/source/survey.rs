//! A first look at the whole file, before any rewrite: which async-std items it names,
//! which extension traits are in scope, whether it writes and flushes, and which local
//! names hold a channel receiver. The rewrites that follow decide from these facts.

use std::collections::HashSet;

use syn::visit::Visit;

use super::Rewriter;
use crate::rules::{self, Action};

/// async-std's task handle.
pub(super) const JOIN_HANDLE: &str = "async_std::task::JoinHandle";

/// async-std's file, flushed on drop.
const FILE: &str = "async_std::fs::File";

/// What the first pass learned about a file.
#[derive(Debug, Default)]
pub(super) struct Survey {
    /// Canonical paths (`async_std::io::BufWriter`) the file names, in imports or code.
    pub(super) named: HashSet<String>,
    /// Canonical paths of the async-std traits in scope, by import or glob, spelled as
    /// the rule table keys their methods (`async_std::stream::StreamExt`).
    pub(super) traits: Vec<String>,
    /// Some code calls `write`, `write_all`, `write_vectored`, `write!` or `writeln!`.
    pub(super) writes: bool,
    /// Some code calls `flush`, `sync_all`, `sync_data` or `close`.
    pub(super) flushes: bool,
    /// The file makes an async-std `File` that can be written: `File::create`,
    /// `OpenOptions`, `File::from`... (all but the read-only `File::open`).
    pub(super) creates_writable_file: bool,
    /// The file holds an async-std `File` by value (a field, a parameter, a binding's
    /// type), not only behind `&` or `&mut`: it may drop one made elsewhere.
    pub(super) holds_file_by_value: bool,
    /// The file is migrated cautiously ([`super::SourceOptions::cautious`]).
    pub(super) cautious: bool,
    /// async-std types that would become the std type another impl of the same trait
    /// in this file is for (`ToListener for async_std::path::PathBuf` beside
    /// `ToListener for std::path::PathBuf`): kept from async-std-compat, where they
    /// stay a type of their own, so that the impls do not collide.
    pub(super) kept_apart: HashSet<String>,
    /// A `JoinHandle` is part of the file's public API (the return type of a `pub`
    /// function, a `pub` field, a `pub` type alias, a re-export of `JoinHandle` or of a
    /// spawn function): code outside the file may drop it.
    pub(super) handles_escape: bool,
    /// Local names bound to the receiver of an async-std channel.
    pub(super) receivers: HashSet<String>,
    /// Local bindings made by opening or creating a file (`let f = File::open(p).await?`):
    /// their `metadata` is `File::metadata`, not `Path::metadata`.
    pub(super) file_bindings: HashSet<String>,
    /// Local names that visibly hold an async-std `TcpStream` or `UnixStream` (or an
    /// `Arc` or reference of one).
    pub(super) stream_names: HashSet<String>,
    /// Of those, the ones declared as a shared reference (`socket: &TcpStream`).
    pub(super) stream_references: HashSet<String>,
    /// Struct fields declared with an async-std channel `Receiver` type.
    pub(super) receiver_fields: HashSet<String>,
    /// Local names visibly bound to something else (the result of a method call, a
    /// parameter of another type): their `next()` is not a channel's.
    pub(super) not_receivers: HashSet<String>,
}

impl Survey {
    /// Whether a writer async-std flushed on drop can become smol's, which does not:
    /// yes where the code never writes or visibly flushes.
    pub(super) fn flush_is_visible(&self) -> bool {
        self.flushes || !self.writes
    }

    /// [`Survey::flush_is_visible`] for the writer at `canonical`. Only the drop of a
    /// written `File` loses data, so for an async-std `File` (or an item of it):
    /// - a file that makes a writable `File` must flush, whoever writes it (it may
    ///   hand `&mut file` to a helper that does);
    /// - a file that neither makes one nor holds one by value drops none: its writes
    ///   go through borrowed files, whose owners answer for the flush (and keep
    ///   async-std's `File` if they do not, which the build check then matches).
    pub(super) fn flush_is_visible_for(&self, canonical: &str) -> bool {
        if !is_or_inside(canonical, FILE) {
            return self.flush_is_visible();
        }
        let drops_none = !self.creates_writable_file && !self.holds_file_by_value;
        self.flushes || drops_none || (!self.writes && !self.creates_writable_file)
    }

    /// Whether `canonical` is `File::open` in a file where the opened file can take
    /// smol's type beside async-std's: the file holds no `File` by value, so no
    /// field, parameter or annotated binding expects async-std's.
    pub(super) fn opens_read_only(&self, canonical: &str) -> bool {
        canonical == format!("{FILE}::open") && !self.holds_file_by_value
    }

    /// Whether the file's timeouts stay the shim's: the file is migrated cautiously, or
    /// (for those whose error smol's form changes, `wraps_output`) it names
    /// async-std's `TimeoutError`, on which its code may rely.
    pub(super) fn keeps_timeouts(&self, wraps_output: bool) -> bool {
        self.cautious || (wraps_output && self.names("async_std::future::TimeoutError"))
    }

    /// Whether `canonical` (an item, or an item inside it) is kept apart from the std
    /// type it would become ([`Survey::kept_apart`]).
    pub(super) fn is_kept_apart(&self, canonical: &str) -> bool {
        self.kept_apart
            .iter()
            .any(|kept| is_or_inside(canonical, kept))
    }

    /// Whether the file names `item` or something inside it.
    pub(super) fn names(&self, item: &str) -> bool {
        self.named.contains(item) || self.named.iter().any(|named| is_or_inside(named, item))
    }
}

/// Whether the canonical path `path` is `item` or an item inside it
/// (`async_std::fs::File::open` is inside `async_std::fs::File`).
fn is_or_inside(path: &str, item: &str) -> bool {
    path.strip_prefix(item)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
}

/// The extension traits a glob import of each module brings into scope.
const GLOB_TRAITS: &[(&str, &[&str])] = &[
    (
        "async_std::prelude",
        &[
            "async_std::prelude::FutureExt",
            "async_std::stream::StreamExt",
            "async_std::io::ReadExt",
            "async_std::io::WriteExt",
            "async_std::io::BufReadExt",
            "async_std::io::SeekExt",
        ],
    ),
    (
        "async_std::io::prelude",
        &[
            "async_std::io::ReadExt",
            "async_std::io::WriteExt",
            "async_std::io::BufReadExt",
            "async_std::io::SeekExt",
        ],
    ),
    (
        "async_std::io",
        &[
            "async_std::io::ReadExt",
            "async_std::io::WriteExt",
            "async_std::io::BufReadExt",
            "async_std::io::SeekExt",
        ],
    ),
    ("async_std::stream", &["async_std::stream::StreamExt"]),
];

/// The path under which the table keys a trait's methods: the prelude's and
/// `io::prelude`'s re-exports are keyed under the defining module.
fn trait_key(canonical: &str) -> String {
    match canonical {
        "async_std::prelude::StreamExt" => "async_std::stream::StreamExt".to_string(),
        _ => canonical.replacen("async_std::io::prelude::", "async_std::io::", 1),
    }
}

impl Rewriter<'_> {
    /// Runs the first pass over `file`.
    pub(super) fn survey(&self, file: &syn::File) -> Survey {
        let mut visitor = SurveyVisitor {
            rewriter: self,
            survey: Survey::default(),
            impl_shapes: Vec::new(),
            file_behind_reference: false,
        };
        for item in &self.imports.items {
            for leaf in &item.leaves {
                if let Some(canonical) = &leaf.canonical {
                    let joined = canonical.join("::");
                    // A re-exported spawn or JoinHandle hands async-std's handles to
                    // code outside the file.
                    if item.public
                        && (joined == JOIN_HANDLE
                            || rules::lookup(canonical)
                                .is_some_and(|rule| matches!(rule.action, Action::Spawn(_))))
                    {
                        visitor.survey.handles_escape = true;
                    }
                    if rules::lookup(canonical).is_some_and(|rule| {
                        matches!(rule.action, Action::Rename(_) | Action::Fallback)
                    }) && joined.ends_with("Ext")
                    {
                        visitor.survey.traits.push(trait_key(&joined));
                    }
                    visitor.survey.named.insert(joined);
                }
            }
        }
        for glob in &self.imports.globs {
            let joined = glob.join("::");
            for (module, traits) in GLOB_TRAITS {
                if joined == *module {
                    visitor
                        .survey
                        .traits
                        .extend(traits.iter().map(|t| t.to_string()));
                }
            }
        }
        visitor.visit_file(file);
        let shapes = visitor.impl_shapes;
        let mut survey = visitor.survey;
        for (shape, to_std) in &shapes {
            let collides = shapes.iter().filter(|(other, _)| other == shape).count() > 1;
            if collides {
                survey.kept_apart.extend(to_std.iter().cloned());
            }
        }
        survey.traits.sort();
        survey.traits.dedup();
        survey
    }
}

struct SurveyVisitor<'r, 'a> {
    rewriter: &'r Rewriter<'a>,
    survey: Survey,
    /// Each impl's shape with every path cut to its last segment (`From<PathBuf> for
    /// Name`), and the async-std types it names that become std's.
    impl_shapes: Vec<(String, Vec<String>)>,
    /// Set while the `File` directly behind a `&` or `&mut` type is visited.
    file_behind_reference: bool,
}

/// Whether some path inside `node` satisfies `test`.
fn any_path<T: ToTokensVisit>(node: &T, test: impl Fn(&syn::Path) -> bool) -> bool {
    struct AnyPath<F> {
        test: F,
        found: bool,
    }
    impl<'ast, F: Fn(&syn::Path) -> bool> Visit<'ast> for AnyPath<F> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if !self.found && (self.test)(path) {
                self.found = true;
            }
            syn::visit::visit_path(self, path);
        }
    }
    let mut visitor = AnyPath { test, found: false };
    node.visit_with(&mut visitor);
    visitor.found
}

/// Whether an item is visible outside its module (`pub`, `pub(crate)`, ...).
fn is_public(visibility: &syn::Visibility) -> bool {
    !matches!(visibility, syn::Visibility::Inherited)
}

impl SurveyVisitor<'_, '_> {
    /// Whether `node` (a type or a return type) names async-std's `JoinHandle`.
    fn names_join_handle<T: ToTokensVisit>(&self, node: &T) -> bool {
        any_path(node, |path| {
            self.canonical(path).as_deref() == Some(JOIN_HANDLE)
        })
    }

    fn canonical(&self, path: &syn::Path) -> Option<String> {
        self.rewriter
            .canonical_path(path)
            .map(|canonical| canonical.join("::"))
    }

    /// Whether `expr` calls an async-std channel constructor.
    fn is_channel_call(&self, expr: &syn::Expr) -> bool {
        let expr = match expr {
            syn::Expr::Try(expr) => &*expr.expr,
            other => other,
        };
        let syn::Expr::Call(call) = expr else {
            return false;
        };
        let syn::Expr::Path(func) = &*call.func else {
            return false;
        };
        self.rewriter
            .rule_of(&func.path)
            .is_some_and(|rule| matches!(rule.action, Action::Channel(_)))
    }
}

/// Socket types whose I/O async-std also offered through `&Self`, and which are `Clone`
/// in smol.
const SHARED_IO_TYPES: &[&str] = &[
    "async_std::net::TcpStream",
    "async_std::os::unix::net::UnixStream",
];

impl SurveyVisitor<'_, '_> {
    /// Whether `node` names a shared-I/O socket type or a local that holds one.
    fn mentions_stream<T: ToTokensVisit>(&self, node: &T) -> bool {
        any_path(node, |path| {
            let shared_io_type = self.canonical(path).is_some_and(|canonical| {
                SHARED_IO_TYPES
                    .iter()
                    .any(|ty| canonical == *ty || canonical.starts_with(&format!("{ty}::")))
            });
            shared_io_type
                || path
                    .get_ident()
                    .is_some_and(|ident| self.survey.stream_names.contains(&ident.to_string()))
        })
    }
}

/// Syntax nodes a visitor can walk (an expression or a type).
trait ToTokensVisit {
    /// Walks `self` with `visitor`.
    fn visit_with<'ast>(&'ast self, visitor: &mut impl Visit<'ast>);
}

impl ToTokensVisit for syn::Expr {
    fn visit_with<'ast>(&'ast self, visitor: &mut impl Visit<'ast>) {
        visitor.visit_expr(self);
    }
}

impl ToTokensVisit for syn::Type {
    fn visit_with<'ast>(&'ast self, visitor: &mut impl Visit<'ast>) {
        visitor.visit_type(self);
    }
}
impl ToTokensVisit for syn::ReturnType {
    fn visit_with<'ast>(&'ast self, visitor: &mut impl Visit<'ast>) {
        visitor.visit_return_type(self);
    }
}

impl<'ast> Visit<'ast> for SurveyVisitor<'_, '_> {
    fn visit_item_use(&mut self, _: &'ast syn::ItemUse) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if let Some(canonical) = self.canonical(path) {
            // Every way to make a `File` but `File::open` (read-only) may make one
            // that is written.
            if canonical.starts_with("async_std::fs::OpenOptions")
                || (is_or_inside(&canonical, FILE)
                    && canonical != FILE
                    && canonical != format!("{FILE}::open"))
            {
                self.survey.creates_writable_file = true;
            }
            self.survey.named.insert(canonical);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if let Some((_, trait_path, _)) = &item.trait_ {
            let mut to_std = Vec::new();
            let mut note_std_target = |path: &syn::Path| {
                if let Some(canonical) = self.canonical(path) {
                    let becomes_std = rules::covering(&canonical).is_some_and(
                        |rule| matches!(rule.action, Action::Rename(to) if to.starts_with("std::")),
                    );
                    if becomes_std {
                        to_std.push(canonical);
                    }
                }
            };
            let shape = format!(
                "{} for {}",
                path_shape(trait_path, &mut note_std_target),
                type_shape(&item.self_ty, &mut note_std_target)
            );
            self.impl_shapes.push((shape, to_std));
        }
        syn::visit::visit_item_impl(self, item);
    }

    fn visit_type_reference(&mut self, reference: &'ast syn::TypeReference) {
        self.file_behind_reference = matches!(&*reference.elem, syn::Type::Path(_));
        syn::visit::visit_type_reference(self, reference);
        self.file_behind_reference = false;
    }

    fn visit_type_path(&mut self, ty: &'ast syn::TypePath) {
        let borrowed = std::mem::take(&mut self.file_behind_reference);
        if !borrowed && self.canonical(&ty.path).as_deref() == Some(FILE) {
            self.survey.holds_file_by_value = true;
        }
        syn::visit::visit_type_path(self, ty);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        match name.as_str() {
            "write" | "write_all" | "write_vectored" | "write_fmt" => self.survey.writes = true,
            "flush" | "sync_all" | "sync_data" | "close" => self.survey.flushes = true,
            _ => {}
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac.path.is_ident("write") || mac.path.is_ident("writeln") {
            self.survey.writes = true;
        }
        // Method calls hidden in macro arguments (`assert!(f.flush().await.is_ok())`)
        // count too.
        let mut previous_dot = false;
        for token in mac.tokens.clone() {
            if let proc_macro2::TokenTree::Ident(ident) = &token {
                if previous_dot
                    && ["flush", "sync_all", "sync_data", "close"]
                        .contains(&ident.to_string().as_str())
                {
                    self.survey.flushes = true;
                }
            }
            previous_dot = matches!(&token, proc_macro2::TokenTree::Punct(p) if p.as_char() == '.');
        }
        syn::visit::visit_macro(self, mac);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        match (&local.pat, &local.init) {
            (syn::Pat::Tuple(tuple), Some(init))
                if tuple.elems.len() == 2 && self.is_channel_call(&init.expr) =>
            {
                if let Some(syn::Pat::Ident(receiver)) = tuple.elems.iter().nth(1) {
                    self.survey.receivers.insert(receiver.ident.to_string());
                }
            }
            (syn::Pat::Ident(binding), Some(init))
                if matches!(&*init.expr, syn::Expr::MethodCall(_)) =>
            {
                self.survey.not_receivers.insert(binding.ident.to_string());
            }
            _ => {}
        }
        if let (syn::Pat::Ident(binding), Some(init)) = (&local.pat, &local.init) {
            if opens_a_file(&init.expr) {
                self.survey.file_bindings.insert(binding.ident.to_string());
            }
            if self.mentions_stream(&*init.expr) {
                self.survey.stream_names.insert(binding.ident.to_string());
            }
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        if is_public(&function.vis) && self.names_join_handle(&function.sig.output) {
            self.survey.handles_escape = true;
        }
        syn::visit::visit_item_fn(self, function);
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        if is_public(&function.vis) && self.names_join_handle(&function.sig.output) {
            self.survey.handles_escape = true;
        }
        syn::visit::visit_impl_item_fn(self, function);
    }

    fn visit_item_type(&mut self, alias: &'ast syn::ItemType) {
        if is_public(&alias.vis) && self.names_join_handle(&*alias.ty) {
            self.survey.handles_escape = true;
        }
        syn::visit::visit_item_type(self, alias);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if is_public(&field.vis) && self.names_join_handle(&field.ty) {
            self.survey.handles_escape = true;
        }
        if let (Some(name), Some(ty)) = (&field.ident, receiver_type(&field.ty)) {
            if self.canonical(&ty.path).as_deref() == Some("async_std::channel::Receiver") {
                self.survey.receiver_fields.insert(name.to_string());
            }
        }
        syn::visit::visit_field(self, field);
    }

    fn visit_pat_type(&mut self, pat: &'ast syn::PatType) {
        if let syn::Pat::Ident(binding) = &*pat.pat {
            if self.mentions_stream(&*pat.ty) {
                self.survey.stream_names.insert(binding.ident.to_string());
                if let syn::Type::Reference(reference) = &*pat.ty {
                    if reference.mutability.is_none() {
                        self.survey
                            .stream_references
                            .insert(binding.ident.to_string());
                    }
                }
            }
        }
        // `file: &mut File` or `file: Option<&mut File>`: its `metadata` is
        // `File::metadata` (also once matched as `Some(file)`).
        if let (syn::Pat::Ident(binding), Some(ty)) =
            (&*pat.pat, receiver_type(option_inner(&pat.ty)))
        {
            if self.canonical(&ty.path).as_deref() == Some(FILE) {
                self.survey.file_bindings.insert(binding.ident.to_string());
            }
        }
        // `rx: Receiver<T>` or `rx: &mut Receiver<T>` (a parameter or an annotated
        // binding).
        if let (syn::Pat::Ident(binding), Some(ty)) = (&*pat.pat, receiver_type(&pat.ty)) {
            if self.canonical(&ty.path).as_deref() == Some("async_std::channel::Receiver") {
                self.survey.receivers.insert(binding.ident.to_string());
            } else {
                self.survey.not_receivers.insert(binding.ident.to_string());
            }
        } else if let syn::Pat::Ident(binding) = &*pat.pat {
            if matches!(&*pat.ty, syn::Type::ImplTrait(_)) {
                self.survey.not_receivers.insert(binding.ident.to_string());
            }
        }
        syn::visit::visit_pat_type(self, pat);
    }
}

/// `path` with each path in it cut to its last segment (`async_std::path::PathBuf` and
/// `std::path::PathBuf` are both `PathBuf`), generic arguments included; `each`
/// sees every path.
fn path_shape(path: &syn::Path, each: &mut impl FnMut(&syn::Path)) -> String {
    each(path);
    let Some(last) = path.segments.last() else {
        return String::new();
    };
    let mut shape = last.ident.to_string();
    if let syn::PathArguments::AngleBracketed(arguments) = &last.arguments {
        let inner: Vec<String> = arguments
            .args
            .iter()
            .map(|argument| match argument {
                syn::GenericArgument::Type(ty) => type_shape(ty, each),
                other => quote::ToTokens::to_token_stream(other).to_string(),
            })
            .collect();
        shape.push_str(&format!("<{}>", inner.join(", ")));
    }
    shape
}

/// [`path_shape`] for a type.
fn type_shape(ty: &syn::Type, each: &mut impl FnMut(&syn::Path)) -> String {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => path_shape(&path.path, each),
        syn::Type::Reference(reference) => format!(
            "&{}{}",
            if reference.mutability.is_some() {
                "mut "
            } else {
                ""
            },
            type_shape(&reference.elem, each)
        ),
        other => quote::ToTokens::to_token_stream(other).to_string(),
    }
}

/// The `T` of `Option<T>`, or `ty` itself.
fn option_inner(ty: &syn::Type) -> &syn::Type {
    let syn::Type::Path(path) = ty else { return ty };
    let Some(last) = path.path.segments.last() else {
        return ty;
    };
    if last.ident != "Option" {
        return ty;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(arguments) => match arguments.args.first() {
            Some(syn::GenericArgument::Type(inner)) if arguments.args.len() == 1 => inner,
            _ => ty,
        },
        _ => ty,
    }
}

/// The path of `ty`, through one `&` or `&mut`.
fn receiver_type(ty: &syn::Type) -> Option<&syn::TypePath> {
    match ty {
        syn::Type::Path(path) => Some(path),
        syn::Type::Reference(reference) => match &*reference.elem {
            syn::Type::Path(path) => Some(path),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `expr` (through `?`, `.await` and parentheses) is `File::open(..)`,
/// `File::create(..)`, `File::create_new(..)` or `options.open(..)`.
fn opens_a_file(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Try(inner) => opens_a_file(&inner.expr),
        syn::Expr::Await(inner) => opens_a_file(&inner.base),
        syn::Expr::Paren(inner) => opens_a_file(&inner.expr),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => {
                let names: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .rev()
                    .take(2)
                    .map(|segment| segment.ident.to_string())
                    .collect();
                names.len() == 2
                    && names[1] == "File"
                    && matches!(names[0].as_str(), "open" | "create" | "create_new")
            }
            _ => false,
        },
        syn::Expr::MethodCall(call) => call.method == "open" && call.args.len() == 1,
        // `t!(File::open(path).await)`: a macro that wraps one expression.
        syn::Expr::Macro(mac) => mac
            .mac
            .parse_body::<syn::Expr>()
            .is_ok_and(|inner| opens_a_file(&inner)),
        _ => false,
    }
}
