//! [`DirBuilder`]: a builder for creating directories.

use std::future::Future;

use crate::io;
use crate::path::Path;
use crate::task::spawn_blocking;

/// A builder for creating directories: async-std's `DirBuilder`, with an async
/// [`create`](DirBuilder::create).
///
/// ```no_run
/// use async_std_compat::fs::DirBuilder;
///
/// # async_std_compat::task::block_on(async {
/// DirBuilder::new().recursive(true).create("./some/dir").await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Debug, Default)]
pub struct DirBuilder {
    recursive: bool,
    #[cfg(unix)]
    mode: Option<u32>,
}

impl DirBuilder {
    /// A builder with the default settings: not recursive, default permissions.
    pub fn new() -> DirBuilder {
        DirBuilder::default()
    }

    /// Whether to create missing parent directories too (and succeed if the directory
    /// exists already).
    pub fn recursive(&mut self, recursive: bool) -> &mut Self {
        self.recursive = recursive;
        self
    }

    /// Creates the directory at `path` with these settings.
    ///
    /// Its errors are std's, without an added message, as in async-std.
    pub fn create<P: AsRef<Path>>(&self, path: P) -> impl Future<Output = io::Result<()>> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(self.recursive);
        #[cfg(unix)]
        if let Some(mode) = self.mode {
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, mode);
        }
        let path = path.as_ref().to_path_buf();
        async move { spawn_blocking(move || builder.create(&path)).await }
    }
}

#[cfg(unix)]
impl std::os::unix::fs::DirBuilderExt for DirBuilder {
    fn mode(&mut self, mode: u32) -> &mut Self {
        self.mode = Some(mode);
        self
    }
}
