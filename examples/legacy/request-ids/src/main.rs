//! A small line server that knows which request it is working on without passing an id
//! around: each request runs in its own named task, and a task-local holds its id.
//!
//! Usage: `request-ids [ADDR]` (default `127.0.0.1:0`). The first line on stdout is the
//! address the server is listening on. Each line a client sends is a request; the reply
//! is `[conn-C/req-R] UPPERCASED LINE`. `stats` replies with the number of requests
//! this connection has made so far.

use std::cell::Cell;

use async_std::io::{BufReader, WriteExt};
use async_std::net::{TcpListener, TcpStream};
use async_std::prelude::*;
use async_std::task;

async_std::task_local! {
    /// The id of the request the current task serves (0: none).
    static REQUEST_ID: Cell<u64> = Cell::new(0);
}

#[async_std::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_string());
    let listener = TcpListener::bind(&addr).await?;
    println!("{}", listener.local_addr()?);

    let mut incoming = listener.incoming();
    let mut connection_number = 0u64;
    while let Some(stream) = incoming.next().await {
        let stream = stream?;
        stream.set_nodelay(true)?;
        connection_number += 1;
        // A name makes the task recognisable in logs and panics.
        task::Builder::new()
            .name(format!("conn-{connection_number}"))
            .spawn(serve(stream))?;
    }
    Ok(())
}

/// Serves one connection: one named task per request, one at a time.
async fn serve(stream: TcpStream) -> std::io::Result<()> {
    let connection = task::current()
        .name()
        .unwrap_or("unnamed connection")
        .to_string();
    let mut lines = BufReader::new(stream.clone()).lines();
    let mut writer = stream;
    let mut served = 0u64;
    while let Some(line) = lines.next().await {
        let line = line?;
        served += 1;
        let request = served;
        let task_name = format!("{connection}/req-{request}");
        let reply = task::Builder::new()
            .name(task_name)
            .spawn(async move {
                REQUEST_ID.with(|id| id.set(request));
                handle(&line, request).await
            })?
            .await;
        writer.write_all(reply.as_bytes()).await?;
        writer.write_all(b"\n").await?;
    }
    Ok(())
}

/// Handles one request; deep in the call stack, it still knows which request it is.
async fn handle(line: &str, served: u64) -> String {
    task::yield_now().await; // task-locals survive suspension points
    let body = if line.trim() == "stats" {
        format!("{served} requests on this connection")
    } else {
        line.to_uppercase()
    };
    format!("[{}] {body}", tag())
}

/// The task's name, checked against the task-local request id.
fn tag() -> String {
    let current = task::current();
    let name = current.name().unwrap_or("?");
    let id = REQUEST_ID.with(|id| id.get());
    if name.ends_with(&format!("/req-{id}")) {
        name.to_string()
    } else {
        format!("{name} (request id {id} does not match!)")
    }
}
