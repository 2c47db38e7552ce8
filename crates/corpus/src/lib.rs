//! Turn one document into a plan record, and write a corpus of records to
//! disk whole.
//!
//! - [`Pipeline`]: decode → normalize → tokenize → extract for one
//!   document's bytes; built once, shared read-only by all threads.
//! - [`walk`]: find the input documents under files and folders, with
//!   stable, unique ids.
//! - [`output`]: `corpus.jsonl`, `records/<id>.json`, `errors.jsonl`,
//!   `kpis.csv` and `manifest.json`, each written under a temporary name and
//!   renamed into place, so a run killed at any moment leaves complete files.
//! - [`fingerprint`]: what a record depends on besides its document (code,
//!   dictionaries), for `--incremental` and `merge`.
//! - [`lock`]: one run at a time per output folder.
//!
//! The record's format is `plan-record/1`
//! (`docs/record.md`); [`PlanRecord`] is its type.

#![deny(missing_docs)]

pub mod fingerprint;
pub mod lock;
pub mod output;
pub mod pipeline;
pub mod previous;
pub mod record;
pub mod walk;

pub use fingerprint::Fingerprint;
pub use pipeline::{DocError, Pipeline, PipelineConfig};
pub use record::{PlanRecord, Source};
pub use walk::{InputDoc, WalkConfig};

/// jplan's version, recorded in manifests and part of the [`Fingerprint`].
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
