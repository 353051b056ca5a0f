//! async-std's `print!`, `println!`, `eprint!` and `eprintln!` (unstable): they
//! return futures, which print when awaited.

/// Prints to the standard output; returns a future that prints when awaited.
///
/// The text goes through [`io::stdout`](crate::io::stdout) and is flushed, as in
/// async-std; the future panics if writing fails. Without `.await` nothing is printed.
///
/// The text is formatted when the macro is evaluated, so the future borrows nothing and
/// is `Send` (async-std's formats on the first poll and is not `Send`).
///
/// ```
/// use async_std_compat::print;
///
/// # async_std_compat::task::block_on(async {
/// print!("{} ", 1).await;
/// print!("and {}\n", 2).await;
/// # });
/// ```
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => ($crate::io::_print(::core::format_args!($($arg)*)))
}

/// Prints to the standard output with a newline; returns a future that prints when
/// awaited (see [`print!`]).
///
/// ```
/// use async_std_compat::println;
///
/// # async_std_compat::task::block_on(async {
/// println!("hello, {}", "world").await;
/// println!().await;
/// # });
/// ```
#[macro_export]
macro_rules! println {
    () => ($crate::print!("\n"));
    ($($arg:tt)*) => (async {
        let text = $crate::io::_print(::core::format_args!($($arg)*));
        text.await;
        $crate::io::_print(::core::format_args!("\n")).await;
    })
}

/// Prints to the standard error; returns a future that prints when awaited.
///
/// The text goes through [`io::stderr`](crate::io::stderr) and is flushed, as in
/// async-std; the future panics if writing fails. Without `.await` nothing is printed.
///
/// ```
/// use async_std_compat::eprint;
///
/// # async_std_compat::task::block_on(async {
/// eprint!("{}\n", "oops").await;
/// # });
/// ```
#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => ($crate::io::_eprint(::core::format_args!($($arg)*)))
}

/// Prints to the standard error with a newline; returns a future that prints when
/// awaited (see [`eprint!`]).
///
/// ```
/// use async_std_compat::eprintln;
///
/// # async_std_compat::task::block_on(async {
/// eprintln!("error: {}", 42).await;
/// # });
/// ```
#[macro_export]
macro_rules! eprintln {
    () => (async { $crate::eprint!("\n").await; });
    ($($arg:tt)*) => (async {
        let text = $crate::io::_eprint(::core::format_args!($($arg)*));
        text.await;
        $crate::io::_eprint(::core::format_args!("\n")).await;
    })
}
