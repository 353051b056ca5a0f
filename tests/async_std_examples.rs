//! async-std 1.13.2's own example programs behave the same on the shim as on async-std.
//!
//! The example files come from the registry at test time (they are async-std's and are
//! not copied here). Two scratch crates under `target/async-std-examples/` name them as
//! `[[example]]` targets: one depends on async-std 1.13.2, the other on the shim under
//! the name `async-std`, as a user's crate does after the rename. Each case runs the
//! program built both ways with the same input and compares what a user sees: stdout,
//! stderr and the exit status, after masking what differs between any two runs
//! (timestamps, ephemeral ports). Each case also checks the output against what the
//! example is meant to print, so that two equally broken builds do not pass.
//!
//! The network examples listen on fixed ports (8080, 8081), so each of their runs gets
//! its own network namespace (`unshare -rn`, with only a loopback interface): runs do
//! not collide with each other or with anything on the machine, and
//! `socket-timeouts`, which fetches example.com, sees no network at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use smolify_tests::{
    async_std_source, nested_cargo, run_program, wait_for_outcome, workspace_root, Outcome,
};

/// The examples built by the scratch crates (async-std's `examples/` folder, less the
/// ones needing a third-party HTTP client or a chat protocol).
const EXAMPLES: &[&str] = &[
    "hello-world",
    "line-count",
    "list-dir",
    "logging",
    "print-file",
    "socket-timeouts",
    "stdin-echo",
    "stdin-timeout",
    "task-local",
    "task-name",
    "tcp-client",
    "tcp-echo",
    "tcp-ipv4-and-6-echo",
    "udp-client",
    "udp-echo",
];

/// The two builds of every example.
struct Builds {
    async_std: PathBuf,
    shim: PathBuf,
}

