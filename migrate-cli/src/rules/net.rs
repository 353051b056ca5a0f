//! Rules for `async_std::net`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::net",
        action: Module("smol::net"),
        note: "smol::net is async-net",
    },
    Rule {
        item: "async_std::net::TcpListener",
        action: Rename("smol::net::TcpListener"),
        note: "bind, accept, incoming and local_addr are called the same way",
    },
    Rule {
        item: "async_std::net::TcpStream",
        action: Rename("smol::net::TcpStream"),
        note: "I/O goes through an owned stream (or a clone), not `&TcpStream`",
    },
];
