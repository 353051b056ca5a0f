//! Echo-server load and memory, side by side.
//!
//! Builds the five servers (the async-std example on async-std, the same sources on the
//! shim, the CLI's smol migration, tokio-echo, mio-echo), starts each as a process on
//! 127.0.0.1 (reading its address from its first stdout line), and runs the load
//! generator of `smolify_bench::echo_client` against them: for every cell of
//! C ∈ {1, 64, 512} connections × S ∈ {64 B, 4 KiB}, the variants interleaved
//! (A B C ... A B C ...), repeated; medians and spread reported. Then the resident
//! memory of each server holding 2,000 idle connections.
//!
//! Prints markdown, writes `bench-echo.svg` (to `docs/` with `--write-docs`, else to
//! the results folder) and `echo.md`/`echo.json` into the results folder.
//!
//! Usage: `echo-load [--quick] [--write-docs]`

use std::path::PathBuf;
use std::time::Duration;

use plotters::prelude::*;
use serde_json::json;
use smolify_bench::{
    cargo_build, cores, date, echo_client, machine, quick, results_dir, save_results, table,
    target_dir, thousands, verdict, workspace_root, Server, Stats,
};

/// One server under test.
struct Variant {
    name: String,
    /// What it is, for the table.
    what: String,
    program: PathBuf,
    env: Vec<(String, String)>,
    /// Executor threads.
    threads: usize,
}

/// One measured run.
#[derive(Clone, Copy, Default)]
struct Run {
    per_second: f64,
    p50_us: f64,
    p99_us: f64,
    p999_us: f64,
}

/// The medians of a cell for one variant.
#[derive(Clone, Copy, Default)]
struct Summary {
    throughput: Stats,
    mb_per_second: f64,
    p50_us: f64,
    p99_us: f64,
    p999_us: f64,
    /// The range of p99 over the repeats, as a fraction of its median.
    p99_spread: f64,
}

/// Half the range over the median, as a fraction.
fn spread_fraction(stats: &Stats) -> f64 {
    if stats.median == 0.0 {
        0.0
    } else {
        (stats.max - stats.min) / 2.0 / stats.median
    }
}

const CONNS: [usize; 3] = [1, 64, 512];
const SIZES: [usize; 2] = [64, 4096];
const IDLE_CONNECTIONS: usize = 2_000;
/// Between the load section and the memory section of the report.
const SPLIT: &str = "<!-- memory -->\n";

