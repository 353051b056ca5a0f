// With CRLF line ends, a `//!` comment's span took the `\r` in, and the body of
// `main` was opened after it: a bare CR in a doc comment does not lex.
#[async_std::main]
async fn main() {
//!
    f().await;
}
