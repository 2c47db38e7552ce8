//! The document layer: a document's normalized lines turned into units in
//! reading order, with what converters did to the text undone.
//!
//! Built once per document, before any rule runs; every rule reads the
//! units, never the raw lines. Each unit is a [`Line`] that keeps the
//! number of the source line it came from, so provenance survives: a
//! source line may give several units (a web page flattened onto one
//! line), and a unit may be dropped (furniture).
//!
//! What is undone, in order:
//! 1. **Furniture**: lines that mirrors, web pages and PDF pages print
//!    around the text (`dictionaries/vocab/furniture.txt`), a viewer's
//!    page marker `(3)` followed by the page's own number `3`, and running
//!    headers and footers (the same words with a different page number on
//!    three lines or more).
//! 2. **Overprinted bold**: a heading whose every character is printed two
//!    to four times (`総総総総合合合合`), and a heading printed again
//!    shifted, so that the next line repeats the end of the line before it.
//! 3. **Flattened pages**: a long line holding a whole page (a web page's
//!    transcript, a table of contents) is cut where a numbered heading, a
//!    bullet, a sentence or a contents entry begins.
//! 4. **Contents entries**: dot leaders and the page number after them are
//!    dropped; the unit keeps its title and is marked [`Role::Contents`].

use std::sync::LazyLock;

use regex::Regex;

use crate::numbering;
use crate::vocab;
use crate::{Line, Morph};

/// What a unit is, as far as the layer can tell without the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Running text, a heading, a list item or a table row.
    Text,
    /// An entry of a table of contents (its leader and page number dropped).
    Contents,
}

/// One unit of the document.
#[derive(Clone, Debug)]
pub struct Unit {
    /// The unit's text, with the number of the source line it starts on.
    pub line: Line,
    /// What it is.
    pub role: Role,
}

/// A document as the rules read it.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Units in reading order; blank units separate blocks.
    pub units: Vec<Unit>,
}

impl Document {
    /// The units' lines and their roles, aligned, for rules that read lines.
    pub fn into_parts(self) -> (Vec<Line>, Vec<Role>) {
        self.units.into_iter().map(|u| (u.line, u.role)).unzip()
    }

    /// The units' lines, for rules that read lines.
    pub fn lines(&self) -> Vec<Line> {
        self.units.iter().map(|u| u.line.clone()).collect()
    }

    /// The units' roles, aligned with [`Document::lines`].
    pub fn roles(&self) -> Vec<Role> {
        self.units.iter().map(|u| u.role).collect()
    }
}

static NORMALIZER: LazyLock<jplan_normalize::Normalizer> =
    LazyLock::new(jplan_normalize::Normalizer::new);

/// A line of text `text` that keeps `like`'s provenance.
fn relined(like: &Line, text: &str) -> Line {
    NORMALIZER.normalize_line(text, like.start, like.number)
}

fn blank(like: &Line) -> Line {
    relined(like, "")
}

/// Build the document from its normalized lines.
pub fn build(lines: &[Line]) -> Document {
    // (each step takes the lines and moves on those it leaves alone: a
    // line carries its characters' source offsets, costly to copy)
    let lines: Vec<Line> = lines.iter().map(unmark).collect();
    let lines = pipe_rows(lines);
    let lines = drop_furniture(lines);
    let lines = undo_overprint(lines);
    let lines: Vec<Line> = lines.into_iter().map(join_spaced_row).collect();
    let lines = match crate::strategy::layout::arrange(&lines) {
        std::borrow::Cow::Borrowed(_) => lines,
        std::borrow::Cow::Owned(arranged) => arranged,
    };
    let mut units = Vec::with_capacity(lines.len());
    for line in lines {
        if is_flattened(&line) {
            for piece in cut_flattened(&line) {
                units.push(contents_or_text(piece));
            }
        } else {
            units.push(contents_or_text(line));
        }
    }
    Document { units }
}

// ---------------------------------------------------------------- joins

