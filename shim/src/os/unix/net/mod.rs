//! Unix domain sockets: async-std's `os::unix::net`.
//!
//! [`UnixListener`] and [`UnixStream`] are the stream-oriented pair (a `UnixStream` is
//! `Clone` and reads and writes through `&UnixStream` too, as async-std's does);
//! [`UnixDatagram`] sends and receives datagrams. As in async-std, `UnixListener::bind`,
//! `UnixStream::connect`, `UnixDatagram::bind` and `UnixDatagram::connect` are `async`.
//!
//! ```
//! use async_std_compat::os::unix::net::UnixStream;
//! use async_std_compat::prelude::*;
//!
//! # async_std_compat::task::block_on(async {
//! let (a, b) = UnixStream::pair()?;
//! (&a).write_all(b"hello").await?;
//! let mut buf = [0u8; 5];
//! (&b).read_exact(&mut buf).await?;
//! assert_eq!(&buf, b"hello");
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

mod datagram;
mod listener;
mod stream;

pub use datagram::UnixDatagram;
pub use listener::{Incoming, UnixListener};
pub use stream::UnixStream;

/// The address of a Unix domain socket: std's `SocketAddr`, as in async-std.
pub use std::os::unix::net::SocketAddr;

// The sockets' `bind`, `connect` and `send_to` take `impl AsRef<async_std::path::Path>`,
// as async-std's do; std's paths, `str` and `String` implement it too.
use crate::path::Path;

/// The `std` path behind any argument the sockets take.
fn std_path<P: AsRef<Path> + ?Sized>(path: &P) -> &std::path::Path {
    path.as_ref().as_ref()
}
