//! Cross-platform path manipulation: async-std's `path` module.
