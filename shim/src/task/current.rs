use super::{Task, TaskLocalsWrapper};

/// Returns a handle to the current task.
///
/// # Panics
///
/// Panics when called outside the context of a task (a [`spawn`](super::spawn)ed future
/// or a [`block_on`](super::block_on)), as async-std's does.
///
/// ```
/// use async_std_compat::task;
///
/// task::block_on(async {
///     println!("The name of this task is {:?}", task::current().name());
/// })
/// ```
pub fn current() -> Task {
    try_current().expect("`task::current()` called outside the context of a task")
}

/// Returns a handle to the current task, or `None` outside the context of a task.
///
/// ```
/// use async_std_compat::task;
///
/// assert!(task::try_current().is_none());
/// task::block_on(async {
///     assert!(task::try_current().is_some());
/// })
/// ```
pub fn try_current() -> Option<Task> {
    TaskLocalsWrapper::get_current(|tag| tag.task().clone())
}
