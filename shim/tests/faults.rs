//! The shim under load and under faults: an echo server on the shim's runtime serves
//! many connections with every byte checked, survives clients that misbehave and
//! tasks that panic, and afterwards holds no leftover descriptor or task.
//!
//! The suite runs a small size (200 connections for 2 seconds); the full size (2,000
//! connections for 30 seconds) is `SMOLIFY_LOAD=full cargo test -p async-std-compat
//! --test faults -- --nocapture`.
#![cfg(unix)]

use std::io::{Read as _, Write as _};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex as StdMutex, OnceLock};
use std::time::{Duration, Instant};

use async_std_compat::io::{ReadExt, WriteExt};
use async_std_compat::net::{TcpListener, TcpStream};
use async_std_compat::prelude::*;
use async_std_compat::{future, sync, task};

/// The load test's size: connections and seconds.
fn load_size() -> (usize, Duration) {
    match std::env::var("SMOLIFY_LOAD").as_deref() {
        Ok("full") => (2_000, Duration::from_secs(30)),
        _ => (200, Duration::from_secs(2)),
    }
}

/// The tests in this file share one process: the ones that count descriptors or tasks
/// must not run beside the others.
fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: StdMutex<()> = StdMutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn open_descriptors() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |dir| dir.count())
}

/// Connections the echo server currently serves.
static SERVING: AtomicUsize = AtomicUsize::new(0);

/// One echo server on the shim's runtime for the whole file: its accept loop runs in a
/// `block_on` on its own thread, each connection in a spawned task whose handle is
/// dropped (detached, as in async-std), as the echo example does.
fn echo_server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            task::block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                sender.send(listener.local_addr().unwrap()).unwrap();
                let mut incoming = listener.incoming();
                while let Some(stream) = incoming.next().await {
                    let Ok(stream) = stream else { continue };
                    stream.set_nodelay(true).unwrap();
                    SERVING.fetch_add(1, Ordering::SeqCst);
                    task::spawn(async move {
                        let (reader, writer) = &mut (&stream, &stream);
                        // Errors (a reset, a broken pipe) end this connection only.
                        let _ = async_std_compat::io::copy(reader, writer).await;
                        SERVING.fetch_sub(1, Ordering::SeqCst);
                    });
                }
            })
        });
        receiver.recv().unwrap()
    })
}

/// Waits (bounded) until the server serves no connection and the runtime holds no
/// task, and the process's descriptors are back to `baseline`.
fn assert_back_to_idle(baseline: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let serving = SERVING.load(Ordering::SeqCst);
        let idle = async_std_compat::__private::runtime_is_idle();
        let descriptors = open_descriptors();
        if serving == 0 && idle && descriptors <= baseline {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "not idle: {serving} connections served, runtime idle: {idle}, \
             {descriptors} descriptors open (baseline {baseline})"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn pattern(seed: u64, len: usize) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..len).map(|_| rng.u8(..)).collect()
}

#[test]
fn many_connections_every_byte_checked_then_back_to_idle() {
    let _guard = exclusive();
    let addr = echo_server();
    let baseline = open_descriptors();
    let (connections, duration) = load_size();
    let round_trips = Arc::new(AtomicU64::new(0));
    let errors: Arc<StdMutex<Vec<String>>> = Arc::default();

    task::block_on(async {
        let deadline = Instant::now() + duration;
        let mut clients = Vec::with_capacity(connections);
        for id in 0..connections {
            let round_trips = round_trips.clone();
            let errors = errors.clone();
            clients.push(task::spawn(async move {
                let result = async {
                    let mut stream = TcpStream::connect(addr).await?;
                    stream.set_nodelay(true)?;
                    let mut round = 0u64;
                    // Bounded by time and by count.
                    while Instant::now() < deadline && round < 1_000_000 {
                        let len = 1 + (id * 31 + round as usize * 17) % 4096;
                        let sent = pattern(id as u64 * 1_000_003 + round, len);
                        stream.write_all(&sent).await?;
                        let mut received = vec![0; len];
                        stream.read_exact(&mut received).await?;
                        if received != sent {
                            return Err(std::io::Error::other("echoed bytes differ"));
                        }
                        round += 1;
                    }
                    round_trips.fetch_add(round, Ordering::Relaxed);
                    std::io::Result::Ok(())
                };
                if let Err(error) = result.await {
                    errors.lock().unwrap().push(format!("client {id}: {error}"));
                }
            }));
        }
        for client in clients {
            client.await;
        }
    });

    let errors = errors.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    let total = round_trips.load(Ordering::Relaxed);
    println!("{connections} connections, {duration:?}: {total} round trips");
    assert!(
        total >= connections as u64,
        "every connection made a round trip"
    );
    assert_back_to_idle(baseline);
}

