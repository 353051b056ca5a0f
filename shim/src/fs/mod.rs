//! Filesystem manipulation operations: async-std's `fs` module.
//!
//! Every operation runs the corresponding `std::fs` call on the blocking thread pool, so
//! the executor threads never block on the disk. As in async-std:
//!
//! - paths are taken as `impl AsRef<`[`Path`]`>` (the shim's path type, which std's
//!   paths and strings also convert to) and returned as the shim's [`PathBuf`];
//! - errors keep their [`ErrorKind`](crate::io::ErrorKind), but most carry a message
//!   naming the operation and the path, such as ``could not open `/nonexistent/x` ``,
//!   with the operating system's error as their [`source`](std::error::Error::source);
//! - a [`File`] buffers writes and **flushes when dropped**, so a write followed by a
//!   drop never loses data (async-fs's `File` would);
//! - a [`File`] is `Clone`, and `&File` reads, writes and seeks too.
//!
//! ```
//! use async_std_compat::fs;
//! use async_std_compat::prelude::*;
//!
//! # async_std_compat::task::block_on(async {
//! let dir = std::env::temp_dir().join(format!("shim-fs-doc-{}", std::process::id()));
//! fs::create_dir_all(&dir).await?;
//! let path = dir.join("hello.txt");
//!
//! let mut file = fs::File::create(&path).await?;
//! file.write_all(b"Hello, world!").await?;
//! drop(file); // flushes
//!
//! assert_eq!(fs::read_to_string(&path).await?, "Hello, world!");
//! fs::remove_dir_all(&dir).await?;
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

use crate::io;
use crate::path::{Path, PathBuf};
use crate::task::{spawn_blocking, JoinHandle};

mod dir_builder;
mod dir_entry;
mod file;
mod open_options;
mod read_dir;

pub use dir_builder::DirBuilder;
pub use dir_entry::DirEntry;
pub use file::File;
pub use open_options::OpenOptions;
pub use read_dir::ReadDir;

#[doc(inline)]
pub use std::fs::{FileType, Metadata, Permissions};

pub(crate) use crate::io::utils::wrap as with_context;

/// Runs `op` on `path` on the blocking pool, wrapping its error with
/// "`what` `path`" when `what` is given.
fn on_path<T, F>(path: &Path, what: Option<&'static str>, op: F) -> JoinHandle<io::Result<T>>
where
    T: Send + 'static,
    F: FnOnce(&std::path::Path) -> io::Result<T> + Send + 'static,
{
    let path = path.to_path_buf();
    spawn_blocking(move || {
        let std_path: &std::path::Path = path.as_ref();
        op(std_path).map_err(|error| match what {
            Some(what) => with_context(error, format!("{what} `{}`", path.display())),
            None => error,
        })
    })
}

/// Runs `op` on two paths on the blocking pool, wrapping its error with
/// "`what` `from` `join` `to`".
fn on_paths<T, F>(
    from: &Path,
    to: &Path,
    what: &'static str,
    join: &'static str,
    op: F,
) -> JoinHandle<io::Result<T>>
where
    T: Send + 'static,
    F: FnOnce(&std::path::Path, &std::path::Path) -> io::Result<T> + Send + 'static,
{
    let from = from.to_path_buf();
    let to = to.to_path_buf();
    spawn_blocking(move || {
        op(from.as_ref(), to.as_ref()).map_err(|error| {
            let message = format!("{what} `{}` {join} `{}`", from.display(), to.display());
            with_context(error, message)
        })
    })
}

/// Returns the canonical, absolute form of a path, with every intermediate component
/// normalized and every symbolic link resolved.
///
/// Errors if the path does not exist (message ``could not canonicalize `...` ``).
///
/// ```no_run
/// use async_std_compat::fs;
/// use async_std_compat::path::PathBuf;
///
/// # async_std_compat::task::block_on(async {
/// let path: PathBuf = fs::canonicalize(".").await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn canonicalize<P: AsRef<Path>>(path: P) -> io::Result<PathBuf> {
    on_path(path.as_ref(), Some("could not canonicalize"), |path| {
        std::fs::canonicalize(path).map(PathBuf::from)
    })
    .await
}

/// Copies the contents and permissions of the file `from` to the file `to`, replacing
/// `to`'s contents if it exists; returns the number of bytes copied.
///
/// Errors with the message ``could not copy `from` to `to` ``.
///
/// ```no_run
/// use async_std_compat::fs;
///
/// # async_std_compat::task::block_on(async {
/// let num_bytes = fs::copy("a.txt", "b.txt").await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn copy<P: AsRef<Path>, Q: AsRef<Path>>(from: P, to: Q) -> io::Result<u64> {
    on_paths(
        from.as_ref(),
        to.as_ref(),
        "could not copy",
        "to",
        |from, to| std::fs::copy(from, to),
    )
    .await
}

/// Creates a new, empty directory; its parent must exist.
///
/// Errors with the message ``could not create directory `...` ``.
pub async fn create_dir<P: AsRef<Path>>(path: P) -> io::Result<()> {
    on_path(path.as_ref(), Some("could not create directory"), |path| {
        std::fs::create_dir(path)
    })
    .await
}

/// Creates a directory and any missing parents; succeeds if it already exists.
///
/// Errors with the message ``could not create directory path `...` ``.
pub async fn create_dir_all<P: AsRef<Path>>(path: P) -> io::Result<()> {
    on_path(
        path.as_ref(),
        Some("could not create directory path"),
        |path| std::fs::create_dir_all(path),
    )
    .await
}

