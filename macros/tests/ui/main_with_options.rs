#[async_std_compat::main(flavor = "multi_thread")]
async fn main() {}
