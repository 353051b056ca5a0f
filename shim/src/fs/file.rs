//! [`File`]: an open file with async-std's semantics (a shared read/write cache, `Clone`,
//! I/O through `&File`, and a flush when dropped).

use std::fmt;
use std::io::{Read as _, Seek as _, Write as _};
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use futures_lite::io::{AsyncRead, AsyncSeek, AsyncWrite};
use futures_lite::{future, ready};

use super::{with_context, Metadata, Permissions};
use crate::io::{self, SeekFrom};
use crate::path::Path;
use crate::task::spawn_blocking;

/// The panic message of the conversions into a raw or owned descriptor when the file
/// has other clones (async-std's wording).
const STILL_SHARED: &str = "cannot acquire ownership of the file handle after drop";

/// The smallest write cache: small writes are gathered until this many bytes.
const MIN_WRITE_CACHE: usize = 8 * 1024;

/// An open file on the filesystem: async-std's `File`.
///
/// Reads and writes go through a cache, and the system calls run on the blocking thread
/// pool. As in async-std:
///
/// - **dropping a `File` flushes it**: data written and not yet flushed reaches the file
///   when the handle is dropped (this blocks the dropping thread for as long as the
///   write takes, as async-std's does). Errors of that flush are ignored; call
///   [`flush`](crate::io::WriteExt::flush) or [`sync_all`](File::sync_all) to see them;
/// - a `File` is [`Clone`], and the clones share one file handle, one cursor and one
///   cache;
/// - [`Read`](crate::io::Read), [`Write`](crate::io::Write) and [`Seek`](crate::io::Seek)
///   are implemented for `&File` as well as `File`;
/// - reaching the end of the file is not permanent: a later read sees data appended in
///   the meantime.
///
/// One difference: [`close`](futures_lite::AsyncWriteExt::close) flushes the write
/// cache here, where async-std's `close` does nothing (and the data would only be
/// written by the flush on drop).
///
/// ```
/// use async_std_compat::fs::File;
/// use async_std_compat::prelude::*;
///
/// # async_std_compat::task::block_on(async {
/// let path = std::env::temp_dir().join(format!("shim-file-doc-{}", std::process::id()));
/// let mut file = File::create(&path).await?;
/// file.write_all(b"Hello, world!").await?;
/// file.flush().await?;
///
/// let mut contents = String::new();
/// File::open(&path).await?.read_to_string(&mut contents).await?;
/// assert_eq!(contents, "Hello, world!");
/// # async_std_compat::fs::remove_file(&path).await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Clone)]
pub struct File {
    /// The file handle, for the operations that do not go through the cache.
    file: Arc<std::fs::File>,
    /// The cache, shared by the clones and lent to one operation at a time.
    shared: Arc<Shared>,
}

impl File {
    /// Wraps an open std file; `flushed` says whether it is known to have nothing to
    /// flush.
    pub(crate) fn new(file: std::fs::File, flushed: bool) -> File {
        File {
            file: Arc::new(file),
            shared: Arc::new(Shared {
                slot: Mutex::new(Slot {
                    state: Some(State {
                        mode: Mode::Idle,
                        cache: Vec::new(),
                        flushed,
                        read_error: None,
                        write_error: None,
                    }),
                    waiters: Vec::new(),
                }),
            }),
        }
    }

    /// Opens a file in read-only mode.
    ///
    /// See [`OpenOptions`](super::OpenOptions) for other modes. Errors if the file does
    /// not exist or cannot be read, with the message ``could not open `...` ``.
    ///
    /// ```no_run
    /// use async_std_compat::fs::File;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let file = File::open("a.txt").await?;
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    pub async fn open<P: AsRef<Path>>(path: P) -> io::Result<File> {
        let path = path.as_ref().to_path_buf();
        let file = spawn_blocking(move || {
            std::fs::File::open(&path).map_err(|error| {
                with_context(error, format!("could not open `{}`", path.display()))
            })
        })
        .await?;
        Ok(File::new(file, true))
    }