/// Decides whether a line carries on the phrase of the line before it: a
/// heading broken over two lines by a PDF's line wrap, or two lines that
/// each stand alone (a heading and the next heading, a heading and its
/// description). Built once per document.
///
/// A line carries on when the phrase before it ends open (`…の`, `…と`,
/// `…、`), when it starts with what cannot start a phrase (a particle, a
/// suffix, a small kana: `との関係性強化`, `化の促進`), when the break falls
/// inside a word (`ものづく` / `り・医工連携`: the analyser finds one
/// morpheme across it), or when the line before it filled the document's
/// line width (a wrapped line: 90% of the width at least). Otherwise two whole phrases stand apart.
/// Without the analyser ([`crate::NoMorph`]) adjacent lines are joined.
pub struct Joiner<'a> {
    morph: &'a dyn Morph,
    /// The width lines wrap at: the 90th percentile of line lengths.
    width: usize,
    /// Join every adjacent line (for readers that decide where a phrase
    /// ends by its words, such as a project name ending in `プロジェクト`).
    always: bool,
}

/// The shortest wrap width assumed (a text of short lines only).
const MIN_WIDTH: usize = 16;

impl<'a> Joiner<'a> {
    /// A joiner for a document's lines.
    pub fn new(lines: &[Line], morph: &'a dyn Morph) -> Self {
        let mut lens: Vec<usize> = lines
            .iter()
            .filter(|l| !l.is_blank() && !l.text.contains('\t'))
            .map(|l| l.text.chars().count())
            .collect();
        lens.sort_unstable();
        let width = lens
            .get(lens.len().saturating_mul(9) / 10)
            .copied()
            .unwrap_or(0)
            .max(MIN_WIDTH);
        Joiner {
            morph,
            width,
            always: false,
        }
    }

    /// A joiner that joins every adjacent line.
    pub fn always(morph: &'a dyn Morph) -> Self {
        Joiner {
            morph,
            width: MIN_WIDTH,
            always: true,
        }
    }

    /// Whether `next` carries on `phrase`, whose last line is `last`.
    pub fn carries_on(&self, phrase: &str, last: &str, next: &str) -> bool {
        let next = next.trim_start();
        if phrase.is_empty() || next.is_empty() {
            return !phrase.is_empty() || !next.is_empty();
        }
        if self.always || ends_open(phrase) || next.chars().next().is_some_and(continues) {
            return true;
        }
        if last.chars().count() * 10 >= self.width * 9 {
            return true; // the line before filled the width: wrapped
        }
        // the analyser sees a word across the break, or a phrase ending
        // open; a word leaning on the one before it (a suffix: `…化`, `…村`)
        // carries on a title only from a short line, not a paragraph's
        // first line; without the analyser adjacent short lines are one
        match self.break_at(phrase, next) {
            None => true,
            Some(Break::Inside | Break::Open) => true,
            Some(Break::Leans) => next.chars().count() * 10 < self.width * 8,
            Some(Break::Apart) => false,
        }
    }

    /// Whether `next` carries on `phrase` by the words alone (an open end,
    /// a leaning start, a word across the break), the line width aside:
    /// for lines that each hold a whole item, such as a column of titles.
    pub fn surely_carries_on(&self, phrase: &str, next: &str) -> bool {
        let next = next.trim_start();
        !phrase.is_empty()
            && !next.is_empty()
            && (ends_open(phrase)
                || next.chars().next().is_some_and(continues)
                || matches!(
                    self.break_at(phrase, next),
                    Some(Break::Inside | Break::Open | Break::Leans)
                ))
    }

    /// What the analyser says about the break between `phrase` and `next`;
    /// `None` when it cannot tell.
    fn break_at(&self, phrase: &str, next: &str) -> Option<Break> {
        let tail: String = {
            let c: Vec<char> = phrase.chars().collect();
            c[c.len().saturating_sub(10)..].iter().collect()
        };
        let head: String = next.chars().take(10).collect();
        let joined = format!("{tail}{head}");
        let cut = tail.len();
        let morphs = self.morph.analyse(&joined);
        if morphs.is_empty() {
            return None;
        }
        if morphs.iter().any(|m| m.start < cut && cut < m.end) {
            return Some(Break::Inside);
        }
        let first = morphs.iter().find(|m| m.start >= cut)?;
        let last = morphs.iter().rev().find(|m| m.end <= cut)?;
        // the phrase ends in a particle or a prefix (`…による`, `…及び`)
        let open = ["助詞", "接頭詞", "連体詞", "接続詞"]
            .iter()
            .any(|p| last.pos.starts_with(p));
        // the line starts with a word that leans on the one before
        let leans = [
            "助詞",
            "助動詞",
            "名詞,接尾",
            "名詞,非自立",
            "動詞,非自立",
            "動詞,接尾",
        ]
        .iter()
        .any(|p| first.pos.starts_with(p));
        // a サ変 noun and its する (`…を活用` / `し、…`)
        let suru = last.pos.starts_with("名詞,サ変接続")
            && first.pos.starts_with("動詞")
            && first.base.as_deref() == Some("する");
        Some(if open || suru {
            Break::Open
        } else if leans {
            Break::Leans
        } else {
            Break::Apart
        })
    }
}

