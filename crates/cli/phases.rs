//! Test hooks: report the output writer's phases to a file, and pause at a
//! named phase so a test can kill the run exactly there (see
//! `docs/testing.md`). Off unless these variables are set:
//!
//! - `JPLAN_TEST_PHASES=FILE`: append each phase's name to FILE as it is
//!   reached (`record` once per record written).
//! - `JPLAN_TEST_PAUSE=PHASE` or `PHASE@N`: at the N-th time (default 1)
//!   PHASE is reached, append `paused PHASE` to FILE and wait until
//!   `FILE.resume` exists, then append `resumed PHASE` and go on.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use jplan_corpus::output::{Phase, PhaseHook};

/// The hook the environment asks for, if any.
pub fn hook_from_env() -> Result<Option<PhaseHook>> {
    let log = std::env::var_os("JPLAN_TEST_PHASES").map(PathBuf::from);
    let pause = std::env::var("JPLAN_TEST_PAUSE").ok();
    let Some(log) = log else {
        if pause.is_some() {
            bail!("JPLAN_TEST_PAUSE needs JPLAN_TEST_PHASES (the file to report to)");
        }
        return Ok(None);
    };
    let pause = match pause {
        None => None,
        Some(spec) => {
            let (name, nth) = spec.split_once('@').unwrap_or((&spec, "1"));
            let phase = Phase::from_name(name)
                .ok_or_else(|| anyhow!("JPLAN_TEST_PAUSE: no phase named {name:?}"))?;
            let nth: usize = nth
                .parse()
                .map_err(|_| anyhow!("JPLAN_TEST_PAUSE: bad count in {spec:?}"))?;
            Some((phase, nth.max(1)))
        }
    };
    let mut resume = log.clone().into_os_string();
    resume.push(".resume");
    let resume = PathBuf::from(resume);
    let seen = AtomicUsize::new(0);
    let append = move |line: &str| {
        if let Ok(mut f) = OpenOptions::new().create(true).append(true).open(&log) {
            let _ = writeln!(f, "{line}");
        }
    };
    Ok(Some(Arc::new(move |phase: Phase| {
        append(phase.name());
        if let Some((p, nth)) = pause
            && p == phase
            && seen.fetch_add(1, Ordering::SeqCst) + 1 == nth
        {
            append(&format!("paused {}", phase.name()));
            while !resume.exists() {
                std::thread::sleep(Duration::from_millis(10));
            }
            append(&format!("resumed {}", phase.name()));
        }
    })))
}
