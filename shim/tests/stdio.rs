//! stdin, stdout, stderr and the print macros, seen from outside the process: each test
//! runs this test binary again as a child (one ignored `child_*` test, selected with
//! `--exact --ignored` and marked by an environment variable), and looks at what the
//! child's stdout and stderr received.
//!
//! The point of interest is async-std's guarantee that smol's `Unblock<Stdout>` lacks:
//! bytes written with `write_all` and never flushed still reach the terminal when the
//! program ends.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use async_std_compat::io::{self, ReadExt, WriteExt};
use async_std_compat::task;

/// Set in the child's environment: the `child_*` tests do their work only when it is.
const CHILD: &str = "SMOLIFY_STDIO_CHILD";

fn is_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// What a child process left on its standard streams.
struct Output {
    success: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs the test `name` of this binary in a child process with `input` on its stdin,
/// and waits for it (at most 60 seconds; the child is killed after that).
fn run_child(name: &str, input: &[u8]) -> Output {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // The child may exit before reading it all: ignore a broken pipe.
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).unwrap();
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stderr.read_to_end(&mut buf).unwrap();
        buf
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("child {name} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    writer.join().unwrap();
    Output {
        success: status.success(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The bytes the child writes to stdout: many lines, then a tail with no newline
/// (which std's line-buffered `Stdout` keeps until it is flushed).
fn stdout_payload() -> Vec<u8> {
    let mut payload = Vec::new();
    for i in 0..3000 {
        payload.extend_from_slice(format!("stdout line {i:05}\n").as_bytes());
    }
    payload.extend_from_slice(b"stdout tail without newline");
    payload
}

fn stderr_payload() -> Vec<u8> {
    let mut payload = Vec::new();
    for i in 0..500 {
        payload.extend_from_slice(format!("stderr line {i:05}\n").as_bytes());
    }
    payload.extend_from_slice(b"stderr tail");
    payload
}

#[test]
#[ignore = "a child process of another test runs it"]
fn child_writes_without_flush() {
    if !is_child() {
        return;
    }
    task::block_on(async {
        let mut stdout = io::stdout();
        let payload = stdout_payload();
        // Several handles and several writes, none flushed.
        let (head, tail) = payload.split_at(payload.len() / 2);
        stdout.write_all(head).await.unwrap();
        io::stdout().write_all(tail).await.unwrap();
        let mut stderr = io::stderr();
        stderr.write_all(&stderr_payload()).await.unwrap();
    });
    // Leave at once, as a `main` that returns does (std's exit path flushes std's
    // own buffers, and nothing else).
    std::process::exit(0);
}

#[test]
fn unflushed_stdout_and_stderr_reach_the_parent() {
    if is_child() {
        return;
    }
    for _ in 0..3 {
        let output = run_child("child_writes_without_flush", b"");
        assert!(
            output.success,
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            contains(&output.stdout, &stdout_payload()),
            "stdout lost bytes: got {} bytes",
            output.stdout.len()
        );
        assert!(
            contains(&output.stderr, &stderr_payload()),
            "stderr lost bytes: got {} bytes",
            output.stderr.len()
        );
    }
}

#[test]
#[ignore = "a child process of another test runs it"]
fn child_echoes_stdin() {
    if !is_child() {
        return;
    }
    task::block_on(async {
        let stdin = io::stdin();
        let mut first = String::new();
        let n = stdin.read_line(&mut first).await.unwrap();
        let mut second = String::new();
        stdin.read_line(&mut second).await.unwrap();
        // Read for Stdin: the rest, to the end.
        let mut rest = Vec::new();
        let mut reader = io::stdin();
        reader.read_to_end(&mut rest).await.unwrap();
        let mut end = String::new();
        let at_end = stdin.read_line(&mut end).await.unwrap();
        let report = format!(
            "first={first:?} n={n} second={second:?} rest={:?} at_end={at_end}\n",
            String::from_utf8_lossy(&rest)
        );
        io::stdout().write_all(report.as_bytes()).await.unwrap();
    });
    std::process::exit(0);
}

#[test]
fn stdin_read_line_and_read() {
    if is_child() {
        return;
    }
    let output = run_child("child_echoes_stdin", b"hello\nworld\nthe rest\nof it");
    assert!(
        output.success,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected =
        "first=\"hello\\n\" n=6 second=\"world\\n\" rest=\"the rest\\nof it\" at_end=0\n";
    assert!(
        contains(&output.stdout, expected.as_bytes()),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
#[ignore = "a child process of another test runs it"]
fn child_reads_invalid_utf8_line() {
    if !is_child() {
        return;
    }
    task::block_on(async {
        let mut line = String::new();
        let error = io::stdin().read_line(&mut line).await.unwrap_err();
        let source = std::error::Error::source(error.get_ref().unwrap()).map(|s| s.to_string());
        let report = format!(
            "kind={:?} message={error} source={source:?}\n",
            error.kind()
        );
        io::stdout().write_all(report.as_bytes()).await.unwrap();
    });
    std::process::exit(0);
}

#[test]
fn stdin_read_line_error_is_wrapped_like_async_std() {
    if is_child() {
        return;
    }
    let output = run_child("child_reads_invalid_utf8_line", b"\xff\xfe\n");
    assert!(
        output.success,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("kind=InvalidData message=could not read line on stdin source=Some("),
        "{text}"
    );
}

#[cfg(feature = "unstable")]
#[test]
#[ignore = "a child process of another test runs it"]
fn child_prints_with_macros() {
    if !is_child() {
        return;
    }
    task::block_on(async {
        let name = "macros";
        async_std_compat::print!("print:{name};").await;
        async_std_compat::println!("println:{}", 1).await;
        async_std_compat::println!().await;
        async_std_compat::eprint!("eprint:{name};").await;
        async_std_compat::eprintln!("eprintln:{}", 2).await;
        async_std_compat::eprintln!().await;
        // Never awaited: prints nothing, as in async-std.
        drop(async_std_compat::println!("unawaited"));
        task::spawn(async_std_compat::print!("spawned tail")).await;
    });
    std::process::exit(0);
}

#[cfg(feature = "unstable")]
#[test]
fn print_macros_write_to_the_standard_streams() {
    if is_child() {
        return;
    }
    let output = run_child("child_prints_with_macros", b"");
    assert!(
        output.success,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("print:macros;println:1\n\nspawned tail"),
        "{stdout}"
    );
    assert!(!stdout.contains("unawaited"), "{stdout}");
    assert!(stderr.contains("eprint:macros;eprintln:2\n\n"), "{stderr}");
}

#[test]
fn handles_expose_their_file_descriptors() {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        assert_eq!(io::stdin().as_raw_fd(), 0);
        assert_eq!(io::stdout().as_raw_fd(), 1);
        assert_eq!(io::stderr().as_raw_fd(), 2);
    }
    assert!(format!("{:?}", io::stdout()).starts_with("Stdout"));
    assert!(format!("{:?}", io::stderr()).starts_with("Stderr"));
    assert!(format!("{:?}", io::stdin()).starts_with("Stdin"));
}
