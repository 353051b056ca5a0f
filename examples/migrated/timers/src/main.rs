//! A tour of async-std's timers, each printing one line whose text does not depend on
//! the machine's speed: the durations are far enough apart that the outcome is fixed.
//!
//! Usage: `timers [TICKS]` (default 5): how many interval ticks to wait for.

use std::time::{Duration, Instant};

use smol::future;
use smol::io;
use smol::prelude::*;
use smol::stream;

const SHORT: Duration = Duration::from_millis(20);
const LONG: Duration = Duration::from_secs(5);

fn main() -> io::Result<()> {
    smol::block_on(async {
        let ticks: usize = match std::env::args().nth(1) {
            Some(arg) => arg
                .parse()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "TICKS must be a number"))?,
            None => 5,
        };

        // A plain sleep: it lasts at least as long as asked.
        let start = Instant::now();
        smol::Timer::after(SHORT).await;
        println!("sleep: at least {:?}: {}", SHORT, start.elapsed() >= SHORT);

        // future::timeout on a future that finishes in time, and on one that never does.
        let quick = smol::future::or(async { Ok(async { 42 }.await) }, async { smol::Timer::after(LONG).await; Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "future has timed out")) }).await;
        println!("future::timeout, in time: {quick:?}");
        let never = smol::future::or(async { Ok(future::pending::<()>().await) }, async { smol::Timer::after(SHORT).await; Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "future has timed out")) }).await;
        match never {
            Ok(()) => println!("future::timeout, too slow: finished?!"),
            Err(error) => println!("future::timeout, too slow: {error}"),
        }

        // io::timeout turns a slow I/O future into an io::Error of kind TimedOut.
        let slow_read = async {
            smol::Timer::after(LONG).await;
            Ok(0usize)
        };
        match smol::future::or(slow_read, async { smol::Timer::after(SHORT).await; Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "future timed out")) }).await {
            Ok(read) => println!("io::timeout: read {read} bytes?!"),
            Err(error) => println!("io::timeout: {:?}: {error}", error.kind()),
        }

        // An interval ticks until we stop listening.
        let start = Instant::now();
        let mut interval = async_std_compat::stream::interval(Duration::from_millis(10)).take(ticks);
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
            smol::Timer::after(LONG).await;
            "slow"
        };
        let fast = async {
            smol::Timer::after(SHORT).await;
            "fast"
        };
        let start = Instant::now();
        let winner = slow.or(fast).await;
        println!(
            "race: {winner} won, well before the slow one: {}",
            start.elapsed() < LONG
        );

        // A timeout on a stream: each item must come within the time given.
        let mut late = async_std_compat::stream::StreamExt::timeout(stream::once(1).chain(stream::pending()), SHORT);
        let first = late.next().await;
        let second = late.next().await;
        println!(
            "stream timeout: first {:?}, then timed out: {}",
            first.map(|item| item.ok()),
            matches!(second, Some(Err(_)))
        );
        Ok(())
    })
}
