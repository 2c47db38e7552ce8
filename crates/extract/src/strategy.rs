//! The strategy tree: 基本方針/戦略/目標 → 施策の方向性/施策の柱 →
//! 基本施策/施策/取組項目, read from the document's numbered headings.
//!
//! Every numbered line is placed in an *outline* that holds both the
//! document's own sections (`1 策定の背景`, `2-1 現状`) and the strategy
//! nodes; only the latter become [`Node`]s. A line is a strategy node when
//!
//! - it carries a strategy kind word (`戦略1`, `基本方針Ⅱ`, `施策2.1.3`,
//!   `目標①`), placed by the numbers it carries (`2.1.3` is under `2.1`),
//!   else by the kind word's rank, else by the order in which kinds appear;
//! - it is the first item of a list right under a heading that names a
//!   kind (`基本方針`, `施策の柱`, `【6つのポイント】`, `…の課題`), or a
//!   sibling of such an item;
//! - it is a child of a strategy node: `1-2` under the last line numbered
//!   `1` (or after its sibling `1-1`), `(1)` right under `基本施策1`.
//!
//! The same node stated twice (an overview list, a table, a detailed
//! section) is one node: later statements only fill what was missing.
//! A restatement whose title differs is a document section that reuses the
//! number (`2-2 現行ビジョンの実施状況`) and is left out.
//!
//! Titles broken over lines are joined; a column of labels followed by a
//! column of titles is paired back up. Lists of weak kinds (`課題`, `視点`)
//! are kept only when the document has no other strategy.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::numbering::{self, Numbering, Style};
use crate::{Doc, Line, Morph, Node, Project, Warning};

pub(crate) mod layout;

/// Deepest strategy level kept; deeper items are reported, not nested.
const MAX_LEVELS: usize = 16;
/// How far up the outline a placement looks.
const CHAIN_LIMIT: usize = 64;
/// Longest line that can continue a broken title.
const TITLE_PIECE_MAX: usize = 45;
/// Longest joined title.
const TITLE_MAX: usize = 120;
/// Non-blank lines a kind heading waits for its list.
const PENDING_TTL: u8 = 4;

/// What a line is to the outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Nothing the outline used.
    Plain,
    /// States a strategy node (its numbered heading).
    Heading,
    /// Continues the title of the heading above it.
    Title,
    /// A numbered document section.
    Section,
    /// An unnumbered item of a list under a kind heading.
    ListItem,
    /// A project label (`重点推進事業3`).
    ProjectLabel,
    /// A numbered item under a strategy node whose title names a project.
    ProjectItem,
    /// Page furniture: a page number (`- 12 -`), a running header or
    /// footer (`第3章 施策の展開` repeated, `○○ビジョン 23`).
    Running,
}

/// A strategy node while the outline is built.
#[derive(Clone, Debug)]
pub(crate) struct SNode {
    pub id: String,
    pub kind: Option<String>,
    pub title: String,
    pub line: usize,
    pub parent: Option<usize>,
    pub number: u32,
    pub depth: usize,
    pub rank: u8,
    pub weak: bool,
    pub children: Vec<usize>,
    /// Left out of the output (a weak list beside a real strategy).
    pub dropped: bool,
}

/// The outline of a document: its strategy nodes and what each line is.
pub(crate) struct Outline {
    pub nodes: Vec<SNode>,
    pub roots: Vec<usize>,
    /// Per line index: the strategy node in force after the line.
    pub context: Vec<Option<usize>>,
    /// Per line index: the node the line states (heading or title line).
    pub heading: Vec<Option<usize>>,
    /// Per line index: the line's role.
    pub role: Vec<Role>,
    /// Lines that open a project table or list (`重点プロジェクト`).
    pub warnings: Vec<Warning>,
}

impl Outline {
    /// The output id of a node, unless it was left out.
    pub fn id(&self, node: usize) -> Option<&str> {
        let n = self.nodes.get(node)?;
        let mut cur = Some(node);
        let mut steps = 0;
        while let Some(c) = cur {
            let m = self.nodes.get(c)?;
            if m.dropped {
                return None;
            }
            cur = m.parent;
            steps += 1;
            if steps > MAX_LEVELS + 2 {
                break;
            }
        }
        Some(n.id.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    style: Style,
    depth: usize,
    kind: Option<String>,
}

impl Key {
    fn of(n: &Numbering<'_>) -> Key {
        Key {
            style: n.style,
            depth: n.numbers.len(),
            kind: if n.style == Style::Kind || n.style == Style::Chapter {
                n.kind.map(str::to_string)
            } else {
                None
            },
        }
    }
}

struct Entry {
    key: Key,
    num: u32,
    parent: Option<usize>,
    node: Option<usize>,
    title: String,
    /// The line index of its heading.
    line: usize,
    /// Its heading's own title is a fragment (one or two characters: a
    /// table cell spaced out letter by letter).
    fragment: bool,
}

struct Pending {
    kind: Option<String>,
    weak: bool,
    ttl: u8,
    /// Kind headings stated right below this one: the column headers of
    /// a chart printed one per line (`基本目標` / `施策`), the kinds of the
    /// deeper levels of the list that follows.
    below: Vec<String>,
}

struct ListKind {
    key: Key,
    kind: Option<String>,
    weak: bool,
}

struct Overview {
    line: usize,
    title: String,
    kind: Option<String>,
    weak: bool,
}

enum Miss {
    Mismatch,
    NoTitle,
    TooDeep,
}

enum Placed {
    Node(usize),
    Section,
    Ignored,
    Mismatch,
}

/// `5つの基本方針`: a count and a kind word.
static COUNT_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+\s*(?:つの|の)\s*([\p{Han}\p{Katakana}ー・のな]{1,12})").expect("valid regex")
});
static TRAILING_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[(（][^()（）]*[)）]\s*$").expect("valid regex"));
static NOT_A_KIND_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:数値目標|成果目標|達成目標|目標値|目標指標|指標目標)$").expect("valid regex")
});
/// A heading that announces the strategy without naming a level: `施策の体系`,
/// `方策の展開`, `施策展開図`.
static ANCHOR_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:体系|施策の展開|施策展開)(?:図)?$").expect("valid regex"));
/// A title of the document's own parts (`計画期間`, `はじめに`;
/// `dictionaries/vocab/strategy.txt` `[section-titles]`).
static SECTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(&crate::vocab::get().section_titles);
    Regex::new(&format!(r"(?:{words})$")).expect("valid regex")
});
/// A name that ends like a project (`…事業`, `…補助金`), a parenthetical
/// qualifier allowed after it.
pub(crate) static PROJECT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let ends = &crate::vocab::get().project_name_ends;
    Regex::new(&format!(
        r"(?:{})(?:[(（][^()（）]*[)）])?$",
        ends.join("|")
    ))
    .expect("valid regex")
});
/// A note mark after a title (`(※1)`, `…※`); the 再掲 mark is
/// [`crate::vocab::REPRINT`].
static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[<＜〈《\[【(（]\s*※\d*\s*[>＞〉》\]】)）]|※$").expect("valid regex")
});
/// A page number standing alone: `- 12 -`, `－12－`, `P.12`, `12/48`,
/// `12ページ` (a bare `12` may be a value or a label of a column dump).
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-‐－―—–~～]\s*\d{1,4}\s*[-‐－―—–~～]|(?:[PpＰ]\.?|ページ)\s*\d{1,4}|\d{1,4}\s*(?:/\s*\d{1,4}|ページ|頁))$")
        .expect("valid regex")
});
/// The words a plan's own name ends with: a running header or footer
/// carrying a page number is the plan's name.
static PLAN_NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{})(?:\s*[(（][^()（）]*[)）])?$",
        crate::vocab::plan_name_ends()
    ))
    .expect("valid regex")
});
/// Headings that announce a list of actions or projects under a node
/// (`主な取組`, `【具体的な取組】`), not a level of the strategy: a lead
/// word, a spelling of 取組 and an optional tail, or a heading written whole
/// (`dictionaries/vocab/strategy.txt` `[action-…]`).
static ACTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let v = crate::vocab::get();
    let alt = crate::vocab::alternation;
    Regex::new(&format!(
        r"^(?:{lead})(?:{word})(?:{tail})?$|^(?:{whole})$",
        lead = alt(&v.action_leads),
        word = alt(&v.action_words),
        tail = alt(&v.action_tails),
        whole = alt(&v.action_headings),
    ))
    .expect("valid regex")
});
/// Titles of a document's own parts (a Roman numeral numbering chapters;
/// `dictionaries/vocab/strategy.txt` `[chapter-words]`), or a table of
/// contents line ending in its page.
static CHAPTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(&crate::vocab::get().chapter_words);
    Regex::new(&format!(r"{words}|[.…・‥]{{2,}}|\d$")).expect("valid regex")
});
/// A node's projects listed inline on one line, after a label and a colon
/// or in brackets: `(主な事業:A事業、B補助金)`, `主な取組:…`, `【主な事業】A、B`.
/// Group 1 is the list.
pub(crate) static INLINE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（【\[<＜〔]?\s*(?:主な|主要な?|具体的な?|関連|構成|重点|代表的な)(?:事業|取組|取り組み|取組事業|プロジェクト)\s*(?:[:：]|[】\]>＞〕]\s*[:：]?)\s*(.+?)\s*[)）】\]>＞〕]?$")
        .expect("valid regex")
});
static PAGE_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[(（]\s*(?:本編)?\s*P\.?\s*\d+[^()（）]*[)）]\s*$").expect("valid regex")
});

use crate::document::{Joiner, continues, ends_open};

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A line that may carry on a title: short, no sentence, no numbering,
/// no bullet, no table row.
fn is_title_piece(line: &Line) -> bool {
    let t = line.text.as_str();
    if t.is_empty() || t.contains('\t') || char_len(t) > TITLE_PIECE_MAX {
        return false;
    }
    if t.ends_with(['。', '．']) || t.contains('。') {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if numbering::is_bullet(first) || first == '※' || t.starts_with("出典") || t.starts_with("注")
    {
        return false;
    }
    if numbering::parse(t).is_some() || INLINE_LIST.is_match(t) {
        return false;
    }
    // a row of values is no title
    let numeric = line
        .spaced
        .split_whitespace()
        .filter(|w| is_numeric_token(w))
        .count();
    numeric < 2
}

fn is_numeric_token(w: &str) -> bool {
    let w = w.trim_start_matches(['▲', '△', '-', '－', '+']);
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || ",.%/件人年万億円千百".contains(c))
        || w == "-"
}

/// The title of a heading, joined with the lines that carry it on:
/// the next lines when the heading has no title of its own, adjacent
/// short lines, and after a blank line only a tail that cannot stand alone
/// (`との関係性強化`). Returns the title and the lines it used.
/// A chart row whose two cells are parted by a single space, the second
/// numbered under the first (`3. 観光の促進 3.1 観光づくり`): the row with
/// a tab between them. `None` when the line is no such row.
fn split_chart_cells(line: &Line) -> Option<Line> {
    let text = line.text.as_str();
    let first = numbering::parse(numbering::strip_bullets(text).0)?;
    let at = text.char_indices().find_map(|(k, c)| {
        if !(c.is_whitespace() || c == '\u{3000}') {
            return None;
        }
        let rest = text.get(k + c.len_utf8()..)?.trim_start();
        let next = numbering::parse(rest)?;
        let child = next.numbers.len() > first.numbers.len()
            && next.numbers.starts_with(&first.numbers)
            && next.kind.is_none()
            && !next.title.is_empty();
        child.then_some(k)
    })?;
    let (left, right) = (text.get(..at)?.trim(), text.get(at..)?.trim());
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let mut split = line.clone();
    split.text = format!("{left}\t{right}");
    split.spaced = split.text.clone();
    Some(split)
}

