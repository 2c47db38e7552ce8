//! Produce the text the extraction rules read, keeping every character
//! traceable to its source line and byte offset.
//!
//! [`Normalizer`] applies, line by line:
//!
//! 1. [`strip_html`]: tags such as `<br>` or `<td>` that table cells carry are
//!    dropped (`<br>` becomes a space), entities are decoded; `<再掲>` is not
//!    HTML and stays;
//! 2. [`fold`]: the rewrite table (`dictionaries/normalize/rewrite.tsv`:
//!    range marks, CJK radicals), then NFKC per character cluster (so
//!    half-width `ｶﾞ` composes to `ガ`), except the characters listed in
//!    `dictionaries/normalize/nfkc-keep.txt` (circled numbers);
//! 3. [`numbering_dashes`]: any dash between two digits (`1ー1`, `1‐1`, `1−1`)
//!    becomes `-`, while the long vowel `ー` inside katakana stays;
//! 4. [`join_spaced_letters`]: `D X` becomes `DX`;
//! 5. [`close_japanese_spaces`]: a single space between Japanese characters,
//!    or between Japanese and a Latin letter, is a PDF artefact and goes; a
//!    tab or a run of two or more spaces is a column gap and becomes one tab.
//!
//! Every [`Line`] has the 1-based number of the source line it came from, and
//! [`Line::source_offset`] maps any byte of its text back to the byte offset
//! in the decoded source.
//!
//! ```
//! let n = jplan_normalize::Normalizer::new();
//! let doc = n.normalize("計画期間\n令和５年度〜令和９年度\nＤ Ｘ 促進 支援事業");
//! assert_eq!(doc.lines[1].text, "令和5年度～令和9年度");
//! assert_eq!(doc.lines[2].text, "DX促進支援事業");
//! assert_eq!(doc.lines[2].number, 3);
//! ```

#![deny(missing_docs)]

use std::collections::HashMap;
use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// The built-in rewrite table.
pub const REWRITE_TSV: &str = include_str!("../../../dictionaries/normalize/rewrite.tsv");
/// The built-in list of characters NFKC must not fold.
pub const NFKC_KEEP: &str = include_str!("../../../dictionaries/normalize/nfkc-keep.txt");

/// A character of normalized text with the source byte offset it came from.
type Traced = (char, u32);

/// One normalized source line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// 1-based number of the source line.
    pub number: usize,
    /// Byte offset of the source line's start in the decoded text.
    pub start: usize,
    /// The fully normalized line: Japanese spaces closed, column gaps as
    /// one tab each, trimmed.
    pub text: String,
    /// The same line with its inner spaces kept as they were (only folded
    /// and trimmed): table rows whose cells are separated by single spaces
    /// are read from this form.
    pub spaced: String,
    /// Column gaps (a tab, or a run of two or more spaces) before the line's
    /// first text. `text` and `spaced` are trimmed, so this is the only
    /// trace of the empty leading cells of a flattened table row.
    pub empty_leading_cells: usize,
    offsets: Vec<u32>,
    spaced_offsets: Vec<u32>,
}

impl Line {
    /// The byte offset in the decoded source of the character at byte
    /// `byte` of [`Line::text`] (clamped to the line).
    pub fn source_offset(&self, byte: usize) -> usize {
        lookup(&self.offsets, byte, self.start)
    }

    /// The byte offset in the decoded source of the character at byte
    /// `byte` of [`Line::spaced`].
    pub fn spaced_source_offset(&self, byte: usize) -> usize {
        lookup(&self.spaced_offsets, byte, self.start)
    }

    /// Whether the normalized line is empty.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

fn lookup(offsets: &[u32], byte: usize, fallback: usize) -> usize {
    match offsets.get(byte).or(offsets.last()) {
        Some(&o) => o as usize,
        None => fallback,
    }
}

/// A whole normalized document, one [`Line`] per source line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormalizedText {
    /// The lines, in source order; `lines[i].number == i + 1`.
    pub lines: Vec<Line>,
}

impl NormalizedText {
    /// The normalized line with 1-based source number `number`.
    pub fn line(&self, number: usize) -> Option<&Line> {
        number.checked_sub(1).and_then(|i| self.lines.get(i))
    }
}

