//! [`DirEntry`]: an entry of a directory listing.

use std::ffi::OsString;
use std::fmt;
use std::sync::Arc;

use super::{FileType, Metadata};
use crate::io;
use crate::path::PathBuf;
use crate::task::spawn_blocking;

/// An entry of a directory, yielded by [`ReadDir`](super::ReadDir): async-std's
/// `DirEntry`, whose [`metadata`](DirEntry::metadata) and
/// [`file_type`](DirEntry::file_type) are `async`.
///
/// ```no_run
/// use async_std_compat::fs;
/// use async_std_compat::prelude::*;
///
/// # async_std_compat::task::block_on(async {
/// let mut entries = fs::read_dir(".").await?;
/// while let Some(entry) = entries.next().await {
///     let entry = entry?;
///     println!("{:?} is a directory: {}", entry.path(), entry.file_type().await?.is_dir());
/// }
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Clone)]
pub struct DirEntry(Arc<std::fs::DirEntry>);

impl DirEntry {
    pub(crate) fn new(entry: std::fs::DirEntry) -> DirEntry {
        DirEntry(Arc::new(entry))
    }

    /// The full path of the entry: the listed directory joined with the file name.
    pub fn path(&self) -> PathBuf {
        self.0.path().into()
    }

    /// Reads the entry's metadata; a symbolic link is not followed.
    pub async fn metadata(&self) -> io::Result<Metadata> {
        let entry = self.0.clone();
        spawn_blocking(move || entry.metadata()).await
    }

    /// Reads the entry's file type; a symbolic link is not followed.
    pub async fn file_type(&self) -> io::Result<FileType> {
        let entry = self.0.clone();
        spawn_blocking(move || entry.file_type()).await
    }

    /// The entry's file name, without the directory.
    pub fn file_name(&self) -> OsString {
        self.0.file_name()
    }
}

impl fmt::Debug for DirEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DirEntry").field(&self.path()).finish()
    }
}

#[cfg(unix)]
impl std::os::unix::fs::DirEntryExt for DirEntry {
    fn ino(&self) -> u64 {
        std::os::unix::fs::DirEntryExt::ino(&*self.0)
    }
}
