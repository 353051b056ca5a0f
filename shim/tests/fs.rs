//! fs: the data safety of `File` (flush on drop), error messages, `ReadDir`, `Clone` and
//! `&File` I/O, `OpenOptions`, `DirBuilder` and the free functions.

use std::error::Error as _;
use std::io::ErrorKind;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_std_compat::fs::{self, DirBuilder, DirEntry, File, OpenOptions, ReadDir};
use async_std_compat::io::{self, SeekFrom};
use async_std_compat::path::{Path, PathBuf};
use async_std_compat::prelude::*;
use async_std_compat::task;

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "shim-fs-{}-{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            fastrand::u32(..),
            name
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn join(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pattern(len: usize, seed: usize) -> Vec<u8> {
    (0..len)
        .map(|i| ((i * 31 + seed * 7) % 251) as u8)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Data safety: a written `File` dropped without `flush` keeps every byte.
// ---------------------------------------------------------------------------------------

const SIZES: &[usize] = &[1, 5, 4096, 8191, 8192, 8193, 65_537, 100_000, 1_000_000];

#[test]
fn write_then_drop_without_flush_keeps_every_byte() {
    let dir = TempDir::new("drop");
    task::block_on(async {
        for iteration in 0..4 {
            for &size in SIZES {
                let path = dir.join(&format!("one-{iteration}-{size}"));
                let data = pattern(size, iteration);
                let mut file = File::create(&path).await.unwrap();
                file.write_all(&data).await.unwrap();
                drop(file);
                let back = std::fs::read(&path).unwrap();
                assert_eq!(back.len(), size, "size {size}, iteration {iteration}");
                assert!(
                    back == data,
                    "size {size}, iteration {iteration}: bytes differ"
                );
            }
        }
    });
}

#[test]
fn many_small_writes_then_drop_keep_every_byte() {
    let dir = TempDir::new("small");
    task::block_on(async {
        for iteration in 0..3 {
            for &size in &[10usize, 9000, 100_000] {
                let path = dir.join(&format!("small-{iteration}-{size}"));
                let data = pattern(size, iteration);
                let mut file = File::create(&path).await.unwrap();
                for chunk in data.chunks(7 + iteration) {
                    file.write_all(chunk).await.unwrap();
                }
                drop(file);
                assert!(std::fs::read(&path).unwrap() == data, "size {size}");
            }
        }
    });
}

#[test]
fn file_dropped_at_the_end_of_a_spawned_task_keeps_every_byte() {
    let dir = TempDir::new("spawned");
    task::block_on(async {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let path = dir.join(&format!("task-{i}"));
                task::spawn(async move {
                    let data = pattern(300_000 + i, i);
                    let mut file = File::create(&path).await.unwrap();
                    file.write_all(&data).await.unwrap();
                    (path, data)
                })
            })
            .collect();
        for handle in handles {
            let (path, data) = handle.await;
            assert!(std::fs::read(&path).unwrap() == data);
        }
    });
}

#[test]
fn clones_writing_in_turn_then_dropped_keep_every_byte() {
    let dir = TempDir::new("clones");
    let path = dir.join("f");
    task::block_on(async {
        let file = File::create(&path).await.unwrap();
        let mut a = file.clone();
        let mut b = file.clone();
        a.write_all(b"hello ").await.unwrap();
        b.write_all(b"world").await.unwrap();
        (&file).write_all(b"!").await.unwrap();
        drop(a);
        drop(b);
        drop(file);
    });
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello world!");
}