pub(crate) fn gather_title(
    lines: &[Line],
    i: usize,
    first: &str,
    joiner: &Joiner<'_>,
) -> (String, Vec<usize>) {
    let mut title = first.to_string();
    let mut used = Vec::new();
    let mut last = lines.get(i).map_or("", |l| l.text.as_str());
    let mut j = i + 1;
    let mut blank = false;
    let mut blanks = 0;
    while j < lines.len() && used.len() < 4 {
        let line = &lines[j];
        if line.is_blank() {
            blank = true;
            blanks += 1;
            if blanks > 3 {
                break;
            }
            j += 1;
            continue;
        }
        let t = line.text.trim();
        // the offices in charge wrapped onto their own line: no title
        if !title.is_empty() && office_note(t) == Some(0) {
            used.push(j);
            j += 1;
            continue;
        }
        if !is_title_piece(line) {
            break;
        }
        if (kind_heading(t).is_some() || is_label_line(t) || is_labelled_statement(t))
            && !ends_open(&title)
        {
            break;
        }
        let accept = if title.is_empty() {
            true
        } else if char_len(&title) + char_len(t) > TITLE_MAX {
            false
        } else if !blank {
            joiner.carries_on(&title, last, t)
        } else {
            ends_open(&title) || t.chars().next().is_some_and(continues)
        };
        if !accept {
            break;
        }
        title.push_str(t);
        used.push(j);
        last = t;
        blank = false;
        blanks = 0;
        j += 1;
    }
    (title, used)
}

/// A statement under a bracketed label: `【成果指標】就職者数:1,120人 → …`.
/// It follows a title, it never continues one.
fn is_labelled_statement(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('【') else {
        return false;
    };
    rest.find('】').is_some_and(|k| {
        let label = rest.get(..k).unwrap_or("");
        let after = rest.get(k + '】'.len_utf8()..).unwrap_or("");
        (1..=8).contains(&char_len(label)) && !after.trim().is_empty()
    })
}

/// Page furniture: a page number alone on its line, or the plan's name
/// (or a chapter heading) with a page number beside it.
pub(crate) fn is_page_furniture(line: &Line) -> bool {
    let t = line.text.trim();
    if t.is_empty() {
        return false;
    }
    if PAGE_NUMBER.is_match(&t.replace(' ', "")) {
        return true;
    }
    let cells: Vec<&str> = t.split('\t').map(str::trim).collect();
    if cells.len() != 2 {
        return false;
    }
    let is_page = |c: &str| {
        let c = c.replace(' ', "");
        PAGE_NUMBER.is_match(&c)
            || (1..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit())
    };
    let text = if is_page(cells[1]) {
        cells[0]
    } else if is_page(cells[0]) {
        cells[1]
    } else {
        return false;
    };
    if char_len(text) > 40 || text.contains('。') {
        return false;
    }
    match numbering::parse(text) {
        Some(n) => n.style == Style::Chapter,
        None => PLAN_NAME_END.is_match(text),
    }
}

/// Where a trailing note naming the offices in charge starts:
/// `中小企業の経営基盤の強化（産業政策課）`, `（商工観光課・観光振興課）`,
/// `（担当：商工課）`.
/// Every part of the note is an office name (`…課`, `…室`, `…局`, `…部`,
/// `…係`, `…センター`) of three characters or more.
pub(crate) fn office_note(s: &str) -> Option<usize> {
    let s = s.trim_end();
    let body = s.strip_suffix([')', '）'])?;
    let open = body.rfind(['(', '（'])?;
    let inner = body.get(open..)?.trim_start_matches(['(', '（']);
    // a label before the offices: `(担当:商工課)`, `(所管課：農政課)`
    let inner = ["担当課", "所管課", "主管課", "担当", "所管", "主管"]
        .iter()
        .find_map(|l| inner.strip_prefix(l))
        .map_or(inner, |rest| rest.trim_start_matches([':', '：', ' ']));
    let office = |p: &str| {
        let p = p.trim();
        char_len(p) >= 3
            && ["課", "室", "局", "部", "係", "センター"]
                .iter()
                .any(|e| p.ends_with(e))
    };
    (!inner.is_empty() && inner.split(['・', '、', ',', '，', '/', '／']).all(office))
        .then_some(open)
}

/// Strip markers, page references and separators from a title.
pub(crate) fn clean_title(s: &str) -> String {
    let s = s.trim();
    let s = office_note(s).and_then(|k| s.get(..k)).unwrap_or(s);
    let s = PAGE_REF.replace(s.trim(), "");
    let s = crate::vocab::REPRINT.replace_all(&s, "");
    let s = MARKERS.replace_all(&s, "");
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '、' | '。'));
    s.replace('\t', " ")
}

/// A row of a table written with single spaces: after the label, two or
/// more values.
pub(crate) fn is_space_table_row(line: &Line) -> bool {
    let (body, _) = numbering::strip_bullets(&line.spaced);
    body.split_whitespace()
        .skip(1)
        .filter(|w| is_numeric_token(w))
        .count()
        >= 2
}

/// Normalized for comparison: no spaces, no punctuation.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !"「」『』\"'、。,.・()（）<>＜＞【】[]■●※-ー~～:：;/".contains(*c)
        })
        .collect()
}

/// Two titles that name the same thing: one holds the other, or they
/// share most of their character pairs.
/// Most earlier entries of one style and number looked at for a
/// restatement (keeps the outline linear).
const RESTATED_LOOKBACK: usize = 16;

pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (squash(a), squash(b));
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    if a.contains(&b) || b.contains(&a) {
        return true;
    }
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().take(200).collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    if pa.is_empty() || pb.is_empty() {
        return false;
    }
    let mut counts: HashMap<(char, char), i32> = HashMap::new();
    for p in &pa {
        *counts.entry(*p).or_default() += 1;
    }
    let mut common = 0;
    for p in &pb {
        if let Some(c) = counts.get_mut(p)
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    2.0 * f64::from(common) / (pa.len() + pb.len()) as f64 >= 0.5
}

/// A label that opens a part of a node's text (`【現状と課題】`, `主な取組`,
/// `◆主な事業`), never the tail of a title.
fn is_label_line(text: &str) -> bool {
    let t = text.trim();
    let bracketed = t.starts_with(['【', '〔', '[', '<', '〈', '《', '◆', '■', '◇'])
        && (t.ends_with(['】', '〕', ']', '>', '〉', '》'])
            || !t.contains(['】', '〕', ']', '>', '〉', '》']));
    if bracketed && char_len(t) <= 24 {
        return true;
    }
    let t = t.trim_end_matches([':', '：']);
    ACTION_HEADING.is_match(t) || SECTION_TITLE.find(t).is_some_and(|m| m.start() == 0)
}

/// A short heading naming the kind of the list below it: `基本方針`,
/// `施策の柱`, `【6つのポイント】`, `…の課題`; `Some(None)` for a heading
/// that announces the strategy without naming a kind (`施策の体系`).
fn kind_heading(text: &str) -> Option<(Option<String>, bool)> {
    let (t, _) = numbering::strip_bullets(text);
    let t = strip_trailing_parens(t);
    let t = t
        .trim()
        .trim_start_matches(['【', '[', '〔', '<', '〈', '《', '◆', '■'])
        .trim_end_matches(['】', ']', '〕', '>', '〉', '》', ':', '：'])
        .trim();
    if t.is_empty() || char_len(t) > 24 || t.contains(['。', '、', '\t']) {
        return None;
    }
    if ACTION_HEADING.is_match(t) {
        return None;
    }
    let words = numbering::kind_words();
    if let Some(c) = COUNT_KIND.captures(t) {
        let counted = c.get(1)?.as_str();
        // the longest kind word the counted noun starts with (`ポイントの設定`)
        if let Some(kind) = words.iter().find(|k| {
            counted
                .strip_prefix(k.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('の'))
        }) {
            let weak = numbering::is_weak_kind(kind);
            return Some((Some(kind.clone()), weak));
        }
    }
    if NOT_A_KIND_HEADING.is_match(t) {
        return None;
    }
    let kind = words
        .iter()
        .map(String::as_str)
        .filter(|k| t.ends_with(k))
        .max_by_key(|k| k.len());
    if let Some(kind) = kind {
        let before = t.get(..t.len() - kind.len())?;
        let ok = before.is_empty()
            || before.ends_with(['の', '・', '】', ')', ' '])
            || before.ends_with("における")
            || before.ends_with("に関する");
        if ok {
            return Some((Some(kind.to_string()), numbering::is_weak_kind(kind)));
        }
    }
    if ANCHOR_HEADING.is_match(t) {
        return Some((None, false));
    }
    None
}

/// Text without the bracketed notes after it (`…と状況(H21基準値→H25実績) (資料2参照)`).
fn strip_trailing_parens(t: &str) -> String {
    let mut t = t.trim().to_string();
    for _ in 0..4 {
        let next = TRAILING_PAREN.replace(&t, "").trim().to_string();
        if next == t {
            break;
        }
        t = next;
    }
    t
}

/// The level below a counted kind in a heading that names two levels:
/// `5つの基本方針の主な施策と状況` lists 基本方針 and, under each, its 主な施策.
fn legend_below(text: &str) -> Option<String> {
    let (t, _) = numbering::strip_bullets(text);
    let t = strip_trailing_parens(t);
    let t = t.trim_start_matches(['【', '[', '〔', '<', '〈', '《', '◆', '■']);
    let counted = COUNT_KIND.captures(t)?.get(1)?.as_str();
    let words = numbering::kind_words();
    let top = words.iter().find(|k| {
        counted
            .strip_prefix(k.as_str())
            .is_some_and(|r| r.starts_with('の'))
    })?;
    let rest = &counted[top.len() + 'の'.len_utf8()..];
    // `主な施策` in `主な施策と状況`: a kind word, or a kind word after 主な
    let below = words
        .iter()
        .filter(|k| {
            rest.starts_with(k.as_str())
                || rest
                    .strip_prefix("主な")
                    .is_some_and(|r| r.starts_with(k.as_str()))
        })
        .max_by_key(|k| k.len())?;
    let below = if rest.starts_with(below.as_str()) {
        below.clone()
    } else {
        format!("主な{below}")
    };
    (below != *top && !numbering::is_project_kind(&below)).then_some(below)
}

/// Longest title of an item that opens a list under a kind heading; a
/// longer one, with clauses, is a paragraph of the section.
const LIST_TITLE_MAX: usize = 60;

/// A paragraph, not a heading: sentences, or a long run of clauses.
fn is_paragraph(title: &str) -> bool {
    title.contains('。') || char_len(title) > LIST_TITLE_MAX && title.matches('、').count() >= 2
}

/// A title that only names a kind of level (`基本目標`, `施策の体系`): the
/// heading of a part of the document that lists them, never a node.
pub(crate) fn is_kind_label(title: &str) -> bool {
    let t = title.trim();
    numbering::is_kind(t) || (ANCHOR_HEADING.is_match(t) && char_len(t) <= 8)
}

/// Separators of a legend line naming the levels of the tree.
const LEGEND_SEPARATORS: &[char] = &[
    '―', '—', '–', '－', '-', 'ー', '→', '＞', '>', '｜', '|', '／', '/',
];

/// A legend naming the kinds of the levels in order, on one line:
/// `基本的方向 ― 施策 ― 具体的施策`, `基本目標 → 施策`. Every part is a
/// kind word and nothing else.
fn kind_legend(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if !t.contains(LEGEND_SEPARATORS) || char_len(t) > 40 {
        return None;
    }
    let t = t
        .trim_start_matches(['【', '[', '〔', '<', '〈', '《', '(', '（'])
        .trim_end_matches(['】', ']', '〕', '>', '〉', '》', ')', '）']);
    let parts: Vec<String> = t
        .split(LEGEND_SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let all_kinds = parts.iter().all(|p| numbering::is_kind(p));
    let distinct = parts
        .iter()
        .enumerate()
        .all(|(k, p)| !parts[..k].contains(p));
    (parts.len() >= 2 && parts.len() <= 6 && all_kinds && distinct).then_some(parts)
}

struct Builder<'a> {
    lines: &'a [Line],
    joiner: &'a Joiner<'a>,
    /// The line being read.
    at: usize,
    /// The numbered heading being read has a one- or two-character title.
    at_fragment: bool,
    /// A list whose numbers stand alone on their lines, each title on the
    /// line below (`1` / `地域産業の振興`): its style and last number.
    bare_list: Option<(Key, u32)>,
    nodes: Vec<SNode>,
    roots: Vec<usize>,
    by_child: HashMap<(Option<usize>, u32), Vec<usize>>,
    /// Entries by style and number: an overview item stated again in
    /// detail elsewhere in the outline.
    by_key_num: HashMap<(Key, u32), Vec<usize>>,
    by_id: HashMap<String, Vec<usize>>,
    entries: Vec<Entry>,
    current: Option<usize>,
    by_path: HashMap<Vec<u32>, usize>,
    last_of_kind: HashMap<String, usize>,
    /// The last entry of each numbering style.
    last_of_key: HashMap<Key, usize>,
    learned_rank: HashMap<String, u8>,
    pending: Option<Pending>,
    /// Kinds of levels 2, 3, … of the list under a stack of kind headings.
    depth_kinds: Vec<String>,
    list_kind: Option<ListKind>,
    bullets: Option<(Option<String>, bool)>,
    /// The kind of the bullet items under each item of the list a legend
    /// heading announced (`5つの基本方針の主な施策`: 主な施策), with the kind of
    /// the items they go under.
    bullet_level: Option<(String, Option<String>)>,
    run: Vec<usize>,
    run_key: Option<Key>,
    overview: Vec<Overview>,
    table_kinds: Vec<Option<String>>,
    /// Per column of a chart (a table whose header names kinds): the node
    /// its last numbered cell stated, continued by the cells below it.
    chart_open: Option<Vec<Option<usize>>>,
    /// A cell of a chart row is being placed.
    in_chart: bool,
    /// The item placed continues a list numbered through its parents: its
    /// first number under the new parent is no gap.
    running: bool,
    context: Vec<Option<usize>>,
    heading: Vec<Option<usize>>,
    role: Vec<Role>,
    warnings: Vec<Warning>,
}

