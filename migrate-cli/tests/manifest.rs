//! Cargo.toml migration, one test per shape a dependency on async-std can take: the
//! manifest before, the manifest after, comments and order kept.

use cargo_smolify::manifest::{inspect, migrate, Options};
use cargo_smolify::{edit, Severity};

fn migrated_with(text: &str, options: &Options) -> String {
    let migration = migrate(text, options).expect("a valid manifest");
    let out = edit::apply(text, &migration.edits).expect("edits do not overlap");
    // The output is a valid manifest, and a second run changes nothing.
    let again = migrate(&out, &Options::default()).expect("the output parses");
    assert!(
        again.edits.is_empty(),
        "a second run changes the manifest:\n{out}\n{:?}",
        again.edits
    );
    out
}

fn migrated(text: &str) -> String {
    migrated_with(text, &Options::default())
}

fn with_shim(text: &str) -> String {
    migrated_with(
        text,
        &Options {
            needs_shim: true,
            ..Options::default()
        },
    )
}

#[test]
fn a_version_string_becomes_smol_and_comments_stay() {
    let before = r#"[package]
name = "demo" # the name
version = "0.1.0"

[dependencies]
# The runtime.
async-std = "1.13" # trailing
log = "0.4"
"#;
    assert_eq!(
        migrated(before),
        r#"[package]
name = "demo" # the name
version = "0.1.0"

[dependencies]
# The runtime.
smol = "2" # trailing
log = "0.4"
"#
    );
}

#[test]
fn an_inline_table_with_features_becomes_smol() {
    let before = "[dependencies]\nasync-std = { version = \"1.13\", features = [\"attributes\", \"unstable\"] }\n";
    assert_eq!(migrated(before), "[dependencies]\nsmol = \"2\"\n");
}

#[test]
fn dev_build_and_target_tables_are_all_migrated() {
    let before = r#"[dev-dependencies]
async-std = { version = "1", features = ["attributes"] }

[build-dependencies]
async-std = "1"

[target.'cfg(unix)'.dependencies]
async-std = "1.13"

[target."cfg(windows)".dev-dependencies]
# windows only
async-std = "1.13"
"#;
    assert_eq!(
        migrated(before),
        r#"[dev-dependencies]
smol = "2"

[build-dependencies]
smol = "2"

[target.'cfg(unix)'.dependencies]
smol = "2"

[target."cfg(windows)".dev-dependencies]
# windows only
smol = "2"
"#
    );
}

#[test]
fn a_dependency_table_is_renamed_in_place() {
    let before = r#"[dependencies.async-std]
# pinned for a reason
version = "1.13" # keep me
features = ["attributes"]
default-features = false

[dependencies.log]
version = "0.4"
"#;
    assert_eq!(
        migrated(before),
        r#"[dependencies.smol]
# pinned for a reason
version = "2" # keep me

[dependencies.log]
version = "0.4"
"#
    );
}

#[test]
fn a_dependency_table_with_a_fallback_gets_a_shim_table() {
    let before = "[dev-dependencies.async-std]\nversion = \"1.13\"\nfeatures = [\"unstable\"]\n";
    assert_eq!(
        with_shim(before),
        "[dev-dependencies.smol]\nversion = \"2\"\n\n[dev-dependencies.async-std-compat]\nversion = \"1.13\"\nfeatures = [\"unstable\"]\n"
    );
}

#[test]
fn a_target_dependency_table_keeps_its_target() {
    let before = "[target.'cfg(unix)'.dependencies.async-std]\nversion = \"1\"\n";
    assert_eq!(
        with_shim(before),
        "[target.'cfg(unix)'.dependencies.smol]\nversion = \"2\"\n\n[target.'cfg(unix)'.dependencies.async-std-compat]\nversion = \"1\"\n"
    );
}

#[test]
fn a_fallback_adds_the_shim_with_the_same_version_spec_and_features() {
    let before = "[dependencies]\nasync-std = { version = \"~1.12\", default-features = false, features = [\"std\", \"unstable\"] }\n";
    assert_eq!(
        with_shim(before),
        "[dependencies]\nsmol = \"2\"\nasync-std-compat = { version = \"~1.12\", default-features = false, features = [\"std\", \"unstable\"] }\n"
    );
    let plain = "[dependencies]\nasync-std = \"1.13\"\n";
    assert_eq!(
        with_shim(plain),
        "[dependencies]\nsmol = \"2\"\nasync-std-compat = \"1.13\"\n"
    );
}

