//! `jplan-bench`: throughput, scaling, start-up, memory and linearity of the
//! jplan pipeline, measured in one run on one corpus.
//!
//! ```text
//! cargo build --release
//! cargo run --release -p jplan-bench --bin jplan-bench -- DIR [--jplan PATH] [--strict]
//! ```
//!
//! DIR is a folder of `.txt` documents (`jplan-gencorpus` writes one). The
//! in-process stages read the documents into memory first, so they time
//! jplan's work, not the disk; the `jplan extract` runs are the real binary,
//! end to end, in a child process whose peak RSS is read with `wait4`.
//! Prints Markdown tables; `--strict` exits with status 1 when a target is
//! missed.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use jplan_bench::{City, Rng, Seeds, kpi_table, period_phrase, self_peak_rss, strategy_tree};
use jplan_corpus::{Pipeline, PipelineConfig, PlanRecord};
use jplan_extract::{Doc, Extractor, Morph, Morpheme};
use jplan_normalize::Normalizer;
use jplan_tokenize::Tokenizer;
use rayon::prelude::*;

const USAGE: &str = "usage: jplan-bench DIR [--jplan PATH] [--strict]";

/// Documents, read into memory.
struct Corpus {
    docs: Vec<(String, Vec<u8>)>,
    bytes: u64,
}

impl Corpus {
    fn load(dir: &Path) -> std::io::Result<Corpus> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        let mut docs = Vec::with_capacity(paths.len());
        let mut bytes = 0u64;
        for p in paths {
            let b = std::fs::read(&p)?;
            bytes += b.len() as u64;
            let id = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push((id, b));
        }
        Ok(Corpus { docs, bytes })
    }
}

/// A measured stage.
struct Stage {
    name: &'static str,
    seconds: f64,
    /// CPU seconds (all threads).
    cpu: f64,
    bytes: u64,
    docs: usize,
}

impl Stage {
    fn mbps(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds
    }
    /// MB per CPU second: what one core does when it has the core to
    /// itself (robust against other load on the machine).
    fn cpu_mbps(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.cpu
    }
    fn docps(&self) -> f64 {
        self.docs as f64 / self.seconds
    }
}

/// What the extraction rules ask of the tokenizer, timed.
struct TimingMorph<'a> {
    tokenizer: &'a Tokenizer,
    nanos: AtomicU64,
    bytes: AtomicU64,
    calls: AtomicU64,
}

impl Morph for TimingMorph<'_> {
    fn analyse(&self, text: &str) -> Vec<Morpheme> {
        let t = Instant::now();
        let out = jplan_corpus::pipeline::morphemes(self.tokenizer.tokenize(text));
        self.nanos
            .fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
        self.calls.fetch_add(1, Ordering::Relaxed);
        out
    }
}

/// The record as the CLI serializes it: a JSON value, a compact line and a
/// pretty file.
fn to_json(record: &PlanRecord) -> usize {
    let value = serde_json::to_value(record).expect("record serializes");
    let line = serde_json::to_string(&value).expect("value serializes");
    let pretty = serde_json::to_string_pretty(&value).expect("value serializes");
    line.len() + pretty.len()
}

