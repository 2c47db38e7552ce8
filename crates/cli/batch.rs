//! Running the pipeline over many documents, in parallel.

use std::collections::BTreeMap;
use std::fs;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};
use jplan_corpus::lock::{LockError, OutputLock, ReadLock};
use jplan_corpus::output::{self, CorpusWriter, ErrorEntry, Phase, PhaseHook};
use jplan_corpus::pipeline::sha256_hex;
use jplan_corpus::previous::Previous;
use jplan_corpus::walk::{self, InputDoc, WalkConfig};
use jplan_corpus::{Fingerprint, Pipeline, PipelineConfig};
use serde_json::{Value, json};

use jplan_text::output::{PreviousText, TextWriter};

use crate::args::{ExtractArgs, MergeArgs, NormalizeArgs, TreeArgs};
use crate::phases;
use crate::text::TextLayer;

/// What became of one input. Records are already on disk (their pretty
/// file in the staging folder); what is kept is their line and KPI rows.
enum Outcome {
    Record {
        json: Vec<u8>,
        kpi_rows: Vec<u8>,
        /// Its rows of `terms.csv` (`--text`).
        terms_rows: Vec<u8>,
        sha256: String,
        bytes: u64,
        /// Carried over from the previous run (`--incremental`).
        reused: bool,
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

fn process_one(
    pipeline: &Pipeline,
    doc: &InputDoc,
    max_bytes: u64,
    previous: &Previous,
    records_dir: &Path,
    text: Option<&TextLayer>,
) -> Outcome {
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
    let sha256 = sha256_hex(&bytes);
    let size = bytes.len() as u64;
    // The text layer goes first: a document whose text file cannot be
    // written fails before its record is staged, so neither is left alone.
    if let Some(r) = previous.reuse(&doc.id, &doc.display, &sha256) {
        let terms_rows = match text.map(|t| t.carried(&doc.id, &sha256, &bytes, &r.json)) {
            Some(Err(reason)) => return fail(reason),
            Some(Ok(rows)) => rows,
            None => Vec::new(),
        };
        if output::link_record(records_dir, &doc.id, &r.pretty).is_ok() {
            return Outcome::Record {
                json: r.json,
                kpi_rows: r.kpi_rows,
                terms_rows,
                sha256,
                bytes: size,
                reused: true,
            };
        }
    }
    let (record, normalized) = match pipeline.process_with_text(&doc.id, &doc.display, &bytes) {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let terms_rows = match text.map(|t| t.fresh(&doc.id, &record, &normalized)) {
        Some(Err(reason)) => return fail(reason),
        Some(Ok(rows)) => rows,
        None => Vec::new(),
    };
    let made = serde_json::to_value(&record)
        .map_err(|e| e.to_string())
        .and_then(|v| output::make_record(records_dir, &doc.id, &v).map_err(|e| e.to_string()));
    match made {
        Ok(m) => Outcome::Record {
            json: m.json.into_bytes(),
            kpi_rows: m.kpi_rows.into_bytes(),
            terms_rows,
            sha256,
            bytes: size,
            reused: false,
        },
        Err(e) => {
            if let Some(t) = text {
                t.discard(&doc.id);
            }
            fail(format!("cannot write record: {e}"))
        }
    }
}

fn progress(total: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// Lock the output folder `out` for this run: at once, or waiting for the
/// run that holds it with `wait`.
fn lock_output(out: &Path, wait: bool, quiet: bool) -> Result<OutputLock> {
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let lock = if wait {
        OutputLock::acquire(out, &command, |holder| {
            if !quiet {
                let who = holder.map_or("pid not yet recorded".to_string(), |h| h.to_string());
                eprintln!(
                    "jplan: waiting for the jplan run writing {} ({who}) to end",
                    out.display()
                );
            }
        })
    } else {
        OutputLock::try_acquire(out, &command)
    };
    let lock = lock.map_err(|e| match e {
        LockError::Busy { .. } => anyhow!("{e}; it is left alone: pass --wait to wait for it"),
        other => anyhow!(other),
    })?;
    if let Some(h) = lock.abandoned_by()
        && !quiet
    {
        eprintln!(
            "jplan: {}: the previous run ({h}) was interrupted; clearing what it left",
            out.display()
        );
    }
    Ok(lock)
}

fn report(hook: &Option<PhaseHook>, phase: Phase) {
    if let Some(h) = hook {
        h(phase);
    }
}

pub fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let hook = phases::hook_from_env()?;
    let lock = lock_output(&args.out, args.wait, args.quiet)?;
    report(&hook, Phase::Locked);
    let started = Instant::now();
    let pipeline = Pipeline::new(PipelineConfig {
        tokenize: !args.no_tokenize,
    })
    .context("cannot set up the pipeline")?;
    let setup_seconds = started.elapsed().as_secs_f64();

    let walk_config = WalkConfig {
        extensions: args.ext.clone(),
    };
    let (mut docs, walk_errors) = walk::discover(&args.inputs, &walk_config);
    if let Some(shard) = args.shard {
        docs.retain(|d| shard.contains(&d.id));
    }
    let fingerprint = pipeline.fingerprint();
    let previous = if args.incremental {
        Previous::load(&args.out, &fingerprint)
    } else {
        Previous::default()
    };
    let walk_seconds = started.elapsed().as_secs_f64() - setup_seconds;

    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = args.jobs {
            b = b.num_threads(n.max(1));
        }
        b.build().context("cannot start worker threads")?
    };
    let mut writer = CorpusWriter::create(&lock)
        .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    writer.set_hook(hook.clone());
    let records_dir = writer.records_dir().to_path_buf();
    let mut text_writer = match args.text {
        true => Some(
            TextWriter::create(&args.out, &pipeline.fingerprint().digest).with_context(|| {
                format!("cannot write the text layer in {}", args.out.display())
            })?,
        ),
        false => None,
    };
    let text_layer = match &text_writer {
        Some(w) => Some(TextLayer::new(
            &pipeline,
            w.dir(),
            match args.incremental {
                true => PreviousText::load(&args.out, &pipeline.fingerprint().digest),
                false => PreviousText::default(),
            },
        )?),
        None => None,
    };
    let bar = progress(docs.len(), args.quiet);

    let mut errors: Vec<ErrorEntry> = walk_errors
        .into_iter()
        .map(|e| ErrorEntry {
            path: e.path,
            reason: e.reason,
        })
        .collect();
    let mut inputs = Vec::with_capacity(docs.len());
    let (mut total_bytes, mut records, mut reused, mut redone) = (0u64, 0usize, 0usize, 0usize);
    // Workers take documents in id order from a shared counter and send
    // each outcome here; this thread writes them in id order. Only outcomes
    // that finished ahead of a slower document wait in `pending`, so memory
    // holds a few records, not the corpus, and no worker waits at a barrier.
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(pool.current_num_threads() * 8);
    let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut written = 0usize;
    let mut write_result: Result<()> = Ok(());
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads() {
            let tx = tx.clone();
            let (next, docs, pipeline, previous, records_dir) =
                (&next, &docs, &pipeline, &previous, &records_dir);
            let text = text_layer.as_ref();
            scope.spawn(move |_| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = docs.get(i) else { break };
                    let o = process_one(pipeline, doc, args.max_bytes, previous, records_dir, text);
                    if tx.send((i, o)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, outcome) in rx.iter() {
            bar.inc(1);
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&written) {
                let doc = &docs[written];
                written += 1;
                if write_result.is_err() {
                    continue;
                }
                let (status, json, kpi_rows, terms_rows, sha256, bytes) = match outcome {
                    Outcome::Record {
                        json,
                        kpi_rows,
                        terms_rows,
                        sha256,
                        bytes,
                        reused: was_reused,
                    } => {
                        if was_reused {
                            reused += 1;
                        } else {
                            redone += 1;
                        }
                        let status = if was_reused { "reused" } else { "made" };
                        (status, json, kpi_rows, terms_rows, sha256, bytes)
                    }
                    Outcome::Failed(e) => {
                        inputs.push(json!({"path": doc.display, "id": doc.id, "status": "error", "reason": e.reason}));
                        errors.push(e);
                        continue;
                    }
                };
                let appended = writer.append(&json, &kpi_rows).and_then(|_| match text_writer.as_mut() {
                    Some(t) => t.append(&doc.id, &sha256, &terms_rows),
                    None => Ok(()),
                });
                if let Err(e) = appended {
                    // Stop the workers; the writer's Drop removes what was staged.
                    next.store(docs.len(), Ordering::Relaxed);
                    write_result = Err(anyhow::Error::new(e).context(format!(
                        "cannot write the output folder {}",
                        args.out.display()
                    )));
                    continue;
                }
                records += 1;
                total_bytes += bytes;
                inputs.push(json!({"path": doc.display, "id": doc.id, "sha256": sha256, "bytes": bytes, "status": status}));
            }
        }
    });
    write_result?;
    bar.finish_and_clear();
    let process_seconds = started.elapsed().as_secs_f64() - setup_seconds - walk_seconds;
    let kept: std::collections::HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let removed = previous.ids().filter(|id| !kept.contains(id)).count();
    for e in &errors {
        eprintln!("jplan: {}: {}", e.path, e.reason);
    }
    let manifest = json!({
        "jplan_version": jplan_corpus::VERSION,
        "fingerprint": fingerprint.to_json(),
        "schema": "plan-record/1",
        "shard": args.shard.map(|s| s.to_string()),
        "text": args.text,
        "inputs": inputs,
        "counts": {
            "documents": docs.len(),
            "records": records,
            "errors": errors.len(),
            "reused": reused,
            "redone": redone,
            "removed": removed,
        },
        "timings": {
            "setup_seconds": setup_seconds,
            "walk_seconds": walk_seconds,
            "process_seconds": process_seconds,
            "total_seconds": started.elapsed().as_secs_f64(),
        },
    });
    match text_writer {
        Some(w) => w.finish(),
        None => jplan_text::output::remove(&args.out),
    }
    .with_context(|| format!("cannot write the text layer in {}", args.out.display()))?;
    writer
        .finish(&errors, &manifest)
        .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let mb = total_bytes as f64 / 1e6;
        eprintln!(
            "jplan: {} documents, {} records ({} reused), {} errors in {:.2} s ({:.2} MB/s) → {}",
            docs.len(),
            records,
            reused,
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

/// `jplan merge`: combine shard outputs into one corpus.
pub fn merge(args: &MergeArgs) -> Result<ExitCode> {
    let hook = phases::hook_from_env()?;
    let lock = lock_output(&args.out, false, false)?;
    report(&hook, Phase::Locked);
    let started = Instant::now();
    let out_real = fs::canonicalize(&args.out).ok();
    let mut read_locks: Vec<ReadLock> = Vec::new();
    let mut sources: Vec<Previous> = Vec::new();
    let mut inputs: Vec<Value> = Vec::new();
    let mut fingerprint: Option<(Fingerprint, &Path)> = None;
    let mut errors: Vec<ErrorEntry> = Vec::new();
    let mut owner: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (n, dir) in args.inputs.iter().enumerate() {
        // A shard still being written is not read halfway (the output
        // folder, when it is also an input, is already locked).
        if out_real.is_none() || fs::canonicalize(dir).ok() != out_real {
            read_locks.push(ReadLock::try_acquire(dir).map_err(|e| match e {
                LockError::Busy { .. } => anyhow!("{e}: merge it once that run has ended"),
                other => anyhow!(other),
            })?);
        }
        let manifest: Value = fs::read_to_string(dir.join("manifest.json"))
            .ok()
            .and_then(|m| serde_json::from_str(&m).ok())
            .with_context(|| {
                format!(
                    "{}: no readable manifest.json: not a jplan output folder",
                    dir.display()
                )
            })?;
        if output::is_being_replaced(dir) {
            bail!(
                "{}: a run was killed while replacing its files, which may not belong together: rerun it",
                dir.display()
            );
        }
        let fp = Fingerprint::of_output(dir).with_context(|| {
            format!(
                "{}: its manifest.json records no fingerprint (made by an older jplan, or damaged): rerun it",
                dir.display()
            )
        })?;
        match &fingerprint {
            None => fingerprint = Some((fp, dir)),
            Some((first, first_dir)) if first.digest != fp.digest => bail!(
                "{} and {} were made under different fingerprints ({} differ: {first} against {fp}): rerun them with one jplan build",
                first_dir.display(),
                dir.display(),
                first.differences(&fp).join(", ")
            ),
            Some(_) => {}
        }
        if let Some(list) = manifest.get("inputs").and_then(Value::as_array) {
            inputs.extend(list.iter().cloned());
        }
        let prev = Previous::load_any(dir);
        for id in prev.ids() {
            if let Some(&first) = owner.get(id) {
                bail!(
                    "record id {id} is in both {} and {}: shards must not overlap",
                    args.inputs[first].display(),
                    dir.display()
                );
            }
            owner.insert(id.to_string(), n);
        }
        sources.push(prev);
        if let Ok(text) = fs::read_to_string(dir.join("errors.jsonl")) {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let e: ErrorEntry = serde_json::from_str(line)
                    .with_context(|| format!("{}: bad line in errors.jsonl", dir.display()))?;
                errors.push(e);
            }
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    errors.dedup();
    // The shards' text layers are not merged; an old one would be stale.
    jplan_text::output::remove(&args.out)
        .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    let mut writer = CorpusWriter::create(&lock)
        .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    writer.set_hook(hook);
    for (id, &n) in &owner {
        let r = sources[n]
            .take(id)
            .with_context(|| format!("{}: cannot read record {id}", args.inputs[n].display()))?;
        output::link_record(writer.records_dir(), id, &r.pretty)
            .and_then(|_| writer.append(&r.json, &r.kpi_rows))
            .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    }
    let manifest = json!({
        "jplan_version": jplan_corpus::VERSION,
        "fingerprint": fingerprint.map(|(f, _)| f.to_json()),
        "schema": "plan-record/1",
        "merged_from": args.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "inputs": inputs,
        "counts": { "records": owner.len(), "errors": errors.len() },
        "timings": { "total_seconds": started.elapsed().as_secs_f64() },
    });
    writer
        .finish(&errors, &manifest)
        .with_context(|| format!("cannot write the output folder {}", args.out.display()))?;
    drop(read_locks);
    eprintln!(
        "jplan: merged {} folders: {} records, {} errors → {}",
        args.inputs.len(),
        owner.len(),
        errors.len(),
        args.out.display()
    );
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
    print!(
        "{}",
        jplan_extract::strategy::render_tree(&record.strategy, &record.projects)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn normalize(args: &NormalizeArgs) -> Result<ExitCode> {
    let bytes =
        fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let decoded = jplan_decode::decode(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    println!("# {}: {}", args.file.display(), decoded.encoding);
    let text = jplan_normalize::Normalizer::new().normalize(&decoded.text);
    if args.outline {
        let pipeline =
            Pipeline::new(PipelineConfig::default()).context("cannot set up the pipeline")?;
        print!("{}", pipeline.explain(&text.lines));
        return Ok(ExitCode::SUCCESS);
    }
    let document = jplan_extract::document::build(&text.lines);
    let mut out = String::new();
    for unit in document.units.iter().filter(|u| !u.line.is_blank()) {
        let role = match unit.role {
            jplan_extract::document::Role::Text => "",
            jplan_extract::document::Role::Contents => "[目次] ",
        };
        out.push_str(&format!(
            "{}\t{role}{}\n",
            unit.line.number,
            unit.line.text.replace('\t', " ⇥ ")
        ));
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_vanished_after_listing_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join(format!("jplan-vanish-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        fs::write(&f, "x").unwrap();
        fs::remove_file(&f).unwrap();
        assert!(read_limited(&f, 10).unwrap_err().starts_with("cannot read"));
        assert_eq!(read_limited(&dir, 10).unwrap_err(), "not a regular file");
        fs::write(&f, "0123456789abc").unwrap();
        assert!(read_limited(&f, 10).unwrap_err().contains("too large"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