/// What lies at a line break, as the analyser reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Break {
    /// One word across the break (`ものづく` / `り`).
    Inside,
    /// The phrase before ends open (a particle, a prefix, a サ変 noun before
    /// its する).
    Open,
    /// The line starts with a word that leans on the one before (a
    /// particle, an auxiliary, a suffix).
    Leans,
    /// Two words that each stand.
    Apart,
}

/// Whether a phrase ends where a phrase cannot end (`…の`, `…と`, `…・`).
pub(crate) fn ends_open(s: &str) -> bool {
    matches!(
        s.chars().last(),
        Some('の' | 'と' | 'や' | 'を' | 'に' | 'が' | 'へ' | 'で' | '、' | '・' | '(' | '（')
    )
}

/// Whether `c` cannot start a phrase: a particle, a small kana, a
/// prolonged sound mark, a closing bracket.
pub(crate) fn continues(c: char) -> bool {
    matches!(
        c,
        'を' | 'に'
            | 'が'
            | 'は'
            | 'の'
            | 'と'
            | 'で'
            | 'へ'
            | 'や'
            | 'も'
            | 'り'
            | 'る'
            | 'っ'
            | 'ん'
            | 'ー'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'ッ'
            | 'ン'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | '・'
            | '、'
            | ')'
            | '）'
    )
}

// ---------------------------------------------------------------- markdown

/// Markdown marks around a line's text: a heading's `#`s and bold or
/// italic marks (`## 第2章 **具体的な取組**` → `第2章 具体的な取組`).
static MARKDOWN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}\s+|\*\*|__").expect("valid regex"));

fn unmark(line: &Line) -> Line {
    if !line.spaced.starts_with('#') && !line.spaced.contains("**") && !line.spaced.contains("__") {
        return line.clone();
    }
    let text = MARKDOWN.replace_all(&line.spaced, "");
    relined(line, text.trim())
}

/// Rows of a Markdown pipe table (`| 基本目標 | 施策 |`) become rows of
/// cells parted by tabs, as `pdftotext` leaves a table, empty cells kept
/// (`|  | (2) … |` starts with an empty cell), so that every table reader
/// reads one form; the rule row under the header (`|---|---|`) is dropped.
fn pipe_rows(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let t = line.spaced.trim();
        let Some(inner) = t
            .strip_prefix('|')
            .and_then(|r| r.strip_suffix('|'))
            .filter(|r| r.contains('|'))
        else {
            out.push(line);
            continue;
        };
        let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
        if cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue; // the rule row
        }
        out.push(relined(&line, &cells.join("\t")));
    }
    out
}

// ---------------------------------------------------------------- furniture

fn drop_furniture(mut lines: Vec<Line>) -> Vec<Line> {
    let furniture = &vocab::get().furniture;
    let mut i = 0;
    while i < lines.len() {
        if let Some(next) = page_marker_pair(&lines, i) {
            for l in &mut lines[i..=next] {
                *l = blank(l);
            }
            i = next + 1;
            continue;
        }
        let line = &lines[i];
        match furniture.check(line.text.trim()) {
            Furniture::Not => {}
            Furniture::Drop => lines[i] = blank(line),
            Furniture::Keep(rest) => lines[i] = relined(line, &rest),
        }
        i += 1;
    }
    drop_running_heads(lines)
}

/// Fewest pages a running header or footer is printed on.
const RUNNING_MIN: usize = 3;

