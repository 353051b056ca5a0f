//! I/O through a shared reference to a socket.
//!
//! async-std implements `Read` and `Write` for `&TcpStream` and `&UnixStream`, so its
//! idioms read and write through `&*stream` (`BufReader::new(&*stream)`,
//! `let mut socket = &*stream;`). async-net implements them only for the owned types,
//! which are `Clone` and share one socket: the reference becomes a clone, which reads
//! and writes the same socket.

use syn::spanned::Spanned;

use super::Rewriter;
use crate::edit::Edit;

const RULE: &str = "net::TcpStream";

impl Rewriter<'_> {
    /// `&*stream` or `&stream`, where `stream` visibly holds a socket: rewritten to
    /// `(*stream).clone()` or `stream.clone()`.
    pub(super) fn clone_shared_socket(&mut self, expr: &syn::Expr) {
        let syn::Expr::Reference(reference) = expr else {
            return;
        };
        if reference.mutability.is_some() {
            return;
        }
        let (deref, inner) = match &*reference.expr {
            syn::Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => {
                (true, &*unary.expr)
            }
            other => (false, other),
        };
        let syn::Expr::Path(path) = inner else {
            return;
        };
        let Some(name) = path.path.get_ident().map(|ident| ident.to_string()) else {
            return;
        };
        if !self.survey.stream_names.contains(&name) {
            return;
        }
        let range = self.range(expr.span());
        let replacement = if deref {
            format!("(*{name}).clone()")
        } else {
            format!("{name}.clone()")
        };
        self.edits
            .push(Edit::replace(range.clone(), replacement, RULE));
        self.rewrites.push(RULE);
        self.note(
            range.start,
            RULE,
            "smol's sockets do I/O only through an owned value, not `&TcpStream`: a clone \
             shares the same socket",
        );
    }

    /// The places where a shared reference is used for I/O: `let mut r = &*stream;`
    /// and `let mut r = socket;` with `socket: &TcpStream`.
    pub(super) fn clone_shared_socket_in_local(&mut self, local: &syn::Local) {
        let (syn::Pat::Ident(binding), Some(init)) = (&local.pat, &local.init) else {
            return;
        };
        if binding.mutability.is_none() {
            return;
        }
        // `let mut reader = socket;` with `socket: &TcpStream`.
        if let syn::Expr::Path(path) = &*init.expr {
            if let Some(name) = path.path.get_ident().map(|ident| ident.to_string()) {
                if self.survey.stream_references.contains(&name) {
                    let range = self.range(init.expr.span());
                    self.edits.push(Edit::replace(
                        range.clone(),
                        format!("(*{name}).clone()"),
                        RULE,
                    ));
                    self.rewrites.push(RULE);
                    self.note(
                        range.start,
                        RULE,
                        "smol's sockets do I/O only through an owned value, not `&TcpStream`: \
                         a clone shares the same socket",
                    );
                    return;
                }
            }
        }
        self.clone_shared_socket(&init.expr);
    }

    /// ... and the arguments of `BufReader::new`, `BufWriter::new` and `io::copy`.
    pub(super) fn clone_shared_socket_in_call(&mut self, call: &syn::ExprCall) {
        let syn::Expr::Path(func) = &*call.func else {
            return;
        };
        let segments: Vec<String> = func
            .path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        let io_call = match segments.as_slice() {
            [.., owner, new] if new == "new" => owner == "BufReader" || owner == "BufWriter",
            _ => self
                .canonical_path(&func.path)
                .is_some_and(|canonical| canonical.join("::") == "async_std::io::copy"),
        };
        if io_call {
            for argument in &call.args {
                self.clone_shared_socket(argument);
            }
        }
    }

    /// `Pin::new(&mut &*self.stream).poll_read(cx, buf)` in a hand-written poll
    /// function: async-std polls through `&TcpStream`, async-net only through an owned
    /// one, so the reference becomes a clone, which polls the same socket (and the
    /// same reactor registration).
    pub(super) fn clone_shared_socket_in_poll(&mut self, call: &syn::ExprMethodCall) {
        const POLLS: &[&str] = &[
            "poll_read",
            "poll_read_vectored",
            "poll_write",
            "poll_write_vectored",
            "poll_flush",
            "poll_close",
        ];
        if !POLLS.contains(&call.method.to_string().as_str()) {
            return;
        }
        let sockets = [
            "async_std::net::TcpStream",
            "async_std::os::unix::net::UnixStream",
        ];
        if !sockets.iter().any(|socket| self.survey.names(socket)) {
            return;
        }
        let syn::Expr::Call(pin) = &*call.receiver else {
            return;
        };
        let syn::Expr::Path(function) = &*pin.func else {
            return;
        };
        let is_pin_new = function
            .path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect::<Vec<_>>()
            .ends_with(&["Pin".to_string(), "new".to_string()]);
        if !is_pin_new || pin.args.len() != 1 {
            return;
        }
        let syn::Expr::Reference(outer) = &pin.args[0] else {
            return;
        };
        if outer.mutability.is_none() {
            return;
        }
        let syn::Expr::Reference(shared) = &*outer.expr else {
            return;
        };
        if shared.mutability.is_some() {
            return;
        }
        let (deref, inner) = match &*shared.expr {
            syn::Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => {
                (true, &*unary.expr)
            }
            other => (false, other),
        };
        if !matches!(inner, syn::Expr::Path(_) | syn::Expr::Field(_)) {
            return;
        }
        let Some(inner_text) = self.text.get(self.range(inner.span())) else {
            return;
        };
        let replacement = if deref {
            format!("(*{inner_text}).clone()")
        } else {
            format!("{inner_text}.clone()")
        };
        let range = self.range(shared.span());
        self.edits
            .push(Edit::replace(range.clone(), replacement, RULE));
        self.rewrites.push(RULE);
        self.note(
            range.start,
            RULE,
            "smol's sockets are polled only through an owned value, not `&TcpStream`: a \
             clone shares the same socket and its readiness",
        );
    }
}
