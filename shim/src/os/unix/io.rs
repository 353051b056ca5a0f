//! Unix-specific I/O extensions: async-std's `os::unix::io`, std's raw and owned file
//! descriptor items.
//!
//! The shim's files, sockets and standard streams implement these traits, so that a
//! descriptor can be handed to and taken from other libraries. `AsFd`, `BorrowedFd` and
//! `OwnedFd` need the `io_safety` feature, as in async-std.
//!
//! ```
//! use async_std_compat::net::UdpSocket;
//! use async_std_compat::os::unix::io::AsRawFd;
//!
//! # async_std_compat::task::block_on(async {
//! let socket = UdpSocket::bind("127.0.0.1:0").await?;
//! assert!(socket.as_raw_fd() >= 0);
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

pub use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};

#[cfg(feature = "io_safety")]
pub use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};
