//! The industry reference: a tokio echo server (multi-threaded runtime, one worker per
//! core, one task per connection), as the async-std examples are written.
//!
//! Usage: `tokio-echo [ADDR]` (default `127.0.0.1:0`); the first line on stdout is the
//! address it listens on.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Size of the buffer each connection copies through (as in the examples).
const BUFFER_SIZE: usize = 16 * 1024;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_string());
    let listener = TcpListener::bind(&addr).await?;
    println!("{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        tokio::spawn(echo(stream));
    }
}

async fn echo(mut stream: TcpStream) -> std::io::Result<()> {
    let mut buffer = vec![0u8; BUFFER_SIZE];
    loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        stream.write_all(&buffer[..read]).await?;
    }
}