#[test]
fn concurrent_writers_and_readers_through_clones_lose_nothing() {
    let dir = TempDir::new("concurrent");
    let path = dir.join("f");
    task::block_on(async {
        let file = File::create(&path).await.unwrap();
        let writers: Vec<_> = (0..4u8)
            .map(|i| {
                let file = file.clone();
                task::spawn(async move {
                    for _ in 0..200 {
                        (&file).write_all(&[b'a' + i; 100]).await.unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.await;
        }
        drop(file);
        let data = std::fs::read(&path).unwrap();
        assert_eq!(data.len(), 4 * 200 * 100);
        for i in 0..4u8 {
            let count = data.iter().filter(|&&b| b == b'a' + i).count();
            assert_eq!(count, 200 * 100);
        }

        // Two clones share one cursor: together they read the file exactly once.
        let file = File::open(&path).await.unwrap();
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let mut file = file.clone();
                task::spawn(async move {
                    let mut total = 0;
                    let mut buf = vec![0u8; 777];
                    // Bounded: the file has 80_000 bytes.
                    for _ in 0..100_000 {
                        let n = file.read(&mut buf).await.unwrap();
                        if n == 0 {
                            break;
                        }
                        total += n;
                    }
                    total
                })
            })
            .collect();
        let mut total = 0;
        for reader in readers {
            total += reader.await;
        }
        assert_eq!(total, 4 * 200 * 100);
    });
}

// ---------------------------------------------------------------------------------------
// Error messages and kinds.
// ---------------------------------------------------------------------------------------

fn assert_wrapped(error: &io::Error, message: &str, kind: ErrorKind) {
    assert_eq!(error.to_string(), message);
    assert_eq!(error.kind(), kind);
    // The OS error is the source, not the error itself, as in async-std.
    assert_eq!(error.raw_os_error(), None);
    let source = error.source().expect("a source");
    let source = source
        .downcast_ref::<io::Error>()
        .expect("an io::Error source");
    assert_eq!(source.kind(), kind);
    assert!(source.raw_os_error().is_some());
}

#[test]
fn errors_name_the_operation_and_the_path() {
    let dir = TempDir::new("errors");
    let missing = dir.join("missing");
    let shown = missing.display().to_string();
    task::block_on(async {
        let error = File::open(&missing).await.unwrap_err();
        assert_wrapped(
            &error,
            &format!("could not open `{shown}`"),
            ErrorKind::NotFound,
        );

        let error = fs::read(&missing).await.unwrap_err();
        assert_wrapped(
            &error,
            &format!("could not read file `{shown}`"),
            ErrorKind::NotFound,
        );

        let error = fs::read_to_string(&missing).await.unwrap_err();
        assert_wrapped(
            &error,
            &format!("could not read file `{shown}`"),
            ErrorKind::NotFound,
        );

        let error = fs::read_dir(&missing).await.unwrap_err();
        let expected = format!("could not read directory `{shown}`");
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let error = fs::remove_file(&missing).await.unwrap_err();
        assert_wrapped(
            &error,
            &format!("could not remove file `{shown}`"),
            ErrorKind::NotFound,
        );

        let error = fs::remove_dir(&missing).await.unwrap_err();
        let expected = format!("could not remove directory `{shown}`");
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let error = fs::canonicalize(&missing).await.unwrap_err();
        let expected = format!("could not canonicalize `{shown}`");
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let error = fs::read_link(&missing).await.unwrap_err();
        assert_wrapped(
            &error,
            &format!("could not read link `{shown}`"),
            ErrorKind::NotFound,
        );

        let to = dir.join("to");
        let to_shown = to.display().to_string();
        let error = fs::copy(&missing, &to).await.unwrap_err();
        let expected = format!("could not copy `{shown}` to `{to_shown}`");
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let error = fs::rename(&missing, &to).await.unwrap_err();
        let expected = format!("could not rename `{shown}` to `{to_shown}`");
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let error = fs::hard_link(&missing, &to).await.unwrap_err();
        let expected = format!("could not create a hard link from `{shown}` to `{to_shown}`");
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let nested = dir.join("no/such/parent/file");
        let error = fs::write(&nested, b"x").await.unwrap_err();
        let expected = format!("could not write to file `{}`", nested.display());
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        let error = fs::create_dir(dir.join("no/such")).await.unwrap_err();
        let expected = format!(
            "could not create directory `{}`",
            dir.join("no/such").display()
        );
        assert_wrapped(&error, &expected, ErrorKind::NotFound);

        std::fs::write(dir.join("plain"), b"").unwrap();
        let error = fs::create_dir_all(dir.join("plain/sub")).await.unwrap_err();
        let expected = format!(
            "could not create directory path `{}`",
            dir.join("plain/sub").display()
        );
        assert_eq!(error.to_string(), expected);

        let error = fs::create_dir(&dir.0).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AlreadyExists);
        let expected = format!("could not create directory `{}`", dir.0.display());
        assert_eq!(error.to_string(), expected);
    });
}

#[test]
fn some_errors_are_std_errors_as_in_async_std() {
    let dir = TempDir::new("plain-errors");
    let missing = dir.join("missing");
    let missing_parent = dir.join("no/such/file");
    task::block_on(async {
        // `File::create`, `metadata`, `symlink_metadata`, `set_permissions`,
        // `OpenOptions::open` and `DirBuilder::create` add no message.
        let expected = std::fs::File::create(&missing_parent).unwrap_err();
        let error = File::create(&missing_parent).await.unwrap_err();
        assert_eq!(error.to_string(), expected.to_string());
        assert_eq!(error.raw_os_error(), expected.raw_os_error());

        let error = fs::metadata(&missing).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound);
        assert!(error.raw_os_error().is_some());

        let error = fs::symlink_metadata(&missing).await.unwrap_err();
        assert!(error.raw_os_error().is_some());

        let error = OpenOptions::new()
            .read(true)
            .open(&missing)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound);
        assert!(error.raw_os_error().is_some());

        let error = DirBuilder::new().create(&missing_parent).await.unwrap_err();
        assert!(error.raw_os_error().is_some());
    });
}

