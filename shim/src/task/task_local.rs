use std::any::Any;
use std::error::Error;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

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

/// How many task-local keys (the first declared in the program) get a slot read
/// without a lock.
const FAST_SLOTS: usize = 8;

/// A value slot of the lock-free part of a [`LocalsMap`].
type Slot = OnceLock<TaskValue>;

/// A task-local value. Values are `Send` but maybe not `Sync`; a slot holding one must
/// still be `Sync` for the task (which owns the map) to be spawned.
struct TaskValue(Box<dyn Any + Send>);

// SAFETY: a `TaskValue` is only ever reached through `LocalsMap::with`, on the thread
// that is polling the value's task (see the SAFETY note there), so no two threads
// share a reference to it at the same time; `Sync` only lets the task's `Arc` move.
#[allow(unsafe_code)]
unsafe impl Sync for TaskValue {}

/// One task's task-local values, by key number.
///
/// Values are boxed and never removed or replaced while the map lives, so a value's
/// address is stable. Keys below [`FAST_SLOTS`] live in slots set once and read with
/// one atomic load (allocated on the task's first task-local access); the others in a
/// locked list.
#[derive(Default)]
pub(crate) struct LocalsMap {
    fast: OnceLock<Box<[Slot; FAST_SLOTS]>>,
    entries: Mutex<Vec<(u32, Box<dyn Any + Send>)>>,
}

/// The value in `boxed`, as a pointer to its heap box.
fn value_of<T: 'static>(boxed: &(dyn Any + Send)) -> *const T {
    let value: &T = boxed
        .downcast_ref()
        .expect("task-local key used with two types");
    value as *const T
}

impl LocalsMap {
    fn fast_slot(&self, key: u32) -> Option<&Slot> {
        // Keys are numbered from 1.
        let index = usize::try_from(key.checked_sub(1)?)
            .ok()
            .filter(|&index| index < FAST_SLOTS)?;
        let slots = self
            .fast
            .get_or_init(|| Box::new(std::array::from_fn(|_| OnceLock::new())));
        Some(&slots[index])
    }

    /// Finds the value for `key`, as a pointer to its heap box.
    fn find<T: 'static>(&self, key: u32) -> Option<*const T> {
        if let Some(slot) = self.fast_slot(key) {
            return slot.get().map(|value| value_of(&*value.0));
        }
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, boxed)| value_of(&**boxed))
    }

    /// Stores `fresh` for `key` unless the key has a value already (an initializer
    /// that initialized its own key); returns `fresh` back in that case.
    fn insert<T: Send + 'static>(&self, key: u32, fresh: T) -> Option<T> {
        if let Some(slot) = self.fast_slot(key) {
            return slot
                .set(TaskValue(Box::new(fresh)))
                .err()
                .map(|value| *value.0.downcast::<T>().expect("the value just boxed"));
        }
        if self.find::<T>(key).is_some() {
            return Some(fresh);
        }
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((key, Box::new(fresh)));
        None
    }

    /// Calls `f` with the value for `key`, inserting `init()` first if there is none.
    ///
    /// The initializer and `f` run without any lock held, so either may use other
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
                // The initializer may itself have initialized this key; the first value
                // stays, and ours is dropped.
                drop(self.insert(key, init()));
                self.find::<T>(key).expect("task-local value just inserted")
            }
        };
        // SAFETY: `value` points into a `Box` owned by this map (a fast slot or an
        // entry). Values are only ever added, never removed or replaced, until the map
        // is dropped, and the map outlives this call (the caller borrows it), so the
        // pointer is valid for the duration of `f`; `f` cannot keep the reference past
        // its return (it is generic over the lifetime). The shared reference is handed
        // out only on the thread that is polling the map's task (the map is reached only
        // through the thread-local "current task", set for the duration of
        // `SupportTaskLocals::poll`, which has exclusive access to the task), so a `T`
        // that is `Send` but not `Sync` is never shared between threads, and nothing
        // obtains a `&mut T` to it.
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
