#[async_std::main]
async fn start() {}

fn main() {}
