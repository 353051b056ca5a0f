//! Programs 2 to 10 of the examples behave the same on all three roads: the legacy
//! sources on async-std 1.13, the same sources on async-std-compat (examples/on-shim),
//! and the CLI's migration of them on smol (examples/migrated).
//!
//! Each program is run as a process on fixed inputs (stdin, arguments, a temporary
//! folder, clients on 127.0.0.1), and everything a user sees is written down as a
//! transcript: what it printed on stdout, its exit code, and for servers every line each
//! client received. The legacy transcript must be the one written here by hand; the
//! shim's and the migrated program's must equal the legacy one. (stderr is not
//! compared: an error's wording is the runtime's.)
//!
//! The echo server (program 1) has its own test, tests/echo_equivalence.rs.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use smolify_tests::{
    build_binary, run_package_tests, run_program, smolify, workspace_root, LineClient, Outcome,
    ServerProcess,
};

/// Ample for every program here; each finishes in well under a second when it works.
const RUN_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Road {
    /// examples/legacy, on async-std 1.13.
    Legacy,
    /// examples/on-shim: the legacy sources on async-std-compat.
    Shim,
    /// examples/migrated: the CLI's output, on smol.
    Migrated,
}

/// Builds `program` for `road` and returns its executable.
fn build(program: &str, road: Road) -> PathBuf {
    let root = workspace_root();
    match road {
        Road::Legacy => build_binary(
            &root.join("examples/legacy/Cargo.toml"),
            program,
            program,
            "legacy",
        ),
        Road::Shim => {
            let package = format!("{program}-on-shim");
            build_binary(&root.join("Cargo.toml"), &package, &package, "workspace")
        }
        Road::Migrated => {
            assert_migrated_exists(program);
            build_binary(
                &root.join("examples/migrated/Cargo.toml"),
                program,
                program,
                "migrated",
            )
        }
    }
}

fn assert_migrated_exists(program: &str) {
    assert!(
        workspace_root()
            .join("examples/migrated")
            .join(program)
            .is_dir(),
        "examples/migrated/{program} is missing: regenerate examples/migrated with \
         `cargo run -p cargo-smolify -- --apply` on a copy of examples/legacy"
    );
}

/// A transcript of what a user saw.
type Transcript = Vec<String>;

/// Appends a finished program's stdout (line by line) and exit code to `transcript`.
fn record(transcript: &mut Transcript, what: &str, outcome: &Outcome) {
    for line in outcome.stdout.lines() {
        transcript.push(format!("{what} | {line}"));
    }
    transcript.push(format!("{what} exit: {:?}", outcome.code));
}

/// The legacy transcript of each program, computed once per test process and shared by
/// the tests that compare another road with it.
fn legacy_transcript(program: &'static str, scenario: fn(Road) -> Transcript) -> Transcript {
    /// Each program's transcript, computed by the first test that needs it.
    type Cache = Mutex<HashMap<&'static str, Arc<OnceLock<Transcript>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cell = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .entry(program)
        .or_default()
        .clone();
    cell.get_or_init(|| scenario(Road::Legacy)).clone()
}

/// Three tests per program: the legacy program shows the expected transcript, and the
/// program on the shim and the migrated program show the same one.
macro_rules! three_roads {
    ($program:literal, $scenario:ident, $expected:ident, $legacy:ident, $shim:ident, $migrated:ident) => {
        #[test]
        fn $legacy() {
            let seen = legacy_transcript($program, $scenario);
            assert_eq!(seen, $expected(), "{} on async-std", $program);
        }

        #[test]
        fn $shim() {
            let seen = $scenario(Road::Shim);
            let legacy = legacy_transcript($program, $scenario);
            assert_eq!(
                seen, legacy,
                "{} on the shim differs from async-std",
                $program
            );
        }

        #[test]
        fn $migrated() {
            assert_migrated_exists($program);
            let seen = $scenario(Road::Migrated);
            let legacy = legacy_transcript($program, $scenario);
            assert_eq!(seen, legacy, "{} migrated differs from async-std", $program);
        }
    };
}

fn lines(text: &[&str]) -> Transcript {
    text.iter().map(|line| line.to_string()).collect()
}

// ---------------------------------------------------------------------------------------
// 2. chat-server