/// A page's running header or footer: the same words on three lines or
/// more with page numbers that differ (`産業振興計画　12`, `- 13 - 産業振興計画`).
fn drop_running_heads(mut lines: Vec<Line>) -> Vec<Line> {
    use std::collections::HashMap;
    // the words of a line with a page number before or after them
    let key = |t: &str| -> Option<(String, String)> {
        let t = t.trim();
        if t.contains('。') || t.chars().count() > 60 {
            return None;
        }
        let digits = |c: char| c.is_ascii_digit();
        let marks = |c: char| {
            c.is_whitespace() || matches!(c, '-' | '－' | '‐' | '—' | '|' | 'P' | 'p' | '.')
        };
        let (words, page) = if let Some(head) = t.strip_suffix(|c: char| digits(c)) {
            let words = head.trim_end_matches(digits);
            (words, &t[words.len()..])
        } else if t.starts_with(|c: char| digits(c)) {
            let page_end = t.find(|c: char| !digits(c)).unwrap_or(t.len());
            (&t[page_end..], &t[..page_end])
        } else {
            return None;
        };
        let words = words.trim_matches(marks);
        // words, not a numbered heading or label (`1 計画の概要`,
        // `基本目標1`, `重点推進事業8`) nor a year (`25年度実績`)
        (words.chars().count() >= 4
            && words.chars().any(crate::is_kanji_or_kana)
            && !words.contains('\t')
            && numbering::parse(t).is_none()
            && crate::wareki::find_years(t).is_empty())
        .then(|| (words.to_string(), page.to_string()))
    };
    // per words: the lines they stand on and the page numbers
    let mut seen: HashMap<String, (Vec<usize>, Vec<String>)> = HashMap::new();
    let keys: Vec<Option<(String, String)>> = lines.iter().map(|l| key(&l.text)).collect();
    for (k, (words, page)) in keys
        .iter()
        .enumerate()
        .filter_map(|(k, x)| Some((k, x.as_ref()?)))
    {
        let e = seen.entry(words.clone()).or_default();
        e.0.push(lines[k].number);
        if !e.1.contains(page) {
            e.1.push(page.clone());
        }
    }
    // a page apart at least each time: a list of labels stands closer
    let running = |at: &[usize], pages: &[String]| {
        at.len() >= RUNNING_MIN
            && pages.len() >= RUNNING_MIN
            && at.windows(2).all(|w| w[1] >= w[0] + PAGE_MIN_LINES)
    };
    for (line, k) in lines.iter_mut().zip(&keys) {
        if let Some((words, _)) = k
            && seen
                .get(words)
                .is_some_and(|(at, pages)| running(at, pages))
        {
            *line = blank(line);
        }
    }
    lines
}

/// Fewest lines between two running headers (a page holds more).
const PAGE_MIN_LINES: usize = 10;

/// A viewer's page marker `(3)` followed (after blanks) by the page's own
/// number `3`: the index of the number's line.
fn page_marker_pair(lines: &[Line], i: usize) -> Option<usize> {
    let t = lines[i].text.trim();
    let n = t.strip_prefix('(')?.strip_suffix(')')?;
    if n.is_empty() || n.len() > 3 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let next = (i + 1..lines.len()).find(|&j| !lines[j].is_blank())?;
    (lines[next].text.trim() == n).then_some(next)
}

/// Page-furniture patterns, one per line (see the file's header).
pub(crate) struct FurnitureSet {
    patterns: Vec<Regex>,
    /// All patterns at once: which one matches, in one pass over the line.
    set: regex::RegexSet,
}

enum Furniture {
    Not,
    Drop,
    Keep(String),
}

impl FurnitureSet {
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let mut patterns = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let re = Regex::new(raw).map_err(|e| format!("furniture.txt line {}: {e}", i + 1))?;
            patterns.push(re);
        }
        let set = regex::RegexSet::new(patterns.iter().map(Regex::as_str))
            .map_err(|e| format!("furniture.txt: {e}"))?;
        Ok(FurnitureSet { patterns, set })
    }

    fn check(&self, t: &str) -> Furniture {
        if t.is_empty() {
            return Furniture::Not;
        }
        if let Some(first) = self.set.matches(t).iter().next()
            && let Some(c) = self.patterns[first].captures(t)
        {
            return match c.name("keep") {
                Some(k) => Furniture::Keep(k.as_str().to_string()),
                None => Furniture::Drop,
            };
        }
        Furniture::Not
    }
}

// ---------------------------------------------------------------- overprint

/// Collapse characters printed `k` times over (`総総総総合合合合` → `総合`):
/// every word of the line (words parted by spaces, which stay) must be runs
/// of exactly `k` equal characters, with three runs at least in all.
fn collapse_repeats(t: &str) -> Option<String> {
    // the first word starts with a run
    let mut c = t.chars();
    if c.next() != c.next() {
        return None;
    }
    let words: Vec<Vec<char>> = t.split_whitespace().map(|w| w.chars().collect()).collect();
    let runs: usize = words.iter().map(Vec::len).sum();
    'k: for k in (2..=4).rev() {
        if runs < 3 * k {
            continue;
        }
        let mut out: Vec<String> = Vec::new();
        for w in &words {
            if w.len() % k != 0 {
                continue 'k;
            }
            let mut word = String::new();
            for run in w.chunks(k) {
                if run.iter().any(|&c| c != run[0]) {
                    continue 'k;
                }
                word.push(run[0]);
            }
            out.push(word);
        }
        let joined = out.join(" ");
        // a row of one repeated mark (`・・・・`) is a leader, not bold text
        let first = joined.chars().next().unwrap_or(' ');
        if joined.chars().all(|c| c == first || c == ' ') {
            return None;
        }
        return Some(joined);
    }
    None
}

