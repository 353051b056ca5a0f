//! [`PathBuf`], the owned path.

use std::borrow::{Borrow, Cow};
use std::ffi::{OsStr, OsString};
use std::ops::Deref;
use std::rc::Rc;
use std::str::FromStr;
use std::sync::Arc;

use super::{cast, Path};

/// An owned, mutable path: async-std's `PathBuf`, the owned counterpart of [`Path`].
///
/// This is a distinct type from [`std::path::PathBuf`], as in async-std; it dereferences
/// to [`Path`], and converts from and into std's `PathBuf` (and views as a std
/// `Path`), so code mixing the two keeps compiling.
///
/// Its `Debug` output is async-std's (`PathBuf { inner: "/tmp" }`), not std's.
///
/// ```
/// use async_std_compat::path::PathBuf;
///
/// let mut path = PathBuf::new();
/// path.push("/");
/// path.push("feel");
/// path.push("the");
/// path.set_extension("force");
/// assert_eq!(path, PathBuf::from("/feel/the.force"));
///
/// let std_path: std::path::PathBuf = path.clone().into();
/// assert_eq!(PathBuf::from(std_path), path);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathBuf {
    inner: std::path::PathBuf,
}

impl PathBuf {
    /// An empty path.
    pub fn new() -> PathBuf {
        PathBuf {
            inner: std::path::PathBuf::new(),
        }
    }

    /// The path as a [`Path`] slice.
    pub fn as_path(&self) -> &Path {
        cast::from_std(&self.inner)
    }

    /// Appends `path`; an absolute `path` replaces the whole path instead.
    pub fn push<P: AsRef<Path>>(&mut self, path: P) {
        let path: &std::path::Path = path.as_ref().into();
        self.inner.push(path)
    }

    /// Removes the last component; returns `false` (and changes nothing) if there is no
    /// parent.
    pub fn pop(&mut self) -> bool {
        self.inner.pop()
    }

    /// Replaces the file name (the last component), or appends it if there is none.
    pub fn set_file_name<S: AsRef<OsStr>>(&mut self, file_name: S) {
        self.inner.set_file_name(file_name)
    }

    /// Replaces (or adds, or with an empty `extension` removes) the extension; returns
    /// `false` if there is no file name to change.
    pub fn set_extension<S: AsRef<OsStr>>(&mut self, extension: S) -> bool {
        self.inner.set_extension(extension)
    }

    /// Converts the path into an [`OsString`] without copying.
    pub fn into_os_string(self) -> OsString {
        self.inner.into_os_string()
    }

    /// Converts the path into a boxed [`Path`].
    pub fn into_boxed_path(self) -> Box<Path> {
        cast::box_from_std(self.inner.into_boxed_path())
    }
}

impl From<Box<Path>> for PathBuf {
    fn from(boxed: Box<Path>) -> PathBuf {
        boxed.into_path_buf()
    }
}

impl From<PathBuf> for Box<Path> {
    fn from(path: PathBuf) -> Box<Path> {
        path.into_boxed_path()
    }
}

impl Clone for Box<Path> {
    fn clone(&self) -> Self {
        self.to_path_buf().into_boxed_path()
    }
}

impl<T: ?Sized + AsRef<OsStr>> From<&T> for PathBuf {
    fn from(s: &T) -> PathBuf {
        PathBuf::from(s.as_ref().to_os_string())
    }
}

impl From<OsString> for PathBuf {
    fn from(s: OsString) -> PathBuf {
        PathBuf { inner: s.into() }
    }
}

impl From<PathBuf> for OsString {
    fn from(path: PathBuf) -> OsString {
        path.inner.into_os_string()
    }
}

impl From<String> for PathBuf {
    fn from(s: String) -> PathBuf {
        PathBuf { inner: s.into() }
    }
}

impl FromStr for PathBuf {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<PathBuf, Self::Err> {
        Ok(PathBuf::from(s))
    }
}

impl<P: AsRef<Path>> FromIterator<P> for PathBuf {
    fn from_iter<I: IntoIterator<Item = P>>(iter: I) -> PathBuf {
        let mut path = PathBuf::new();
        path.extend(iter);
        path
    }
}

impl<P: AsRef<Path>> Extend<P> for PathBuf {
    fn extend<I: IntoIterator<Item = P>>(&mut self, iter: I) {
        for part in iter {
            self.push(part);
        }
    }
}

impl Deref for PathBuf {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.as_path()
    }
}

impl Borrow<Path> for PathBuf {
    fn borrow(&self) -> &Path {
        self.as_path()
    }
}

impl<'a> From<PathBuf> for Cow<'a, Path> {
    fn from(path: PathBuf) -> Cow<'a, Path> {
        Cow::Owned(path)
    }
}

impl<'a> From<&'a PathBuf> for Cow<'a, Path> {
    fn from(path: &'a PathBuf) -> Cow<'a, Path> {
        Cow::Borrowed(path.as_path())
    }
}

impl<'a> From<Cow<'a, Path>> for PathBuf {
    fn from(path: Cow<'a, Path>) -> PathBuf {
        path.into_owned()
    }
}

impl From<PathBuf> for Arc<Path> {
    fn from(path: PathBuf) -> Arc<Path> {
        Arc::from(path.into_boxed_path())
    }
}

impl From<PathBuf> for Rc<Path> {
    fn from(path: PathBuf) -> Rc<Path> {
        Rc::from(path.into_boxed_path())
    }
}

impl AsRef<OsStr> for PathBuf {
    fn as_ref(&self) -> &OsStr {
        self.inner.as_os_str()
    }
}

impl From<std::path::PathBuf> for PathBuf {
    fn from(path: std::path::PathBuf) -> PathBuf {
        PathBuf { inner: path }
    }
}

impl From<PathBuf> for std::path::PathBuf {
    fn from(path: PathBuf) -> std::path::PathBuf {
        path.inner
    }
}

impl AsRef<std::path::Path> for PathBuf {
    fn as_ref(&self) -> &std::path::Path {
        &self.inner
    }
}

#[cfg(feature = "unstable")]
mod streams {
    use std::future::Future;
    use std::pin::Pin;

    use futures_lite::StreamExt as _;

    use super::PathBuf;
    use crate::path::Path;
    use crate::stream::{Extend, FromStream, IntoStream};

    impl<P: AsRef<Path>> Extend<P> for PathBuf {
        fn extend<'a, S: IntoStream<Item = P> + 'a>(
            &'a mut self,
            stream: S,
        ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>
        where
            <S as IntoStream>::IntoStream: Send,
        {
            let stream = stream.into_stream();
            Box::pin(async move {
                futures_lite::pin!(stream);
                while let Some(part) = stream.next().await {
                    let part: &std::path::Path = part.as_ref().into();
                    self.inner.push(part);
                }
            })
        }
    }

    impl<P: AsRef<Path> + Send> FromStream<P> for PathBuf {
        fn from_stream<'a, S: IntoStream<Item = P> + 'a>(
            stream: S,
        ) -> Pin<Box<dyn Future<Output = PathBuf> + Send + 'a>>
        where
            <S as IntoStream>::IntoStream: Send,
        {
            let stream = stream.into_stream();
            Box::pin(async move {
                let mut path = PathBuf::new();
                Extend::extend(&mut path, stream).await;
                path
            })
        }
    }
}