/// Three users chat, one leaves, and one stops the server. Every step waits for what it
/// causes, so the order of what each client receives is fixed.
fn chat_scenario(road: Road) -> Transcript {
    let binary = build("chat-server", road);
    let server = ServerProcess::start(&binary, &["127.0.0.1:0"]);
    assert!(server.addr.ip().is_loopback());
    let mut seen = Transcript::new();
    let mut saw = |who: &str, line: String| seen.push(format!("{who} < {line}"));

    let mut alice = LineClient::connect(server.addr);
    alice.send("alice");
    saw("alice", alice.expect_line());

    let mut bob = LineClient::connect(server.addr);
    bob.send("bob");
    saw("bob", bob.expect_line());
    saw("alice", alice.expect_line());

    alice.send("hello bob");
    saw("bob", bob.expect_line());
    bob.send("hi alice, how are you?");
    saw("alice", alice.expect_line());

    let mut carol = LineClient::connect(server.addr);
    carol.send("carol");
    saw("carol", carol.expect_line());
    saw("alice", alice.expect_line());
    saw("bob", bob.expect_line());

    carol.send("hello all");
    saw("alice", alice.expect_line());
    saw("bob", bob.expect_line());

    // Bob hangs up; the others are told.
    drop(bob);
    saw("alice", alice.expect_line());
    saw("carol", carol.expect_line());

    // Carol stops the server: everyone still connected is told, then disconnected.
    carol.send("/shutdown");
    for line in alice.read_to_end() {
        saw("alice", line);
    }
    saw("alice", "(closed)".to_string());
    for line in carol.read_to_end() {
        saw("carol", line);
    }
    saw("carol", "(closed)".to_string());

    let outcome = server.finish(RUN_TIMEOUT);
    record(&mut seen, "server", &outcome);
    seen
}

fn chat_expected() -> Transcript {
    lines(&[
        "alice < * welcome alice, online: nobody else",
        "bob < * welcome bob, online: alice",
        "alice < * bob joined",
        "bob < alice: hello bob",
        "alice < bob: hi alice, how are you?",
        "carol < * welcome carol, online: alice, bob",
        "alice < * carol joined",
        "bob < * carol joined",
        "alice < carol: hello all",
        "bob < carol: hello all",
        "alice < * bob left",
        "carol < * bob left",
        "alice < * server shutting down",
        "alice < (closed)",
        "carol < * server shutting down",
        "carol < (closed)",
        "server | served 3 clients",
        "server exit: Some(0)",
    ])
}

three_roads!(
    "chat-server",
    chat_scenario,
    chat_expected,
    chat_server_on_async_std,
    chat_server_on_the_shim,
    chat_server_migrated
);

// ---------------------------------------------------------------------------------------
// 3. tcp-client

/// A line server on a thread of the test: answers each line with it upper-cased and its
/// length, and closes the connection after `replies` answers. Serves one connection.
fn upper_case_server(replies: usize) -> (SocketAddr, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let thread = std::thread::spawn(move || {
        // Bounded: a client that never comes is given up on.
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + RUN_TIMEOUT;
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                Err(error) => panic!("no client came: {error}"),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream.set_read_timeout(Some(RUN_TIMEOUT)).unwrap();
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        for _ in 0..replies {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end_matches('\n');
            let reply = format!("{} ({} bytes)\n", line.to_uppercase(), line.len());
            if writer.write_all(reply.as_bytes()).is_err() {
                return;
            }
        }
    });
    (addr, thread)
}

fn tcp_client_scenario(road: Road) -> Transcript {
    let binary = build("tcp-client", road);
    let mut seen = Transcript::new();

    // A conversation; the blank line is skipped, the last line has no newline.
    let (addr, server) = upper_case_server(100);
    let input = b"hello\nworld\n\n  spaced out  \nlast line, no newline";
    let outcome = run_program(&binary, &[&addr.to_string()], input, RUN_TIMEOUT);
    record(&mut seen, "talk", &outcome);
    server.join().unwrap();

    // The server hangs up after one answer: the client reports an error.
    let (addr, server) = upper_case_server(1);
    let outcome = run_program(
        &binary,
        &[&addr.to_string()],
        b"one\ntwo\nthree\n",
        RUN_TIMEOUT,
    );
    record(&mut seen, "hang-up", &outcome);
    server.join().unwrap();

    // Nobody listens there (any more).
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let outcome = run_program(&binary, &[&addr.to_string()], b"hello\n", RUN_TIMEOUT);
    record(&mut seen, "refused", &outcome);

    let outcome = run_program(&binary, &[], b"", RUN_TIMEOUT);
    record(&mut seen, "no address", &outcome);
    seen
}

