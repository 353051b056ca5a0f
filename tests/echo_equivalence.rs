//! The echo server behaves the same on all three roads: the legacy sources on
//! async-std, the same sources on async-std-compat, and the migrated sources on smol.

use smolify_tests::{build_binary, run_echo_clients, workspace_root, Server};

const CLIENTS: usize = 32;
const ROUNDS: usize = 4;
const MAX_PAYLOAD: usize = 64 * 1024;

fn check_echo_server(binary: std::path::PathBuf) {
    let mut server = Server::start(&binary, &["127.0.0.1:0"]);
    assert!(server.addr.ip().is_loopback());
    let outcomes = run_echo_clients(server.addr, CLIENTS, ROUNDS, MAX_PAYLOAD, 0x5eed);
    assert_eq!(outcomes.len(), CLIENTS);
    for (client, outcome) in outcomes.iter().enumerate() {
        assert!(outcome.intact, "client {client} got different bytes back");
        assert!(outcome.sent >= ROUNDS);
    }
    assert!(server.is_running(), "the server died under load");
}

#[test]
fn legacy_echo_server_on_async_std() {
    let manifest = workspace_root().join("examples/legacy/Cargo.toml");
    check_echo_server(build_binary(
        &manifest,
        "echo-server",
        "echo-server",
        "legacy",
    ));
}

#[test]
fn legacy_echo_server_on_the_shim() {
    let manifest = workspace_root().join("Cargo.toml");
    check_echo_server(build_binary(
        &manifest,
        "echo-server-on-shim",
        "echo-server-on-shim",
        "workspace",
    ));
}

#[test]
fn migrated_echo_server_on_smol() {
    // Same package name as the legacy one, other workspace: its own target folder.
    let manifest = workspace_root().join("examples/migrated/Cargo.toml");
    check_echo_server(build_binary(
        &manifest,
        "echo-server",
        "echo-server",
        "migrated",
    ));
}
