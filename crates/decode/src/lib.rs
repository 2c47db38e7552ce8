//! Turn a file's bytes into UTF-8 text and say which encoding it was.
//!
//! Plan documents arrive as UTF-8 (with or without BOM), UTF-16 (with or
//! without BOM), Shift_JIS (CP932, with the NEC and IBM extensions such as
//! `①`, `㈱`, `Ⅰ`) or EUC-JP, and nobody says which. [`decode`] detects the
//! encoding from the bytes alone and decodes strictly: text that is not valid
//! in any candidate, or that looks like binary data, is an [`DecodeError`],
//! never a string full of U+FFFD.
//!
//! ```
//! let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("令和8年度");
//! let decoded = jplan_decode::decode(&bytes).unwrap();
//! assert_eq!(decoded.text, "令和8年度");
//! assert_eq!(decoded.encoding, jplan_decode::Encoding::ShiftJis);
//! ```

#![deny(missing_docs)]

use std::fmt;

use encoding_rs::{EUC_JP, SHIFT_JIS, UTF_16BE, UTF_16LE};

/// An encoding jplan can detect and decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// Shift_JIS as Windows writes it (CP932 / Windows-31J).
    ShiftJis,
    /// EUC-JP.
    EucJp,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
}

impl Encoding {
    /// The name used in plan records (`source.encoding`).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS",
            Encoding::EucJp => "EUC-JP",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Text decoded from bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// The detected encoding.
    pub encoding: Encoding,
    /// Whether the input started with a byte order mark.
    pub bom: bool,
    /// Things decoding had to work around (for the record's `warnings`).
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input has no bytes at all.
    Empty,
    /// The input looks like binary data (NUL or control bytes, or the
    /// signature of a known binary format).
    Binary {
        /// What gave it away.
        what: String,
    },
    /// The input is not valid text in any supported encoding.
    Undecodable {
        /// Byte offset of the first invalid sequence when read as UTF-8.
        utf8_error_at: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("empty file"),
            DecodeError::Binary { what } => write!(f, "binary data, not text ({what})"),
            DecodeError::Undecodable { utf8_error_at } => write!(
                f,
                "not valid text in UTF-8, UTF-16, Shift_JIS (CP932) or EUC-JP \
                 (first invalid UTF-8 sequence at byte {utf8_error_at})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Signatures of binary formats that sometimes land in a text folder.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "OLE2 (old Office) document",
    ),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfd7zXZ\x00", "xz archive"),
];

/// Detect the encoding of `bytes` and decode them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    // A byte order mark is the one explicit statement a file makes.
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return finish(rest, Encoding::Utf8, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return finish(rest, Encoding::Utf16Le, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return finish(rest, Encoding::Utf16Be, true);
    }
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Err(DecodeError::Binary {
                what: (*what).to_string(),
            });
        }
    }
    if let Some(enc) = sniff_utf16(bytes)
        && let Ok(d) = finish(bytes, enc, false)
    {
        return Ok(d);
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(DecodeError::Binary {
            what: format!("NUL byte at offset {pos}"),
        });
    }
    let utf8_error_at = match std::str::from_utf8(bytes) {
        Ok(_) => return finish(bytes, Encoding::Utf8, false),
        Err(e) => e.valid_up_to(),
    };
    // Neither UTF-8 nor UTF-16: one of the legacy Japanese encodings. When
    // both decode cleanly, the one that yields more ordinary Japanese wins.
    let sjis = strict(bytes, Encoding::ShiftJis);
    let euc = strict(bytes, Encoding::EucJp);
    let pick = match (sjis, euc) {
        (Ok(a), Ok(b)) => {
            if plausibility(&b) > plausibility(&a) {
                Some((b, Encoding::EucJp))
            } else {
                Some((a, Encoding::ShiftJis))
            }
        }
        (Ok(a), Err(_)) => Some((a, Encoding::ShiftJis)),
        (Err(_), Ok(b)) => Some((b, Encoding::EucJp)),
        (Err(a_at), Err(b_at)) => {
            // A file cut in the middle of its last character is still worth
            // reading: drop the partial character and say so.
            let mut found = None;
            for (enc, at) in [(Encoding::ShiftJis, a_at), (Encoding::EucJp, b_at)] {
                if at + 2 >= bytes.len()
                    && at > 0
                    && let Ok(text) = strict(&bytes[..at], enc)
                {
                    found = Some((text, enc, bytes.len() - at));
                    break;
                }
            }
            if let Some((text, enc, cut)) = found {
                let mut d = check_text(text, enc, false)?;
                d.warnings.push(format!(
                    "input ends inside a {} character: the last {cut} byte(s) were dropped",
                    enc.name()
                ));
                return Ok(d);
            }
            None
        }
    };
    match pick {
        Some((text, enc)) => check_text(text, enc, false),
        None => Err(DecodeError::Undecodable { utf8_error_at }),
    }
}

