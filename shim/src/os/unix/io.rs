//! async-std's `os::unix::io` module.
