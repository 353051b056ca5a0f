//! Finding the files to migrate: every `.rs` file and `Cargo.toml` under a folder,
//! skipping `target/`, hidden folders and whatever `.gitignore` excludes; or, from a
//! manifest, the packages of a workspace as `cargo metadata` describes them.

use std::io;
use std::path::{Path, PathBuf};

/// What was found under the path the user gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Files {
    /// Rust sources, sorted.
    pub sources: Vec<PathBuf>,
    /// Cargo manifests, sorted.
    pub manifests: Vec<PathBuf>,
    /// Manifests of which only `[workspace.dependencies]` is migrated: the root of a
    /// workspace whose own package was not selected.
    pub workspace_only: Vec<PathBuf>,
    /// Whether some members of the workspace were not selected: async-std stays in
    /// `[workspace.dependencies]` beside smol, since they may still inherit it.
    pub partial_workspace: bool,
}

/// Lists the files to migrate under `root`: a folder, a `.rs` file or a `Cargo.toml`.
///
/// Symbolic links are not followed, so a link that points outside `root` is never
/// migrated.
pub fn discover(root: &Path) -> io::Result<Files> {
    let metadata = std::fs::metadata(root)?;
    let mut files = Files::default();
    if metadata.is_file() {
        if root.file_name().is_some_and(|name| name == "Cargo.toml") {
            files.manifests.push(root.to_path_buf());
        } else {
            files.sources.push(root.to_path_buf());
        }
        return Ok(files);
    }
    walk(root, &[], &mut files)?;
    files.sources.sort();
    files.manifests.sort();
    Ok(files)
}

/// Adds the sources and manifests under the folder `root` to `files`, skipping the
/// folders in `skip`.
fn walk(root: &Path, skip: &[PathBuf], files: &mut Files) -> io::Result<()> {
    let skip = skip.to_vec();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .filter_entry(move |entry| {
            entry.file_name() != "target" && !skip.iter().any(|folder| entry.path() == folder)
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_some_and(|kind| kind.is_file()) {
            continue;
        }
        let path = entry.into_path();
        // `./src/main.rs` -> `src/main.rs`, as a user (and `git apply`) writes it.
        let path = match path.strip_prefix(".") {
            Ok(rest) => rest.to_path_buf(),
            Err(_) => path,
        };
        if path.file_name().is_some_and(|name| name == "Cargo.toml") {
            files.manifests.push(path);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.sources.push(path);
        }
    }
    Ok(())
}

/// The manifest that owns `source`: the nearest `Cargo.toml` among `manifests` in a
/// folder above it.
pub fn owning_manifest<'m>(source: &Path, manifests: &'m [PathBuf]) -> Option<&'m Path> {
    manifests
        .iter()
        .filter(|manifest| {
            manifest
                .parent()
                .is_some_and(|folder| source.starts_with(folder))
        })
        .max_by_key(|manifest| manifest.components().count())
        .map(PathBuf::as_path)
}

/// Which packages of a workspace to migrate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The package of the manifest, or every member when the manifest is a virtual
    /// workspace's (as cargo does).
    Default,
    /// The packages with these names (`-p NAME`).
    Packages(Vec<String>),
    /// Every member of the workspace (`--workspace`).
    Workspace,
}

/// One package, as `cargo metadata` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Its name.
    pub name: String,
    /// Its Cargo.toml.
    pub manifest_path: PathBuf,
    /// The root file of each target (lib, bins, tests, examples, benches, build.rs).
    pub target_roots: Vec<PathBuf>,
}

/// A workspace, as `cargo metadata` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The folder of the workspace root.
    pub root: PathBuf,
    /// Its members.
    pub members: Vec<Package>,
    /// The manifest `cargo metadata` was asked about.
    pub manifest_path: PathBuf,
}

