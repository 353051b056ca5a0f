//! A TCP echo server: every byte a client sends comes back to it.
//!
//! Usage: `echo-server [ADDR]` (default `127.0.0.1:0`). The first line on stdout is the
//! address the server is listening on.

use smol::io::{AsyncReadExt, AsyncWriteExt};
use smol::net::{TcpListener, TcpStream}; // the listener and its connections
use smol::prelude::*;

/// Size of the buffer each connection copies through.
const BUFFER_SIZE: usize = 16 * 1024;

fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let addr = std::env::args()
            .nth(1)
            .unwrap_or_else(|| "127.0.0.1:0".to_string());
        let listener = TcpListener::bind(&addr).await?;
        // Tell whoever started us where to connect.
        println!("{}", listener.local_addr()?);

        let mut incoming = listener.incoming();
        while let Some(stream) = incoming.next().await {
            let stream = stream?;
            // Without this, Nagle's algorithm and delayed ACKs stall small round trips.
            stream.set_nodelay(true)?;
            // One task per connection; the handle is dropped, so the task runs detached.
            smol::spawn(echo(stream)).detach();
        }
        Ok(())
    })
}

/// Copies everything `stream` sends back to it, until it closes.
async fn echo(mut stream: TcpStream) -> std::io::Result<()> {
    let mut buffer = vec![0u8; BUFFER_SIZE];
    loop {
        let read = stream.read(&mut buffer).await?; // 0 means the peer closed
        if read == 0 {
            return Ok(());
        }
        /* write back exactly what was read */
        stream.write_all(&buffer[..read]).await?;
    }
}
