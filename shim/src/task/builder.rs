use std::future::Future;
use std::io;
use std::sync::Arc;

use super::task::SupportTaskLocals;
use super::{block_on, JoinHandle, Task, TaskLocalsWrapper};

/// Task builder that configures the settings of a new task, such as its name.
///
/// ```
/// use async_std_compat::task;
///
/// # task::block_on(async {
/// let handle = task::Builder::new()
///     .name("worker".to_string())
///     .spawn(async { task::current().name().map(String::from) })?;
/// assert_eq!(handle.await.as_deref(), Some("worker"));
/// # std::io::Result::Ok(())
/// # }).unwrap()
/// ```
#[derive(Debug, Default)]
pub struct Builder {
    name: Option<String>,
}

impl Builder {
    /// Creates a new builder.
    pub fn new() -> Builder {
        Builder { name: None }
    }

    /// Configures the name of the task.
    pub fn name(mut self, name: String) -> Builder {
        self.name = Some(name);
        self
    }

    /// Wraps `future` with a new task's identity.
    fn build<F: Future>(self, future: F) -> SupportTaskLocals<F> {
        let task = Task::new(self.name.map(Arc::new));
        SupportTaskLocals {
            tag: Arc::new(TaskLocalsWrapper::new(task)),
            future,
        }
    }

    /// Spawns a task with the configured settings on the global runtime.
    ///
    /// Never fails; the `Result` is async-std's signature.
    pub fn spawn<F, T>(self, future: F) -> io::Result<JoinHandle<T>>
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let wrapped = self.build(future);
        log_new_task("spawn", &wrapped.tag);
        let task = wrapped.tag.task().clone();
        Ok(JoinHandle::new(crate::rt::spawn(wrapped), task))
    }

    /// Spawns a `!Send` task with the configured settings on this thread's local
    /// executor.
    ///
    /// The task runs while a [`block_on`](super::block_on) is running on this thread (or,
    /// on a runtime worker, between other tasks), as in async-std. Never fails; the
    /// `Result` is async-std's signature.
    ///
    /// ```
    /// use async_std_compat::task;
    /// use std::rc::Rc;
    ///
    /// # task::block_on(async {
    /// let shared = Rc::new(5);
    /// let handle = task::Builder::new().local(async move { *shared + 1 })?;
    /// assert_eq!(handle.await, 6);
    /// # std::io::Result::Ok(())
    /// # }).unwrap()
    /// ```
    #[cfg(feature = "unstable")]
    pub fn local<F, T>(self, future: F) -> io::Result<JoinHandle<T>>
    where
        F: Future<Output = T> + 'static,
        T: 'static,
    {
        let wrapped = self.build(future);
        log_new_task("spawn_local", &wrapped.tag);
        let task = wrapped.tag.task().clone();
        Ok(JoinHandle::new(crate::rt::spawn_local(wrapped), task))
    }

    /// Runs a future to completion on the current thread with the configured settings:
    /// [`task::block_on`](super::block_on) with a named task.
    pub fn blocking<F, T>(self, future: F) -> T
    where
        F: Future<Output = T>,
    {
        let wrapped = self.build(future);
        log_new_task("block_on", &wrapped.tag);
        block_on::run(wrapped)
    }
}

/// Emits async-std's trace record for a new task: the event (`spawn`, `spawn_local` or
/// `block_on`) with the `task_id` and `parent_task_id` key-values (0 outside a task),
/// under async-std's target, so that a logger configured for async-std shows the same
/// records. Costs one level check when tracing is off; absent without the `log`
/// feature (on by default, as in async-std).
fn log_new_task(event: &'static str, tag: &TaskLocalsWrapper) {
    #[cfg(feature = "log")]
    {
        // Built by hand rather than with `log::trace!(key = value; ..)`, whose
        // key-value syntax needs log 0.4.21: the shim asks for log 0.4.8, as
        // async-std does, and its `kv_unstable` record builder.
        let level = log::Level::Trace;
        if level <= log::STATIC_MAX_LEVEL && level <= log::max_level() {
            let task_id = tag.task().id().0;
            let parent_task_id = TaskLocalsWrapper::get_current(|t| t.task().id().0).unwrap_or(0);
            let pairs = [("task_id", task_id), ("parent_task_id", parent_task_id)];
            let pairs: &[(&str, usize)] = &pairs;
            log::logger().log(
                &log::Record::builder()
                    .args(format_args!("{event}"))
                    .level(level)
                    .target("async_std::task::builder")
                    .module_path(Some(module_path!()))
                    .file(Some(file!()))
                    .line(Some(line!()))
                    .key_values(&pairs)
                    .build(),
            );
        }
    }
    #[cfg(not(feature = "log"))]
    let _ = (event, tag);
}
