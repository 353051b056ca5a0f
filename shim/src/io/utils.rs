//! async-std's "verbose errors", shared by every module that does I/O (io, fs, net,
//! os): the error keeps its kind and gains a message that names what failed.

use std::error::Error as StdError;
use std::fmt;
use std::io;

/// An I/O error with a message in front, as async-std reports them: the outer error
/// keeps the original's kind, displays `message`, and gives the original as `source()`.
/// Its name and field order are async-std's, so that its `Debug` form (what a `main`
/// returning the error prints) is the same.
#[derive(Debug)]
struct VerboseError {
    source: io::Error,
    message: String,
}

impl fmt::Display for VerboseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for VerboseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// Wraps `source` under `message`, keeping its kind.
pub(crate) fn wrap(source: io::Error, message: impl Into<String>) -> io::Error {
    io::Error::new(
        source.kind(),
        VerboseError {
            source,
            message: message.into(),
        },
    )
}

/// Adds a message to the error of an I/O result (see [`wrap`]).
pub(crate) fn context<T>(result: io::Result<T>, message: &str) -> io::Result<T> {
    result.map_err(|error| wrap(error, message))
}
