//! Process spawning: async-std's `process` module (unstable).
