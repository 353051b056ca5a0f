// async-std paths in the arguments of a rewritten `write!` were copied as they were,
// so a second run still had work to do.
use async_std::io::{self, WriteExt};

async fn greet(out: &mut (impl io::Write + Unpin), name: &str) -> async_std::Result<()> {
    write!(out, "{:?} {}", async_std::task::current().id(), name).await?;
    writeln!(out, "{:?}", async_std::task::current().id()).await?;
    writeln!(async_std::io::stdout()).await?;
    write!(out,let _ = async_std::task::spawn_local(async {});
 "hello, {}", name).await?;
    out.flush().await
}
