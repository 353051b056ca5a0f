//! A line-based chat server.
//!
//! Usage: `chat-server [ADDR]` (default `127.0.0.1:0`). The first line on stdout is the
//! address the server is listening on.
//!
//! The first line a client sends is its name; every later line goes to all the other
//! clients as `name: line`. A client that sends `/shutdown` stops the server: every
//! client is told `* server shutting down`, its connection is closed, and the server
//! exits once all connections are done.

use std::collections::BTreeMap;
use std::net::Shutdown;
use std::sync::Arc;

use smol::{channel, channel::{Receiver, Sender}};
use smol::io::{BufReader, AsyncWriteExt};
use smol::net::{TcpListener, TcpStream};
use smol::prelude::*;

/// What the connections tell the broker.
enum Event {
    Join {
        name: String,
        outbox: Sender<String>,
    },
    Message {
        from: String,
        text: String,
    },
    Leave {
        name: String,
    },
    Shutdown,
}

/// What woke the accept loop up.
enum Accepted {
    Connection(Option<std::io::Result<TcpStream>>),
    Stop,
}

fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let addr = std::env::args()
            .nth(1)
            .unwrap_or_else(|| "127.0.0.1:0".to_string());
        let listener = TcpListener::bind(&addr).await?;
        println!("{}", listener.local_addr()?);

        let (events, inbox) = channel::unbounded();
        // Nobody ever sends on this channel: the broker closes it to say "stop".
        let (stop, stopped) = channel::bounded::<()>(1);
        let broker = smol::spawn(broker(inbox, stop));

        let mut connections = Vec::new();
        let mut incoming = listener.incoming();
        loop {
            let next = async { Accepted::Connection(incoming.next().await) };
            let stop = async {
                let _ = stopped.recv().await;
                Accepted::Stop
            };
            match next.or(stop).await {
                Accepted::Connection(Some(stream)) => {
                    let stream = stream?;
                    stream.set_nodelay(true)?;
                    let events = events.clone();
                    let stopped = stopped.clone();
                    connections.push(smol::spawn(connection(stream, events, stopped)));
                }
                Accepted::Connection(None) | Accepted::Stop => break,
            }
        }

        // Let every connection say goodbye before the process ends.
        for connection in connections {
            if let Err(error) = connection.await {
                eprintln!("a connection failed: {error}");
            }
        }
        let clients = broker.await;
        println!("served {clients} clients");
        Ok(())
    })
}

/// Routes messages between clients; returns how many clients joined in all.
async fn broker(inbox: Receiver<Event>, stop: Sender<()>) -> usize {
    // Sorted, so that the list of who is online is the same on every run.
    let mut clients: BTreeMap<String, Sender<String>> = BTreeMap::new();
    let mut joined = 0;
    while let Ok(event) = inbox.recv().await {
        match event {
            Event::Join { name, outbox } => {
                joined += 1;
                let others: Vec<&str> = clients.keys().map(String::as_str).collect();
                let online = if others.is_empty() {
                    "nobody else".to_string()
                } else {
                    others.join(", ")
                };
                let _ = outbox
                    .send(format!("* welcome {name}, online: {online}"))
                    .await;
                broadcast(&clients, &format!("* {name} joined")).await;
                clients.insert(name, outbox);
            }
            Event::Message { from, text } => {
                let line = format!("{from}: {text}");
                for (name, outbox) in &clients {
                    if *name != from {
                        let _ = outbox.send(line.clone()).await;
                    }
                }
            }
            Event::Leave { name } => {
                // Dropping the sender ends that client's writer.
                clients.remove(&name);
                broadcast(&clients, &format!("* {name} left")).await;
            }
            Event::Shutdown => break,
        }
    }
    // Closing the stop channel wakes the accept loop and every writer.
    drop(stop);
    joined
}

async fn broadcast(clients: &BTreeMap<String, Sender<String>>, line: &str) {
    for outbox in clients.values() {
        let _ = outbox.send(line.to_string()).await;
    }
}

/// Reads one client's lines and turns them into events for the broker.
async fn connection(
    stream: TcpStream,
    events: Sender<Event>,
    stopped: Receiver<()>,
) -> std::io::Result<()> {
    // The reader and the writer share the socket through an `Arc`.
    let stream = Arc::new(stream);
    let mut lines = BufReader::new((*stream).clone()).lines();
    let name = match lines.next().await {
        Some(name) => name?.trim().to_string(),
        None => return Ok(()), // gone before saying who it is
    };

    let (outbox, messages) = channel::unbounded();
    let writer = smol::spawn(writer(Arc::clone(&stream), messages, stopped));
    let _ = events
        .send(Event::Join {
            name: name.clone(),
            outbox,
        })
        .await;

    while let Some(line) = lines.next().await {
        let line = line?;
        let event = if line == "/shutdown" {
            Event::Shutdown
        } else {
            Event::Message {
                from: name.clone(),
                text: line,
            }
        };
        if events.send(event).await.is_err() {
            break; // the broker has stopped
        }
    }
    let _ = events.send(Event::Leave { name }).await;
    writer.await
}

/// What woke a writer up.
enum Outgoing {
    Message(Option<String>),
    Stop,
}

/// Writes the broker's messages to one client, until the client leaves or the server
/// stops.
async fn writer(
    stream: Arc<TcpStream>,
    messages: Receiver<String>,
    stopped: Receiver<()>,
) -> std::io::Result<()> {
    let mut socket = (*stream).clone();
    loop {
        let message = async { Outgoing::Message(messages.recv().await.ok()) };
        let stop = async {
            let _ = stopped.recv().await;
            Outgoing::Stop
        };
        match message.or(stop).await {
            Outgoing::Message(Some(line)) => {
                socket.write_all(format!("{line}\n").as_bytes()).await?;
            }
            // The broker dropped this client: it left, or the server is stopping.
            Outgoing::Message(None) if stopped.is_closed() => break,
            Outgoing::Message(None) => return Ok(()),
            Outgoing::Stop => break,
        }
    }
    // Deliver what was already queued, say goodbye, and close the connection, which
    // also ends this client's reader.
    while let Ok(line) = messages.try_recv() {
        socket.write_all(format!("{line}\n").as_bytes()).await?;
    }
    socket.write_all(b"* server shutting down\n").await?;
    stream.shutdown(Shutdown::Both)
}