/// A table line that could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    /// Which table.
    pub table: &'static str,
    /// 1-based line in the table.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.table, self.line, self.message)
    }
}

impl std::error::Error for TableError {}

/// Normalizes plan text; build once, share across threads.
#[derive(Clone, Debug)]
pub struct Normalizer {
    rewrite: HashMap<char, String>,
    keep: Vec<(u32, u32)>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Normalizer {
    /// The normalizer with the built-in tables.
    pub fn new() -> Self {
        Self::from_tables(REWRITE_TSV, NFKC_KEEP).expect("built-in normalization tables parse")
    }

    /// A normalizer with the given rewrite table (`source<TAB>target` lines)
    /// and NFKC keep list (`U+XXXX` or `U+XXXX..U+YYYY` lines).
    pub fn from_tables(rewrite: &str, keep: &str) -> Result<Self, TableError> {
        let mut map = HashMap::new();
        for (i, raw) in rewrite.lines().enumerate() {
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let err = |message: &str| TableError {
                table: "rewrite.tsv",
                line: i + 1,
                message: message.to_string(),
            };
            let (from, to) = raw
                .split_once('\t')
                .ok_or_else(|| err("expected source<TAB>target"))?;
            let mut chars = from.chars();
            let c = chars.next().ok_or_else(|| err("empty source"))?;
            if chars.next().is_some() {
                return Err(err("source must be one character"));
            }
            if to.is_empty() {
                return Err(err("empty target"));
            }
            map.insert(c, to.to_string());
        }
        let mut ranges = Vec::new();
        for (i, raw) in keep.lines().enumerate() {
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let parse = |s: &str| {
                s.trim()
                    .strip_prefix("U+")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .ok_or_else(|| TableError {
                        table: "nfkc-keep.txt",
                        line: i + 1,
                        message: format!("bad code point {s:?}"),
                    })
            };
            let (a, b) = match raw.split_once("..") {
                Some((a, b)) => (parse(a)?, parse(b)?),
                None => {
                    let a = parse(raw)?;
                    (a, a)
                }
            };
            ranges.push((a, b));
        }
        Ok(Normalizer {
            rewrite: map,
            keep: ranges,
        })
    }

    /// Normalize a whole decoded document. Lines end at `\n`, `\r\n` or a
    /// lone `\r`.
    pub fn normalize(&self, text: &str) -> NormalizedText {
        let mut lines = Vec::new();
        for (number, (start, raw)) in split_lines(text).enumerate() {
            lines.push(self.normalize_line(raw, start, number + 1));
        }
        NormalizedText { lines }
    }

    /// Normalize one line that starts at byte `start` of its source.
    pub fn normalize_line(&self, raw: &str, start: usize, number: usize) -> Line {
        let traced: Vec<Traced> = raw
            .char_indices()
            .map(|(i, c)| (c, (start + i) as u32))
            .collect();
        let traced = strip_html(&traced);
        let traced = self.fold(&traced);
        let traced = numbering_dashes(traced);
        let empty_leading_cells = leading_gaps(&traced);
        let spaced = trim(&traced);
        let text = close_japanese_spaces(&join_spaced_letters(&spaced));
        let (spaced, spaced_offsets) = render(&spaced);
        let (text, offsets) = render(&text);
        Line {
            number,
            start,
            text,
            spaced,
            empty_leading_cells,
            offsets,
            spaced_offsets,
        }
    }

    /// Normalize a short string with no line structure (a phrase in a test
    /// or a user-supplied term) and return only the text.
    pub fn normalize_str(&self, s: &str) -> String {
        self.normalize_line(s, 0, 1).text
    }

    fn keeps(&self, c: char) -> bool {
        let u = c as u32;
        self.keep.iter().any(|&(a, b)| a <= u && u <= b)
    }

    /// Rewrite table, then NFKC per cluster (a base character and the
    /// combining marks after it, half-width voicing marks included).
    fn fold(&self, input: &[Traced]) -> Vec<Traced> {
        fold_with(input, &self.rewrite, |c| self.keeps(c))
    }
}

/// Split text into lines at `\n`, `\r\n` or `\r`, with each line's start.
pub fn split_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    let mut done = text.is_empty();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = pos;
        let mut i = pos;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let line = &text[start..i];
        if i >= bytes.len() {
            done = true;
        } else if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            pos = i + 2;
        } else {
            pos = i + 1;
        }
        if pos >= bytes.len() && i < bytes.len() {
            // The text ends with a line break: no empty line after it.
            done = true;
        }
        Some((start, line))
    })
}