    /// Opens a file in write-only mode, creating it if it does not exist and truncating
    /// it if it does.
    ///
    /// Its errors are std's, without an added message, as in async-std.
    ///
    /// ```no_run
    /// use async_std_compat::fs::File;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let file = File::create("a.txt").await?;
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    pub async fn create<P: AsRef<Path>>(path: P) -> io::Result<File> {
        let path = path.as_ref().to_path_buf();
        let file = spawn_blocking(move || std::fs::File::create(&path)).await?;
        Ok(File::new(file, true))
    }

    /// Flushes the write cache, then makes the operating system write the file's data
    /// and metadata to the disk.
    pub async fn sync_all(&self) -> io::Result<()> {
        let guard = future::poll_fn(|cx| {
            let guard = ready!(self.shared.poll_lock(cx));
            poll_flush(guard, &self.file, cx)
        })
        .await?;
        self.run_with(guard, |file| file.sync_all()).await
    }

    /// Flushes the write cache, then makes the operating system write the file's data
    /// (but not necessarily its metadata) to the disk.
    pub async fn sync_data(&self) -> io::Result<()> {
        let guard = future::poll_fn(|cx| {
            let guard = ready!(self.shared.poll_lock(cx));
            poll_flush(guard, &self.file, cx)
        })
        .await?;
        self.run_with(guard, |file| file.sync_data()).await
    }

    /// Truncates or extends the file to `size` bytes; an extension is filled with
    /// zeros. The cursor does not move.
    ///
    /// The read cache is dropped and the write cache flushed first.
    pub async fn set_len(&self, size: u64) -> io::Result<()> {
        let guard = future::poll_fn(|cx| {
            let mut guard = ready!(self.shared.poll_lock(cx));
            discard_read_cache(&mut guard, &self.file);
            poll_flush(guard, &self.file, cx)
        })
        .await?;
        self.run_with(guard, move |file| file.set_len(size)).await
    }

    /// Reads the file's metadata.
    pub async fn metadata(&self) -> io::Result<Metadata> {
        let file = self.file.clone();
        spawn_blocking(move || file.metadata()).await
    }

    /// Changes the file's permissions.
    pub async fn set_permissions(&self, perm: Permissions) -> io::Result<()> {
        let file = self.file.clone();
        spawn_blocking(move || file.set_permissions(perm)).await
    }

    /// Runs `op` on the blocking pool while holding the cache lock.
    async fn run_with<T, F>(&self, guard: Guard, op: F) -> io::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&std::fs::File) -> io::Result<T> + Send + 'static,
    {
        let file = self.file.clone();
        spawn_blocking(move || {
            let result = op(&file);
            // The handle goes before the lock, so that whoever takes the lock next may
            // find the file handle unshared.
            drop(file);
            drop(guard);
            result
        })
        .await
    }

    /// Flushes (by dropping this handle) and takes the std file out; panics if other
    /// clones exist.
    #[cfg(any(unix, windows))]
    fn into_std(self) -> std::fs::File {
        let file = self.file.clone();
        drop(self);
        Arc::try_unwrap(file).expect(STILL_SHARED)
    }
}

impl Drop for File {
    fn drop(&mut self) {
        // A blocking flush, as async-std does: the only alternative is to lose the data
        // left in the write cache.
        let _ = future::block_on(future::poll_fn(|cx| {
            let guard = ready!(self.shared.poll_lock(cx));
            poll_flush(guard, &self.file, cx).map_ok(drop)
        }));
    }
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.file.fmt(f)
    }
}

impl From<std::fs::File> for File {
    /// Wraps a std file; its cursor is kept.
    fn from(file: std::fs::File) -> File {
        File::new(file, false)
    }
}

impl AsyncRead for File {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut &*self).poll_read(cx, buf)
    }
}

impl AsyncRead for &File {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let guard = ready!(self.shared.poll_lock(cx));
        poll_read(guard, &self.file, cx, buf)
    }
}

impl AsyncWrite for File {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut &*self).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut &*self).poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut &*self).poll_close(cx)
    }
}

impl AsyncWrite for &File {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let guard = ready!(self.shared.poll_lock(cx));
        poll_write(guard, &self.file, cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let guard = ready!(self.shared.poll_lock(cx));
        poll_flush(guard, &self.file, cx).map_ok(drop)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_flush(cx)
    }
}

