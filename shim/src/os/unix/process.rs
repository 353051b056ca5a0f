//! async-std's `os::unix::process` module.