fn main() {
    let quick = quick();
    let write_docs = std::env::args().any(|arg| arg == "--write-docs");
    smolify_bench::raise_fd_limit();
    let variants = build_variants();

    let (warmup, measure, repeats) = if quick {
        (Duration::from_millis(100), Duration::from_millis(300), 1)
    } else {
        // Five short runs rather than three long ones: on a shared machine the median
        // of more, finer-interleaved samples is steadier.
        (Duration::from_millis(300), Duration::from_secs(1), 5)
    };

    // --- Load -------------------------------------------------------------------------
    eprintln!(
        "echo load: {} variants x {} cells x {repeats} repeats, {:?} each",
        variants.len(),
        CONNS.len() * SIZES.len(),
        warmup + measure
    );
    let mut servers: Vec<Server> = variants
        .iter()
        .map(|variant| Server::start(&variant.program, &variant.env))
        .collect();
    // summaries[cell][variant]
    let mut summaries: Vec<((usize, usize), Vec<Summary>)> = Vec::new();
    let mut raw = Vec::new();
    for &size in &SIZES {
        for &conns in &CONNS {
            let mut runs: Vec<Vec<Run>> = vec![Vec::new(); variants.len()];
            for repeat in 0..repeats {
                for (index, variant) in variants.iter().enumerate() {
                    if let Ok(Some(status)) = servers[index].child.try_wait() {
                        panic!("{} exited ({status}) before its run", variant.name);
                    }
                    let result =
                        echo_client::run(servers[index].addr, conns, size, warmup, measure)
                            .unwrap_or_else(|error| {
                                panic!("{} at C={conns} S={size}: {error}", variant.name)
                            });
                    let run = Run {
                        per_second: result.per_second(),
                        p50_us: result.latency.value_at_quantile(0.50) as f64 / 1000.0,
                        p99_us: result.latency.value_at_quantile(0.99) as f64 / 1000.0,
                        p999_us: result.latency.value_at_quantile(0.999) as f64 / 1000.0,
                    };
                    eprintln!(
                        "  C={conns:<3} S={size:<4} #{repeat} {:<10} {:>9} rt/s  p50 {:>8.1} µs  p99 {:>8.1} µs  p99.9 {:>8.1} µs",
                        variant.name,
                        thousands(run.per_second),
                        run.p50_us,
                        run.p99_us,
                        run.p999_us
                    );
                    raw.push(json!({
                        "server": variant.name, "conns": conns, "size": size, "repeat": repeat,
                        "round_trips_per_s": run.per_second, "p50_us": run.p50_us,
                        "p99_us": run.p99_us, "p999_us": run.p999_us,
                    }));
                    runs[index].push(run);
                }
            }
            let cell = runs
                .iter()
                .map(|runs| {
                    let throughput =
                        Stats::of(&runs.iter().map(|r| r.per_second).collect::<Vec<_>>());
                    let median = |f: fn(&Run) -> f64| {
                        Stats::of(&runs.iter().map(f).collect::<Vec<_>>()).median
                    };
                    Summary {
                        throughput,
                        mb_per_second: throughput.median * size as f64 / 1e6,
                        p50_us: median(|r| r.p50_us),
                        p99_us: median(|r| r.p99_us),
                        p99_spread: spread_fraction(&Stats::of(
                            &runs.iter().map(|r| r.p99_us).collect::<Vec<_>>(),
                        )),
                        p999_us: median(|r| r.p999_us),
                    }
                })
                .collect();
            summaries.push(((conns, size), cell));
        }
    }
    for server in servers.drain(..) {
        drop(server);
    }

    // --- Memory -----------------------------------------------------------------------
    eprintln!("memory: {IDLE_CONNECTIONS} idle connections per server");
    let mut memory = Vec::new();
    for variant in &variants {
        let server = Server::start(&variant.program, &variant.env);
        std::thread::sleep(Duration::from_millis(200));
        let idle = server.rss_kib();
        let connections = echo_client::idle_connections(server.addr, IDLE_CONNECTIONS, 64)
            .unwrap_or_else(|error| panic!("{}: idle connections: {error}", variant.name));
        std::thread::sleep(Duration::from_millis(500));
        let loaded = server.rss_kib();
        drop(connections);
        drop(server);
        eprintln!(
            "  {:<10} {idle} KiB idle, {loaded} KiB with connections",
            variant.name
        );
        memory.push((idle, loaded));
    }

    // --- Report -----------------------------------------------------------------------
    let markdown = report(&variants, &summaries, &memory, repeats, warmup, measure);
    let (load_md, memory_md) = markdown.split_once(SPLIT).expect("two sections");
    println!("{load_md}\n{memory_md}");
    let svg = if write_docs {
        workspace_root().join("docs/bench-echo.svg")
    } else {
        results_dir().join("bench-echo.svg")
    };
    chart(&svg, &variants, &summaries).expect("cannot draw the chart");
    eprintln!("chart: {}", svg.display());
    let json = json!({
        "runs": raw,
        "memory": variants.iter().zip(&memory).map(|(v, (idle, loaded))| json!({
            "server": v.name, "idle_kib": idle, "with_connections_kib": loaded,
            "connections": IDLE_CONNECTIONS,
        })).collect::<Vec<_>>(),
    });
    save_results("echo", load_md, &json);
    std::fs::write(results_dir().join("memory.md"), memory_md).expect("cannot write results");
}

