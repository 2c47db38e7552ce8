//! Plan periods (計画期間). Filled in by issue #3.

use crate::{Doc, Period, Warning};

/// Every plan period stated in the document.
pub fn extract(_doc: Doc<'_>, _title: Option<&str>, _warnings: &mut Vec<Warning>) -> Vec<Period> {
    Vec::new()
}
