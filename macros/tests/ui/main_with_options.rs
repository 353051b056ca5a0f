#[async_std::main(flavor = "multi_thread")]
async fn main() {}
