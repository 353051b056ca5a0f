//! Runs every benchmark of issue 8 and prints all the tables; writes
//! `docs/performance.md` and `docs/bench-echo.svg`.
//!
//! ```sh
//! cargo run --release -p smolify-bench --bin bench-all            # full run, writes docs/
//! cargo run --release -p smolify-bench --bin bench-all -- --quick # smoke run, docs/ untouched
//! ```
//!
//! Flags: `--quick` (short runs, one repeat; results only in `<target>/bench-results/`),
//! `--no-docs` (a full run that leaves docs/ alone), `--write-docs` (write docs/ even
//! with `--quick`), `--only echo,micro,deps,migrate` (a subset; docs/ is then written
//! from the latest results of every section).

use std::process::{Command, Stdio};
use std::time::Instant;

use smolify_bench::{
    cargo, date, loadavg, machine, quick, results_dir, target_dir, workspace_root,
};

/// The sections in the order of the document: (key, results file, program).
const SECTIONS: [(&str, &str, &str); 5] = [
    ("echo", "echo.md", "echo-load"),
    ("micro", "micro.md", "runtime-micro"),
    ("echo", "memory.md", ""),
    ("deps", "deps.md", "dep-cost"),
    ("migrate", "migrate.md", "migrate-speed"),
];