fn undo_overprint(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut prev: Option<usize> = None; // index in `out` of the last text line
    for line in lines {
        if line.text.trim().is_empty() {
            out.push(line);
            continue;
        }
        // (words as spaced: the normalized text closed the spaces)
        let line = match collapse_repeats(line.spaced.trim()) {
            Some(c) => relined(&line, &c),
            None => line,
        };
        let t = line.text.as_str();
        if let Some(p) = prev {
            let before = out[p].text.as_str();
            // printed again shifted: the line is the end of the one before
            if t.chars().count() >= 4 && before.len() > t.len() && before.ends_with(t) {
                out.push(blank(&line));
                continue;
            }
            // or starts with the end of the one before and goes on (a
            // numbered heading that repeats a word is no reprint:
            // `重点プロジェクト` / `プロジェクト1 …`)
            if numbering::parse(t).is_none()
                && let Some(joined) = overlap_join(before, t)
            {
                let number = out[p].number;
                let start = out[p].start;
                out[p] = NORMALIZER.normalize_line(&joined, start, number);
                out.push(blank(&line));
                continue;
            }
        }
        prev = Some(out.len());
        out.push(line);
    }
    out
}

/// `森と水と人が織りなす匠` + `りなす匠の里・おといねっぷ`: the second line
/// starts with three or more characters that end the first.
fn overlap_join(before: &str, t: &str) -> Option<String> {
    let b: Vec<char> = before.chars().collect();
    let c: Vec<char> = t.chars().collect();
    let max = b.len().min(c.len()).saturating_sub(1);
    for n in (3..=max).rev() {
        if b[b.len() - n..] == c[..n] && c[..n].iter().any(|&ch| crate::is_kanji_or_kana(ch)) {
            // a heading, not running text: neither line ends a sentence
            if before.ends_with('。') || t.ends_with('。') {
                return None;
            }
            let rest: String = c[n..].iter().collect();
            return Some(format!("{before}{rest}"));
        }
    }
    None
}

// ---------------------------------------------------------------- letter-spaced rows

/// A row of a form whose label was letter-spaced, so that a converter put
/// every character in a cell of its own (`計 ⇥ 画 ⇥ 期 ⇥ 間 ⇥ : ⇥ 平成 ⇥ 29 ⇥
/// 年度 …`, also between Markdown pipes): its cells joined again. The row
/// must start with two one-character cells of kanji or kana, and most of
/// its cells must hold two characters at most.
fn join_spaced_row(line: Line) -> Line {
    let t = &line.text;
    if !t.contains(['\t', '|']) {
        return line;
    }
    let cells: Vec<&str> = t
        .split(['\t', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.chars().all(|ch| ch == '-'))
        .collect();
    let one = |c: &str| {
        let mut it = c.chars();
        it.next().is_some_and(crate::is_kanji_or_kana) && it.next().is_none()
    };
    let short = cells.iter().filter(|c| c.chars().count() <= 2).count();
    if cells.len() < 4 || !cells[..2].iter().all(|c| one(c)) || short * 10 < cells.len() * 7 {
        return line;
    }
    relined(&line, &cells.concat())
}

// ---------------------------------------------------------------- flattened pages

/// Characters a line must exceed to be read as a flattened page.
const FLAT_MIN_CHARS: usize = 100;

static LEADER_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    // a dot leader (`・・・`, `……`, `....`, `.. .. .`) and the page number after it
    Regex::new(r"(?:[・･…‥]{3,}|(?:\.\s?){3,}|(?:・\s?){3,})[\s・･….]*(\d{1,3})?").unwrap()
});

/// Unit starts (numbered headings, bullets) a long line needs to be read as
/// a flattened page rather than a paragraph.
const FLAT_MIN_STARTS: usize = 2;

