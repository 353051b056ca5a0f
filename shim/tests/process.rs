//! `process` (unstable): async-process's types, re-exported as async-std does.
#![cfg(all(unix, feature = "unstable"))]

use std::io::ErrorKind;
use std::time::Duration;

use async_std_compat::io;
use async_std_compat::os::unix::process::CommandExt;
use async_std_compat::prelude::*;
use async_std_compat::process::{Command, ExitStatus, Stdio};
use async_std_compat::task;

const TIMEOUT: Duration = Duration::from_secs(20);

/// Fails the test with `TimedOut` instead of hanging when `f` does not finish in time.
async fn bounded<T>(f: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    async_std_compat::future::timeout(TIMEOUT, f)
        .await
        .map_err(|_| io::Error::new(ErrorKind::TimedOut, "test timed out"))?
}

#[test]
fn output_captures_stdout_and_stderr() -> io::Result<()> {
    task::block_on(async {
        let output = bounded(
            Command::new("sh")
                .arg("-c")
                .arg("echo out; echo err >&2; exit 3")
                .output(),
        )
        .await?;
        assert_eq!(output.stdout, b"out\n");
        assert_eq!(output.stderr, b"err\n");
        assert!(!output.status.success());
        assert_eq!(output.status.code(), Some(3));
        Ok(())
    })
}

#[test]
fn status_reports_the_exit_code() -> io::Result<()> {
    task::block_on(async {
        let status: ExitStatus = bounded(Command::new("true").status()).await?;
        assert!(status.success());
        let status = bounded(Command::new("false").status()).await?;
        assert_eq!(status.code(), Some(1));
        Ok(())
    })
}

#[test]
fn piped_stdin_to_stdout() -> io::Result<()> {
    task::block_on(async {
        let mut child = Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        assert!(child.id() > 0);

        let mut stdin = child.stdin.take().expect("stdin is piped");
        stdin.write_all(b"through cat\n").await?;
        stdin.flush().await?;
        drop(stdin);

        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut text = String::new();
        bounded(stdout.read_to_string(&mut text)).await?;
        assert_eq!(text, "through cat\n");
        assert!(bounded(child.status()).await?.success());
        Ok(())
    })
}

#[test]
fn env_and_current_dir_reach_the_child() -> io::Result<()> {
    task::block_on(async {
        let dir = std::env::temp_dir().canonicalize()?;
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("printf '%s %s' \"$SHIM_TEST_VAR\" \"$(pwd -P)\"")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SHIM_TEST_VAR", "value")
            .current_dir(&dir);
        let output = bounded(command.output()).await?;
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            format!("value {}", dir.display())
        );
        Ok(())
    })
}

#[test]
fn kill_and_try_status() -> io::Result<()> {
    task::block_on(async {
        let mut child = Command::new("sleep").arg("30").spawn()?;
        assert!(child.try_status()?.is_none());
        child.kill()?;
        let status = bounded(child.status()).await?;
        assert!(!status.success());
        assert_eq!(status.code(), None, "killed by a signal");
        Ok(())
    })
}

#[test]
fn arg0_sets_the_childs_argv0() -> io::Result<()> {
    task::block_on(async {
        let output = bounded(
            Command::new("sh")
                .arg0("renamed")
                .arg("-c")
                .arg("printf %s \"$0\"")
                .output(),
        )
        .await?;
        assert_eq!(output.stdout, b"renamed");
        Ok(())
    })
}

#[test]
fn missing_program_is_not_found() {
    let error = Command::new("/nonexistent/shim-test-program")
        .spawn()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[test]
fn std_command_converts() -> io::Result<()> {
    task::block_on(async {
        let mut std_command = std::process::Command::new("echo");
        std_command.arg("converted");
        let output = bounded(Command::from(std_command).output()).await?;
        assert_eq!(output.stdout, b"converted\n");
        Ok(())
    })
}

#[test]
fn process_id_is_this_process() {
    assert_eq!(async_std_compat::process::id(), std::process::id());
}