impl<'a> Builder<'a> {
    fn new(lines: &'a [Line], joiner: &'a Joiner<'a>) -> Self {
        let n = lines.len();
        Builder {
            lines,
            joiner,
            at: 0,
            at_fragment: false,
            bare_list: None,
            nodes: Vec::new(),
            roots: Vec::new(),
            by_child: HashMap::new(),
            by_key_num: HashMap::new(),
            by_id: HashMap::new(),
            entries: Vec::new(),
            current: None,
            by_path: HashMap::new(),
            last_of_kind: HashMap::new(),
            last_of_key: HashMap::new(),
            learned_rank: HashMap::new(),
            pending: None,
            depth_kinds: Vec::new(),
            list_kind: None,
            bullets: None,
            bullet_level: None,
            run: Vec::new(),
            run_key: None,
            overview: Vec::new(),
            table_kinds: Vec::new(),
            chart_open: None,
            in_chart: false,
            running: false,
            context: vec![None; n],
            heading: vec![None; n],
            role: vec![Role::Plain; n],
            warnings: Vec::new(),
        }
    }

    fn line_no(&self, i: usize) -> usize {
        self.lines.get(i).map_or(i + 1, |l| l.number)
    }

    fn warn(&mut self, i: usize, message: String) {
        let line = self.line_no(i);
        self.warnings.push(Warning::new(line, message));
    }

    /// Entries from `current` up, at most [`CHAIN_LIMIT`].
    fn chain(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.current;
        while let Some(e) = cur {
            if out.len() >= CHAIN_LIMIT {
                break;
            }
            out.push(e);
            cur = self.entries.get(e).and_then(|x| x.parent);
        }
        out
    }

    /// The strategy node in force: the nearest on the outline chain.
    fn ctx(&self) -> Option<usize> {
        self.chain()
            .into_iter()
            .find_map(|e| self.entries.get(e).and_then(|x| x.node))
    }

    fn nearest_section(&self) -> Option<usize> {
        self.chain()
            .into_iter()
            .find(|&e| self.entries.get(e).is_some_and(|x| x.node.is_none()))
    }

    fn rank_of(&mut self, kind: &str) -> u8 {
        if let Some(r) = numbering::kind_rank(kind) {
            return r;
        }
        if let Some(&r) = self.learned_rank.get(kind) {
            return r;
        }
        let r = self
            .ctx()
            .and_then(|n| self.nodes.get(n))
            .map_or(1, |n| n.rank.saturating_add(1));
        self.learned_rank.insert(kind.to_string(), r);
        r
    }

    fn push_entry(
        &mut self,
        key: Key,
        num: u32,
        parent: Option<usize>,
        node: Option<usize>,
    ) -> usize {
        self.last_of_key.insert(key.clone(), self.entries.len());
        self.by_key_num
            .entry((key.clone(), num))
            .or_default()
            .push(self.entries.len());
        self.entries.push(Entry {
            key,
            num,
            parent,
            node,
            title: String::new(),
            line: self.at,
            fragment: self.at_fragment,
        });
        let e = self.entries.len() - 1;
        self.current = Some(e);
        e
    }

    /// The node `number` under `parent` (or among the roots), created when
    /// new. A restatement keeps the first title unless it had none.
    #[allow(clippy::too_many_arguments)]
    fn child_or_new(
        &mut self,
        i: usize,
        parent: Option<usize>,
        number: u32,
        kind: Option<&str>,
        title: &str,
        rank: u8,
        weak: bool,
        strict: bool,
    ) -> Result<usize, Miss> {
        let running = std::mem::take(&mut self.running);
        let candidates = self
            .by_child
            .get(&(parent, number))
            .cloned()
            .unwrap_or_default();
        let existing = candidates.into_iter().rev().find(|&c| {
            let n = &self.nodes[c];
            match (&n.kind, kind) {
                (Some(a), Some(b)) => a == b || parent.is_some(),
                (None, None) => true,
                // a root list with a kind and one without are two lists,
                // unless the item is that node stated again
                _ => parent.is_some() || title.is_empty() || similar(&n.title, title),
            }
        });
        if let Some(c) = existing {
            let node = &mut self.nodes[c];
            if !title.is_empty() && !node.title.is_empty() && strict && !similar(&node.title, title)
            {
                return Err(Miss::Mismatch);
            }
            if node.title.is_empty() {
                node.title = title.to_string();
            }
            if node.kind.is_none() {
                node.kind = kind.map(str::to_string);
            }
            return Ok(c);
        }
        if title.is_empty() {
            return Err(Miss::NoTitle);
        }
        let depth = parent.map_or(0, |p| self.nodes[p].depth + 1);
        if depth >= MAX_LEVELS {
            return Err(Miss::TooDeep);
        }
        let id = match parent {
            Some(p) => format!("{}.{number}", self.nodes[p].id),
            None => number.to_string(),
        };
        // numbering gaps among the siblings of the same kind
        let siblings: &[usize] = match parent {
            Some(p) => &self.nodes[p].children,
            None => &self.roots,
        };
        let last = siblings
            .iter()
            .filter(|&&s| parent.is_some() || self.nodes[s].kind.as_deref() == kind)
            .map(|&s| self.nodes[s].number)
            .max();
        match last {
            Some(l) if number > l + 1 => {
                let msg = format!("numbering gap: {id} follows {l} (expected {})", l + 1);
                self.warn(i, msg);
            }
            Some(l) if number < l => {
                let msg = format!("numbering goes backwards: {id} after {l}");
                self.warn(i, msg);
            }
            None if number != 1 && !running => {
                let msg = format!("list starts at {number}, not 1 ({id})");
                self.warn(i, msg);
            }
            _ => {}
        }
        Ok(self.push_node(i, parent, number, kind, title, rank, weak))
    }

    /// A new node, with no check against the nodes already stated.
    #[allow(clippy::too_many_arguments)]
    fn push_node(
        &mut self,
        i: usize,
        parent: Option<usize>,
        number: u32,
        kind: Option<&str>,
        title: &str,
        rank: u8,
        weak: bool,
    ) -> usize {
        let depth = parent.map_or(0, |p| self.nodes[p].depth + 1);
        let id = match parent {
            Some(p) => format!("{}.{number}", self.nodes[p].id),
            None => number.to_string(),
        };
        let line = self.line_no(i);
        self.nodes.push(SNode {
            id,
            kind: kind.map(str::to_string),
            title: title.to_string(),
            line,
            parent,
            number,
            depth,
            rank,
            weak,
            children: Vec::new(),
            dropped: false,
        });
        let n = self.nodes.len() - 1;
        match parent {
            Some(p) => self.nodes[p].children.push(n),
            None => self.roots.push(n),
        }
        self.by_child.entry((parent, number)).or_default().push(n);
        let id = self.nodes[n].id.clone();
        self.by_id.entry(id).or_default().push(n);
        n
    }

    fn run(mut self) -> Outline {
        let n = self.lines.len();
        let mut preset: HashMap<usize, (String, usize)> = HashMap::new();
        for i in 0..n {
            self.at = i;
            if is_page_furniture(&self.lines[i]) {
                self.role[i] = Role::Running;
            }
            if self.lines[i].is_blank() {
                self.chart_open = None;
            }
            if !self.lines[i].is_blank() && self.role[i] == Role::Plain {
                if let Some(p) = preset.remove(&i) {
                    self.line_with(i, Some(p));
                } else {
                    for (label, title, line) in self.column_dump(i) {
                        preset.insert(label, (title, line));
                    }
                    let p = preset.remove(&i);
                    self.line_with(i, p);
                }
            }
            self.context[i] = self.ctx();
        }
        self.finish()
    }

    /// A bare label (`1-1` alone on its line), its key.
    fn bare_label(&self, j: usize) -> Option<Key> {
        let line = self.lines.get(j)?;
        if line.text.contains('\t') {
            return None;
        }
        let (body, _) = numbering::strip_bullets(&line.text);
        let num = numbering::parse(body)?;
        let ok = num.title.is_empty()
            && num.kind.is_none_or(|k| !numbering::is_project_kind(k))
            && !(num.style == Style::Plain && num.numbers.len() == 1);
        ok.then(|| Key::of(&num))
    }

    /// A column of bare labels followed by a column of titles, paired in
    /// order: (label line, title, title line).
    fn column_dump(&self, i: usize) -> Vec<(usize, String, usize)> {
        let Some(key) = self.bare_label(i) else {
            return Vec::new();
        };
        let nonblank = |from: usize| (from..self.lines.len()).find(|&j| !self.lines[j].is_blank());
        let mut labels = vec![i];
        let mut j = i + 1;
        while let Some(k) = nonblank(j) {
            if labels.len() >= 200 || self.bare_label(k).as_ref() != Some(&key) {
                break;
            }
            labels.push(k);
            j = k + 1;
        }
        if labels.len() < 2 {
            return Vec::new();
        }
        let mut titles: Vec<(usize, String)> = Vec::new();
        while let Some(k) = nonblank(j).filter(|&k| is_title_piece(&self.lines[k])) {
            let t = self.lines[k].text.trim();
            // a title wrapped onto a second line (`…守るとともに` / `地域と…`)
            let n = titles.len();
            match titles.last_mut() {
                Some((_, prev)) if self.joiner.surely_carries_on(prev, t) => prev.push_str(t),
                _ if n < labels.len() => titles.push((k, t.to_string())),
                _ => break,
            }
            j = k + 1;
        }
        if titles.len() < labels.len() {
            return Vec::new();
        }
        labels
            .into_iter()
            .zip(titles)
            .map(|(l, (t, text))| (l, text, t))
            .collect()
    }

    fn line_with(&mut self, i: usize, preset: Option<(String, usize)>) {
        let lines = self.lines;
        let text = lines[i].text.as_str();
        // a row of a chart whose first cells are empty continues it
        let chart_row = self.chart_open.is_some() && lines[i].empty_leading_cells > 0;
        // a row of a flattened table whose two cells are parted by a single
        // space (`3. 観光の促進 3.1 観光づくり` under `2. … ⇥ 2.1 …`)
        let in_table = i
            .checked_sub(1)
            .and_then(|p| lines.get(p))
            .is_some_and(|p| {
                p.number + 1 == lines[i].number
                    && (p.text.contains('\t') || p.empty_leading_cells > 0)
            });
        if in_table
            && !text.contains('\t')
            && let Some(split) = split_chart_cells(&lines[i])
        {
            self.tab_row_of(i, &split);
            return;
        }
        if text.contains('\t') || chart_row {
            self.tab_row(i);
            return;
        }
        self.chart_open = None;
        let (body, bullet) = numbering::strip_bullets(text);
        if text.ends_with('。') || numbering::parse(body).is_some() {
            self.table_kinds.clear();
        }
        match numbering::parse(body) {
            // a section number before a kind label (`(1)政策1 物流…`): the
            // kind label numbers the heading
            Some(num) if num.kind.is_none() => match numbering::parse(num.title) {
                Some(inner) if inner.kind.is_some() && !inner.title.is_empty() => {
                    self.numbered(i, &inner, None, false, preset)
                }
                _ => self.numbered(i, &num, None, false, preset),
            },
            Some(num) => self.numbered(i, &num, None, false, preset),
            None => self.unnumbered(i, body, bullet),
        }
    }

