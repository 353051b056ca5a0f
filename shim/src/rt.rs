//! The global runtime: one multi-threaded executor, started on first use.
//!
//! async-std runs its tasks on a pool of `async-std/runtime` threads, one per core
//! unless `ASYNC_STD_THREAD_COUNT` says otherwise, and names them after
//! `ASYNC_STD_THREAD_NAME` when that is set. smol's global executor runs one thread
//! (`SMOL_THREADS`), which serialises CPU work and deadlocks a `block_on` that waits
//! inside a task for another task; so the shim keeps async-std's sizing.

use std::future::Future;
use std::num::NonZeroUsize;
use std::sync::OnceLock;
use std::thread;

use async_executor::{Executor, LocalExecutor};

thread_local! {
    /// This thread's executor for `!Send` tasks ([`crate::task::spawn_local`]), driven by
    /// the outermost `block_on` on the thread and by the worker loop, as in async-std.
    static LOCAL_EXECUTOR: LocalExecutor<'static> = const { LocalExecutor::new() };
}

/// Spawns a `!Send` future on this thread's local executor.
#[cfg(feature = "unstable")]
pub(crate) fn spawn_local<F>(future: F) -> async_task::Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    LOCAL_EXECUTOR.with(|local| local.spawn(future))
}

/// Blocks this thread on `future`, driving the reactor and this thread's local executor.
///
/// Each poll polls `future` first, then runs at most one local task and yields, so
/// that neither starves the other. This is cheaper than `LocalExecutor::run`, which
/// sets up a work-stealing runner (with its queue) on every call, although a local
/// executor has no one to steal from: a `block_on` of a ready future costs about
/// what smol's does.
pub(crate) fn block_on_with_local<F: Future>(future: F) -> F::Output {
    LOCAL_EXECUTOR.with(|local| {
        let local_tasks = async {
            loop {
                local.tick().await;
                futures_lite::future::yield_now().await;
            }
        };
        async_io::block_on(in_tokio_context(futures_lite::future::or(
            future,
            local_tasks,
        )))
    })
}

/// With the `tokio1` feature, polls `future` (and so every task it drives) inside a
/// tokio 1 runtime context, as async-std's executor threads and `block_on` are with
/// that feature: tokio's timers and sockets then work in the shim's tasks. The
/// runtime is async-compat's, started on first use; a tokio runtime the caller is
/// already in takes precedence.
#[cfg(feature = "tokio1")]
pub(crate) fn in_tokio_context<F: Future>(future: F) -> impl Future<Output = F::Output> {
    async_compat::Compat::new(future)
}

/// Without the `tokio1` feature, `future` itself.
#[cfg(not(feature = "tokio1"))]
pub(crate) fn in_tokio_context<F: Future>(future: F) -> F {
    future
}

/// The executor every [`crate::task::spawn`]ed task runs on.
pub(crate) fn executor() -> &'static Executor<'static> {
    static RUNTIME: OnceLock<&'static Executor<'static>> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let executor: &'static Executor<'static> = Box::leak(Box::new(Executor::new()));
        let config = RuntimeConfig::from_env();
        for index in 0..config.threads {
            let name = config.thread_name.clone();
            thread::Builder::new()
                .name(name)
                .spawn(move || worker_loop(executor, index))
                .expect("cannot spawn an executor thread");
        }
        executor
    })
}

/// Runs the executor's tasks on this worker until the process ends.
///
/// A task that panics is caught by async-executor and its panic is kept for whoever
/// awaits its handle, so the loop survives as async-std's workers do.
fn worker_loop(executor: &'static Executor<'static>, _index: usize) {
    loop {
        let run = executor.run(std::future::pending::<()>());
        // `run` only returns if a task's panic escapes the executor (it should not);
        // restart the worker rather than shrink the pool. The worker also drives its
        // thread's local executor, so `spawn_local` works inside spawned tasks.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on_with_local(run);
        }));
    }
}

/// How the runtime is sized and named, read once from the environment as async-std does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuntimeConfig {
    /// Number of worker threads: `ASYNC_STD_THREAD_COUNT`, or one per available core.
    pub(crate) threads: usize,
    /// Name of the worker threads: `ASYNC_STD_THREAD_NAME`, or `async-std/runtime`.
    pub(crate) thread_name: String,
}

impl RuntimeConfig {
    fn from_env() -> Self {
        Self::from_vars(
            std::env::var("ASYNC_STD_THREAD_COUNT").ok().as_deref(),
            std::env::var("ASYNC_STD_THREAD_NAME").ok(),
        )
    }

    fn from_vars(count: Option<&str>, name: Option<String>) -> Self {
        let default_threads = thread::available_parallelism()
            .map(NonZeroUsize::get)
            .unwrap_or(1);
        // As async-global-executor does for async-std: a value that does not parse
        // falls back to the core count, and zero means one thread.
        let threads = count
            .and_then(|value| value.parse::<usize>().ok())
            .unwrap_or(default_threads)
            .max(1);
        let thread_name = name.unwrap_or_else(|| "async-std/runtime".to_string());
        RuntimeConfig {
            threads,
            thread_name,
        }
    }
}

/// Spawns a future on the global executor.
pub(crate) fn spawn<F>(future: F) -> async_task::Task<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    executor().spawn(future)
}

#[cfg(test)]
mod tests {
    use super::RuntimeConfig;

    #[test]
    fn thread_count_comes_from_the_environment_variable() {
        let config = RuntimeConfig::from_vars(Some("3"), None);
        assert_eq!(config.threads, 3);
        assert_eq!(config.thread_name, "async-std/runtime");
    }

    #[test]
    fn an_unparsable_thread_count_falls_back_to_the_core_count() {
        let cores = std::thread::available_parallelism().unwrap().get();
        assert_eq!(RuntimeConfig::from_vars(Some("zero"), None).threads, cores);
        assert_eq!(RuntimeConfig::from_vars(None, None).threads, cores);
    }

    #[test]
    fn a_thread_count_of_zero_means_one_thread() {
        assert_eq!(RuntimeConfig::from_vars(Some("0"), None).threads, 1);
    }

    #[test]
    fn thread_name_comes_from_the_environment_variable() {
        let config = RuntimeConfig::from_vars(None, Some("worker".into()));
        assert_eq!(config.thread_name, "worker");
    }
}