fn tcp_client_expected() -> Transcript {
    lines(&[
        "talk | > HELLO (5 bytes)",
        "talk | > WORLD (5 bytes)",
        "talk | >   SPACED OUT   (14 bytes)",
        "talk | > LAST LINE, NO NEWLINE (21 bytes)",
        "talk | sent 4 lines",
        "talk exit: Some(0)",
        "hang-up | > ONE (3 bytes)",
        "hang-up exit: Some(1)",
        "refused exit: Some(1)",
        "no address exit: Some(2)",
    ])
}

three_roads!(
    "tcp-client",
    tcp_client_scenario,
    tcp_client_expected,
    tcp_client_on_async_std,
    tcp_client_on_the_shim,
    tcp_client_migrated
);

// ---------------------------------------------------------------------------------------
// 4. udp-echo

fn udp_scenario(road: Road) -> Transcript {
    let binary = build("udp-echo", road);
    let mut seen = Transcript::new();

    let server = ServerProcess::start(&binary, &["serve", "127.0.0.1:0"]);
    assert!(server.addr.ip().is_loopback());
    let target = server.addr.to_string();
    let outcome = run_program(
        &binary,
        &["send", &target, "alpha", "beta gamma", "ünïcödé ✓"],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "client", &outcome);
    let outcome = run_program(&binary, &["send", &target, "again"], b"", RUN_TIMEOUT);
    record(&mut seen, "client 2", &outcome);

    // A datagram from elsewhere comes back to where it came from.
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(RUN_TIMEOUT)).unwrap();
    socket.send_to(&[0, 1, 2, 255], server.addr).unwrap();
    let mut buffer = [0u8; 16];
    let (len, from) = socket.recv_from(&mut buffer).unwrap();
    seen.push(format!(
        "raw datagram back from the server: {:?}, {}",
        &buffer[..len],
        from == server.addr
    ));

    socket.send_to(b"quit", server.addr).unwrap();
    let outcome = server.finish(RUN_TIMEOUT);
    record(&mut seen, "server", &outcome);

    // A server that never answers: the client gives up after its two-second timeout.
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let target = silent.local_addr().unwrap().to_string();
    let outcome = run_program(&binary, &["send", &target, "anyone?"], b"", RUN_TIMEOUT);
    record(&mut seen, "unanswered", &outcome);

    let outcome = run_program(&binary, &["listen"], b"", RUN_TIMEOUT);
    record(&mut seen, "bad usage", &outcome);
    seen
}

fn udp_expected() -> Transcript {
    lines(&[
        "client | alpha",
        "client | beta gamma",
        "client | ünïcödé ✓",
        "client exit: Some(0)",
        "client 2 | again",
        "client 2 exit: Some(0)",
        "raw datagram back from the server: [0, 1, 2, 255], true",
        "server | echoed 5 datagrams",
        "server exit: Some(0)",
        "unanswered exit: Some(1)",
        "bad usage exit: Some(2)",
    ])
}

three_roads!(
    "udp-echo",
    udp_scenario,
    udp_expected,
    udp_echo_on_async_std,
    udp_echo_on_the_shim,
    udp_echo_migrated
);

// ---------------------------------------------------------------------------------------
// 5. file-tools