impl AsyncSeek for File {
    fn poll_seek(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        pos: SeekFrom,
    ) -> Poll<io::Result<u64>> {
        Pin::new(&mut &*self).poll_seek(cx, pos)
    }
}

impl AsyncSeek for &File {
    fn poll_seek(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        pos: SeekFrom,
    ) -> Poll<io::Result<u64>> {
        let guard = ready!(self.shared.poll_lock(cx));
        poll_seek(guard, &self.file, cx, pos)
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};

    use super::File;

    impl AsRawFd for File {
        fn as_raw_fd(&self) -> RawFd {
            self.file.as_raw_fd()
        }
    }

    #[allow(unsafe_code)]
    impl FromRawFd for File {
        unsafe fn from_raw_fd(fd: RawFd) -> File {
            // SAFETY: the caller upholds `FromRawFd`'s contract (`fd` is open and owned
            // by nobody else), which is exactly what std's `from_raw_fd` requires.
            File::from(unsafe { std::fs::File::from_raw_fd(fd) })
        }
    }

    impl IntoRawFd for File {
        /// Flushes the file and gives up its descriptor.
        ///
        /// Panics if the file has clones, as async-std's does.
        fn into_raw_fd(self) -> RawFd {
            self.into_std().into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};

        use super::super::File;

        impl AsFd for File {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.file.as_fd()
            }
        }

        impl From<OwnedFd> for File {
            fn from(fd: OwnedFd) -> File {
                File::from(std::fs::File::from(fd))
            }
        }

        impl From<File> for OwnedFd {
            /// Flushes the file and gives up its descriptor.
            ///
            /// Panics if the file has clones, as async-std's does.
            fn from(file: File) -> OwnedFd {
                file.into_std().into()
            }
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::{AsRawHandle, FromRawHandle, IntoRawHandle, RawHandle};

    use super::File;

    impl AsRawHandle for File {
        fn as_raw_handle(&self) -> RawHandle {
            self.file.as_raw_handle()
        }
    }

    #[allow(unsafe_code)]
    impl FromRawHandle for File {
        unsafe fn from_raw_handle(handle: RawHandle) -> File {
            // SAFETY: the caller upholds `FromRawHandle`'s contract, which is exactly
            // what std's `from_raw_handle` requires.
            File::from(unsafe { std::fs::File::from_raw_handle(handle) })
        }
    }

    impl IntoRawHandle for File {
        fn into_raw_handle(self) -> RawHandle {
            self.into_std().into_raw_handle()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::windows::io::{AsHandle, BorrowedHandle, OwnedHandle};

        use super::super::File;

        impl AsHandle for File {
            fn as_handle(&self) -> BorrowedHandle<'_> {
                self.file.as_handle()
            }
        }

        impl From<OwnedHandle> for File {
            fn from(handle: OwnedHandle) -> File {
                File::from(std::fs::File::from(handle))
            }
        }

        impl From<File> for OwnedHandle {
            fn from(file: File) -> OwnedHandle {
                file.into_std().into()
            }
        }
    }
}

/// What the cache holds.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// Nothing.
    Idle,
    /// Bytes read ahead of the cursor; the user has consumed them up to this index.
    Reading(usize),
    /// Bytes written by the user and not yet written to the file.
    Writing,
}

/// A file's cache, and the errors of background operations waiting to be reported.
struct State {
    mode: Mode,
    cache: Vec<u8>,
    /// Whether everything written has been flushed.
    flushed: bool,
    /// The error of a background read, returned by the next read.
    read_error: Option<io::Error>,
    /// The error of a background write, returned by the next write, flush or seek.
    write_error: Option<io::Error>,
}

/// The lock around a [`State`]: the state is lent out whole to the guard, and put back
/// (waking every waiting task) when the guard drops. A guard may be moved to the
/// blocking pool, which keeps the file locked until the operation is over.
struct Shared {
    slot: Mutex<Slot>,
}

struct Slot {
    /// `None` while a guard holds the state.
    state: Option<State>,
    /// The tasks to wake when the state is put back.
    waiters: Vec<Waker>,
}

