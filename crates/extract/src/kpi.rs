//! KPI tables. Filled in by issue #5.

use crate::{Doc, Kpi, Node, Warning};

/// Every KPI in the document.
pub fn extract(_doc: Doc<'_>, _strategy: &[Node], _warnings: &mut Vec<Warning>) -> Vec<Kpi> {
    Vec::new()
}
