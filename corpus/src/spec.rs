//! `corpus/crates.toml`: the published crates of the corpus, how to build and test
//! each, and what its tests did on async-std (the baseline).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

/// Passed, failed and ignored tests, summed over every `test result:` line of a
/// `cargo test` run (doctests included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests that were ignored.
    pub ignored: u64,
}

/// One crate of the corpus, as `corpus/crates.toml` describes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateSpec {
    /// The crate's name on crates.io.
    pub name: String,
    /// The pinned version.
    pub version: String,
    /// What kind of crate it is (http, protocol, archive, ...).
    pub category: String,
    /// How the published crate depends on async-std: `normal`, `optional` or `dev`.
    pub async_std: String,
    /// Features passed with `--features`.
    #[serde(default)]
    pub features: Vec<String>,
    /// Whether `--no-default-features` is passed.
    #[serde(default)]
    pub no_default_features: bool,
    /// Arguments after `cargo test` (before `--`), such as `--lib`.
    #[serde(default)]
    pub test_args: Vec<String>,
    /// Arguments for the test harness (after `--`), such as `--skip NAME`.
    #[serde(default)]
    pub test_filter_args: Vec<String>,
    /// What the crate exercises, in one line.
    #[serde(default)]
    pub why: String,
    /// What its tests did on async-std 1.13 with the committed lock.
    pub baseline: Counts,
    /// The tests that fail on async-std already.
    #[serde(default)]
    pub baseline_failing: Vec<String>,
    /// Part of the fast subset that `cargo test --workspace` runs.
    #[serde(default)]
    pub fast: bool,
}

impl CrateSpec {
    /// `name-version`, the crate's label in file names and reports.
    pub fn label(&self) -> String {
        format!("{}-{}", self.name, self.version)
    }

    /// The arguments that select features, for `cargo build`/`check`/`test`.
    pub fn feature_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if self.no_default_features {
            args.push("--no-default-features".to_string());
        }
        if !self.features.is_empty() {
            args.push("--features".to_string());
            args.push(self.features.join(","));
        }
        args
    }
}

/// The corpus: its folder and its crates.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The folder that holds `crates.toml` and `locks/`.
    pub folder: PathBuf,
    /// The crates, in file order.
    pub crates: Vec<CrateSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CratesFile {
    #[serde(rename = "crate", default)]
    crates: Vec<CrateSpec>,
}

impl Corpus {
    /// Reads `folder/crates.toml`.
    pub fn load(folder: &Path) -> anyhow::Result<Corpus> {
        let path = folder.join("crates.toml");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let file: CratesFile = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid corpus", path.display()))?;
        let mut seen = std::collections::HashSet::new();
        for spec in &file.crates {
            if !seen.insert(spec.name.clone()) {
                bail!("{} lists {} twice", path.display(), spec.name);
            }
        }
        Ok(Corpus {
            folder: folder.to_path_buf(),
            crates: file.crates,
        })
    }

    /// The committed Cargo.lock of `spec`, with which its baseline was green.
    pub fn lock_path(&self, spec: &CrateSpec) -> PathBuf {
        self.folder
            .join("locks")
            .join(format!("{}.Cargo.lock", spec.label()))
    }

    /// The crates named in `names` (all when empty, the fast subset for `fast`).
    pub fn select(&self, names: &[String], fast: bool) -> anyhow::Result<Vec<CrateSpec>> {
        if names.is_empty() {
            return Ok(self
                .crates
                .iter()
                .filter(|spec| !fast || spec.fast)
                .cloned()
                .collect());
        }
        names
            .iter()
            .map(|name| {
                self.crates
                    .iter()
                    .find(|spec| &spec.name == name)
                    .cloned()
                    .with_context(|| format!("the corpus has no crate named {name}"))
            })
            .collect()
    }
}
