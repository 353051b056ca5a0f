//! Runs commands one after the other, streams each one's stdout line by line with a
//! prefix, and reports how it ended.
//!
//! Usage: `process-runner COMMAND [COMMAND...]`, each COMMAND one argument that
//! `sh -c` runs. Prints `[N] line` for every line command N writes, then
//! `[N] exit: CODE`, and finally a summary. Exits with the number of commands that
//! failed (0 when all succeeded).

use async_std::io::{self, BufReader};
use async_std::prelude::*;
use async_std::process::{Command, Stdio};

#[async_std::main]
async fn main() -> io::Result<()> {
    let commands: Vec<String> = std::env::args().skip(1).collect();
    if commands.is_empty() {
        eprintln!("usage: process-runner COMMAND [COMMAND...]");
        std::process::exit(2);
    }

    let mut failed = 0;
    for (number, command) in commands.iter().enumerate() {
        let number = number + 1;
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(command)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()?;

        // Read the output while the child runs, line by line.
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let mut count = 0;
        while let Some(line) = lines.next().await {
            println!("[{number}] {}", line?);
            count += 1;
        }

        let status = child.status().await?;
        match status.code() {
            Some(code) => println!("[{number}] exit: {code} after {count} lines"),
            None => println!("[{number}] killed by a signal after {count} lines"),
        }
        if !status.success() {
            failed += 1;
        }
    }

    // The same, the short way: run one more command and take all its output at once.
    let output = Command::new("sh")
        .arg("-c")
        .arg("echo done")
        .output()
        .await?;
    print!("{}", String::from_utf8_lossy(&output.stdout));

    println!("{} commands, {failed} failed", commands.len());
    std::process::exit(failed);
}
