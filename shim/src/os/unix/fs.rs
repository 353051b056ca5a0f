//! async-std's `os::unix::fs` module.
