//! `Command`'s getters (unstable): async-process added them in a later 2.x release
//! than async-std 1.13.0 asks for, so they exist exactly when the lock holds such an
//! async-process, with async-std as with the shim. (tests/dependency_floors.rs, which
//! builds the shim at async-process 2.0, leaves this file out.)
#![cfg(all(unix, feature = "unstable"))]

use async_std_compat::process::Command;

#[test]
fn the_getters_show_what_was_set() {
    let dir = std::env::temp_dir();
    let mut command = Command::new("sh");
    command.arg("-c").arg("true").current_dir(&dir);
    assert_eq!(command.get_program(), "sh");
    assert_eq!(command.get_args().count(), 2);
    assert_eq!(command.get_current_dir(), Some(dir.as_path()));
}
