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
    /// OUT/manifest.json (what ran); with --text also OUT/text/ and
    /// OUT/terms.csv. Every file is replaced whole.
    Extract(ExtractArgs),
    /// Print one document's strategy tree with its projects, indented.
    Tree(TreeArgs),
    /// Combine the output folders of several shards (--shard) into one.
    ///
    /// Records, their pretty files, KPI rows and errors are carried over as
    /// they are; the folders must have the same fingerprint (one jplan
    /// build, one dictionary), and no record id may be in two of them.
    Merge(MergeArgs),
    /// Print a document's normalized lines as the rules see them
    /// (`LINE<TAB>TEXT`), with the detected encoding first.
    Normalize(NormalizeArgs),
    /// Score records against hand-made gold records: precision, recall
    /// and F1 per category, per document, municipality accuracy, overall.
    ///
    /// The matching rules are in docs/annotation.md; how to write gold
    /// records for your own documents too.
    Eval(EvalArgs),
    /// Write OUT/report.html: one self-contained page to review a corpus in
    /// a browser (a sortable table of documents; per document its strategy
    /// tree with projects, KPI charts, warnings, source lines on hover).
    ///
    /// Source lines are read from the documents where the records' source
    /// paths lead (from here, or from the folder that holds OUT) and their
    /// bytes are unchanged.
    Report(ReportArgs),
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// An output folder of `jplan extract`.
    #[arg(value_name = "OUT")]
    pub out: PathBuf,

    /// Do not read the documents: hover shows line numbers only.
    #[arg(long)]
    pub no_sources: bool,

    /// Print nothing on stderr but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder of gold records, one <id>.json per document.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// The records to score: an output folder of `jplan extract`, its
    /// corpus.jsonl, or a folder of <id>.json files.
    #[arg(long, value_name = "PATH")]
    pub pred: PathBuf,

    /// List every miss and every false hit with its document and line.
    #[arg(long)]
    pub detail: bool,

    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
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

    /// File extensions taken from folders, comma-separated (a folder's
    /// README is never taken).
    #[arg(
        long,
        value_name = "EXT",
        value_delimiter = ',',
        default_value = "txt,md"
    )]
    pub ext: Vec<String>,

    /// Skip files larger than this many bytes (they are listed in
    /// errors.jsonl). Guards memory on a folder with stray large files;
    /// plan texts are rarely over 2 MB.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,

    /// Reuse the records of the previous run in --out for documents whose
    /// path and bytes (sha256) are unchanged, when that run had the same
    /// fingerprint (jplan's code and dictionaries, see manifest.json);
    /// records of documents that disappeared are dropped.
    #[arg(long)]
    pub incremental: bool,

    /// When another jplan run is writing --out, wait for it to end instead
    /// of exiting with an error that names it.
    #[arg(long)]
    pub wait: bool,

    /// Process only the documents whose id hashes to shard K of N
    /// (0 ≤ K < N), e.g. --shard $SLURM_ARRAY_TASK_ID/16; combine the
    /// shards' folders with `jplan merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,

    /// Worker threads (default: all cores). Output is identical for any N.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Also write the text layer: OUT/text/<id>.jsonl (each sentence and
    /// table row with its line, strategy node and tokens) and
    /// OUT/terms.csv (compound nouns counted per node). See docs/text.md.
    #[arg(long)]
    pub text: bool,

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
pub struct MergeArgs {
    /// Output folders of `jplan extract` (one per shard).
    #[arg(required = true, value_name = "DIR")]
    pub inputs: Vec<PathBuf>,

    /// The merged output folder.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
}

/// Shard K of N.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Whether the document `id` belongs to this shard.
    pub fn contains(&self, id: &str) -> bool {
        jplan_corpus::walk::shard_of(id, self.count) == self.index
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected K/N, got {s:?}"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("bad shard index {k:?}"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("bad shard count {n:?}"))?;
        if count == 0 || index >= count {
            return Err(format!("shard {index}/{count}: need 0 ≤ K < N"));
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[derive(Args, Debug)]
pub struct TreeArgs {
    /// The document to show.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Args, Debug)]
pub struct NormalizeArgs {
    /// The document to show.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Also show what the strategy outline made of each unit
    /// (`LINE<TAB>ROLE<TAB>NODE<TAB>TEXT`; loads the analyser).
    #[arg(long)]
    pub outline: bool,
}