fn is_flattened(line: &Line) -> bool {
    let s = line.spaced.as_str();
    if s.contains('\t') || s.contains("  ") {
        return false; // columns of a -layout page or a table row
    }
    if s.contains(['・', '･', '…', '‥', '.']) && LEADER_PAGE.find_iter(s).count() >= 2 {
        return true;
    }
    if s.chars().count() < FLAT_MIN_CHARS {
        return false;
    }
    let starts = s
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_whitespace() && starts_unit(&s[i + c.len_utf8()..]))
        .count();
    starts >= FLAT_MIN_STARTS
}

/// Cut a flattened page into units.
fn cut_flattened(line: &Line) -> Vec<Line> {
    let s = line.spaced.as_str();
    let mut cuts: Vec<usize> = Vec::new();
    // after a contents entry's page number
    let leaders: Vec<(usize, usize)> = LEADER_PAGE
        .find_iter(s)
        .map(|m| (m.start(), m.end()))
        .collect();
    for &(_, end) in &leaders {
        if end < s.len() {
            cuts.push(end);
        }
    }
    let in_leader = |i: usize| leaders.iter().any(|&(a, b)| a <= i && i < b);
    // before a numbered heading or a bullet, after a sentence
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        if k == 0 || !c.is_whitespace() || in_leader(i) || in_leader(i + c.len_utf8()) {
            continue;
        }
        let prev = bytes[k - 1].1;
        let next = i + c.len_utf8();
        let rest = &s[next..];
        if rest.is_empty() {
            continue;
        }
        if prev == '。' || starts_unit(rest) {
            cuts.push(next);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain(std::iter::once(s.len())) {
        if cut <= from {
            continue;
        }
        let lead = s[from..cut].len() - s[from..cut].trim_start().len();
        let piece = s[from..cut].trim();
        if !piece.is_empty() {
            // a heading ends where its bracket closes or its title is
            // followed by a new phrase after a space
            let mut at = from + lead;
            for part in split_heading(piece) {
                let offset = line.spaced_source_offset(at);
                at += part.len();
                let part = part.trim();
                if !part.is_empty() {
                    out.push(NORMALIZER.normalize_line(part, offset, line.number));
                }
            }
        }
        from = cut;
    }
    out
}

/// A flattened page's piece that starts with the caption of a list of
/// projects (`…が完了する主な事業 既存荷主を対象とした…`): the caption
/// and the list apart.
fn split_after_caption(piece: &str) -> Vec<&str> {
    let captions = &crate::vocab::get().project_captions;
    for (i, c) in piece.char_indices() {
        if !c.is_whitespace() {
            continue;
        }
        let head = piece[..i].trim_end();
        let rest = piece[i..].trim_start();
        if head.chars().count() <= 40
            && !head.contains('。')
            && rest.chars().count() >= 2
            && captions.iter().any(|cap| head.ends_with(cap.as_str()))
        {
            return vec![&piece[..i], &piece[i..]];
        }
    }
    vec![piece]
}

/// Opening brackets a heading of a flattened page may be set in.
const OPEN_BRACKETS: &[char] = &['<', '＜', '〈', '《', '[', '【'];

/// A flattened page's piece that starts with a heading, cut after it: a
/// heading set in brackets (`<施策101 物流を支えるサービスの充実>本文…`) ends
/// at its closing bracket (which goes with the brackets); a numbered
/// heading's title ends at the first space after four characters or more
/// when a number or a kanji follows it (`(1)政策1 物流を支える港づくり 4 年間で…`).
fn split_heading(piece: &str) -> Vec<&str> {
    if let Some(open) = piece.chars().next().filter(|c| OPEN_BRACKETS.contains(c)) {
        let close = match open {
            '<' => '>',
            '＜' => '＞',
            '〈' => '〉',
            '《' => '》',
            '[' => ']',
            _ => '】',
        };
        let inner_start = open.len_utf8();
        if let Some(k) = piece[inner_start..].find(close) {
            let inner = &piece[inner_start..inner_start + k];
            let titled =
                numbering::parse(inner).is_some_and(|n| n.kind.is_some() && !n.title.is_empty());
            if titled {
                let end = inner_start + k + close.len_utf8();
                return vec![inner, &piece[end..]];
            }
        }
        return vec![piece];
    }
    let Some(n) = numbering::parse(piece) else {
        return split_after_caption(piece);
    };
    // the title after a label inside the title (`(1)政策1 物流…`)
    let title = numbering::parse(n.title)
        .filter(|m| m.kind.is_some())
        .map_or(n.title, |m| m.title);
    let Some(t0) = piece.find(title).filter(|_| !title.is_empty()) else {
        return vec![piece];
    };
    let title_text = &piece[t0..];
    let Some(sp) = title_text.find(char::is_whitespace) else {
        return vec![piece];
    };
    let after = title_text[sp..].trim_start();
    let new_phrase = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('\u{4E00}'..='\u{9FFF}').contains(&c));
    if title_text[..sp].chars().count() >= 4 && new_phrase {
        let cut = t0 + sp;
        return vec![&piece[..cut], &piece[cut..]];
    }
    vec![piece]
}