// ---------------------------------------------------------------------------------------
// ReadDir and DirEntry.
// ---------------------------------------------------------------------------------------

#[test]
fn read_dir_streams_every_entry() {
    let dir = TempDir::new("read-dir");
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.join(name), name.as_bytes()).unwrap();
    }
    std::fs::create_dir(dir.join("sub")).unwrap();
    task::block_on(async {
        let mut entries: ReadDir = fs::read_dir(&dir.0).await.unwrap();
        let mut seen = Vec::new();
        // Bounded: the directory has four entries.
        for _ in 0..10 {
            let Some(entry) = entries.next().await else {
                break;
            };
            let entry: DirEntry = entry.unwrap();
            let path: PathBuf = entry.path();
            let name = entry.file_name().into_string().unwrap();
            assert_eq!(path, PathBuf::from(dir.join(&name)));
            let file_type = entry.file_type().await.unwrap();
            let metadata = entry.clone().metadata().await.unwrap();
            if name == "sub" {
                assert!(file_type.is_dir() && metadata.is_dir());
            } else {
                assert!(file_type.is_file());
                assert_eq!(metadata.len(), name.len() as u64);
            }
            assert!(format!("{entry:?}").starts_with("DirEntry("));
            seen.push(name);
        }
        assert!(entries.next().await.is_none());
        seen.sort();
        assert_eq!(seen, ["a.txt", "b.txt", "c.txt", "sub"]);

        // The same stream from `Path::read_dir`, collected.
        let mut listed = Path::new(&dir.0).read_dir().await.unwrap();
        let mut count = 0;
        while let Some(entry) = listed.next().await {
            entry.unwrap();
            count += 1;
            assert!(count <= 4);
        }
        assert_eq!(count, 4);
    });
}

#[cfg(unix)]
#[test]
fn dir_entry_inode_matches_metadata() {
    use async_std_compat::os::unix::fs::DirEntryExt;
    use std::os::unix::fs::MetadataExt;

    let dir = TempDir::new("ino");
    std::fs::write(dir.join("f"), b"").unwrap();
    task::block_on(async {
        let mut entries = fs::read_dir(&dir.0).await.unwrap();
        let entry = entries.next().await.unwrap().unwrap();
        assert_eq!(entry.ino(), std::fs::metadata(dir.join("f")).unwrap().ino());
    });
}

// ---------------------------------------------------------------------------------------
// File: Clone, &File I/O, seeking, the read cache.
// ---------------------------------------------------------------------------------------

#[test]
fn shared_reference_reads_writes_and_seeks() {
    let dir = TempDir::new("shared-ref");
    let path = dir.join("f");
    task::block_on(async {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .await
            .unwrap();
        let (mut reader, mut writer) = (&file, &file);
        writer.write_all(b"hello world").await.unwrap();
        assert_eq!(writer.seek(SeekFrom::Current(0)).await.unwrap(), 11);
        reader.seek(SeekFrom::Start(6)).await.unwrap();
        let mut word = String::new();
        reader.read_to_string(&mut word).await.unwrap();
        assert_eq!(word, "world");

        // A clone shares the cursor.
        let mut clone = file.clone();
        clone.seek(SeekFrom::Start(0)).await.unwrap();
        let mut first = [0u8; 5];
        (&file).read_exact(&mut first).await.unwrap();
        assert_eq!(&first, b"hello");
        assert_eq!(clone.seek(SeekFrom::Current(0)).await.unwrap(), 5);
    });
}

