//! path: async-std's own `Path`/`PathBuf`: the async filesystem queries, the
//! conversions to and from std's paths, the comparisons and the iterators.

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_std_compat::path::{
    Ancestors, Component, Components, Iter, Path, PathBuf, MAIN_SEPARATOR,
};
use async_std_compat::task;

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "shim-path-{}-{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            fastrand::u32(..),
            name
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir.canonicalize().unwrap())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn async_queries_hit_the_filesystem() {
    let dir = TempDir::new("queries");
    let file = dir.0.join("file.txt");
    std::fs::write(&file, b"12345").unwrap();
    let root: &Path = dir.0.as_path().into();
    let file_path: PathBuf = file.clone().into();
    let missing = root.join("missing");
    task::block_on(async {
        assert!(root.exists().await);
        assert!(root.is_dir().await);
        assert!(!root.is_file().await);
        assert!(file_path.exists().await);
        assert!(file_path.is_file().await);
        assert!(!file_path.is_dir().await);
        assert!(!missing.exists().await);
        assert!(!missing.is_file().await);
        assert!(!missing.is_dir().await);

        assert_eq!(file_path.metadata().await.unwrap().len(), 5);
        assert!(missing.metadata().await.is_err());

        let canonical: PathBuf = root.join("./file.txt").canonicalize().await.unwrap();
        assert_eq!(canonical, file_path);

        let mut names = Vec::new();
        let mut entries = root.read_dir().await.unwrap();
        // Bounded: one entry.
        for _ in 0..5 {
            match async_std_compat::stream::StreamExt::next(&mut entries).await {
                Some(entry) => names.push(entry.unwrap().file_name()),
                None => break,
            }
        }
        assert_eq!(names, [OsString::from("file.txt")]);

        #[cfg(unix)]
        {
            let link = root.join("link");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            let target: PathBuf = link.read_link().await.unwrap();
            assert_eq!(target, file_path);
            let metadata = link.symlink_metadata().await.unwrap();
            assert!(metadata.file_type().is_symlink());
            assert!(link.is_file().await);
        }
    });
}

#[test]
fn async_queries_are_send_futures() {
    // `exists()` must be awaited: it is a future, not a bool, as in async-std.
    fn future<F: std::future::Future<Output = bool> + Send>(f: F) -> F {
        f
    }
    let path = Path::new("/");
    let exists = future(path.exists());
    assert!(task::block_on(exists));
}

