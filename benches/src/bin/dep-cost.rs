//! The cost of the dependency: for the echo server on async-std (examples/legacy), on
//! smol (examples/migrated) and on the shim (examples/on-shim), the crates in its
//! dependency graph (`cargo tree`, normal and build edges, this host), the time of a
//! clean release build (into a fresh target folder each time; the builds of the three
//! interleaved and repeated) and the size of the binary.
//!
//! Usage: `dep-cost [--quick]`

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::json;
use smolify_bench::{
    cargo, quick, save_results, table, target_dir, thousands, verdict, workspace_root, Stats,
};

struct Program {
    name: &'static str,
    manifest: PathBuf,
    package: &'static str,
    bin: &'static str,
}

/// The packages in the graph of `program` (itself included), by `cargo tree`.
fn crates(program: &Program) -> BTreeSet<String> {
    crates_of(&program.manifest, program.package, program.name)
}

/// The packages in the graph of `package` of the workspace of `manifest` (itself
/// included), by `cargo tree`; `name` is for messages.
fn crates_of(manifest: &Path, package: &str, name: &str) -> BTreeSet<String> {
    let run = |locked: bool| {
        let mut command = Command::new(cargo());
        command
            .args(["tree", "-e", "normal,build", "--prefix", "none"])
            .args(["--format", "{p}", "-p", package])
            .arg("--manifest-path")
            .arg(manifest);
        if locked {
            command.arg("--locked");
        }
        command.output().expect("cannot run cargo tree")
    };
    let mut output = run(true);
    if !output.status.success() {
        eprintln!(
            "  cargo tree --locked failed for {name} (its Cargo.lock is out of date); without --locked"
        );
        output = run(false);
    }
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            line.trim()
                .trim_end_matches("(*)")
                .trim()
                .trim_end_matches("(proc-macro)")
                .trim()
                .to_string()
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// The packages in the graph of a library as a user's crate sees it: a scratch
/// package under `scratch` that depends on `dependency` (a Cargo.toml dependency
/// value) and nothing else, resolved afresh. The scratch package is not counted.
fn library_graph(scratch: &Path, name: &str, dependency: &str) -> BTreeSet<String> {
    let dir = scratch.join(name);
    std::fs::create_dir_all(dir.join("src")).expect("scratch folder");
    std::fs::write(dir.join("src/lib.rs"), "").expect("scratch lib.rs");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"weigh-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[workspace]\n\n[dependencies]\n{dependency}\n"
        ),
    )
    .expect("scratch Cargo.toml");
    let package = format!("weigh-{name}");
    let mut graph = crates_of(&dir.join("Cargo.toml"), &package, name);
    graph.retain(|line| !line.starts_with(&format!("{package} ")));
    graph
}

/// A clean release build of `program` into `target` (removed first); its seconds.
fn clean_build(program: &Program, target: &Path) -> f64 {
    let _ = std::fs::remove_dir_all(target);
    let start = Instant::now();
    let status = Command::new(cargo())
        .args([
            "build",
            "--release",
            "--quiet",
            "--locked",
            "-p",
            program.package,
        ])
        .args(["--bin", program.bin])
        .arg("--manifest-path")
        .arg(&program.manifest)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cannot run cargo build");
    let seconds = start.elapsed().as_secs_f64();
    assert!(status.success(), "clean build of {} failed", program.name);
    seconds
}

fn stripped_size(binary: &Path, scratch: &Path) -> Option<u64> {
    let out = scratch.join("stripped");
    let status = Command::new("strip")
        .arg("-o")
        .arg(&out)
        .arg(binary)
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let size = std::fs::metadata(&out).ok()?.len();
    let _ = std::fs::remove_file(out);
    Some(size)
}

