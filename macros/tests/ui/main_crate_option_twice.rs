#[async_std::main(crate = "async_std", crate = "async_std")]
async fn main() {}
