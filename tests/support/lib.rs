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

/// Builds one binary package and returns the path of its executable.
///
/// `manifest` is the Cargo.toml of the workspace (or package) to build in, and `label`
/// names its target folder under [`examples_target_dir`]: programs with the same
/// binary name need different labels. Builds are serialised within the test process,
/// and cargo's own lock serialises them across processes.
pub fn build_binary(manifest: &Path, package: &str, binary: &str, label: &str) -> PathBuf {
    static BUILD_LOCK: Mutex<()> = Mutex::new(());
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let target = examples_target_dir().join(label);
    let output = Command::new(env!("CARGO"))
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
    let output = Command::new(env!("CARGO"))
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
