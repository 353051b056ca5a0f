//! Writing a plan to disk: each file through a temporary file in its own folder, then a
//! rename, so that a file is always either wholly old or wholly new.

use std::io::{self, Write};
use std::path::Path;

use crate::plan::Plan;

/// Replaces `path`'s content with `text` atomically, keeping its permissions.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".smolify-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Writes every change of `plan`, stopping at the first file that cannot be written.
pub fn write(plan: &Plan) -> io::Result<()> {
    for change in &plan.changes {
        write_atomically(&change.path, &change.migrated).map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("cannot write {}: {error}", change.path.display()),
            )
        })?;
    }
    Ok(())
}
