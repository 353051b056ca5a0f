//! [`Path`], the borrowed path slice.

use std::borrow::{Cow, ToOwned};
use std::cmp::Ordering;
use std::ffi::{OsStr, OsString};
use std::rc::Rc;
use std::sync::Arc;

use super::{cast, Ancestors, Components, Display, Iter, PathBuf, StripPrefixError};
use crate::{fs, io};

/// A slice of a path: async-std's `Path`, the borrowed counterpart of [`PathBuf`].
///
/// This is a distinct type from [`std::path::Path`] (a `#[repr(transparent)]` wrapper
/// around it), as in async-std. It has std's inspection and manipulation methods, and
/// the methods that touch the filesystem ([`exists`](Path::exists),
/// [`is_file`](Path::is_file), [`metadata`](Path::metadata), ...) are `async`: they
/// run on the blocking thread pool, never on the executor thread. Both path types
/// convert to each other, by reference (`From`, `Into`, `AsRef`) and by value, so
/// functions taking `impl AsRef<Path>` of either kind accept both.
///
/// Its `Debug` output is async-std's (`Path { inner: "/tmp" }`), not std's.
///
/// ```
/// use async_std_compat::path::Path;
///
/// let path = Path::new("./foo/bar.txt");
/// assert_eq!(path.parent(), Some(Path::new("./foo")));
/// assert_eq!(path.file_stem().unwrap(), "bar");
/// assert_eq!(path.extension().unwrap(), "txt");
///
/// // std and async-std paths convert into each other.
/// let std_path: &std::path::Path = path.into();
/// let back: &Path = std_path.into();
/// assert_eq!(back, path);
/// ```
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Path {
    inner: std::path::Path,
}

impl Path {
    /// Wraps a string slice (or anything that views as an [`OsStr`]) as a `Path`, without
    /// copying.
    ///
    /// ```
    /// use async_std_compat::path::Path;
    ///
    /// let from_string = String::from("foo.txt");
    /// assert_eq!(Path::new(&from_string), Path::new("foo.txt"));
    /// ```
    pub fn new<S: AsRef<OsStr> + ?Sized>(s: &S) -> &Path {
        cast::from_std(std::path::Path::new(s))
    }

    /// The path as an [`OsStr`] slice.
    pub fn as_os_str(&self) -> &OsStr {
        self.inner.as_os_str()
    }

    /// The path as a `&str`, or `None` if it is not valid Unicode.
    pub fn to_str(&self) -> Option<&str> {
        self.inner.to_str()
    }

