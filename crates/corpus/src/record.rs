//! The plan record, `plan-record/1`.

use jplan_extract::{Kpi, Municipality, Node, Period, Project, Warning};
use serde::{Deserialize, Serialize};

/// The record's schema tag.
pub const SCHEMA: &str = "plan-record/1";

/// Where a record came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path as given on the command line (or found under a folder).
    pub path: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Detected encoding: UTF-8, Shift_JIS, EUC-JP, UTF-16LE, UTF-16BE.
    pub encoding: String,
}

/// One document's record.
#[derive(Clone, Debug, Serialize)]
pub struct PlanRecord {
    /// Always `plan-record/1`.
    pub schema: &'static str,
    /// Unique in the corpus: the file stem (see [`crate::walk`]).
    pub id: String,
    /// Where it came from.
    pub source: Source,
    /// The municipality, when the text names one.
    pub municipality: Option<Municipality>,
    /// The plan's own name.
    pub title: Option<String>,
    /// Vision statements.
    pub vision: Vec<String>,
    /// Plan periods.
    pub periods: Vec<Period>,
    /// Strategy forest.
    pub strategy: Vec<Node>,
    /// Projects.
    pub projects: Vec<Project>,
    /// KPIs.
    pub kpis: Vec<Kpi>,
    /// What the rules could not resolve.
    pub warnings: Vec<Warning>,
}
