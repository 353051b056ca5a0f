//! io: BufWriter/BufReader, Cursor, copy, the extension traits, timeout, and the small
//! readers and writers, checked against what async-std 1.13.2 does.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use async_std_compat::io::{
    self, BufReadExt, BufReader, BufWriter, Cursor, ReadExt, SeekExt, SeekFrom, WriteExt,
};
use async_std_compat::stream::{Stream, StreamExt};
use async_std_compat::{future, task};

/// Every item of `stream`, in order (`collect` is unstable in async-std).
async fn items<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        items.push(item);
    }
    items
}

/// A writer that appends to a shared vector, so the test can look at what reached it
/// after the writer is gone.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Shared {
    fn contents(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }
}

impl io::Write for Shared {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// A writer that accepts `room` bytes, then fails every write with `BrokenPipe`, and
/// counts its flushes.
#[derive(Debug)]
struct Failing {
    room: usize,
    written: Vec<u8>,
    flushes: usize,
}

impl io::Write for Failing {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.room == 0 {
            return Poll::Ready(Err(io::Error::new(io::ErrorKind::BrokenPipe, "pipe gone")));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        self.written.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }
    fn poll_flush(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.flushes += 1;
        Poll::Ready(Ok(()))
    }
    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[test]
fn buf_writer_into_inner_flushes_every_byte() {
    task::block_on(async {
        let payload: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut writer = BufWriter::with_capacity(1000, Vec::new());
        for chunk in payload.chunks(333) {
            writer.write_all(chunk).await.unwrap();
        }
        assert!(!writer.buffer().is_empty(), "the tail is still buffered");
        let inner = writer.into_inner().await.unwrap();
        assert_eq!(inner.len(), payload.len());
        assert_eq!(inner, payload);
    });
}

#[test]
fn buf_writer_into_inner_error_keeps_the_writer() {
    task::block_on(async {
        let failing = Failing {
            room: 2,
            written: Vec::new(),
            flushes: 0,
        };
        let mut writer = BufWriter::with_capacity(16, failing);
        writer.write_all(b"hello").await.unwrap();
        let error = writer.into_inner().await.unwrap_err();
        let text = format!("{error:?}");
        assert!(text.starts_with("IntoInnerError(BufWriter {"), "{text}");
        assert!(text.contains("BrokenPipe"), "{text}");
        // The bytes the writer did not take are still in the BufWriter's buffer.
        assert!(text.contains("buf: [108, 108, 111]"), "{text}");
    });
}

#[test]
fn buf_writer_dropped_without_flush_loses_its_buffer_as_in_async_std() {
    task::block_on(async {
        let shared = Shared::default();
        let mut writer = BufWriter::with_capacity(64, shared.clone());
        writer.write_all(b"buffered").await.unwrap();
        drop(writer);
        // async-std's BufWriter has no Drop impl: the buffer goes with it.
        assert_eq!(shared.contents(), b"");

        let mut writer = BufWriter::with_capacity(64, shared.clone());
        writer.write_all(b"flushed").await.unwrap();
        writer.flush().await.unwrap();
        drop(writer);
        assert_eq!(shared.contents(), b"flushed");
    });
}

#[test]
fn buf_writer_write_fmt_flushes_like_async_std() {
    task::block_on(async {
        let shared = Shared::default();
        let mut writer = BufWriter::with_capacity(64, shared.clone());
        write!(writer, "{}-{}", 1, 2).await.unwrap();
        // async-std's write_fmt flushes after writing.
        assert_eq!(shared.contents(), b"1-2");
        assert!(writer.buffer().is_empty());

        let mut failing = Failing {
            room: 100,
            written: Vec::new(),
            flushes: 0,
        };
        writeln!(failing, "x={}", 5).await.unwrap();
        assert_eq!(failing.written, b"x=5\n");
        assert_eq!(failing.flushes, 1);
    });
}

#[test]
fn write_fmt_reports_formatter_errors() {
    struct Broken;
    impl std::fmt::Display for Broken {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }
    task::block_on(async {
        let mut out = Vec::new();
        let error = write!(out, "{}", Broken).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Other);
        assert_eq!(error.to_string(), "formatter error");
    });
}

#[test]
fn buf_writer_seek_and_debug() {
    task::block_on(async {
        let mut writer = BufWriter::with_capacity(3, Cursor::new(Vec::new()));
        writer.write_all(&[0, 1, 2, 3, 4, 5]).await.unwrap();
        writer.write_all(&[6, 7]).await.unwrap();
        assert_eq!(writer.seek(SeekFrom::Current(0)).await.unwrap(), 8);
        assert_eq!(writer.get_ref().get_ref(), &[0, 1, 2, 3, 4, 5, 6, 7]);
        writer.get_mut().set_position(0);
        assert_eq!(
            format!("{:?}", BufWriter::new(Vec::<u8>::new())),
            "BufWriter { writer: [], buf: [] }"
        );
    });
}

#[test]
fn buf_reader_reads_lines_and_seeks() {
    task::block_on(async {
        let mut reader = BufReader::with_capacity(4, Cursor::new(b"alpha\nbeta\ngamma".to_vec()));
        let mut line = String::new();
        assert_eq!(reader.read_line(&mut line).await.unwrap(), 6);
        assert_eq!(line, "alpha\n");
        assert_eq!(reader.seek(SeekFrom::Start(6)).await.unwrap(), 6);
        let mut rest = String::new();
        reader.read_to_string(&mut rest).await.unwrap();
        assert_eq!(rest, "beta\ngamma");
        assert_eq!(
            format!("{:?}", BufReader::new(&b"ab"[..])),
            "BufReader { reader: [97, 98], buffer: 0/8192 }"
        );
    });
}

#[test]
fn read_line_and_read_to_string_append_like_async_std() {
    task::block_on(async {
        let mut reader: &[u8] = b"one\r\ntwo\nthree";
        let mut text = String::from(">");
        assert_eq!(reader.read_line(&mut text).await.unwrap(), 5);
        assert_eq!(reader.read_line(&mut text).await.unwrap(), 4);
        assert_eq!(reader.read_line(&mut text).await.unwrap(), 5);
        assert_eq!(reader.read_line(&mut text).await.unwrap(), 0);
        assert_eq!(text, ">one\r\ntwo\nthree");

        let mut reader: &[u8] = b" world";
        let mut text = String::from("hello");
        assert_eq!(reader.read_to_string(&mut text).await.unwrap(), 6);
        assert_eq!(text, "hello world");

        let mut reader: &[u8] = b"a\nb";
        let mut buf = b"x".to_vec();
        assert_eq!(reader.read_until(b'\n', &mut buf).await.unwrap(), 2);
        assert_eq!(buf, b"xa\n");
        let mut bytes = Vec::new();
        assert_eq!(reader.read_to_end(&mut bytes).await.unwrap(), 1);
        assert_eq!(bytes, b"b");
    });
}

#[test]
fn invalid_utf8_is_invalid_data() {
    task::block_on(async {
        let mut reader: &[u8] = b"\xff\xfe\n";
        let mut text = String::from("old");
        let error = reader.read_line(&mut text).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(error.to_string(), "stream did not contain valid UTF-8");
        // async-std empties the string in this case.
        assert_eq!(text, "");

        let mut reader: &[u8] = b"ok\xff";
        let mut text = String::new();
        let error = reader.read_to_string(&mut text).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);

        let mut lines = (&b"good\n\xff\n"[..]).lines();
        assert_eq!(lines.next().await.unwrap().unwrap(), "good");
        let error = lines.next().await.unwrap().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    });
}

