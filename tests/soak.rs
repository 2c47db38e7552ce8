//! Differential soak test of the nightly batch: a generated corpus goes
//! through many nights of random changes (files added, edited, deleted,
//! renamed or moved, re-encoded, truncated, made unreadable or replaced by
//! something that is not a file, restored), and after each night the
//! `--incremental` output folder equals, byte for byte, a clean run's
//! (`manifest.json` aside from timings and reuse counts). It also checks
//! that exactly the unchanged documents were reused, so an incremental run
//! that redid everything would fail too, and every tenth night stands for
//! an upgrade (another build's fingerprint: nothing may be reused).
//!
//! Seeded: `JPLAN_SOAK_SEED=N` replays a failure (the message prints the
//! seed and every change made), `JPLAN_SOAK_CYCLES=N` runs longer
//! (default 30 nights).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use jplan_bench::{Enc, Rng, Seeds, cities, encode, generate, kpi_table, period_phrase};
use serde_json::Value;

use crate::util::{describe_differences, jplan, output_files, root};

const DOCS: usize = 24;
/// Generated documents are cut to about this many bytes of text (at a line
/// end), so a night takes seconds in a debug build.
const MAX_TEXT: usize = 9_000;

/// What a file in the corpus folder holds, as the test made it.
#[derive(Clone, Debug)]
enum Content {
    Text {
        text: String,
        enc: Enc,
        eol: &'static str,
    },
    Raw,
    NotAFile,
}

struct Corpus {
    dir: PathBuf,
    files: BTreeMap<String, Content>,
    seeds: Seeds,
    cities: Vec<jplan_bench::City>,
    seed: u64,
    next_index: usize,
}

fn bytes_of(text: &str, enc: Enc, eol: &str) -> Vec<u8> {
    encode(&text.replace('\n', eol), enc)
}

fn cut(text: &str) -> String {
    if text.len() <= MAX_TEXT {
        return text.to_string();
    }
    let end = text.as_bytes()[..MAX_TEXT]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap_or(0);
    text[..end + 1].to_string()
}

impl Corpus {
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    fn write(&mut self, rel: &str, content: Content, bytes: &[u8]) {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        remove(&p);
        fs::write(&p, bytes).unwrap();
        self.files.insert(rel.to_string(), content);
    }

    fn new_doc(&mut self) -> (String, Enc, &'static str) {
        let g = generate(&self.seeds, &self.cities, self.seed, self.next_index);
        self.next_index += 1;
        (cut(&g.text), g.enc, g.eol)
    }

    fn add(&mut self, rel: &str) {
        let (text, enc, eol) = self.new_doc();
        let bytes = bytes_of(&text, enc, eol);
        self.write(rel, Content::Text { text, enc, eol }, &bytes);
    }
}

fn remove(p: &Path) {
    if let Ok(m) = fs::symlink_metadata(p) {
        if m.is_dir() {
            fs::remove_dir_all(p).unwrap();
        } else {
            fs::remove_file(p).unwrap();
        }
    }
}

#[cfg(unix)]
fn make_unreadable(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(0o000)).unwrap();
}

/// A socket where a document was: listed (it ends in .txt) but not a
/// regular file, whoever runs the test (root reads files of mode 000).
#[cfg(unix)]
fn make_socket(p: &Path) {
    remove(p);
    drop(std::os::unix::net::UnixListener::bind(p).unwrap());
}

