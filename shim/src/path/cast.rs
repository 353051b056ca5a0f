//! The pointer casts between std's `Path` and this module's [`Path`], which is a
//! `#[repr(transparent)]` wrapper around it.
//!
//! These are the only places where the `path` module needs `unsafe`: safe Rust has no
//! way to reinterpret a reference to, or a box of, an unsized type as another unsized
//! type with the same layout.
#![allow(unsafe_code)]

use super::Path;

/// Views a std path as the shim's `Path`.
pub(super) fn from_std(path: &std::path::Path) -> &Path {
    // SAFETY: `Path` is `#[repr(transparent)]` over `std::path::Path`, so the two have
    // the same layout and the same pointer metadata (the length of the underlying
    // `OsStr`). The returned reference borrows from `path` with the same lifetime.
    unsafe { &*(path as *const std::path::Path as *const Path) }
}

/// Turns a boxed std path into a boxed `Path` without copying.
pub(super) fn box_from_std(path: Box<std::path::Path>) -> Box<Path> {
    // SAFETY: the layouts are identical (see `from_std`), so the allocation made for a
    // `std::path::Path` is valid for a `Path` and is freed with the same layout.
    unsafe { Box::from_raw(Box::into_raw(path) as *mut Path) }
}

/// Turns a boxed `Path` into a boxed std path without copying.
pub(super) fn box_into_std(path: Box<Path>) -> Box<std::path::Path> {
    // SAFETY: the reverse of `box_from_std`, with the same layout argument.
    unsafe { Box::from_raw(Box::into_raw(path) as *mut std::path::Path) }
}