#[test]
fn conversions_between_std_and_async_std_paths() {
    // By reference, both ways.
    let std_path: &std::path::Path = std::path::Path::new("/a/b");
    let path: &Path = std_path.into();
    let path_again: &Path = From::from(std_path);
    let as_ref: &Path = std_path.as_ref();
    assert_eq!(path, Path::new("/a/b"));
    assert_eq!(path_again, as_ref);
    let back: &std::path::Path = path.into();
    assert_eq!(back, std_path);
    let back_ref: &std::path::Path = path.as_ref();
    assert_eq!(back_ref, std_path);

    // By value, both ways.
    let std_buf = std::path::PathBuf::from("/x/y");
    let buf: PathBuf = std_buf.clone().into();
    let buf_ref: &Path = std_buf.as_ref();
    assert_eq!(buf_ref, buf.as_path());
    let std_again: std::path::PathBuf = buf.clone().into();
    assert_eq!(std_again, std_buf);
    let std_view: &std::path::Path = buf.as_ref();
    assert_eq!(std_view, std_buf.as_path());
    assert_eq!(PathBuf::from(&std_buf), buf);
    assert_eq!(PathBuf::from(std_buf.as_path()), buf);

    // Strings and OS strings.
    assert_eq!(PathBuf::from("/x/y"), buf);
    assert_eq!(PathBuf::from(String::from("/x/y")), buf);
    assert_eq!(PathBuf::from(OsString::from("/x/y")), buf);
    assert_eq!("/x/y".parse::<PathBuf>().unwrap(), buf);
    let os: OsString = buf.clone().into();
    assert_eq!(os, "/x/y");
    assert_eq!(buf.clone().into_os_string(), "/x/y");
    let view: &OsStr = buf.as_ref();
    assert_eq!(view, "/x/y");
    let view: &OsStr = buf.as_path().as_ref();
    assert_eq!(view, "/x/y");
    let from_os_str: &Path = OsStr::new("/x/y").as_ref();
    assert_eq!(from_os_str, buf.as_path());
    let cow_os: Cow<'_, OsStr> = Cow::Borrowed(OsStr::new("/x/y"));
    let from_cow: &Path = cow_os.as_ref();
    assert_eq!(from_cow, buf.as_path());
    let string = String::from("/x/y");
    let from_string: &Path = string.as_ref();
    let from_str: &Path = "/x/y".as_ref();
    let os_string = OsString::from("/x/y");
    let from_os_string: &Path = os_string.as_ref();
    assert_eq!(from_string, from_str);
    assert_eq!(from_os_string.to_path_buf(), buf);

    // Boxes, Rc, Arc, Cow.
    let boxed: Box<Path> = Path::new("/b").into();
    let boxed_clone = boxed.clone();
    assert_eq!(boxed.into_path_buf(), PathBuf::from("/b"));
    let boxed_again: Box<Path> = PathBuf::from("/b").into();
    assert_eq!(boxed_again, boxed_clone);
    assert_eq!(PathBuf::from(boxed_clone), PathBuf::from("/b"));
    assert_eq!(
        PathBuf::from("/b").into_boxed_path().to_path_buf(),
        PathBuf::from("/b")
    );
    let arc: Arc<Path> = Path::new("/arc").into();
    let arc2: Arc<Path> = PathBuf::from("/arc").into();
    assert_eq!(arc, arc2);
    let rc: Rc<Path> = Path::new("/rc").into();
    let rc2: Rc<Path> = PathBuf::from("/rc").into();
    assert_eq!(rc, rc2);
    let cow: Cow<'_, Path> = Path::new("/cow").into();
    let owned_cow: Cow<'_, Path> = PathBuf::from("/cow").into();
    let pb = PathBuf::from("/cow");
    let ref_cow: Cow<'_, Path> = (&pb).into();
    assert_eq!(cow, owned_cow);
    assert_eq!(ref_cow, pb);
    assert_eq!(PathBuf::from(cow), pb);
    assert!(matches!(ref_cow, Cow::Borrowed(_)));

    // ToOwned, Borrow, Deref.
    let owned: PathBuf = Path::new("/o").to_owned();
    let borrowed: &Path = owned.borrow();
    assert_eq!(borrowed, Path::new("/o"));
    let derefed: &Path = &owned;
    assert_eq!(derefed.file_name().unwrap(), "o");
}

/// A user trait implemented for both path types: they must be distinct types.
trait Describe {
    fn describe(&self) -> String;
}

impl Describe for &std::path::Path {
    fn describe(&self) -> String {
        format!("std {}", self.display())
    }
}

impl Describe for &Path {
    fn describe(&self) -> String {
        format!("async-std {}", self.display())
    }
}

impl Describe for std::path::PathBuf {
    fn describe(&self) -> String {
        format!("std owned {}", self.display())
    }
}

impl Describe for PathBuf {
    fn describe(&self) -> String {
        format!("async-std owned {}", self.display())
    }
}

fn takes_async_std_path<P: AsRef<Path>>(path: P) -> String {
    path.as_ref().display().to_string()
}

fn takes_std_path<P: AsRef<std::path::Path>>(path: P) -> String {
    path.as_ref().display().to_string()
}

#[test]
fn both_path_kinds_work_with_generic_and_trait_code() {
    let std_path = std::path::Path::new("/p");
    let path = Path::new("/p");
    assert_eq!(std_path.describe(), "std /p");
    assert_eq!(path.describe(), "async-std /p");
    assert_eq!(std_path.to_path_buf().describe(), "std owned /p");
    assert_eq!(path.to_path_buf().describe(), "async-std owned /p");

    // Everything path-like is accepted where an async-std path is expected...
    assert_eq!(takes_async_std_path(std_path), "/p");
    assert_eq!(takes_async_std_path(std::path::PathBuf::from("/p")), "/p");
    assert_eq!(takes_async_std_path(path), "/p");
    assert_eq!(takes_async_std_path(path.to_path_buf()), "/p");
    assert_eq!(takes_async_std_path("/p"), "/p");
    assert_eq!(takes_async_std_path(String::from("/p")), "/p");
    assert_eq!(takes_async_std_path(OsString::from("/p")), "/p");
    assert_eq!(takes_async_std_path(OsStr::new("/p")), "/p");
    assert_eq!(takes_async_std_path(Component::RootDir), "/");
    // ...and async-std paths are accepted where a std path is expected.
    assert_eq!(takes_std_path(path), "/p");
    assert_eq!(takes_std_path(path.to_path_buf()), "/p");
    assert!(std::fs::metadata(Path::new("/")).is_ok());
}