#[test]
fn positions_account_for_the_caches() {
    let dir = TempDir::new("positions");
    let path = dir.join("f");
    std::fs::write(&path, pattern(10_000, 1)).unwrap();
    task::block_on(async {
        let mut file = File::open(&path).await.unwrap();
        let mut buf = [0u8; 100];
        file.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf[..], &pattern(10_000, 1)[..100]);
        assert_eq!(file.seek(SeekFrom::Current(0)).await.unwrap(), 100);
        // Backwards and forwards within what was read, then elsewhere.
        assert_eq!(file.seek(SeekFrom::Current(-50)).await.unwrap(), 50);
        let mut byte = [0u8; 1];
        file.read_exact(&mut byte).await.unwrap();
        assert_eq!(byte[0], pattern(10_000, 1)[50]);
        assert_eq!(file.seek(SeekFrom::End(-1)).await.unwrap(), 9_999);
        file.read_exact(&mut byte).await.unwrap();
        assert_eq!(byte[0], pattern(10_000, 1)[9_999]);
        assert_eq!(file.read(&mut byte).await.unwrap(), 0);

        let mut out = File::create(dir.join("g")).await.unwrap();
        out.write_all(b"12345").await.unwrap();
        assert_eq!(out.seek(SeekFrom::Current(0)).await.unwrap(), 5);
        out.seek(SeekFrom::Start(1)).await.unwrap();
        out.write_all(b"X").await.unwrap();
        drop(out);
        assert_eq!(std::fs::read(dir.join("g")).unwrap(), b"1X345");
    });
}

#[test]
fn end_of_file_is_not_permanent() {
    let dir = TempDir::new("eof");
    let path = dir.join("f");
    task::block_on(async {
        let mut writer = File::create(&path).await.unwrap();
        let mut reader = File::open(&path).await.unwrap();
        let mut buf = [0u8; 4];
        writer.write_all(b"data").await.unwrap();
        writer.flush().await.unwrap();
        assert_eq!(reader.read(&mut buf).await.unwrap(), 4);
        assert_eq!(&buf, b"data");
        assert_eq!(reader.read(&mut buf).await.unwrap(), 0);
        writer.write_all(b"more").await.unwrap();
        writer.flush().await.unwrap();
        assert_eq!(reader.read(&mut buf).await.unwrap(), 4);
        assert_eq!(&buf, b"more");
        assert_eq!(reader.read(&mut buf).await.unwrap(), 0);
    });
}

#[test]
fn write_after_read_goes_where_the_reader_stopped() {
    let dir = TempDir::new("read-write");
    let path = dir.join("f");
    std::fs::write(&path, b"abcdefgh").unwrap();
    task::block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .await
            .unwrap();
        let mut two = [0u8; 2];
        file.read_exact(&mut two).await.unwrap();
        assert_eq!(&two, b"ab");
        file.write_all(b"XY").await.unwrap();
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"abXYefgh");
}

#[test]
fn sync_set_len_metadata_and_permissions() {
    let dir = TempDir::new("sync");
    let path = dir.join("f");
    task::block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .unwrap();
        file.write_all(&[7u8; 1000]).await.unwrap();
        // sync_all flushes the write cache first.
        file.sync_all().await.unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 1000);
        assert_eq!(file.metadata().await.unwrap().len(), 1000);

        file.write_all(&[1u8; 24]).await.unwrap();
        file.sync_data().await.unwrap();
        assert_eq!(file.metadata().await.unwrap().len(), 1024);

        file.set_len(10).await.unwrap();
        assert_eq!(file.metadata().await.unwrap().len(), 10);
        file.set_len(20).await.unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            [&[7u8; 10][..], &[0u8; 10]].concat()
        );

        let mut perms = file.metadata().await.unwrap().permissions();
        perms.set_readonly(true);
        file.set_permissions(perms.clone()).await.unwrap();
        assert!(fs::metadata(&path).await.unwrap().permissions().readonly());
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        fs::set_permissions(&path, perms).await.unwrap();
        assert!(!fs::metadata(&path).await.unwrap().permissions().readonly());
    });
}