/// Builds the servers and lists the variants in the order they are interleaved.
fn build_variants() -> Vec<Variant> {
    let root = workspace_root();
    let target = target_dir();
    eprintln!("building the echo servers (release)...");
    let legacy = cargo_build(
        &root.join("examples/legacy/Cargo.toml"),
        "echo-server",
        "echo-server",
        &target.join("legacy"),
    );
    let migrated = cargo_build(
        &root.join("examples/migrated/Cargo.toml"),
        "echo-server",
        "echo-server",
        &target.join("migrated"),
    );
    let manifest = root.join("Cargo.toml");
    let on_shim = cargo_build(
        &manifest,
        "echo-server-on-shim",
        "echo-server-on-shim",
        &target,
    );
    let tokio = cargo_build(&manifest, "smolify-bench", "tokio-echo", &target);
    let mio = cargo_build(&manifest, "smolify-bench", "mio-echo", &target);
    let n = cores();
    let env = |key: &str, value: usize| vec![(key.to_string(), value.to_string())];
    vec![
        Variant {
            name: "async-std".into(),
            what: "examples/legacy on async-std 1.13".into(),
            program: legacy,
            env: vec![],
            threads: n,
        },
        Variant {
            name: "shim".into(),
            what: "the same sources on the shim".into(),
            program: on_shim.clone(),
            env: vec![],
            threads: n,
        },
        Variant {
            name: "shim-1t".into(),
            what: "the shim, ASYNC_STD_THREAD_COUNT=1".into(),
            program: on_shim,
            env: env("ASYNC_STD_THREAD_COUNT", 1),
            threads: 1,
        },
        Variant {
            name: format!("smol-{n}t"),
            what: format!("examples/migrated on smol, SMOL_THREADS={n}"),
            program: migrated.clone(),
            env: env("SMOL_THREADS", n),
            threads: n,
        },
        Variant {
            name: "smol-1t".into(),
            what: "examples/migrated on smol, SMOL_THREADS=1 (smol's default)".into(),
            program: migrated,
            env: env("SMOL_THREADS", 1),
            threads: 1,
        },
        Variant {
            name: "tokio".into(),
            what: "tokio-echo, multi-threaded runtime".into(),
            program: tokio,
            env: vec![],
            threads: n,
        },
        Variant {
            name: "mio".into(),
            what: "mio-echo, one epoll loop".into(),
            program: mio,
            env: vec![],
            threads: 1,
        },
    ]
}

/// The verdict of an echo target over all cells.
fn miss_text(missed: usize, within_noise: usize, cells: usize) -> String {
    if missed == 0 {
        format!("{} (all {cells} cells)", verdict(true))
    } else {
        format!(
            "{} ({missed} of {cells} cells; {within_noise} of them within the spread)",
            verdict(false)
        )
    }
}

fn index_of(variants: &[Variant], name: &str) -> usize {
    variants
        .iter()
        .position(|v| v.name == name)
        .unwrap_or_else(|| panic!("no variant {name}"))
}

fn size_label(size: usize) -> String {
    if size >= 1024 {
        format!("{} KiB", size / 1024)
    } else {
        format!("{size} B")
    }
}

