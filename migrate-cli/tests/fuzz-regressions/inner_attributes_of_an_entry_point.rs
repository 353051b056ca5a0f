// The inner attributes of an entry point's body went into the `async` block, where
// they may not be: the output did not parse.
#[async_std::test]
async fn t() {
    //! Inner docs.
    #![allow(unused)]
    f().await;
}

#[async_std::main]
async fn main() { #![allow(unused)] f().await; }