fn main() {
    let quick = quick();
    let root = workspace_root();
    let programs = [
        Program {
            name: "async-std (examples/legacy)",
            manifest: root.join("examples/legacy/Cargo.toml"),
            package: "echo-server",
            bin: "echo-server",
        },
        Program {
            name: "smol (examples/migrated)",
            manifest: root.join("examples/migrated/Cargo.toml"),
            package: "echo-server",
            bin: "echo-server",
        },
        Program {
            name: "shim (examples/on-shim)",
            manifest: root.join("Cargo.toml"),
            package: "echo-server-on-shim",
            bin: "echo-server-on-shim",
        },
    ];
    let graphs: Vec<BTreeSet<String>> = programs.iter().map(crates).collect();

    // The libraries themselves, default features and all features, as a user's
    // crate depends on them: async-std 1.13.2 from crates.io against this workspace's
    // async-std-compat.
    let weigh = target_dir().join("depcost-weigh");
    let shim_path = root.join("shim");
    let library_rows = [
        (
            "default features",
            "async-std = \"=1.13.2\"".to_string(),
            format!("async-std-compat = {{ path = {:?} }}", shim_path),
        ),
        (
            "all features",
            "async-std = { version = \"=1.13.2\", features = [\"attributes\", \"unstable\", \
             \"tokio1\", \"io_safety\"] }"
                .to_string(),
            format!(
                "async-std-compat = {{ path = {:?}, features = [\"attributes\", \"unstable\", \
                 \"tokio1\", \"io_safety\"] }}",
                shim_path
            ),
        ),
    ];
    let library_graphs: Vec<(&str, BTreeSet<String>, BTreeSet<String>)> = library_rows
        .iter()
        .enumerate()
        .map(|(i, (what, original, shim))| {
            (
                *what,
                library_graph(&weigh, &format!("async-std-{i}"), original),
                library_graph(&weigh, &format!("shim-{i}"), shim),
            )
        })
        .collect();

    let rounds = if quick { 1 } else { 2 };
    let scratch = target_dir().join("depcost");
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); programs.len()];
    let mut sizes = vec![(0u64, None); programs.len()];
    for round in 0..rounds {
        for (index, program) in programs.iter().enumerate() {
            let target = scratch.join(format!("build-{index}"));
            eprintln!("  clean build #{round}: {}", program.name);
            let seconds = clean_build(program, &target);
            eprintln!("    {seconds:.1} s");
            times[index].push(seconds);
            let binary = target.join("release").join(program.bin);
            let size = std::fs::metadata(&binary).map(|m| m.len()).unwrap_or(0);
            sizes[index] = (size, stripped_size(&binary, &scratch));
        }
    }
    // Leave no gigabytes behind.
    for index in 0..programs.len() {
        let _ = std::fs::remove_dir_all(scratch.join(format!("build-{index}")));
    }

    let stats: Vec<Stats> = times.iter().map(|t| Stats::of(t)).collect();
    let rows: Vec<Vec<String>> = programs
        .iter()
        .enumerate()
        .map(|(i, program)| {
            vec![
                program.name.to_string(),
                (graphs[i].len() - 1).to_string(),
                format!("{:.1} ({})", stats[i].median, stats[i].spread()),
                thousands(sizes[i].0 as f64 / 1024.0),
                sizes[i]
                    .1
                    .map(|s| thousands(s as f64 / 1024.0))
                    .unwrap_or_else(|| "n/a".to_string()),
            ]
        })
        .collect();
    let mut out = String::new();
    out.push_str("## 4. Cost of the dependency\n\n");
    out.push_str(&format!(
        "The echo server three ways. Crates: packages in `cargo tree -e normal,build` for \
         this host, the program itself not counted. Clean build: `cargo build --release \
         --locked` into an empty target folder, the three interleaved, median of {rounds} \
         (registry sources already downloaded; the shim's build compiles the shim and its \
         macros crate from the workspace). Sizes of the release binary as built (with \
         symbols) and after `strip`.\n\n"
    ));
    out.push_str(&table(
        &[
            "echo server",
            "crates in graph",
            "clean release build (s)",
            "binary (KiB)",
            "stripped (KiB)",
        ],
        &rows,
    ));
    let only_legacy: Vec<&String> = graphs[0]
        .difference(&graphs[1])
        .filter(|name| !name.starts_with(&format!("{} ", programs[0].package)))
        .collect();
    out.push_str(&format!(
        "\nIn async-std's graph and not smol's: {}.\n\n",
        only_legacy
            .iter()
            .map(|name| format!(
                "`{}`",
                name.split(' ').take(2).collect::<Vec<_>>().join(" ")
            ))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str(
        "The libraries alone, as a user's crate that depends on nothing else sees them \
         (packages in `cargo tree -e normal,build` of a scratch crate, the scratch crate not \
         counted; async-std 1.13.2 from crates.io, async-std-compat from this workspace, \
         each resolved afresh). \"All features\" is `attributes`, `unstable`, `tokio1` and `io_safety`, every \
         feature that does something in both (async-std's `tokio02`/`tokio03` would add \
         tokio 0.2/0.3 to its graph; the shim accepts those names and adds nothing).\n\n",
    );
    out.push_str(&table(
        &["features", "async-std 1.13.2", "async-std-compat", "ratio"],
        &library_graphs
            .iter()
            .map(|(what, original, shim)| {
                vec![
                    what.to_string(),
                    original.len().to_string(),
                    shim.len().to_string(),
                    format!("{:.2}×", shim.len() as f64 / original.len() as f64),
                ]
            })
            .collect::<Vec<_>>(),
    ));
    out.push('\n');
    let crate_ratio = (graphs[1].len() - 1) as f64 / (graphs[0].len() - 1) as f64;
    let time_ratio = stats[1].median / stats[0].median;
    out.push_str("### Dependency targets\n\n");
    out.push_str(&table(
        &["target", "result", "verdict"],
        &[
            vec![
                "migrated: fewer crates than legacy".to_string(),
                format!(
                    "{} vs {} ({crate_ratio:.2}×)",
                    graphs[1].len() - 1,
                    graphs[0].len() - 1
                ),
                verdict(graphs[1].len() < graphs[0].len()).to_string(),
            ],
            vec![
                "migrated: shorter clean build than legacy".to_string(),
                format!(
                    "{:.1} s vs {:.1} s ({time_ratio:.2}×)",
                    stats[1].median, stats[0].median
                ),
                verdict(stats[1].median < stats[0].median).to_string(),
            ],
            vec![
                "shim library: no more crates than async-std's, default features".to_string(),
                format!(
                    "{} vs {}",
                    library_graphs[0].2.len(),
                    library_graphs[0].1.len()
                ),
                verdict(library_graphs[0].2.len() <= library_graphs[0].1.len()).to_string(),
            ],
            vec![
                "shim library: no more crates than async-std's, all features".to_string(),
                format!(
                    "{} vs {}",
                    library_graphs[1].2.len(),
                    library_graphs[1].1.len()
                ),
                verdict(library_graphs[1].2.len() <= library_graphs[1].1.len()).to_string(),
            ],
        ],
    ));
    out.push('\n');
    println!("{out}");
    save_results(
        "deps",
        &out,
        &json!({
            "programs": programs.iter().enumerate().map(|(i, p)| json!({
                "name": p.name, "crates": graphs[i].len() - 1,
                "crate_list": graphs[i], "build_seconds": times[i],
                "binary_bytes": sizes[i].0, "stripped_bytes": sizes[i].1,
            })).collect::<Vec<_>>(),
            "libraries": library_graphs.iter().map(|(what, original, shim)| json!({
                "features": what, "async_std": original, "async_std_compat": shim,
            })).collect::<Vec<_>>(),
        }),
    );
}
