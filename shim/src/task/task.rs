use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use super::task_local::LocalsMap;
use super::TaskId;

/// A handle to a task: its id and, when it was given one, its name.
///
/// Obtained from [`current`](super::current) inside a task or from
/// [`JoinHandle::task`](super::JoinHandle::task).
#[derive(Clone)]
pub struct Task {
    id: TaskId,
    name: Option<Arc<String>>,
}

impl Task {
    pub(crate) fn new(name: Option<Arc<String>>) -> Task {
        Task {
            id: TaskId::generate(),
            name,
        }
    }

    /// Gets the task's unique identifier.
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// Returns the name of this task, if it was spawned with one by
    /// [`Builder::name`](super::Builder::name).
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|name| name.as_str())
    }
}

impl fmt::Debug for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Task")
            .field("id", &self.id())
            .field("name", &self.name())
            .finish()
    }
}

/// What the runtime knows about the task being polled on this thread.
#[derive(Debug)]
pub(crate) struct TaskLocalsWrapper {
    task: Task,
    locals: LocalsMap,
}

thread_local! {
    /// The task being polled on this thread, if any (null outside a task). Only
    /// [`TaskLocalsWrapper::set_current`] sets it, to a task it keeps alive for as long
    /// as the pointer is set.
    static CURRENT: Cell<*const TaskLocalsWrapper> = const { Cell::new(std::ptr::null()) };
}

impl TaskLocalsWrapper {
    pub(crate) fn new(task: Task) -> Self {
        TaskLocalsWrapper {
            task,
            locals: LocalsMap::default(),
        }
    }

    /// The task's task-local values.
    pub(crate) fn locals(&self) -> &LocalsMap {
        &self.locals
    }

    pub(crate) fn task(&self) -> &Task {
        &self.task
    }

    /// Runs `f` with `tag` as the current task of this thread, restoring the previous
    /// one afterwards, even if `f` panics.
    ///
    /// The current task is a plain pointer, as in async-std: reading it (every
    /// `task::current()` and task-local access) costs no reference count.
    fn set_current<R>(tag: &Arc<TaskLocalsWrapper>, f: impl FnOnce() -> R) -> R {
        struct Restore(*const TaskLocalsWrapper);
        impl Drop for Restore {
            fn drop(&mut self) {
                let _ = CURRENT.try_with(|current| current.set(self.0));
            }
        }
        let previous = CURRENT.with(|current| current.replace(Arc::as_ptr(tag)));
        let _restore = Restore(previous);
        f()
    }

    /// Calls `f` with the current task of this thread, or returns `None` outside a task.
    #[allow(unsafe_code)]
    pub(crate) fn get_current<R>(f: impl FnOnce(&TaskLocalsWrapper) -> R) -> Option<R> {
        let current = CURRENT.try_with(Cell::get).ok()?;
        // SAFETY: a non-null pointer was set by `set_current`, which borrows the `Arc`
        // it points into for the whole time the pointer is set and restores the
        // previous value (also on unwind) before that borrow ends; this call runs
        // within that time, on the same thread. So the task is alive, and only shared
        // references to it exist.
        let current = unsafe { current.as_ref() }?;
        Some(f(current))
    }
}

pin_project! {
    /// A future that makes its task current on the thread that polls it, which is what
    /// [`current`](super::current) and task-locals read.
    #[derive(Debug)]
    pub(crate) struct SupportTaskLocals<F> {
        pub(crate) tag: Arc<TaskLocalsWrapper>,
        #[pin]
        pub(crate) future: F,
    }
}

impl<F: Future> Future for SupportTaskLocals<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        TaskLocalsWrapper::set_current(this.tag, || this.future.poll(cx))
    }
}