/// One night's random changes; returns what was done, for the log.
#[cfg(unix)]
fn change(c: &mut Corpus, rng: &mut Rng) -> Vec<String> {
    let mut done = Vec::new();
    let n = rng.range(1, 5);
    for _ in 0..n {
        let names: Vec<String> = c.files.keys().cloned().collect();
        let texts: Vec<String> = c
            .files
            .iter()
            .filter(|(_, v)| matches!(v, Content::Text { .. }))
            .map(|(k, _)| k.clone())
            .collect();
        let pick = |rng: &mut Rng, from: &[String]| -> Option<String> {
            (!from.is_empty()).then(|| rng.pick(from).clone())
        };
        match rng.below(12) {
            0 | 1 => {
                let folder = *rng.pick(&["", "", "sub/", "a/b/"]);
                // Sometimes the stem of a file elsewhere: both ids change.
                let stem = match pick(rng, &names) {
                    Some(other) if rng.chance(0.3) => stem_of(&other),
                    _ => format!("new{:03}", c.next_index),
                };
                let rel = format!("{folder}{stem}.txt");
                if c.files.contains_key(&rel) {
                    continue;
                }
                c.add(&rel);
                done.push(format!("add {rel}"));
            }
            2..=4 => {
                let Some(rel) = pick(rng, &texts) else {
                    continue;
                };
                let Some(Content::Text { text, enc, eol }) = c.files.get(&rel).cloned() else {
                    continue;
                };
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                let what = match rng.below(5) {
                    0 => {
                        let start = rng.range(2015, 2030);
                        lines.push(String::new());
                        lines.push(period_phrase(rng, start, start + 4));
                        "a period"
                    }
                    1 => {
                        let at = rng.below(lines.len() + 1);
                        let rows = rng.range(2, 5);
                        lines.insert(at, kpi_table(rng, rows, 2020, 2027));
                        "a KPI table"
                    }
                    2 if !lines.is_empty() => {
                        let at = rng.below(lines.len());
                        lines.remove(at);
                        "a line removed"
                    }
                    3 if !lines.is_empty() => {
                        let at = rng.below(lines.len());
                        lines[at] =
                            format!("{}-{} 新たな施策の展開", rng.range(1, 5), rng.range(1, 5));
                        "a line replaced by a heading"
                    }
                    _ => {
                        lines.insert(0, "（改訂版）".to_string());
                        "a first line"
                    }
                };
                let text = lines.join("\n") + "\n";
                let bytes = bytes_of(&text, enc, eol);
                c.write(&rel, Content::Text { text, enc, eol }, &bytes);
                done.push(format!("edit {rel}: {what}"));
            }
            5 => {
                let Some(rel) = pick(rng, &names) else {
                    continue;
                };
                remove(&c.path(&rel));
                c.files.remove(&rel);
                done.push(format!("delete {rel}"));
            }
            6 | 7 => {
                let Some(rel) = pick(rng, &names) else {
                    continue;
                };
                let to = match rng.below(3) {
                    0 => format!("{}renamed{:03}.txt", folder_of(&rel), c.next_index),
                    // Another folder, the same stem: same id, new path.
                    1 => {
                        let folder = if folder_of(&rel).is_empty() {
                            "moved/"
                        } else {
                            ""
                        };
                        format!("{folder}{}.txt", stem_of(&rel))
                    }
                    _ => format!("{}.TXT", rel.trim_end_matches(".txt")),
                };
                c.next_index += 1;
                if c.files.contains_key(&to) || to == rel {
                    continue;
                }
                let dest = c.path(&to);
                fs::create_dir_all(dest.parent().unwrap()).unwrap();
                fs::rename(c.path(&rel), &dest).unwrap();
                let content = c.files.remove(&rel).unwrap();
                c.files.insert(to.clone(), content);
                done.push(format!("rename {rel} -> {to}"));
            }
            8 => {
                let Some(rel) = pick(rng, &texts) else {
                    continue;
                };
                let Some(Content::Text { text, enc, .. }) = c.files.get(&rel).cloned() else {
                    continue;
                };
                let others: Vec<Enc> = Enc::ALL.into_iter().filter(|e| *e != enc).collect();
                let enc2 = *rng.pick(&others);
                let eol2 = *rng.pick(&["\n", "\r\n", "\r"]);
                let bytes = bytes_of(&text, enc2, eol2);
                c.write(
                    &rel,
                    Content::Text {
                        text,
                        enc: enc2,
                        eol: eol2,
                    },
                    &bytes,
                );
                done.push(format!(
                    "re-encode {rel}: {} -> {}",
                    enc.name(),
                    enc2.name()
                ));
            }
            9 => {
                let Some(rel) = pick(rng, &texts) else {
                    continue;
                };
                let Some(Content::Text { text, enc, eol }) = c.files.get(&rel) else {
                    continue;
                };
                let mut bytes = bytes_of(text, *enc, eol);
                let keep = rng.below(bytes.len().max(1));
                bytes.truncate(keep);
                c.write(&rel, Content::Raw, &bytes);
                done.push(format!("truncate {rel} to {keep} bytes"));
            }
            10 => {
                let Some(rel) = pick(rng, &names) else {
                    continue;
                };
                let p = c.path(&rel);
                match rng.below(3) {
                    0 => {
                        make_unreadable(&p);
                        // Root still reads it; either way it is no longer
                        // edited as text.
                        if let Some(content) = c.files.get_mut(&rel) {
                            *content = Content::Raw;
                        }
                        done.push(format!("chmod 000 {rel}"));
                    }
                    1 => {
                        make_socket(&p);
                        c.files.insert(rel.clone(), Content::NotAFile);
                        done.push(format!("replace {rel} by a socket"));
                    }
                    _ => {
                        let junk: Vec<u8> = (0..rng.range(1, 400))
                            .map(|_| rng.below(256) as u8)
                            .collect();
                        c.write(&rel, Content::Raw, &junk);
                        done.push(format!("overwrite {rel} with binary"));
                    }
                }
            }
            _ => {
                // A broken file mended, or a file touched without a change.
                let Some(rel) = pick(rng, &names) else {
                    continue;
                };
                match c.files.get(&rel) {
                    Some(Content::Text { text, enc, eol }) => {
                        let bytes = bytes_of(text, *enc, eol);
                        let content = c.files[&rel].clone();
                        c.write(&rel, content, &bytes);
                        done.push(format!("rewrite {rel} unchanged"));
                    }
                    _ => {
                        c.add(&rel);
                        done.push(format!("restore {rel} as a new document"));
                    }
                }
            }
        }
    }
    done
}