    fn tab_row(&mut self, i: usize) {
        let lines = self.lines;
        self.tab_row_of(i, &lines[i]);
    }

    /// [`Self::tab_row`] for line `i` read as `line` (its cells split).
    fn tab_row_of(&mut self, i: usize, line: &Line) {
        let cells: Vec<&str> = line.text.split('\t').map(str::trim).collect();
        let parsed: Vec<Option<Numbering<'_>>> = cells
            .iter()
            .map(|c| numbering::parse(numbering::strip_bullets(c).0))
            .collect();
        if self.chart_row_of(i, line) {
            return;
        }
        self.chart_open = None;
        if parsed.iter().all(Option::is_none) {
            // a header row names the kinds of its columns
            let kinds: Vec<Option<String>> = cells
                .iter()
                .map(|c| {
                    let c = c.trim();
                    numbering::is_kind(c).then(|| c.to_string())
                })
                .collect();
            if kinds.iter().any(Option::is_some) {
                self.chart_open = Some(vec![None; kinds.len()]);
                self.table_kinds = kinds;
            }
            self.end_run();
            return;
        }
        let width = self.table_kinds.len();
        let offset = width.saturating_sub(cells.len());
        for (col, num) in parsed.iter().enumerate() {
            let Some(num) = num else { break };
            let col_kind = self.table_kinds.get(col + offset).cloned().flatten();
            self.numbered(i, num, col_kind, true, None);
        }
    }

    /// A row of a chart whose header names the kinds of its columns
    /// (`基本方針 ⇥ 施策 ⇥ 主な事業`), each cell in its own column even when
    /// the cells before it are empty: a numbered cell states a node of its
    /// column's kind; an unnumbered one continues the title of the node
    /// stated above it in the same column. `false` when the row is no
    /// chart row.
    fn chart_row_of(&mut self, i: usize, line: &Line) -> bool {
        if self.chart_open.is_none() || !self.table_kinds.iter().any(Option::is_some) {
            return false;
        }
        let kinds = self.table_kinds.clone();
        let width = kinds.len();
        let (cols, certain) = layout::cell_columns(line, width);
        let in_chart = |c: usize| kinds.get(c).is_some_and(Option::is_some);
        // a row whose cells fall in the chart's columns, at least one of them
        // a kind column holding a number or continuing one above
        let useful = cols.iter().any(|&(c, cell)| {
            in_chart(c)
                && (numbering::parse(numbering::strip_bullets(cell).0).is_some()
                    || self.open(c).is_some())
        });
        if cols.iter().any(|&(c, _)| c >= width) {
            return false;
        }
        if !useful {
            // a row of the chart with nothing to place (its vision or
            // project cells only)
            return cols
                .iter()
                .all(|&(_, cell)| numbering::parse(cell).is_none());
        }
        for (c, cell) in cols {
            if !in_chart(c) || cell.is_empty() {
                continue;
            }
            let kind = kinds.get(c).cloned().flatten();
            match numbering::parse(numbering::strip_bullets(cell).0) {
                Some(num) => {
                    self.heading[i] = None;
                    self.in_chart = true;
                    self.numbered(i, &num, kind, true, None);
                    self.in_chart = false;
                    let placed = self.heading[i];
                    if let Some(open) = self.chart_open.as_mut() {
                        for slot in open.iter_mut().skip(c) {
                            *slot = None;
                        }
                        if let Some(slot) = open.get_mut(c) {
                            *slot = placed;
                        }
                    }
                }
                None => {
                    // only a cell whose column is certain continues a title
                    let Some(n) = self.open(c).filter(|_| certain) else {
                        continue;
                    };
                    let piece = clean_title(cell);
                    let node = &mut self.nodes[n];
                    if piece.is_empty()
                        || char_len(&piece) > TITLE_PIECE_MAX
                        || char_len(&node.title) + char_len(&piece) > TITLE_MAX
                        || node.title.ends_with('。')
                    {
                        continue;
                    }
                    node.title.push_str(&piece);
                    if self.role[i] == Role::Plain {
                        self.role[i] = Role::Title;
                    }
                }
            }
        }
        true
    }

    /// The node stated last in column `c` of the chart being read.
    fn open(&self, c: usize) -> Option<usize> {
        self.chart_open.as_ref()?.get(c).copied().flatten()
    }

    fn end_run(&mut self) {
        self.run.clear();
    }

    fn unnumbered(&mut self, i: usize, body: &str, bullet: bool) {
        // items of an unnumbered list right under a kind heading
        if bullet && let Some((kind, weak)) = self.bullets.clone() {
            let title = clean_title(body);
            if !title.is_empty() {
                self.overview.push(Overview {
                    line: i,
                    title,
                    kind,
                    weak,
                });
                self.role[i] = Role::ListItem;
                return;
            }
        }
        self.bullets = None;
        if let Some(mut kinds) = kind_legend(&self.lines[i].text) {
            self.end_run();
            let top = kinds.remove(0);
            self.pending = Some(Pending {
                weak: numbering::is_weak_kind(&top),
                kind: Some(top),
                ttl: PENDING_TTL,
                below: kinds,
            });
            return;
        }
        if bullet && self.bullet_child(i, body) {
            return;
        }
        if let Some((kind, weak)) = kind_heading(&self.lines[i].text) {
            self.bullet_level =
                legend_below(&self.lines[i].text).map(|below| (below, kind.clone()));
            self.kind_heading_at(i, kind, weak);
            return;
        }
        if let Some(p) = self.pending.as_mut() {
            p.ttl = p.ttl.saturating_sub(1);
            if p.ttl == 0 {
                self.pending = None;
            }
        }
        self.end_run();
    }

    /// A bullet item under an item of a list whose legend named the level
    /// below (`◇重点品目の生産振興` under `①売れる農畜産物づくり`): a node of
    /// that level, numbered by its position. Indicator lines with values
    /// (`・出荷量(12,364→14,420t)`) and sentences are not.
    fn bullet_child(&mut self, i: usize, body: &str) -> bool {
        let Some((below, above)) = self.bullet_level.clone() else {
            return false;
        };
        let Some(parent) = self.ctx() else {
            return false;
        };
        if self.nodes[parent].kind != above
            || self.nodes[parent].kind.as_deref() == Some(below.as_str())
        {
            return false;
        }
        let title = clean_title(body);
        let valued =
            title.contains(['→', '⇒']) || title.chars().filter(|c| c.is_ascii_digit()).count() >= 2;
        if title.is_empty() || valued || title.ends_with('。') || char_len(&title) > TITLE_MAX {
            return false;
        }
        let number = self.nodes[parent].children.len() as u32 + 1;
        let rank = self.nodes[parent].rank.saturating_add(1);
        let weak = self.nodes[parent].weak;
        match self.child_or_new(
            i,
            Some(parent),
            number,
            Some(&below),
            &title,
            rank,
            weak,
            true,
        ) {
            Ok(n) => {
                self.role[i] = Role::Heading;
                self.heading[i] = Some(n);
                // the parent stays the context for its next bullet
                true
            }
            Err(_) => false,
        }
    }

    fn kind_heading_at(&mut self, i: usize, kind: Option<String>, weak: bool) {
        let next = self.lines[i + 1..].iter().find(|l| !l.is_blank());
        let bullets_below = next.is_some_and(|next| {
            let (body, bullet) = numbering::strip_bullets(&next.text);
            bullet && numbering::parse(body).is_none() && !next.text.contains('\t')
        });
        // A kind label right after a list names that list (a column
        // header printed under its column); one with bullets under it is
        // their heading.
        if let Some(k) = &kind
            && !bullets_below
            && !self.run.is_empty()
            && self.run.iter().all(|&n| self.nodes[n].kind.is_none())
        {
            for n in std::mem::take(&mut self.run) {
                self.nodes[n].kind = Some(k.clone());
            }
            return;
        }
        self.end_run();
        // bullets right under it are its items
        if bullets_below {
            self.bullets = Some((kind, weak));
            return;
        }
        // a second kind heading right below the first: a chart's column
        // headers printed one per line
        if let (Some(k), Some(p)) = (&kind, self.pending.as_mut())
            && p.ttl == PENDING_TTL
            && p.kind.is_some()
            && p.kind.as_ref() != Some(k)
            && p.below.len() < 8
            && !p.below.contains(k)
        {
            p.below.push(k.clone());
            return;
        }
        self.pending = Some(Pending {
            kind,
            weak,
            ttl: PENDING_TTL,
            below: Vec::new(),
        });
    }

    fn chapter(&mut self, i: usize, num: &Numbering<'_>) {
        let unit_rank = |k: Option<&str>| -> usize {
            let c = k.and_then(|k| k.chars().next()).unwrap_or('条');
            numbering::CHAPTER_UNITS
                .iter()
                .position(|&u| u == c)
                .unwrap_or(numbering::CHAPTER_UNITS.len())
        };
        let mine = unit_rank(num.kind);
        // the chapter in force stated again: a running page header
        let title = clean_title(num.title);
        let key = Key::of(num);
        let again = self.chain().into_iter().any(|e| {
            let x = &self.entries[e];
            x.key == key && x.num == num.last() && similar(&x.title, &title)
        });
        if again {
            self.role[i] = Role::Running;
            return;
        }
        let parent = self.chain().into_iter().find(|&e| {
            let k = &self.entries[e].key;
            k.style == Style::Chapter && unit_rank(k.kind.as_deref()) < mine
        });
        self.current = parent;
        let e = self.push_entry(key, num.last(), parent, None);
        self.entries[e].title = title.clone();
        self.role[i] = Role::Section;
        self.pending = None;
        self.depth_kinds.clear();
        self.list_kind = None;
        self.end_run();
        // the parts of a chapter that announces the strategy (`第4章
        // 施策の展開` / `第1節 活力ある農業の実現`) are its top level
        if let Some(p) = parent
            && self.entries[p].node.is_none()
            && kind_heading(&self.entries[p].title).is_some_and(|(_, weak)| !weak)
            && char_len(&title) >= 3
            && !is_paragraph(&title)
            && !SECTION_TITLE.is_match(&title)
            && kind_heading(&title).is_none()
        {
            let n = self.push_node(i, None, num.last(), num.kind, &title, 1, false);
            self.entries[e].node = Some(n);
            self.role[i] = Role::Heading;
            self.heading[i] = Some(n);
            return;
        }
        if let Some((kind, weak)) = kind_heading(num.title) {
            self.kind_heading_at(i, kind, weak);
        }
    }

