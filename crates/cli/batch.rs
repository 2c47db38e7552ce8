//! Running the pipeline over many documents, in parallel.

use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use jplan_corpus::output::{self, ErrorEntry};
use jplan_corpus::walk::{self, InputDoc, WalkConfig};
use jplan_corpus::{Pipeline, PipelineConfig};
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::args::{ExtractArgs, TreeArgs};

/// What became of one input.
enum Outcome {
    Record {
        value: Value,
        sha256: String,
        bytes: u64,
    },
    Failed(ErrorEntry),
}

fn read_limited(path: &Path, max_bytes: u64) -> std::result::Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > max_bytes {
        return Err(format!(
            "too large: {} bytes, over the limit of {max_bytes} (--max-bytes)",
            meta.len()
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "too large: grew past {max_bytes} bytes while being read"
        ));
    }
    Ok(bytes)
}

fn process_one(pipeline: &Pipeline, doc: &InputDoc, max_bytes: u64) -> Outcome {
    let fail = |reason: String| {
        Outcome::Failed(ErrorEntry {
            path: doc.display.clone(),
            reason,
        })
    };
    let bytes = match read_limited(&doc.path, max_bytes) {
        Ok(b) => b,
        Err(reason) => return fail(reason),
    };
    match pipeline.process(&doc.id, &doc.display, &bytes) {
        Ok(record) => match serde_json::to_value(&record) {
            Ok(value) => Outcome::Record {
                value,
                sha256: record.source.sha256,
                bytes: record.source.bytes,
            },
            Err(e) => fail(format!("cannot serialize record: {e}")),
        },
        Err(e) => fail(e.to_string()),
    }
}

pub fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = Pipeline::new(PipelineConfig {
        tokenize: !args.no_tokenize,
    })
    .context("cannot set up the pipeline")?;
    let setup_seconds = started.elapsed().as_secs_f64();

    let walk_config = WalkConfig {
        extensions: args.ext.clone(),
    };
    let (docs, walk_errors) = walk::discover(&args.inputs, &walk_config);

    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = args.jobs {
            b = b.num_threads(n.max(1));
        }
        b.build().context("cannot start worker threads")?
    };
    let outcomes: Vec<Outcome> = pool.install(|| {
        docs.par_iter()
            .map(|doc| process_one(&pipeline, doc, args.max_bytes))
            .collect()
    });

    let mut records: Vec<(String, Value)> = Vec::new();
    let mut errors: Vec<ErrorEntry> = walk_errors
        .into_iter()
        .map(|e| ErrorEntry {
            path: e.path,
            reason: e.reason,
        })
        .collect();
    let mut inputs = Vec::new();
    let mut total_bytes = 0u64;
    for (doc, outcome) in docs.iter().zip(outcomes) {
        match outcome {
            Outcome::Record {
                value,
                sha256,
                bytes,
            } => {
                total_bytes += bytes;
                inputs.push(json!({"path": doc.display, "id": doc.id, "sha256": sha256, "bytes": bytes, "status": "ok"}));
                records.push((doc.id.clone(), value));
            }
            Outcome::Failed(e) => {
                inputs.push(json!({"path": doc.display, "id": doc.id, "status": "error", "reason": e.reason}));
                errors.push(e);
            }
        }
    }
    records.sort_by(|a, b| a.0.cmp(&b.0));
    for e in &errors {
        eprintln!("jplan: {}: {}", e.path, e.reason);
    }
    let seconds = started.elapsed().as_secs_f64();
    let manifest = json!({
        "jplan_version": jplan_corpus::VERSION,
        "cache_key": pipeline.cache_key(),
        "schema": "plan-record/1",
        "inputs": inputs,
        "counts": {
            "documents": docs.len(),
            "records": records.len(),
            "errors": errors.len(),
        },
        "timings": {
            "setup_seconds": setup_seconds,
            "total_seconds": seconds,
        },
    });
    output::write_all(&args.out, &records, &errors, &manifest)
        .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    if !args.quiet {
        let mb = total_bytes as f64 / 1e6;
        eprintln!(
            "jplan: {} documents, {} records, {} errors in {:.2} s ({:.2} MB/s) → {}",
            docs.len(),
            records.len(),
            errors.len(),
            seconds,
            if seconds > 0.0 { mb / seconds } else { 0.0 },
            args.out.display()
        );
    }
    if args.strict && !errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn tree(args: &TreeArgs) -> Result<ExitCode> {
    let pipeline =
        Pipeline::new(PipelineConfig::default()).context("cannot set up the pipeline")?;
    let bytes =
        fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let id = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let record = pipeline
        .process(&id, &args.file.display().to_string(), &bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    print!("{}", render_tree(&record.strategy, &record.projects));
    Ok(ExitCode::SUCCESS)
}

/// The tree indented two spaces a level, each node's projects under it.
fn render_tree(nodes: &[jplan_extract::Node], projects: &[jplan_extract::Project]) -> String {
    let mut out = String::new();
    let mut stack: Vec<(&jplan_extract::Node, usize)> =
        nodes.iter().rev().map(|n| (n, 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        let pad = "  ".repeat(depth);
        let kind = node.kind.as_deref().unwrap_or("");
        out.push_str(&format!(
            "{pad}{kind}{} {}  (line {})\n",
            node.id, node.title, node.line
        ));
        for p in projects.iter().filter(|p| p.nodes.contains(&node.id)) {
            let mark = if p.priority { "★" } else { "・" };
            out.push_str(&format!("{pad}  {mark}{}\n", p.name));
        }
        stack.extend(node.children.iter().rev().map(|c| (c, depth + 1)));
    }
    let loose: Vec<_> = projects.iter().filter(|p| p.nodes.is_empty()).collect();
    if !loose.is_empty() {
        out.push_str("(projects not tied to a node)\n");
        for p in loose {
            let mark = if p.priority { "★" } else { "・" };
            out.push_str(&format!("  {mark}{}\n", p.name));
        }
    }
    out
}