#[test]
fn comparisons_hashing_and_ordering() {
    let buf = PathBuf::from("/a/b");
    let path = Path::new("/a/b");
    let cow: Cow<'_, Path> = Cow::Borrowed(path);
    let os_str = OsStr::new("/a/b");
    let os_string = OsString::from("/a/b");
    let os_cow: Cow<'_, OsStr> = Cow::Borrowed(os_str);

    assert!(buf == *path);
    assert!(*path == buf);
    assert!(buf == path);
    assert!(path == buf);
    assert!(cow == *path);
    assert!(*path == cow);
    assert!(cow == path);
    assert!(path == cow);
    assert!(cow == buf);
    assert!(buf == cow);
    assert!(buf == *os_str);
    assert!(*os_str == buf);
    assert!(buf == os_str);
    assert!(os_str == buf);
    assert!(buf == os_cow);
    assert!(os_cow == buf);
    assert!(buf == os_string);
    assert!(os_string == buf);
    assert!(*path == *os_str);
    assert!(*os_str == *path);
    assert!(*path == os_str);
    assert!(os_str == *path);
    assert!(*path == os_cow);
    assert!(os_cow == *path);
    assert!(*path == os_string);
    assert!(os_string == *path);
    assert!(path == *os_str);
    assert!(*os_str == path);
    assert!(path == os_cow);
    assert!(os_cow == path);
    assert!(path == os_string);
    assert!(os_string == path);

    // Component-wise comparison, as std's: "/a/b" == "/a//b/".
    assert_eq!(Path::new("/a//b/"), path);
    assert!(Path::new("/a") < path);
    assert!(PathBuf::from("/a") < buf);
    assert!(buf.partial_cmp(path) == Some(std::cmp::Ordering::Equal));
    assert!(path.partial_cmp(&os_string) == Some(std::cmp::Ordering::Equal));
    assert!(Path::new("/z").partial_cmp(&cow) == Some(std::cmp::Ordering::Greater));

    // A map keyed by PathBuf is queried with &Path.
    let mut map = HashMap::new();
    map.insert(PathBuf::from("/k"), 1);
    assert_eq!(map.get(Path::new("/k")), Some(&1));
    let set: BTreeSet<PathBuf> = ["/b", "/a"].iter().map(PathBuf::from).collect();
    assert_eq!(set.iter().next().unwrap(), Path::new("/a"));

    // async-std's derived Debug output.
    assert_eq!(format!("{:?}", Path::new("/d")), r#"Path { inner: "/d" }"#);
    assert_eq!(
        format!("{:?}", PathBuf::from("/d")),
        r#"PathBuf { inner: "/d" }"#
    );
    assert_eq!(PathBuf::default(), PathBuf::new());
}

#[test]
fn sync_methods_match_std() {
    let path = Path::new("/tmp/foo.tar.gz");
    assert_eq!(path.as_os_str(), "/tmp/foo.tar.gz");
    assert_eq!(path.to_str(), Some("/tmp/foo.tar.gz"));
    assert_eq!(path.to_string_lossy(), "/tmp/foo.tar.gz");
    assert!(path.is_absolute() && !path.is_relative() && path.has_root());
    assert!(Path::new("rel").is_relative());
    assert_eq!(path.parent(), Some(Path::new("/tmp")));
    assert_eq!(Path::new("/").parent(), None);
    assert_eq!(path.file_name().unwrap(), "foo.tar.gz");
    assert_eq!(path.file_stem().unwrap(), "foo.tar");
    assert_eq!(path.extension().unwrap(), "gz");
    assert_eq!(path.strip_prefix("/tmp").unwrap(), Path::new("foo.tar.gz"));
    assert_eq!(
        path.strip_prefix(std::path::Path::new("/tmp/")).unwrap(),
        Path::new("foo.tar.gz")
    );
    assert!(path.strip_prefix("/usr").is_err());
    assert!(path.starts_with("/tmp"));
    assert!(!path.starts_with("/tm"));
    assert!(path.ends_with("foo.tar.gz"));
    assert!(!path.ends_with("gz"));
    assert_eq!(path.join("x"), PathBuf::from("/tmp/foo.tar.gz/x"));
    assert_eq!(path.join("/abs"), PathBuf::from("/abs"));
    assert_eq!(path.with_file_name("bar"), PathBuf::from("/tmp/bar"));
    assert_eq!(path.with_extension("xz"), PathBuf::from("/tmp/foo.tar.xz"));
    assert_eq!(path.display().to_string(), "/tmp/foo.tar.gz");
    assert_eq!(MAIN_SEPARATOR, std::path::MAIN_SEPARATOR);

    let mut buf = PathBuf::new();
    buf.push("/");
    buf.push("a");
    buf.push(Path::new("b.txt"));
    buf.push(std::path::Path::new("c"));
    assert_eq!(buf, Path::new("/a/b.txt/c"));
    assert!(buf.pop());
    buf.set_file_name("d.txt");
    assert_eq!(buf, Path::new("/a/d.txt"));
    assert!(buf.set_extension("md"));
    assert_eq!(buf, Path::new("/a/d.md"));
    assert_eq!(buf.as_path(), Path::new("/a/d.md"));

    let collected: PathBuf = ["/", "x", "y"].iter().collect();
    assert_eq!(collected, Path::new("/x/y"));
    let mut extended = PathBuf::from("/x");
    extended.extend([Path::new("y"), Path::new("z")]);
    assert_eq!(extended, Path::new("/x/y/z"));
}

#[test]
fn iterators() {
    let path = Path::new("/a/b/c");

    let ancestors: Ancestors<'_> = path.ancestors();
    let copy = ancestors;
    let all: Vec<&Path> = copy.collect();
    assert_eq!(
        all,
        [
            Path::new("/a/b/c"),
            Path::new("/a/b"),
            Path::new("/a"),
            Path::new("/")
        ]
    );
    let mut ancestors = ancestors;
    assert_eq!(ancestors.by_ref().count(), 4);
    assert_eq!(ancestors.next(), None);

    let mut components: Components<'_> = path.components();
    assert_eq!(components.next(), Some(Component::RootDir));
    assert_eq!(
        components.next_back(),
        Some(Component::Normal(OsStr::new("c")))
    );
    assert_eq!(components.as_path(), Path::new("a/b"));
    let as_path: &Path = components.as_ref();
    let as_os: &OsStr = components.as_ref();
    assert_eq!(as_path, Path::new("a/b"));
    assert_eq!(as_os, "a/b");
    assert_eq!(components.clone(), components);
    assert!(path.components() < Path::new("/a/c").components());

    let mut iter: Iter<'_> = path.iter();
    assert_eq!(iter.next(), Some(OsStr::new("/")));
    assert_eq!(iter.next_back(), Some(OsStr::new("c")));
    assert_eq!(iter.as_path(), Path::new("a/b"));
    let as_path: &Path = iter.as_ref();
    let as_os: &OsStr = iter.as_ref();
    assert_eq!(as_path, as_os);
    assert_eq!(format!("{iter:?}"), r#"Iter(["a", "b"])"#);

    let parts: Vec<&OsStr> = path.into_iter().collect();
    assert_eq!(parts, ["/", "a", "b", "c"]);
    let buf = path.to_path_buf();
    let parts: Vec<&OsStr> = (&buf).into_iter().collect();
    assert_eq!(parts.len(), 4);
    for part in &buf {
        assert!(!part.is_empty());
    }
}

#[cfg(feature = "unstable")]
#[test]
fn paths_collect_from_streams() {
    use async_std_compat::stream::{self, StreamExt};

    task::block_on(async {
        let path: PathBuf = stream::from_iter(vec!["/", "s", "t"]).collect().await;
        assert_eq!(path, Path::new("/s/t"));
        let mut path = PathBuf::from("/s");
        stream::extend(&mut path, stream::from_iter(vec![PathBuf::from("u")])).await;
        assert_eq!(path, Path::new("/s/u"));
    });
}

#[test]
fn auto_traits() {
    fn send_sync_unpin<T: Send + Sync + Unpin + ?Sized>() {}
    send_sync_unpin::<Path>();
    send_sync_unpin::<PathBuf>();
    send_sync_unpin::<Ancestors<'static>>();
    send_sync_unpin::<Components<'static>>();
    send_sync_unpin::<Iter<'static>>();
    fn fused<T: std::iter::FusedIterator>() {}
    fused::<Ancestors<'static>>();
    fused::<Components<'static>>();
    fused::<Iter<'static>>();
}
