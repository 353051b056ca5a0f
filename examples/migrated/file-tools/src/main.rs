//! Two file tools in one program.
//!
//! - `file-tools count DIR`: counts the lines of every file under DIR (subfolders
//!   included) and prints `path: N` per file, sorted by path, then `total: N`.
//! - `file-tools copy SRC DST [--append]`: copies SRC to DST, creating or truncating
//!   DST (or appending to it with `--append`), and prints how many bytes it copied.

use smol::{fs, fs::{File, OpenOptions}};
use smol::{io, io::{BufReader, BufWriter}};
use std::path::{Path, PathBuf};
use smol::prelude::*;

fn main() -> io::Result<()> {
    smol::block_on(async {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["count", dir] => count(Path::new(dir)).await,
            ["copy", from, to] => copy(Path::new(from), Path::new(to), false).await,
            ["copy", from, to, "--append"] => copy(Path::new(from), Path::new(to), true).await,
            _ => {
                eprintln!("usage: file-tools count DIR | file-tools copy SRC DST [--append]");
                std::process::exit(2);
            }
        }
    })
}

/// Prints the line count of every file under `root`.
async fn count(root: &Path) -> io::Result<()> {
    if !smol::fs::metadata(&root).await.map_or(false, |m| m.is_dir()) {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{} is not a folder", root.display()),
        ));
    }
    let mut files = Vec::new();
    collect_files(root, &mut files).await?;
    // read_dir's order depends on the file system; sort for a stable report.
    files.sort();

    let mut total = 0;
    for file in &files {
        let lines = count_lines(file).await?;
        let relative = file.strip_prefix(root).unwrap_or(file);
        println!("{}: {lines}", relative.display());
        total += lines;
    }
    println!("total: {total} lines in {} files", files.len());
    Ok(())
}

/// Walks the tree under `folder` without recursion (async fns cannot recurse without
/// boxing), pushing every file it finds.
async fn collect_files(folder: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut pending = vec![folder.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let mut entries = fs::read_dir(&folder).await?;
        while let Some(entry) = entries.next().await {
            let path = entry?.path();
            if smol::fs::metadata(&path).await.map_or(false, |m| m.is_dir()) {
                pending.push(path);
            } else if smol::fs::metadata(&path).await.map_or(false, |m| m.is_file()) {
                files.push(path);
            }
        }
    }
    Ok(())
}

async fn count_lines(path: &Path) -> io::Result<usize> {
    let file = File::open(path).await?;
    let mut lines = BufReader::new(file).lines();
    let mut count = 0;
    while let Some(line) = lines.next().await {
        line?; // a file that is not UTF-8 is an error, not a count
        count += 1;
    }
    Ok(count)
}

/// Copies `from` into `to` through a buffered writer.
async fn copy(from: &Path, to: &Path, append: bool) -> io::Result<()> {
    let mut source = File::open(from).await?;
    let target = OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(to)
        .await?;
    let mut writer = BufWriter::new(target);
    let copied = io::copy(&mut source, &mut writer).await?;
    // The buffer holds the tail of the file until it is flushed.
    writer.flush().await?;
    let size = fs::metadata(to).await?.len();
    println!(
        "copied {copied} bytes; {} is now {size} bytes",
        display_name(to)
    );
    Ok(())
}

/// The file name alone, so that the output does not depend on where the file lives.
fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
