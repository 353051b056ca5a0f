#[async_std_compat::test]
fn adds() {}

fn main() {}
