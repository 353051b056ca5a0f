//! Platform-specific extensions for Unix platforms.

pub mod fs;
pub mod io;
pub mod net;
#[cfg(feature = "unstable")]
pub mod process;