const HTML_TAGS: &[&str] = &[
    "br", "p", "td", "tr", "th", "table", "tbody", "thead", "span", "div", "b", "i", "u", "sup",
    "sub", "font", "li", "ul", "ol", "strong", "em", "small", "center",
];

/// Drop HTML tags (`<br>` becomes a space) and decode the common entities.
pub fn strip_html(input: &[Traced]) -> Vec<Traced> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let (c, off) = input[i];
        if c == '<'
            && let Some((len, is_break)) = html_tag_at(&input[i..])
        {
            if is_break {
                out.push((' ', off));
            }
            i += len;
            continue;
        }
        if c == '&'
            && let Some((len, rep)) = entity_at(&input[i..])
        {
            out.push((rep, off));
            i += len;
            continue;
        }
        out.push((c, off));
        i += 1;
    }
    out
}

fn html_tag_at(s: &[Traced]) -> Option<(usize, bool)> {
    let mut j = 1;
    if s.get(j).map(|t| t.0) == Some('/') {
        j += 1;
    }
    let name_start = j;
    while j < s.len() && s[j].0.is_ascii_alphabetic() {
        j += 1;
    }
    let name: String = s[name_start..j]
        .iter()
        .map(|t| t.0.to_ascii_lowercase())
        .collect();
    if !HTML_TAGS.contains(&name.as_str()) {
        return None;
    }
    // Attributes up to '>', on the same line and not too long.
    let mut k = j;
    while k < s.len() && k < j + 200 {
        match s[k].0 {
            '>' => {
                return Some((
                    k + 1,
                    matches!(name.as_str(), "br" | "p" | "td" | "th" | "li" | "tr"),
                ));
            }
            '<' => return None,
            c if k == j && !(c == ' ' || c == '/') => return None,
            _ => k += 1,
        }
    }
    None
}

fn entity_at(s: &[Traced]) -> Option<(usize, char)> {
    let end = s.iter().take(10).position(|t| t.0 == ';')?;
    let name: String = s[1..end].iter().map(|t| t.0).collect();
    let c = match name.as_str() {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\t')?
        }
    };
    Some((end + 1, c))
}

fn is_combining(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x0300..=0x036F | 0x3099..=0x309A | 0xFF9E..=0xFF9F | 0x20D0..=0x20FF)
}

/// Characters NFKC maps to themselves when no combining mark follows:
/// CJK unified ideographs, hiragana, katakana, ー and the common Japanese
/// punctuation.
fn nfkc_stable(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC | 0x3001..=0x3002 | 0x300C..=0x3011)
}

fn fold_with(
    input: &[Traced],
    rewrite: &HashMap<char, String>,
    keep: impl Fn(char) -> bool,
) -> Vec<Traced> {
    let rewrites_stable = rewrite.keys().any(|&c| nfkc_stable(c));
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    let mut cluster = String::new();
    while i < input.len() {
        let (c, off) = input[i];
        let mut j = i + 1;
        while j < input.len() && is_combining(input[j].0) {
            j += 1;
        }
        // Kanji and kana are the bulk of the text and NFKC leaves them as
        // they are: skip the table and NFKC unless the table names them.
        if j == i + 1 && nfkc_stable(c) && (!rewrites_stable || !rewrite.contains_key(&c)) {
            out.push((c, off));
            i = j;
            continue;
        }
        if let Some(rep) = rewrite.get(&c) {
            out.extend(rep.chars().map(|r| (r, off)));
            i += 1;
            continue;
        }
        if keep(c) {
            out.push((c, off));
            i += 1;
            continue;
        }
        if c.is_ascii() && j == i + 1 {
            out.push((if c == '\x0c' || c == '\x0b' { ' ' } else { c }, off));
            i = j;
            continue;
        }
        cluster.clear();
        cluster.extend(input[i..j].iter().map(|t| t.0));
        for n in cluster.nfkc() {
            // NFKC turns the rewrite table's characters (～) into others;
            // what it produces passes through the table once more.
            match rewrite.get(&n) {
                Some(rep) => out.extend(rep.chars().map(|r| (r, off))),
                None if n.is_whitespace() && n != '\t' => out.push((' ', off)),
                None => out.push((n, off)),
            }
        }
        i = j;
    }
    out
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | 'ー' | '─' | '━' | '﹣'
    )
}