#[test]
fn lines_and_split_streams() {
    task::block_on(async {
        let reader = BufReader::new(&b"a\r\nb\n\nc"[..]);
        let lines: Vec<String> = items(reader.lines().map(|l| l.unwrap())).await;
        assert_eq!(lines, ["a", "b", "", "c"]);

        let lines: Vec<String> = items((&b""[..]).lines().map(|l| l.unwrap())).await;
        assert!(lines.is_empty());

        let pieces: Vec<Vec<u8>> = items(
            Cursor::new(b"lorem-ipsum--dolor-")
                .split(b'-')
                .map(|p| p.unwrap()),
        )
        .await;
        assert_eq!(
            pieces,
            [
                b"lorem".to_vec(),
                b"ipsum".to_vec(),
                Vec::new(),
                b"dolor".to_vec()
            ]
        );
    });
}

#[test]
fn cursor_reads_writes_and_seeks() {
    task::block_on(async {
        let mut cursor = Cursor::new(Vec::new());
        cursor.write_all(b"hello world").await.unwrap();
        assert_eq!(cursor.position(), 11);
        cursor.seek(SeekFrom::Start(6)).await.unwrap();
        cursor.write_all(b"WORLD!").await.unwrap();
        assert_eq!(cursor.get_ref(), b"hello WORLD!");
        cursor.set_position(0);
        let mut word = [0; 5];
        cursor.read_exact(&mut word).await.unwrap();
        assert_eq!(&word, b"hello");
        assert_eq!(cursor.seek(SeekFrom::End(-1)).await.unwrap(), 11);
        let error = cursor.seek(SeekFrom::Current(-100)).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);

        // Write for Cursor<&mut [u8]>: fills the slice, then writes nothing.
        let mut backing = [0u8; 4];
        let mut cursor = Cursor::new(&mut backing[..]);
        assert_eq!(cursor.write(b"abcdef").await.unwrap(), 4);
        assert_eq!(cursor.write(b"g").await.unwrap(), 0);
        let error = cursor.write_all(b"g").await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::WriteZero);
        assert_eq!(&backing, b"abcd");

        // Write for Cursor<&mut Vec<u8>>.
        let mut vec = b"xyz".to_vec();
        let mut cursor = Cursor::new(&mut vec);
        cursor.set_position(1);
        cursor.write_all(b"12345").await.unwrap();
        assert_eq!(vec, b"x12345");

        // BufRead for Cursor, Clone, Default, Debug.
        let mut cursor = Cursor::new(b"l1\nl2".to_vec());
        let mut line = String::new();
        cursor.read_line(&mut line).await.unwrap();
        assert_eq!(line, "l1\n");
        let copy = cursor.clone();
        assert_eq!(copy.position(), 3);
        let default: Cursor<Vec<u8>> = Cursor::default();
        assert_eq!(default.position(), 0);
        assert!(format!("{:?}", copy).starts_with("Cursor"));
    });
}

