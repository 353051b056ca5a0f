//! A UDP echo server and its client.
//!
//! Usage:
//! - `udp-echo serve [ADDR]`: the first line on stdout is the bound address; every
//!   datagram is sent back to where it came from, until one says `quit`. Then it prints
//!   how many datagrams it echoed.
//! - `udp-echo send SERVER MESSAGE...`: sends each message and prints the echo. A reply
//!   that does not come within two seconds is an error (exit 1).

use std::time::Duration;

use smol::io;
use smol::net::UdpSocket;

/// Largest datagram either side handles.
const MAX_DATAGRAM: usize = 1500;

fn main() -> io::Result<()> {
    smol::block_on(async {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.first().map(String::as_str) {
            Some("serve") => {
                let addr = args.get(1).map(String::as_str).unwrap_or("127.0.0.1:0");
                serve(addr).await
            }
            Some("send") if args.len() >= 2 => send(&args[1], &args[2..]).await,
            _ => {
                eprintln!("usage: udp-echo serve [ADDR] | udp-echo send SERVER MESSAGE...");
                std::process::exit(2);
            }
        }
    })
}

async fn serve(addr: &str) -> io::Result<()> {
    let socket = UdpSocket::bind(addr).await?;
    println!("{}", socket.local_addr()?);

    let mut buffer = vec![0u8; MAX_DATAGRAM];
    let mut echoed = 0usize;
    loop {
        let (len, peer) = socket.recv_from(&mut buffer).await?;
        if &buffer[..len] == b"quit" {
            break;
        }
        socket.send_to(&buffer[..len], peer).await?;
        echoed += 1;
    }
    println!("echoed {echoed} datagrams");
    Ok(())
}

async fn send(server: &str, messages: &[String]) -> io::Result<()> {
    // Any free port on the loopback interface will do for the client.
    let socket = UdpSocket::bind("127.0.0.1:0").await?;
    socket.connect(server).await?;

    let mut buffer = vec![0u8; MAX_DATAGRAM];
    for message in messages {
        socket.send(message.as_bytes()).await?;
        // UDP gives no guarantee; do not wait for ever.
        let len = smol::future::or(socket.recv(&mut buffer), async { smol::Timer::after(Duration::from_secs(2)).await; Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "future timed out")) }).await?;
        println!("{}", String::from_utf8_lossy(&buffer[..len]));
    }
    Ok(())
}
