use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A unique identifier for a task, as async-std numbers them: from 1, in creation order.
///
/// ```
/// use async_std_compat::task;
///
/// task::block_on(async {
///     println!("id = {:?}", task::current().id());
/// })
/// ```
#[derive(Eq, PartialEq, Clone, Copy, Hash, Debug)]
pub struct TaskId(pub(crate) usize);

impl TaskId {
    /// Generates a new `TaskId`.
    pub(crate) fn generate() -> TaskId {
        // async-std starts at 1 and aborts on overflow; a wrap after 2^64 tasks is moot.
        static COUNTER: AtomicUsize = AtomicUsize::new(1);
        TaskId(COUNTER.fetch_add(1, Ordering::Relaxed))
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