    /// The path as a string, with any non-Unicode sequence replaced by `U+FFFD`.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        self.inner.to_string_lossy()
    }

    /// Copies the path into an owned [`PathBuf`].
    pub fn to_path_buf(&self) -> PathBuf {
        PathBuf::from(self.inner.to_path_buf())
    }

    /// Whether the path is absolute (independent of the current directory).
    pub fn is_absolute(&self) -> bool {
        self.inner.is_absolute()
    }

    /// Whether the path is relative (not absolute).
    pub fn is_relative(&self) -> bool {
        self.inner.is_relative()
    }

    /// Whether the path has a root (`/` on Unix).
    pub fn has_root(&self) -> bool {
        self.inner.has_root()
    }

    /// The path without its last component, or `None` if it ends in a root or prefix
    /// (or is empty).
    pub fn parent(&self) -> Option<&Path> {
        self.inner.parent().map(cast::from_std)
    }

    /// An iterator over the path and its ancestors, the path itself first.
    pub fn ancestors(&self) -> Ancestors<'_> {
        Ancestors { next: Some(self) }
    }

    /// The last component of the path if it is a normal file or directory name.
    pub fn file_name(&self) -> Option<&OsStr> {
        self.inner.file_name()
    }

    /// The rest of the path after `base`, or an error if `base` is not a prefix of it.
    ///
    /// ```
    /// use async_std_compat::path::Path;
    ///
    /// let path = Path::new("/test/haha/foo.txt");
    /// assert_eq!(path.strip_prefix("/test"), Ok(Path::new("haha/foo.txt")));
    /// assert!(path.strip_prefix("test").is_err());
    /// ```
    pub fn strip_prefix<P>(&self, base: P) -> Result<&Path, StripPrefixError>
    where
        P: AsRef<Path>,
    {
        self.inner
            .strip_prefix(&base.as_ref().inner)
            .map(cast::from_std)
    }

    /// Whether `base` is a prefix of the path, compared component by component.
    pub fn starts_with<P: AsRef<Path>>(&self, base: P) -> bool {
        self.inner.starts_with(&base.as_ref().inner)
    }

    /// Whether `child` is a suffix of the path, compared component by component.
    pub fn ends_with<P: AsRef<Path>>(&self, child: P) -> bool {
        self.inner.ends_with(&child.as_ref().inner)
    }

    /// The file name without its extension.
    pub fn file_stem(&self) -> Option<&OsStr> {
        self.inner.file_stem()
    }

    /// The extension of the file name, without the dot.
    pub fn extension(&self) -> Option<&OsStr> {
        self.inner.extension()
    }

    /// A new [`PathBuf`] with `path` appended (or replacing it, if `path` is absolute).
    pub fn join<P: AsRef<Path>>(&self, path: P) -> PathBuf {
        self.inner.join(&path.as_ref().inner).into()
    }

    /// A new [`PathBuf`] with the file name replaced by `file_name`.
    pub fn with_file_name<S: AsRef<OsStr>>(&self, file_name: S) -> PathBuf {
        self.inner.with_file_name(file_name).into()
    }

    /// A new [`PathBuf`] with the extension replaced by `extension`.
    pub fn with_extension<S: AsRef<OsStr>>(&self, extension: S) -> PathBuf {
        self.inner.with_extension(extension).into()
    }

    /// An iterator over the path's [`Component`](super::Component)s.
    pub fn components(&self) -> Components<'_> {
        Components {
            inner: self.inner.components(),
        }
    }

    /// An iterator over the path's components as [`OsStr`] slices.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            inner: self.components(),
        }
    }

    /// An object that formats the path with [`std::fmt::Display`], replacing non-Unicode
    /// sequences.
    pub fn display(&self) -> Display<'_> {
        self.inner.display()
    }

    /// Queries the filesystem for the path's metadata, following symbolic links: the
    /// same as [`fs::metadata`].
    pub async fn metadata(&self) -> io::Result<fs::Metadata> {
        fs::metadata(self).await
    }

    /// Queries the filesystem for the path's metadata without following a final
    /// symbolic link: the same as [`fs::symlink_metadata`].
    pub async fn symlink_metadata(&self) -> io::Result<fs::Metadata> {
        fs::symlink_metadata(self).await
    }

    /// The absolute form of the path with every symbolic link resolved: the same as
    /// [`fs::canonicalize`].
    pub async fn canonicalize(&self) -> io::Result<PathBuf> {
        fs::canonicalize(self).await
    }

    /// Where the symbolic link at this path points: the same as [`fs::read_link`].
    pub async fn read_link(&self) -> io::Result<PathBuf> {
        fs::read_link(self).await
    }

    /// A stream of the entries in the directory at this path: the same as
    /// [`fs::read_dir`].
    pub async fn read_dir(&self) -> io::Result<fs::ReadDir> {
        fs::read_dir(self).await
    }

    /// Whether something exists at the path (following symbolic links).
    ///
    /// Any error, including a permission error, counts as "does not exist".
    ///
    /// ```
    /// use async_std_compat::path::Path;
    ///
    /// # async_std_compat::task::block_on(async {
    /// assert!(!Path::new("does_not_exist.txt").exists().await);
    /// # })
    /// ```
    pub async fn exists(&self) -> bool {
        fs::metadata(self).await.is_ok()
    }

    /// Whether the path points at a regular file (following symbolic links).
    ///
    /// Any error counts as "not a file".
    pub async fn is_file(&self) -> bool {
        fs::metadata(self)
            .await
            .map(|metadata| metadata.is_file())
            .unwrap_or(false)
    }

    /// Whether the path points at a directory (following symbolic links).
    ///
    /// Any error counts as "not a directory".
    pub async fn is_dir(&self) -> bool {
        fs::metadata(self)
            .await
            .map(|metadata| metadata.is_dir())
            .unwrap_or(false)
    }

    /// Converts a boxed path into a [`PathBuf`] without copying.
    pub fn into_path_buf(self: Box<Path>) -> PathBuf {
        cast::box_into_std(self).into_path_buf().into()
    }
}

impl From<&Path> for Box<Path> {
    fn from(path: &Path) -> Box<Path> {
        cast::box_from_std(Box::from(&path.inner))
    }
}

impl From<&Path> for Arc<Path> {
    fn from(path: &Path) -> Arc<Path> {
        Arc::from(Box::<Path>::from(path))
    }
}

impl From<&Path> for Rc<Path> {
    fn from(path: &Path) -> Rc<Path> {
        Rc::from(Box::<Path>::from(path))
    }
}

impl ToOwned for Path {
    type Owned = PathBuf;

    fn to_owned(&self) -> PathBuf {
        self.to_path_buf()
    }
}

impl AsRef<OsStr> for Path {
    fn as_ref(&self) -> &OsStr {
        self.inner.as_os_str()
    }
}

