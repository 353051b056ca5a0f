//! Every non-I/O item path of async-std 1.13.2's task, future, stream, sync, channel
//! and prelude modules resolves in the shim (generated from shared/async-std-api.tsv).
#![allow(unused_imports)]

use async_std_compat::channel::bounded as _;
use async_std_compat::channel::unbounded as _;
use async_std_compat::channel::Receiver as _;
use async_std_compat::channel::Recv as _;
use async_std_compat::channel::RecvError as _;
use async_std_compat::channel::Send as _;
use async_std_compat::channel::SendError as _;
use async_std_compat::channel::Sender as _;
use async_std_compat::channel::TryRecvError as _;
use async_std_compat::channel::TrySendError as _;
use async_std_compat::channel::WeakReceiver as _;
use async_std_compat::channel::WeakSender as _;
use async_std_compat::future::pending as _;
use async_std_compat::future::poll_fn as _;
use async_std_compat::future::ready as _;
use async_std_compat::future::timeout as _;
use async_std_compat::future::Future as _;
#[cfg(feature = "unstable")]
use async_std_compat::future::IntoFuture as _;
use async_std_compat::future::TimeoutError as _;
use async_std_compat::prelude::task_local;
#[cfg(feature = "unstable")]
use async_std_compat::prelude::DoubleEndedStream as _;
#[cfg(feature = "unstable")]
use async_std_compat::prelude::ExactSizeStream as _;
use async_std_compat::prelude::Future as _;
use async_std_compat::prelude::FutureExt as _;
use async_std_compat::prelude::Stream as _;
use async_std_compat::prelude::StreamExt as _;
use async_std_compat::stream::empty as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::extend as _;
use async_std_compat::stream::from_fn as _;
use async_std_compat::stream::from_iter as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::interval as _;
use async_std_compat::stream::once as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::pending as _;
use async_std_compat::stream::repeat as _;
use async_std_compat::stream::repeat_with as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::successors as _;
use async_std_compat::stream::Chain as _;
use async_std_compat::stream::Cloned as _;
use async_std_compat::stream::Copied as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::DoubleEndedStream as _;
use async_std_compat::stream::Empty as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::ExactSizeStream as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Extend as _;
use async_std_compat::stream::Filter as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::FlatMap as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Flatten as _;
use async_std_compat::stream::FromFn as _;
use async_std_compat::stream::FromIter as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::FromStream as _;
use async_std_compat::stream::Fuse as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::FusedStream as _;
use async_std_compat::stream::Inspect as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Interval as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::IntoStream as _;
use async_std_compat::stream::Map as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Merge as _;
use async_std_compat::stream::Once as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Pending as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Product as _;
use async_std_compat::stream::Repeat as _;
use async_std_compat::stream::RepeatWith as _;
use async_std_compat::stream::Scan as _;
use async_std_compat::stream::Skip as _;
use async_std_compat::stream::SkipWhile as _;
use async_std_compat::stream::StepBy as _;
use async_std_compat::stream::Stream as _;
use async_std_compat::stream::StreamExt as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Successors as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Sum as _;
use async_std_compat::stream::Take as _;
use async_std_compat::stream::TakeWhile as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::Timeout as _;
#[cfg(feature = "unstable")]
use async_std_compat::stream::TimeoutError as _;
use async_std_compat::stream::Zip as _;
use async_std_compat::sync::Arc as _;
#[cfg(feature = "unstable")]
use async_std_compat::sync::Barrier as _;
#[cfg(feature = "unstable")]
use async_std_compat::sync::BarrierWaitResult as _;
#[cfg(feature = "unstable")]
use async_std_compat::sync::Condvar as _;
use async_std_compat::sync::Mutex as _;
use async_std_compat::sync::MutexGuard as _;
use async_std_compat::sync::MutexGuardArc as _;
use async_std_compat::sync::RwLock as _;
use async_std_compat::sync::RwLockReadGuard as _;
use async_std_compat::sync::RwLockUpgradableReadGuard as _;
use async_std_compat::sync::RwLockWriteGuard as _;
use async_std_compat::sync::Weak as _;
use async_std_compat::task::block_on as _;
use async_std_compat::task::current as _;
use async_std_compat::task::ready;
use async_std_compat::task::sleep as _;
use async_std_compat::task::spawn as _;
use async_std_compat::task::spawn_blocking as _;
#[cfg(feature = "unstable")]
use async_std_compat::task::spawn_local as _;
use async_std_compat::task::try_current as _;
use async_std_compat::task::yield_now as _;
use async_std_compat::task::AccessError as _;
use async_std_compat::task::Builder as _;
use async_std_compat::task::Context as _;
use async_std_compat::task::JoinHandle as _;
use async_std_compat::task::LocalKey as _;
use async_std_compat::task::Poll as _;
use async_std_compat::task::Task as _;
use async_std_compat::task::TaskId as _;
use async_std_compat::task::Waker as _;

/// The `use` lines above are the test: this file compiles only if every path resolves.
#[test]
fn every_path_resolves() {}
