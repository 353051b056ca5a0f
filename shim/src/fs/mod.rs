//! Filesystem manipulation operations: async-std's `fs` module.