fn main() {
    let started = Instant::now();
    let load_before = loadavg();
    let quick = quick();
    let args: Vec<String> = std::env::args().collect();
    let write_docs = args.iter().any(|a| a == "--write-docs")
        || (!quick && !args.iter().any(|a| a == "--no-docs"));
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').map(str::to_string).collect());
    let docs_only = args.iter().any(|a| a == "--docs-only");
    let wanted = |key: &str| {
        !docs_only
            && only
                .as_ref()
                .is_none_or(|keys| keys.iter().any(|k| k == key))
    };
    let root = workspace_root();
    let target = target_dir();
    let bin_dir = target.join("release");

    if docs_only {
        // Re-assemble the document from the latest results (after editing
        // benches/NOTE.md, say), keeping the date and mode of the run that made them.
        let run: serde_json::Value = std::fs::read_to_string(results_dir().join("run.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .expect("no results yet: run bench-all first");
        let document = document(&run, &[]);
        println!("{document}");
        std::fs::write(root.join("docs/performance.md"), &document)
            .expect("cannot write docs/performance.md");
        return;
    }
    eprintln!(
        "== building the benchmarks (release, CARGO_TARGET_DIR={})",
        target.display()
    );
    let build = |package: &str| {
        Command::new(cargo())
            .args(["build", "--release", "--quiet", "-p", package, "--bins"])
            .arg("--manifest-path")
            .arg(root.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    assert!(build("smolify-bench"), "the benchmarks do not build");
    let migrate_builds = !wanted("migrate") || build("smolify-bench-migrate");

    let mut failures = Vec::new();
    for (key, file, program) in SECTIONS {
        if program.is_empty() || !wanted(key) {
            continue;
        }
        if program == "migrate-speed" && !migrate_builds {
            failures.push(
                "migrate-speed: smolify-bench-migrate did not build (is migrate-cli broken?)"
                    .to_string(),
            );
            continue;
        }
        eprintln!("== {program}");
        let _ = std::fs::remove_file(results_dir().join(file));
        let mut command = Command::new(bin_dir.join(program));
        if quick {
            command.arg("--quick");
        }
        if write_docs && program == "echo-load" {
            command.arg("--write-docs");
        }
        // The programs print their tables; we print the whole document at the end.
        let status = command
            .env("CARGO_TARGET_DIR", &target)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .status();
        if !status.map(|s| s.success()).unwrap_or(false) {
            failures.push(format!("{program} failed (see its messages above)"));
        }
    }

    let run = serde_json::json!({
        "date": date(),
        "machine": machine(),
        "quick": quick,
        "seconds": started.elapsed().as_secs_f64(),
        "command": std::env::args().skip(1).collect::<Vec<_>>().join(" "),
        "load_before": load_before,
        "load_after": loadavg(),
    });
    std::fs::write(results_dir().join("run.json"), run.to_string()).expect("run.json");
    let document = document(&run, &failures);
    println!("{document}");
    if write_docs {
        let path = root.join("docs/performance.md");
        std::fs::write(&path, &document).expect("cannot write docs/performance.md");
        eprintln!("== wrote {}", path.display());
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}

/// docs/performance.md: the header, every section's latest results, the targets that
/// were missed and why.
fn document(run: &serde_json::Value, failures: &[String]) -> String {
    let quick = run["quick"].as_bool().unwrap_or(false);
    let results = results_dir();
    let mut out = String::new();
    out.push_str("# Performance: async-std, the shim, smol and tokio side by side\n\n");
    out.push_str(
        "Generated by `cargo run --release -p smolify-bench --bin bench-all` (issue 8); do \
         not edit by hand: re-run the command, which prints this document and rewrites it \
         with the chart `docs/bench-echo.svg`. Sources: `benches/`.\n\n",
    );
    out.push_str(&format!(
        "- Date: {}\n",
        run["date"].as_str().unwrap_or_default()
    ));
    out.push_str(&format!(
        "- Machine: {}\n",
        run["machine"].as_str().unwrap_or_default()
    ));
    out.push_str(&format!(
        "- Toolchain: {}\n",
        Command::new("rustc")
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    ));
    out.push_str(&format!(
        "- Mode: {}; the whole run took {:.0} s\n",
        if quick {
            "`--quick` (smoke run: short runs, one repeat; not for conclusions)"
        } else {
            "full"
        },
        run["seconds"].as_f64().unwrap_or_default()
    ));
    out.push_str(&format!(
        "- Load average (1, 5, 15 min) before and after the run: {} / {} ({} cores): \
         above the core count, other work shared the machine and the numbers are noisy\n",
        run["load_before"].as_str().unwrap_or("?"),
        run["load_after"].as_str().unwrap_or("?"),
        smolify_bench::cores()
    ));
    let note = std::fs::read_to_string(workspace_root().join("benches/NOTE.md")).ok();
    if let Some(note) = note
        .as_deref()
        .and_then(|n| n.split("<!-- run note -->").nth(1))
    {
        out.push_str(note.trim());
        out.push('\n');
    }
    out.push_str("\n![echo throughput](bench-echo.svg)\n\n");
    let mut missed = Vec::new();
    for (_, file, _) in SECTIONS {
        match std::fs::read_to_string(results.join(file)) {
            Ok(section) => {
                for line in section.lines() {
                    if line.contains("**MISSED**") {
                        missed.push(line.to_string());
                    }
                }
                out.push_str(section.trim());
                out.push_str("\n\n");
            }
            Err(_) => out.push_str(&format!("({file}: no results)\n\n")),
        }
    }
    out.push_str("## Missed targets, by how much and why\n\n");
    if missed.is_empty() {
        out.push_str("None: every target was met in this run.\n\n");
    } else {
        out.push_str("| target | result | verdict | why |\n|---|---:|---|---|\n");
        for line in &missed {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let target = cells.first().copied().unwrap_or_default();
            let result = cells.get(1).copied().unwrap_or_default();
            let verdict = cells.get(2).copied().unwrap_or_default();
            out.push_str(&format!(
                "| {target} | {result} | {verdict} | {} |\n",
                why(target)
            ));
        }
        out.push('\n');
    }
    if !failures.is_empty() {
        out.push_str("## Failures in this run\n\n");
        for failure in failures {
            out.push_str(&format!("- {failure}\n"));
        }
        out.push('\n');
    }
    out
}

/// The explanation of a missed target (`benches/NOTE.md`, one `- key: text` line per
/// target; the first key contained in the target's text wins).
fn why(target: &str) -> String {
    let notes =
        std::fs::read_to_string(workspace_root().join("benches/NOTE.md")).unwrap_or_default();
    let notes = notes.split("<!-- run note -->").next().unwrap_or_default();
    notes
        .lines()
        .filter_map(|line| line.strip_prefix("- `"))
        .filter_map(|line| line.split_once("`: "))
        .find(|(key, _)| target.contains(key))
        .map(|(_, text)| text.to_string())
        .unwrap_or_else(|| "not analysed yet (see benches/NOTE.md)".to_string())
}
