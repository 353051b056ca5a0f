use std::cell::Cell;
use std::future::Future;

use super::task::SupportTaskLocals;
use super::Builder;

/// Spawns a task and blocks the current thread on its result.
///
/// Like async-std's, this starts the global runtime, makes the future a task (so
/// [`current`](super::current) works inside it), drives the I/O reactor while it waits,
/// and may be nested: a `block_on` inside a `block_on` or inside a task works.
///
/// ```
/// use async_std_compat::task;
///
/// let sum = task::block_on(async { 1 + 2 });
/// assert_eq!(sum, 3);
/// ```
pub fn block_on<F, T>(future: F) -> T
where
    F: Future<Output = T>,
{
    Builder::new().blocking(future)
}

thread_local! {
    /// How many `block_on` calls are running on this thread.
    static NESTING: Cell<usize> = const { Cell::new(0) };
}

/// Counts one `block_on` on this thread for as long as it lives, panics included.
///
/// async-std increments its counter without such a guard, so after a caught panic in
/// `block_on` every later call on that thread believes it is nested (see
/// `shared/semantics.md`, t04). The guard keeps the count right.
struct NestingGuard {
    outermost: bool,
}

impl NestingGuard {
    fn enter() -> NestingGuard {
        let depth = NESTING.with(|n| {
            let depth = n.get();
            n.set(depth + 1);
            depth
        });
        NestingGuard {
            outermost: depth == 0,
        }
    }
}

impl Drop for NestingGuard {
    fn drop(&mut self) {
        NESTING.with(|n| n.set(n.get() - 1));
    }
}

pub(super) fn run<F: Future>(future: SupportTaskLocals<F>) -> F::Output {
    // Start the worker pool, as async-std's block_on does.
    crate::rt::executor();
    let guard = NestingGuard::enter();
    if guard.outermost {
        // The outermost `block_on` also runs this thread's `spawn_local` tasks.
        crate::rt::block_on_with_local(future)
    } else {
        futures_lite::future::block_on(crate::rt::in_tokio_context(future))
    }
}
