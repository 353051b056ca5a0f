// Nested `.by_ref()` calls both opened `(&mut ` at the start of the chain, and the
// two equal insertions counted once: the output did not parse.
use async_std::prelude::*;

async fn f(s: impl Stream<Item = u8> + Unpin) {
    let _ = s.by_ref().take(2).by_ref().take(1);
}
