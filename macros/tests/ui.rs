//! Compile-fail tests: each misuse of the attributes is one error, pointing at the
//! user's code.

#[test]
fn misuses_are_reported_at_the_users_code() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
