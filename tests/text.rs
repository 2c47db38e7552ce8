//! `jplan extract --text`: the text layer (`text/<id>.jsonl`, `terms.csv`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::util::{jplan, pipeline, read_jsonl, root};

fn extract(dir: &Path, args: &[&str]) {
    let mut all = vec!["extract", "in", "--out", "out", "-q"];
    all.extend_from_slice(args);
    let o = jplan(&all, dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn seed_copy(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    for e in fs::read_dir(root().join("corpus")).unwrap().flatten() {
        fs::copy(e.path(), input.join(e.file_name())).unwrap();
    }
    input
}

/// Every node of a record: (id, line).
fn node_lines(record: &Value) -> Vec<(String, u64)> {
    fn walk(nodes: &Value, out: &mut Vec<(String, u64)>) {
        for n in nodes.as_array().into_iter().flatten() {
            out.push((
                n["id"].as_str().unwrap().to_string(),
                n["line"].as_u64().unwrap(),
            ));
            walk(&n["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&record["strategy"], &mut out);
    out
}

#[test]
fn every_normalized_line_is_in_exactly_one_unit_and_tokens_carry_base_and_pos() {
    let dir = tempfile::tempdir().unwrap();
    seed_copy(dir.path());
    extract(dir.path(), &["--text"]);
    let out = dir.path().join("out");
    let records = read_jsonl(&out.join("corpus.jsonl"));
    assert_eq!(records.len(), 5);
    let (mut tokens, mut with_reading, mut under_node, mut all_units) = (0, 0, 0, 0);
    for record in &records {
        let id = record["id"].as_str().unwrap();
        let bytes = fs::read(dir.path().join("in").join(format!("{id}.txt"))).unwrap();
        let lines = pipeline().normalize(&bytes).unwrap().lines;
        let units = read_jsonl(&out.join(format!("text/{id}.jsonl")));
        all_units += units.len();

        // Walk the units over the non-blank lines: each unit's text is the
        // rest of the current line, then whole lines, and may end inside a
        // line only after a sentence end. Nothing is skipped or repeated.
        let nonblank: Vec<&jplan_normalize::Line> =
            lines.iter().filter(|l| !l.is_blank()).collect();
        let (mut li, mut offset) = (0usize, 0usize);
        for u in &units {
            assert_eq!(u["id"], id);
            let first = u["line"].as_u64().unwrap() as usize;
            let last = u["end_line"].as_u64().unwrap() as usize;
            assert_eq!(first, nonblank[li].number, "{id}: {u}");
            let mut remaining = u["text"].as_str().unwrap();
            loop {
                let line = nonblank[li];
                let rest = &line.text[offset..];
                if remaining.len() >= rest.len() {
                    assert!(remaining.starts_with(rest), "{id}:{}: {u}", line.number);
                    remaining = &remaining[rest.len()..];
                    li += 1;
                    offset = 0;
                    if remaining.is_empty() {
                        assert_eq!(last, line.number, "{id}: {u}");
                        break;
                    }
                } else {
                    assert!(rest.starts_with(remaining), "{id}:{}: {u}", line.number);
                    let end = remaining.chars().last().unwrap();
                    assert!(
                        "。!?！？」』)）】〕\"'”’".contains(end),
                        "{id}:{}: split without a sentence end: {u}",
                        line.number
                    );
                    offset += remaining.len();
                    assert_eq!(last, line.number, "{id}: {u}");
                    break;
                }
            }

            // Tokens: surface, base form and part of speech, every one, as
            // four parallel lists.
            let t = &u["tokens"];
            let column = |key: &str| t[key].as_array().unwrap().clone();
            let (surface, base, pos, reading) = (
                column("surface"),
                column("base"),
                column("pos"),
                column("reading"),
            );
            assert!(
                surface.len() == base.len()
                    && base.len() == pos.len()
                    && pos.len() == reading.len(),
                "{id}: {u}"
            );
            for i in 0..surface.len() {
                tokens += 1;
                for v in [&surface[i], &base[i], &pos[i]] {
                    assert!(v.as_str().is_some_and(|s| !s.is_empty()), "{id}: {u}");
                }
                let coarse = pos[i].as_str().unwrap().split(',').next().unwrap();
                assert!(
                    [
                        "名詞",
                        "動詞",
                        "形容詞",
                        "副詞",
                        "助詞",
                        "助動詞",
                        "記号",
                        "接頭詞",
                        "連体詞",
                        "接続詞",
                        "感動詞",
                        "フィラー",
                        "その他"
                    ]
                    .contains(&coarse),
                    "{id}: {u}"
                );
                with_reading += usize::from(reading[i].is_string());
            }
            let surfaces: String = surface.iter().map(|s| s.as_str().unwrap()).collect();
            let no_space: String = u["text"]
                .as_str()
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert_eq!(surfaces, no_space, "{id}: tokens cover the unit");

            // The node is one of the record's, named by id and line.
            if !u["node"].is_null() {
                under_node += 1;
                let node = (
                    u["node"].as_str().unwrap().to_string(),
                    u["node_line"].as_u64().unwrap(),
                );
                assert!(node_lines(record).contains(&node), "{id}: {u}");
            }
        }
        assert_eq!(
            (li, offset),
            (nonblank.len(), 0),
            "{id}: text left after the last unit"
        );
    }
    // Base forms and parts of speech everywhere; readings for most (digits
    // and unknown words have none); most units of a plan are under a node.
    assert!(tokens > 10_000, "{tokens}");
    assert!(with_reading * 100 > tokens * 80, "{with_reading}/{tokens}");
    assert!(under_node * 2 > all_units, "{under_node}/{all_units}");
}

#[test]
fn terms_csv_counts_compound_nouns_under_each_node() {
    let dir = tempfile::tempdir().unwrap();
    seed_copy(dir.path());
    extract(dir.path(), &["--text"]);
    let out = dir.path().join("out");
    let csv = fs::read_to_string(out.join("terms.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,node,term,count,node_line"));
    // The text under each (document, node line), to count terms in.
    let mut texts: BTreeMap<(String, String), String> = BTreeMap::new();
    for e in fs::read_dir(out.join("text")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "jsonl") {
            for u in read_jsonl(&e.path()) {
                let key = (
                    u["id"].as_str().unwrap().to_string(),
                    u["node_line"]
                        .as_u64()
                        .map_or(String::new(), |l| l.to_string()),
                );
                let t = texts.entry(key).or_default();
                t.push_str(u["text"].as_str().unwrap());
                t.push('\n');
            }
        }
    }
    let mut rows = 0;
    let mut dx = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 5, "{line}");
        let count: usize = f[3].parse().unwrap();
        assert!(count >= 1 && f[2].chars().count() >= 2, "{line}");
        assert_eq!(f[1].is_empty(), f[4].is_empty(), "{line}");
        let text = &texts[&(f[0].to_string(), f[4].to_string())];
        assert!(text.matches(f[2]).count() >= count, "{line}");
        rows += 1;
        dx += usize::from(f[2].contains("DX"));
    }
    assert!(rows > 1000, "{rows}");
    assert!(dx > 0, "the plans talk about DX");
    // Known compounds of the seeds, under the nodes they belong to.
    assert!(
        csv.contains("\ntokorozawa,1.3,創業支援等事業計画,1,39\n"),
        "{csv}"
    );
}

#[test]
fn text_layer_is_reused_redone_or_removed_with_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = seed_copy(dir.path());
    let out = dir.path().join("out");
    extract(dir.path(), &["--text", "--incremental"]);
    let first = fs::read(out.join("terms.csv")).unwrap();
    extract(dir.path(), &["--text", "--incremental"]);
    assert_eq!(
        fs::read(out.join("terms.csv")).unwrap(),
        first,
        "reuse is byte-identical"
    );

    // Change one document, remove another: the fresh run is the reference.
    let mut t = fs::read_to_string(input.join("tsukuba.txt")).unwrap();
    t.push_str("\n1 地域DX人材の育成\nDX人材を育成します。\n");
    fs::write(input.join("tsukuba.txt"), t).unwrap();
    fs::remove_file(input.join("kashiwa.txt")).unwrap();
    extract(dir.path(), &["--text", "--incremental"]);
    let o = jplan(
        &["extract", "in", "--out", "fresh", "-q", "--text"],
        dir.path(),
    );
    assert!(o.status.success());
    let fresh = dir.path().join("fresh");
    assert!(
        !out.join("text/kashiwa.jsonl").exists(),
        "no text for a removed document"
    );
    assert_eq!(
        fs::read(out.join("terms.csv")).unwrap(),
        fs::read(fresh.join("terms.csv")).unwrap()
    );
    for id in ["kawasaki", "sagamihara", "tokorozawa", "tsukuba"] {
        let f = format!("text/{id}.jsonl");
        assert_eq!(
            fs::read(out.join(&f)).unwrap(),
            fs::read(fresh.join(&f)).unwrap(),
            "{f}"
        );
    }
    assert!(
        fs::read_to_string(out.join("text/tsukuba.jsonl"))
            .unwrap()
            .contains("DX人材を育成します。"),
        "the changed document's text is redone"
    );
    let names: Vec<String> = fs::read_dir(out.join("text"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 5, "four text files and the index: {names:?}");

    // A run without --text leaves no stale text layer; the next --text run
    // reuses the records but makes the text again.
    extract(dir.path(), &["--incremental"]);
    assert!(!out.join("text").exists() && !out.join("terms.csv").exists());
    extract(dir.path(), &["--text", "--incremental"]);
    let m: Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["reused"], 4);
    assert_eq!(
        fs::read(out.join("terms.csv")).unwrap(),
        fs::read(fresh.join("terms.csv")).unwrap()
    );
    for id in ["kawasaki", "tsukuba"] {
        let f = format!("text/{id}.jsonl");
        assert_eq!(
            fs::read(out.join(&f)).unwrap(),
            fs::read(fresh.join(&f)).unwrap(),
            "{f}"
        );
    }
}

/// Every text file and `terms.csv` parse whole.
fn assert_text_whole(out: &Path) {
    let Ok(entries) = fs::read_dir(out.join("text")) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            let text = fs::read_to_string(&p).unwrap();
            assert!(text.is_empty() || text.ends_with('\n'), "{}", p.display());
            for line in text.lines() {
                serde_json::from_str::<Value>(line).unwrap();
            }
        }
    }
    let terms = fs::read_to_string(out.join("terms.csv")).unwrap();
    assert!(terms.starts_with("id,node,term,count,node_line\n") && terms.ends_with('\n'));
}

