use std::cell::RefCell;
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
    /// The task being polled on this thread, if any.
    static CURRENT: RefCell<Option<Arc<TaskLocalsWrapper>>> = const { RefCell::new(None) };
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
    fn set_current<R>(tag: &Arc<TaskLocalsWrapper>, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<Arc<TaskLocalsWrapper>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                let _ = CURRENT.try_with(|current| *current.borrow_mut() = previous);
            }
        }
        let previous = CURRENT.with(|current| current.borrow_mut().replace(tag.clone()));
        let _restore = Restore(previous);
        f()
    }

    /// Calls `f` with the current task of this thread, or returns `None` outside a task.
    pub(crate) fn get_current<R>(f: impl FnOnce(&TaskLocalsWrapper) -> R) -> Option<R> {
        let current = CURRENT
            .try_with(|current| current.borrow().clone())
            .ok()
            .flatten()?;
        Some(f(&current))
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
