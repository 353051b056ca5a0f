//! Writing a plan to disk: each file through a temporary file in its own folder, then a
//! rename, so that a file is always either wholly old or wholly new.

use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::Plan;

/// Replaces `path`'s content with `text` atomically, keeping its permissions. Where
/// `path` is a symbolic link, the file it points to is replaced and the link stays.
///
/// The text is written as given: line endings and a byte-order mark are the plan's
/// business (its edits follow the file's own).
///
/// A read-only file is not replaced (an error of kind `PermissionDenied`): the rename
/// needs only the folder to be writable, and would otherwise overwrite a file its owner
/// protected, even as root.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let resolved;
    let path = if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    if permissions.readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
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

/// Writes every change of `plan` that can be written; returns an error diagnostic for
/// each file that cannot be (read-only, in a read-only folder, gone), which is left as
/// it was. The other files are written all the same, each wholly new.
pub fn write(plan: &Plan) -> Vec<Diagnostic> {
    plan.changes
        .iter()
        .filter_map(|change| {
            write_atomically(&change.path, &change.migrated)
                .err()
                .map(|error| {
                    Diagnostic::file_level(
                        &change.path,
                        Severity::Error,
                        "write",
                        format!("cannot write the migrated file ({error}); it is left as it was"),
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_kept_and_no_temporary_file_is_left() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("run.rs");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o754)).unwrap();
        }
        write_atomically(&path, "new\r\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o754);
        }
        let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the file itself");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_not_replaced_even_by_root() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("locked.rs");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let error = write_atomically(&path, "new").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link() {
        let folder = tempfile::tempdir().unwrap();
        let real = folder.path().join("real.rs");
        let link = folder.path().join("link.rs");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