#[test]
fn conversions_from_std_and_into_descriptors() {
    let dir = TempDir::new("convert");
    let path = dir.join("f");
    task::block_on(async {
        let std_file = std::fs::File::create(&path).unwrap();
        let mut file = File::from(std_file);
        file.write_all(b"through std").await.unwrap();
        assert!(format!("{file:?}").contains("File"));

        #[cfg(unix)]
        {
            use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd};
            let raw = file.as_raw_fd();
            // Giving up the descriptor flushes the cache first.
            assert_eq!(file.into_raw_fd(), raw);
            assert_eq!(std::fs::read(&path).unwrap(), b"through std");
            #[allow(unsafe_code)]
            let mut again = unsafe { File::from_raw_fd(raw) };
            again.write_all(b"!").await.unwrap();
        }
    });
    #[cfg(unix)]
    assert_eq!(std::fs::read(&path).unwrap(), b"through std!");
}

#[cfg(all(unix, feature = "io_safety"))]
#[test]
fn owned_descriptors() {
    use std::os::unix::io::{AsFd, OwnedFd};
    let dir = TempDir::new("owned");
    let path = dir.join("f");
    task::block_on(async {
        let mut file = File::create(&path).await.unwrap();
        let _ = file.as_fd();
        file.write_all(b"owned").await.unwrap();
        let fd: OwnedFd = file.into();
        assert_eq!(std::fs::read(&path).unwrap(), b"owned");
        let _file = File::from(fd);
    });
}

#[test]
#[should_panic(expected = "cannot acquire ownership of the file handle after drop")]
#[cfg(unix)]
fn giving_up_a_shared_descriptor_panics_as_in_async_std() {
    use std::os::unix::io::IntoRawFd;
    let dir = TempDir::new("shared-fd");
    task::block_on(async {
        let file = File::create(dir.join("f")).await.unwrap();
        let _clone = file.clone();
        let _fd = file.into_raw_fd();
    });
}

// ---------------------------------------------------------------------------------------
// OpenOptions and DirBuilder.
// ---------------------------------------------------------------------------------------

#[test]
fn open_options_modes() {
    let dir = TempDir::new("options");
    let path = dir.join("f");
    task::block_on(async {
        let mut options = OpenOptions::default();
        options.write(true).create_new(true);
        let mut file = options.clone().open(&path).await.unwrap();
        file.write_all(b"one").await.unwrap();
        drop(file);
        let error = options.open(&path).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AlreadyExists);

        let mut file = OpenOptions::new().append(true).open(&path).await.unwrap();
        file.write_all(b" two").await.unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&path).await.unwrap(), "one two");

        let mut file = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .await
            .unwrap();
        file.write_all(b"3").await.unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&path).await.unwrap(), "3");

        // A read-only file refuses writes.
        let mut file = OpenOptions::new().read(true).open(&path).await.unwrap();
        let result = async {
            file.write_all(b"no").await?;
            file.flush().await
        }
        .await;
        assert!(result.is_err());
        assert!(format!("{:?}", OpenOptions::new()).starts_with("OpenOptions("));
    });
}

#[cfg(unix)]
#[test]
fn unix_modes_for_files_and_directories() {
    use async_std_compat::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    use std::os::unix::fs::PermissionsExt;

    let dir = TempDir::new("modes");
    task::block_on(async {
        let path = dir.join("private");
        OpenOptions::new()
            .write(true)
            .create(true)
            .mode(0o600)
            .custom_flags(0)
            .open(&path)
            .await
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        let nested = dir.join("a/b/c");
        let mut builder = DirBuilder::new();
        builder.recursive(true).mode(0o700);
        builder.create(&nested).await.unwrap();
        assert!(std::fs::metadata(&nested).unwrap().is_dir());
        assert_eq!(
            std::fs::metadata(&nested).unwrap().permissions().mode() & 0o777,
            0o700
        );
        // Recursive creation of an existing directory succeeds; plain creation fails.
        builder.create(&nested).await.unwrap();
        let error = DirBuilder::new().create(&nested).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AlreadyExists);
        assert!(format!("{builder:?}").contains("recursive: true"));
    });
}

// ---------------------------------------------------------------------------------------
// Free functions.
// ---------------------------------------------------------------------------------------