/// A dash between two digits is a numbering hyphen (`1ー1`, `1‐1` → `1-1`).
pub fn numbering_dashes(mut out: Vec<Traced>) -> Vec<Traced> {
    for i in 1..out.len().saturating_sub(1) {
        let (c, off) = out[i];
        if c != '-' && is_dash(c) && out[i - 1].0.is_ascii_digit() && out[i + 1].0.is_ascii_digit()
        {
            out[i] = ('-', off);
        }
    }
    out
}

/// How many column gaps come before the first non-blank character: each
/// tab is one, and so is a run of two or more spaces with no tab beside it
/// (spaces next to a tab only pad that gap).
fn leading_gaps(input: &[Traced]) -> usize {
    let end = input
        .iter()
        .position(|&(c, _)| c != ' ' && c != '\t')
        .unwrap_or(0);
    let lead = &input[..end];
    let tabs = lead.iter().filter(|&&(c, _)| c == '\t').count();
    let runs = lead
        .split(|&(c, _)| c == '\t')
        .enumerate()
        .filter(|(i, run)| {
            let parts = tabs + 1;
            // A run bordered by a tab on either side pads that tab.
            let next_to_tab = (*i > 0) || (*i + 1 < parts);
            run.len() >= 2 && !next_to_tab
        })
        .count();
    tabs + runs
}

fn trim(input: &[Traced]) -> Vec<Traced> {
    let ws = |c: char| c == ' ' || c == '\t';
    let start = input.iter().position(|t| !ws(t.0)).unwrap_or(input.len());
    let end = input
        .iter()
        .rposition(|t| !ws(t.0))
        .map_or(start, |e| e + 1);
    input[start..end].to_vec()
}

/// Whether `c` belongs to Japanese text (kana, kanji, Japanese punctuation,
/// circled numbers): a single space between two of them is a PDF artefact.
pub fn is_japanese(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x3000..=0x303F   // CJK punctuation: 、。「」『』【】〔〕々〆
        | 0x3040..=0x30FF // kana, ・, ー
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF5E          // ～
        | 0x2460..=0x24FF // ①
        | 0x3251..=0x32BF
        | 0x20000..=0x2FFFF)
}