#[test]
fn without_a_fallback_the_shim_is_not_added() {
    let before = "[dependencies]\nasync-std = { version = \"1.13\", features = [\"unstable\"] }\n";
    assert!(!migrated(before).contains("async-std-compat"));
}

#[test]
fn an_existing_smol_dependency_is_not_duplicated() {
    let before = "[dependencies]\nsmol = \"2\"\nasync-std = \"1\" # goes\nlog = \"0.4\"\n";
    assert_eq!(
        migrated(before),
        "[dependencies]\nsmol = \"2\"\nlog = \"0.4\"\n"
    );
}

#[test]
fn a_renamed_dependency_is_found_and_named_for_the_code() {
    let before = "[dependencies]\nrt = { package = \"async-std\", version = \"1\", features = [\"attributes\"] }\n";
    let info = inspect(before, &[]).unwrap();
    assert_eq!(info.crate_names, ["rt"]);
    assert!(info.depends_on_async_std);
    assert_eq!(migrated(before), "[dependencies]\nsmol = \"2\"\n");
}

#[test]
fn workspace_dependencies_become_smol() {
    let before = r#"[workspace]
members = ["a", "b"]

[workspace.dependencies]
# shared by every member
async-std = { version = "1.13", features = ["attributes"] }
serde = "1"
"#;
    let info = inspect(before, &[]).unwrap();
    assert!(info.is_workspace_root);
    assert_eq!(info.workspace_keys, ["async-std"]);
    assert_eq!(
        migrated(before),
        r#"[workspace]
members = ["a", "b"]

[workspace.dependencies]
# shared by every member
smol = "2"
serde = "1"
"#
    );
    // A member needs the shim: the workspace declares it with async-std's spec.
    assert!(with_shim(before).contains(
        "smol = \"2\"\nasync-std-compat = { version = \"1.13\", features = [\"attributes\"] }\n"
    ));
}

#[test]
fn a_member_that_inherits_async_std_inherits_smol() {
    let before = r#"[package]
name = "a"

[dependencies]
async-std = { workspace = true, features = ["unstable"] }
"#;
    assert!(inspect(before, &[]).unwrap().inherits);
    assert_eq!(
        migrated(before),
        "[package]\nname = \"a\"\n\n[dependencies]\nsmol = { workspace = true }\n"
    );
    assert_eq!(
        with_shim(before),
        "[package]\nname = \"a\"\n\n[dependencies]\nsmol = { workspace = true }\nasync-std-compat = { workspace = true, features = [\"unstable\"] }\n"
    );
}

#[test]
fn a_member_inherits_a_renamed_workspace_dependency() {
    let root = "[workspace.dependencies]\nrt = { package = \"async-std\", version = \"1\" }\n";
    let keys = inspect(root, &[]).unwrap().workspace_keys;
    assert_eq!(keys, ["rt"]);
    let member = "[dependencies]\nrt = { workspace = true }\n";
    let info = inspect(member, &keys).unwrap();
    assert_eq!(info.crate_names, ["rt"]);
    let options = Options {
        inherited_keys: keys,
        ..Options::default()
    };
    let migration = migrate(member, &options).unwrap();
    assert_eq!(
        edit::apply(member, &migration.edits).unwrap(),
        "[dependencies]\nsmol = { workspace = true }\n"
    );
    // Without the root's word, `rt` is just some dependency.
    assert!(migrate(member, &Options::default())
        .unwrap()
        .edits
        .is_empty());
}

#[test]
fn dotted_keys_are_migrated() {
    let before = "[dependencies]\nasync-std.workspace = true\nasync-std.features = [\"attributes\"]\nlog = \"0.4\"\n";
    assert_eq!(
        migrated(before),
        "[dependencies]\nsmol = { workspace = true }\nlog = \"0.4\"\n"
    );
}