#[cfg(unix)]
#[test]
fn a_text_run_killed_at_any_moment_leaves_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let seeds: Vec<_> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .collect();
    for i in 0..20 {
        let e = &seeds[i % seeds.len()];
        fs::copy(e.path(), input.join(format!("doc{i:03}.txt"))).unwrap();
    }
    let out = dir.path().join("out");
    extract(dir.path(), &["--text", "--jobs", "1"]);
    for e in fs::read_dir(&input).unwrap().flatten() {
        let mut t = fs::read_to_string(e.path()).unwrap();
        t.push_str("\n計画期間 令和8年度～令和12年度\n");
        fs::write(e.path(), t).unwrap();
    }
    let started = Instant::now();
    let o = jplan(
        &[
            "extract", "in", "--out", "full", "-q", "--text", "--jobs", "1",
        ],
        dir.path(),
    );
    assert!(o.status.success());
    let run_time = started.elapsed();
    for step in 0..8u32 {
        let delay = run_time.mul_f64(f64::from(step) / 7.0 * 1.1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_jplan"))
            .args([
                "extract", "in", "--out", "out", "-q", "--text", "--jobs", "1",
            ])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_text_whole(&out);
    }
    extract(dir.path(), &["--text"]);
    let full = dir.path().join("full");
    assert_eq!(
        fs::read(out.join("terms.csv")).unwrap(),
        fs::read(full.join("terms.csv")).unwrap()
    );
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            // the output folder's lock stays (one run per folder)
            name.starts_with('.') && name != ".jplan.lock"
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files are cleaned up");
}
