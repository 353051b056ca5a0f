#[async_std::main(crate = "not a path")]
async fn main() {}