#[test]
fn misbehaving_clients_do_not_disturb_the_others() {
    let _guard = exclusive();
    let addr = echo_server();
    let baseline = open_descriptors();

    // A client that sends a lot and closes without reading: the server's writes fail
    // (reset or broken pipe) and only that connection ends.
    for _ in 0..20 {
        let mut client = std::net::TcpStream::connect(addr).unwrap();
        let _ = client.write_all(&vec![7u8; 256 * 1024]);
        drop(client);
    }

    // A half-close: the client writes, shuts its write side, and still gets every
    // byte back, then the end of the stream.
    let mut client = std::net::TcpStream::connect(addr).unwrap();
    let sent = pattern(42, 100_000);
    let writer = {
        let mut client = client.try_clone().unwrap();
        let sent = sent.clone();
        std::thread::spawn(move || {
            client.write_all(&sent).unwrap();
            client.shutdown(std::net::Shutdown::Write).unwrap();
        })
    };
    let mut received = Vec::new();
    client
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    client.read_to_end(&mut received).unwrap();
    writer.join().unwrap();
    assert_eq!(received, sent);
    drop(client);

    // A client that stalls: it sends 4 MiB without reading, so the server's writes
    // back up. Meanwhile another client is served at once.
    let mut stalled = std::net::TcpStream::connect(addr).unwrap();
    let big = pattern(7, 4 << 20);
    let stalled_writer = {
        let mut stalled = stalled.try_clone().unwrap();
        let big = big.clone();
        std::thread::spawn(move || stalled.write_all(&big).unwrap())
    };
    std::thread::sleep(Duration::from_millis(200));
    let mut other = std::net::TcpStream::connect(addr).unwrap();
    other
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    other.write_all(b"still served").unwrap();
    let mut reply = [0u8; 12];
    other.read_exact(&mut reply).unwrap();
    assert_eq!(&reply, b"still served");
    drop(other);
    // The stalled client reads at last, and gets all of it, in order.
    stalled
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut echoed = vec![0u8; big.len()];
    stalled.read_exact(&mut echoed).unwrap();
    stalled_writer.join().unwrap();
    assert!(
        echoed == big,
        "the stalled client's bytes came back changed"
    );
    drop(stalled);

    assert_back_to_idle(baseline);
}

#[test]
fn a_panicking_task_leaves_the_runtime_serving_and_panics_its_awaiter() {
    let _guard = exclusive();
    // Silence the expected panic messages of this test's tasks.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    // Dropped handle: the panic stays in the task; later tasks run.
    drop(task::spawn(async { panic!("detached task panics") }));
    // Awaited handle: the panic reaches the awaiter, as in async-std.
    let awaited = std::panic::catch_unwind(|| {
        task::block_on(task::spawn(async { panic!("awaited task panics") }))
    });
    std::panic::set_hook(hook);

    let payload = awaited.expect_err("awaiting a panicked task panics");
    let message = payload.downcast_ref::<&str>().copied().unwrap_or_default();
    assert_eq!(message, "awaited task panics");
    // Every worker still runs tasks.
    let results = task::block_on(async {
        let handles: Vec<_> = (0..64u64)
            .map(|i| task::spawn(async move { i * 2 }))
            .collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await;
        }
        sum
    });
    assert_eq!(results, (0..64u64).map(|i| i * 2).sum());
    // And the thread that caught the panicking block_on still runs local tasks (the
    // async-std bug of semantics.md 2.2 is not copied).
    let local = task::block_on(async {
        future::timeout(Duration::from_secs(5), task::spawn_local(async { 5 })).await
    });
    assert_eq!(local, Ok(5));
}

#[test]
fn futures_dropped_mid_read_or_mid_lock_release_what_they_held() {
    let _guard = exclusive();
    task::block_on(async {
        // Mid-read: a read that times out leaves the stream usable.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(addr).await.unwrap();
        let (mut server, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4];
        let timed_out = future::timeout(Duration::from_millis(50), client.read(&mut buf)).await;
        assert!(timed_out.is_err());
        server.write_all(b"late").await.unwrap();
        client.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"late");

        // Mid-lock: a waiter that gives up leaves no trace, and a task cancelled while
        // holding the guard releases it.
        let mutex = Arc::new(sync::Mutex::new(0u32));
        let guard = mutex.lock().await;
        let waited = future::timeout(Duration::from_millis(20), mutex.lock()).await;
        assert!(waited.is_err());
        drop(guard);
        let holder = {
            let mutex = mutex.clone();
            task::spawn(async move {
                let mut guard = mutex.lock().await;
                *guard += 1;
                future::pending::<()>().await;
            })
        };
        task::sleep(Duration::from_millis(20)).await;
        assert_eq!(holder.cancel().await, None);
        let value = future::timeout(Duration::from_secs(5), mutex.lock())
            .await
            .expect("the cancelled task released the lock");
        assert_eq!(*value, 1);
    });
}

#[test]
fn block_on_inside_a_task_works() {
    let _guard = exclusive();
    let value = task::block_on(async {
        task::spawn(async {
            // A blocking wait inside a task, as async-std allows: the other workers
            // (or this one, nested) keep running the inner task.
            task::block_on(async { task::spawn(async { 21 }).await * 2 })
        })
        .await
    });
    assert_eq!(value, 42);
}

#[test]
fn a_hundred_thousand_pending_timers_cancelled_at_once() {
    let _guard = exclusive();
    task::block_on(async {
        let sleepers: Vec<_> = (0..100_000)
            .map(|_| task::spawn(async { task::sleep(Duration::from_secs(3600)).await }))
            .collect();
        task::yield_now().await;
        let started = Instant::now();
        for sleeper in sleepers {
            assert_eq!(sleeper.cancel().await, None);
        }
        // Bounded: cancelling is quick; an hour-long timer must not be waited for.
        assert!(started.elapsed() < Duration::from_secs(60));
        // A fresh timer still fires.
        future::timeout(
            Duration::from_secs(5),
            task::sleep(Duration::from_millis(10)),
        )
        .await
        .expect("timers still fire");
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while !async_std_compat::__private::runtime_is_idle() {
        assert!(Instant::now() < deadline, "cancelled tasks are still alive");
        std::thread::sleep(Duration::from_millis(20));
    }
}
