//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turn Japanese municipal plan documents (産業振興ビジョン, プラン, 戦略 …),
/// given as text extracted from PDFs, into a structured JSON corpus.
#[derive(Parser, Debug)]
#[command(name = "jplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract plan records from text files and folders into an output folder.
    ///
    /// Writes OUT/corpus.jsonl (one record per line, sorted by id),
    /// OUT/records/<id>.json, OUT/kpis.csv (one row per KPI value),
    /// OUT/errors.jsonl (inputs that gave no record, with the reason) and
    /// OUT/manifest.json (what ran). Every file is replaced whole.
    Extract(ExtractArgs),
    /// Print one document's strategy tree with its projects, indented.
    Tree(TreeArgs),
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files and folders to read. Folders are walked for text files
    /// (see --ext); hidden files are skipped.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output folder (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,

    /// File extensions taken from folders, comma-separated.
    #[arg(long, value_name = "EXT", value_delimiter = ',', default_value = "txt")]
    pub ext: Vec<String>,

    /// Skip files larger than this many bytes (they are listed in
    /// errors.jsonl). Guards memory on a folder with stray large files.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,

    /// Worker threads (default: all cores). Output is identical for any N.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Exit with status 2 when any input could not be used.
    #[arg(long)]
    pub strict: bool,

    /// Print nothing on stderr but errors.
    #[arg(long, short)]
    pub quiet: bool,

    /// Do not load the tokenizer (rules decide from characters alone).
    #[arg(long, hide = true)]
    pub no_tokenize: bool,
}

#[derive(Args, Debug)]
pub struct TreeArgs {
    /// The document to show.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}