#[test]
fn copy_moves_every_byte_and_flushes() {
    task::block_on(async {
        let payload: Vec<u8> = (0..50_000u32).map(|i| (i % 7) as u8).collect();
        let mut reader = &payload[..];
        let mut writer = Failing {
            room: usize::MAX,
            written: Vec::new(),
            flushes: 0,
        };
        let copied = io::copy(&mut reader, &mut writer).await.unwrap();
        assert_eq!(copied, payload.len() as u64);
        assert_eq!(writer.written, payload);
        assert_eq!(writer.flushes, 1);
    });
}

// With `docs` too, `copy` has its stable signature (by reference), as in async-std.
#[cfg(all(feature = "unstable", not(feature = "docs")))]
#[test]
fn copy_takes_values_with_unstable() {
    task::block_on(async {
        let mut out = Vec::new();
        let copied = io::copy(&b"by value"[..], &mut out).await.unwrap();
        assert_eq!(copied, 8);
        assert_eq!(out, b"by value");
    });
}

#[test]
fn copy_error_is_wrapped_like_async_std() {
    task::block_on(async {
        let mut reader: &[u8] = b"0123456789";
        let mut writer = Failing {
            room: 4,
            written: Vec::new(),
            flushes: 0,
        };
        let error = io::copy(&mut reader, &mut writer).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(error.to_string(), "io::copy failed");
        let source = std::error::Error::source(error.get_ref().unwrap()).unwrap();
        assert_eq!(source.to_string(), "pipe gone");
        assert_eq!(writer.written, b"0123");
    });
}