#[test]
fn an_optional_dependency_and_the_features_that_name_it() {
    let before = r#"[dependencies]
async-std = { version = "1.13", optional = true, features = ["attributes"] }

[features]
default = ["runtime"]
# Turns the runtime on.
runtime = ["dep:async-std", "async-std/unstable"]
weak = ["async-std?/attributes", "log"]
"#;
    assert_eq!(
        migrated(before),
        r#"[dependencies]
smol = { version = "2", optional = true }

[features]
default = ["runtime"]
# Turns the runtime on.
runtime = ["dep:smol"]
weak = ["log"]
"#
    );
}

#[test]
fn features_follow_the_shim_when_a_fallback_needs_it() {
    let before = r#"[dependencies]
async-std = { version = "1.13", optional = true }

[features]
runtime = ["dep:async-std", "async-std/unstable"]
weak = ["async-std?/attributes"]
"#;
    assert_eq!(
        with_shim(before),
        r#"[dependencies]
smol = { version = "2", optional = true }
async-std-compat = { version = "1.13", optional = true }

[features]
runtime = ["dep:smol", "dep:async-std-compat", "async-std-compat/unstable"]
weak = ["async-std-compat?/attributes"]
"#
    );
}

#[test]
fn the_implicit_feature_of_an_optional_dependency_keeps_its_name_and_turns_smol_on() {
    let before = r#"[dependencies]
async-std = { version = "1", optional = true }

[features]
default = ["async-std"]
full = ["async-std/attributes", "log"]
"#;
    assert_eq!(
        migrated(before),
        r#"[dependencies]
smol = { version = "2", optional = true }

[features]
# Kept from async-std's optional dependency: crates and cfgs name it.
async-std = ["dep:smol"]
default = ["async-std"]
full = ["async-std", "log"]
"#
    );
}

#[test]
fn an_implicit_feature_is_declared_even_without_a_features_table() {
    let before = r#"[package]
name = "x"

[dependencies]
async-std = { version = "1", optional = true }
"#;
    assert_eq!(
        migrated(before),
        r#"[package]
name = "x"

[dependencies]
smol = { version = "2", optional = true }

[features]
# Kept from async-std's optional dependency: crates and cfgs name it.
async-std = ["dep:smol"]
"#
    );
}

#[test]
fn an_implicit_smol_feature_in_use_stays_implicit() {
    let before = r#"[dependencies]
async-std = { version = "1", optional = true }
smol = { version = "2", optional = true }

[features]
runtimes = ["async-std", "smol"]
"#;
    let after = migrated(before);
    assert!(after.contains("async-std = [\"smol\"]"), "{after}");
    assert!(
        after.contains("runtimes = [\"async-std\", \"smol\"]"),
        "{after}"
    );
}

#[test]
fn a_feature_named_like_the_dependency_is_a_feature_not_the_dependency() {
    let before = r#"[dependencies]
async-std = { version = "1", optional = true }

[features]
async-std = ["dep:async-std"]
default = ["async-std"]
"#;
    assert_eq!(
        migrated(before),
        r#"[dependencies]
smol = { version = "2", optional = true }

[features]
async-std = ["dep:smol"]
default = ["async-std"]
"#
    );
}

#[test]
fn tokio1_becomes_async_compat_with_a_note() {
    let before = "[dependencies]\nasync-std = { version = \"1.13\", features = [\"tokio1\"] }\n";
    let migration = migrate(before, &Options::default()).unwrap();
    assert_eq!(
        edit::apply(before, &migration.edits).unwrap(),
        "[dependencies]\nsmol = \"2\"\nasync-compat = \"0.2\"\n"
    );
    assert_eq!(migration.findings.len(), 1);
    assert_eq!(migration.findings[0].severity, Severity::Note);
    assert!(migration.findings[0]
        .message
        .contains("async_compat::Compat"));
    // With the shim, tokio1 is the shim's feature (it has async-std's features).
    assert!(with_shim(before)
        .contains("async-std-compat = { version = \"1.13\", features = [\"tokio1\"] }"));
}

