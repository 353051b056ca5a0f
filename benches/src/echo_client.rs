//! The load generator: C connections to an echo server on 127.0.0.1, each doing
//! request/response round trips of S bytes, one at a time, for a fixed time; every
//! byte that comes back is checked against what was sent.
//!
//! One thread and a mio event loop drive all connections, so that the client costs
//! the same, and as little as possible, whichever server it measures. The latency of a
//! round trip runs from the first write of the request to the last byte of its echo.

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};

/// What one load run measured.
pub struct LoadResult {
    /// Round trips completed in the measured window.
    pub round_trips: u64,
    /// Length of the measured window, in seconds.
    pub seconds: f64,
    /// Latency of the measured round trips, in nanoseconds.
    pub latency: Histogram<u64>,
}

impl LoadResult {
    /// Round trips per second.
    pub fn per_second(&self) -> f64 {
        self.round_trips as f64 / self.seconds
    }
}

/// One connection's state.
struct Conn {
    stream: TcpStream,
    sent: Vec<u8>,
    received: Vec<u8>,
    written: usize,
    read: usize,
    writing: bool,
    started: Instant,
    round: u64,
    done: bool,
}

/// The payload of round `round` on connection `conn`: different on every round and
/// connection, so that a byte from the wrong place is caught.
fn fill(buffer: &mut [u8], conn: usize, round: u64) {
    let mut state = (conn as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ round.wrapping_add(1);
    for chunk in buffer.chunks_mut(8) {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let bytes = state.to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
}

/// Runs `conns` connections of `size`-byte round trips against `addr` (which must be
/// on 127.0.0.1) for `warmup` unmeasured, then `measure` measured. Fails if a byte
/// comes back wrong, a connection closes, or the run overruns its end by 10 s.
pub fn run(
    addr: SocketAddr,
    conns: usize,
    size: usize,
    warmup: Duration,
    measure: Duration,
) -> io::Result<LoadResult> {
    assert!(addr.ip().is_loopback(), "the load goes to 127.0.0.1 only");
    assert!(size > 0 && conns > 0);
    let mut poll = Poll::new()?;
    let mut connections = Vec::with_capacity(conns);
    for index in 0..conns {
        let stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        stream.set_nodelay(true)?;
        stream.set_nonblocking(true)?;
        let mut stream = TcpStream::from_std(stream);
        poll.registry().register(
            &mut stream,
            Token(index),
            Interest::READABLE | Interest::WRITABLE,
        )?;
        connections.push(Conn {
            stream,
            sent: vec![0; size],
            received: vec![0; size],
            written: 0,
            read: 0,
            writing: true,
            started: Instant::now(),
            round: 0,
            done: false,
        });
    }

    let mut latency = Histogram::<u64>::new_with_bounds(1, 60_000_000_000, 3)
        .expect("histogram bounds are valid");
    let start = Instant::now();
    let measure_start = start + warmup;
    let end = measure_start + measure;
    let hard_end = end + Duration::from_secs(10);
    let mut round_trips = 0u64;
    let mut active = conns;

    for (index, conn) in connections.iter_mut().enumerate() {
        fill(&mut conn.sent, index, 0);
        conn.started = Instant::now();
        drive(
            conn,
            index,
            measure_start,
            end,
            &mut latency,
            &mut round_trips,
            &mut active,
        )?;
    }

    let mut events = Events::with_capacity(1024);
    while active > 0 {
        if Instant::now() > hard_end {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("{active} connections still busy 10 s after the end of the run"),
            ));
        }
        match poll.poll(&mut events, Some(Duration::from_millis(100))) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        }
        for event in events.iter() {
            let index = event.token().0;
            let conn = &mut connections[index];
            if conn.done {
                continue;
            }
            drive(
                conn,
                index,
                measure_start,
                end,
                &mut latency,
                &mut round_trips,
                &mut active,
            )?;
        }
    }
    Ok(LoadResult {
        round_trips,
        seconds: measure.as_secs_f64(),
        latency,
    })
}

/// Moves one connection on as far as its socket allows (mio is edge-triggered: every
/// operation is retried until it would block).
fn drive(
    conn: &mut Conn,
    index: usize,
    measure_start: Instant,
    end: Instant,
    latency: &mut Histogram<u64>,
    round_trips: &mut u64,
    active: &mut usize,
) -> io::Result<()> {
    let size = conn.sent.len();
    // After a round trip ends, the next request is written and the connection waits
    // for its next readiness event: one connection never keeps the loop to itself
    // while the other connections' echoes wait.
    let mut fresh_round = false;
    loop {
        if conn.writing {
            match conn.stream.write(&conn.sent[conn.written..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    conn.written += n;
                    if conn.written == size {
                        conn.writing = false;
                        conn.read = 0;
                        if fresh_round {
                            return Ok(());
                        }
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        } else {
            let read = conn.read;
            match conn.stream.read(&mut conn.received[read..]) {
                Ok(0) => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the server closed a connection in the middle of a round trip",
                    ))
                }
                Ok(n) => {
                    if conn.received[read..read + n] != conn.sent[read..read + n] {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("connection {index}: wrong bytes came back at {read}"),
                        ));
                    }
                    conn.read += n;
                    if conn.read == size {
                        let now = Instant::now();
                        if conn.started >= measure_start && now <= end {
                            let nanos = now.duration_since(conn.started).as_nanos() as u64;
                            latency.saturating_record(nanos.max(1));
                            *round_trips += 1;
                        }
                        if now >= end {
                            conn.done = true;
                            *active -= 1;
                            return Ok(());
                        }
                        conn.round += 1;
                        fill(&mut conn.sent, index, conn.round);
                        conn.written = 0;
                        conn.writing = true;
                        conn.started = now;
                        fresh_round = true;
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }
}

/// Opens `count` connections to `addr` and makes one `size`-byte round trip on each, so
/// that the server has accepted every one and set up its per-connection state; the
/// connections are returned idle. Bounded: 5 s per connect and per round trip.
pub fn idle_connections(
    addr: SocketAddr,
    count: usize,
    size: usize,
) -> io::Result<Vec<std::net::TcpStream>> {
    assert!(addr.ip().is_loopback(), "the load goes to 127.0.0.1 only");
    let mut streams = Vec::with_capacity(count);
    let mut sent = vec![0u8; size];
    let mut received = vec![0u8; size];
    for index in 0..count {
        let mut stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        stream.set_write_timeout(Some(Duration::from_secs(5)))?;
        fill(&mut sent, index, 0);
        stream.write_all(&sent)?;
        stream.read_exact(&mut received)?;
        if received != sent {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "wrong bytes came back",
            ));
        }
        streams.push(stream);
    }
    Ok(streams)
}
