//! async-std's `os::unix::net` module.
