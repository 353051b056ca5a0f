#[async_std_compat::main]
fn main() {}