/// Writes `contents` to `root/relative`, creating folders on the way.
fn write_file(root: &Path, relative: &str, contents: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn file_tools_scenario(road: Road) -> Transcript {
    let binary = build("file-tools", road);
    let mut seen = Transcript::new();
    let scratch = tempfile::tempdir().unwrap();
    let tree = scratch.path().join("tree");
    write_file(&tree, "readme.txt", b"one\ntwo\nthree\n");
    write_file(&tree, "src/main.rs", b"fn main() {\n}");
    write_file(&tree, "src/deep/er/notes.md", b"");
    write_file(&tree, "src/deep/windows.txt", b"a\r\nb\r\n\r\nc\r\n");
    write_file(&tree, "b-side.txt", b"\n\n\n\n\n");
    std::fs::create_dir_all(tree.join("empty/folder")).unwrap();
    let tree = tree.to_str().unwrap();

    let outcome = run_program(&binary, &["count", tree], b"", RUN_TIMEOUT);
    record(&mut seen, "count", &outcome);

    let missing = scratch.path().join("no-such-folder");
    let outcome = run_program(
        &binary,
        &["count", missing.to_str().unwrap()],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "count missing", &outcome);

    write_file(scratch.path(), "binary/blob", &[0xff, 0xfe, b'\n', 0x80]);
    let binary_tree = scratch.path().join("binary");
    let outcome = run_program(
        &binary,
        &["count", binary_tree.to_str().unwrap()],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "count not UTF-8", &outcome);

    // Copy 300 KiB of varied bytes: more than any buffer, not a multiple of one.
    let mut rng = fastrand::Rng::with_seed(7);
    let source: Vec<u8> = std::iter::repeat_with(|| rng.u8(..))
        .take(300 * 1024 + 17)
        .collect();
    let from = scratch.path().join("source.bin");
    std::fs::write(&from, &source).unwrap();
    let to = scratch.path().join("copy.bin");
    let (from, to_str) = (from.to_str().unwrap(), to.to_str().unwrap());

    let outcome = run_program(&binary, &["copy", from, to_str], b"", RUN_TIMEOUT);
    record(&mut seen, "copy", &outcome);
    seen.push(format!(
        "copy.bin equals the source: {}",
        std::fs::read(&to).unwrap() == source
    ));

    let outcome = run_program(
        &binary,
        &["copy", from, to_str, "--append"],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "append", &outcome);
    let twice = [source.as_slice(), source.as_slice()].concat();
    seen.push(format!(
        "copy.bin is the source twice: {}",
        std::fs::read(&to).unwrap() == twice
    ));

    // Copying again without --append truncates.
    let small = scratch.path().join("small.txt");
    std::fs::write(&small, b"tiny\n").unwrap();
    let outcome = run_program(
        &binary,
        &["copy", small.to_str().unwrap(), to_str],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "overwrite", &outcome);
    seen.push(format!(
        "copy.bin holds: {:?}",
        String::from_utf8_lossy(&std::fs::read(&to).unwrap())
    ));

    let outcome = run_program(
        &binary,
        &["copy", missing.to_str().unwrap(), to_str],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "copy missing", &outcome);

    let outcome = run_program(&binary, &["move", from, to_str], b"", RUN_TIMEOUT);
    record(&mut seen, "bad usage", &outcome);
    seen
}

fn file_tools_expected() -> Transcript {
    let size = 300 * 1024 + 17;
    let mut expected = lines(&[
        "count | b-side.txt: 5",
        "count | readme.txt: 3",
        "count | src/deep/er/notes.md: 0",
        "count | src/deep/windows.txt: 4",
        "count | src/main.rs: 2",
        "count | total: 14 lines in 5 files",
        "count exit: Some(0)",
        "count missing exit: Some(1)",
        "count not UTF-8 exit: Some(1)",
    ]);
    expected.extend([
        format!("copy | copied {size} bytes; copy.bin is now {size} bytes"),
        "copy exit: Some(0)".to_string(),
        "copy.bin equals the source: true".to_string(),
        format!(
            "append | copied {size} bytes; copy.bin is now {} bytes",
            2 * size
        ),
        "append exit: Some(0)".to_string(),
        "copy.bin is the source twice: true".to_string(),
        "overwrite | copied 5 bytes; copy.bin is now 5 bytes".to_string(),
        "overwrite exit: Some(0)".to_string(),
        "copy.bin holds: \"tiny\\n\"".to_string(),
        "copy missing exit: Some(1)".to_string(),
        "bad usage exit: Some(2)".to_string(),
    ]);
    expected
}

three_roads!(
    "file-tools",
    file_tools_scenario,
    file_tools_expected,
    file_tools_on_async_std,
    file_tools_on_the_shim,
    file_tools_migrated
);

// ---------------------------------------------------------------------------------------
// 6. timers

fn timers_scenario(road: Road) -> Transcript {
    let binary = build("timers", road);
    let mut seen = Transcript::new();
    for ticks in ["5", "1"] {
        let outcome = run_program(&binary, &[ticks], b"", RUN_TIMEOUT);
        record(&mut seen, &format!("{ticks} ticks"), &outcome);
    }
    let outcome = run_program(&binary, &["many"], b"", RUN_TIMEOUT);
    record(&mut seen, "bad ticks", &outcome);
    seen
}

fn timers_expected() -> Transcript {
    let mut expected = Transcript::new();
    for (ticks, minimum) in [("5", "50ms"), ("1", "10ms")] {
        for line in [
            "sleep: at least 20ms: true".to_string(),
            "future::timeout, in time: Ok(42)".to_string(),
            "future::timeout, too slow: future has timed out".to_string(),
            "io::timeout: TimedOut: future timed out".to_string(),
            format!("interval: {ticks} ticks, at least {minimum}: true"),
            "race: fast won, well before the slow one: true".to_string(),
            "stream timeout: first Some(Some(1)), then timed out: true".to_string(),
        ] {
            expected.push(format!("{ticks} ticks | {line}"));
        }
        expected.push(format!("{ticks} ticks exit: Some(0)"));
    }
    expected.push("bad ticks exit: Some(1)".to_string());
    expected
}

three_roads!(
    "timers",
    timers_scenario,
    timers_expected,
    timers_on_async_std,
    timers_on_the_shim,
    timers_migrated
);

// ---------------------------------------------------------------------------------------
// 7. worker-pool

const POOL_RUNS: [(&str, &str); 3] = [("40", "4"), ("7", "1"), ("0", "2")];

fn worker_pool_scenario(road: Road) -> Transcript {
    let binary = build("worker-pool", road);
    let mut seen = Transcript::new();
    for (jobs, workers) in POOL_RUNS {
        let outcome = run_program(&binary, &[jobs, workers], b"", RUN_TIMEOUT);
        record(&mut seen, &format!("{jobs}/{workers}"), &outcome);
    }
    seen
}

/// The number of Collatz steps from `n` to 1, computed here independently.
fn collatz(n: u64) -> u64 {
    let (mut n, mut steps) = (n, 0);
    while n > 1 {
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}

fn worker_pool_expected() -> Transcript {
    let mut expected = Transcript::new();
    for (jobs, workers) in POOL_RUNS {
        let label = format!("{jobs}/{workers}");
        let count: u64 = jobs.parse().unwrap();
        for job in 1..=count {
            expected.push(format!("{label} | job {job}: {} steps", collatz(job)));
        }
        expected.push(format!(
            "{label} | {count} jobs by {workers} workers; all accounted for: true"
        ));
        expected.push(format!(
            "{label} | queue stayed within its capacity of 3: true"
        ));
        expected.push(format!("{label} exit: Some(0)"));
    }
    expected
}

three_roads!(
    "worker-pool",
    worker_pool_scenario,
    worker_pool_expected,
    worker_pool_on_async_std,
    worker_pool_on_the_shim,
    worker_pool_migrated
);

// ---------------------------------------------------------------------------------------
// 8. request-ids

const CONCURRENT_CLIENTS: usize = 4;
const CONCURRENT_REQUESTS: usize = 25;

fn request_ids_scenario(road: Road) -> Transcript {
    let binary = build("request-ids", road);
    let mut server = ServerProcess::start(&binary, &["127.0.0.1:0"]);
    assert!(server.addr.ip().is_loopback());
    let mut seen = Transcript::new();

    // Connections are numbered in the order they are accepted: open them one by one.
    let mut first = LineClient::connect(server.addr);
    first.send("hello");
    seen.push(format!("first < {}", first.expect_line()));
    let mut second = LineClient::connect(server.addr);
    second.send("world");
    seen.push(format!("second < {}", second.expect_line()));
    first.send("stats");
    seen.push(format!("first < {}", first.expect_line()));

    // Then several connections at once, each with many requests: every reply carries the
    // task name and request id of its own connection and request.
    let mut clients: Vec<LineClient> = (0..CONCURRENT_CLIENTS)
        .map(|index| {
            let mut client = LineClient::connect(server.addr);
            client.send(&format!("client {index} says hi"));
            client
        })
        .collect();
    for (index, client) in clients.iter_mut().enumerate() {
        seen.push(format!("client {index} < {}", client.expect_line()));
    }
    let threads: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(index, mut client)| {
            std::thread::spawn(move || {
                let mut replies = Vec::new();
                for request in 0..CONCURRENT_REQUESTS {
                    client.send(&format!("c{index} r{request}"));
                    replies.push(format!("client {index} < {}", client.expect_line()));
                }
                client.send("stats");
                replies.push(format!("client {index} < {}", client.expect_line()));
                replies
            })
        })
        .collect();
    for thread in threads {
        seen.extend(thread.join().expect("a client thread panicked"));
    }

    second.send("bye");
    seen.push(format!("second < {}", second.expect_line()));
    assert!(server.is_running(), "the server died");
    seen
}

fn request_ids_expected() -> Transcript {
    let mut expected = lines(&[
        "first < [conn-1/req-1] HELLO",
        "second < [conn-2/req-1] WORLD",
        "first < [conn-1/req-2] 2 requests on this connection",
    ]);
    // The concurrent clients connect after the first two, but in any order.
    let connections = (0..CONCURRENT_CLIENTS).map(|index| index + 3);
    for (index, connection) in connections.clone().enumerate() {
        expected.push(format!(
            "client {index} < [conn-{connection}/req-1] CLIENT {index} SAYS HI"
        ));
    }
    for (index, connection) in connections.enumerate() {
        for request in 0..CONCURRENT_REQUESTS {
            expected.push(format!(
                "client {index} < [conn-{connection}/req-{}] C{index} R{request}",
                request + 2
            ));
        }
        expected.push(format!(
            "client {index} < [conn-{connection}/req-{}] {} requests on this connection",
            CONCURRENT_REQUESTS + 2,
            CONCURRENT_REQUESTS + 2
        ));
    }
    expected.push("second < [conn-2/req-2] BYE".to_string());
    expected
}

/// The concurrent clients' connection numbers depend on the order the server accepted
/// them in; renumber connections 3 and up by first appearance, so that transcripts
/// compare. A connection keeps one number, so a reply tagged with another
/// connection's name still shows.
fn request_ids_normalised(transcript: Transcript) -> Transcript {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    transcript
        .into_iter()
        .map(|line| {
            if !line.starts_with("client ") {
                return line;
            }
            let Some(start) = line.find("[conn-") else {
                return line;
            };
            let digits = start + "[conn-".len();
            let Some(length) = line[digits..].find('/') else {
                return line;
            };
            let original = line[digits..digits + length].to_string();
            let next = numbers.len() + 3;
            let number = *numbers.entry(original).or_insert(next);
            format!(
                "{}[conn-{number}{}",
                &line[..start],
                &line[digits + length..]
            )
        })
        .collect()
}

fn request_ids_scenario_normalised(road: Road) -> Transcript {
    request_ids_normalised(request_ids_scenario(road))
}

three_roads!(
    "request-ids",
    request_ids_scenario_normalised,
    request_ids_expected,
    request_ids_on_async_std,
    request_ids_on_the_shim,
    request_ids_migrated
);

#[test]
fn request_ids_normalisation_keeps_a_connections_number_consistent() {
    // The normalisation must not hide a reply tagged with another connection's name.
    let mixed = lines(&[
        "client 0 < [conn-4/req-1] A",
        "client 1 < [conn-3/req-1] B",
        "client 0 < [conn-3/req-2] C",
    ]);
    assert_eq!(
        request_ids_normalised(mixed),
        lines(&[
            "client 0 < [conn-3/req-1] A",
            "client 1 < [conn-4/req-1] B",
            "client 0 < [conn-4/req-2] C",
        ])
    );
}

// ---------------------------------------------------------------------------------------
// 9. async-lib: its #[async_std::test] tests pass on every road.

fn async_lib_scenario(road: Road) -> Transcript {
    let root = workspace_root();
    let passed = match road {
        Road::Legacy => run_package_tests(
            &root.join("examples/legacy/Cargo.toml"),
            "async-lib",
            "legacy",
        ),
        Road::Shim => run_package_tests(&root.join("Cargo.toml"), "async-lib-on-shim", "workspace"),
        Road::Migrated => run_package_tests(
            &root.join("examples/migrated/Cargo.toml"),
            "async-lib",
            "migrated",
        ),
    };
    passed
        .into_iter()
        .map(|name| format!("passed: {name}"))
        .collect()
}

fn async_lib_expected() -> Transcript {
    lines(&[
        "passed: tests::a_dropped_handle_keeps_refreshing",
        "passed: tests::a_missing_file_is_not_found",
        "passed: tests::counts_words_across_lines",
        "passed: tests::counts_words_in_a_file",
        "passed: tests::empty_input_has_no_words",
        "passed: tests::the_value_refreshes_in_the_background",
    ])
}

three_roads!(
    "async-lib",
    async_lib_scenario,
    async_lib_expected,
    async_lib_on_async_std,
    async_lib_on_the_shim,
    async_lib_migrated
);

// ---------------------------------------------------------------------------------------
// 10. process-runner

fn process_runner_scenario(road: Road) -> Transcript {
    let binary = build("process-runner", road);
    let mut seen = Transcript::new();
    let outcome = run_program(
        &binary,
        &[
            "printf 'one\\ntwo\\n'",
            "echo to-stderr >&2; echo to-stdout; exit 3",
            "printf 'no newline at the end'",
            "seq 1 500 | tail -n 2",
            "kill -9 $$",
        ],
        b"",
        RUN_TIMEOUT,
    );
    record(&mut seen, "run", &outcome);
    // The children's stderr goes to the runner's, untouched.
    seen.push(format!(
        "stderr has the child's line: {}",
        outcome.stderr.contains("to-stderr")
    ));

    let outcome = run_program(&binary, &["true"], b"", RUN_TIMEOUT);
    record(&mut seen, "all fine", &outcome);
    let outcome = run_program(&binary, &[], b"", RUN_TIMEOUT);
    record(&mut seen, "no commands", &outcome);
    seen
}

fn process_runner_expected() -> Transcript {
    lines(&[
        "run | [1] one",
        "run | [1] two",
        "run | [1] exit: 0 after 2 lines",
        "run | [2] to-stdout",
        "run | [2] exit: 3 after 1 lines",
        "run | [3] no newline at the end",
        "run | [3] exit: 0 after 1 lines",
        "run | [4] 499",
        "run | [4] 500",
        "run | [4] exit: 0 after 2 lines",
        "run | [5] killed by a signal after 0 lines",
        "run | done",
        "run | 5 commands, 2 failed",
        "run exit: Some(2)",
        "stderr has the child's line: true",
        "all fine | [1] exit: 0 after 0 lines",
        "all fine | done",
        "all fine | 1 commands, 0 failed",
        "all fine exit: Some(0)",
        "no commands exit: Some(2)",
    ])
}

three_roads!(
    "process-runner",
    process_runner_scenario,
    process_runner_expected,
    process_runner_on_async_std,
    process_runner_on_the_shim,
    process_runner_migrated
);

// ---------------------------------------------------------------------------------------
// The migrated programs build on smol, and on async-std-compat only where the CLI's
// report says that something fell back to it.

const PROGRAMS: [&str; 10] = [
    "echo-server",
    "chat-server",
    "tcp-client",
    "udp-echo",
    "file-tools",
    "timers",
    "worker-pool",
    "request-ids",
    "async-lib",
    "process-runner",
];

/// The summary the CLI reports (`--message-format json`, dry run) for one legacy
/// program, migrated on its own from a copy.
fn migration_summary(program: &str) -> serde_json::Value {
    let legacy = workspace_root().join("examples/legacy").join(program);
    let scratch = tempfile::tempdir().unwrap();
    for relative in ["Cargo.toml", "src/main.rs", "src/lib.rs"] {
        let from = legacy.join(relative);
        if from.exists() {
            let to = scratch.path().join(relative);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(from, to).unwrap();
        }
    }
    let output = smolify(&["--message-format", "json"], scratch.path());
    assert!(output.status.success(), "cargo smolify failed on {program}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|record| record["type"] == "summary")
        .unwrap_or_else(|| panic!("no summary for {program}"))
}

#[test]
fn migrated_programs_use_the_shim_only_where_the_report_says_so() {
    for program in PROGRAMS {
        assert_migrated_exists(program);
        let summary = migration_summary(program);
        let fallbacks = summary["fallbacks"].as_u64().expect("a fallback count");
        let manifest = std::fs::read_to_string(
            workspace_root()
                .join("examples/migrated")
                .join(program)
                .join("Cargo.toml"),
        )
        .unwrap();
        let dependencies: Vec<&str> = manifest
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim()))
            .collect();
        assert!(
            dependencies.contains(&"smol"),
            "{program}: the migrated package does not depend on smol"
        );
        assert!(
            !dependencies.contains(&"async-std"),
            "{program}: the migrated package still depends on async-std"
        );
        assert_eq!(
            dependencies.contains(&"async-std-compat"),
            fallbacks > 0,
            "{program}: {fallbacks} fallbacks reported, but the manifest says:\n{manifest}"
        );
    }
}
