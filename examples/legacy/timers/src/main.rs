//! A tour of async-std's timers, each printing one line whose text does not depend on
//! the machine's speed: the durations are far enough apart that the outcome is fixed.
//!
//! Usage: `timers [TICKS]` (default 5): how many interval ticks to wait for.

use std::time::{Duration, Instant};

use async_std::future;
use async_std::io;
use async_std::prelude::*;
use async_std::stream;
use async_std::task;

const SHORT: Duration = Duration::from_millis(20);
const LONG: Duration = Duration::from_secs(5);

#[async_std::main]
async fn main() -> io::Result<()> {
    let ticks: usize = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "TICKS must be a number"))?,
        None => 5,
    };

    // A plain sleep: it lasts at least as long as asked.
    let start = Instant::now();
    task::sleep(SHORT).await;
    println!("sleep: at least {:?}: {}", SHORT, start.elapsed() >= SHORT);

    // future::timeout on a future that finishes in time, and on one that never does.
    let quick = future::timeout(LONG, async { 42 }).await;
    println!("future::timeout, in time: {quick:?}");
    let never = future::timeout(SHORT, future::pending::<()>()).await;
    match never {
        Ok(()) => println!("future::timeout, too slow: finished?!"),
        Err(error) => println!("future::timeout, too slow: {error}"),
    }

    // io::timeout turns a slow I/O future into an io::Error of kind TimedOut.
    let slow_read = async {
        task::sleep(LONG).await;
        Ok(0usize)
    };
    match io::timeout(SHORT, slow_read).await {
        Ok(read) => println!("io::timeout: read {read} bytes?!"),
        Err(error) => println!("io::timeout: {:?}: {error}", error.kind()),
    }

    // An interval ticks until we stop listening.
    let start = Instant::now();
    let mut interval = stream::interval(Duration::from_millis(10)).take(ticks);
    let mut seen = 0;
    while interval.next().await.is_some() {
        seen += 1;
    }
    let minimum = Duration::from_millis(10) * ticks as u32;
    println!(
        "interval: {seen} ticks, at least {minimum:?}: {}",
        start.elapsed() >= minimum
    );

    // race: the first future to finish wins, the other is dropped.
    let slow = async {
        task::sleep(LONG).await;
        "slow"
    };
    let fast = async {
        task::sleep(SHORT).await;
        "fast"
    };
    let start = Instant::now();
    let winner = slow.race(fast).await;
    println!(
        "race: {winner} won, well before the slow one: {}",
        start.elapsed() < LONG
    );

    // A timeout on a stream: each item must come within the time given.
    let mut late = stream::once(1).chain(stream::pending()).timeout(SHORT);
    let first = late.next().await;
    let second = late.next().await;
    println!(
        "stream timeout: first {:?}, then timed out: {}",
        first.map(|item| item.ok()),
        matches!(second, Some(Err(_)))
    );
    Ok(())
}