fn clock(id: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec we own.
    unsafe { libc::clock_gettime(id, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// CPU seconds used by the calling thread.
fn thread_cpu() -> f64 {
    clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU seconds used by this process, all threads.
fn process_cpu() -> f64 {
    clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_string())
}

/// The result of a child `jplan` run.
struct ChildRun {
    wall: Duration,
    /// User + system CPU seconds of the child.
    cpu: f64,
    max_rss: u64,
    ok: bool,
    stderr: String,
}

/// Run `cmd`, wait for it with `wait4` and return its wall time and peak RSS.
fn run_child(mut cmd: Command) -> std::io::Result<ChildRun> {
    let started = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut e) = stderr {
            use std::io::Read;
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if r != pid {
        return Err(std::io::Error::last_os_error());
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let stderr = reader.join().unwrap_or_default();
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(ChildRun {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss: usage.ru_maxrss as u64 * 1024,
        ok,
        stderr,
    })
}

/// Bytes of the files directly in `dir`.
fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| file_bytes(&e.path())).sum())
        .unwrap_or(0)
}

fn file_bytes(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|s| s.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".to_string());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| format!("{:.1} GiB RAM", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{model}, {} cores available, {mem}, Linux {}",
        cores(),
        kernel.trim()
    )
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn git_commit() -> String {
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let dirty = Command::new("git")
        .args([
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            "crates",
            "dictionaries",
            "Cargo.toml",
            "Cargo.lock",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).lines().count())
        .unwrap_or(0);
    match head {
        Some(h) if dirty > 0 => format!("{h} + uncommitted changes in {dirty} tracked file(s)"),
        Some(h) => h,
        None => "unknown (not run inside the git checkout)".to_string(),
    }
}

/// The CPU time of `f` on this thread: the fastest of at least 5 runs and
/// 0.3 s (CPU time, so that other load on the machine does not count).
fn best_time(mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 5 || (started.elapsed() < Duration::from_millis(300) && runs < 50) {
        let t = thread_cpu();
        f();
        best = best.min(thread_cpu() - t);
        runs += 1;
    }
    best
}

struct Target {
    what: String,
    value: String,
    met: Option<bool>,
}

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut jplan: Option<PathBuf> = None;
    let mut strict = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jplan" => jplan = args.next().map(PathBuf::from),
            "--strict" => strict = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with('-') => {
                eprintln!("jplan-bench: unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            s => dir = Some(PathBuf::from(s)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let jplan = jplan.unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(|d| d.join("jplan")))
            .unwrap_or_else(|| PathBuf::from("target/release/jplan"))
    });
    let n_cores = cores();
    let load_before = loadavg();

    println!("# jplan-bench\n");
    println!("- machine: {}", machine());
    println!("- commit: {}", git_commit());
    println!("- corpus: {}", dir.display());

    // The real binary first, while this process is still small: a child's
    // ru_maxrss also counts the memory of the parent it was spawned from.
    let spawn_rss = self_peak_rss().unwrap_or(0);
    let smallest = match smallest_txt(&dir) {
        Some(p) => p,
        None => {
            eprintln!("jplan-bench: no .txt documents in {}", dir.display());
            return ExitCode::from(2);
        }
    };
    let tmp = std::env::temp_dir().join(format!("jplan-bench-{}", std::process::id()));
    let cli_with =
        |jobs: Option<usize>, input: &Path, out: &str, extra: &[&str]| -> Option<ChildRun> {
            let mut cmd = Command::new(&jplan);
            cmd.arg("extract")
                .arg(input)
                .arg("--out")
                .arg(tmp.join(out))
                .arg("--quiet")
                .args(extra);
            if let Some(j) = jobs {
                cmd.arg("--jobs").arg(j.to_string());
            }
            match run_child(cmd) {
                Ok(r) if r.ok => Some(r),
                Ok(r) => {
                    eprintln!(
                        "jplan-bench: {} failed: {}",
                        jplan.display(),
                        r.stderr.trim()
                    );
                    None
                }
                Err(e) => {
                    eprintln!("jplan-bench: cannot run {}: {e}", jplan.display());
                    None
                }
            }
        };
    let cli = |jobs: Option<usize>, input: &Path, out: &str| cli_with(jobs, input, out, &[]);
    let have_cli = jplan.is_file();
    if !have_cli {
        eprintln!(
            "jplan-bench: {} not found: build it first with `cargo build --release` \
             (or pass --jplan PATH); the figures of the jplan binary are skipped",
            jplan.display()
        );
    }
    let (cli_all, cli_one, mut firsts, cli_quarter_run) = if have_cli {
        let mut firsts = Vec::new();
        for i in 0..7 {
            if let Some(r) = cli(None, &smallest, &format!("first{i}")) {
                firsts.push(r);
            }
        }
        let all = cli(None, &dir, "all");
        let one = cli(Some(1), &dir, "one");
        let quarter = cli_quarter(&jplan, &dir, &tmp.join("quarter"));
        (all, one, firsts, quarter)
    } else {
        (None, None, Vec::new(), None)
    };
    // The same with the text layer (`--text`), then an incremental rerun
    // with nothing changed, and the size of what the layer writes.
    let text_runs = if have_cli {
        let all = cli_with(None, &dir, "text", &["--text"]);
        let one = cli_with(Some(1), &dir, "text1", &["--text"]);
        let again = cli_with(None, &dir, "text", &["--text", "--incremental"]);
        let size = folder_bytes(&tmp.join("text/text")) + file_bytes(&tmp.join("text/terms.csv"));
        Some((all, one, again, size))
    } else {
        None
    };
    let _ = std::fs::remove_dir_all(&tmp);
    firsts.sort_by_key(|r| r.wall);
    let first_cli = firsts.get(firsts.len() / 2);

    // Start-up, in process: dictionary load, then the first record.
    let t0 = Instant::now();
    let pipeline = match Pipeline::new(PipelineConfig::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("jplan-bench: cannot set up the pipeline: {e}");
            return ExitCode::from(1);
        }
    };
    let setup = t0.elapsed();
    let small_bytes = std::fs::read(&smallest).unwrap_or_default();
    let t1 = Instant::now();
    let first = pipeline.process("first", "first", &small_bytes);
    let first_record = t1.elapsed();
    if let Err(e) = first {
        eprintln!("jplan-bench: warning: the smallest document gave no record: {e}");
    }

    let corpus = match Corpus::load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("jplan-bench: cannot read {}: {e}", dir.display());
            return ExitCode::from(1);
        }
    };
    println!(
        "- documents: {}, {:.1} MB ({:.1} MiB) on disk, {:.1} kB average",
        corpus.docs.len(),
        mb(corpus.bytes),
        mib(corpus.bytes),
        corpus.bytes as f64 / 1e3 / corpus.docs.len() as f64
    );
    let tokenizer = pipeline
        .tokenizer()
        .expect("the default pipeline tokenizes");
    let normalizer = Normalizer::new();
    let n_docs = corpus.docs.len();

    // (a) decode + normalize.
    let t = Instant::now();
    let cpu0 = thread_cpu();
    let mut lines = 0usize;
    let mut norm_bytes = 0u64;
    let mut failures = 0usize;
    for (_, bytes) in &corpus.docs {
        match jplan_decode::decode(bytes) {
            Ok(d) => {
                let n = normalizer.normalize(&d.text);
                lines += n.lines.len();
                norm_bytes += n.lines.iter().map(|l| l.text.len() as u64).sum::<u64>();
            }
            Err(_) => failures += 1,
        }
    }
    let a = Stage {
        name: "(a) decode + normalize",
        seconds: t.elapsed().as_secs_f64(),
        cpu: thread_cpu() - cpu0,
        bytes: corpus.bytes,
        docs: n_docs,
    };

    // (b) tokenization alone: every non-blank normalized line's text, the
    // way the extraction rules hand text to the tokenizer.
    let (mut tok_secs, mut tok_cpu) = (0.0, 0.0);
    let mut tokens = 0usize;
    for (_, bytes) in &corpus.docs {
        let Ok(d) = jplan_decode::decode(bytes) else {
            continue;
        };
        let n = normalizer.normalize(&d.text);
        let t = Instant::now();
        let cpu0 = thread_cpu();
        for l in n.lines.iter().filter(|l| !l.is_blank()) {
            tokens += tokenizer.tokenize(&l.text).len();
        }
        tok_cpu += thread_cpu() - cpu0;
        tok_secs += t.elapsed().as_secs_f64();
    }
    let b = Stage {
        name: "(b) tokenization alone (every line)",
        seconds: tok_secs,
        cpu: tok_cpu,
        bytes: corpus.bytes,
        docs: n_docs,
    };

    // (c) the whole pipeline, one thread: Pipeline::process + JSON.
    let t = Instant::now();
    let cpu0 = thread_cpu();
    let mut json_secs = 0.0;
    let mut records = 0usize;
    let mut json_bytes = 0usize;
    for (id, bytes) in &corpus.docs {
        if let Ok(r) = pipeline.process(id, id, bytes) {
            let tj = thread_cpu();
            json_bytes += to_json(&r);
            json_secs += thread_cpu() - tj;
            records += 1;
        }
    }
    let c = Stage {
        name: "(c) whole pipeline, 1 thread",
        seconds: t.elapsed().as_secs_f64(),
        cpu: thread_cpu() - cpu0,
        bytes: corpus.bytes,
        docs: n_docs,
    };

    // Where (c)'s time goes: the same steps, each timed (thread CPU time),
    // with the tokenizer calls of the extraction rules timed and counted.
    let extractor = Extractor::new();
    let morph = TimingMorph {
        tokenizer,
        nanos: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
        calls: AtomicU64::new(0),
    };
    let (mut dec_s, mut norm_s, mut ext_s, mut sha_s) = (0.0, 0.0, 0.0, 0.0);
    for (_, bytes) in &corpus.docs {
        let t = thread_cpu();
        let Ok(d) = jplan_decode::decode(bytes) else {
            continue;
        };
        let t2 = thread_cpu();
        dec_s += t2 - t;
        let n = normalizer.normalize(&d.text);
        let t3 = thread_cpu();
        norm_s += t3 - t2;
        let e = extractor.extract(Doc::new(&n.lines), &morph);
        let t4 = thread_cpu();
        ext_s += t4 - t3;
        std::hint::black_box(e);
        std::hint::black_box(jplan_corpus::pipeline::sha256_hex(bytes));
        sha_s += thread_cpu() - t4;
    }
    let rule_tok_s = morph.nanos.load(Ordering::Relaxed) as f64 / 1e9;
    let rule_tok_bytes = morph.bytes.load(Ordering::Relaxed);
    let rule_tok_calls = morph.calls.load(Ordering::Relaxed);

    // (d) the whole pipeline on all cores, in process.
    let t = Instant::now();
    let cpu0 = process_cpu();
    let par_records: usize = corpus
        .docs
        .par_iter()
        .map(|(id, bytes)| match pipeline.process(id, id, bytes) {
            Ok(r) => {
                std::hint::black_box(to_json(&r));
                1
            }
            Err(_) => 0,
        })
        .sum();
    let d = Stage {
        name: "(d) whole pipeline, all cores",
        seconds: t.elapsed().as_secs_f64(),
        cpu: process_cpu() - cpu0,
        bytes: corpus.bytes,
        docs: n_docs,
    };
    // (e) the text layer alone, one thread: units, nodes, tokens and terms
    // of every document, and their JSON Lines and CSV, given the normalized
    // lines and the record's tree (made beforehand, not timed).
    let (mut text_cpu, mut text_tokenize_cpu, mut text_out_bytes, mut units) =
        (0.0, 0.0, 0usize, 0usize);
    for (id, bytes) in &corpus.docs {
        let Ok((record, normalized)) = pipeline.process_with_text(id, id, bytes) else {
            continue;
        };
        let t = thread_cpu();
        let nodes = jplan_text::nodes::flatten(&record.strategy);
        let layer = jplan_text::DocText::build(&normalized.lines, &nodes, tokenizer);
        let jsonl = layer.jsonl(id);
        let terms = layer.terms_csv(id);
        text_cpu += thread_cpu() - t;
        units += layer.units.len();
        text_out_bytes += jsonl.len() + terms.len();
        // The tokenizer's share: the same units tokenized again.
        let t = thread_cpu();
        for u in &layer.units {
            std::hint::black_box(tokenizer.tokenize(&u.unit.text));
        }
        text_tokenize_cpu += thread_cpu() - t;
    }
    let bench_rss = self_peak_rss();

    // Linear growth: each case at 1×, 2×, 4×, 8× its size.
    let linear_rows = linear_growth(&pipeline, &corpus);
    let worst_step = linear_rows
        .iter()
        .flat_map(|r| r.3.iter().copied())
        .fold(0.0f64, f64::max);
    let load_after = loadavg();

    // Report.
    println!("- load average (1, 5, 15 min): {load_before} before, {load_after} after\n");
    println!("## Throughput (same input, one run)\n");
    println!(
        "MB/s is input bytes per second of wall time; \"MB/CPU-s\" per second of CPU time \
         (all threads), which other load on the machine does not distort.\n"
    );
    println!("| stage | wall s | CPU s | MB/s | MB/CPU-s | documents/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut stages = vec![&a, &b, &c, &d];
    let cli_stage = |name, r: &ChildRun| Stage {
        name,
        seconds: r.wall.as_secs_f64(),
        cpu: r.cpu,
        bytes: corpus.bytes,
        docs: n_docs,
    };
    let cli_one_stage = cli_one
        .as_ref()
        .map(|r| cli_stage("(c') `jplan extract --jobs 1`, end to end", r));
    let cli_all_stage = cli_all
        .as_ref()
        .map(|r| cli_stage("(d') `jplan extract`, all cores, end to end", r));
    if let Some(s) = &cli_one_stage {
        stages.push(s);
    }
    if let Some(s) = &cli_all_stage {
        stages.push(s);
    }
    for s in &stages {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.0} |",
            s.name,
            s.seconds,
            s.cpu,
            s.mbps(),
            s.cpu_mbps(),
            s.docps()
        );
    }
    println!(
        "\n{} documents, {} lines, {:.1} MB normalized text, {} tokens in (b); {} records \
         ({} in parallel), {:.1} MB of JSON; {} documents failed to decode.\n",
        n_docs,
        lines,
        mb(norm_bytes),
        tokens,
        records,
        par_records,
        json_bytes as f64 / 1e6,
        failures
    );

    println!("## The text layer (`--text`)\n");
    println!(
        "(e) in process, one thread: {:.2} CPU-s for {} units ({:.2} MB/CPU-s of input), of \
         which {:.2} s tokenizing them and {:.2} s cutting, finding nodes, counting terms and \
         writing JSON; {:.1} MB of text layer; {:.2} × the CPU time of (c).\n",
        text_cpu,
        units,
        corpus.bytes as f64 / 1e6 / text_cpu,
        text_tokenize_cpu,
        text_cpu - text_tokenize_cpu,
        text_out_bytes as f64 / 1e6,
        text_cpu / c.cpu
    );
    if let Some((all, one, again, size)) = &text_runs {
        println!(
            "| `jplan extract` run | wall s | CPU s | MB/s | peak RSS | vs without `--text` |"
        );
        println!("|---|---:|---:|---:|---:|---:|");
        let row = |name: &str, r: &Option<ChildRun>, base: Option<&ChildRun>| {
            if let Some(r) = r {
                let vs = base.map_or(String::new(), |b| {
                    format!(
                        "{:.2} × wall, {:.2} × CPU",
                        r.wall.as_secs_f64() / b.wall.as_secs_f64(),
                        r.cpu / b.cpu
                    )
                });
                println!(
                    "| {name} | {:.2} | {:.2} | {:.2} | {:.1} MiB | {vs} |",
                    r.wall.as_secs_f64(),
                    r.cpu,
                    corpus.bytes as f64 / 1e6 / r.wall.as_secs_f64(),
                    mib(r.max_rss)
                );
            }
        };
        row("`--text --jobs 1`", one, cli_one.as_ref());
        row("`--text`, all cores", all, cli_all.as_ref());
        row("`--text --incremental`, nothing changed", again, None);
        println!(
            "\n`text/` and `terms.csv` of the corpus: {:.1} MB on disk.\n",
            mb(*size)
        );
    }

    println!("## Where the single-thread time goes (CPU time)\n");
    println!("| step | CPU s | share of (c) |");
    println!("|---|---:|---:|");
    let share = |s: f64| 100.0 * s / c.cpu;
    let rows = [
        ("decode", dec_s),
        ("normalize", norm_s),
        (
            "extraction rules (without their tokenizer calls)",
            ext_s - rule_tok_s,
        ),
        ("tokenizer calls made by the rules", rule_tok_s),
        ("SHA-256 of the input", sha_s),
        ("JSON (value, compact line, pretty file)", json_secs),
    ];
    for (n, s) in rows {
        println!("| {n} | {s:.2} | {:.0} % |", share(s));
    }
    println!(
        "\nThe extraction rules called the tokenizer {rule_tok_calls} times on {:.2} MB of \
         text: {:.1} % of the {:.1} MB of normalized text that (b) tokenizes.\n",
        mb(rule_tok_bytes),
        if norm_bytes > 0 {
            100.0 * rule_tok_bytes as f64 / norm_bytes as f64
        } else {
            0.0
        },
        mb(norm_bytes)
    );

    println!("## Start-up and memory\n");
    println!("| what | value |");
    println!("|---|---:|");
    println!(
        "| `Pipeline::new` (IPADIC + user dictionary), in process | {:.1} ms |",
        setup.as_secs_f64() * 1e3
    );
    println!(
        "| first record after that (smallest document, {} bytes), in process | {:.1} ms |",
        small_bytes.len(),
        first_record.as_secs_f64() * 1e3
    );
    if let Some(r) = first_cli {
        println!(
            "| `jplan extract <smallest document>`: process start to exit, output written \
             (median of {}) | {:.1} ms |",
            firsts.len(),
            r.wall.as_secs_f64() * 1e3
        );
        println!("| peak RSS of that run | {:.1} MiB |", mib(r.max_rss));
    }
    if let Some(r) = &cli_all {
        println!(
            "| peak RSS of `jplan extract` over the whole corpus, all cores | {:.1} MiB |",
            mib(r.max_rss)
        );
    }
    if let Some(r) = &cli_one {
        println!(
            "| peak RSS of `jplan extract --jobs 1` over the whole corpus | {:.1} MiB |",
            mib(r.max_rss)
        );
    }
    if let Some((n, r)) = &cli_quarter_run {
        println!(
            "| peak RSS of `jplan extract` over the first {n} documents, all cores | {:.1} MiB |",
            mib(r.max_rss)
        );
        if let Some(all) = &cli_all {
            let per_k = (all.max_rss as f64 - r.max_rss as f64) / (n_docs - n) as f64 * 1000.0;
            println!(
                "| growth of the peak with the corpus: per 1,000 documents | {:.1} MiB |",
                per_k / (1024.0 * 1024.0)
            );
        }
    }
    println!(
        "| (peak RSS of this bench process when it spawned them, which a child's ru_maxrss \
         can include) | {:.1} MiB |",
        mib(spawn_rss)
    );
    if let Some(r) = bench_rss {
        println!(
            "| peak RSS of this bench process (holds the corpus in memory) | {:.1} MiB |",
            mib(r)
        );
    }

    println!(
        "\n## Linear growth (whole pipeline, fastest of ≥ 5 runs, thread CPU time)\n\n\
         The last column is the time ratio of each doubling, scaled by the actual size ratio; \
         above 2.3 is flagged.\n"
    );
    println!("| case | size at 1× | 1× | 2× | 4× | 8× | per doubling |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    for (name, sizes, times, steps) in &linear_rows {
        let ts: Vec<String> = times.iter().map(|t| format!("{:.2} ms", t * 1e3)).collect();
        let ss: Vec<String> = steps
            .iter()
            .map(|s| {
                if *s > 2.3 {
                    format!("**{s:.2}** ✗")
                } else {
                    format!("{s:.2}")
                }
            })
            .collect();
        println!(
            "| {name} | {:.1} kB | {} | {} |",
            sizes[0] as f64 / 1e3,
            ts.join(" | "),
            ss.join(", ")
        );
    }

    // Targets. (c) was 0.8 × (b) while the rules hardly used the analyzer;
    // issue #10 puts the analyzer at the centre of the rules and sets 0.7.
    let mut targets = Vec::new();
    let r1 = c.cpu_mbps() / b.cpu_mbps();
    targets.push(Target {
        what: "(c) whole pipeline, 1 thread ≥ 0.7 × (b) tokenization alone".into(),
        value: format!(
            "{r1:.2} × ({:.2} / {:.2} MB/CPU-s; wall: {:.2} ×)",
            c.cpu_mbps(),
            b.cpu_mbps(),
            c.mbps() / b.mbps()
        ),
        met: Some(r1 >= 0.7),
    });
    let r2 = d.mbps() / (n_cores as f64 * c.cpu_mbps());
    targets.push(Target {
        what: format!("(d) all cores ≥ 0.9 × {n_cores} cores × (c) 1 thread"),
        value: format!(
            "{r2:.2} ({:.2} MB/s / ({n_cores} × {:.2} MB/CPU-s); speed-up {:.2}×; \
             {:.2} cores busy on average; CPU cost {:.2}× that of (c))",
            d.mbps(),
            c.cpu_mbps(),
            d.mbps() / c.cpu_mbps(),
            d.cpu / d.seconds,
            d.cpu / c.cpu
        ),
        met: Some(r2 >= 0.9),
    });
    if let (Some(all), Some(one)) = (&cli_all_stage, &cli_one_stage) {
        let r = all.mbps() / (n_cores as f64 * one.cpu_mbps());
        targets.push(Target {
            what: "(d') vs (c') `jplan extract`, same ratio (for information)".to_string(),
            value: format!(
                "{r:.2} (speed-up {:.2}×; {:.2} cores busy on average)",
                all.mbps() / one.cpu_mbps(),
                all.cpu / all.seconds
            ),
            met: None,
        });
    }
    match first_cli {
        Some(r) => targets.push(Target {
            what: "start-up to first record < 100 ms (`jplan extract` one document)".into(),
            value: format!("{:.1} ms", r.wall.as_secs_f64() * 1e3),
            met: Some(r.wall < Duration::from_millis(100)),
        }),
        None => targets.push(Target {
            what: "start-up to first record < 100 ms (in process; jplan binary not found)".into(),
            value: format!("{:.1} ms", (setup + first_record).as_secs_f64() * 1e3),
            met: Some(setup + first_record < Duration::from_millis(100)),
        }),
    }
    if let Some(r) = &cli_all {
        targets.push(Target {
            what: format!("peak RSS < 300 MB ({n_docs} documents, `jplan extract`, all cores)"),
            value: format!("{:.1} MB", mb(r.max_rss)),
            met: Some(r.max_rss < 300_000_000),
        });
    }
    if let (Some(all), Some((n, quarter))) = (&cli_all, &cli_quarter_run) {
        let per_k = (all.max_rss as f64 - quarter.max_rss as f64) / (n_docs - n) as f64 * 1000.0;
        targets.push(Target {
            what: "no whole-corpus buffering: peak RSS grows < 10 MiB per 1,000 documents".into(),
            value: format!(
                "{:.1} MiB per 1,000 documents ({:.1} MiB at {n}, {:.1} MiB at {n_docs})",
                per_k / (1024.0 * 1024.0),
                mib(quarter.max_rss),
                mib(all.max_rss)
            ),
            met: Some(per_k < 10.0 * 1024.0 * 1024.0),
        });
    }
    targets.push(Target {
        what: "no quadratic growth: doubling a document ≤ 2.3 × its time".into(),
        value: format!("worst {worst_step:.2} ×"),
        met: Some(worst_step <= 2.3),
    });
    println!("\n## Targets\n");
    println!("| target | measured | |");
    println!("|---|---|---|");
    let mut missed = false;
    for t in &targets {
        let mark = match t.met {
            Some(true) => "met",
            Some(false) => {
                missed = true;
                "**MISSED**"
            }
            None => "",
        };
        println!("| {} | {} | {mark} |", t.what, t.value);
    }
    let busy: f64 = load_before
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    if busy > 0.5 {
        println!(
            "\nNote: the machine was not idle (1-minute load average {busy:.2} before the run \
             on {n_cores} cores): wall-time figures, (d) above all, are lower than on an idle \
             machine; the CPU-time figures are not affected much."
        );
    }
    if strict && missed {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// `jplan extract` over the first quarter of the documents of `dir` (named
/// one by one), to see how the peak RSS grows with the corpus.
fn cli_quarter(jplan: &Path, dir: &Path, out: &Path) -> Option<(usize, ChildRun)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let n = files.len() / 4;
    if n == 0 {
        return None;
    }
    let mut cmd = Command::new(jplan);
    cmd.arg("extract")
        .args(&files[..n])
        .arg("--out")
        .arg(out)
        .arg("--quiet");
    run_child(cmd).ok().filter(|r| r.ok).map(|r| (n, r))
}

