//! The iterators over a [`Path`]: [`Ancestors`], [`Components`] and [`Iter`].

use std::ffi::OsStr;
use std::fmt;
use std::iter::FusedIterator;

use super::{Component, Path};

/// An iterator over a path and its ancestors, made by [`Path::ancestors`].
///
/// It yields the path itself first, then each [`parent`](Path::parent) in turn.
///
/// ```
/// use async_std_compat::path::Path;
///
/// let mut ancestors = Path::new("/foo/bar").ancestors();
/// assert_eq!(ancestors.next(), Some(Path::new("/foo/bar")));
/// assert_eq!(ancestors.next(), Some(Path::new("/foo")));
/// assert_eq!(ancestors.next(), Some(Path::new("/")));
/// assert_eq!(ancestors.next(), None);
/// ```
#[derive(Copy, Clone, Debug)]
pub struct Ancestors<'a> {
    pub(super) next: Option<&'a Path>,
}

impl<'a> Iterator for Ancestors<'a> {
    type Item = &'a Path;

    fn next(&mut self) -> Option<&'a Path> {
        let current = self.next?;
        self.next = current.parent();
        Some(current)
    }
}

impl FusedIterator for Ancestors<'_> {}

/// An iterator over the [`Component`]s of a path, made by [`Path::components`].
///
/// ```
/// use async_std_compat::path::{Component, Path};
///
/// let mut components = Path::new("/tmp/foo.txt").components();
/// assert_eq!(components.next(), Some(Component::RootDir));
/// assert_eq!(components.as_path(), Path::new("tmp/foo.txt"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Components<'a> {
    pub(super) inner: std::path::Components<'a>,
}

impl<'a> Components<'a> {
    /// The part of the path that has not been iterated over yet.
    pub fn as_path(&self) -> &'a Path {
        self.inner.as_path().into()
    }
}

impl AsRef<Path> for Components<'_> {
    fn as_ref(&self) -> &Path {
        self.as_path()
    }
}

impl AsRef<OsStr> for Components<'_> {
    fn as_ref(&self) -> &OsStr {
        self.as_path().as_os_str()
    }
}

impl<'a> Iterator for Components<'a> {
    type Item = Component<'a>;

    fn next(&mut self) -> Option<Component<'a>> {
        self.inner.next()
    }
}

impl<'a> DoubleEndedIterator for Components<'a> {
    fn next_back(&mut self) -> Option<Component<'a>> {
        self.inner.next_back()
    }
}

impl FusedIterator for Components<'_> {}

impl AsRef<Path> for Component<'_> {
    fn as_ref(&self) -> &Path {
        Path::new(self.as_os_str())
    }
}

/// An iterator over the components of a path as [`OsStr`] slices, made by
/// [`Path::iter`].
///
/// ```
/// use async_std_compat::path::Path;
/// use std::ffi::OsStr;
///
/// let parts: Vec<&OsStr> = Path::new("/tmp/foo.txt").iter().collect();
/// assert_eq!(parts, ["/", "tmp", "foo.txt"]);
/// ```
#[derive(Clone)]
pub struct Iter<'a> {
    pub(super) inner: Components<'a>,
}

impl<'a> Iter<'a> {
    /// The part of the path that has not been iterated over yet.
    pub fn as_path(&self) -> &'a Path {
        self.inner.as_path()
    }
}

impl fmt::Debug for Iter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Remaining<'a>(&'a Path);

        impl fmt::Debug for Remaining<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.iter()).finish()
            }
        }

        f.debug_tuple("Iter")
            .field(&Remaining(self.as_path()))
            .finish()
    }
}

impl AsRef<Path> for Iter<'_> {
    fn as_ref(&self) -> &Path {
        self.as_path()
    }
}

impl AsRef<OsStr> for Iter<'_> {
    fn as_ref(&self) -> &OsStr {
        self.as_path().as_os_str()
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a OsStr;

    fn next(&mut self) -> Option<&'a OsStr> {
        self.inner.next().map(|component| component.as_os_str())
    }
}

impl<'a> DoubleEndedIterator for Iter<'a> {
    fn next_back(&mut self) -> Option<&'a OsStr> {
        self.inner
            .next_back()
            .map(|component| component.as_os_str())
    }
}

impl FusedIterator for Iter<'_> {}