/// Writes and builds one scratch crate; returns the folder holding its examples.
fn build(flavor: &str, dependency: &str, source: &Path) -> PathBuf {
    let folder = workspace_root()
        .join("target/async-std-examples")
        .join(flavor);
    std::fs::create_dir_all(folder.join("src")).unwrap();
    let mut manifest = format!(
        r#"[package]
name = "async-std-examples-{flavor}"
version = "0.0.0"
edition = "2018"
publish = false

[workspace]

[dependencies]
{dependency}

[dev-dependencies]
femme = "2.1.1"
log = {{ version = "0.4", features = ["kv_unstable"] }}
"#
    );
    for name in EXAMPLES {
        manifest.push_str(&format!(
            "\n[[example]]\nname = \"{name}\"\npath = \"{}\"\n",
            source.join("examples").join(format!("{name}.rs")).display()
        ));
    }
    std::fs::write(folder.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(folder.join("src/lib.rs"), "").unwrap();
    let output = nested_cargo()
        .args(["build", "--quiet", "--examples", "--manifest-path"])
        .arg(folder.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", folder.join("target"))
        .output()
        .expect("cannot run cargo build");
    assert!(
        output.status.success(),
        "building async-std's examples against {flavor} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    folder.join("target/debug/examples")
}

fn builds() -> &'static Builds {
    static BUILDS: OnceLock<Builds> = OnceLock::new();
    BUILDS.get_or_init(|| {
        let source = async_std_source();
        Builds {
            async_std: build(
                "async-std",
                r#"async-std = { version = "=1.13.2", features = ["unstable", "attributes"] }"#,
                &source,
            ),
            shim: build(
                "shim",
                &format!(
                    r#"async-std = {{ package = "async-std-compat", path = "{}", features = ["unstable", "attributes"] }}"#,
                    workspace_root().join("shim").display()
                ),
                &source,
            ),
        }
    })
}

/// What a user sees of one run.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    stdout: String,
    stderr: String,
    success: bool,
}

impl Seen {
    fn of(outcome: Outcome) -> Seen {
        Seen {
            stdout: outcome.stdout,
            stderr: without_thread_ids(&outcome.stderr),
            success: outcome.code == Some(0),
        }
    }
}

/// `thread 'main' (19358) panicked at` → `thread 'main' (ID) panicked at`: the
/// thread id in a panic message differs between any two runs.
fn without_thread_ids(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("' (") {
        let (head, tail) = rest.split_at(start + 3);
        out.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with(')') {
            out.push_str("ID");
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Runs `example` with `args` and `stdin`, killing it after `limit`.
fn run(folder: &Path, example: &str, args: &[&str], stdin: &[u8], limit: Duration) -> Seen {
    Seen::of(run_program(&folder.join(example), args, stdin, limit))
}

/// Waits for a started `child` (stdout and stderr piped), killing it after `limit`.
fn wait_bounded(child: std::process::Child, limit: Duration, what: &str) -> Seen {
    Seen::of(wait_for_outcome(child, what, limit))
}

/// Runs the same program on both builds and asserts that a user sees the same thing;
/// returns what the async-std build showed.
fn same_on_both(run_one: impl Fn(&Path) -> Seen) -> Seen {
    let builds = builds();
    let on_async_std = run_one(&builds.async_std);
    let on_shim = run_one(&builds.shim);
    assert_eq!(
        on_shim, on_async_std,
        "the shim's run (left) differs from async-std's (right)"
    );
    on_async_std
}

#[test]
fn hello_world() {
    let seen = same_on_both(|dir| run(dir, "hello-world", &[], b"", Duration::from_secs(20)));
    assert_eq!(seen.stdout, "Hello, world!\n");
}

#[test]
fn task_local() {
    let seen = same_on_both(|dir| run(dir, "task-local", &[], b"", Duration::from_secs(20)));
    assert_eq!(seen.stdout, "var = 1\nvar = 2\n");
}

#[test]
fn task_name() {
    let seen = same_on_both(|dir| run(dir, "task-name", &[], b"", Duration::from_secs(20)));
    assert_eq!(seen.stdout, "My name is Some(\"my-task\")\n");
}

/// femme prints one JSON record per line; the timestamps differ between any two runs.
fn without_times(text: &str) -> String {
    text.lines()
        .map(
            |line| match serde_json::from_str::<serde_json::Value>(line) {
                Ok(serde_json::Value::Object(mut record)) => {
                    record.remove("time");
                    serde_json::Value::Object(record).to_string()
                }
                _ => line.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn logging() {
    let seen = same_on_both(|dir| {
        let mut seen = run(dir, "logging", &[], b"", Duration::from_secs(20));
        seen.stdout = without_times(&seen.stdout);
        seen
    });
    assert!(seen.stdout.contains("Hello world!"), "{}", seen.stdout);
}

#[test]
fn list_dir() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["alpha", "beta", "gamma.txt"] {
        std::fs::write(dir.path().join(name), name).unwrap();
    }
    std::fs::create_dir(dir.path().join("delta")).unwrap();
    let path = dir.path().to_str().unwrap();
    let seen = same_on_both(|d| run(d, "list-dir", &[path], b"", Duration::from_secs(20)));
    let mut names: Vec<&str> = seen.stdout.lines().collect();
    names.sort();
    assert_eq!(names, ["alpha", "beta", "delta", "gamma.txt"]);
}

#[test]
fn list_dir_of_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let path = missing.to_str().unwrap();
    let seen = same_on_both(|d| run(d, "list-dir", &[path], b"", Duration::from_secs(20)));
    assert!(!seen.success);
    assert!(
        seen.stderr.contains("could not read directory"),
        "{}",
        seen.stderr
    );
}

#[test]
fn line_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.txt");
    let text: String = (0..1000).map(|i| format!("line {i}\r\n")).collect();
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    let seen = same_on_both(|d| run(d, "line-count", &[path], b"", Duration::from_secs(20)));
    assert_eq!(seen.stdout, "The file contains 1000 lines.\n");
}

#[test]
fn print_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.txt");
    // Several times print-file's 16 KiB buffer, with no line breaks for a while.
    let text: String = (0..20_000)
        .map(|i| format!("{i}{}", if i % 97 == 0 { "\n" } else { " " }))
        .collect();
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();
    let seen = same_on_both(|d| run(d, "print-file", &[path], b"", Duration::from_secs(20)));
    assert_eq!(seen.stdout, text);
}

#[test]
fn stdin_echo() {
    let input = "first line\nsecond line\n\nlast line without a newline";
    let seen = same_on_both(|d| {
        run(
            d,
            "stdin-echo",
            &[],
            input.as_bytes(),
            Duration::from_secs(20),
        )
    });
    assert_eq!(seen.stdout, input);
    assert!(seen.success);
}

#[test]
fn stdin_timeout_with_input() {
    let seen = same_on_both(|d| run(d, "stdin-timeout", &[], b"hello\n", Duration::from_secs(20)));
    assert!(seen.success);
    assert!(
        seen.stderr.contains("line = \"hello\\n\""),
        "{}",
        seen.stderr
    );
}

#[test]
fn stdin_timeout_without_input() {
    // stdin stays open and silent: the example's 5-second timeout fires.
    let builds = builds();
    let start = |dir: &Path| {
        Command::new(dir.join("stdin-timeout"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Both at once: each waits five seconds.
    let mut on_async_std = start(&builds.async_std);
    let mut on_shim = start(&builds.shim);
    let keep_open = (on_async_std.stdin.take(), on_shim.stdin.take());
    let on_async_std = wait_bounded(on_async_std, Duration::from_secs(30), "stdin-timeout");
    let on_shim = wait_bounded(on_shim, Duration::from_secs(30), "stdin-timeout");
    drop(keep_open);
    assert_eq!(on_shim, on_async_std);
    assert!(!on_async_std.success);
    assert!(
        on_async_std.stderr.contains("TimedOut"),
        "{}",
        on_async_std.stderr
    );
}

/// Runs `server` and then `client` in a network namespace of their own, retrying the
/// client (bounded) until the server is up; returns what each printed.
fn client_and_server(dir: &Path, server: &str, client: &str) -> (Seen, Seen) {
    let work = tempfile::tempdir().unwrap();
    let script = format!(
        r#"set -u
ip link set lo up || exit 97
"{dir}/{server}" > server.out 2> server.err &
server=$!
tries=0
until timeout 5 "{dir}/{client}" > client.out 2> client.err; do
    tries=$((tries + 1))
    [ $tries -ge 50 ] && break
    sleep 0.1
done
echo $? > client.status
kill $server
wait $server
echo $? > server.status
"#,
        dir = dir.display()
    );
    let child = Command::new("unshare")
        .args(["-rn", "sh", "-c", &script])
        .current_dir(work.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run unshare (util-linux)");
    let outer = wait_bounded(child, Duration::from_secs(60), "the network namespace");
    assert!(
        outer.stderr.is_empty() || outer.success,
        "unshare: {}",
        outer.stderr
    );
    let read = |name: &str| std::fs::read_to_string(work.path().join(name)).unwrap_or_default();
    let client_seen = Seen {
        stdout: read("client.out"),
        stderr: read("client.err"),
        success: read("client.status").trim() == "0",
    };
    let server_seen = Seen {
        stdout: mask_ports(&read("server.out")),
        stderr: read("server.err"),
        // Killed by the script: only its output matters.
        success: true,
    };
    (client_seen, server_seen)
}

/// `Accepted from: 127.0.0.1:39222` → `Accepted from: 127.0.0.1:PORT`: ephemeral ports
/// differ between runs.
fn mask_ports(text: &str) -> String {
    text.lines()
        .map(|line| match line.rsplit_once(':') {
            Some((head, port))
                if line.starts_with("Accepted from") || line.starts_with("Sent ") =>
            {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    format!("{head}:PORT")
                } else {
                    line.to_string()
                }
            }
            _ => line.to_string(),
        })
        .map(|line| line + "\n")
        .collect()
}

#[test]
fn tcp_echo_and_client() {
    let (client, server) = {
        let builds = builds();
        let on_async_std = client_and_server(&builds.async_std, "tcp-echo", "tcp-client");
        let on_shim = client_and_server(&builds.shim, "tcp-echo", "tcp-client");
        assert_eq!(on_shim, on_async_std);
        on_async_std
    };
    assert_eq!(
        client.stdout,
        "Connected to 127.0.0.1:8080\n<- hello world\n-> hello world\n\n"
    );
    assert_eq!(
        server.stdout,
        "Listening on 127.0.0.1:8080\nAccepted from: 127.0.0.1:PORT\n"
    );
}

#[test]
fn tcp_ipv4_and_6_echo() {
    let (client, server) = {
        let builds = builds();
        let on_async_std =
            client_and_server(&builds.async_std, "tcp-ipv4-and-6-echo", "tcp-client");
        let on_shim = client_and_server(&builds.shim, "tcp-ipv4-and-6-echo", "tcp-client");
        assert_eq!(on_shim, on_async_std);
        on_async_std
    };
    assert!(client.stdout.contains("-> hello world"), "{client:?}");
    assert!(
        server
            .stdout
            .starts_with("Listening on 127.0.0.1:8080\nListening on [::1]:8080\n"),
        "{server:?}"
    );
}

#[test]
fn udp_echo_and_client() {
    let (client, server) = {
        let builds = builds();
        let on_async_std = client_and_server(&builds.async_std, "udp-echo", "udp-client");
        let on_shim = client_and_server(&builds.shim, "udp-echo", "udp-client");
        assert_eq!(on_shim, on_async_std);
        on_async_std
    };
    assert_eq!(
        client.stdout,
        "Listening on 127.0.0.1:8081\n<- hello world\n-> hello world\n\n"
    );
    assert!(
        server.stdout.starts_with("Listening on 127.0.0.1:8080\n"),
        "{server:?}"
    );
    assert!(
        server
            .stdout
            .contains("Sent 11 out of 11 bytes to 127.0.0.1:PORT\n"),
        "{server:?}"
    );
}

#[test]
fn socket_timeouts_without_a_network() {
    // The namespace has no route to example.com: both builds fail the same way.
    let seen = same_on_both(|dir| {
        let child = Command::new("unshare")
            .args(["-rn"])
            .arg(dir.join("socket-timeouts"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("RUST_BACKTRACE")
            .spawn()
            .expect("cannot run unshare (util-linux)");
        wait_bounded(child, Duration::from_secs(30), "socket-timeouts")
    });
    assert!(!seen.success);
    assert!(seen.stderr.contains("request"), "{}", seen.stderr);
}
