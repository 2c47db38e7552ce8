//! Decode, normalize and extract arbitrary bytes: nothing may panic, and
//! every item must point at a line that exists.
#![no_main]

use std::sync::OnceLock;

use jplan_extract::{Doc, Extractor, NoMorph};
use jplan_normalize::Normalizer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static SETUP: OnceLock<(Normalizer, Extractor)> = OnceLock::new();
    let (normalizer, extractor) = SETUP.get_or_init(|| (Normalizer::new(), Extractor::new()));
    let Ok(decoded) = jplan_decode::decode(data) else {
        return;
    };
    let text = normalizer.normalize(&decoded.text);
    for line in &text.lines {
        for b in 0..line.text.len() {
            assert!(line.source_offset(b) <= decoded.text.len());
        }
    }
    let x = extractor.extract(Doc::new(&text.lines), &NoMorph);
    let n = text.lines.len();
    for p in &x.periods {
        assert!(p.line >= 1 && p.line <= n);
    }
    for p in &x.projects {
        assert!(p.line >= 1 && p.line <= n);
    }
    for k in &x.kpis {
        assert!(k.line >= 1 && k.line <= n);
    }
});
