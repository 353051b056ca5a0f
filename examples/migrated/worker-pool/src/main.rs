//! A worker pool: a producer fills a bounded queue of jobs, a fixed number of workers
//! take jobs from it and run the CPU-heavy part with `spawn_blocking`, and the results
//! are collected and printed in job order.
//!
//! Usage: `worker-pool [JOBS] [WORKERS]` (defaults 20 and 4).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use smol::channel;
use smol::Task;

/// How many jobs may wait in the queue; the producer waits when it is full.
const QUEUE_CAPACITY: usize = 3;

fn main() {
    smol::block_on(async {
        let mut args = std::env::args().skip(1);
        let jobs: u64 = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(20);
        let workers: usize = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(4);

        let (queue, jobs_rx) = channel::bounded::<u64>(QUEUE_CAPACITY);
        let (results_tx, results) = channel::unbounded::<(u64, u64)>();
        // The largest number of jobs ever seen waiting: back-pressure keeps it bounded.
        let most_queued = Arc::new(AtomicUsize::new(0));

        let producer = {
            let most_queued = Arc::clone(&most_queued);
            smol::spawn(async move {
                for job in 1..=jobs {
                    // Waits here whenever the queue is full.
                    queue.send(job).await.expect("the workers are gone");
                    most_queued.fetch_max(queue.len(), Ordering::SeqCst);
                }
                // `queue` is dropped here, which tells the workers there is no more work.
            })
        };

        let handles: Vec<Task<usize>> = (0..workers)
            .map(|_| {
                let jobs = jobs_rx.clone();
                let results = results_tx.clone();
                smol::spawn(async move {
                    let mut done = 0;
                    while let Ok(job) = jobs.recv().await {
                        // Heavy work runs on the blocking pool, not on an executor thread.
                        let steps = smol::unblock(move || collatz_steps(job)).await;
                        results.send((job, steps)).await.expect("main is gone");
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        drop(results_tx);

        producer.await;
        let mut per_worker = Vec::new();
        for handle in handles {
            per_worker.push(handle.await);
        }

        // Every result is in the channel by now; sort them by job.
        let mut by_job = BTreeMap::new();
        while let Ok((job, steps)) = results.recv().await {
            by_job.insert(job, steps);
        }
        for (job, steps) in &by_job {
            println!("job {job}: {steps} steps");
        }
        println!(
            "{} jobs by {} workers; all accounted for: {}",
            by_job.len(),
            per_worker.len(),
            per_worker.iter().sum::<usize>() == by_job.len()
        );
        println!(
            "queue stayed within its capacity of {QUEUE_CAPACITY}: {}",
            most_queued.load(Ordering::SeqCst) <= QUEUE_CAPACITY
        );
    })
}

/// Steps of the Collatz sequence from `n` down to 1: a stand-in for real CPU work.
fn collatz_steps(mut n: u64) -> u64 {
    let mut steps = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}
