//! Runtime microbenchmarks, side by side: async-std vs the shim vs plain smol vs tokio.
//!
//! The four builds are separate programs (async-std and the shim share the crate name
//! `async_std`): `micro-async-std` (benches/async-std-micro, its own workspace),
//! `micro-shim`, `micro-smol`, `micro-tokio`. This program builds them, runs them in
//! turn (A B C D A B C D ...) for several rounds, and reports the median ns/op and
//! the spread of each operation, and the ratios the issue sets targets for.
//!
//! Usage: `runtime-micro [--quick]`

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::json;
use smolify_bench::{
    cargo_build, cores, quick, save_results, table, target_dir, verdict, workspace_root, Stats,
};

const BENCHES: [(&str, &str); 5] = [
    ("spawn_join", "spawn + join, 100,000 tasks (per task)"),
    (
        "ping_pong",
        "channel ping-pong, capacity 1 (per round trip)",
    ),
    ("timers", "100,000 tasks sleeping 1 ms (per timer)"),
    ("block_on_ready", "`block_on` of a ready future"),
    ("task_local", "task-local read"),
];

/// Half the range over the median, as a fraction.
fn fraction(stats: &Stats) -> f64 {
    if stats.median == 0.0 {
        0.0
    } else {
        (stats.max - stats.min) / 2.0 / stats.median
    }
}

fn main() {
    let quick = quick();
    let root = workspace_root();
    let target = target_dir();
    eprintln!("building the microbenchmarks (release)...");
    let async_std = cargo_build(
        &root.join("benches/async-std-micro/Cargo.toml"),
        "smolify-bench-async-std-micro",
        "micro-async-std",
        &target.join("async-std-micro"),
    );
    let manifest = root.join("Cargo.toml");
    let runtimes: Vec<(&str, PathBuf)> = vec![
        ("async-std", async_std),
        (
            "shim",
            cargo_build(&manifest, "smolify-bench", "micro-shim", &target),
        ),
        (
            "smol",
            cargo_build(&manifest, "smolify-bench", "micro-smol", &target),
        ),
        (
            "tokio",
            cargo_build(&manifest, "smolify-bench", "micro-tokio", &target),
        ),
    ];
    let rounds = if quick { 1 } else { 5 };
    let threads = cores().to_string();
    // samples[runtime][bench] = ns/op of each round
    let mut samples: BTreeMap<String, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    for round in 0..rounds {
        for (name, program) in &runtimes {
            eprintln!("  round {round}: {name}");
            let mut command = Command::new("timeout");
            command.arg("600").arg(program);
            if quick {
                command.arg("--quick");
            }
            // The same number of executor threads everywhere: async-std and the shim
            // default to one per core; smol's global executor is told so.
            command
                .env_remove("ASYNC_STD_THREAD_COUNT")
                .env("SMOL_THREADS", &threads);
            let output = command.output().expect("cannot run a microbenchmark");
            assert!(
                output.status.success(),
                "{name} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            for line in String::from_utf8_lossy(&output.stdout).lines() {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let bench = value["bench"].as_str().unwrap_or_default().to_string();
                let ns = value["ns_per_op"].as_f64().unwrap_or(f64::NAN);
                samples
                    .entry(name.to_string())
                    .or_default()
                    .entry(bench)
                    .or_default()
                    .push(ns);
            }
        }
    }

    let stats = |runtime: &str, bench: &str| -> Option<Stats> {
        samples
            .get(runtime)
            .and_then(|benches| benches.get(bench))
            .map(|values| Stats::of(values))
    };
    let cell = |stats: Option<Stats>| match stats {
        Some(stats) => format!("{:.1} ({})", stats.median, stats.spread()),
        None => "n/a".to_string(),
    };
    let mut rows = Vec::new();
    let mut target_rows = Vec::new();
    for (bench, what) in BENCHES {
        let a = stats("async-std", bench);
        let s = stats("shim", bench);
        let p = stats("smol", bench);
        let t = stats("tokio", bench);
        // The ratio of the medians, and the spreads of the two together (a miss
        // smaller than that is within this run's noise).
        let ratio = |x: Option<Stats>, y: Option<Stats>| match (x, y) {
            (Some(x), Some(y)) => Some((x.median / y.median, fraction(&x) + fraction(&y))),
            _ => None,
        };
        let vs_smol = ratio(s, p);
        let vs_async_std = ratio(s, a);
        let show = |r: Option<(f64, f64)>, limit: f64| match r {
            Some((r, _)) if r <= limit => format!("{r:.2}"),
            Some((r, noise)) if r - noise <= limit => format!("**{r:.2}**°"),
            Some((r, _)) => format!("**{r:.2}**"),
            None => "n/a".to_string(),
        };
        let verdict_of = |r: f64, noise: f64, limit: f64| {
            if r <= limit {
                verdict(true).to_string()
            } else if r - noise <= limit {
                format!("{} (within the spread)", verdict(false))
            } else {
                verdict(false).to_string()
            }
        };
        rows.push(vec![
            what.to_string(),
            cell(a),
            cell(s),
            cell(p),
            cell(t),
            show(vs_smol, 1.10),
            show(vs_async_std, 1.0),
        ]);
        if let Some((r, noise)) = vs_smol {
            target_rows.push(vec![
                format!("{bench}: shim ≤ 1.10× smol"),
                format!("{r:.2}×"),
                verdict_of(r, noise, 1.10),
            ]);
        }
        if let Some((r, noise)) = vs_async_std {
            target_rows.push(vec![
                format!("{bench}: shim ≤ 1.0× async-std"),
                format!("{r:.2}×"),
                verdict_of(r, noise, 1.0),
            ]);
        }
    }
    let mut out = String::new();
    out.push_str("## 2. Runtime microbenchmarks\n\n");
    out.push_str(&format!(
        "ns per operation, median of {rounds} round(s) (spread = half the range over the \
         median); the four programs run in turn each round, each benchmark warmed up once \
         before it is measured. Executor threads: {threads} everywhere (async-std's and the \
         shim's default of one per core; `SMOL_THREADS={threads}` for smol's global \
         executor; tokio's multi-threaded runtime with {threads} workers). smol has no \
         task-locals. Sources: `benches/src/micro/` (async-std and the shim build the same \
         file), `benches/src/bin/micro-*.rs`.\n\n"
    ));
    out.push_str(&table(
        &[
            "operation",
            "async-std",
            "shim",
            "smol",
            "tokio",
            "shim / smol",
            "shim / async-std",
        ],
        &rows,
    ));
    out.push_str(
        "\n(bold: target missed; °: by less than the two spreads together, i.e. within \
         this run's noise)\n\n### Microbenchmark targets\n\n",
    );
    out.push_str(&table(&["target", "result", "verdict"], &target_rows));
    out.push('\n');
    println!("{out}");
    save_results(
        "micro",
        &out,
        &json!({ "rounds": rounds, "threads": cores(), "samples": samples }),
    );
}