/// The smallest `.txt` file of `dir`.
fn smallest_txt(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.path())))
        .min()
        .map(|(_, p)| p)
}

type LinearRow = (&'static str, Vec<usize>, Vec<f64>, Vec<f64>);

/// Time the whole pipeline on texts that grow 1×, 2×, 4×, 8×.
fn linear_growth(pipeline: &Pipeline, corpus: &Corpus) -> Vec<LinearRow> {
    let decoded = |i: usize| {
        jplan_decode::decode(&corpus.docs[i].1)
            .map(|d| d.text)
            .unwrap_or_default()
    };
    let mut by_size: Vec<(usize, usize)> = corpus
        .docs
        .iter()
        .enumerate()
        .map(|(i, (_, b))| (b.len(), i))
        .collect();
    by_size.sort();
    let median_doc = decoded(by_size[by_size.len() / 2].1);
    let largest_doc = decoded(by_size[by_size.len() - 1].1);
    let seeds_text: Vec<String> = (0..corpus.docs.len().min(50)).map(decoded).collect();
    let seeds = Seeds::from_texts(&seeds_text);
    let long_line: String = seeds.prose.iter().take(20).cloned().collect();
    let city = City {
        name: "所沢市".into(),
        stem: "所沢".into(),
        kana: "ところざわ".into(),
    };
    type Case = (&'static str, Box<dyn Fn(usize) -> String>);
    let cases: Vec<Case> = vec![
        (
            "median document, repeated",
            Box::new(move |k| vec![median_doc.as_str(); k].join("\n")),
        ),
        (
            "largest document, repeated",
            Box::new(move |k| vec![largest_doc.as_str(); k].join("\n")),
        ),
        ("one long line", Box::new(move |k| long_line.repeat(k))),
        (
            "strategy tree, 10k top-level items",
            Box::new(move |k| strategy_tree(&mut Rng::new(7, 0), &seeds, &city, 10 * k)),
        ),
        (
            "KPI table, 100k rows",
            Box::new(|k| kpi_table(&mut Rng::new(7, 1), 100 * k, 2022, 2027)),
        ),
        (
            "period phrases, 100k lines",
            Box::new(|k| {
                let mut rng = Rng::new(7, 2);
                (0..100 * k)
                    .map(|_| {
                        let s = rng.range(2012, 2030);
                        period_phrase(&mut rng, s, s + 4)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ),
    ];
    let mut rows = Vec::new();
    for (name, make) in &cases {
        let mut times = Vec::new();
        let mut sizes = Vec::new();
        for k in [1usize, 2, 4, 8] {
            let bytes = make(k).into_bytes();
            let secs = best_time(|| {
                std::hint::black_box(pipeline.process("lin", "lin", &bytes).ok());
            });
            times.push(secs);
            sizes.push(bytes.len());
        }
        let steps = (1..times.len())
            .map(|i| (times[i] / times[i - 1]) / (sizes[i] as f64 / sizes[i - 1] as f64) * 2.0)
            .collect();
        rows.push((*name, sizes, times, steps));
    }
    rows
}
