//! Shared helpers of the smolify benchmarks: where things are, building the programs
//! under test, starting servers, statistics and markdown.
//!
//! Every binary of this package writes its results to `<target>/bench-results/`
//! (`NAME.md` with its markdown section, `NAME.json` with the raw numbers); `bench-all`
//! runs them in turn and assembles `docs/performance.md` from those files.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub mod echo_client;

/// The root of the smolify workspace.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ has a parent")
        .to_path_buf()
}

/// The cargo target folder these binaries were built into (`<target>/release/NAME`).
pub fn target_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CARGO_TARGET_DIR") {
        let dir = PathBuf::from(dir);
        return if dir.is_absolute() {
            dir
        } else {
            workspace_root().join(dir)
        };
    }
    let exe = std::env::current_exe().expect("the path of this program");
    exe.parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/<profile>/")
        .to_path_buf()
}

/// Where the benchmarks leave their results.
pub fn results_dir() -> PathBuf {
    let dir = target_dir().join("bench-results");
    std::fs::create_dir_all(&dir).expect("cannot create the results folder");
    dir
}

/// Whether `--quick` (a short smoke run) was given.
pub fn quick() -> bool {
    std::env::args().any(|arg| arg == "--quick")
}

/// Writes `NAME.md` and `NAME.json` into the results folder.
pub fn save_results(name: &str, markdown: &str, json: &serde_json::Value) {
    let dir = results_dir();
    std::fs::write(dir.join(format!("{name}.md")), markdown).expect("cannot write results");
    std::fs::write(
        dir.join(format!("{name}.json")),
        serde_json::to_string_pretty(json).expect("json"),
    )
    .expect("cannot write results");
}

/// Runs `cargo build --release` of `package` in the workspace of `manifest`, into
/// `target`, and returns the path of the binary `bin`.
pub fn cargo_build(manifest: &Path, package: &str, bin: &str, target: &Path) -> PathBuf {
    let status = Command::new(cargo())
        .args(["build", "--release", "--quiet", "-p", package, "--bin", bin])
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cannot run cargo");
    assert!(
        status.success(),
        "cargo build of {package} ({}) failed",
        manifest.display()
    );
    target.join("release").join(bin)
}

/// The cargo that runs us, or `cargo`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// A server process under test; killed (by its pid) when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// The address from its first line on stdout.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `program` with `127.0.0.1:0` as its argument and `env` set, and reads the
    /// address it is listening on from its first stdout line (10 s at most).
    pub fn start(program: &Path, env: &[(String, String)]) -> Server {
        let mut command = Command::new(program);
        command
            .arg("127.0.0.1:0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        // Each variant says its own thread count; nothing leaks in from our caller.
        command.env_remove("SMOL_THREADS");
        command.env_remove("ASYNC_STD_THREAD_COUNT");
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", program.display()));
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = sender.send(line);
            // Keep reading so that the server never blocks on a full pipe.
            let mut sink = String::new();
            while reader.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
                sink.clear();
            }
        });
        let line = match receiver.recv_timeout(Duration::from_secs(10)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{} did not print its address in 10 s", program.display());
            }
        };
        let addr: SocketAddr = line.trim().parse().unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("{} printed {line:?}, not an address", program.display())
        });
        assert!(addr.ip().is_loopback(), "servers listen on 127.0.0.1 only");
        Server { child, addr }
    }

    /// The server's resident memory in KiB (`VmRSS` of `/proc/<pid>/status`).
    pub fn rss_kib(&self) -> u64 {
        rss_kib(self.child.id())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `VmRSS` of the process `pid`, in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Median, minimum and maximum of some samples.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Stats {
    /// The median.
    pub median: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
}

impl Stats {
    /// The statistics of `samples` (all zero when there are none).
    pub fn of(samples: &[f64]) -> Stats {
        if samples.is_empty() {
            return Stats::default();
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(|a, b| a.total_cmp(b));
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Stats {
            median,
            min: sorted[0],
            max: sorted[n - 1],
        }
    }

    /// The spread as `±x%`: half the range over the median.
    pub fn spread(&self) -> String {
        if self.median == 0.0 {
            return "-".to_string();
        }
        format!(
            "±{:.1}%",
            (self.max - self.min) / 2.0 / self.median.abs() * 100.0
        )
    }
}

/// A markdown table.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        headers
            .iter()
            .enumerate()
            .map(|(i, _)| if i == 0 { "---|" } else { "---:|" })
            .collect::<String>()
    );
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out
}

/// A number with thousands separators, rounded.
#[allow(clippy::manual_is_multiple_of)] // is_multiple_of needs Rust 1.87; the MSRV is 1.85
pub fn thousands(value: f64) -> String {
    let rounded = value.round() as i64;
    let digits = rounded.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A verdict for a target: `met` or `MISSED`.
pub fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**MISSED**"
    }
}

/// The machine the numbers come from, as one line.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).trim().to_string())
        .unwrap_or_else(|| "unknown CPU".to_string());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kib: u64 = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{cores} cores (nproc), {model}, {:.1} GiB RAM, Linux {}",
        mem_kib as f64 / 1024.0 / 1024.0,
        kernel.trim()
    )
}

/// The date and time, as `date -u` prints it.
pub fn date() -> String {
    Command::new("date")
        .arg("-u")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .unwrap_or_default()
}

/// The load average (`/proc/loadavg`: 1, 5 and 15 minutes).
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number of cores.
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Raises the soft limit on open files to the hard limit (2,000 idle connections need
/// 2,000 descriptors on each side); the servers we start inherit it.
pub fn raise_fd_limit() {
    let output = Command::new("sh").args(["-c", "ulimit -Hn"]).output();
    let hard: Option<u64> = output
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse().ok());
    // Without libc: prlimit(1) on our own pid, when it is there.
    if let Some(hard) = hard {
        let _ = Command::new("prlimit")
            .arg(format!("--pid={}", std::process::id()))
            .arg(format!("--nofile={hard}:{hard}"))
            .stderr(Stdio::null())
            .status();
    }
}

/// Seconds since `start`.
pub fn secs_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}
