//! `jplan`: turn Japanese municipal plan documents into a JSON corpus.
//!
//! This binary only parses arguments, finds inputs, runs the pipeline of
//! `jplan-corpus` in parallel and reports: the work is in the libraries.

mod args;
mod batch;
mod eval;
mod phases;
mod report;
mod text;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => batch::extract(&a),
        Command::Tree(a) => batch::tree(&a),
        Command::Merge(a) => batch::merge(&a),
        Command::Normalize(a) => batch::normalize(&a),
        Command::Eval(a) => eval::eval(&a),
        Command::Report(a) => report::report(&a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jplan: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