impl Shared {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the state, or registers the task to be woken when it is put back.
    fn poll_lock(self: &Arc<Self>, cx: &mut Context<'_>) -> Poll<Guard> {
        let mut slot = self.slot();
        match slot.state.take() {
            Some(state) => Poll::Ready(Guard {
                state: Some(state),
                shared: Some(self.clone()),
            }),
            None => {
                add_waiter(&mut slot.waiters, cx.waker());
                Poll::Pending
            }
        }
    }
}

fn add_waiter(waiters: &mut Vec<Waker>, waker: &Waker) {
    if !waiters.iter().any(|waiter| waiter.will_wake(waker)) {
        waiters.push(waker.clone());
    }
}

/// The holder of a file's [`State`]; both fields are `Some` until it drops.
struct Guard {
    state: Option<State>,
    shared: Option<Arc<Shared>>,
}

impl Guard {
    /// Makes the current task be woken when this guard is released.
    fn wake_on_release(&self, cx: &Context<'_>) {
        if let Some(shared) = &self.shared {
            add_waiter(&mut shared.slot().waiters, cx.waker());
        }
    }
}

impl Deref for Guard {
    type Target = State;

    fn deref(&self) -> &State {
        self.state
            .as_ref()
            .expect("file state taken before the guard dropped")
    }
}

impl DerefMut for Guard {
    fn deref_mut(&mut self) -> &mut State {
        self.state
            .as_mut()
            .expect("file state taken before the guard dropped")
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let (Some(state), Some(shared)) = (self.state.take(), self.shared.take()) else {
            return;
        };
        let waiters = {
            let mut slot = shared.slot();
            slot.state = Some(state);
            std::mem::take(&mut slot.waiters)
        };
        // Release our reference before waking anyone, so that a woken task that is
        // the last owner can unwrap what it owns.
        drop(shared);
        for waiter in waiters {
            waiter.wake();
        }
    }
}

