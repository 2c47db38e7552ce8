//! The README's examples run as written: its Python blocks (DuckDB and
//! pandas over the text layer) against the output of its first set-up
//! command, and the `jplan report` it shows.
//!
//! They need `python3` with `duckdb` and `pandas`; without them the check
//! is skipped with a loud message, unless `JPLAN_REQUIRE_PYTHON` is set (as
//! CI sets it), which makes it fail.

use std::fs;
use std::process::Command;

use crate::util::{jplan, root};

fn python_blocks(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = readme;
    while let Some(start) = rest.find("```python\n") {
        let body = &rest[start + "```python\n".len()..];
        let end = body.find("```").expect("closed block");
        out.push(body[..end].to_string());
        rest = &body[end + 3..];
    }
    out
}

#[test]
fn readme_examples_run_as_written() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    // The examples read `out/` as the first set-up command writes it.
    assert!(readme.contains("\n    cargo run --release -- extract corpus --out out --text\n"));
    let blocks = python_blocks(&readme);
    assert!(blocks.len() >= 2, "the DuckDB and pandas examples");
    assert!(blocks.iter().any(|b| b.contains("import duckdb")));
    assert!(blocks.iter().any(|b| b.contains("import pandas")));

    let ready = Command::new("python3")
        .args(["-c", "import duckdb, pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        assert!(
            std::env::var_os("JPLAN_REQUIRE_PYTHON").is_none(),
            "JPLAN_REQUIRE_PYTHON is set but python3 cannot import duckdb and pandas (pip install duckdb pandas)"
        );
        eprintln!(
            "\n*** SKIPPED: the README's examples need python3 with duckdb and pandas (pip install duckdb pandas) ***\n"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    for e in fs::read_dir(root().join("corpus")).unwrap().flatten() {
        fs::copy(e.path(), dir.path().join("corpus").join(e.file_name())).unwrap();
    }
    let o = jplan(
        &["extract", "corpus", "--out", "out", "--text", "-q"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = jplan(&["report", "out", "-q"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("out/report.html").is_file());
    for (n, block) in blocks.iter().enumerate() {
        let o = Command::new("python3")
            .args(["-c", block])
            .current_dir(dir.path())
            .output()
            .expect("python3 runs");
        assert!(
            o.status.success(),
            "README example {} failed:\n{block}\n{}",
            n + 1,
            String::from_utf8_lossy(&o.stderr)
        );
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.lines().count() >= 5,
            "example {} printed little:\n{stdout}",
            n + 1
        );
    }
}