fn report(
    variants: &[Variant],
    summaries: &[((usize, usize), Vec<Summary>)],
    memory: &[(u64, u64)],
    repeats: usize,
    warmup: Duration,
    measure: Duration,
) -> String {
    let n = cores();
    let mut out = String::new();
    out.push_str("## 1. Echo server load\n\n");
    out.push_str(&format!(
        "One client thread (a mio event loop, `smolify_bench::echo_client`) beside the server \
         on 127.0.0.1; each connection does one round trip at a time and checks every byte. \
         Each run: {warmup:?} warm-up, then {measure:?} measured; the variants interleaved, \
         {repeats} repeat(s) per cell; medians, spread = half the range of round trips/s \
         over the median. Every server sets TCP_NODELAY on accepted sockets.\n\n",
    ));
    let servers: Vec<Vec<String>> = variants
        .iter()
        .map(|v| {
            vec![
                format!("`{}`", v.name),
                v.what.clone(),
                v.threads.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(&["server", "what", "executor threads"], &servers));
    out.push('\n');
    let mut rows = Vec::new();
    for ((conns, size), cell) in summaries {
        for (variant, summary) in variants.iter().zip(cell) {
            rows.push(vec![
                conns.to_string(),
                size_label(*size),
                format!("`{}`", variant.name),
                thousands(summary.throughput.median),
                summary.throughput.spread(),
                format!("{:.1}", summary.mb_per_second),
                format!("{:.1}", summary.p50_us),
                format!("{:.1}", summary.p99_us),
                format!("{:.1}", summary.p999_us),
            ]);
        }
    }
    out.push_str(&table(
        &[
            "C",
            "S",
            "server",
            "round trips/s",
            "spread",
            "MB/s",
            "p50 µs",
            "p99 µs",
            "p99.9 µs",
        ],
        &rows,
    ));
    out.push('\n');

    // Ratios and targets.
    let asy = index_of(variants, "async-std");
    let shim = index_of(variants, "shim");
    let shim1 = index_of(variants, "shim-1t");
    let smoln = index_of(variants, &format!("smol-{n}t"));
    let smol1 = index_of(variants, "smol-1t");
    let tokio = index_of(variants, "tokio");
    let mio = index_of(variants, "mio");
    out.push_str("### Ratios (throughput, medians of one run)\n\n");
    let mut rows = Vec::new();
    let mut worst = [f64::INFINITY; 4];
    let mut missed = [0usize; 4];
    let mut noise = [0usize; 4];
    for ((conns, size), cell) in summaries {
        let t = |i: usize| cell[i].throughput.median;
        let ratios = [
            t(shim) / t(asy),
            t(shim) / t(smoln),
            t(shim1) / t(smol1),
            cell[shim].p99_us / cell[asy].p99_us,
        ];
        let met = [
            ratios[0] >= 1.0,
            ratios[1] >= 0.97,
            ratios[2] >= 0.97,
            ratios[3] <= 1.0,
        ];
        // A miss smaller than the two variants' spreads together is within the noise
        // of this run.
        let s = |i: usize| spread_fraction(&cell[i].throughput);
        let within = [
            ratios[0] + s(shim) + s(asy) >= 1.0,
            ratios[1] + s(shim) + s(smoln) >= 0.97,
            ratios[2] + s(shim1) + s(smol1) >= 0.97,
            ratios[3] - cell[shim].p99_spread - cell[asy].p99_spread <= 1.0,
        ];
        for k in 0..4 {
            if k == 3 {
                worst[k] = if worst[k].is_finite() {
                    worst[k].max(ratios[k])
                } else {
                    ratios[k]
                };
            } else {
                worst[k] = worst[k].min(ratios[k]);
            }
            if !met[k] {
                missed[k] += 1;
                if within[k] {
                    noise[k] += 1;
                }
            }
        }
        let mark = |k: usize| {
            if met[k] {
                format!("{:.3}", ratios[k])
            } else if within[k] {
                format!("**{:.3}**°", ratios[k])
            } else {
                format!("**{:.3}**", ratios[k])
            }
        };
        rows.push(vec![
            conns.to_string(),
            size_label(*size),
            mark(0),
            mark(1),
            mark(2),
            mark(3),
            format!("{:.3}", t(smol1) / t(smoln)),
            format!("{:.3}", t(tokio) / t(shim)),
            format!("{:.3}", t(mio) / t(shim)),
        ]);
    }
    out.push_str(&table(
        &[
            "C",
            "S",
            "shim / async-std",
            &format!("shim / smol-{n}t"),
            "shim-1t / smol-1t",
            "p99: shim / async-std",
            &format!("smol-1t / smol-{n}t"),
            "tokio / shim",
            "mio / shim",
        ],
        &rows,
    ));
    out.push_str(
        "\n(bold: target missed; °: by less than the spreads of the two variants \
         together, i.e. within this run's noise)\n\n",
    );
    out.push_str("### Echo targets\n\n");
    let cells = summaries.len();
    let target_rows = vec![
        vec![
            "shim throughput ≥ 1.0× async-std's, every C and S".to_string(),
            format!("worst {:.3}×", worst[0]),
            miss_text(missed[0], noise[0], cells),
        ],
        vec![
            format!("shim throughput ≥ 0.97× smol's, same threads ({n})"),
            format!("worst {:.3}×", worst[1]),
            miss_text(missed[1], noise[1], cells),
        ],
        vec![
            "shim throughput ≥ 0.97× smol's, same threads (1)".to_string(),
            format!("worst {:.3}×", worst[2]),
            miss_text(missed[2], noise[2], cells),
        ],
        vec![
            "shim p99 ≤ async-std's p99".to_string(),
            format!("worst {:.3}×", worst[3]),
            miss_text(missed[3], noise[3], cells),
        ],
    ];
    out.push_str(&table(&["target", "result", "verdict"], &target_rows));
    out.push('\n');

    out.push_str(SPLIT);
    out.push_str(&format!(
        "## 3. Memory: {} idle connections\n\n\
         Resident memory (`VmRSS` of `/proc/<pid>/status`) of a fresh server process, before \
         any connection and then holding {} connections that each made one 64-byte round \
         trip and then stay open and idle.\n\n",
        thousands(IDLE_CONNECTIONS as f64),
        thousands(IDLE_CONNECTIONS as f64)
    ));
    let rows: Vec<Vec<String>> = variants
        .iter()
        .zip(memory)
        .map(|(v, (idle, loaded))| {
            vec![
                format!("`{}`", v.name),
                format!("{:.1}", *idle as f64 / 1024.0),
                format!("{:.1}", *loaded as f64 / 1024.0),
                format!(
                    "{:.1}",
                    (*loaded as f64 - *idle as f64) / IDLE_CONNECTIONS as f64
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "server",
            "RSS at start (MiB)",
            &format!("RSS with {} connections (MiB)", IDLE_CONNECTIONS),
            "KiB per connection",
        ],
        &rows,
    ));
    out.push('\n');
    out
}

/// Draws the throughput of every server in every cell: one panel per cell, bars with
/// the median and a line for the range of the repeats.
fn chart(
    path: &std::path::Path,
    variants: &[Variant],
    summaries: &[((usize, usize), Vec<Summary>)],
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (1500, 900)).into_drawing_area();
    root.fill(&WHITE)?;
    let (title, body) = root.split_vertically(70);
    title.draw(&Text::new(
        "Echo server round trips per second (median of the repeats; line = range), 127.0.0.1"
            .to_string(),
        (20, 10),
        ("sans-serif", 24).into_font(),
    ))?;
    title.draw(&Text::new(
        format!("{} — {}", date(), machine()),
        (20, 42),
        ("sans-serif", 15).into_font(),
    ))?;
    let panels = body.split_evenly((SIZES.len(), CONNS.len()));
    let palette = [
        RGBColor(0x8c, 0x56, 0x4b),
        RGBColor(0x1f, 0x77, 0xb4),
        RGBColor(0x6b, 0xae, 0xd6),
        RGBColor(0x2c, 0xa0, 0x2c),
        RGBColor(0x98, 0xdf, 0x8a),
        RGBColor(0xd6, 0x27, 0x28),
        RGBColor(0x7f, 0x7f, 0x7f),
    ];
    for (panel, ((conns, size), cell)) in panels.iter().zip(summaries) {
        let top = cell.iter().map(|s| s.throughput.max).fold(1.0f64, f64::max) * 1.12;
        let count = variants.len() as u32;
        let mut chart = ChartBuilder::on(panel)
            .caption(
                format!("C = {conns}, S = {}", size_label(*size)),
                ("sans-serif", 18),
            )
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(70)
            .build_cartesian_2d((0u32..count).into_segmented(), 0f64..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(variants.len())
            .x_label_formatter(&|value| match value {
                SegmentValue::CenterOf(i) => variants
                    .get(*i as usize)
                    .map(|v| v.name.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|value| thousands(*value))
            .label_style(("sans-serif", 12))
            .draw()?;
        for (i, summary) in cell.iter().enumerate() {
            let color = palette[i % palette.len()];
            chart.draw_series(
                Histogram::vertical(&chart)
                    .style(color.filled())
                    .margin(6)
                    .data([(i as u32, summary.throughput.median)]),
            )?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![
                    (SegmentValue::CenterOf(i as u32), summary.throughput.min),
                    (SegmentValue::CenterOf(i as u32), summary.throughput.max),
                ],
                BLACK.stroke_width(2),
            )))?;
        }
    }
    root.present()?;
    Ok(())
}