fn stem_of(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

fn folder_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..=i])
}

fn manifest(out: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

/// (id, path, sha256) of every input that gave a record.
fn made(m: &Value) -> BTreeSet<(String, String, String)> {
    m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] != "error")
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("path"), s("sha256"))
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn incremental_nights_equal_clean_runs() {
    let seed: u64 = std::env::var("JPLAN_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_240_612);
    let cycles: usize = std::env::var("JPLAN_SOAK_CYCLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    eprintln!("soak: seed {seed}, {cycles} nights (JPLAN_SOAK_SEED, JPLAN_SOAK_CYCLES)");
    let started = std::time::Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut corpus = Corpus {
        dir: d.join("in"),
        files: BTreeMap::new(),
        seeds: Seeds::load(&root().join("corpus")).unwrap(),
        cities: cities(),
        seed,
        next_index: 0,
    };
    for i in 0..DOCS {
        corpus.add(&format!("doc{i:02}.txt"));
    }
    let mut rng = Rng::new(seed, 1 << 40);
    let mut log = String::new();
    let (mut reused_total, mut redone_total) = (0, 0);
    for night in 0..=cycles {
        let changes = if night == 0 {
            vec![format!("{DOCS} documents")]
        } else {
            change(&mut corpus, &mut rng)
        };
        let upgrade = night > 0 && night % 10 == 0;
        let _ = writeln!(
            log,
            "night {night}{}: {}",
            if upgrade { " (upgrade)" } else { "" },
            changes.join("; ")
        );
        let before = (night > 0).then(|| made(&manifest(&d.join("inc"))));
        if upgrade {
            // What a rebuilt jplan with other rules finds: a manifest with
            // another code digest.
            let mut m = manifest(&d.join("inc"));
            let f = &m["fingerprint"];
            let fp = jplan_corpus::Fingerprint::from_parts(
                f["version"].as_str().unwrap(),
                "an-older-build",
                f["dictionaries"].as_str().unwrap(),
                f["user_dictionary"].as_str().unwrap(),
            );
            m["fingerprint"] = fp.to_json();
            fs::write(d.join("inc/manifest.json"), m.to_string()).unwrap();
        }
        let jobs = if rng.chance(0.5) { "1" } else { "2" };
        let inc = jplan(
            &[
                "extract",
                "in",
                "--out",
                "inc",
                "-q",
                "--incremental",
                "--jobs",
                jobs,
            ],
            d,
        );
        let _ = fs::remove_dir_all(d.join("clean"));
        let clean = jplan(&["extract", "in", "--out", "clean", "-q", "--jobs", "2"], d);
        let context = || format!("seed {seed}, night {night}; changes so far:\n{log}");
        for (what, o) in [("incremental", &inc), ("clean", &clean)] {
            assert!(
                o.status.success(),
                "{what} run failed: {}\n{}",
                String::from_utf8_lossy(&o.stderr),
                context()
            );
        }
        let expected = output_files(&d.join("clean"));
        let got = output_files(&d.join("inc"));
        assert!(
            got == expected,
            "the incremental output differs from a clean run's:\n{}\n{}",
            describe_differences(&expected, &got),
            context()
        );
        // Exactly the records made from the same path and bytes as the
        // night before were reused (none after an upgrade).
        let m = manifest(&d.join("inc"));
        let now = made(&m);
        let should = match &before {
            Some(b) if !upgrade => now.intersection(b).count(),
            _ => 0,
        };
        let reused = m["counts"]["reused"].as_u64().unwrap() as usize;
        let redone = m["counts"]["redone"].as_u64().unwrap() as usize;
        assert_eq!(reused, should, "records reused\n{}", context());
        assert_eq!(reused + redone, now.len(), "{}", context());
        reused_total += reused;
        redone_total += redone;
    }
    eprintln!(
        "soak: {cycles} nights, {} files at the end, {reused_total} records reused and {redone_total} redone in all, {:.1} s",
        corpus.files.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(reused_total > redone_total, "the nights mostly reuse");
}