/// Creates a hard link at `to` pointing at the file `from`.
///
/// Errors with the message ``could not create a hard link from `from` to `to` ``.
pub async fn hard_link<P: AsRef<Path>, Q: AsRef<Path>>(from: P, to: Q) -> io::Result<()> {
    on_paths(
        from.as_ref(),
        to.as_ref(),
        "could not create a hard link from",
        "to",
        |from, to| std::fs::hard_link(from, to),
    )
    .await
}

/// Reads the metadata of a file or directory, following symbolic links.
///
/// Its errors are std's, without an added message, as in async-std.
///
/// ```no_run
/// use async_std_compat::fs;
///
/// # async_std_compat::task::block_on(async {
/// let perm = fs::metadata("a.txt").await?.permissions();
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn metadata<P: AsRef<Path>>(path: P) -> io::Result<Metadata> {
    on_path(path.as_ref(), None, |path| std::fs::metadata(path)).await
}

/// Reads the whole contents of a file as bytes.
///
/// Errors with the message ``could not read file `...` ``.
///
/// ```no_run
/// use async_std_compat::fs;
///
/// # async_std_compat::task::block_on(async {
/// let contents: Vec<u8> = fs::read("a.txt").await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn read<P: AsRef<Path>>(path: P) -> io::Result<Vec<u8>> {
    on_path(path.as_ref(), Some("could not read file"), |path| {
        std::fs::read(path)
    })
    .await
}

/// Opens a directory for reading its entries, as a [`ReadDir`] stream of
/// [`DirEntry`]s (in no particular order, without `.` and `..`).
///
/// Errors with the message ``could not read directory `...` ``.
///
/// ```no_run
/// use async_std_compat::fs;
/// use async_std_compat::prelude::*;
///
/// # async_std_compat::task::block_on(async {
/// let mut entries = fs::read_dir(".").await?;
/// while let Some(entry) = entries.next().await {
///     let entry = entry?;
///     println!("{}", entry.file_name().to_string_lossy());
/// }
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn read_dir<P: AsRef<Path>>(path: P) -> io::Result<ReadDir> {
    on_path(path.as_ref(), Some("could not read directory"), |path| {
        std::fs::read_dir(path)
    })
    .await
    .map(ReadDir::new)
}

/// Reads where a symbolic link points.
///
/// Errors with the message ``could not read link `...` ``.
pub async fn read_link<P: AsRef<Path>>(path: P) -> io::Result<PathBuf> {
    on_path(path.as_ref(), Some("could not read link"), |path| {
        std::fs::read_link(path).map(PathBuf::from)
    })
    .await
}

/// Reads the whole contents of a file as a UTF-8 string; invalid UTF-8 is an
/// [`InvalidData`](io::ErrorKind::InvalidData) error.
///
/// Errors with the message ``could not read file `...` ``.
///
/// ```no_run
/// use async_std_compat::fs;
///
/// # async_std_compat::task::block_on(async {
/// let contents: String = fs::read_to_string("a.txt").await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn read_to_string<P: AsRef<Path>>(path: P) -> io::Result<String> {
    on_path(path.as_ref(), Some("could not read file"), |path| {
        std::fs::read_to_string(path)
    })
    .await
}

/// Removes an empty directory.
///
/// Errors with the message ``could not remove directory `...` ``.
pub async fn remove_dir<P: AsRef<Path>>(path: P) -> io::Result<()> {
    on_path(path.as_ref(), Some("could not remove directory"), |path| {
        std::fs::remove_dir(path)
    })
    .await
}

/// Removes a directory and everything inside it.
///
/// Errors with the message ``could not remove directory `...` ``.
pub async fn remove_dir_all<P: AsRef<Path>>(path: P) -> io::Result<()> {
    on_path(path.as_ref(), Some("could not remove directory"), |path| {
        std::fs::remove_dir_all(path)
    })
    .await
}

/// Removes a file.
///
/// Errors with the message ``could not remove file `...` ``.
pub async fn remove_file<P: AsRef<Path>>(path: P) -> io::Result<()> {
    on_path(path.as_ref(), Some("could not remove file"), |path| {
        std::fs::remove_file(path)
    })
    .await
}

/// Renames (moves) a file or directory, replacing `to` if it is a file.
///
/// Errors with the message ``could not rename `from` to `to` ``.
pub async fn rename<P: AsRef<Path>, Q: AsRef<Path>>(from: P, to: Q) -> io::Result<()> {
    on_paths(
        from.as_ref(),
        to.as_ref(),
        "could not rename",
        "to",
        |from, to| std::fs::rename(from, to),
    )
    .await
}

/// Changes the permissions of a file or directory.
///
/// Its errors are std's, without an added message, as in async-std.
pub async fn set_permissions<P: AsRef<Path>>(path: P, perm: Permissions) -> io::Result<()> {
    on_path(path.as_ref(), None, move |path| {
        std::fs::set_permissions(path, perm)
    })
    .await
}

/// Reads the metadata of a file, directory or symbolic link, without following a final
/// symbolic link.
///
/// Its errors are std's, without an added message, as in async-std.
pub async fn symlink_metadata<P: AsRef<Path>>(path: P) -> io::Result<Metadata> {
    on_path(path.as_ref(), None, |path| std::fs::symlink_metadata(path)).await
}

/// Writes `contents` as the whole contents of a file, creating it or truncating it.
///
/// Errors with the message ``could not write to file `...` ``.
///
/// ```no_run
/// use async_std_compat::fs;
///
/// # async_std_compat::task::block_on(async {
/// fs::write("a.txt", b"Lorem ipsum").await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn write<P: AsRef<Path>, C: AsRef<[u8]>>(path: P, contents: C) -> io::Result<()> {
    let contents = contents.as_ref().to_vec();
    on_path(
        path.as_ref(),
        Some("could not write to file"),
        move |path| std::fs::write(path, contents),
    )
    .await
}
