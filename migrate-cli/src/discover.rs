//! Finding the files to migrate: every `.rs` file and `Cargo.toml` under a folder,
//! skipping `target/`, hidden folders and whatever `.gitignore` excludes.

use std::io;
use std::path::{Path, PathBuf};

/// What was found under the path the user gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Files {
    /// Rust sources, sorted.
    pub sources: Vec<PathBuf>,
    /// Cargo manifests, sorted.
    pub manifests: Vec<PathBuf>,
}

/// Lists the files to migrate under `root`: a folder, a `.rs` file or a `Cargo.toml`.
///
/// Symbolic links are not followed, so a link that points outside `root` is never
/// migrated.
pub fn discover(root: &Path) -> io::Result<Files> {
    let metadata = std::fs::metadata(root)?;
    let mut files = Files::default();
    if metadata.is_file() {
        if root.file_name().is_some_and(|name| name == "Cargo.toml") {
            files.manifests.push(root.to_path_buf());
        } else {
            files.sources.push(root.to_path_buf());
        }
        return Ok(files);
    }
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .filter_entry(|entry| entry.file_name() != "target")
        .build();
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_some_and(|kind| kind.is_file()) {
            continue;
        }
        let path = entry.into_path();
        // `./src/main.rs` -> `src/main.rs`, as a user (and `git apply`) writes it.
        let path = match path.strip_prefix(".") {
            Ok(rest) => rest.to_path_buf(),
            Err(_) => path,
        };
        if path.file_name().is_some_and(|name| name == "Cargo.toml") {
            files.manifests.push(path);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.sources.push(path);
        }
    }
    files.sources.sort();
    files.manifests.sort();
    Ok(files)
}

/// The manifest that owns `source`: the nearest `Cargo.toml` among `manifests` in a
/// folder above it.
pub fn owning_manifest<'m>(source: &Path, manifests: &'m [PathBuf]) -> Option<&'m Path> {
    manifests
        .iter()
        .filter(|manifest| {
            manifest
                .parent()
                .is_some_and(|folder| source.starts_with(folder))
        })
        .max_by_key(|manifest| manifest.components().count())
        .map(PathBuf::as_path)
}
