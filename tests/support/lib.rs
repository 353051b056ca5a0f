//! Helpers for the workspace-level tests: building the example programs, running them
//! as servers, and driving them with clients.
#![warn(missing_docs)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

/// The repository's root folder.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target folder for programs the tests build. It is not the one `cargo test` uses,
/// so that a nested build never waits on the outer build's lock.
pub fn examples_target_dir() -> PathBuf {
    workspace_root().join("target").join("examples")
}

/// A `cargo` command for a build the tests make themselves.
///
/// Such a build is made once and thrown away, so it keeps no debug info and no
/// incremental state: together the suite's nested builds compile a dozen dependency
/// graphs, and with both they once filled a CI machine's disk. The variables are
/// inherited by whatever the command runs, such as `cargo smolify`'s own `cargo check`.
pub fn nested_cargo() -> Command {
    let mut command = Command::new(env!("CARGO"));
    lean_builds(&mut command);
    command
}

/// Makes the cargo builds that `command` starts, directly or through a program such as
/// `cargo smolify`, keep no debug info and no incremental state (see [`nested_cargo`]).
pub fn lean_builds(command: &mut Command) -> &mut Command {
    command
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
}

/// Serialises the builds (and test runs) of example programs within a test process.
static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// Builds one binary package and returns the path of its executable.
///
/// `manifest` is the Cargo.toml of the workspace (or package) to build in, and `label`
/// names its target folder under [`examples_target_dir`]: programs with the same
/// binary name need different labels. Builds are serialised within the test process,
/// and cargo's own lock serialises them across processes.
pub fn build_binary(manifest: &Path, package: &str, binary: &str, label: &str) -> PathBuf {
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let target = examples_target_dir().join(label);
    let output = nested_cargo()
        .args(["build", "--quiet", "--package", package, "--bin", binary])
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cannot run cargo");
    assert!(
        output.status.success(),
        "building {package} from {} failed:\n{}",
        manifest.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let path = target
        .join("debug")
        .join(format!("{binary}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} was not built", path.display());
    path
}

/// Builds `cargo smolify` (once per test process, in the workspace's examples target
/// folder) and runs it with `args` on `folder`.
pub fn smolify(args: &[&str], folder: &Path) -> std::process::Output {
    let binary = build_binary(
        &workspace_root().join("Cargo.toml"),
        "cargo-smolify",
        "cargo-smolify",
        "workspace",
    );
    lean_builds(&mut Command::new(binary))
        .args(args)
        .arg(folder)
        .output()
        .expect("cannot run cargo-smolify")
}

/// A server process started by a test; killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// The address the server printed on its first line.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `binary` with `args`, and reads the address it listens on from the first
    /// line of its stdout.
    pub fn start(binary: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(binary)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("cannot read the server's address");
        let addr = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the first line is not an address: {line:?}"));
        Server { child, addr }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one echo client saw.
#[derive(Debug, PartialEq, Eq)]
pub struct EchoOutcome {
    /// Bytes sent.
    pub sent: usize,
    /// Whether every byte came back, in order.
    pub intact: bool,
}

/// Connects `clients` clients to an echo server at once; each sends `rounds` random
/// payloads of 1 byte to `max_payload` bytes and reads each one back before the next.
///
/// Bounded: every socket operation times out after 30 seconds.
pub fn run_echo_clients(
    addr: SocketAddr,
    clients: usize,
    rounds: usize,
    max_payload: usize,
    seed: u64,
) -> Vec<EchoOutcome> {
    let handles: Vec<_> = (0..clients)
        .map(|client| {
            let seed = seed.wrapping_add(client as u64);
            std::thread::spawn(move || echo_client(addr, rounds, max_payload, seed))
        })
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a client thread panicked"))
        .collect()
}

fn echo_client(addr: SocketAddr, rounds: usize, max_payload: usize, seed: u64) -> EchoOutcome {
    let timeout = Some(Duration::from_secs(30));
    let mut rng = fastrand::Rng::with_seed(seed);
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(30)).expect("connect");
    stream.set_read_timeout(timeout).unwrap();
    stream.set_write_timeout(timeout).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut sent = 0;
    let mut intact = true;
    for _ in 0..rounds {
        let len = rng.usize(1..=max_payload);
        let payload: Vec<u8> = std::iter::repeat_with(|| rng.u8(..)).take(len).collect();
        // Write from another thread, so that a large payload cannot fill both socket
        // buffers while this thread is not reading yet.
        let mut writer = stream.try_clone().unwrap();
        let to_send = payload.clone();
        let write = std::thread::spawn(move || writer.write_all(&to_send));
        let mut echoed = vec![0u8; len];
        let read = (&stream).read_exact(&mut echoed);
        write.join().unwrap().expect("write");
        read.expect("read the echo");
        sent += len;
        intact &= echoed == payload;
    }
    EchoOutcome { sent, intact }
}

/// async-std 1.13.2's source folder in the cargo registry (fetched if need be): its
/// `tests/` and `examples/` are the conformance suite and the reference programs.
pub fn async_std_source() -> PathBuf {
    let folder = workspace_root().join("target").join("async-std-source");
    std::fs::create_dir_all(folder.join("src")).expect("cannot create the scratch folder");
    std::fs::write(
        folder.join("Cargo.toml"),
        "[package]\nname = \"async-std-source\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[workspace]\n\n[dependencies]\nasync-std = \"=1.13.2\"\n",
    )
    .expect("cannot write the scratch manifest");
    std::fs::write(folder.join("src/lib.rs"), "").expect("cannot write the scratch crate");
    let output = nested_cargo()
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(folder.join("Cargo.toml"))
        .output()
        .expect("cannot run cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata printed JSON");
    let package = metadata["packages"]
        .as_array()
        .and_then(|packages| {
            packages
                .iter()
                .find(|p| p["name"] == "async-std" && p["version"] == "1.13.2")
        })
        .expect("async-std 1.13.2 is in the scratch crate's graph");
    let manifest = PathBuf::from(package["manifest_path"].as_str().expect("a manifest path"));
    manifest
        .parent()
        .expect("the manifest is in a folder")
        .to_path_buf()
}

/// Runs the tests of one library package with `cargo test` and returns the name of every
/// test that passed, sorted. Panics, with cargo's output, when the build or a test fails.
///
/// `manifest` and `label` are as for [`build_binary`]; the run is bounded by cargo's
/// own test harness, and the package's tests must be bounded themselves.
pub fn run_package_tests(manifest: &Path, package: &str, label: &str) -> Vec<String> {
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let output = nested_cargo()
        .args(["test", "--package", package, "--lib"])
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", examples_target_dir().join(label))
        .output()
        .expect("cannot run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "`cargo test -p {package}` in {} failed:\n{stdout}\n{}",
        manifest.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    // The harness prints `test NAME ... ok` for every test that passed.
    let mut passed: Vec<String> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test ")?.strip_suffix(" ... ok"))
        .map(str::to_string)
        .collect();
    passed.sort();
    passed
}

/// What a program showed its user: everything it printed, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr (its wording may differ between runtimes).
    pub stderr: String,
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
}

/// Waits up to `timeout` for `child` to exit; kills it and panics when it does not.
fn wait_bounded(child: &mut Child, what: &str, timeout: Duration) -> Option<i32> {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        match child.try_wait().expect("cannot wait for a child process") {
            Some(status) => return status.code(),
            None if std::time::Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not exit within {timeout:?}");
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Reads all of `source` on a thread of its own.
fn read_all_on_a_thread(mut source: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = source.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `binary` with `args`, feeding it `stdin`, and returns what it printed and its
/// exit code. Panics when it runs longer than `timeout` (after killing it).
pub fn run_program(binary: &Path, args: &[&str], stdin: &[u8], timeout: Duration) -> Outcome {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RUST_BACKTRACE")
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    // A program may exit without reading all of its input: ignore the broken pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let outcome = wait_for_outcome(child, &binary.display().to_string(), timeout);
    writer.join().expect("the stdin writer panicked");
    outcome
}

/// Waits up to `timeout` for a started `child` whose stdout and stderr are piped, reading
/// both meanwhile (so that a program printing more than a pipe holds does not stall);
/// kills it and panics when it runs longer.
pub fn wait_for_outcome(mut child: Child, what: &str, timeout: Duration) -> Outcome {
    let stdout = read_all_on_a_thread(child.stdout.take().expect("stdout is piped"));
    let stderr = read_all_on_a_thread(child.stderr.take().expect("stderr is piped"));
    let code = wait_bounded(&mut child, what, timeout);
    Outcome {
        stdout: stdout.join().expect("the stdout reader panicked"),
        stderr: stderr.join().expect("the stderr reader panicked"),
        code,
    }
}

/// A server process whose whole output is kept, for servers that exit on their own;
/// killed when dropped. The first line it prints is the address it serves on.
#[derive(Debug)]
pub struct ServerProcess {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    stderr: Option<std::thread::JoinHandle<String>>,
    /// The address the server printed on its first line.
    pub addr: SocketAddr,
}

impl ServerProcess {
    /// Starts `binary` with `args` and waits (up to 30 seconds) for its address.
    pub fn start(binary: &Path, args: &[&str]) -> ServerProcess {
        let mut child = Command::new(binary)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = read_all_on_a_thread(child.stderr.take().expect("stderr is piped"));
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let first = lines
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("{} printed no address", binary.display()));
        let addr = first
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the first line is not an address: {first:?}"));
        ServerProcess {
            child,
            lines,
            stderr: Some(stderr),
            addr,
        }
    }

    /// Waits up to `timeout` for the server to exit by itself, and returns what it
    /// printed after its address, and its exit code.
    pub fn finish(mut self, timeout: Duration) -> Outcome {
        let code = wait_bounded(&mut self.child, "the server", timeout);
        let mut stdout = String::new();
        // The process is gone: the reader thread ends at the pipe's end.
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
            stdout.push_str(&line);
            stdout.push('\n');
        }
        let stderr = self.stderr.take().expect("finish runs once");
        Outcome {
            stdout,
            stderr: stderr.join().expect("the stderr reader panicked"),
            code,
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client of a line-based TCP server, as a user at a terminal would be: it sends
/// lines and reads lines. Every read and write times out after 20 seconds.
#[derive(Debug)]
pub struct LineClient {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl LineClient {
    /// Connects to `addr`.
    pub fn connect(addr: SocketAddr) -> LineClient {
        let timeout = Duration::from_secs(20);
        let stream = TcpStream::connect_timeout(&addr, timeout).expect("connect");
        stream.set_read_timeout(Some(timeout)).unwrap();
        stream.set_write_timeout(Some(timeout)).unwrap();
        stream.set_nodelay(true).unwrap();
        let writer = stream.try_clone().unwrap();
        LineClient {
            reader: BufReader::new(stream),
            writer,
        }
    }

    /// Sends `line` and a newline.
    pub fn send(&mut self, line: &str) {
        self.writer
            .write_all(format!("{line}\n").as_bytes())
            .expect("send a line");
    }

    /// The next line the server sends, without its newline; `None` when the server
    /// closed the connection. Panics on a timeout.
    pub fn read_line(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => None,
            Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_string()),
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => None,
            Err(error) => panic!("reading a line: {error}"),
        }
    }

    /// The next line, which must be there.
    pub fn expect_line(&mut self) -> String {
        self.read_line()
            .expect("the server closed the connection early")
    }

    /// Every line until the server closes the connection (at most 10 000).
    pub fn read_to_end(&mut self) -> Vec<String> {
        let mut lines = Vec::new();
        while let Some(line) = self.read_line() {
            lines.push(line);
            assert!(lines.len() <= 10_000, "the server does not stop talking");
        }
        lines
    }
}