impl AsRef<Path> for Path {
    fn as_ref(&self) -> &Path {
        self
    }
}

impl AsRef<Path> for OsStr {
    fn as_ref(&self) -> &Path {
        Path::new(self)
    }
}

impl AsRef<Path> for Cow<'_, OsStr> {
    fn as_ref(&self) -> &Path {
        Path::new(self)
    }
}

impl AsRef<Path> for OsString {
    fn as_ref(&self) -> &Path {
        Path::new(self)
    }
}

impl AsRef<Path> for str {
    fn as_ref(&self) -> &Path {
        Path::new(self)
    }
}

impl AsRef<Path> for String {
    fn as_ref(&self) -> &Path {
        Path::new(self)
    }
}

impl AsRef<Path> for PathBuf {
    fn as_ref(&self) -> &Path {
        self.as_path()
    }
}

impl<'a> From<&'a Path> for Cow<'a, Path> {
    fn from(path: &'a Path) -> Cow<'a, Path> {
        Cow::Borrowed(path)
    }
}

impl<'a> IntoIterator for &'a Path {
    type Item = &'a OsStr;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a PathBuf {
    type Item = &'a OsStr;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Comparisons between two types that both view as a [`Path`].
macro_rules! path_cmp {
    ($($lhs:ty, $rhs:ty;)*) => {$(
        impl<'a, 'b> PartialEq<$rhs> for $lhs {
            fn eq(&self, other: &$rhs) -> bool {
                <Path as PartialEq>::eq(self, other)
            }
        }

        impl<'a, 'b> PartialEq<$lhs> for $rhs {
            fn eq(&self, other: &$lhs) -> bool {
                <Path as PartialEq>::eq(self, other)
            }
        }

        impl<'a, 'b> PartialOrd<$rhs> for $lhs {
            fn partial_cmp(&self, other: &$rhs) -> Option<Ordering> {
                <Path as PartialOrd>::partial_cmp(self, other)
            }
        }

        impl<'a, 'b> PartialOrd<$lhs> for $rhs {
            fn partial_cmp(&self, other: &$lhs) -> Option<Ordering> {
                <Path as PartialOrd>::partial_cmp(self, other)
            }
        }
    )*};
}

path_cmp! {
    PathBuf, Path;
    PathBuf, &'a Path;
    Cow<'a, Path>, Path;
    Cow<'a, Path>, &'b Path;
    Cow<'a, Path>, PathBuf;
}

/// Comparisons between a path type and an OS string type, which is viewed as a path.
macro_rules! os_str_cmp {
    ($($lhs:ty, $rhs:ty;)*) => {$(
        impl<'a, 'b> PartialEq<$rhs> for $lhs {
            fn eq(&self, other: &$rhs) -> bool {
                <Path as PartialEq>::eq(self, other.as_ref())
            }
        }

        impl<'a, 'b> PartialEq<$lhs> for $rhs {
            fn eq(&self, other: &$lhs) -> bool {
                <Path as PartialEq>::eq(self.as_ref(), other)
            }
        }

        impl<'a, 'b> PartialOrd<$rhs> for $lhs {
            fn partial_cmp(&self, other: &$rhs) -> Option<Ordering> {
                <Path as PartialOrd>::partial_cmp(self, other.as_ref())
            }
        }

        impl<'a, 'b> PartialOrd<$lhs> for $rhs {
            fn partial_cmp(&self, other: &$lhs) -> Option<Ordering> {
                <Path as PartialOrd>::partial_cmp(self.as_ref(), other)
            }
        }
    )*};
}

os_str_cmp! {
    PathBuf, OsStr;
    PathBuf, &'a OsStr;
    PathBuf, Cow<'a, OsStr>;
    PathBuf, OsString;
    Path, OsStr;
    Path, &'a OsStr;
    Path, Cow<'a, OsStr>;
    Path, OsString;
    &'a Path, OsStr;
    &'a Path, Cow<'b, OsStr>;
    &'a Path, OsString;
}

impl<'a> From<&'a std::path::Path> for &'a Path {
    fn from(path: &'a std::path::Path) -> &'a Path {
        cast::from_std(path)
    }
}

impl<'a> From<&'a Path> for &'a std::path::Path {
    fn from(path: &'a Path) -> &'a std::path::Path {
        &path.inner
    }
}

impl AsRef<std::path::Path> for Path {
    fn as_ref(&self) -> &std::path::Path {
        &self.inner
    }
}

impl AsRef<Path> for std::path::Path {
    fn as_ref(&self) -> &Path {
        cast::from_std(self)
    }
}

impl AsRef<Path> for std::path::PathBuf {
    fn as_ref(&self) -> &Path {
        cast::from_std(self)
    }
}