#[test]
fn when_sources_still_use_async_std_it_stays_beside_smol() {
    let before = "[dependencies]\nasync-std = \"1.13\" # runtime\nlog = \"0.4\"\n";
    let options = Options {
        keep_async_std: true,
        ..Options::default()
    };
    let migration = migrate(before, &options).unwrap();
    assert_eq!(
        edit::apply(before, &migration.edits).unwrap(),
        "[dependencies]\nasync-std = \"1.13\" # runtime\nsmol = \"2\"\nlog = \"0.4\"\n"
    );
}

#[test]
fn workspace_only_leaves_the_roots_own_package_alone() {
    let before = "[package]\nname = \"root\"\n\n[dependencies]\nasync-std = \"1\"\n\n[workspace.dependencies]\nasync-std = \"1\"\n";
    let options = Options {
        workspace_only: true,
        keep_workspace_async_std: true,
        ..Options::default()
    };
    let migration = migrate(before, &options).unwrap();
    assert_eq!(
        edit::apply(before, &migration.edits).unwrap(),
        "[package]\nname = \"root\"\n\n[dependencies]\nasync-std = \"1\"\n\n[workspace.dependencies]\nasync-std = \"1\"\nsmol = \"2\"\n"
    );
}

#[test]
fn crlf_manifests_get_crlf_lines() {
    let before = "[dependencies]\r\nasync-std = \"1\"\r\nlog = \"0.4\"\r\n";
    assert_eq!(
        with_shim(before),
        "[dependencies]\r\nsmol = \"2\"\r\nasync-std-compat = \"1\"\r\nlog = \"0.4\"\r\n"
    );
}

#[test]
fn a_manifest_without_async_std_is_unchanged() {
    let before = "[package]\nname = \"x\"\n\n[dependencies]\nsmol = \"2\"\nasync-stdx = \"1\"\n";
    assert!(migrate(before, &Options::default())
        .unwrap()
        .edits
        .is_empty());
    assert!(!inspect(before, &[]).unwrap().depends_on_async_std);
}

#[test]
fn an_invalid_manifest_is_an_error_with_a_place() {
    let error = inspect("[dependencies]\nasync-std = \n", &[]).unwrap_err();
    assert!(error.span.is_some());
    assert!(!error.message.is_empty());
}

#[test]
fn a_member_whose_workspace_root_is_not_migrated_gets_smol_of_its_own() {
    let before = "[dependencies]\nasync-std = { workspace = true, features = [\"unstable\"] }\n";
    let options = Options {
        needs_shim: true,
        inherited_elsewhere: true,
        ..Options::default()
    };
    let migration = migrate(before, &options).unwrap();
    assert_eq!(
        edit::apply(before, &migration.edits).unwrap(),
        "[dependencies]\nasync-std = { workspace = true, features = [\"unstable\"] }\nsmol = \"2\"\nasync-std-compat = { version = \"1.13\", features = [\"unstable\"] }\n"
    );
    assert!(migration.findings[0].message.contains("workspace root"));
}

#[test]
fn kept_async_std_is_migrated_once() {
    let before = "[dependencies]\nasync-std = \"1.13\"\n";
    let options = Options {
        needs_shim: true,
        keep_async_std: true,
        ..Options::default()
    };
    let first = edit::apply(before, &migrate(before, &options).unwrap().edits).unwrap();
    assert_eq!(
        first,
        "[dependencies]\nasync-std = \"1.13\"\nsmol = \"2\"\nasync-std-compat = \"1.13\"\n"
    );
    // Run again (the sources still use async-std): nothing is added twice.
    let second = migrate(&first, &options).unwrap();
    assert!(second.edits.is_empty(), "{:?}", second.edits);
}

#[test]
fn a_patch_of_async_std_is_left_with_a_note() {
    let before = "[dependencies]\nasync-std = \"1\"\n\n[patch.crates-io]\nasync-std = { git = \"https://example.invalid/async-std\" }\n";
    let migration = migrate(before, &Options::default()).unwrap();
    assert_eq!(
        edit::apply(before, &migration.edits).unwrap(),
        "[dependencies]\nsmol = \"2\"\n\n[patch.crates-io]\nasync-std = { git = \"https://example.invalid/async-std\" }\n"
    );
    assert!(migration
        .findings
        .iter()
        .any(|f| f.message.contains("[patch]")));
}
