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
    assert!(r.warnings.iter().any(|w| w.message.contains("dropped")));
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

#[test]
fn a_long_single_line_and_deep_numbering() {
    let long = "産業振興".repeat(150_000); // 1.8 MB on one line
    assert!(outcome(long.as_bytes()).is_ok());
    let deep: String = (1..=200)
        .map(|i| format!("{}{} 施策\n", "1-".repeat(i), 1))
        .collect();
    assert!(outcome(deep.as_bytes()).is_ok());
}