/// `D X 促進` → `DX 促進`: single capital letters separated by single
/// spaces are one word that PDF-to-text spaced out.
pub fn join_spaced_letters(input: &[Traced]) -> Vec<Traced> {
    let n = input.len();
    let is_cap = |i: usize| input.get(i).is_some_and(|t| t.0.is_ascii_uppercase());
    let is_alnum = |i: Option<usize>| {
        i.and_then(|i| input.get(i))
            .is_some_and(|t| t.0.is_ascii_alphanumeric())
    };
    let mut drop = vec![false; n];
    let mut i = 0;
    while i < n {
        // A run: L (' ' L)+ with no letter or digit glued on either end.
        if is_cap(i) && !is_alnum(i.checked_sub(1)) && !is_alnum(Some(i + 1)) {
            let mut j = i;
            let mut letters = 1;
            while j + 2 < n && input[j + 1].0 == ' ' && is_cap(j + 2) && !is_alnum(Some(j + 3)) {
                j += 2;
                letters += 1;
            }
            if letters >= 2 {
                let mut k = i + 1;
                while k < j {
                    drop[k] = true;
                    k += 2;
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    input
        .iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(t, _)| *t)
        .collect()
}

/// Close single spaces that PDF-to-text put inside Japanese phrases; turn
/// column gaps (a tab, or two or more spaces) into one tab.
pub fn close_japanese_spaces(input: &[Traced]) -> Vec<Traced> {
    let mut out: Vec<Traced> = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let (c, off) = input[i];
        if c != ' ' && c != '\t' {
            out.push((c, off));
            i += 1;
            continue;
        }
        let mut j = i;
        let mut tab = false;
        while j < input.len() && (input[j].0 == ' ' || input[j].0 == '\t') {
            tab |= input[j].0 == '\t';
            j += 1;
        }
        let run = j - i;
        if tab || run >= 2 {
            out.push(('\t', off));
        } else {
            let before = out.last().map(|t| t.0);
            let after = input.get(j).map(|t| t.0);
            let close = match (before, after) {
                (Some(b), Some(a)) => {
                    let jb = is_japanese(b);
                    let ja = is_japanese(a);
                    (jb && (ja || a.is_ascii_alphabetic() || a == '('))
                        || (ja && (b.is_ascii_alphabetic() || matches!(b, ')' | ']' | '>')))
                }
                _ => true,
            };
            if !close {
                out.push((' ', off));
            }
        }
        i = j;
    }
    out
}

fn render(input: &[Traced]) -> (String, Vec<u32>) {
    let mut s = String::with_capacity(input.len() * 3);
    let mut offsets = Vec::with_capacity(input.len() * 3);
    for &(c, off) in input {
        s.push(c);
        offsets.extend(std::iter::repeat_n(off, c.len_utf8()));
    }
    (s, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        Normalizer::new().normalize_str(s)
    }

    #[test]
    fn nfkc_width() {
        assert_eq!(n("２０１９　ＡＢＣ"), "2019 ABC");
        assert_eq!(n("ｻﾝｷﾞｮｳ ｼﾝｺｳ"), "サンギョウシンコウ");
        assert_eq!(n("（１）"), "(1)");
        assert_eq!(n("１１４，５００"), "114,500");
    }

    #[test]
    fn range_marks_become_one() {
        for s in [
            "令和5年度～令和9年度",
            "令和5年度〜令和9年度",
            "令和5年度~令和9年度",
            "令和5年度∼令和9年度",
        ] {
            assert_eq!(n(s), "令和5年度～令和9年度", "{s}");
        }
        assert_eq!(n("２０１９〜２０２５"), "2019～2025");
    }

    #[test]
    fn numbering_dashes_but_not_long_vowels() {
        assert_eq!(n("１ー１"), "1-1");
        assert_eq!(n("１－１"), "1-1");
        assert_eq!(n("1‐1"), "1-1");
        assert_eq!(n("2−3−1"), "2-3-1");
        assert_eq!(n("データーセンター"), "データーセンター");
        assert_eq!(n("ｾﾝﾀｰ"), "センター");
    }

    #[test]
    fn spaces_inside_japanese_are_closed() {
        assert_eq!(n("所沢市 産業振興 ビジョン"), "所沢市産業振興ビジョン");
        assert_eq!(n("令和5年度 ～ 令和9年度"), "令和5年度～令和9年度");
        assert_eq!(n("COOL JAPAN FOREST構想"), "COOL JAPAN FOREST構想");
        // A digit before Japanese keeps its space: numbering stays readable.
        assert_eq!(
            n("1 発展的なイノベーションの創出"),
            "1 発展的なイノベーションの創出"
        );
        assert_eq!(n("R1 9,095 R5 9,186"), "R1 9,095 R5 9,186");
    }

    #[test]
    fn column_gaps_become_tabs() {
        assert_eq!(n("指標名   現状\t目標"), "指標名\t現状\t目標");
        let line = Normalizer::new().normalize_line("指標名 現状  目標", 0, 1);
        assert_eq!(line.text, "指標名現状\t目標");
        assert_eq!(line.spaced, "指標名 現状  目標");
    }

    #[test]
    fn empty_leading_cells_are_counted() {
        let cells = |s: &str| {
            Normalizer::new()
                .normalize_line(s, 0, 1)
                .empty_leading_cells
        };
        assert_eq!(cells("\t\t施策"), 2);
        assert_eq!(cells("施策\t事業"), 0);
        assert_eq!(cells("    施策"), 1);
        assert_eq!(cells(" 施策"), 0);
        assert_eq!(cells("\t   \t施策"), 2);
        assert_eq!(cells("\t\t"), 0);
    }

    #[test]
    fn spaced_letters_are_joined() {
        assert_eq!(n("D X 促進支援事業"), "DX促進支援事業");
        assert_eq!(n("M I C E の誘致"), "MICEの誘致");
        assert_eq!(n("Ｂ Ｃ Ｐ 策定"), "BCP策定");
        assert_eq!(n("R5 R6 R7"), "R5 R6 R7");
        assert_eq!(n("A 社と B 社"), "A社とB社");
    }

    #[test]
    fn radicals_and_compatibility_ideographs() {
        assert_eq!(n("⻑期計画"), "長期計画");
        assert_eq!(n("⺟子"), "母子");
        assert_eq!(n("⼈材"), "人材"); // Kangxi radical, folded by NFKC
        assert_eq!(n("\u{F9DC}"), "隆"); // compatibility ideograph
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc() {
        use unicode_normalization::UnicodeNormalization;
        for u in (0x3000u32..0x3100).chain(0x4E00..0x9FFF) {
            let Some(c) = char::from_u32(u) else { continue };
            if nfkc_stable(c) {
                assert_eq!(
                    c.to_string().nfkc().collect::<String>(),
                    c.to_string(),
                    "U+{u:04X}"
                );
            }
        }
        // A voicing mark after a fast-path kana still composes.
        assert_eq!(n("か\u{3099}"), "が");
        // A rewrite rule for a fast-path character still applies.
        let custom = Normalizer::from_tables("漢\t漢字\n", "").unwrap();
        assert_eq!(custom.normalize_str("漢"), "漢字");
    }

    #[test]
    fn circled_numbers_are_kept() {
        assert_eq!(n("目標①"), "目標①");
        assert_eq!(n("⑴"), "(1)");
        assert_eq!(n("㈱"), "(株)");
    }

    #[test]
    fn html_fragments() {
        assert_eq!(n("企業誘致<br>推進事業"), "企業誘致推進事業");
        // Cell boundaries are column gaps.
        assert_eq!(n("<td>9,095</td><td>9,186</td>"), "9,095\t9,186");
        assert_eq!(n("&lt;再掲&gt; 事業"), "<再掲>事業");
        assert_eq!(n("<再掲>創業支援"), "<再掲>創業支援");
    }

    #[test]
    fn lines_and_offsets() {
        let src = "ａ\r\n  計画 期間\r第２期\n";
        let doc = Normalizer::new().normalize(src);
        assert_eq!(doc.lines.len(), 3);
        assert_eq!(doc.lines[1].text, "計画期間");
        assert_eq!(doc.lines[1].number, 2);
        // 期 of 期間 is at source byte: "ａ\r\n" (5) + "  計画 " (2+6+1) = 14
        let line = &doc.lines[1];
        let byte = line.text.find('期').unwrap();
        assert_eq!(line.source_offset(byte), 14);
        assert_eq!(&src[14..17], "期");
        assert_eq!(doc.lines[2].text, "第2期");
        assert_eq!(doc.lines[2].source_offset(3), src.find('２').unwrap());
    }

    #[test]
    fn split_lines_handles_all_breaks() {
        let v: Vec<_> = split_lines("a\nb\r\nc\rd").collect();
        assert_eq!(v, vec![(0, "a"), (2, "b"), (5, "c"), (7, "d")]);
        assert_eq!(split_lines("a\n").count(), 1);
        assert_eq!(split_lines("").count(), 0);
        assert_eq!(split_lines("\n\n").count(), 2);
    }

    #[test]
    fn tables_parse_errors_name_the_line() {
        let e = Normalizer::from_tables("# c\nab\tc\n", "").unwrap_err();
        assert_eq!(e.line, 2);
        let e = Normalizer::from_tables("", "U+ZZ\n").unwrap_err();
        assert_eq!(e.table, "nfkc-keep.txt");
    }
}