fn finish(bytes: &[u8], enc: Encoding, bom: bool) -> Result<Decoded, DecodeError> {
    match strict(bytes, enc) {
        Ok(text) => check_text(text, enc, bom),
        Err(at) => Err(DecodeError::Undecodable { utf8_error_at: at }),
    }
}

/// Decode without replacement; `Err` holds the offset of the first error.
fn strict(bytes: &[u8], enc: Encoding) -> Result<String, usize> {
    let encoding = match enc {
        Encoding::Utf8 => {
            return std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|e| e.valid_up_to());
        }
        Encoding::ShiftJis => SHIFT_JIS,
        Encoding::EucJp => EUC_JP,
        Encoding::Utf16Le => UTF_16LE,
        Encoding::Utf16Be => UTF_16BE,
    };
    if matches!(enc, Encoding::Utf16Le | Encoding::Utf16Be) && bytes.len() % 2 == 1 {
        return Err(bytes.len() - 1);
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(len, _) => Err(read.saturating_sub(len as usize)),
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

/// Reject decoded text that is really binary: control characters other than
/// tab, line ends and form feed.
fn check_text(text: String, enc: Encoding, bom: bool) -> Result<Decoded, DecodeError> {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return Err(DecodeError::Binary {
                what: "NUL character in text".to_string(),
            });
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    if controls > 0 && controls * 100 > total {
        return Err(DecodeError::Binary {
            what: format!("{controls} control characters in {total}"),
        });
    }
    let mut warnings = Vec::new();
    if controls > 0 {
        warnings.push(format!("{controls} stray control character(s) in the text"));
    }
    Ok(Decoded {
        text,
        encoding: enc,
        bom,
        warnings,
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Guess UTF-16 without a BOM: ASCII-heavy UTF-16 has NUL bytes on one
/// side; Japanese-heavy UTF-16 decodes to mostly kana and kanji.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 > pairs * 3 && even_nul * 20 < pairs {
        return Some(Encoding::Utf16Le);
    }
    if even_nul * 10 > pairs * 3 && odd_nul * 20 < pairs {
        return Some(Encoding::Utf16Be);
    }
    // Few NULs: only UTF-16 if it is not valid as anything else and reads
    // as Japanese text with line breaks.
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut best = None;
    for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
        if let Ok(text) = strict(sample, enc) {
            let score = plausibility(&text);
            if score > 0.9 && text.contains('\n') && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, enc));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// The share of characters that ordinary Japanese text is made of.
fn plausibility(text: &str) -> f64 {
    let mut good = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        let u = c as u32;
        let ok = c.is_ascii_graphic()
            || c.is_ascii_whitespace()
            || (0x3000..=0x30FF).contains(&u) // CJK punctuation, kana
            || (0x4E00..=0x9FFF).contains(&u) // CJK unified ideographs
            || (0xFF01..=0xFF5E).contains(&u) // full-width ASCII
            || (0x2460..=0x24FF).contains(&u) // enclosed numbers
            || (0x2160..=0x217F).contains(&u); // Roman numerals
        if ok {
            good += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        good as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "所沢市産業振興ビジョン\n令和5年度～令和9年度\n① ㈱ Ⅰ ｶﾞ １２３\n";

    fn enc(text: &str, e: &'static encoding_rs::Encoding) -> Vec<u8> {
        let (b, _, unmappable) = e.encode(text);
        assert!(!unmappable);
        b.into_owned()
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            (d.encoding, d.bom, d.text.as_str()),
            (Encoding::Utf8, false, SAMPLE)
        );
        let mut b = b"\xef\xbb\xbf".to_vec();
        b.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(
            (d.encoding, d.bom, d.text.as_str()),
            (Encoding::Utf8, true, SAMPLE)
        );
    }

    #[test]
    fn shift_jis_with_nec_and_ibm_extensions() {
        let d = decode(&enc(SAMPLE, SHIFT_JIS)).unwrap();
        assert_eq!(d.encoding, Encoding::ShiftJis);
        assert_eq!(d.text, SAMPLE);
        // IBM extension kanji (髙, 﨑) as CP932 writes them.
        let d = decode(&enc("髙橋と山﨑の計画\n", SHIFT_JIS)).unwrap();
        assert_eq!(d.text, "髙橋と山﨑の計画\n");
    }

    #[test]
    fn euc_jp() {
        let text = "所沢市産業振興ビジョン\n令和5年度から令和9年度まで\n";
        let d = decode(&enc(text, EUC_JP)).unwrap();
        assert_eq!(d.encoding, Encoding::EucJp);
        assert_eq!(d.text, text);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend(utf16(SAMPLE, true));
        let d = decode(&le).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Le, SAMPLE));
        let mut be = vec![0xfe, 0xff];
        be.extend(utf16(SAMPLE, false));
        let d = decode(&be).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Be, SAMPLE));
    }

    #[test]
    fn utf16_without_bom() {
        let ascii = "Plan 2026-2037\nR5 R6 R7\n";
        assert_eq!(
            decode(&utf16(ascii, true)).unwrap().encoding,
            Encoding::Utf16Le
        );
        assert_eq!(
            decode(&utf16(ascii, false)).unwrap().encoding,
            Encoding::Utf16Be
        );
        let jp = "産業振興ビジョンの計画期間は令和五年度から令和九年度までです。\n";
        let d = decode(&utf16(jp, true)).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Le, jp));
    }

    #[test]
    fn binary_is_an_error() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(decode(png), Err(DecodeError::Binary { .. })));
        let nul = b"abc\0\0\0\x01\x02def\0";
        assert!(matches!(decode(nul), Err(DecodeError::Binary { .. })));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
    }

    #[test]
    fn invalid_everywhere_is_an_error() {
        // 0x80 is invalid as a lead byte in UTF-8, Shift_JIS and EUC-JP.
        let bytes = b"\x80\x80\x80 text \xff\xff\xff\x80";
        let e = decode(bytes).unwrap_err();
        assert!(matches!(e, DecodeError::Undecodable { utf8_error_at: 0 }));
        assert!(e.to_string().contains("Shift_JIS"));
    }

    #[test]
    fn truncated_shift_jis_keeps_the_text_and_warns() {
        let mut b = enc("産業振興ビジョン\n", SHIFT_JIS);
        b.push(0x8e); // a lead byte with no trail byte
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, Encoding::ShiftJis);
        assert_eq!(d.text, "産業振興ビジョン\n");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn mixed_encodings_are_an_error() {
        let mut b = enc("産業振興ビジョン\n", SHIFT_JIS);
        b.extend(enc("令和5年度から令和9年度まで産業振興\n", EUC_JP));
        b.extend("計画期間：令和５年度".as_bytes());
        assert!(decode(&b).is_err());
    }
}
