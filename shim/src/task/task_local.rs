use std::any::Any;
use std::error::Error;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};

use super::TaskLocalsWrapper;

/// The key for accessing a task-local value, declared with [`task_local!`](crate::task_local).
///
/// Every task has its own value for each key, created by the key's initializer on the
/// task's first access and dropped when the task ends. A task spawned from another does
/// not inherit its parent's values.
///
/// ```
/// use async_std_compat::{task, task_local};
/// use std::cell::Cell;
///
/// task_local! {
///     static NUMBER: Cell<u32> = Cell::new(5);
/// }
///
/// task::block_on(async {
///     NUMBER.with(|n| n.set(n.get() + 1));
///     assert_eq!(NUMBER.with(|n| n.get()), 6);
///     // A new task starts from the initializer again.
///     assert_eq!(task::spawn(async { NUMBER.with(|n| n.get()) }).await, 5);
/// });
/// ```
pub struct LocalKey<T: Send + 'static> {
    #[doc(hidden)]
    pub __init: fn() -> T,
    #[doc(hidden)]
    pub __key: AtomicU32,
}

impl<T: Send + 'static> LocalKey<T> {
    /// Gets a reference to this task's value for the key, initializing it on first use.
    ///
    /// # Panics
    ///
    /// Panics outside the context of a task (a [`spawn`](super::spawn)ed future or a
    /// [`block_on`](super::block_on)).
    pub fn with<F, R>(&'static self, f: F) -> R
    where
        F: FnOnce(&T) -> R,
    {
        self.try_with(f)
            .expect("`LocalKey::with` called outside the context of a task")
    }

    /// Attempts to get a reference to this task's value for the key, initializing it on
    /// first use.
    ///
    /// Returns an [`AccessError`] outside the context of a task.
    ///
    /// ```
    /// use async_std_compat::{task, task_local};
    /// use std::cell::Cell;
    ///
    /// task_local! {
    ///     static VAL: Cell<u32> = Cell::new(5);
    /// }
    ///
    /// task::block_on(async {
    ///     assert_eq!(VAL.try_with(|c| c.get()), Ok(5));
    /// });
    /// assert!(VAL.try_with(|c| c.get()).is_err());
    /// ```
    pub fn try_with<F, R>(&'static self, f: F) -> Result<R, AccessError>
    where
        F: FnOnce(&T) -> R,
    {
        let key = self.key();
        TaskLocalsWrapper::get_current(|task| task.locals().with(key, self.__init, f))
            .ok_or(AccessError { _private: () })
    }

    /// The key's number, assigned on first use; numbers start at 1.
    fn key(&self) -> u32 {
        static COUNTER: AtomicU32 = AtomicU32::new(1);
        match self.__key.load(Ordering::Acquire) {
            0 => {
                let fresh = COUNTER.fetch_add(1, Ordering::Relaxed);
                assert!(fresh < u32::MAX / 2, "too many task-local keys");
                match self
                    .__key
                    .compare_exchange(0, fresh, Ordering::AcqRel, Ordering::Acquire)
                {
                    Ok(_) => fresh,
                    Err(existing) => existing,
                }
            }
            key => key,
        }
    }
}

impl<T: Send + 'static> fmt::Debug for LocalKey<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalKey").finish_non_exhaustive()
    }
}

/// The error returned by [`LocalKey::try_with`] outside the context of a task.
///
/// Its message is async-std's: "already destroyed or called outside the context of a
/// task".
#[derive(Clone, Copy, Eq, PartialEq)]
pub struct AccessError {
    _private: (),
}

impl fmt::Debug for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessError").finish()
    }
}

impl fmt::Display for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        "already destroyed or called outside the context of a task".fmt(f)
    }
}

impl Error for AccessError {}

/// One task's task-local values, by key number.
#[derive(Default)]
pub(crate) struct LocalsMap {
    /// Values are boxed and never removed or replaced while the map lives, so a value's
    /// address is stable even when the vector grows.
    entries: Mutex<Vec<(u32, Box<dyn Any + Send>)>>,
}

impl LocalsMap {
    /// Finds the value for `key`, as a pointer to its heap box.
    fn find<T: 'static>(&self, key: u32) -> Option<*const T> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.iter().find(|(k, _)| *k == key).map(|(_, value)| {
            let value: &T = value
                .downcast_ref()
                .expect("task-local key used with two types");
            value as *const T
        })
    }

    /// Calls `f` with the value for `key`, inserting `init()` first if there is none.
    ///
    /// The initializer and `f` run without the lock held, so either may use other
    /// task-locals (or this one) freely.
    #[allow(unsafe_code)]
    pub(crate) fn with<T, F, R>(&self, key: u32, init: fn() -> T, f: F) -> R
    where
        T: Send + 'static,
        F: FnOnce(&T) -> R,
    {
        let value = match self.find::<T>(key) {
            Some(value) => value,
            None => {
                let fresh = init();
                // The initializer may itself have initialized this key; the first value
                // stays, and ours is dropped after the lock is released.
                let leftover = match self.find::<T>(key) {
                    Some(_) => Some(fresh),
                    None => {
                        self.entries
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push((key, Box::new(fresh)));
                        None
                    }
                };
                drop(leftover);
                self.find::<T>(key).expect("task-local value just inserted")
            }
        };
        // SAFETY: `value` points into a `Box` owned by `self.entries`. Entries are only
        // ever appended, never removed or replaced, until the map is dropped, and the map
        // outlives this call (the caller borrows it), so the pointer is valid for the
        // duration of `f`; `f` cannot keep the reference past its return (it is generic
        // over the lifetime). The shared reference is handed out only on the thread that
        // is polling the map's task (the map is reached only through the thread-local
        // "current task", set for the duration of `SupportTaskLocals::poll`, which has
        // exclusive access to the task), so a `T` that is `Send` but not `Sync` is never
        // shared between threads, and nothing obtains a `&mut T` to it.
        f(unsafe { &*value })
    }
}

impl fmt::Debug for LocalsMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalsMap").finish_non_exhaustive()
    }
}

/// Declares task-local values: async-std's `task_local!`.
///
/// Each `static` becomes a [`LocalKey`](crate::task::LocalKey) whose value is
/// separate for every task.
///
/// ```
/// use async_std_compat::{task, task_local};
/// use std::cell::Cell;
///
/// task_local! {
///     static VAL: Cell<u32> = Cell::new(5);
///     pub(crate) static NAME: String = String::from("none");
/// }
///
/// task::block_on(async {
///     assert_eq!(VAL.with(|v| v.get()), 5);
///     assert_eq!(NAME.with(|n| n.clone()), "none");
/// });
/// ```
#[macro_export]
macro_rules! task_local {
    () => ();

    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr) => (
        $(#[$attr])* $vis static $name: $crate::task::LocalKey<$t> = {
            #[inline]
            fn __init() -> $t {
                $init
            }

            $crate::task::LocalKey {
                __init,
                __key: ::std::sync::atomic::AtomicU32::new(0),
            }
        };
    );

    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr; $($rest:tt)*) => (
        $crate::task_local!($(#[$attr])* $vis static $name: $t = $init);
        $crate::task_local!($($rest)*);
    );
}
