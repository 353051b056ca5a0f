//! Commands run with a time bound: each in a process group of its own, so that a
//! command over its time is ended together with everything it started (cargo's rustc
//! processes, test binaries and their children).

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// How a bounded command ended.
#[derive(Debug, Clone)]
pub struct Finished {
    /// Its exit code; `None` when a signal (or the time bound) ended it.
    pub code: Option<i32>,
    /// Everything it printed on stdout.
    pub stdout: String,
    /// Everything it printed on stderr.
    pub stderr: String,
    /// Whether it was ended because it ran past its time.
    pub timed_out: bool,
    /// How long it ran.
    pub elapsed: Duration,
}

impl Finished {
    /// Whether it exited with 0.
    pub fn success(&self) -> bool {
        self.code == Some(0) && !self.timed_out
    }
}

/// Runs `command` for at most `limit`; its output goes to files in `scratch` (so that
/// a chatty command never blocks on a full pipe) and is read back afterwards.
pub fn run_bounded(
    mut command: Command,
    limit: Duration,
    scratch: &Path,
) -> anyhow::Result<Finished> {
    std::fs::create_dir_all(scratch)?;
    let stdout_path = scratch.join("stdout.log");
    let stderr_path = scratch.join("stderr.log");
    let stdout = std::fs::File::create(&stdout_path)?;
    let stderr = std::fs::File::create(&stderr_path)?;
    command
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .process_group(0);
    let started = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {command:?}"))?;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() >= limit {
            timed_out = true;
            kill_group(child.id());
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    // Whatever the command left running in its group (a test's stray server) goes too.
    kill_group(child.id());
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    };
    Ok(Finished {
        code: if timed_out { None } else { status.code() },
        stdout: read(&stdout_path),
        stderr: read(&stderr_path),
        timed_out,
        elapsed: started.elapsed(),
    })
}

/// Sends SIGKILL to the process group `id`.
fn kill_group(id: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{id}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}
