//! A line client: connects to a server, sends it each line read from stdin, and prints
//! the line the server answers with.
//!
//! Usage: `tcp-client ADDR`. Prints `> reply` per line, then `sent N lines`. Exits with
//! 1 when the server cannot be reached or closes the connection early.

use smol::{io, io::BufReader};
use smol::net::TcpStream;
use smol::prelude::*;

fn main() -> io::Result<()> {
    smol::block_on(async {
        let addr = match std::env::args().nth(1) {
            Some(addr) => addr,
            None => {
                eprintln!("usage: tcp-client ADDR");
                std::process::exit(2);
            }
        };
        let stream = TcpStream::connect(&addr).await?;
        stream.set_nodelay(true)?;

        // One reader over the socket for the replies, and the socket itself for requests.
        let mut replies = BufReader::new(stream.clone()).lines();
        let mut requests = stream;

        let stdin = async_std_compat::io::stdin();
        let mut input = BufReader::new(stdin).lines();
        let mut sent = 0;
        while let Some(line) = input.next().await {
            let line = line?;
            if line.is_empty() {
                continue; // blank lines are not requests
            }
            requests.write_all(line.as_bytes()).await?;
            requests.write_all(b"\n").await?;
            sent += 1;
            match replies.next().await {
                Some(reply) => println!("> {}", reply?),
                None => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the server closed the connection",
                    ))
                }
            }
        }
        println!("sent {sent} lines");
        Ok(())
    })
}
