//! `async-lib`: word statistics over async readers, and a cache that refreshes itself
//! in the background.
//!
//! async-std types appear in the public API: readers are `async_std::io::BufRead`,
//! the cache hands out an `async_std::task::JoinHandle`, and paths are
//! `async_std::path::Path`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use smol::{io, io::AsyncBufRead};
use std::path::Path;
use smol::prelude::*;
use smol::lock::Mutex;
use async_std_compat::{task, task::JoinHandle};

/// How often each word occurs, sorted by word.
pub type WordCounts = BTreeMap<String, usize>;

/// Counts the words of every line `reader` yields; words are split on whitespace and
/// lower-cased.
pub async fn count_words<R: AsyncBufRead + Unpin>(reader: R) -> io::Result<WordCounts> {
    let mut counts = WordCounts::new();
    let mut lines = reader.lines();
    while let Some(line) = lines.next().await {
        for word in line?.split_whitespace() {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// Counts the words of a file.
pub async fn count_words_in_file(path: impl AsRef<Path>) -> io::Result<WordCounts> {
    let file = smol::fs::File::open(path.as_ref()).await?;
    count_words(io::BufReader::new(file)).await
}

/// A value that a background task recomputes every `period`.
#[derive(Debug, Clone)]
pub struct Refreshing {
    value: Arc<Mutex<u64>>,
}

impl Refreshing {
    /// Starts the background task, which calls `compute` with the round number (1, 2,
    /// ...) `rounds` times, `period` apart. The handle resolves to the last value.
    pub fn start<F>(period: Duration, rounds: u64, compute: F) -> (Self, JoinHandle<u64>)
    where
        F: Fn(u64) -> u64 + Send + 'static,
    {
        let value = Arc::new(Mutex::new(compute(0)));
        let shared = Arc::clone(&value);
        let handle = task::spawn(async move {
            let mut last = 0;
            for round in 1..=rounds {
                smol::Timer::after(period).await;
                last = compute(round);
                *shared.lock().await = last;
            }
            last
        });
        (Refreshing { value }, handle)
    }

    /// The current value.
    pub async fn get(&self) -> u64 {
        *self.value.lock().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_across_lines() -> io::Result<()> {
        smol::block_on(async {
            let text = "The cat\nthe DOG  the\n\ncat\n";
            let counts = count_words(io::Cursor::new(text)).await?;
            let expected: Vec<(&str, usize)> = vec![("cat", 2), ("dog", 1), ("the", 3)];
            let counts: Vec<(&str, usize)> = counts.iter().map(|(w, n)| (w.as_str(), *n)).collect();
            assert_eq!(counts, expected);
            Ok(())
        })
    }

    #[test]
    fn empty_input_has_no_words() {
        smol::block_on(async {
            let counts = count_words(io::Cursor::new("")).await.unwrap();
            assert!(counts.is_empty());
        })
    }

    #[test]
    fn a_missing_file_is_not_found() {
        smol::block_on(async {
            let error = count_words_in_file("/this/file/does/not/exist")
                .await
                .unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::NotFound);
        })
    }

    #[test]
    fn counts_words_in_a_file() -> io::Result<()> {
        smol::block_on(async {
            let path = std::env::temp_dir().join(format!("async-lib-{}.txt", std::process::id()));
            smol::fs::write(&path, "one two\ntwo\n").await?;
            let counts = count_words_in_file(&path).await;
            smol::fs::remove_file(&path).await?;
            assert_eq!(counts?.get("two"), Some(&2));
            Ok(())
        })
    }

    #[test]
    fn the_value_refreshes_in_the_background() {
        smol::block_on(async {
            let (cache, handle) = Refreshing::start(Duration::from_millis(5), 3, |round| round * 10);
            assert_eq!(cache.get().await, 0);
            // The handle is awaited: the task ran all its rounds.
            assert_eq!(handle.await, 30);
            assert_eq!(cache.get().await, 30);
        })
    }

    #[test]
    fn a_dropped_handle_keeps_refreshing() {
        smol::block_on(async {
            let (cache, handle) = Refreshing::start(Duration::from_millis(5), 2, |round| round + 1);
            // Dropping an async-std JoinHandle detaches the task; it keeps running.
            drop(handle);
            for _ in 0..200 {
                if cache.get().await == 3 {
                    return;
                }
                smol::Timer::after(Duration::from_millis(5)).await;
            }
            panic!("the background task stopped when its handle was dropped");
        })
    }
}