/// Whether a flattened page's text from here on starts a unit: a numbered
/// heading with a title, or a bullet.
fn starts_unit(rest: &str) -> bool {
    let first = rest.chars().next().unwrap_or(' ');
    if (numbering::is_bullet(first) || first == '※') && !matches!(first, '-' | '*' | '+' | '>') {
        return true;
    }
    // a heading set in brackets: `<施策101 …>`
    if OPEN_BRACKETS.contains(&first) && first != '【' {
        let inner = &rest[first.len_utf8()..];
        if numbering::parse(inner).is_some_and(|n| n.kind.is_some() && !n.title.is_empty()) {
            return true;
        }
    }
    match numbering::parse(rest) {
        // a quantity written with a space (`31 年`, `4 号幹線`), a decimal
        // (`5.0の社会実装`)
        Some(n) if n.title.starts_with(numbering::is_counter) || n.numbers.contains(&0) => false,
        Some(n) => {
            let title = n.title.trim();
            // a numbering with a title that is words, not a value, and
            // not the rest of a phrase
            title.chars().next().is_some_and(|c| {
                (crate::is_kanji_or_kana(c) && !PARTICLES.contains(c))
                    || c == '「'
                    || c == '('
                    || c.is_ascii_uppercase()
            })
        }
        None => false,
    }
}

/// Hiragana that only continue a phrase (case particles that no word
/// starts with): a title never starts with one.
const PARTICLES: &str = "のをが";

// ---------------------------------------------------------------- contents

static TRAILING_LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:[・･…‥]{3,}|(?:\.\s?){3,}|(?:・\s?){3,})[\s・･….]*(\d{1,3})?\s*$").unwrap()
});

