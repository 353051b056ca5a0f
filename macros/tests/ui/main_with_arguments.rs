#[async_std_compat::main]
async fn main(count: u32) {
    let _ = count;
}
