//! Inputs a nightly batch meets sooner or later. None may panic; each
//! gives a record (with warnings) or an error with a reason.

use jplan_corpus::DocError;

use crate::util::pipeline;

fn outcome(bytes: &[u8]) -> Result<jplan_corpus::PlanRecord, DocError> {
    pipeline().process("t", "t.txt", bytes)
}

#[test]
fn empty_and_whitespace_only() {
    assert!(matches!(outcome(b""), Err(DocError::Decode(_))));
    assert_eq!(
        outcome(b"  \n\t\r\n \xe3\x80\x80\n").unwrap_err(),
        DocError::Blank
    );
}

#[test]
fn binary_data() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    assert!(outcome(&png).unwrap_err().to_string().contains("PNG"));
    assert!(
        outcome(b"text\0\0\0more")
            .unwrap_err()
            .to_string()
            .contains("NUL")
    );
}

#[test]
fn truncated_shift_jis() {
    let (mut bytes, _, _) =
        encoding_rs::SHIFT_JIS.encode("所沢市産業振興ビジョン\n令和5年度～令和9年度\n");
    let mut bytes = bytes.to_mut().clone();
    bytes.push(0x88);
    let r = outcome(&bytes).unwrap();
    let dropped: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.message.contains("dropped"))
        .collect();
    assert_eq!(dropped.len(), 1, "{:?}", r.warnings);
    assert_eq!(dropped[0].line, 0, "a warning about the whole file");
    assert_eq!(r.source.encoding, "Shift_JIS");
    assert_eq!(r.title.as_deref(), Some("所沢市産業振興ビジョン"));
    assert_eq!(
        r.periods
            .iter()
            .map(|p| (p.start, p.end))
            .collect::<Vec<_>>(),
        [(2023, Some(2027))]
    );
}

#[test]
fn crlf_and_lone_cr_line_ends_count_lines_alike() {
    let lf = outcome("題\n所沢市 産業振興ビジョン\n所沢市\n".as_bytes()).unwrap();
    let crlf = outcome("題\r\n所沢市 産業振興ビジョン\r\n所沢市\r\n".as_bytes()).unwrap();
    let cr = outcome("題\r所沢市 産業振興ビジョン\r所沢市\r".as_bytes()).unwrap();
    for r in [&crlf, &cr] {
        assert_eq!(r.title, lf.title);
        assert_eq!(
            serde_json::to_value(&r.periods).unwrap(),
            serde_json::to_value(&lf.periods).unwrap()
        );
    }
}

/// Every strategy node depth first: (id, line).
fn nodes(r: &jplan_corpus::PlanRecord) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<&jplan_extract::Node> = r.strategy.iter().rev().collect();
    while let Some(n) = stack.pop() {
        out.push((n.id.clone(), n.line));
        stack.extend(n.children.iter().rev());
    }
    out
}

/// `1`, `1.1`, … `1.1.…` (k numbers) on lines 1 to k.
fn chain(k: usize) -> Vec<(String, usize)> {
    (1..=k).map(|i| (vec!["1"; i].join("."), i)).collect()
}

#[test]
fn a_long_single_line_and_deep_numbering() {
    // A 1.8 MB line between the title block and the outline: read whole,
    // and the lines after it keep their numbers.
    let long = "産業振興".repeat(150_000);
    let text = format!(
        "所沢市産業振興ビジョン\n令和5年度～令和9年度\n{long}\n基本方針1 産業の振興\n1-1 用地の創出\n"
    );
    let r = outcome(text.as_bytes()).unwrap();
    assert_eq!(r.source.bytes, text.len() as u64);
    assert_eq!(r.title.as_deref(), Some("所沢市産業振興ビジョン"));
    assert_eq!(
        r.periods
            .iter()
            .map(|p| (p.start, p.end, p.line))
            .collect::<Vec<_>>(),
        [(2023, Some(2027), 2)]
    );
    assert_eq!(nodes(&r), [("1".to_string(), 4), ("1.1".to_string(), 5)]);

    // Numbering 2 to 201 levels deep under a heading: a chain as deep as
    // numbering goes (12 levels, `jplan_extract::numbering::MAX_DEPTH`);
    // deeper prefixes are not numbers, so they make no nodes.
    let deep: String = (1..=200)
        .map(|i| format!("{}{} 施策\n", "1-".repeat(i), 1))
        .collect();
    let r = outcome(format!("基本方針1 始まり\n{deep}").as_bytes()).unwrap();
    assert_eq!(nodes(&r), chain(jplan_extract::numbering::MAX_DEPTH));
}

#[test]
fn mixed_encodings_and_utf16_without_bom() {
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("産業振興ビジョン\n");
    let (euc, _, _) = encoding_rs::EUC_JP.encode("令和5年度から令和9年度まで産業振興\n");
    let mut mixed = sjis.to_vec();
    mixed.extend_from_slice(&euc);
    mixed.extend_from_slice("計画期間：令和５年度".as_bytes());
    assert!(matches!(outcome(&mixed), Err(DocError::Decode(_))));
    let text = "所沢市産業振興ビジョン\n令和5年度～令和9年度\n所沢市\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let r = outcome(&le).unwrap();
    assert_eq!(r.source.encoding, "UTF-16LE");
    assert_eq!(r.title.as_deref(), Some("所沢市産業振興ビジョン"));
}

#[test]
fn many_lines_of_deep_numbering() {
    // A ten-level chain, then its deepest number stated 100,000 times more:
    // the same ten nodes, each at its first mention.
    let chain_lines: String = (2..=10)
        .map(|k| format!("{} 施策\n", vec!["1"; k].join("-")))
        .collect();
    let line = "1-1-1-1-1-1-1-1-1-1 施策\n";
    let text = format!("基本方針1 始まり\n{chain_lines}{}", line.repeat(100_000));
    let r = outcome(text.as_bytes()).unwrap();
    assert_eq!(nodes(&r), chain(10));
}