    fn numbered(
        &mut self,
        i: usize,
        num: &Numbering<'_>,
        col_kind: Option<String>,
        in_table: bool,
        preset: Option<(String, usize)>,
    ) {
        if num.kind.is_some_and(numbering::is_project_kind) {
            self.role[i] = Role::ProjectLabel;
            self.end_run();
            return;
        }
        self.bullets = None;
        if num.style == Style::Chapter {
            self.chapter(i, num);
            return;
        }
        let lines = self.lines;
        let row = in_table || is_space_table_row(&lines[i]);
        let own = if row && !in_table {
            String::new()
        } else {
            clean_title(num.title)
        };
        self.at_fragment = (1..=2).contains(&char_len(&own));
        let key = Key::of(num);
        // the kind a list takes from the heading above it
        let mut list_start = false;
        if let Some(p) = self.pending.take() {
            if num.kind.is_none() && num.last() == 1 {
                self.depth_kinds = p.below;
                self.list_kind = Some(ListKind {
                    key: key.clone(),
                    kind: p.kind,
                    weak: p.weak,
                });
                list_start = true;
            } else {
                self.list_kind = None;
            }
        } else if self.list_kind.as_ref().is_some_and(|l| l.key != key) {
            self.list_kind = None;
        }
        // a bare `1` is a page number or a value, not a heading, unless it
        // goes on a list of bare numbers over their titles
        let bare = num.style == Style::Plain && num.numbers.len() == 1 && own.is_empty();
        let goes_on = self
            .bare_list
            .as_ref()
            .is_some_and(|(k, n)| *k == key && *n + 1 == num.last());
        if bare && !list_start && !goes_on {
            return;
        }
        let (title, used) = if let Some((t, line)) = preset {
            (clean_title(&t), vec![line])
        } else if row {
            (own.clone(), Vec::new())
        } else {
            let (t, u) = gather_title(lines, i, &own, self.joiner);
            (clean_title(&t), u)
        };
        let mut placed = self.place(
            i,
            num,
            &key,
            &title,
            col_kind.as_deref(),
            list_start,
            own.is_empty(),
        );
        let mut used = used;
        if matches!(placed, Placed::Mismatch) && own.is_empty() && !used.is_empty() {
            // the lines below were not its title (a column of labels
            // followed by other cells): a bare reference
            used.clear();
            placed = self.place(i, num, &key, "", col_kind.as_deref(), list_start, true);
        }
        self.bare_list = match placed {
            Placed::Node(_) if bare && !used.is_empty() => Some((key.clone(), num.last())),
            _ if bare => None,
            _ => self.bare_list.take(),
        };
        match placed {
            Placed::Node(n) => {
                self.role[i] = Role::Heading;
                self.heading[i] = Some(n);
                for &j in &used {
                    self.role[j] = Role::Title;
                    self.heading[j] = Some(n);
                }
                // the run: consecutive items of one style
                if self.run_key.as_ref() != Some(&key) {
                    self.run.clear();
                    self.run_key = Some(key.clone());
                }
                if !self.run.contains(&n) {
                    self.run.push(n);
                }
            }
            Placed::Section => {
                self.role[i] = Role::Section;
                for &j in &used {
                    self.role[j] = Role::Title;
                }
                self.end_run();
                if let Some((kind, weak)) = kind_heading(&title) {
                    self.kind_heading_at(i, kind, weak);
                } else if ACTION_HEADING.is_match(&title) && self.ctx().is_none() {
                    // a numbered part of the document, in no node, titled
                    // `具体的な取り組み`: the plan's measures are listed in it
                    self.kind_heading_at(i, Some(title.clone()), false);
                }
            }
            // a part numbered with nothing before it (a page or an extract
            // that starts mid-document: `4 施策の方向性`) still names the
            // kind of the list below it
            Placed::Ignored
                if self.role[i] != Role::ProjectItem
                    && !title.is_empty()
                    && num.numbers.len() == 1 =>
            {
                // (only a heading that is little more than its kind word:
                // `[1]中心市街地活性化の目標` is a part of the document)
                match kind_heading(&title) {
                    Some((Some(kind), weak)) if char_len(&title) <= char_len(&kind) + 4 => {
                        self.kind_heading_at(i, Some(kind), weak)
                    }
                    // a heading announcing the strategy (`施策の展開`)
                    Some((None, weak)) if char_len(&title) <= 8 => {
                        self.kind_heading_at(i, None, weak)
                    }
                    _ => {}
                }
            }
            Placed::Ignored | Placed::Mismatch => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        i: usize,
        num: &Numbering<'_>,
        key: &Key,
        title: &str,
        col_kind: Option<&str>,
        list_start: bool,
        bare: bool,
    ) -> Placed {
        if let Some(kind) = num.kind {
            return self.place_kind(i, num, key, kind, title);
        }
        if num.style == Style::Plain && num.numbers.len() > 1 {
            return self.place_path(i, num, key, title, col_kind, bare);
        }
        self.place_single(i, num, key, title, col_kind, list_start, bare)
    }

    fn result(&mut self, i: usize, r: Result<usize, Miss>, label: &str) -> Placed {
        match r {
            Ok(n) => Placed::Node(n),
            Err(Miss::Mismatch) => Placed::Mismatch,
            Err(Miss::NoTitle) => {
                self.warn(i, format!("{label}: no title, not placed"));
                Placed::Ignored
            }
            Err(Miss::TooDeep) => {
                self.warn(
                    i,
                    format!("{label}: nested deeper than {MAX_LEVELS} levels"),
                );
                Placed::Ignored
            }
        }
    }

    fn place_kind(
        &mut self,
        i: usize,
        num: &Numbering<'_>,
        key: &Key,
        kind: &str,
        title: &str,
    ) -> Placed {
        let rank = self.rank_of(kind);
        let weak = numbering::is_weak_kind(kind);
        let chain_nodes: Vec<usize> = {
            let mut v = Vec::new();
            for e in self.chain() {
                if let Some(n) = self.entries[e].node
                    && !v.contains(&n)
                {
                    v.push(n);
                }
            }
            v
        };
        let parent: Option<usize> = if num.numbers.len() > 1 {
            let prefix = &num.numbers[..num.numbers.len() - 1];
            match self.find_by_id(prefix, rank) {
                Some(p) => Some(p),
                None => return self.place_orphan(i, num, key, kind, title, rank, weak),
            }
        } else if let Some(&s) = chain_nodes
            .iter()
            .find(|&&n| self.nodes[n].kind.as_deref() == Some(kind))
        {
            self.nodes[s].parent
        } else {
            // under the nearest node of a higher rank, unless this kind was
            // stated before at another level (its own root list, or under
            // a parent of another kind): it stays at that level
            let above = chain_nodes
                .iter()
                .copied()
                .find(|&n| self.nodes[n].rank < rank);
            match self.last_of_kind.get(kind).map(|&l| self.nodes[l].parent) {
                None => above,
                Some(None) => None,
                Some(Some(pp)) => match above {
                    Some(a) if self.nodes[a].kind == self.nodes[pp].kind => Some(a),
                    Some(a) if self.nodes[a].rank == self.nodes[pp].rank => Some(a),
                    _ => Some(pp),
                },
            }
        };
        let r = self.child_or_new(i, parent, num.last(), Some(kind), title, rank, weak, false);
        let node = match self.result(i, r, num.label) {
            Placed::Node(n) => n,
            other => return other,
        };
        self.last_of_kind.insert(kind.to_string(), node);
        // the outline parent: the parent node's statement on the chain,
        // else the section it stands in
        let outline_parent = self
            .chain()
            .into_iter()
            .find(|&e| parent.is_some() && self.entries[e].node == parent)
            .or_else(|| self.nearest_section());
        self.current = outline_parent;
        let e = self.push_entry(key.clone(), num.last(), outline_parent, Some(node));
        self.entries[e].title = title.to_string();
        self.by_path.insert(num.numbers.clone(), e);
        Placed::Node(node)
    }

    /// A numbered node whose parent was never stated (`施策2.2.1` without
    /// `2.2`): kept under its nearest stated ancestor with its own id,
    /// and reported.
    #[allow(clippy::too_many_arguments)]
    fn place_orphan(
        &mut self,
        i: usize,
        num: &Numbering<'_>,
        key: &Key,
        kind: &str,
        title: &str,
        rank: u8,
        weak: bool,
    ) -> Placed {
        let written: Vec<String> = num.numbers.iter().map(u32::to_string).collect();
        let id = written.join(".");
        let prefix = &num.numbers[..num.numbers.len().saturating_sub(1)];
        let again = self.by_id.get(&id).and_then(|v| {
            v.iter()
                .rev()
                .copied()
                .find(|&k| self.nodes[k].kind.as_deref() == Some(kind))
        });
        let node = match again {
            Some(k) => k,
            None => {
                let mut parent = None;
                for len in (1..prefix.len()).rev() {
                    if let Some(q) = self.find_by_id(&prefix[..len], rank) {
                        parent = Some(q);
                        break;
                    }
                }
                let msg = format!(
                    "{}: no node {} stated before it; kept under {}",
                    num.label,
                    written[..written.len().saturating_sub(1)].join("."),
                    parent.map_or("the roots", |p| self.nodes[p].id.as_str())
                );
                self.warn(i, msg);
                if title.is_empty() {
                    return Placed::Ignored;
                }
                let depth = parent.map_or(0, |p| self.nodes[p].depth + 1);
                if depth >= MAX_LEVELS {
                    return Placed::Ignored;
                }
                let line = self.line_no(i);
                self.nodes.push(SNode {
                    id: id.clone(),
                    kind: Some(kind.to_string()),
                    title: title.to_string(),
                    line,
                    parent,
                    number: num.last(),
                    depth,
                    rank,
                    weak,
                    children: Vec::new(),
                    dropped: false,
                });
                let n = self.nodes.len() - 1;
                match parent {
                    Some(p) => self.nodes[p].children.push(n),
                    None => self.roots.push(n),
                }
                self.by_id.entry(id).or_default().push(n);
                n
            }
        };
        self.last_of_kind.insert(kind.to_string(), node);
        let outline_parent = self.nearest_section();
        self.current = outline_parent;
        let e = self.push_entry(key.clone(), num.last(), outline_parent, Some(node));
        self.entries[e].title = title.to_string();
        self.by_path.insert(num.numbers.clone(), e);
        Placed::Node(node)
    }

    /// The most recent node whose id is `path`, above `rank`.
    fn find_by_id(&self, path: &[u32], rank: u8) -> Option<usize> {
        let id: Vec<String> = path.iter().map(u32::to_string).collect();
        let id = id.join(".");
        self.by_id
            .get(&id)?
            .iter()
            .rev()
            .copied()
            .find(|&k| self.nodes[k].rank <= rank)
    }

    fn place_path(
        &mut self,
        i: usize,
        num: &Numbering<'_>,
        key: &Key,
        title: &str,
        col_kind: Option<&str>,
        bare: bool,
    ) -> Placed {
        let n = num.numbers.len();
        let prefix = &num.numbers[..n - 1];
        let last = num.last();
        let sibling = if last > 1 {
            let mut p = prefix.to_vec();
            p.push(last - 1);
            self.by_path.get(&p).copied()
        } else {
            None
        };
        let (outline_parent, strategy_parent, sibling_kind) = if let Some(s) = sibling {
            let e = &self.entries[s];
            let sp = e.node.map(|x| self.nodes[x].parent);
            let sk = e.node.and_then(|x| self.nodes[x].kind.clone());
            (e.parent, sp, sk)
        } else if let Some(&p) = self.by_path.get(prefix) {
            let e = &self.entries[p];
            (Some(p), e.node.map(Some), None)
        } else {
            if !self.nodes.is_empty() && self.ctx().is_some() && !title.is_empty() {
                self.warn(
                    i,
                    format!(
                        "{}: no parent numbered {} above it",
                        num.label, num.numbers[0]
                    ),
                );
            }
            return Placed::Ignored;
        };
        match strategy_parent {
            Some(parent) => {
                if !bare && self.not_a_node(i, title, parent) {
                    return Placed::Ignored;
                }
                let kind = col_kind
                    .map(str::to_string)
                    .or_else(|| self.list_kind.as_ref().and_then(|l| l.kind.clone()))
                    .or(sibling_kind)
                    .or_else(|| self.cousin_kind(key, parent))
                    .or_else(|| self.depth_kinds.get(n.saturating_sub(2)).cloned());
                let rank = parent.map_or(1, |p| self.nodes[p].rank.saturating_add(1));
                let r =
                    self.child_or_new(i, parent, last, kind.as_deref(), title, rank, false, true);
                let node = match self.result(i, r, num.label) {
                    Placed::Node(x) => x,
                    other => return other,
                };
                self.current = outline_parent;
                let e = self.push_entry(key.clone(), last, outline_parent, Some(node));
                self.entries[e].title = title.to_string();
                self.by_path.insert(num.numbers.clone(), e);
                Placed::Node(node)
            }
            None => {
                self.current = outline_parent;
                let e = self.push_entry(key.clone(), last, outline_parent, None);
                self.entries[e].title = title.to_string();
                self.by_path.insert(num.numbers.clone(), e);
                Placed::Section
            }
        }
    }

    /// The kind of the last node numbered in `key`'s style (`1.2` for
    /// `2.1`) when its parent is of the same kind as `parent`: the first
    /// item of the next list is of the same level.
    fn cousin_kind(&self, key: &Key, parent: Option<usize>) -> Option<String> {
        let e = *self.last_of_key.get(key)?;
        let x = self.entries[e].node?;
        let p = self.nodes[x].parent;
        let same_parent_kind = match (p, parent) {
            (Some(a), Some(b)) => {
                self.nodes[a].kind.is_some() && self.nodes[a].kind == self.nodes[b].kind
            }
            _ => false,
        };
        if same_parent_kind {
            self.nodes[x].kind.clone()
        } else {
            None
        }
    }

    /// An item under a strategy node that is a sub-section (`(1) 現状と
    /// 課題`) or a project (`① 経営相談事業`), not a node.
    fn not_a_node(&mut self, i: usize, title: &str, parent: Option<usize>) -> bool {
        if parent.is_none() {
            return false;
        }
        if PROJECT_NAME.is_match(title) {
            self.role[i] = Role::ProjectItem;
            return true;
        }
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn place_single(
        &mut self,
        i: usize,
        num: &Numbering<'_>,
        key: &Key,
        title: &str,
        col_kind: Option<&str>,
        list_start: bool,
        bare: bool,
    ) -> Placed {
        self.running = false;
        let number = num.last();
        // same-style items up the outline: the one this number continues,
        // else the same item stated again (a running header), else the
        // nearest one
        let sames: Vec<usize> = self
            .chain()
            .into_iter()
            .filter(|&e| self.entries[e].key == *key)
            .collect();
        let next_of = sames
            .iter()
            .copied()
            .find(|&e| self.entries[e].num + 1 == number);
        let again = sames.iter().copied().find(|&e| {
            let x = &self.entries[e];
            x.num == number && (title.is_empty() || similar(&x.title, title))
        });
        // an item of an overview list stated again in detail away from
        // it (`1. 農業の振興` after the chart row `3. 観光 ⇥ 3.1 …`): the
        // node stated with this style, number and title
        let restated = if next_of.is_none() && again.is_none() && !title.is_empty() {
            let t = squash(title);
            self.by_key_num.get(&(key.clone(), number)).and_then(|v| {
                v.iter().rev().take(RESTATED_LOOKBACK).copied().find(|&e| {
                    let x = &self.entries[e];
                    x.node.is_some() && squash(&x.title) == t
                })
            })
        } else {
            None
        };
        let same = if list_start {
            None
        } else if next_of.is_some() || again.is_some() || restated.is_some() {
            next_of.or(again).or(restated)
        } else if number == 1 {
            // a new list under the current item
            None
        } else {
            sames.first().copied()
        };
        // (outline parent, strategy parent if strategy, inherited kind)
        let (outline_parent, mut strategy_parent, mut kind): (
            Option<usize>,
            Option<Option<usize>>,
            Option<String>,
        );
        let mut sibling_weak = false;
        if let Some(a) = same {
            let anum = self.entries[a].num;
            let anode = self.entries[a].node;
            if number == anum {
                // the same item stated again (a running page header)
                self.current = Some(a);
                return match anode {
                    Some(x) => Placed::Node(x),
                    None => Placed::Section,
                };
            }
            if anode.is_none() && number != anum + 1 {
                // the next document section after rows that referred to
                // nodes (`1-1-1 ⇥ …` in a table under `4 主な事業`): it
                // continues the last section of its style
                let last = self.last_of_key.get(key).copied().filter(|&l| {
                    let x = &self.entries[l];
                    x.node.is_none() && x.num.checked_add(1) == Some(number)
                });
                if let Some(l) = last {
                    let parent = self.entries[l].parent;
                    self.current = parent;
                    let e = self.push_entry(key.clone(), number, parent, None);
                    self.entries[e].title = title.to_string();
                    self.index_path(num, e);
                    return Placed::Section;
                }
                // a Roman-numbered part after a lost one (`II` … `IV`)
                if num.style == Style::Roman && number > anum {
                    let parent = self.entries[a].parent;
                    self.current = parent;
                    let e = self.push_entry(key.clone(), number, parent, None);
                    self.entries[e].title = title.to_string();
                    self.index_path(num, e);
                    return Placed::Section;
                }
                return Placed::Ignored;
            }
            // a number skipped ahead of a node list (`6 重点プロジェクト`
            // after `3 …`) naming a part of the document or a list of
            // projects: a section of the document, in no node
            if anode.is_some()
                && number > anum + 1
                && (SECTION_TITLE.is_match(title) || PROJECT_NAME.is_match(title))
            {
                let parent = self.entries[a].parent;
                self.current = parent;
                let e = self.push_entry(key.clone(), number, parent, None);
                self.entries[e].title = title.to_string();
                self.index_path(num, e);
                return Placed::Section;
            }
            outline_parent = self.entries[a].parent;
            strategy_parent = anode.map(|x| self.nodes[x].parent);
            kind = anode.and_then(|x| self.nodes[x].kind.clone());
            sibling_weak = anode.is_some_and(|x| self.nodes[x].weak);
        } else if let Some((p, k)) = self.continued_under_new_node(key, number) {
            // the list runs on under a new node of its parent's kind
            outline_parent = self.current;
            strategy_parent = Some(Some(p));
            kind = k;
            self.running = true;
        } else {
            // a Roman-numbered part of the document whose predecessors were
            // lost (a contents page cut or shuffled by its converter): a
            // section at the top of the outline
            if number != 1 && !list_start && num.style == Style::Roman && self.ctx().is_none() {
                self.current = None;
                let e = self.push_entry(key.clone(), number, None, None);
                self.entries[e].title = title.to_string();
                self.index_path(num, e);
                return Placed::Section;
            }
            if number != 1 && !list_start {
                // `② 融資制度` after `① 経営相談事業`: a list of projects
                if !bare && self.ctx().is_some() && PROJECT_NAME.is_match(title) {
                    self.role[i] = Role::ProjectItem;
                    return Placed::Ignored;
                }
                if self.ctx().is_some() && !title.is_empty() && num.style != Style::Plain {
                    self.warn(
                        i,
                        format!("{}: cannot be placed (no item 1 before it)", num.label),
                    );
                }
                return Placed::Ignored;
            }
            outline_parent = self.current;
            strategy_parent = self.current.and_then(|c| self.entries[c].node).map(Some);
            kind = None;
        }
        let mut weak = sibling_weak;
        if list_start && let Some(l) = &self.list_kind {
            {
                kind = l.kind.clone();
                weak = l.weak;
                // (a chart under it lists the tree from its top)
                let rank = match kind.as_deref() {
                    None if col_kind.is_some() || self.in_chart => Some(1),
                    k => k.and_then(numbering::kind_rank),
                };
                // under the nearest node of a higher rank, else a root; a
                // list under a heading naming no kind (`施策の展開`) stated
                // inside a node is that node's list
                let above = self
                    .chain()
                    .into_iter()
                    .filter_map(|e| self.entries[e].node)
                    .find(|&x| rank.is_none_or(|r| self.nodes[x].rank < r));
                // a list of a lower level inside a numbered part of the
                // document with no node above it: that part is the level
                // above (`1.村の振興…` / `［具体的な施策］` / `① 高校の…`)
                let above = above.or_else(|| {
                    let r = rank.filter(|&r| r >= 2)?;
                    self.promote_section(r - 1)
                });
                strategy_parent = Some(above);
            }
        }
        if let Some(c) = col_kind {
            kind = Some(c.to_string());
            // a chart's column named by a kind is a level of the strategy,
            // even where the chart stands in a document section: under the
            // nearest node of a higher rank, else a root
            if strategy_parent.is_none() && self.in_chart {
                let rank = numbering::kind_rank(c).unwrap_or(1);
                let above = self
                    .chain()
                    .into_iter()
                    .filter_map(|e| self.entries[e].node)
                    .find(|&x| self.nodes[x].rank < rank);
                strategy_parent = Some(above);
            }
        }
        let Some(parent) = strategy_parent else {
            self.current = outline_parent;
            let e = self.push_entry(key.clone(), number, outline_parent, None);
            self.entries[e].title = title.to_string();
            self.index_path(num, e);
            return Placed::Section;
        };
        if (!list_start && SECTION_TITLE.is_match(title))
            || is_kind_label(title)
            || (list_start && is_paragraph(title))
        {
            self.current = outline_parent;
            let e = self.push_entry(key.clone(), number, outline_parent, None);
            self.entries[e].title = title.to_string();
            self.index_path(num, e);
            return Placed::Section;
        }
        if !bare && self.not_a_node(i, title, parent) {
            return Placed::Ignored;
        }
        if let Some(w) = parent.map(|p| self.nodes[p].weak) {
            weak |= w;
        }
        let rank = match (&kind, parent) {
            (Some(k), _) => {
                let k = k.clone();
                self.rank_of(&k)
            }
            (None, Some(p)) => self.nodes[p].rank.saturating_add(1),
            (None, None) => 1,
        };
        let r = self.child_or_new(i, parent, number, kind.as_deref(), title, rank, weak, true);
        let node = match self.result(i, r, num.label) {
            Placed::Node(x) => x,
            other => return other,
        };
        self.current = outline_parent;
        let e = self.push_entry(key.clone(), number, outline_parent, Some(node));
        self.entries[e].title = title.to_string();
        self.index_path(num, e);
        Placed::Node(node)
    }

    /// Numbering that runs on across the nodes of a higher level
    /// (`基本方針1` (1)–(3), `基本方針2` (4)–(6)): an item continuing the
    /// last item of its style, stated right under a later node of the same
    /// kind as that item's parent, belongs under that later node. Its
    /// parent and kind.
    fn continued_under_new_node(&self, key: &Key, number: u32) -> Option<(usize, Option<String>)> {
        let &e = self.last_of_key.get(key)?;
        let prev = self.entries.get(e)?;
        if prev.num.checked_add(1) != Some(number) {
            return None;
        }
        let x = prev.node?;
        let old_parent = self.nodes[x].parent?;
        let cur = self.current.and_then(|c| self.entries[c].node)?;
        let (a, b) = (&self.nodes[cur], &self.nodes[old_parent]);
        let same_kind = a.kind.is_some() && a.kind == b.kind && a.depth == b.depth;
        (cur != old_parent && cur > x && same_kind && a.number > b.number)
            .then(|| (cur, self.nodes[x].kind.clone()))
    }

    /// A document with no other strategy: its first compact list of
    /// Roman-numbered titles (`Ⅰ 国際ビジネス拠点の形成` / `Ⅱ …`, on
    /// adjacent lines) is the plan's list of pillars. Roman numerals that
    /// number chapters stand apart, with text between them, and their
    /// titles name parts of a document (`計画の概要`, `現状と課題`).
    fn roman_pillars(&mut self) {
        let mut run: Vec<(usize, String)> = Vec::new();
        let accept = |run: &mut Vec<(usize, String)>| -> Option<Vec<(usize, String)>> {
            let ok = run.len() >= 2 && run.iter().all(|(_, t)| !CHAPTER_TITLE.is_match(t));
            let taken = std::mem::take(run);
            ok.then_some(taken)
        };
        let mut found = None;
        for (i, line) in self.lines.iter().enumerate() {
            if line.is_blank() {
                continue;
            }
            let (body, bullet) = numbering::strip_bullets(&line.text);
            let parsed = (!line.text.contains('\t') && !bullet)
                .then(|| numbering::parse(body))
                .flatten();
            // only a list before any numbered part of the document
            if run.is_empty()
                && parsed.as_ref().is_some_and(|n| {
                    n.style != Style::Roman && !n.title.is_empty() && self.role[i] != Role::Running
                })
            {
                break;
            }
            let num = parsed.filter(|n| n.style == Style::Roman && n.numbers.len() == 1);
            let title = num
                .as_ref()
                .map(|n| clean_title(n.title))
                .unwrap_or_default();
            let next = num.as_ref().is_some_and(|n| {
                usize::try_from(n.last()).is_ok_and(|k| k == run.len() + 1)
                    && title.chars().any(char::is_alphabetic)
            });
            if next {
                run.push((i, title));
                continue;
            }
            if let Some(r) = accept(&mut run) {
                found = Some(r);
                break;
            }
            if num.as_ref().is_some_and(|n| n.last() == 1) && !title.is_empty() {
                run.push((i, title));
            }
        }
        let found = found.or_else(|| accept(&mut run)).unwrap_or_default();
        for (number, (i, title)) in (1u32..).zip(found) {
            if let Ok(n) = self.child_or_new(i, None, number, None, &title, 1, false, false) {
                self.role[i] = Role::Heading;
                self.heading[i] = Some(n);
            }
        }
    }

    /// The numbered part of the document the outline stands in, made a
    /// node of rank `rank` (when it is a heading of plan content: not a part
    /// named like the document's own, not a paragraph, not a fragment).
    fn promote_section(&mut self, rank: u8) -> Option<usize> {
        let pe = self.nearest_section()?;
        let part = &self.entries[pe];
        let title = part.title.clone();
        let plain_part = matches!(part.key.style, Style::Plain | Style::Paren | Style::Bracket);
        if !plain_part
            || part.fragment
            || char_len(&title) < 3
            || is_paragraph(&title)
            || CHAPTER_TITLE.is_match(&title)
            || SECTION_TITLE.is_match(&title)
            || is_kind_label(&title)
        {
            return None;
        }
        let (line, num, parent) = (part.line, part.num, part.parent);
        // under the node the part itself stands in, if any
        let up = parent.and_then(|p| self.entries[p].node);
        let p = self.push_node(line, up, num, None, &title, rank.max(1), false);
        self.entries[pe].node = Some(p);
        self.role[line] = Role::Heading;
        self.heading[line] = Some(p);
        Some(p)
    }

    /// An evaluation sheet names its place in the strategy in form fields:
    /// `施策コード 25 施策名 雇用の創出` / `小施策コード 25-2 小施策名 雇用対策の推進`,
    /// or a label on its line and the value on the next (`政策名` / `魅力と
    /// 活力のある産業社会づくり`). Each field whose label is a kind word and
    /// 名 is a node, the later ones under the earlier (a sheet names its
    /// levels top down); a code field gives the number.
    fn form_fields(&mut self) {
        let mut fields: Vec<(usize, String, String, Option<u32>)> = Vec::new(); // line, kind, title, number
        let mut codes: Vec<(String, u32)> = Vec::new();
        let label_of = |w: &str| -> Option<String> {
            let k = w.strip_suffix('名')?;
            (numbering::is_kind(k)
                || numbering::kind_words()
                    .iter()
                    .any(|kw| k.ends_with(kw.as_str())))
            .then(|| k.to_string())
        };
        let code_of = |w: &str| -> Option<String> {
            w.strip_suffix("コード")
                .or_else(|| w.strip_suffix("No."))
                .or_else(|| w.strip_suffix("No"))
                .or_else(|| w.strip_suffix("番号"))
                .filter(|k| !k.is_empty())
                .map(str::to_string)
        };
        let is_label = |w: &str| w.ends_with('名') || code_of(w).is_some();
        for (i, line) in self.lines.iter().enumerate() {
            if line.is_blank() || line.text.contains('。') || char_len(&line.text) > 60 {
                continue;
            }
            let words: Vec<&str> = line.spaced.split_whitespace().collect();
            let mut k = 0;
            while k < words.len() {
                let w = words[k];
                if let Some(kind) = code_of(w)
                    && let Some(n) = words
                        .get(k + 1)
                        .and_then(|n| n.rsplit('-').next())
                        .and_then(|n| n.parse::<u32>().ok())
                {
                    codes.push((kind, n));
                    k += 2;
                    continue;
                }
                if let Some(kind) = label_of(w) {
                    let rest: Vec<&str> = words[k + 1..]
                        .iter()
                        .take_while(|x| !is_label(x))
                        .copied()
                        .collect();
                    let title = if rest.is_empty() {
                        // the value on the next line
                        self.lines[i + 1..]
                            .iter()
                            .find(|l| !l.is_blank())
                            .map(|l| l.text.trim().to_string())
                            .filter(|t| {
                                !is_label(t)
                                    && !t.chars().all(|c| c.is_ascii_digit())
                                    && char_len(t) <= 40
                            })
                            .unwrap_or_default()
                    } else {
                        rest.concat()
                    };
                    if char_len(&title) >= 2 {
                        fields.push((i, kind, title, None));
                    }
                    k += 1 + rest.len();
                    continue;
                }
                k += 1;
            }
        }
        // codes name the fields of their kind
        for f in &mut fields {
            f.3 = codes.iter().find(|(k, _)| *k == f.1).map(|(_, n)| *n);
        }
        // one field per kind, the first
        let mut seen = Vec::new();
        fields.retain(|f| {
            let new = !seen.contains(&f.1);
            seen.push(f.1.clone());
            new
        });
        let mut parent: Option<usize> = None;
        for (depth, (line, kind, title, number)) in fields.into_iter().enumerate() {
            let number = number.unwrap_or(1);
            let rank = u8::try_from(depth + 1).unwrap_or(u8::MAX);
            let n = self.push_node(line, parent, number, Some(&kind), &title, rank, false);
            self.role[line] = Role::Heading;
            self.heading[line] = Some(n);
            parent = Some(n);
        }
    }

    /// A document that names no level of its strategy still lists it: in
    /// the chapter (`第2章 具体的な内容`, a Roman-numbered part) whose numbered
    /// parts are plan content rather than the document's own parts, or in a
    /// run of top-level parts numbered again from 1 (the chapter heading
    /// lost by a converter). The group with the most such parts and
    /// sub-parts (two at least, one of them with sub-parts) gives the tree:
    /// its parts are the roots, their parts the children. Parts named like
    /// the document's own (計画期間, 推進体制, はじめに) and sentences are left
    /// out.
    fn content_chapter(&mut self) {
        let heading_like = |e: &Entry| {
            let t = e.title.as_str();
            !e.fragment
                && char_len(t) >= 3
                && char_len(t) <= 40
                && !t.contains('。')
                && !CHAPTER_TITLE.is_match(t)
                && !SECTION_TITLE.is_match(t)
        };
        let children = |p: usize| -> Vec<usize> {
            (p + 1..self.entries.len())
                .filter(|&e| self.entries[e].parent == Some(p) && self.entries[e].node.is_none())
                .collect()
        };
        // the groups of parts: the parts of each chapter, and each run of
        // top-level parts that starts again at 1 after an earlier run (the
        // chapter heading between them lost by the converter)
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for c in 0..self.entries.len() {
            let e = &self.entries[c];
            let top = matches!(e.key.style, Style::Chapter | Style::Roman);
            if top && e.node.is_none() && !CHAPTER_TITLE.is_match(&e.title) {
                groups.push(children(c));
            }
        }
        let mut runs: Vec<(Key, Vec<usize>)> = Vec::new();
        for (c, e) in self.entries.iter().enumerate() {
            if e.parent.is_some() || e.node.is_some() {
                continue;
            }
            match runs.iter_mut().rev().find(|(k, _)| *k == e.key) {
                Some((_, run)) if e.num != 1 => run.push(c),
                _ => runs.push((e.key.clone(), vec![c])),
            }
        }
        for (k, run) in &runs {
            let earlier = runs
                .iter()
                .take_while(|(_, r)| r != run)
                .any(|(k2, _)| k2 == k);
            if earlier {
                groups.push(run.clone());
            }
        }
        // (a run of one style placed under a part of the same style: the
        // outline nested the restart)
        for (c, e) in self.entries.iter().enumerate() {
            let nested = e.num == 1
                && e.node.is_none()
                && e.parent.is_some_and(|p| self.entries[p].key == e.key);
            if nested {
                let p = e.parent;
                let run: Vec<usize> = (c..self.entries.len())
                    .filter(|&x| self.entries[x].parent == p && self.entries[x].key == e.key)
                    .collect();
                groups.push(run);
            }
        }
        // (parts with their sub-parts, how many in all)
        type Parts = Vec<(usize, Vec<usize>)>;
        let mut best: Option<(Parts, usize)> = None;
        for group in groups {
            let parts: Vec<(usize, Vec<usize>)> = group
                .into_iter()
                .filter(|&k| heading_like(&self.entries[k]))
                .map(|k| {
                    let subs = children(k)
                        .into_iter()
                        .filter(|&g| heading_like(&self.entries[g]))
                        .collect();
                    (k, subs)
                })
                .collect();
            let size = parts.len() + parts.iter().map(|(_, s)| s.len()).sum::<usize>();
            let deep = parts.iter().any(|(_, s)| !s.is_empty());
            if parts.len() >= 2 && deep && best.as_ref().is_none_or(|b| size > b.1) {
                best = Some((parts, size));
            }
        }
        let Some((mut parts, _)) = best else {
            return;
        };
        // only one part has parts of its own (`2 分野別の点検結果` / `I …`,
        // `II …`, beside `1 これまでの成果`): it holds the list, its parts
        // are the roots
        let deep: Vec<usize> = (0..parts.len())
            .filter(|&i| !parts[i].1.is_empty())
            .collect();
        if let [only] = deep[..]
            && parts[only].1.len() >= 2
        {
            parts = parts[only].1.iter().map(|&g| (g, Vec::new())).collect();
        }
        for (k, subs) in parts {
            let (line, num, title) = {
                let x = &self.entries[k];
                (x.line, x.num, x.title.clone())
            };
            let Ok(root) = self.child_or_new(line, None, num, None, &title, 1, false, false) else {
                continue;
            };
            self.role[line] = Role::Heading;
            self.heading[line] = Some(root);
            for g in subs {
                let (line, num, title) = {
                    let x = &self.entries[g];
                    (x.line, x.num, x.title.clone())
                };
                if let Ok(n) =
                    self.child_or_new(line, Some(root), num, None, &title, 2, false, false)
                {
                    self.role[line] = Role::Heading;
                    self.heading[line] = Some(n);
                }
            }
        }
    }

    /// Plain numbers are parents of paths (`1` of `1-1`), and so is a
    /// bracketed single number (`【方向1】` of `1-1`).
    fn index_path(&mut self, num: &Numbering<'_>, e: usize) {
        if num.style == Style::Plain || num.style == Style::Bracket && num.numbers.len() == 1 {
            self.by_path.insert(num.numbers.clone(), e);
        }
    }

    fn finish(mut self) -> Outline {
        // unnumbered overview items: the same nodes stated again, or a list
        // of its own when the document states nothing else
        let known: std::collections::HashSet<String> =
            self.nodes.iter().map(|n| squash(&n.title)).collect();
        let few = self.nodes.len() <= 2000;
        let unmatched: Vec<Overview> = std::mem::take(&mut self.overview)
            .into_iter()
            .take(2000)
            .filter(|o| {
                let seen = known.contains(&squash(&o.title))
                    || few && self.nodes.iter().any(|n| similar(&n.title, &o.title));
                !seen
            })
            .collect();
        if self.nodes.is_empty() {
            let mut number = 0;
            let mut last_line = 0;
            for o in &unmatched {
                if o.line > last_line + 3 && number > 0 {
                    // a later list: only the first one is taken
                    break;
                }
                number += 1;
                last_line = o.line;
                let rank = o
                    .kind
                    .as_deref()
                    .and_then(numbering::kind_rank)
                    .unwrap_or(1);
                let _ = self.child_or_new(
                    o.line,
                    None,
                    number,
                    o.kind.as_deref(),
                    &o.title,
                    rank,
                    o.weak,
                    false,
                );
                self.heading[o.line] = self.nodes.len().checked_sub(1);
            }
        } else {
            for o in unmatched.iter().filter(|o| !o.weak) {
                let msg = format!("unnumbered item \"{}\" matches no node", o.title);
                self.warn(o.line, msg);
            }
        }
        if self.nodes.is_empty() {
            self.roman_pillars();
        }
        if self.nodes.is_empty() {
            self.content_chapter();
        }
        if self.nodes.is_empty() {
            self.form_fields();
        }
        // weak lists give way to a real strategy
        if self.roots.iter().any(|&r| !self.nodes[r].weak) {
            for &r in &self.roots {
                if self.nodes[r].weak {
                    self.nodes[r].dropped = true;
                }
            }
        }
        Outline {
            nodes: self.nodes,
            roots: self.roots,
            context: self.context,
            heading: self.heading,
            role: self.role,
            warnings: self.warnings,
        }
    }
}

/// Build the outline of a document.
pub(crate) fn outline(doc: Doc<'_>, joiner: &Joiner<'_>) -> Outline {
    Builder::new(doc.lines, joiner).run()
}

/// Turn the outline's nodes into the nested output, without recursion.
fn to_nodes(o: &Outline) -> Vec<Node> {
    let n = o.nodes.len();
    let mut built: Vec<Option<Node>> = (0..n).map(|_| None).collect();
    // children always come after their parent in `nodes`
    for k in (0..n).rev() {
        let s = &o.nodes[k];
        if s.dropped || s.title.is_empty() {
            continue;
        }
        let children: Vec<Node> = s
            .children
            .iter()
            .filter_map(|&c| built.get_mut(c).and_then(Option::take))
            .collect();
        built[k] = Some(Node {
            id: s.id.clone(),
            kind: s.kind.clone(),
            title: s.title.clone(),
            line: s.line,
            children,
        });
    }
    o.roots
        .iter()
        .filter_map(|&r| built.get_mut(r).and_then(Option::take))
        .collect()
}

/// The plan's strategy forest.
pub fn extract(doc: Doc<'_>, morph: &dyn Morph, warnings: &mut Vec<Warning>) -> Vec<Node> {
    let mut structure = Structure::of(doc, morph);
    structure.nodes(warnings)
}

/// A document's lines rearranged for reading (`layout::arrange`) and their
/// outline: computed once and shared by the strategy and project readers.
pub struct Structure<'a> {
    pub(crate) lines: std::borrow::Cow<'a, [crate::Line]>,
    pub(crate) roles: &'a [crate::document::Role],
    pub(crate) outline: Outline,
}

impl<'a> Structure<'a> {
    /// Arrange the lines and build the outline.
    pub fn of(doc: Doc<'a>, morph: &'a dyn Morph) -> Self {
        // a document layer's units are in reading order already
        let (lines, roles) = if doc.is_units() {
            (std::borrow::Cow::Borrowed(doc.lines), doc.roles)
        } else {
            (layout::arrange(doc.lines), &[][..])
        };
        let joiner = Joiner::new(&lines, morph);
        let outline = outline(Doc::new(&lines), &joiner);
        Structure {
            lines,
            roles,
            outline,
        }
    }