fn contents_or_text(line: Line) -> Unit {
    let s = line.spaced.as_str();
    match TRAILING_LEADER.find(s).filter(|m| m.start() > 0) {
        Some(m) => Unit {
            line: NORMALIZER.normalize_line(s[..m.start()].trim(), line.start, line.number),
            role: Role::Contents,
        },
        None => Unit {
            line,
            role: Role::Text,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(usize, String, Role)> {
        let lines = crate::lines_from(src);
        build(&lines)
            .units
            .into_iter()
            .filter(|u| !u.line.is_blank())
            .map(|u| (u.line.number, u.line.text, u.role))
            .collect()
    }

    #[test]
    fn markdown_marks_are_dropped() {
        let t = texts("## 第2章 **具体的な取組**\n# 基本目標1 しごとの創出\n- ・事業A\n");
        let got: Vec<&str> = t.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(
            got,
            vec!["第2章具体的な取組", "基本目標1 しごとの創出", "- ・事業A"]
        );
    }

    #[test]
    fn running_headers_with_page_numbers_are_dropped() {
        let mut src = String::new();
        for page in 1..=3 {
            src.push_str(&format!("北市産業振興計画　　{page}\n"));
            for k in 0..10 {
                src.push_str(&format!("本文{page}-{k}です。\n"));
            }
        }
        let t = texts(&src);
        assert!(
            t.iter().all(|u| !u.1.starts_with("北市産業振興計画")),
            "{t:?}"
        );
        assert_eq!(t.len(), 30);
        // labels numbered in a row are no running header
        let t = texts("重点推進事業1\n重点推進事業2\n重点推進事業3\n");
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn pipe_table_rows_become_tab_rows() {
        let t =
            texts("| 基本目標 | 施策 |\n|---|:---:|\n| 1 しごと | (1) 創業 |\n|  | (2) 誘致 |\n");
        let got: Vec<(usize, &str)> = t.iter().map(|u| (u.0, u.1.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "基本目標\t施策"),
                (3, "1 しごと\t(1)創業"),
                (4, "(2)誘致")
            ]
        );
        // the empty first cell is kept as a leading gap
        let lines = crate::lines_from("|  | (2) 誘致 |\n");
        assert_eq!(build(&lines).units[0].line.empty_leading_cells, 1);
    }

    #[test]
    fn letter_spaced_rows_are_joined() {
        let t = texts(
            "計\t画\t期\t間\t:\t平成\t29\t年度\t～\t平成\t38\t年度\n| 団 \t| 体 \t| 名 \t| : 音威子府村 |",
        );
        let got: Vec<&str> = t.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(
            got,
            vec!["計画期間:平成29年度～平成38年度", "団体名: 音威子府村"]
        );
        // a table row of values is left alone
        let t = texts("指標\t1\t2\t3\t4");
        assert_eq!(t[0].1, "指標\t1\t2\t3\t4");
    }

    #[test]
    fn repeated_characters_collapse() {
        assert_eq!(
            collapse_repeats("総総総総合合合合戦戦戦戦略略略略").as_deref(),
            Some("総合戦略")
        );
        assert_eq!(collapse_repeats("森森と と"), None);
        assert_eq!(
            collapse_repeats("重重重重要要要要指指指指標標標標 現現現現状状状状値値値値")
                .as_deref(),
            Some("重要指標 現状値")
        );
        assert_eq!(collapse_repeats("・・・・・・"), None);
        assert_eq!(collapse_repeats("基本目標"), None);
    }

    #[test]
    fn shifted_reprint_is_dropped_or_joined() {
        let t = texts("音威子府村の総合戦略の基本的な視点\nの総合戦略の基本的な視点\n次の行");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].1, "音威子府村の総合戦略の基本的な視点");
        let t = texts("森と水と人が織りなす匠\nりなす匠の里・おといねっぷ");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1, "森と水と人が織りなす匠の里・おといねっぷ");
        // a numbered heading repeating the word the line before ends with
        let t = texts(
            "重点プロジェクト\nプロジェクト1 まちなか周遊プロジェクト\nプロジェクト2 食のブランド化",
        );
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn furniture_is_dropped_and_viewer_labels_stripped() {
        let t = texts(
            "Comments\nDescription\nTranscript\n計画の概要\n(1)\n\n1\n\n施策評価シート\nPage 2: 計画期間:2019~2023年度",
        );
        let got: Vec<&str> = t.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(
            got,
            vec!["計画の概要", "施策評価シート", "計画期間:2019～2023年度"]
        );
        assert!(t.iter().all(|u| u.0 >= 4));
    }

    #[test]
    fn flattened_contents_page_is_cut_into_entries() {
        let src = "戦略(案) 目次 1 基本姿勢 ........................ 1 (1)目標年次 ........................ 1 \
                   3 基本目標と施策 ...................... 5 基本目標1 しごとをつくり、安心して働けるようにする ............ 6 \
                   (1)町の産業を活性化し、新たな産業の誘致を進める ................ 6 (2)創業支援体制の構築 .................. 7";
        let t = texts(src);
        let got: Vec<(&str, Role)> = t.iter().map(|u| (u.1.as_str(), u.2)).collect();
        assert_eq!(
            got,
            vec![
                ("戦略(案)目次", Role::Text),
                ("1 基本姿勢", Role::Contents),
                ("(1)目標年次", Role::Contents),
                ("3 基本目標と施策", Role::Contents),
                (
                    "基本目標1 しごとをつくり、安心して働けるようにする",
                    Role::Contents
                ),
                (
                    "(1)町の産業を活性化し、新たな産業の誘致を進める",
                    Role::Contents
                ),
                ("(2)創業支援体制の構築", Role::Contents),
            ]
        );
        assert!(t.iter().all(|u| u.0 == 1));
    }

    #[test]
    fn flattened_page_is_cut_at_headings_and_sentences() {
        let src = "3.中心市街地の活性化の目標 [1]中心市街地活性化の目標 以下の3つを目標として設定する。 \
                   目標1:住みやすいまち ○まちなかへの居住を促進する。 目標2:にぎわいのあるまち ○民間活力を利用し、空き店舗の活用を図っていく。 \
                   目標3:やさしさにあふれるまち";
        let got: Vec<String> = texts(src).into_iter().map(|u| u.1).collect();
        assert!(got.contains(&"目標1:住みやすいまち".to_string()), "{got:?}");
        assert!(
            got.contains(&"目標3:やさしさにあふれるまち".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"○まちなかへの居住を促進する。".to_string()),
            "{got:?}"
        );
    }
}