/// Runs `op` on the blocking pool with the file locked; the current task is woken when
/// the lock is released, after `op` has run.
fn run_locked<F>(mut guard: Guard, file: &Arc<std::fs::File>, cx: &Context<'_>, op: F)
where
    F: FnOnce(&mut State, &std::fs::File) + Send + 'static,
{
    guard.wake_on_release(cx);
    let file = file.clone();
    blocking::unblock(move || {
        op(&mut guard, &file);
        // The handle goes before the lock (see `File::run_with`).
        drop(file);
        drop(guard);
    })
    .detach();
}

/// Puts the cursor back where the user's reads left it and empties the read cache.
fn discard_read_cache(state: &mut State, file: &std::fs::File) {
    if let Mode::Reading(start) = state.mode {
        let unread = state.cache.len() - start;
        if unread > 0 {
            // Moving the cursor does not block. Errors are ignored: some special files
            // cannot seek, and there is nothing better to do for them.
            let mut file = file;
            let _ = file.seek(SeekFrom::Current(-(unread as i64)));
        }
        state.cache.clear();
        state.mode = Mode::Idle;
    }
}

fn poll_read(
    mut guard: Guard,
    file: &Arc<std::fs::File>,
    cx: &mut Context<'_>,
    buf: &mut [u8],
) -> Poll<io::Result<usize>> {
    if let Some(error) = guard.read_error.take() {
        return Poll::Ready(Err(error));
    }
    match guard.mode {
        Mode::Idle => {}
        Mode::Reading(start) => {
            let cached = guard.cache.len() - start;
            if cached > 0 {
                let n = cached.min(buf.len());
                buf[..n].copy_from_slice(&guard.cache[start..start + n]);
                guard.mode = Mode::Reading(start + n);
                return Poll::Ready(Ok(n));
            }
            if guard.cache.is_empty() {
                // The last read found the end of the file. Report it once and go back
                // to idle, so that the next read looks again: the file may grow.
                guard.mode = Mode::Idle;
                return Poll::Ready(Ok(0));
            }
        }
        Mode::Writing => guard = ready!(poll_flush(guard, file, cx))?,
    }
    if buf.is_empty() {
        return Poll::Ready(Ok(0));
    }
    let len = buf.len();
    run_locked(guard, file, cx, move |state, file| {
        state.cache.clear();
        state.cache.resize(len, 0);
        let mut file = file;
        match file.read(&mut state.cache) {
            Ok(n) => {
                state.cache.truncate(n);
                state.mode = Mode::Reading(0);
            }
            Err(error) => {
                state.cache.clear();
                state.mode = Mode::Idle;
                state.read_error = Some(error);
            }
        }
    });
    Poll::Pending
}

fn poll_write(
    mut guard: Guard,
    file: &Arc<std::fs::File>,
    cx: &mut Context<'_>,
    buf: &[u8],
) -> Poll<io::Result<usize>> {
    if let Some(error) = guard.write_error.take() {
        return Poll::Ready(Err(error));
    }
    discard_read_cache(&mut guard, file);
    if buf.is_empty() {
        return Poll::Ready(Ok(0));
    }
    if guard.cache.is_empty() {
        let wanted = buf.len().max(MIN_WRITE_CACHE);
        guard.cache.reserve(wanted);
    }
    let room = guard.cache.capacity() - guard.cache.len();
    if room == 0 {
        // The cache is full: write it out, and take more once that is done.
        start_drain(guard, file, cx);
        return Poll::Pending;
    }
    let n = room.min(buf.len());
    guard.cache.extend_from_slice(&buf[..n]);
    guard.flushed = false;
    guard.mode = Mode::Writing;
    Poll::Ready(Ok(n))
}

/// Writes the write cache out in the background.
fn start_drain(guard: Guard, file: &Arc<std::fs::File>, cx: &Context<'_>) {
    run_locked(guard, file, cx, |state, file| {
        let mut file = file;
        match file.write_all(&state.cache) {
            Ok(()) => {
                state.cache.clear();
                state.mode = Mode::Idle;
            }
            Err(error) => state.write_error = Some(error),
        }
    });
}

/// Empties the write cache into the file; ready with the guard once it is empty.
fn poll_drain(
    mut guard: Guard,
    file: &Arc<std::fs::File>,
    cx: &mut Context<'_>,
) -> Poll<io::Result<Guard>> {
    if let Some(error) = guard.write_error.take() {
        return Poll::Ready(Err(error));
    }
    match guard.mode {
        Mode::Idle | Mode::Reading(_) => Poll::Ready(Ok(guard)),
        Mode::Writing => {
            start_drain(guard, file, cx);
            Poll::Pending
        }
    }
}

/// Drains the write cache and flushes the file; ready with the guard once done.
fn poll_flush(
    guard: Guard,
    file: &Arc<std::fs::File>,
    cx: &mut Context<'_>,
) -> Poll<io::Result<Guard>> {
    if guard.flushed {
        return Poll::Ready(Ok(guard));
    }
    let mut guard = ready!(poll_drain(guard, file, cx))?;
    // std's `File::flush` has nothing to do (std does not buffer), so it does not block.
    let mut handle: &std::fs::File = file;
    handle.flush()?;
    guard.flushed = true;
    Poll::Ready(Ok(guard))
}

fn poll_seek(
    mut guard: Guard,
    file: &Arc<std::fs::File>,
    cx: &mut Context<'_>,
    pos: SeekFrom,
) -> Poll<io::Result<u64>> {
    let mut handle: &std::fs::File = file;
    if pos == SeekFrom::Current(0) {
        // Only a query: report the user's position, accounting for the cache. Asking
        // the OS for the cursor does not block.
        let os_position = handle.stream_position()?;
        let position = match guard.mode {
            Mode::Idle => os_position,
            Mode::Reading(start) => os_position - (guard.cache.len() - start) as u64,
            Mode::Writing => os_position + guard.cache.len() as u64,
        };
        return Poll::Ready(Ok(position));
    }
    if let (Mode::Reading(start), SeekFrom::Current(offset)) = (guard.mode, pos) {
        // A move within the read cache keeps the cache.
        if let Some(new) = (start as i64).checked_add(offset) {
            if (0..=guard.cache.len() as i64).contains(&new) {
                let os_position = handle.stream_position()?;
                guard.mode = Mode::Reading(new as usize);
                return Poll::Ready(Ok(os_position - guard.cache.len() as u64 + new as u64));
            }
        }
    }
    discard_read_cache(&mut guard, file);
    let _guard = ready!(poll_flush(guard, file, cx))?;
    Poll::Ready(handle.seek(pos))
}
