//! `jplan report OUT`: the review page of an output folder (the work is
//! in `jplan-report`).

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::Value;

use crate::args::ReportArgs;

/// Where a record's document is: its `source.path` as given to `jplan
/// extract`, from here or from the folder that holds OUT.
fn source_file(record: &Value, out: &Path) -> Option<PathBuf> {
    let path = Path::new(record.pointer("/source/path")?.as_str()?);
    if path.is_file() {
        return Some(path.to_path_buf());
    }
    let beside = out.parent()?.join(path);
    beside.is_file().then_some(beside)
}

pub fn report(args: &ReportArgs) -> Result<ExitCode> {
    let corpus = args.out.join("corpus.jsonl");
    let reader = BufReader::new(File::open(&corpus).with_context(|| {
        format!(
            "cannot read {}: not a jplan output folder?",
            corpus.display()
        )
    })?);
    let target = args.out.join("report.html");
    let tmp = args
        .out
        .join(format!(".report.html.tmp-{}", std::process::id()));
    let result = (|| -> Result<usize> {
        let file = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        let meta = jplan_report::Meta {
            title: args.out.display().to_string(),
            generator: format!("jplan {}", jplan_corpus::VERSION),
        };
        let mut page = jplan_report::ReportWriter::new(file, &meta)?;
        let mut lines = reader.lines().enumerate();
        let mut count = 0;
        loop {
            // A chunk at a time: records are parsed and their documents read
            // in parallel, then written in order.
            let chunk: Vec<(usize, String)> = lines
                .by_ref()
                .take(256)
                .map(|(n, l)| l.map(|l| (n, l)))
                .collect::<std::io::Result<_>>()?;
            if chunk.is_empty() {
                break;
            }
            let done: Vec<(Value, Option<_>)> = chunk
                .par_iter()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(n, l)| {
                    let record: Value = serde_json::from_str(l).with_context(|| {
                        format!("{}:{}: not a JSON record", corpus.display(), n + 1)
                    })?;
                    let lines = match args.no_sources {
                        true => None,
                        false => source_file(&record, &args.out)
                            .and_then(|p| fs::read(p).ok())
                            .and_then(|bytes| jplan_report::source_lines(&record, &bytes)),
                    };
                    Ok((record, lines))
                })
                .collect::<Result<_>>()?;
            for (record, lines) in &done {
                page.add(record, lines.as_ref())?;
                count += 1;
            }
        }
        let file = page.finish()?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, &target)?;
        Ok(count)
    })();
    let count = match result {
        Ok(c) => c,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e.context(format!("cannot write {}", target.display())));
        }
    };
    let size = fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    if !args.quiet {
        eprintln!(
            "jplan: report of {count} documents → {} ({:.1} MB)",
            target.display(),
            size as f64 / 1e6
        );
    }
    let _ = std::io::stdout().flush();
    Ok(ExitCode::SUCCESS)
}
