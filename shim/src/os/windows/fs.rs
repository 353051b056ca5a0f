//! Windows-specific filesystem extensions: async-std's `os::windows::fs` (unstable).

use std::io;
use std::path::PathBuf;

use crate::path::Path;

/// The `std` path behind a path argument.
fn std_path_buf<P: AsRef<Path>>(path: P) -> PathBuf {
    AsRef::<std::path::Path>::as_ref(path.as_ref()).to_path_buf()
}

/// Creates a symbolic link to the directory `src` at `dst`, on the blocking thread pool.
pub async fn symlink_dir<P: AsRef<Path>, Q: AsRef<Path>>(src: P, dst: Q) -> io::Result<()> {
    let src = std_path_buf(src);
    let dst = std_path_buf(dst);
    blocking::unblock(move || std::os::windows::fs::symlink_dir(&src, &dst)).await
}

/// Creates a symbolic link to the file `src` at `dst`, on the blocking thread pool.
pub async fn symlink_file<P: AsRef<Path>, Q: AsRef<Path>>(src: P, dst: Q) -> io::Result<()> {
    let src = std_path_buf(src);
    let dst = std_path_buf(dst);
    blocking::unblock(move || std::os::windows::fs::symlink_file(&src, &dst)).await
}
