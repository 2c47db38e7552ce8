//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use jplan_corpus::{Pipeline, PipelineConfig};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One pipeline with the tokenizer for all tests of this binary.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(PipelineConfig::default()).expect("pipeline builds"))
}

/// Run the jplan binary.
pub fn jplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jplan"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("jplan runs")
}

/// Parse a JSON Lines file.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// Print both sides in full when they differ.
#[macro_export]
macro_rules! eqnice {
    ($expected:expr, $got:expr, $what:expr) => {{
        let expected = $expected;
        let got = $got;
        if expected != got {
            panic!(
                "\n{} differs\n==== expected ====\n{}\n==== got ====\n{}\n",
                $what,
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&got).unwrap()
            );
        }
    }};
}

/// Copy the folder `src` to `dst` (created), recursively.
pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap().flatten() {
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// The files of an output folder, by relative path, as a run's result is
/// compared: every file byte for byte except `manifest.json`, which is
/// compared without what only says how the run went (`timings`, the
/// `reused`/`redone`/`removed` counts and the `reused` status of inputs);
/// the lock file is left out, hidden leftovers are kept (and fail a
/// comparison with a clean folder).
pub fn output_files(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, rel: &str, files: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let r = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), &r, files);
            } else if r != jplan_corpus::lock::LOCK_FILE {
                let bytes = std::fs::read(e.path()).unwrap();
                let bytes = if r == "manifest.json" {
                    comparable_manifest(&bytes)
                } else {
                    bytes
                };
                files.insert(r, bytes);
            }
        }
    }
    let mut files = std::collections::BTreeMap::new();
    walk(out, "", &mut files);
    files
}

/// `manifest.json` without timings and reuse bookkeeping, re-serialized.
pub fn comparable_manifest(bytes: &[u8]) -> Vec<u8> {
    let mut m: serde_json::Value = serde_json::from_slice(bytes).expect("manifest.json parses");
    if let Some(o) = m.as_object_mut() {
        o.remove("timings");
    }
    if let Some(c) = m.get_mut("counts").and_then(|c| c.as_object_mut()) {
        for k in ["reused", "redone", "removed"] {
            c.remove(k);
        }
    }
    if let Some(inputs) = m.get_mut("inputs").and_then(|i| i.as_array_mut()) {
        for i in inputs {
            if i["status"] == "reused" {
                i["status"] = "made".into();
            }
        }
    }
    serde_json::to_vec_pretty(&m).unwrap()
}

/// Name the differences between two folders' files, for a failure message.
pub fn describe_differences(
    expected: &std::collections::BTreeMap<String, Vec<u8>>,
    got: &std::collections::BTreeMap<String, Vec<u8>>,
) -> String {
    let mut out = String::new();
    for (name, bytes) in expected {
        match got.get(name) {
            None => out.push_str(&format!("  missing: {name}\n")),
            Some(g) if g != bytes => {
                out.push_str(&format!("  differs: {name}\n"));
                let (e, g) = (String::from_utf8_lossy(bytes), String::from_utf8_lossy(g));
                if let Some((i, (a, b))) = e
                    .lines()
                    .zip(g.lines())
                    .enumerate()
                    .find(|(_, (a, b))| a != b)
                {
                    let cut = |s: &str| s.chars().take(300).collect::<String>();
                    out.push_str(&format!(
                        "    first differing line {}:\n    expected {}\n    got      {}\n",
                        i + 1,
                        cut(a),
                        cut(b)
                    ));
                } else {
                    out.push_str(&format!(
                        "    {} lines expected, {} got\n",
                        e.lines().count(),
                        g.lines().count()
                    ));
                }
            }
            Some(_) => {}
        }
    }
    for name in got.keys().filter(|n| !expected.contains_key(*n)) {
        out.push_str(&format!("  extra: {name}\n"));
    }
    out
}

/// Wait until the file `path` has a line equal to `line`, or `child` exits
/// (a failure), for at most a minute.
pub fn wait_for_line(path: &Path, line: &str, child: &mut std::process::Child) {
    let started = std::time::Instant::now();
    loop {
        if std::fs::read_to_string(path).is_ok_and(|t| t.lines().any(|l| l == line)) {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "jplan exited ({status}) before {line:?} appeared in {}: {:?}",
                path.display(),
                std::fs::read_to_string(path).unwrap_or_default()
            );
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{line:?} never appeared in {}",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
