//! `os::unix::net`: Unix domain listeners, streams and datagram sockets.
#![cfg(unix)]

use std::io::ErrorKind;
use std::net::Shutdown;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_std_compat::io;
use async_std_compat::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd};
use async_std_compat::os::unix::net::{Incoming, UnixDatagram, UnixListener, UnixStream};
use async_std_compat::prelude::*;
use async_std_compat::task;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Fails the test with `TimedOut` instead of hanging when `f` does not finish in time.
async fn bounded<T>(f: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    async_std_compat::future::timeout(TIMEOUT, f)
        .await
        .map_err(|_| io::Error::new(ErrorKind::TimedOut, "test timed out"))?
}

/// A fresh, empty directory for one test's socket files, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "shim-uds-{}-{}-{}",
            name,
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("cannot create the temp dir");
        TempDir(path)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn listener_and_stream_echo() -> io::Result<()> {
    let dir = TempDir::new("echo");
    let path = dir.join("sock");
    task::block_on(async {
        let listener = UnixListener::bind(&path).await?;
        assert_eq!(listener.local_addr()?.as_pathname(), Some(path.as_path()));

        let server = task::spawn(async move {
            let mut incoming: Incoming<'_> = listener.incoming();
            for _ in 0..3 {
                let stream = incoming.next().await.expect("the stream never ends")?;
                // Echo through shared references, as async-std allows.
                let mut buf = [0u8; 64];
                let n = (&stream).read(&mut buf).await?;
                (&stream).write_all(&buf[..n]).await?;
            }
            io::Result::Ok(())
        });

        for word in ["one", "two", "three"] {
            let mut client = UnixStream::connect(&path).await?;
            assert_eq!(client.peer_addr()?.as_pathname(), Some(path.as_path()));
            client.write_all(word.as_bytes()).await?;
            client.shutdown(Shutdown::Write)?;
            let mut reply = String::new();
            bounded(client.read_to_string(&mut reply)).await?;
            assert_eq!(reply, word);
        }
        bounded(server).await
    })
}

#[test]
fn accept_returns_the_stream() -> io::Result<()> {
    let dir = TempDir::new("accept");
    let path = dir.join("sock");
    task::block_on(async {
        let listener = UnixListener::bind(&path).await?;
        let client = UnixStream::connect(&path).await?;
        let (server, addr) = bounded(listener.accept()).await?;
        // The client was not bound to a path.
        assert!(addr.is_unnamed());

        // Clones share the socket.
        client.clone().write_all(b"via clone").await?;
        let mut buf = [0u8; 9];
        bounded(server.clone().read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"via clone");
        Ok(())
    })
}

#[test]
fn bind_to_an_existing_path_fails() -> io::Result<()> {
    let dir = TempDir::new("inuse");
    let path = dir.join("sock");
    task::block_on(async {
        let _listener = UnixListener::bind(&path).await?;
        let error = UnixListener::bind(&path).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AddrInUse);

        let error = UnixStream::connect(dir.join("missing")).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound);
        Ok(())
    })
}

#[test]
fn stream_pair_and_shutdown() -> io::Result<()> {
    task::block_on(async {
        let (a, b) = UnixStream::pair()?;
        (&a).write_all(b"pair").await?;
        a.shutdown(Shutdown::Write)?;
        let mut buf = Vec::new();
        bounded((&b).read_to_end(&mut buf)).await?;
        assert_eq!(buf, b"pair");
        Ok(())
    })
}

#[test]
fn datagram_pair_send_recv() -> io::Result<()> {
    task::block_on(async {
        let (a, b) = UnixDatagram::pair()?;
        a.send(b"first").await?;
        a.send(b"second").await?;
        let mut buf = [0u8; 64];
        let n = bounded(b.recv(&mut buf)).await?;
        assert_eq!(&buf[..n], b"first");
        let n = bounded(b.recv(&mut buf)).await?;
        assert_eq!(&buf[..n], b"second");

        a.shutdown(Shutdown::Write)?;
        let error = a.send(b"late").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::BrokenPipe);
        Ok(())
    })
}

#[test]
fn datagram_bind_connect_and_send_to() -> io::Result<()> {
    let dir = TempDir::new("dgram");
    let server_path = dir.join("server");
    let client_path = dir.join("client");
    task::block_on(async {
        let server = UnixDatagram::bind(&server_path).await?;
        let client = UnixDatagram::bind(&client_path).await?;

        client.send_to(b"to", &server_path).await?;
        let mut buf = [0u8; 64];
        let (n, from) = bounded(server.recv_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"to");
        assert_eq!(from.as_pathname(), Some(client_path.as_path()));

        server.send_to(b"fro", from.as_pathname().unwrap()).await?;
        let (n, _) = bounded(client.recv_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"fro");

        let unbound = UnixDatagram::unbound()?;
        assert!(unbound.peer_addr().is_err());
        unbound.connect(&server_path).await?;
        assert_eq!(
            unbound.peer_addr()?.as_pathname(),
            Some(server_path.as_path())
        );
        unbound.send(b"connected").await?;
        let (n, from) = bounded(server.recv_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"connected");
        assert!(from.is_unnamed());
        assert_eq!(
            server.local_addr()?.as_pathname(),
            Some(server_path.as_path())
        );
        Ok(())
    })
}

