#[async_std::test]
fn adds() {}

fn main() {}
