//! Windows-specific I/O extensions: async-std's `os::windows::io`, std's raw (and, with
//! the `io_safety` feature, owned and borrowed) handle and socket items.

pub use std::os::windows::io::{
    AsRawHandle, AsRawSocket, FromRawHandle, FromRawSocket, IntoRawHandle, IntoRawSocket,
    RawHandle, RawSocket,
};

#[cfg(feature = "io_safety")]
pub use std::os::windows::io::{
    AsHandle, AsSocket, BorrowedHandle, BorrowedSocket, OwnedHandle, OwnedSocket,
};