    /// The strategy forest; the outline's warnings move to `warnings`.
    pub fn nodes(&mut self, warnings: &mut Vec<Warning>) -> Vec<Node> {
        warnings.append(&mut self.outline.warnings);
        to_nodes(&self.outline)
    }
}

/// What the outline made of each unit, one line per non-blank unit:
/// `LINE<TAB>ROLE<TAB>NODE<TAB>TEXT` (for `jplan normalize --outline`, to
/// see why a heading is or is not a node).
pub fn explain(doc: Doc<'_>, morph: &dyn Morph) -> String {
    use std::fmt::Write;
    let st = Structure::of(doc, morph);
    let mut out = String::new();
    for (i, line) in st.lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let role = format!("{:?}", st.outline.role[i]);
        let node = st.outline.heading[i]
            .or(st.outline.context[i])
            .and_then(|n| st.outline.id(n))
            .unwrap_or("-");
        let _ = writeln!(
            out,
            "{}\t{role}\t{node}\t{}",
            line.number,
            line.text.replace('\t', " ⇥ ")
        );
    }
    out
}

/// The strategy tree indented, each node with its projects under it
/// (`jplan tree`); projects tied to no node are listed at the end.
pub fn render_tree(strategy: &[Node], projects: &[Project]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut stack: Vec<(&Node, usize)> = strategy.iter().rev().map(|n| (n, 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        let indent = "  ".repeat(depth.min(64));
        let kind = node.kind.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "{indent}{kind}{} {}  (line {})",
            node.id, node.title, node.line
        );
        for p in projects.iter().filter(|p| p.nodes.contains(&node.id)) {
            let home = p.nodes.first().is_some_and(|h| *h == node.id);
            let mark = if p.priority { "★" } else { "・" };
            let again = if home { "" } else { " <再掲>" };
            let label = p
                .label
                .as_deref()
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            let _ = writeln!(out, "{indent}    {mark}{label}{}{again}", p.name);
        }
        stack.extend(node.children.iter().rev().map(|c| (c, depth + 1)));
    }
    let loose: Vec<&Project> = projects.iter().filter(|p| p.nodes.is_empty()).collect();
    if !loose.is_empty() {
        out.push_str("(no node)\n");
        for p in loose {
            let mark = if p.priority { "★" } else { "・" };
            let label = p
                .label
                .as_deref()
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            let _ = writeln!(out, "    {mark}{label}{}", p.name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::generalization_tests::flat;
    use super::*;
    use crate::{NoMorph, lines_from};

    fn tree(text: &str) -> (Vec<Node>, Vec<Warning>) {
        let lines = lines_from(text);
        let mut w = Vec::new();
        let nodes = extract(Doc::new(&lines), &NoMorph, &mut w);
        (nodes, w)
    }

    #[test]
    fn kind_words_nest_by_rank_and_numbers_by_order() {
        let text = "第3章 施策の展開\n\n基本目標1 ものづくり産業の振興\n\n施策1 中小企業の経営支援\n(1) 経営相談の充実\n・経営相談事業\n(2) 資金調達の支援\n施策2 創業の支援\n\n基本目標2 商業の活性化\n施策1 商店街の振興\n(1) にぎわいづくり\n";
        let (nodes, w) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 基本目標 ものづくり産業の振興",
                "  1.1 施策 中小企業の経営支援",
                "    1.1.1 - 経営相談の充実",
                "    1.1.2 - 資金調達の支援",
                "  1.2 施策 創業の支援",
                "2 基本目標 商業の活性化",
                "  2.1 施策 商店街の振興",
                "    2.1.1 - にぎわいづくり",
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }
    #[test]
    fn plain_children_under_a_kind_node_inside_a_numbered_section() {
        let text = "1 計画の概要\n1-1 計画策定の趣旨\n本計画は、産業振興の方向性を示すものです。\n2 施策の体系\n基本方針Ⅰ 産業の活性化\n1 中小企業の振興\n2 創業の促進\n基本方針Ⅱ 観光の振興\n1 観光資源の\n磨き上げ\n3 計画の推進\n3-1 推進体制\n2 施策の体系\n";
        let (nodes, w) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 基本方針 産業の活性化",
                "  1.1 - 中小企業の振興",
                "  1.2 - 創業の促進",
                "2 基本方針 観光の振興",
                "  2.1 - 観光資源の磨き上げ",
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn overview_and_detail_are_one_node() {
        let text = "基本方針\n\n1 発展的な創出\n\n2 既存産業の活性化\n\n施策の柱\n\n- 1-1 産業用地の創出\n- 1-2 企業誘致の推進\n- 2-1 事業者への支援\n\n基本方針1 発展的な創出\n\n本市は、新たな産業を創出しやすい環境を整備していきます。\n\n1-1 産業用地の創出\n\n1-2 企業誘致の推進\n\n基本方針2\n\n既存産業の活性化\n\n2-1\n事業者への\n支援\n";
        let (nodes, w) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 基本方針 発展的な創出",
                "  1.1 施策の柱 産業用地の創出",
                "  1.2 施策の柱 企業誘致の推進",
                "2 基本方針 既存産業の活性化",
                "  2.1 施策の柱 事業者への支援",
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn goal_list_beside_the_strategy_and_broken_titles() {
        let text = "目標\n\n目標①\n\n先端産業の集積が促進されて\nおり、新たな価値の創造がなされている\n\n目標②\n\n産業力が強化されている\n\n基本戦略\n\n戦略１．\n\n先端産業の集積促進とイノベー\nションによる価値の創造\n\n戦略２．\n場づくりによる産業の創出\n\n１-１ 先端産業分野の誘致\n１-２ 既存企業の先端産業分野・関連分野\n\nとの関係性強化\n\n２-１ 産学官連携拠点を活用したものづく\nり・医工連携の推進\n\n取組\n";
        let (nodes, w) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 目標 先端産業の集積が促進されており、新たな価値の創造がなされている",
                "2 目標 産業力が強化されている",
                "1 戦略 先端産業の集積促進とイノベーションによる価値の創造",
                "  1.1 取組 先端産業分野の誘致",
                "  1.2 取組 既存企業の先端産業分野・関連分野との関係性強化",
                "2 戦略 場づくりによる産業の創出",
                "  2.1 取組 産学官連携拠点を活用したものづくり・医工連携の推進",
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn paths_carry_their_depth() {
        let text = "戦略1 新産業の創出\n施策の方向性1.1 連携を促す\n基本施策1.1.1 拠点の機能を生かした連携\n施策1.1.2 高付加価値な製品\n戦略2 成長産業の集積\n施策の方向性2.1 市場の獲得\n施策2.1.1 成長産業の集積促進\n施策2.2.1 研究開発\n";
        let (nodes, w) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 戦略 新産業の創出",
                "  1.1 施策の方向性 連携を促す",
                "    1.1.1 基本施策 拠点の機能を生かした連携",
                "    1.1.2 施策 高付加価値な製品",
                "2 戦略 成長産業の集積",
                "  2.1 施策の方向性 市場の獲得",
                "    2.1.1 施策 成長産業の集積促進",
                "  2.2.1 施策 研究開発",
            ]
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line, 8);
    }

    #[test]
    fn counted_kind_lists_and_unnumbered_overviews() {
        let text = "(1) 6つのポイントの設定\n以下のポイントを設定します。\n【1】イノベーションの形成\n説明文です。\n【2】雇用創出\n(2)基本施策の策定\n【2つの基本施策】\n基本施策1 環境整備\n基本施策2 人材の活躍\n【3の取組項目】\n- 拠点の構築\n- 人材の育成\n- 就業支援\n基本施策\t取組項目\t主な事業\n基本施策1 環境整備\t(1)拠点の構築\tA事業\n(2)人材の育成\tB事業\n基本施策2 人材の活躍\t(1)就業支援\tC事業\n";
        let (nodes, w) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 ポイント イノベーションの形成",
                "2 ポイント 雇用創出",
                "1 基本施策 環境整備",
                "  1.1 取組項目 拠点の構築",
                "  1.2 取組項目 人材の育成",
                "2 基本施策 人材の活躍",
                "  2.1 取組項目 就業支援",
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn weak_lists_only_when_nothing_else() {
        let (nodes, _) = tree("本市の課題\n1. 経営の安定\n2. 事業の継承\n");
        assert_eq!(flat(&nodes), vec!["1 課題 経営の安定", "2 課題 事業の継承"]);
        let (nodes, _) =
            tree("本市の課題\n1. 経営の安定\n2. 事業の継承\n基本方針1 産業振興\n基本方針2 観光\n");
        assert_eq!(flat(&nodes), vec!["1 基本方針 産業振興", "2 基本方針 観光"]);
    }

    #[test]
    fn sections_and_values_are_not_nodes() {
        let text =
            "1 策定の背景\n2 策定の目的\n(1) 位置付け\n3 計画の期間\n2025年\n10月\n4\n95 88\n";
        let (nodes, w) = tree(text);
        assert!(nodes.is_empty(), "{:?}", flat(&nodes));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn column_of_labels_then_column_of_titles() {
        let text = "施策の体系\n1 産業\n1-1\n1-2\n1-3\n用地の創出\n企業の誘致\n創業の促進\n";
        let (nodes, _) = tree(text);
        assert_eq!(
            flat(&nodes),
            vec![
                "1 - 産業",
                "  1.1 - 用地の創出",
                "  1.2 - 企業の誘致",
                "  1.3 - 創業の促進"
            ]
        );
    }

    #[test]
    fn gaps_and_orphans_are_reported() {
        let (nodes, w) = tree("基本目標1 産業\n基本目標3 観光\n施策の方向性5.1 どこにも属さない\n");
        assert_eq!(nodes.len(), 3);
        let lines: Vec<usize> = w.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![2, 3], "{w:?}");
    }

    #[test]
    fn render_tree_lists_projects_under_their_nodes() {
        let (nodes, _) = tree("基本方針1 産業\n1-1 用地\n");
        let projects = vec![Project {
            name: "企業誘致事業".into(),
            label: Some("重点推進事業1".into()),
            nodes: vec!["1.1".into()],
            priority: true,
            line: 3,
        }];
        let out = render_tree(&nodes, &projects);
        assert_eq!(
            out,
            "基本方針1 産業  (line 1)\n  1.1 用地  (line 2)\n      ★重点推進事業1 企業誘致事業\n"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn extract_never_panics(s in "\\PC*") {
            let _ = tree(&s);
        }

        #[test]
        fn extract_never_panics_on_outline_pieces(parts in proptest::collection::vec(0..PIECES.len(), 0..120)) {
            let text: String = parts.into_iter().map(|i| PIECES[i]).collect();
            let (nodes, _) = tree(&text);
            let n = lines_from(&text).len();
            let mut stack: Vec<&Node> = nodes.iter().collect();
            while let Some(node) = stack.pop() {
                proptest::prop_assert!(node.line >= 1 && node.line <= n);
                proptest::prop_assert!(!node.title.is_empty());
                stack.extend(node.children.iter());
            }
        }
    }

    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "1",
        "2",
        "1-1",
        "1-2",
        "2-1",
        "(1)",
        "(2)",
        "①",
        "【1】",
        "I ",
        "II ",
        "第1章",
        "戦略1",
        "基本方針",
        "基本方針2",
        "施策の柱",
        "施策2.1",
        "施策の方向性1.1",
        "目標②",
        "【3つの基本施策】",
        " ",
        "\t",
        "・",
        "- ",
        "産業の振興",
        "事業",
        "推進",
        "。",
        "課題",
        "の",
        "との連携",
        "重点推進事業1",
    ];
}

#[cfg(test)]
#[path = "strategy/generalization_tests.rs"]
pub(crate) mod generalization_tests;