#[test]
fn timeout_kind_and_message() {
    task::block_on(async {
        let start = Instant::now();
        let error = io::timeout(
            Duration::from_millis(50),
            future::pending::<io::Result<()>>(),
        )
        .await
        .unwrap_err();
        assert!(start.elapsed() >= Duration::from_millis(50));
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert_eq!(error.to_string(), "future timed out");

        let value = io::timeout(Duration::from_secs(5), async { Ok(7) })
            .await
            .unwrap();
        assert_eq!(value, 7);

        // The future is polled first: ready in time beats an expired timer.
        let value = io::timeout(Duration::ZERO, async { Ok("first") })
            .await
            .unwrap();
        assert_eq!(value, "first");

        let error = io::timeout(Duration::from_secs(5), async {
            Err::<(), _>(io::Error::other("mine"))
        })
        .await
        .unwrap_err();
        assert_eq!(error.to_string(), "mine");

        let value = io::timeout(Duration::from_secs(5), async {
            task::sleep(Duration::from_millis(10)).await;
            Ok(1)
        })
        .await
        .unwrap();
        assert_eq!(value, 1);
    });
}

#[test]
fn bytes_chain_take() {
    task::block_on(async {
        let bytes: Vec<u8> = items((&b"abc"[..]).bytes().map(|b| b.unwrap())).await;
        assert_eq!(bytes, b"abc");

        let mut chain = (&b"ab"[..]).chain(&b"cd"[..]);
        assert_eq!(chain.get_ref(), (&&b"ab"[..], &&b"cd"[..]));
        let mut text = String::new();
        chain.read_to_string(&mut text).await.unwrap();
        assert_eq!(text, "abcd");
        let (first, second) = chain.get_mut();
        assert!(first.is_empty() && second.is_empty());
        assert_eq!(
            format!("{:?}", Cursor::new(vec![1u8]).chain(io::empty())),
            format!(
                "Chain {{ t: {:?}, u: Empty {{ .. }} }}",
                Cursor::new(vec![1u8])
            )
        );
        // Chain is a BufRead when both halves are.
        let chain = Cursor::new(b"x\ny".to_vec()).chain(Cursor::new(b"z\n".to_vec()));
        let lines: Vec<String> = items(chain.lines().map(|l| l.unwrap())).await;
        assert_eq!(lines, ["x", "yz"]);

        let mut take = (&b"abcdef"[..]).take(2);
        let mut out = Vec::new();
        take.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"ab");
        assert_eq!(take.limit(), 0);
        take.set_limit(3);
        take.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"abcde");
        assert_eq!(*take.get_ref(), b"f");
        let rest = take.into_inner();
        assert_eq!(rest, b"f");

        // by_ref lets an adapter borrow the reader.
        let mut reader: &[u8] = b"123456";
        let mut first = Vec::new();
        reader
            .by_ref()
            .take(4)
            .read_to_end(&mut first)
            .await
            .unwrap();
        assert_eq!(first, b"1234");
        assert_eq!(reader, b"56");
    });
}

#[test]
fn empty_repeat_sink() {
    task::block_on(async {
        let mut out = Vec::new();
        assert_eq!(io::empty().read_to_end(&mut out).await.unwrap(), 0);
        let mut buf = [0; 4];
        io::repeat(7).read_exact(&mut buf).await.unwrap();
        assert_eq!(buf, [7; 4]);
        let mut sink = io::sink();
        assert_eq!(sink.write(b"abc").await.unwrap(), 3);
        sink.flush().await.unwrap();
        // async-std's Debug output, typo included.
        assert_eq!(format!("{:?}", io::empty()), "Empty { .. }");
        assert_eq!(format!("{:?}", io::repeat(1)), "Empty { .. }");
        assert_eq!(format!("{:?}", io::sink()), "Sink { .. }");
    });
}