#[test]
fn conversions_from_and_to_std() -> io::Result<()> {
    let dir = TempDir::new("convert");
    let path = dir.join("sock");
    task::block_on(async {
        let listener = UnixListener::from(std::os::unix::net::UnixListener::bind(&path)?);
        let std_client = std::os::unix::net::UnixStream::connect(&path)?;
        let client = UnixStream::from(std_client);
        let (server, _) = bounded(listener.accept()).await?;

        let shared = client.clone();
        let error = std::os::unix::net::UnixStream::try_from(shared).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Other);
        assert_eq!(
            error.to_string(),
            "Cannot convert UnixStream to synchronous: multiple references"
        );
        let mut std_client = std::os::unix::net::UnixStream::try_from(client)?;
        std::io::Write::write_all(&mut std_client, b"blocking")?;
        let mut buf = [0u8; 8];
        bounded((&server).read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"blocking");

        let std_listener = std::os::unix::net::UnixListener::try_from(listener)?;
        assert_eq!(
            std_listener.local_addr()?.as_pathname(),
            Some(path.as_path())
        );

        let (a, b) = std::os::unix::net::UnixDatagram::pair()?;
        let a = UnixDatagram::from(a);
        a.send(b"d").await?;
        let b = std::os::unix::net::UnixDatagram::try_from(UnixDatagram::from(b))?;
        b.set_read_timeout(Some(TIMEOUT))?;
        let mut buf = [0u8; 1];
        assert_eq!(b.recv(&mut buf)?, 1);
        assert_eq!(&buf, b"d");
        Ok(())
    })
}

#[test]
fn raw_fd_round_trips() -> io::Result<()> {
    let dir = TempDir::new("rawfd");
    let path = dir.join("sock");
    task::block_on(async {
        let (a, b) = UnixDatagram::pair()?;
        let fd = b.as_raw_fd();
        let raw = b.into_raw_fd();
        assert_eq!(raw, fd);
        let b = unsafe { UnixDatagram::from_raw_fd(raw) };
        a.send(b"raw").await?;
        let mut buf = [0u8; 8];
        let n = bounded(b.recv(&mut buf)).await?;
        assert_eq!(&buf[..n], b"raw");

        let (mut c, d) = UnixStream::pair()?;
        let mut d = unsafe { UnixStream::from_raw_fd(d.into_raw_fd()) };
        c.write_all(b"stream").await?;
        let mut buf = [0u8; 6];
        bounded(d.read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"stream");

        let listener = UnixListener::bind(&path).await?;
        let listener = unsafe { UnixListener::from_raw_fd(listener.into_raw_fd()) };
        let _client = UnixStream::connect(&path).await?;
        bounded(listener.accept()).await?;
        Ok(())
    })
}

#[cfg(feature = "io_safety")]
#[test]
fn owned_fd_round_trips() -> io::Result<()> {
    use async_std_compat::os::unix::io::{AsFd, OwnedFd};

    task::block_on(async {
        let (a, b) = UnixStream::pair()?;
        let _borrowed = a.as_fd();
        let a = UnixStream::from(OwnedFd::from(a));
        (&a).write_all(b"owned").await?;
        let mut buf = [0u8; 5];
        bounded((&b).read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"owned");

        let (c, d) = UnixDatagram::pair()?;
        let d = UnixDatagram::from(OwnedFd::from(d));
        c.send(b"x").await?;
        let n = bounded(d.recv(&mut buf)).await?;
        assert_eq!(&buf[..n], b"x");
        Ok(())
    })
}

#[test]
fn debug_shows_the_descriptor_and_addresses() -> io::Result<()> {
    let dir = TempDir::new("debug");
    let path = dir.join("sock");
    task::block_on(async {
        let listener = UnixListener::bind(&path).await?;
        let text = format!("{listener:?}");
        assert!(text.starts_with("UnixListener { fd: "), "{text}");
        assert!(text.contains("sock"), "{text}");

        let (a, _b) = UnixStream::pair()?;
        assert!(format!("{a:?}").starts_with("UnixStream { fd: "));
        let (c, _d) = UnixDatagram::pair()?;
        assert!(format!("{c:?}").starts_with("UnixDatagram { fd: "));
        Ok(())
    })
}

#[test]
fn unix_types_are_send_sync_unpin() {
    fn check<T: Send + Sync + Unpin>() {}
    check::<UnixStream>();
    check::<UnixListener>();
    check::<UnixDatagram>();
    check::<Incoming<'static>>();
}
