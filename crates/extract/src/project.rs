//! Projects (事業) and the strategy nodes they hang from. Filled in by issue #4.

use crate::{Doc, Morph, Node, Project, Warning};

/// Every distinct project in the document.
pub fn extract(
    _doc: Doc<'_>,
    _strategy: &[Node],
    _morph: &dyn Morph,
    _warnings: &mut Vec<Warning>,
) -> Vec<Project> {
    Vec::new()
}
