//! `jplan eval`: score records against gold (the work is in `jplan-eval`).

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::args::EvalArgs;

pub fn eval(args: &EvalArgs) -> Result<ExitCode> {
    let gold = jplan_eval::load_gold(&args.gold).context("cannot read the gold records")?;
    let pred = jplan_eval::load_pred(&args.pred).context("cannot read the records to score")?;
    let report = jplan_eval::score(&gold, &pred);
    if args.json {
        let mut text = serde_json::to_string_pretty(&report.to_json(args.detail))?;
        text.push('\n');
        print!("{text}");
    } else {
        print!("{}", report.to_text(args.detail));
    }
    Ok(ExitCode::SUCCESS)
}
