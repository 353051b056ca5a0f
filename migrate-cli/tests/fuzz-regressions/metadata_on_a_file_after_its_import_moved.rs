//! Method calls whose receiver shows they are not the async-std methods of the same
//! name: no hazard.
use async_std::fs::File;
use async_std::path::Path;
use async_std::prelude::*;
use std::async_std::Duration;

pub struct Builder {
    limit: Option<Duration>,
}

impl Builder {
    pub fn timeout(self, limit: Duration) -> Builder {
        Builder { limit: Some(limit) }
    }
}

/// A builder's `timeout`, assigned back to the builder: no future's adapter.
pub fn configure(mut builder: Builder, limit: Option<Duration>) -> Builder {
    if let Some(limit) = limit {
        builder = builder.timeout(limit);
    }
    builder
}

/// A file's `metadata`, opened just above: async in smol too.
pub async fn length(path: &Path) -> std::io::Result<u64> {
    let file = async_std::open(path).await?;
    Ok(file.metadata().await?.len())
}
