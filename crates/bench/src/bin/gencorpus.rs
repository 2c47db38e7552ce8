//! `jplan-gencorpus`: write a deterministic bench corpus built from the seed
//! documents.
//!
//! ```text
//! jplan-gencorpus --seeds corpus --out DIR --docs 2000 [--seed 42]
//! ```
//!
//! Writes `DIR/doc-00000.txt` … `DIR/doc-NNNNN.txt` (existing files of the
//! same names are replaced, other files are left alone) and prints a summary.
//! The same seeds, `--seed` and index always give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jplan_bench::{Enc, Seeds, cities, generate};
use rayon::prelude::*;

const USAGE: &str =
    "usage: jplan-gencorpus --seeds DIR --out DIR [--docs N (2000)] [--seed S (42)]";

fn main() -> ExitCode {
    let mut seeds_dir: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut docs = 2000usize;
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("jplan-gencorpus: {name} needs a value\n{USAGE}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--seeds" => seeds_dir = Some(PathBuf::from(value("--seeds"))),
            "--out" => out = Some(PathBuf::from(value("--out"))),
            "--docs" => docs = parse(&value("--docs"), "--docs"),
            "--seed" => seed = parse(&value("--seed"), "--seed"),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("jplan-gencorpus: unknown argument {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(seeds_dir), Some(out)) = (seeds_dir, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let seeds = match Seeds::load(&seeds_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "jplan-gencorpus: cannot read seeds in {}: {e}",
                seeds_dir.display()
            );
            return ExitCode::from(1);
        }
    };
    let cities = cities();
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("jplan-gencorpus: cannot create {}: {e}", out.display());
        return ExitCode::from(1);
    }
    let results: Vec<Result<(Enc, usize, usize), String>> = (0..docs)
        .into_par_iter()
        .map(|i| {
            let doc = generate(&seeds, &cities, seed, i);
            let bytes = doc.bytes();
            let path = out.join(&doc.file_name);
            std::fs::write(&path, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok((doc.enc, bytes.len(), doc.text.len()))
        })
        .collect();
    let mut total = 0usize;
    let mut utf8_total = 0usize;
    let mut by_enc = [0usize; Enc::ALL.len()];
    let (mut min, mut max) = (usize::MAX, 0usize);
    for r in results {
        match r {
            Ok((enc, n, u)) => {
                total += n;
                utf8_total += u;
                min = min.min(n);
                max = max.max(n);
                by_enc[Enc::ALL.iter().position(|e| *e == enc).unwrap_or(0)] += 1;
            }
            Err(e) => {
                eprintln!("jplan-gencorpus: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let encs: Vec<String> = Enc::ALL
        .iter()
        .zip(by_enc)
        .filter(|(_, n)| *n > 0)
        .map(|(e, n)| format!("{} {n}", e.name()))
        .collect();
    println!(
        "jplan-gencorpus: {docs} documents, {:.1} MB on disk ({:.1} MB as UTF-8 text), \
         {} to {} bytes each, seed {seed}, in {:.2} s → {}",
        total as f64 / 1e6,
        utf8_total as f64 / 1e6,
        if docs == 0 { 0 } else { min },
        max,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    println!("encodings: {}", encs.join(", "));
    ExitCode::SUCCESS
}

fn parse<T: std::str::FromStr>(s: &str, name: &str) -> T {
    s.parse().unwrap_or_else(|_| {
        eprintln!("jplan-gencorpus: {name}: not a number: {s}\n{USAGE}");
        std::process::exit(2)
    })
}