#[test]
fn free_functions_round_trip() {
    let dir = TempDir::new("free");
    task::block_on(async {
        let a = dir.join("a.txt");
        fs::write(&a, "contents").await.unwrap();
        assert_eq!(fs::read(&a).await.unwrap(), b"contents");
        assert_eq!(fs::read_to_string(&a).await.unwrap(), "contents");

        let b = dir.join("b.txt");
        assert_eq!(fs::copy(&a, &b).await.unwrap(), 8);
        let c = dir.join("c.txt");
        fs::rename(&b, &c).await.unwrap();
        assert!(!Path::new(&b).exists().await);
        let d = dir.join("d.txt");
        fs::hard_link(&c, &d).await.unwrap();
        assert_eq!(fs::read_to_string(&d).await.unwrap(), "contents");
        fs::remove_file(&c).await.unwrap();
        fs::remove_file(&d).await.unwrap();

        let nested = dir.join("x/y/z");
        fs::create_dir_all(&nested).await.unwrap();
        fs::create_dir(nested.join("w")).await.unwrap();
        fs::remove_dir(nested.join("w")).await.unwrap();
        fs::remove_dir_all(dir.join("x")).await.unwrap();
        assert!(!Path::new(&dir.join("x")).exists().await);

        let canonical: PathBuf = fs::canonicalize(&a).await.unwrap();
        assert_eq!(canonical, PathBuf::from(std::fs::canonicalize(&a).unwrap()));
        assert!(fs::metadata(&a).await.unwrap().is_file());

        // Invalid UTF-8 is InvalidData, with the message.
        fs::write(&a, [0xff, 0xfe]).await.unwrap();
        let error = fs::read_to_string(&a).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidData);
        assert_eq!(
            error.to_string(),
            format!("could not read file `{}`", a.display())
        );
    });
}

#[cfg(unix)]
#[test]
fn symlinks() {
    use async_std_compat::os::unix::fs::symlink;

    let dir = TempDir::new("symlinks");
    task::block_on(async {
        let target = dir.join("target");
        fs::write(&target, b"t").await.unwrap();
        let link = dir.join("link");
        symlink(&target, &link).await.unwrap();
        let read: PathBuf = fs::read_link(&link).await.unwrap();
        assert_eq!(read, PathBuf::from(target.clone()));
        assert!(fs::symlink_metadata(&link)
            .await
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(fs::metadata(&link).await.unwrap().is_file());
        let error = symlink(&target, &link).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AlreadyExists);
    });
}

#[test]
fn paths_of_every_kind_are_accepted() {
    let dir = TempDir::new("arguments");
    let std_path: &std::path::Path = &dir.join("std");
    let shim_path: PathBuf = dir.join("shim").into();
    let string: String = dir.join("string").display().to_string();
    task::block_on(async {
        fs::write(std_path, b"1").await.unwrap();
        fs::write(&shim_path, b"2").await.unwrap();
        fs::write(shim_path.as_path(), b"2").await.unwrap();
        fs::write(&string, b"3").await.unwrap();
        fs::write(string.as_str(), b"3").await.unwrap();
        assert_eq!(fs::read(std_path.to_path_buf()).await.unwrap(), b"1");
        assert_eq!(fs::read(shim_path).await.unwrap(), b"2");
        assert_eq!(fs::read(string).await.unwrap(), b"3");
    });
}

// ---------------------------------------------------------------------------------------
// Types and traits.
// ---------------------------------------------------------------------------------------

#[test]
fn types_are_send_sync_unpin_and_futures_are_send() {
    fn send_sync_unpin<T: Send + Sync + Unpin>() {}
    send_sync_unpin::<File>();
    send_sync_unpin::<OpenOptions>();
    send_sync_unpin::<DirBuilder>();
    send_sync_unpin::<DirEntry>();
    send_sync_unpin::<ReadDir>();

    fn send<T: Send>(_: &T) {}
    send(&File::open("x"));
    send(&OpenOptions::new().open("x"));
    send(&DirBuilder::new().create("x"));
    send(&fs::read_to_string("x"));
    send(&fs::copy("x", "y"));
    send(&Path::new("x").exists());

    fn io_traits<T: io::Read + io::Write + io::Seek + Clone + std::fmt::Debug>() {}
    io_traits::<File>();
    fn ref_io_traits<T: io::Read + io::Write + io::Seek>() {}
    ref_io_traits::<&File>();
}
