//! Every seed re-encoded gives the same record as its UTF-8 original,
//! apart from `source`.

use std::collections::HashMap;

use encoding_rs::{EUC_JP, SHIFT_JIS};
use serde_json::Value;

use crate::eqnice;
use crate::util::{pipeline, root};

/// Characters the target encoding cannot hold are replaced by 〓 in both
/// versions, so the comparison is about decoding, not about the charset.
fn encodable(text: &str, enc: &'static encoding_rs::Encoding) -> String {
    let mut cache: HashMap<char, bool> = HashMap::new();
    text.chars()
        .map(|c| {
            let ok = *cache.entry(c).or_insert_with(|| {
                let mut buf = [0u8; 4];
                !enc.encode(c.encode_utf8(&mut buf)).2
            });
            if ok { c } else { '〓' }
        })
        .collect()
}

fn record_without_source(id: &str, bytes: &[u8]) -> (Value, String) {
    let rec = pipeline().process(id, "x", bytes).expect("seed decodes");
    let encoding = rec.source.encoding.clone();
    let mut v = serde_json::to_value(rec).unwrap();
    v.as_object_mut().unwrap().remove("source");
    (v, encoding)
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if le { &[0xff, 0xfe] } else { &[0xfe, 0xff] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn seeds_round_trip_through_every_encoding() {
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "the seed corpus is in corpus/");
    for path in seeds {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (original, enc) = record_without_source(&id, text.as_bytes());
        assert_eq!(enc, "UTF-8");

        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let cases: Vec<(&str, Vec<u8>, String)> = vec![
            ("UTF-8", bom, text.clone()),
            ("UTF-16LE", utf16(&text, true, true), text.clone()),
            ("UTF-16BE", utf16(&text, false, true), text.clone()),
            ("UTF-16LE", utf16(&text, true, false), text.clone()),
        ];
        for (name, bytes, _) in &cases {
            let (got, detected) = record_without_source(&id, bytes);
            assert_eq!(detected, *name, "{id}");
            eqnice!(&original, &got, format!("{id} as {name}"));
        }
        for (name, enc) in [("Shift_JIS", SHIFT_JIS), ("EUC-JP", EUC_JP)] {
            let text = encodable(&text, enc);
            let (expected, _) = record_without_source(&id, text.as_bytes());
            let (bytes, _, unmappable) = enc.encode(&text);
            assert!(!unmappable);
            let (got, detected) = record_without_source(&id, &bytes);
            assert_eq!(detected, name, "{id}");
            eqnice!(&expected, &got, format!("{id} as {name}"));
        }
    }
}