/// Asks `cargo metadata` (without dependencies, so without the network) about the
/// workspace of `manifest_path`, or of the current folder.
///
/// The error is a message for the user: cargo's own when the manifest is not valid.
pub fn cargo_metadata(manifest_path: Option<&Path>) -> Result<Workspace, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command.args([
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
        "--offline",
    ]);
    if let Some(path) = manifest_path {
        command.arg("--manifest-path").arg(path);
    }
    let output = command
        .output()
        .map_err(|error| format!("cannot run `cargo metadata`: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo metadata` failed:\n{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    parse_metadata(&output.stdout, manifest_path)
}

/// Reads the output of `cargo metadata --format-version 1`.
pub fn parse_metadata(json: &[u8], manifest_path: Option<&Path>) -> Result<Workspace, String> {
    let bad = |what: &str| format!("`cargo metadata` printed something unexpected ({what})");
    let value: serde_json::Value =
        serde_json::from_slice(json).map_err(|error| bad(&error.to_string()))?;
    let root = value["workspace_root"]
        .as_str()
        .ok_or_else(|| bad("no workspace_root"))?;
    let member_ids: Vec<&str> = value["workspace_members"]
        .as_array()
        .ok_or_else(|| bad("no workspace_members"))?
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    let mut members = Vec::new();
    for package in value["packages"]
        .as_array()
        .ok_or_else(|| bad("no packages"))?
    {
        let id = package["id"].as_str().unwrap_or_default();
        if !member_ids.contains(&id) {
            continue;
        }
        let (Some(name), Some(manifest)) =
            (package["name"].as_str(), package["manifest_path"].as_str())
        else {
            return Err(bad("a package without name or manifest_path"));
        };
        let target_roots = package["targets"]
            .as_array()
            .map(|targets| {
                targets
                    .iter()
                    .filter_map(|target| target["src_path"].as_str())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        members.push(Package {
            name: name.to_string(),
            manifest_path: PathBuf::from(manifest),
            target_roots,
        });
    }
    let manifest_path = match manifest_path {
        Some(path) => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        None => Path::new(root).join("Cargo.toml"),
    };
    Ok(Workspace {
        root: PathBuf::from(root),
        members,
        manifest_path,
    })
}

/// The files of the packages `selection` picks in `workspace`: each package's folder
/// (without the folders of other packages inside it, and without target/), the root
/// files of its targets wherever they are, and its manifest; plus the workspace
/// root's manifest, for `[workspace.dependencies]`.
///
/// Paths are made relative to `base` (the current folder) where they are inside it.
pub fn discover_packages(
    workspace: &Workspace,
    selection: &Selection,
    base: &Path,
) -> Result<Files, String> {
    let selected: Vec<&Package> = match selection {
        Selection::Workspace => workspace.members.iter().collect(),
        Selection::Packages(names) => {
            let mut selected = Vec::new();
            for name in names {
                let package = workspace
                    .members
                    .iter()
                    .find(|package| &package.name == name)
                    .ok_or_else(|| {
                        let known: Vec<&str> =
                            workspace.members.iter().map(|p| p.name.as_str()).collect();
                        format!(
                            "package `{name}` is not a member of the workspace at {} \
                             (members: {})",
                            workspace.root.display(),
                            known.join(", ")
                        )
                    })?;
                selected.push(package);
            }
            selected
        }
        Selection::Default => {
            let own: Vec<&Package> = workspace
                .members
                .iter()
                .filter(|package| {
                    std::fs::canonicalize(&package.manifest_path)
                        .unwrap_or_else(|_| package.manifest_path.clone())
                        == workspace.manifest_path
                })
                .collect();
            if own.is_empty() {
                workspace.members.iter().collect()
            } else {
                own
            }
        }
    };
    let all_folders: Vec<PathBuf> = workspace
        .members
        .iter()
        .filter_map(|package| package.manifest_path.parent().map(Path::to_path_buf))
        .collect();
    let mut files = Files::default();
    for package in &selected {
        let Some(folder) = package.manifest_path.parent() else {
            continue;
        };
        let skip: Vec<PathBuf> = all_folders
            .iter()
            .filter(|other| other.as_path() != folder && other.starts_with(folder))
            .cloned()
            .collect();
        let mut found = Files::default();
        walk(folder, &skip, &mut found)
            .map_err(|error| format!("cannot list the files of {}: {error}", folder.display()))?;
        // Manifests of folders that are not packages (fixtures) are not this package's.
        found
            .manifests
            .retain(|manifest| manifest == &package.manifest_path);
        if !found.manifests.contains(&package.manifest_path) {
            found.manifests.push(package.manifest_path.clone());
        }
        for root in &package.target_roots {
            if !root.starts_with(folder) && root.is_file() {
                found.sources.push(root.clone());
            }
        }
        files.sources.extend(found.sources);
        files.manifests.extend(found.manifests);
    }
    let root_manifest = workspace.root.join("Cargo.toml");
    let everything = selected.len() == workspace.members.len();
    if !files.manifests.contains(&root_manifest) && root_manifest.is_file() {
        files.manifests.push(root_manifest.clone());
        files.workspace_only.push(root_manifest);
    }
    files.partial_workspace = !everything;
    for list in [
        &mut files.sources,
        &mut files.manifests,
        &mut files.workspace_only,
    ] {
        for path in list.iter_mut() {
            if let Ok(relative) = path.strip_prefix(base) {
                if !relative.as_os_str().is_empty() {
                    *path = relative.to_path_buf();
                }
            }
        }
        list.sort();
        list.dedup();
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace whose root package holds a member in a subfolder, and a fixture
    /// folder with a Cargo.toml that is no package of the workspace.
    fn workspace() -> (tempfile::TempDir, Workspace) {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        for file in [
            "Cargo.toml",
            "src/main.rs",
            "build.rs",
            "tests/it.rs",
            "inner/Cargo.toml",
            "inner/src/lib.rs",
            "fixtures/demo/Cargo.toml",
            "fixtures/demo/src/main.rs",
            "target/debug/build/out.rs",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        let json = serde_json::json!({
            "workspace_root": root,
            "workspace_members": ["root-id", "inner-id"],
            "packages": [
                {"id": "root-id", "name": "root", "manifest_path": root.join("Cargo.toml"),
                 "targets": [{"src_path": root.join("src/main.rs")}]},
                {"id": "inner-id", "name": "inner", "manifest_path": root.join("inner/Cargo.toml"),
                 "targets": [{"src_path": root.join("inner/src/lib.rs")}]},
            ],
        });
        let workspace =
            parse_metadata(json.to_string().as_bytes(), Some(&root.join("Cargo.toml"))).unwrap();
        (folder, workspace)
    }

    #[test]
    fn one_package_is_its_folder_without_the_packages_inside_it() {
        let (folder, workspace) = workspace();
        let files = discover_packages(
            &workspace,
            &Selection::Packages(vec!["root".to_string()]),
            folder.path(),
        )
        .unwrap();
        let sources: Vec<String> = files
            .sources
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            sources,
            [
                "build.rs",
                "fixtures/demo/src/main.rs",
                "src/main.rs",
                "tests/it.rs"
            ]
        );
        assert_eq!(files.manifests, [PathBuf::from("Cargo.toml")]);
        assert!(files.partial_workspace);
        assert!(files.workspace_only.is_empty());
    }

    #[test]
    fn the_workspace_is_every_member_and_an_unknown_name_is_an_error() {
        let (folder, workspace) = workspace();
        let files = discover_packages(&workspace, &Selection::Workspace, folder.path()).unwrap();
        assert!(files.sources.contains(&PathBuf::from("inner/src/lib.rs")));
        assert!(files.manifests.contains(&PathBuf::from("inner/Cargo.toml")));
        assert!(!files.partial_workspace);
        let error = discover_packages(
            &workspace,
            &Selection::Packages(vec!["nope".to_string()]),
            folder.path(),
        )
        .unwrap_err();
        assert!(error.contains("root, inner"), "{error}");
    }

    #[test]
    fn garbage_from_cargo_metadata_is_an_error_not_a_panic() {
        assert!(parse_metadata(b"not json", None).is_err());
        assert!(parse_metadata(b"{}", None).is_err());
    }
}
