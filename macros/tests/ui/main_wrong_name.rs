#[async_std_compat::main]
async fn start() {}

fn main() {}
