// The tokens before the first comma of `write!` were moved out of the macro, where
// they are no expression: the output did not parse.
use async_std::io::{self, WriteExt};

async fn f(out: &mut Vec<u8>) -> io::Result<()> {
    write!(ou mod m {} t, "x").await?;
    writeln!(out, "y").await?;
    Ok(())
}