#[test]
fn preludes_bring_every_extension_trait() {
    mod crate_prelude {
        use async_std_compat::io::{Cursor, SeekFrom};
        use async_std_compat::prelude::*;

        pub async fn run() -> std::io::Result<String> {
            let mut cursor = Cursor::new(b"skip\nline\n".to_vec());
            cursor.seek(SeekFrom::Start(5)).await?;
            let mut line = String::new();
            cursor.read_line(&mut line).await?;
            cursor.write_all(b"more").await?;
            let mut byte = [0; 1];
            cursor.seek(SeekFrom::Start(0)).await?;
            cursor.read_exact(&mut byte).await?;
            Ok(line)
        }
    }
    mod io_prelude {
        use async_std_compat::io::prelude::*;
        use async_std_compat::io::{Cursor, SeekFrom};

        pub async fn run() -> std::io::Result<String> {
            let mut cursor = Cursor::new(b"skip\nline\n".to_vec());
            SeekExt::seek(&mut cursor, SeekFrom::Start(5)).await?;
            let mut line = String::new();
            BufReadExt::read_line(&mut cursor, &mut line).await?;
            WriteExt::write_all(&mut cursor, b"x").await?;
            ReadExt::read_to_string(&mut cursor, &mut line).await?;
            Ok(line)
        }
    }
    task::block_on(async {
        assert_eq!(crate_prelude::run().await.unwrap(), "line\n");
        assert_eq!(io_prelude::run().await.unwrap(), "line\n");
    });
}

#[test]
fn auto_traits_match_async_std() {
    fn send_sync_unpin<T: Send + Sync + Unpin>() {}
    send_sync_unpin::<BufReader<&[u8]>>();
    send_sync_unpin::<BufWriter<Vec<u8>>>();
    send_sync_unpin::<io::IntoInnerError<BufWriter<Vec<u8>>>>();
    send_sync_unpin::<Cursor<Vec<u8>>>();
    send_sync_unpin::<io::Empty>();
    send_sync_unpin::<io::Repeat>();
    send_sync_unpin::<io::Sink>();
    send_sync_unpin::<io::Stdin>();
    send_sync_unpin::<io::Stdout>();
    send_sync_unpin::<io::Stderr>();
    send_sync_unpin::<io::Lines<&[u8]>>();
    send_sync_unpin::<io::Split<&[u8]>>();
    send_sync_unpin::<io::Bytes<&[u8]>>();
    send_sync_unpin::<io::Chain<&[u8], &[u8]>>();
    send_sync_unpin::<io::Take<&[u8]>>();

    fn send<T: Send>(_: &T) {}
    let mut reader: &[u8] = b"";
    let mut line = String::new();
    send(&reader.read_line(&mut line));
    send(&io::timeout(Duration::from_secs(1), async { Ok(()) }));
    let stdin = io::stdin();
    send(&stdin.read_line(&mut line));
    let mut out = Vec::new();
    send(&io::copy(&mut reader, &mut out));
    send(&BufWriter::new(Vec::new()).into_inner());
}

#[cfg(feature = "unstable")]
#[test]
fn print_macros_return_send_futures() {
    fn send<T: Send + std::future::Future<Output = ()>>(future: T) -> T {
        future
    }
    task::block_on(async {
        let value = 5;
        // Nothing happens without .await; with it, the text is printed.
        let _unawaited = async_std_compat::println!("never printed");
        send(async_std_compat::print!("print {} ", value)).await;
        send(async_std_compat::println!("println {}", value)).await;
        send(async_std_compat::println!()).await;
        send(async_std_compat::eprint!("eprint {} ", value)).await;
        send(async_std_compat::eprintln!("eprintln {}", value)).await;
        send(async_std_compat::eprintln!()).await;
        // A spawned task may print.
        task::spawn(async move { async_std_compat::println!("from a task {}", value).await }).await;
    });
}
