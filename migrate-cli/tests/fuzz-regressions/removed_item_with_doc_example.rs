// A removed `use` item took its doc comment with it, and the doc example migrated
// inside the comment (or a line indented inside the item) overlapped the removal.
use async_std::test;
/// ```
/// async_std::task::block_on(async {});
/// ```
use async_std as rt;
fn documented() {}

#[async_std::main]
async fn main() {
    f().await;
    ///
use async_std as rt;
}
