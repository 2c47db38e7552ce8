//! Two runs on one output folder: the second refuses, naming the first
//! run's pid, or waits for it with `--wait`; neither disturbs the other, and
//! the folder ends up exactly as one clean run leaves it.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::util::{describe_differences, jplan, output_files, root, wait_for_line};

fn inputs(dir: &Path, n: usize) {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    let seeds: Vec<_> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .collect();
    for i in 0..n {
        let e = &seeds[i % seeds.len()];
        let mut t = fs::read_to_string(e.path()).unwrap();
        t.push_str(&format!("\n第{i}版\n"));
        fs::write(input.join(format!("doc{i:02}.txt")), t).unwrap();
    }
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_jplan"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_second_run_refuses_naming_the_first_or_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    inputs(d, 8);
    let o = jplan(&["extract", "in", "--out", "clean", "-q"], d);
    assert!(o.status.success());
    let clean = output_files(&d.join("clean"));

    // The first run stops while writing records (its temporary files and
    // staged records are in the folder) ...
    let log = d.join("a.log");
    let mut a = Command::new(env!("CARGO_BIN_EXE_jplan"))
        .args(["extract", "in", "--out", "out", "-q", "--jobs", "1"])
        .env("JPLAN_TEST_PHASES", &log)
        .env("JPLAN_TEST_PAUSE", "record@3")
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_line(&log, "paused record", &mut a);
    let staged = d.join(format!("out/.records.new-{}", a.id()));
    let corpus_tmp = d.join(format!("out/.corpus.jsonl.tmp-{}", a.id()));
    assert!(staged.is_dir() && corpus_tmp.is_file());

    // ... a second run refuses at once, naming it, and touches nothing.
    let b = jplan(&["extract", "in", "--out", "out", "-q"], d);
    let stderr = String::from_utf8_lossy(&b.stderr);
    assert_eq!(b.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "out is in use by another jplan run (pid {}",
            a.id()
        )) && stderr.contains("--wait"),
        "{stderr}"
    );
    assert!(
        staged.is_dir() && corpus_tmp.is_file(),
        "the first run's files are left alone"
    );

    // A third run with --wait says whom it waits for, and waits.
    let mut c = spawn(d, &["extract", "in", "--out", "out", "--wait"]);
    let mut c_err = BufReader::new(c.stderr.take().unwrap());
    let mut first_line = String::new();
    c_err.read_line(&mut first_line).unwrap();
    assert!(
        first_line.contains("waiting for the jplan run writing out")
            && first_line.contains(&format!("pid {}", a.id())),
        "{first_line}"
    );
    assert!(c.try_wait().unwrap().is_none(), "it waits");

    // The first run goes on and finishes as if alone; then the third runs.
    fs::write(d.join("a.log.resume"), "").unwrap();
    let a_out = a.wait_with_output().unwrap();
    assert!(
        a_out.status.success(),
        "{}",
        String::from_utf8_lossy(&a_out.stderr)
    );
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut c_err, &mut rest).unwrap();
    assert!(c.wait().unwrap().success(), "{rest}");
    assert!(
        !rest.contains("interrupted"),
        "the first run ended cleanly: {rest}"
    );
    let got = output_files(&d.join("out"));
    assert!(got == clean, "{}", describe_differences(&clean, &got));
}

#[cfg(unix)]
#[test]
fn two_runs_started_together_leave_one_clean_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    inputs(d, 20);
    let o = jplan(&["extract", "in", "--out", "clean", "-q"], d);
    assert!(o.status.success());
    let clean = output_files(&d.join("clean"));

    // Without --wait: one finishes; the other finishes too (if it started
    // after) or refuses, naming the first.
    let args = ["extract", "in", "--out", "out", "-q", "--jobs", "1"];
    let first = spawn(d, &args);
    let second = spawn(d, &args);
    let pids = [first.id(), second.id()];
    let outs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let mut finished = 0;
    for (i, o) in outs.iter().enumerate() {
        let stderr = String::from_utf8_lossy(&o.stderr);
        if o.status.success() {
            finished += 1;
        } else {
            // (the first run may hold the lock a moment before writing its
            // pid into it: the refusal says so instead of naming it)
            let other = pids[1 - i];
            assert!(
                stderr.contains(&format!("is in use by another jplan run (pid {other}"))
                    || stderr.contains("is in use by another jplan run (pid not yet recorded)"),
                "{stderr}"
            );
            assert!(!stderr.contains("cannot write record"), "{stderr}");
        }
    }
    assert!(finished >= 1);
    let got = output_files(&d.join("out"));
    assert!(got == clean, "{}", describe_differences(&clean, &got));

    // With --wait both finish, one after the other.
    fs::remove_dir_all(d.join("out")).unwrap();
    let args = [
        "extract", "in", "--out", "out", "-q", "--jobs", "1", "--wait",
    ];
    let runs = [spawn(d, &args), spawn(d, &args)];
    for r in runs {
        let o = r.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let got = output_files(&d.join("out"));
    assert!(got == clean, "{}", describe_differences(&clean, &got));
}
