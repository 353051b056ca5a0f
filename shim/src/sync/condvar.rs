use std::fmt;
use std::time::Duration;

use event_listener::Event;

use super::MutexGuard;

/// The result of a timed wait on a [`Condvar`]: whether the wait timed out.
///
/// As in async-std, this type is returned by [`Condvar::wait_timeout`] but is not
/// nameable at a public path.
#[derive(Debug, PartialEq, Eq, Copy, Clone)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    /// Returns `true` if the wait ended because the timeout elapsed.
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

/// A condition variable: blocks tasks (not threads) until an event occurs.
///
/// Used with an async [`Mutex`](super::Mutex): [`wait`](Condvar::wait) releases the
/// guard, waits for a notification, then locks the mutex again. Spurious wakeups are
/// possible, so wait in a loop or use [`wait_until`](Condvar::wait_until).
///
/// ```
/// use async_std_compat::sync::{Arc, Condvar, Mutex};
/// use async_std_compat::task;
///
/// # task::block_on(async {
/// let pair = Arc::new((Mutex::new(false), Condvar::new()));
/// let pair2 = pair.clone();
///
/// task::spawn(async move {
///     let (lock, cvar) = &*pair2;
///     *lock.lock().await = true;
///     cvar.notify_one();
/// });
///
/// let (lock, cvar) = &*pair;
/// let mut started = lock.lock().await;
/// while !*started {
///     started = cvar.wait(started).await;
/// }
/// # })
/// ```
#[derive(Default)]
pub struct Condvar {
    event: Event,
}

impl Condvar {
    /// Creates a new condition variable.
    pub fn new() -> Self {
        Condvar {
            event: Event::new(),
        }
    }

    /// Releases `guard`, waits for a notification, then re-acquires the lock.
    ///
    /// The waiter is registered before the guard is released, so a notification sent
    /// after the lock is released is never missed.
    pub async fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        let mutex = MutexGuard::source(&guard);
        let listener = self.event.listen();
        drop(guard);
        listener.await;
        mutex.lock().await
    }

    /// Waits until `condition` returns `true`, re-checking it after each notification.
    ///
    /// `condition` is called with the lock held, first before any waiting.
    ///
    /// ```
    /// use async_std_compat::sync::{Arc, Condvar, Mutex};
    /// use async_std_compat::task;
    ///
    /// # task::block_on(async {
    /// let pair = Arc::new((Mutex::new(false), Condvar::new()));
    /// let pair2 = pair.clone();
    /// task::spawn(async move {
    ///     let (lock, cvar) = &*pair2;
    ///     *lock.lock().await = true;
    ///     cvar.notify_one();
    /// });
    /// let (lock, cvar) = &*pair;
    /// let _guard = cvar.wait_until(lock.lock().await, |started| *started).await;
    /// # })
    /// ```
    pub async fn wait_until<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> MutexGuard<'a, T>
    where
        F: FnMut(&mut T) -> bool,
    {
        while !condition(&mut *guard) {
            guard = self.wait(guard).await;
        }
        guard
    }

    /// Like [`wait`](Condvar::wait), but gives up after `dur`.
    ///
    /// The lock is held again when this returns, timed out or not.
    ///
    /// ```
    /// use async_std_compat::sync::{Condvar, Mutex};
    /// use std::time::Duration;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let (lock, cvar) = (Mutex::new(()), Condvar::new());
    /// let (_guard, result) = cvar
    ///     .wait_timeout(lock.lock().await, Duration::from_millis(5))
    ///     .await;
    /// assert!(result.timed_out());
    /// # })
    /// ```
    pub async fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: Duration,
    ) -> (MutexGuard<'a, T>, WaitTimeoutResult) {
        let mutex = MutexGuard::source(&guard);
        match crate::future::timeout(dur, self.wait(guard)).await {
            Ok(guard) => (guard, WaitTimeoutResult(false)),
            Err(_) => (mutex.lock().await, WaitTimeoutResult(true)),
        }
    }

    /// Like [`wait_until`](Condvar::wait_until), but gives up once `dur` has passed in
    /// total.
    pub async fn wait_timeout_until<'a, T, F>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: Duration,
        condition: F,
    ) -> (MutexGuard<'a, T>, WaitTimeoutResult)
    where
        F: FnMut(&mut T) -> bool,
    {
        let mutex = MutexGuard::source(&guard);
        match crate::future::timeout(dur, self.wait_until(guard, condition)).await {
            Ok(guard) => (guard, WaitTimeoutResult(false)),
            Err(_) => (mutex.lock().await, WaitTimeoutResult(true)),
        }
    }

    /// Wakes up one task waiting on this condition variable, if any.
    pub fn notify_one(&self) {
        self.event.notify_additional(1);
    }

    /// Wakes up all tasks waiting on this condition variable.
    pub fn notify_all(&self) {
        self.event.notify(usize::MAX);
    }
}

impl fmt::Debug for Condvar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("Condvar { .. }")
    }
}
