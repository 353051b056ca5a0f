// A `use` item split in two (`std` and `smol`) was rewritten with its doc comment,
// and the doc example migrated inside overlapped that.
mod m {
    /// ```
    /// async_std::task::block_on(async {});
    /// ```
    #[cfg(unix)]
    pub use async_std::sync::{Arc, Mutex};
}
