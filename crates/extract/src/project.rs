//! Projects (事業) and the strategy nodes they hang from.
//!
//! Projects are read from
//!
//! - labelled lines: `重点推進事業3 農商工連携推進事業` (the name may stand
//!   on the next line); the label is kept, `重点` makes it a priority;
//! - bullet items (`・`, `-`, `■`, `●`) right under a strategy heading, any
//!   noun phrase; elsewhere only names that end like a project (`…事業`,
//!   `…制度`, `…補助金`, `…プロジェクト`);
//! - the project column of a table (`実施事業`, `主な事務事業`), rows
//!   written with tabs or single spaces, a column of labels followed by a
//!   column of names paired back up;
//! - the items under a `重点プロジェクト` heading, numbered or not.
//!
//! One entry per distinct name: `nodes` lists the strategy ids it appears
//! under in document order (the first is its home, later ones are 再掲);
//! `<再掲>` and similar marks are stripped from the name.

use std::collections::{HashMap, VecDeque};
use std::sync::LazyLock;

use regex::Regex;

use crate::numbering::{self, Style};
use crate::strategy::{self, INLINE_LIST, Outline, PROJECT_NAME, Role};
use crate::{Doc, Line, Morph, Node, Project, Warning};

/// Other column headers a table written with single spaces has beside its
/// project column (a bullet `・経営 相談 事業` is no header row;
/// `dictionaries/vocab/projects.txt` `[other-columns]`).
static COLUMN_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(&crate::vocab::get().project_other_columns);
    Regex::new(&words).expect("valid regex")
});

/// Longest name taken for a project.
const NAME_MAX: usize = 60;
/// Most columns of a table dumped one cell per line (keeps it linear).
const DUMP_WIDTH_MAX: usize = 12;
/// Lines a 重点プロジェクト list may span.
const REGION_LINES: usize = 80;

/// The heading of a list of projects (`dictionaries/vocab/projects.txt`).
pub(crate) static PROJECT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let captions = &crate::vocab::get().project_captions;
    Regex::new(&format!(r"(?:{})$", captions.join("|"))).expect("valid regex")
});
/// A name in quotes (`「藤枝市開業チャンス!応援事業」`).
static QUOTED_PROJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"「([^「」]{3,40})」").expect("valid regex"));
/// The caption of a list of projects (`施策別の主な事業`, `基本目標1の
/// 主要事業`): what the list is of, then a caption that names 事業
/// (`dictionaries/vocab/projects.txt` `[captions]`).
static LIST_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    let captions: Vec<String> = crate::vocab::get()
        .project_captions
        .iter()
        .filter(|c| c.contains("事業"))
        .cloned()
        .collect();
    let words = crate::vocab::alternation(&captions);
    Regex::new(&format!(r"の(?:{words})$")).expect("valid regex")
});
use crate::vocab::REPRINT;
/// A status tag before or after a name: `【新規】`, `【拡充】`, `【重点】`,
/// `【リーディングプロジェクト】`, `[新]`.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【\[〔<＜]([^【】\[\]〔〕<>＜＞]{1,14})[】\]〕>＞]\s*|\s*[【\[〔<＜]([^【】\[\]〔〕<>＜＞]{1,14})[】\]〕>＞]$")
        .expect("valid regex")
});
/// Words of a tag that mark a project, not a number or a note
/// (`dictionaries/vocab/projects.txt` `[tags]`).
static TAG_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(&crate::vocab::get().project_tags);
    Regex::new(&format!(r"^(?:{words})$")).expect("valid regex")
});
static NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(（]\s*※\s*\d*\s*[)）]|※\d*$|^※").expect("valid regex"));
/// Endings of a sentence, not a name.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:ます|です|する|した|される|された|ている|ていく|ない|れる|せる|ある|いる|なる|った|ように|ため|こと|よい|たい|ではないか|図る|目指す|めざす|行う|進める|努める|できる|ください|[かだ])$",
    )
    .expect("valid regex")
});
/// A weak ending: a name that ends so may still be split before the next.
static WEAK_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:推進|支援|促進|実施|助成|補助|認定|表彰|大賞|サービス|サイト)$")
        .expect("valid regex")
});
/// A value moving to a target (`3人(令和5年度)→ 5人(令和11年度)`): the
/// line states an indicator, not a project.
static VALUE_CHANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[^→⇒]{0,24}[→⇒]\s*[0-9０-９]").expect("value change"));

/// A column header naming a year (`R7`, `H30`, `令和7年度`, `2025年度`).
static YEAR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[RHrh]\d{1,2}|(?:令和|平成)(?:\d{1,2}|元)年?度?|\d{4}年?度?)$")
        .expect("valid regex")
});

static CELL_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\t| {2,}|\u{3000}").expect("valid regex"));

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Close spaces except between two Latin letters or digits
/// (`COOL JAPAN FOREST 構想事業` → `COOL JAPAN FOREST構想事業`).
fn close_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c.is_whitespace() || c == '\u{3000}' {
            let mut j = k;
            while j < chars.len() && (chars[j].is_whitespace() || chars[j] == '\u{3000}') {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            // `D X`, `S I C` are spaced letters of one word
            let single_before = k == 1 || k >= 2 && !chars[k - 2].is_ascii_alphanumeric();
            let single_after = chars.get(j + 1).is_none_or(|c| !c.is_ascii_alphanumeric());
            let spaced_letters = single_before
                && single_after
                && before.is_some_and(|b| b.is_ascii_uppercase())
                && after.is_some_and(|a| a.is_ascii_uppercase());
            if before.is_some_and(|b| b.is_ascii_alphanumeric())
                && after.is_some_and(|a| a.is_ascii_alphanumeric())
                && !spaced_letters
            {
                out.push(' ');
            }
            k = j;
            continue;
        }
        out.push(c);
        k += 1;
    }
    out
}

/// A project name as written, its marks stripped: the name and whether it
/// was marked 再掲.
pub(crate) fn clean_name(s: &str) -> (String, bool) {
    let (body, _) = numbering::strip_bullets(s);
    let reprint = REPRINT.is_match(body);
    let t = REPRINT.replace_all(body, "");
    let t = strip_tags(&t).0;
    let t = NOTE.replace_all(t.trim(), "");
    // the offices in charge after the name: `…事業（担当：商工課）`
    let t = strategy::office_note(&t)
        .and_then(|k| t.get(..k))
        .unwrap_or(&t)
        .to_string();
    let t = close_spaces(t.trim());
    let t = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '、' | ',' | ':' | '：' | ';' | '；')
    });
    (t.to_string(), reprint)
}

/// A name without its status tags (`【新規】…`, `…【重点】`), and whether a
/// tag marks it a priority (`重点`, `リーディング`). Tags that are not status
/// words (`【1】`, `【事業】`) are kept.
fn strip_tags(s: &str) -> (String, bool) {
    let mut t = s.trim().to_string();
    let mut priority = false;
    for _ in 0..3 {
        let Some(c) = TAG.captures(&t) else { break };
        let (Some(all), Some(word)) = (c.get(0), c.get(1).or_else(|| c.get(2))) else {
            break;
        };
        if !TAG_WORD.is_match(word.as_str().trim()) {
            break;
        }
        priority |= word.as_str().contains("重点") || word.as_str().contains("リーディング");
        let rest = format!("{}{}", &t[..all.start()], &t[all.end()..]);
        if char_len(rest.trim()) < 2 {
            break;
        }
        t = rest.trim().to_string();
    }
    (t, priority)
}

/// Split a list of names written with `、` (`A事業、B補助金、`) when every
/// piece is a name of its own that ends like a project; else the text as
/// one piece.
fn split_enumeration(text: &str) -> Vec<String> {
    let pieces: Vec<&str> = text
        .split(['、', '，', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() < 2 {
        return vec![text.to_string()];
    }
    let all = pieces.iter().all(|p| {
        let (name, _) = clean_name(p);
        char_len(&name) >= 3 && PROJECT_NAME.is_match(&name)
    });
    if all {
        pieces.into_iter().map(str::to_string).collect()
    } else {
        vec![text.to_string()]
    }
}

/// Split a table cell on `／` / `/` between names (`A事業／B事業`); a
/// piece may be the head of a name wrapped onto the next row. A cell
/// without a slash, or with a slash between ASCII letters or digits
/// (`A/B`, `1/2`), is one piece.
fn split_slashes(cell: &str) -> Vec<String> {
    let chars: Vec<char> = cell.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (k, &c) in chars.iter().enumerate() {
        let ascii = |j: Option<&char>| j.is_some_and(|c| c.is_ascii_alphanumeric());
        let split = c == '／'
            || (c == '/' && !(k > 0 && ascii(chars.get(k - 1)) && ascii(chars.get(k + 1))));
        if split {
            let piece = cur.trim();
            if !piece.is_empty() {
                out.push(piece.to_string());
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    let piece = cur.trim();
    if !piece.is_empty() {
        out.push(piece.to_string());
    }
    out
}

/// Whether `name` reads as a noun phrase that names a project.
pub(crate) fn is_name(name: &str, morph: &dyn Morph) -> bool {
    let n = char_len(name);
    if !(2..=NAME_MAX).contains(&n) || name.contains('。') {
        return false;
    }
    if !name.chars().any(|c| c.is_alphabetic()) {
        return false;
    }
    if SENTENCE_END.is_match(name) || LIST_CAPTION.is_match(name) {
        return false;
    }
    if n > 40 && name.matches('、').count() >= 2 {
        return false;
    }
    if PROJECT_NAME.is_match(name) {
        return true;
    }
    // with a tokenizer: a phrase that ends in a verb or a particle is a
    // clause, not a name
    if let Some(last) = morph.analyse(name).last() {
        if last.pos.starts_with("助動詞") || last.pos.starts_with("助詞") {
            return false;
        }
        if last.pos.starts_with("動詞")
            && last
                .surface
                .ends_with(['う', 'く', 'ぐ', 'す', 'つ', 'ぬ', 'ぶ', 'む', 'る'])
        {
            return false;
        }
    }
    true
}

/// Split a table cell that lists several projects with single spaces
/// (`スタートアップ支援事業 イノベーション・エコシステム構築推進事業`):
/// a space ends a name only after a project ending.
fn split_names(cell: &str) -> Vec<String> {
    split_enumeration(cell)
        .iter()
        .flat_map(|piece| split_spaced(piece))
        .collect()
}

/// The single-space split of [`split_names`].
fn split_spaced(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for tok in cell.split_whitespace() {
        if cur.is_empty() {
            cur.push_str(tok);
            continue;
        }
        let ends = PROJECT_NAME.is_match(&cur) || WEAK_END.is_match(&cur);
        if ends && char_len(tok) >= 3 && !tok.starts_with(['(', '（', '<', '＜']) {
            out.push(std::mem::take(&mut cur));
            cur.push_str(tok);
        } else {
            if cur
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && tok
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                cur.push(' ');
            }
            cur.push_str(tok);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Split a line of inline bullets (`■ A ■ B`) on its own bullet mark.
fn split_bullets(text: &str) -> Vec<&str> {
    let t = text.trim_start();
    let Some(first) = t.chars().next() else {
        return Vec::new();
    };
    if matches!(
        first,
        '■' | '□' | '●' | '○' | '◆' | '◇' | '▶' | '★' | '☆' | '◎'
    ) {
        t.split(first)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    } else {
        vec![t]
    }
}

fn starts_with_bullet(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(numbering::is_bullet)
}

/// The cells of a table row, read from the spaced form when it splits the
/// same way (it keeps the single spaces between names in a cell).
fn cells(line: &Line) -> Vec<String> {
    let text: Vec<&str> = line.text.split('\t').map(str::trim).collect();
    let spaced: Vec<&str> = CELL_GAP
        .split(line.spaced.trim())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if spaced.len() == text.len() {
        spaced.into_iter().map(str::to_string).collect()
    } else {
        text.into_iter().map(str::to_string).collect()
    }
}

/// A header cell of a table's project column
/// (`dictionaries/vocab/projects.txt` `[column-headers]`).
fn header_cell(cell: &str) -> bool {
    let c = cell
        .trim()
        .trim_matches(['【', '】', '[', ']', '〔', '〕', '<', '>', '(', ')']);
    crate::vocab::get()
        .project_column_headers
        .iter()
        .any(|h| h == c)
}

/// The node id a table cell names by its numbers alone (`1-(1)`, `2-1`,
/// `3.2` → `1.1`, `2.1`, `3.2`), if it is only such a number.
fn node_cell(cell: &str) -> Option<String> {
    let t = cell.trim();
    if t.is_empty() || char_len(t) > 16 {
        return None;
    }
    let shape = t.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '-' | 'ー' | '－' | '‐' | '.' | '．' | '(' | ')' | '（' | '）'
            )
    });
    if !shape {
        return None;
    }
    let numbers: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if numbers.len() < 2 || numbers.iter().any(|p| p.len() > 3) {
        return None;
    }
    Some(numbers.join("."))
}

/// What the projects are gathered into.
#[derive(Default)]
struct Acc {
    list: Vec<Project>,
    index: HashMap<String, usize>,
    /// The entry the last `add` created, if it created one.
    created: Option<usize>,
}

impl Acc {
    fn add(
        &mut self,
        name: &str,
        node: Option<&str>,
        label: Option<&str>,
        priority: bool,
        line: usize,
    ) {
        let key: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        if key.is_empty() {
            return;
        }
        self.created = None;
        let k = match self.index.get(&key) {
            Some(&k) => k,
            None => {
                self.created = Some(self.list.len());
                self.list.push(Project {
                    name: name.to_string(),
                    label: None,
                    nodes: Vec::new(),
                    priority: false,
                    line,
                });
                self.index.insert(key, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        let p = &mut self.list[k];
        if let Some(n) = node
            && !p.nodes.iter().any(|x| x == n)
        {
            p.nodes.push(n.to_string());
        }
        if p.label.is_none() {
            p.label = label.map(str::to_string);
        }
        p.priority |= priority;
    }
}

impl Acc {
    /// Carry the name the last `add` created on with the tail of a name
    /// wrapped onto the next line; `false` when it created none.
    fn extend_last(&mut self, tail: &str) -> bool {
        let Some(k) = self.created else {
            return false;
        };
        let Some(p) = self.list.get_mut(k) else {
            return false;
        };
        let name = format!("{}{tail}", p.name);
        let key: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        if self.index.contains_key(&key) {
            return false;
        }
        let old: String = p.name.chars().filter(|c| !c.is_whitespace()).collect();
        self.index.remove(&old);
        p.name = name;
        self.index.insert(key, k);
        self.created = None;
        true
    }
}

/// A project table being read.
struct Table {
    /// Rows separated by tabs (else by single spaces).
    tab: bool,
    col: usize,
    width: usize,
    /// Nodes of a column of labels waiting for their names.
    labels: VecDeque<Option<String>>,
    node: Option<String>,
    /// Rows read so far (blank lines before the first row are kept).
    rows: usize,
    /// The last piece of a project cell split on `／` that does not yet
    /// end like a project (`…事業／インターン`), waiting for its tail on
    /// the next row (`シップ推進事業`).
    pending: Option<(String, Option<String>, usize)>,
}

impl Table {
    fn header(line: &Line) -> Option<Table> {
        if line.text.contains('\t') {
            let cells: Vec<&str> = line.text.split('\t').collect();
            let col = cells.iter().position(|c| header_cell(c))?;
            if cells.iter().filter(|c| header_cell(c)).count() > 1 {
                return None;
            }
            return Some(Table {
                tab: true,
                col,
                width: cells.len(),
                labels: VecDeque::new(),
                node: None,
                rows: 0,
                pending: None,
            });
        }
        if starts_with_bullet(&line.text) {
            return None;
        }
        let tokens: Vec<&str> = line.spaced.split_whitespace().collect();
        if tokens.len() < 3 {
            return None;
        }
        let col = tokens.iter().position(|c| header_cell(c))?;
        let others = tokens
            .iter()
            .enumerate()
            .any(|(k, t)| k != col && COLUMN_WORD.is_match(t));
        if !others {
            return None;
        }
        Some(Table {
            tab: false,
            col,
            width: tokens.len(),
            labels: VecDeque::new(),
            node: None,
            rows: 0,
            pending: None,
        })
    }
}

/// A 重点プロジェクト list being read.
struct Region {
    priority: bool,
    node: Option<String>,
    style: Option<(Style, usize)>,
    left: usize,
    /// The caption names 事業 (`主な事業`): its items may be sentences that
    /// state what is done (`…支援策を拡充する。`), each a project.
    sentences: bool,
}

struct Reader<'a> {
    doc: Doc<'a>,
    joiner: crate::document::Joiner<'a>,
    lines: &'a [Line],
    o: Outline,
    morph: &'a dyn Morph,
    acc: Acc,
    skip: Vec<bool>,
    warnings: Vec<Warning>,
    /// Node ids by title (`None` where two nodes share a title).
    titles: std::collections::HashMap<String, Option<(String, u32)>>,
}

impl Reader<'_> {
    fn id(&self, node: Option<usize>) -> Option<String> {
        node.and_then(|n| self.o.id(n)).map(str::to_string)
    }

    fn ctx(&self, i: usize) -> Option<String> {
        self.id(self.o.context.get(i).copied().flatten())
    }

    fn line_no(&self, i: usize) -> usize {
        self.lines.get(i).map_or(i + 1, |l| l.number)
    }

    /// The name after a label, or on the lines below it.
    fn labelled_name(&mut self, i: usize, title: &str) -> String {
        let title = strategy::clean_title(title);
        if !title.is_empty() {
            return title;
        }
        let (t, mut used) = strategy::gather_title(self.lines, i, "", &self.joiner);
        // a name broken over lines ends where it first ends like a
        // project; the lines after it describe the project
        let mut name = String::new();
        let mut upto = used.len();
        for (k, &j) in used.iter().enumerate() {
            name.push_str(self.lines[j].text.trim());
            if PROJECT_NAME.is_match(&name) {
                upto = k + 1;
                break;
            }
        }
        let t = if upto < used.len() {
            used.truncate(upto);
            name
        } else {
            t
        };
        for j in used {
            if let Some(s) = self.skip.get_mut(j) {
                *s = true;
            }
        }
        t
    }

    fn add(
        &mut self,
        raw: &str,
        node: Option<String>,
        label: Option<&str>,
        priority: bool,
        i: usize,
    ) {
        let (name, _) = clean_name(raw);
        if name.is_empty() {
            return;
        }
        let (body, _) = numbering::strip_bullets(raw);
        let tagged = strip_tags(&REPRINT.replace_all(body, "")).1;
        let line = self.line_no(i);
        self.acc
            .add(&name, node.as_deref(), label, priority || tagged, line);
    }

    /// Add `name` when it reads as a project name.
    fn add_checked(&mut self, name: &str, node: Option<String>, i: usize) {
        let (clean, _) = clean_name(name);
        if is_name(&clean, self.morph) && !YEAR_LABEL.is_match(&clean) {
            // `★` before a name marks a priority project
            let priority = name.trim_start().starts_with('★');
            self.add(name, node, None, priority, i);
        }
    }

    /// A row of a project table; `false` when the table has ended.
    fn table_row(&mut self, t: &mut Table, i: usize) -> bool {
        let line = &self.lines[i];
        let text = line.text.as_str();
        if text.ends_with('。') {
            return false;
        }
        // a row of a tab table may open with a mark (`★…事業 ⇥ …`)
        if starts_with_bullet(text) && !(t.tab && text.contains('\t')) {
            // a bullet with words ends the table; a lone `-` is an empty cell
            let (body, _) = numbering::strip_bullets(text);
            if body.chars().any(char::is_alphabetic) {
                return false;
            }
            return true;
        }
        if t.tab {
            if !text.contains('\t') {
                let (body, _) = numbering::strip_bullets(text);
                let num = numbering::parse(body);
                // a numbered label row stating a known node's title
                // (`1 新規就農者の確保・育成`) ties the rows below to it
                if let Some(n) = &num
                    && char_len(text) <= 40
                    && let Some(Some((id, number))) =
                        self.titles.get(&strategy::clean_title(n.title))
                    && n.numbers.last() == Some(number)
                {
                    t.node = Some(id.clone());
                    return true;
                }
                if char_len(text) > 40 || num.is_some() {
                    return false;
                }
            }
            // a new header opens a new table
            if t.rows > 0 && Table::header(line).is_some() {
                return false;
            }
            let cells = cells(line);
            // each cell in its column (empty leading cells counted), the
            // project column's cell read; a row with as many cells as the
            // header, put past the header by its indent, fills every column
            let idx = strategy::layout::cell_columns(line, t.width)
                .0
                .iter()
                .position(|&(c, _)| c == t.col)
                .or_else(|| (cells.len() == t.width).then_some(t.col))
                .filter(|&k| k < cells.len());
            t.rows += 1;
            // a first cell numbered like a known node (`1-1-1`) ties the
            // row and the rows below it without one to that node
            if idx != Some(0)
                && let Some(id) = cells.first().and_then(|c| node_cell(c))
                && (0..self.o.nodes.len()).any(|n| self.o.id(n) == Some(id.as_str()))
            {
                t.node = Some(id);
            }
            let node = t.node.clone().or_else(|| self.ctx(i));
            if let Some(cell) = idx.and_then(|k| cells.get(k)) {
                let mut names = split_slashes(cell);
                if let Some((head, pnode, pline)) = t.pending.take() {
                    match names.first_mut() {
                        Some(first) => first.insert_str(0, &head),
                        None => self.add_checked(&head, pnode, pline),
                    }
                }
                if names.len() >= 2
                    && let Some(last) = names.last()
                    && !PROJECT_NAME.is_match(&clean_name(last).0)
                {
                    let last = names.pop().unwrap_or_default();
                    t.pending = Some((last, node.clone(), i));
                }
                for piece in names {
                    for name in split_names(&piece) {
                        self.add_checked(&name, node.clone(), i);
                    }
                }
            } else if let Some((head, pnode, pline)) = t.pending.take() {
                self.add_checked(&head, pnode, pline);
            }
            return true;
        }
        // a numbered heading that is no row of values ends the table
        let heading = numbering::parse(numbering::strip_bullets(text).0).is_some_and(|n| {
            // `8 概ね達成` is a value and a status, not a heading
            !n.title.is_empty() && (n.style != Style::Plain || n.numbers.len() != 1)
        });
        if heading && !strategy::is_space_table_row(line) {
            return false;
        }
        let tokens: Vec<&str> = line.spaced.split_whitespace().collect();
        let mut rest: &[&str] = &tokens;
        if let Some(first) = tokens.first() {
            match numbering::parse(first) {
                Some(num)
                    if num.title.is_empty()
                        && !(num.style == Style::Plain && num.numbers.len() == 1) =>
                {
                    let node = self
                        .id(self.o.heading.get(i).copied().flatten())
                        .or_else(|| self.ctx(i));
                    t.node = node.clone();
                    rest = &tokens[1..];
                    if rest.is_empty() {
                        t.labels.push_back(node);
                        return true;
                    }
                }
                _ => {}
            }
        }
        let Some(first) = rest.first() else {
            return true;
        };
        let numeric = first.chars().next().is_some_and(|c| c.is_ascii_digit())
            || first.starts_with(['-', '▲', '△', '(', '（'])
            || first.contains("再掲");
        if numeric {
            return true;
        }
        if rest.len() >= 2 {
            t.labels.clear();
            if let Some(name) = rest.get(t.col.min(rest.len() - 1)) {
                let (clean, _) = clean_name(name);
                if is_name(&clean, self.morph) {
                    let node = t.node.clone();
                    self.add(name, node, None, false, i);
                }
            }
            return true;
        }
        if let Some(node) = t.labels.pop_front() {
            let (clean, _) = clean_name(first);
            if is_name(&clean, self.morph) {
                self.add(first, node, None, false, i);
            }
        }
        true
    }

    /// A table dumped one cell per line: a run of short header words, one
    /// of them a project column (`施策の方向` / `事業名` / `事業内容` /
    /// `担当`), then rows of as many lines, until a blank line. The project
    /// cell of each row is read; a cell numbered like a node (`1-(1)`,
    /// `2-1`) ties it to that node. `false` (nothing read) when line `i`
    /// opens no such table.
    fn column_dump(&mut self, i: usize) -> bool {
        let lines = self.lines;
        let header_word = |t: &str| {
            let t = t.trim();
            char_len(t) <= 12
                && numbering::parse(numbering::strip_bullets(t).0).is_none()
                && (header_cell(t) || COLUMN_WORD.is_match(t) || numbering::kind_rank(t).is_some())
        };
        let mut end = i;
        while end < lines.len()
            && end - i <= DUMP_WIDTH_MAX
            && !lines[end].is_blank()
            && !lines[end].text.contains('\t')
            && header_word(&lines[end].text)
        {
            end += 1;
        }
        let width = end - i;
        if !(3..=DUMP_WIDTH_MAX).contains(&width) {
            return false;
        }
        let heads: Vec<usize> = (i..end).filter(|&j| header_cell(&lines[j].text)).collect();
        let [col] = heads[..] else {
            return false;
        };
        let col = col - i;
        let mut last = end;
        while last < lines.len() && !lines[last].is_blank() && !lines[last].text.contains('\t') {
            last += 1;
        }
        let rows = (last - end) / width;
        if rows == 0 {
            return false;
        }
        let ids: std::collections::HashSet<&str> = (0..self.o.nodes.len())
            .filter_map(|n| self.o.id(n))
            .collect();
        let mut found = Vec::new();
        for r in 0..rows {
            let start = end + r * width;
            let node = (start..start + width)
                .find_map(|j| node_cell(&lines[j].text).filter(|id| ids.contains(id.as_str())));
            let j = start + col;
            let cell = lines[j].text.clone();
            let (clean, _) = clean_name(&cell);
            if is_name(&clean, self.morph) {
                found.push((cell, node, j));
            }
        }
        if found.is_empty() {
            return false;
        }
        for (cell, node, j) in found {
            self.add(&cell, node, None, false, j);
        }
        for j in i..end + rows * width {
            if let Some(s) = self.skip.get_mut(j) {
                *s = true;
            }
        }
        true
    }

    /// A line of a 重点プロジェクト list; `false` when the list has ended.
    fn region_line(&mut self, r: &mut Region, i: usize) -> bool {
        if r.left == 0 {
            return false;
        }
        r.left -= 1;
        let role = self.o.role[i];
        if matches!(role, Role::Heading | Role::Title) {
            return false;
        }
        let text = self.lines[i].text.clone();
        let (body, bullet) = numbering::strip_bullets(&text);
        if let Some(num) = numbering::parse(body) {
            if num.kind.is_some() {
                return false;
            }
            let style = (num.style, num.numbers.len());
            match r.style {
                None => r.style = Some(style),
                Some(s) if s == style => {}
                Some(_) => return false,
            }
            let label = num.label.to_string();
            let name = self.labelled_name(i, num.title);
            if is_name(&clean_name(&name).0, self.morph) {
                let node = r.node.clone();
                self.add(&name, node, Some(&label), r.priority, i);
            }
            return true;
        }
        // a sentence of its own under a 事業 caption: the line before it
        // ended a sentence or was the caption (not a wrapped item's tail)
        let own_line = bullet
            || i.checked_sub(1)
                .and_then(|p| self.lines.get(p))
                .is_none_or(|p| {
                    p.text.trim_end().ends_with('。') || PROJECT_HEADING.is_match(p.text.trim())
                });
        if r.sentences
            && own_line
            && text.trim_end().ends_with('。')
            && text.matches('。').count() == 1
        {
            let item = body.trim().trim_end_matches('。');
            if (4..=NAME_MAX * 2).contains(&char_len(item)) && !VALUE_CHANGE.is_match(item) {
                let node = r.node.clone();
                self.add(item, node, None, r.priority, i);
                return true;
            }
        }
        // an item named in its first sentence: `・…入学案内事業。特に…`
        if bullet
            && let Some((first, _)) = body.split_once('。')
            && PROJECT_NAME.is_match(first.trim())
            && is_name(&clean_name(first.trim()).0, self.morph)
        {
            let node = r.node.clone();
            self.add(first.trim(), node, None, r.priority, i);
            return true;
        }
        if text.contains('。') || char_len(&text) > NAME_MAX {
            return true;
        }
        let (name, _) = clean_name(body);
        if (bullet || PROJECT_NAME.is_match(&name)) && is_name(&name, self.morph) {
            let node = r.node.clone();
            self.add(body, node, None, r.priority, i);
            return true;
        }
        false
    }

    fn region_start(&self, i: usize) -> Option<Region> {
        let role = self.o.role[i];
        if !matches!(role, Role::Plain | Role::Section) {
            return None;
        }
        let text = &self.lines[i].text;
        if text.contains('\t') {
            return None;
        }
        let (body, _) = numbering::strip_bullets(text);
        let (head, numbered) = match numbering::parse(body) {
            Some(n) if n.kind.is_none() => (n.title, true),
            // `第4章 重点プロジェクト`: a part of the document, in no node
            Some(n) if n.style == Style::Chapter => (n.title, false),
            Some(_) => return None,
            None => (body, false),
        };
        let head = head.trim().trim_matches([
            '【', '】', '[', ']', '〔', '〕', '<', '>', '《', '》', ':', '：',
        ]);
        if char_len(head) > 40 || head.contains(['。', '、']) || !PROJECT_HEADING.is_match(head) {
            return None;
        }
        let priority =
            head.contains("重点") || head.contains("リーディング") || head.contains("戦略");
        // a list of the plan's own 重点プロジェクト stands apart from the
        // tree unless it is numbered inside a node; `主な事業` belongs to
        // the node it is under
        let node = if priority && !numbered {
            None
        } else {
            self.ctx(i)
        };
        Some(Region {
            priority,
            node,
            style: None,
            left: REGION_LINES,
            sentences: head.ends_with("事業"),
        })
    }

    /// Bullet items of one line (or of the bullet cells of a table row).
    fn bullets(&mut self, i: usize, attach: Option<usize>, lone: bool) {
        let line = &self.lines[i];
        if VALUE_CHANGE.is_match(&line.text) {
            return;
        }
        let pieces: Vec<String> = if line.text.contains('\t') {
            cells(line)
                .into_iter()
                .filter(|c| starts_with_bullet(c))
                .collect()
        } else if starts_with_bullet(&line.text) {
            vec![line.text.clone()]
        } else {
            return;
        };
        let node_attached = self.id(attach);
        let ctx = self.ctx(i);
        for piece in pieces {
            let (body, _) = numbering::strip_bullets(&piece);
            if numbering::parse(body).is_some() {
                continue;
            }
            // `◆ 取組内容` marks a heading, not an item
            let heading_mark = piece.trim_start().starts_with(['◆', '◇']);
            let items: Vec<String> = split_bullets(&piece)
                .into_iter()
                .flat_map(split_enumeration)
                .collect();
            for item in items {
                let (name, _) = clean_name(&item);
                if !is_name(&name, self.morph) {
                    continue;
                }
                let strong = PROJECT_NAME.is_match(&name);
                if attach.is_some() && (!lone && !heading_mark || strong) {
                    self.add(&item, node_attached.clone(), None, false, i);
                } else if strong {
                    self.add(&item, ctx.clone(), None, false, i);
                }
            }
        }
    }

    /// A line listing a node's projects after a label (`(主な事業:A事業、
    /// B補助金)`): each piece that reads as a name is a project of the node
    /// in force. `false` when the line is no such list.
    fn inline_list(&mut self, i: usize) -> bool {
        let text = self.lines[i].text.clone();
        let (body, _) = numbering::strip_bullets(&text);
        let Some(list) = INLINE_LIST.captures(body).and_then(|c| c.get(1)) else {
            return false;
        };
        let node = self.ctx(i);
        let mut depth = 0i32;
        let mut pieces = Vec::new();
        let mut cur = String::new();
        // split at `、` outside parentheses
        for c in list.as_str().chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth -= 1,
                _ => {}
            }
            if depth <= 0 && matches!(c, '、' | '，' | ',' | '/' | '／') {
                pieces.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
        }
        pieces.push(cur);
        for piece in pieces {
            let (name, _) = clean_name(&piece);
            if is_name(&name, self.morph) {
                self.add(&piece, node.clone(), None, false, i);
            }
        }
        true
    }

    /// A short line right under a bullet item that carries its name on
    /// (`・小規模事業者持続化` / `支援補助金`): the joined name ends like a
    /// project, the first piece alone does not.
    fn wrapped_tail(&mut self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).and_then(|p| self.lines.get(p)) else {
            return false;
        };
        let line = &self.lines[i];
        let t = line.text.trim();
        if !starts_with_bullet(&prev.text)
            || starts_with_bullet(t)
            || t.contains(['\t', '。'])
            || char_len(t) > 20
            || numbering::parse(t).is_some()
        {
            return false;
        }
        let Some(last) = self.acc.created.and_then(|k| self.acc.list.get(k)) else {
            return false;
        };
        if last.line != prev.number || PROJECT_NAME.is_match(&last.name) {
            return false;
        }
        let (tail, _) = clean_name(t);
        let joined = format!("{}{tail}", last.name);
        if !PROJECT_NAME.is_match(&joined) || char_len(&joined) > NAME_MAX {
            return false;
        }
        self.acc.extend_last(&tail)
    }

    fn run(&mut self) {
        let n = self.lines.len();
        let mut table: Option<Table> = None;
        let mut region: Option<Region> = None;
        let mut attach: Option<usize> = None;
        let mut slack = 0u8;
        let mut prev_bullet = false;
        for i in 0..n {
            let line = &self.lines[i];
            if line.is_blank() {
                if table.as_ref().is_some_and(|t| t.tab && t.rows > 0) {
                    table = None;
                }
                continue;
            }
            if self.skip[i] {
                continue;
            }
            // a table of contents names parts of the document, no projects
            if self.doc.role(i) == crate::document::Role::Contents {
                table = None;
                region = None;
                attach = None;
                continue;
            }
            let role = self.o.role[i];
            if role == Role::Running {
                continue;
            }
            if role == Role::Plain && self.wrapped_tail(i) {
                continue;
            }
            let is_bullet_line = starts_with_bullet(&line.text);
            let next_bullet = self.lines[i + 1..]
                .iter()
                .find(|l| !l.is_blank())
                .is_some_and(|l| starts_with_bullet(&l.text));
            // tables
            if let Some(mut t) = table.take()
                && self.table_row(&mut t, i)
            {
                table = Some(t);
                continue;
            }
            if !line.text.contains('\t') && self.column_dump(i) {
                table = None;
                attach = None;
                region = None;
                continue;
            }
            if let Some(t) = Table::header(line) {
                table = Some(t);
                attach = None;
                region = None;
                continue;
            }
            // labelled projects
            if matches!(role, Role::ProjectLabel | Role::ProjectItem) {
                let text = line.text.clone();
                let (body, _) = numbering::strip_bullets(&text);
                if let Some(num) = numbering::parse(body) {
                    let label = num.label.to_string();
                    let priority = label.contains("重点") || label.contains("リーディング");
                    let name = self.labelled_name(i, num.title);
                    let node = self.ctx(i);
                    if name.is_empty() {
                        let l = self.line_no(i);
                        self.warnings
                            .push(Warning::new(l, format!("{label}: no project name")));
                    } else {
                        let label = (role == Role::ProjectLabel).then_some(label.as_str());
                        self.add(&name, node, label, priority, i);
                    }
                }
                prev_bullet = false;
                continue;
            }
            // 重点プロジェクト lists
            if let Some(mut r) = region.take()
                && self.region_line(&mut r, i)
            {
                region = Some(r);
                continue;
            }
            if let Some(r) = self.region_start(i) {
                region = Some(r);
                attach = None;
                continue;
            }
            // a project named in quotes in running text
            if role == Role::Plain && line.text.contains('。') {
                for c in QUOTED_PROJECT.captures_iter(&line.text) {
                    let name = c[1].trim();
                    // a named undertaking (`…応援事業`), not a class of
                    // them (`事務事業`) nor a part of a plan (`実行プログラム`)
                    let named = ["事業", "プロジェクト"].iter().any(|end| {
                        name.strip_suffix(end)
                            .is_some_and(|head| char_len(head) >= 4)
                    });
                    if named && !name.contains(['。', '、']) {
                        let node = self.ctx(i);
                        self.add(name, node, None, false, i);
                    }
                }
            }
            // `(主な事業:A事業、B補助金)` under a node: its projects
            if role == Role::Plain && self.inline_list(i) {
                prev_bullet = false;
                continue;
            }
            // bullets
            if matches!(role, Role::Plain | Role::Section) {
                let lone = is_bullet_line && !prev_bullet && !next_bullet;
                self.bullets(i, attach, lone);
            }
            // what the next bullets hang from
            match role {
                Role::Heading | Role::Title => {
                    attach = self.o.heading[i];
                    slack = 2;
                }
                Role::ListItem => attach = None,
                _ if is_bullet_line => {}
                _ => {
                    let t = line.text.as_str();
                    let label = char_len(t) <= 20
                        && !t.contains('。')
                        && (t.contains("事業") || t.contains("取組") || t.contains("プロジェクト"));
                    if label && slack > 0 {
                        slack -= 1;
                    } else {
                        attach = None;
                    }
                }
            }
            prev_bullet = is_bullet_line;
        }
    }
}

/// Every distinct project in the document.
pub fn extract(
    doc: Doc<'_>,
    _strategy: &[Node],
    morph: &dyn Morph,
    warnings: &mut Vec<Warning>,
) -> Vec<Project> {
    from_structure(strategy::Structure::of(doc, morph), morph, warnings)
}

/// Every distinct project, read from a structure the strategy reader has
/// already built (so the outline is computed once per document).
pub fn from_structure(
    structure: strategy::Structure<'_>,
    morph: &dyn Morph,
    warnings: &mut Vec<Warning>,
) -> Vec<Project> {
    let strategy::Structure {
        lines,
        roles,
        outline: o,
    } = structure;
    let doc = Doc::units(&lines, roles);
    // a project name ends where it ends like a project, not at a line end
    let joiner = crate::document::Joiner::always(morph);
    let mut r = Reader {
        doc,
        joiner,
        lines: doc.lines,
        o,
        morph,
        acc: Acc::default(),
        skip: vec![false; doc.lines.len()],
        warnings: Vec::new(),
        titles: std::collections::HashMap::new(),
    };
    for n in 0..r.o.nodes.len() {
        if let Some(id) = r.o.id(n) {
            let title = strategy::clean_title(&r.o.nodes[n].title);
            if title.is_empty() {
                continue;
            }
            r.titles
                .entry(title)
                .and_modify(|v| *v = None)
                .or_insert_with(|| Some((id.to_string(), r.o.nodes[n].number)));
        }
    }
    r.run();
    warnings.append(&mut r.warnings);
    merge_qualified(r.acc.list)
}

/// A project named once with a qualifier in brackets and once without
/// (`…振興事業(生徒募集のための中学校訪問)`, `…振興事業`) is one project,
/// named without it: its nodes are those of both, in order of mention.
fn merge_qualified(mut list: Vec<Project>) -> Vec<Project> {
    let bare = |name: &str| -> Option<String> {
        let t = name.trim_end();
        let open = t.strip_suffix([')', '）'])?.rfind(['(', '（'])?;
        let base = t[..open].trim_end();
        (!base.is_empty()).then(|| base.to_string())
    };
    let mut k = 0;
    while k < list.len() {
        let target = bare(&list[k].name).and_then(|b| list.iter().position(|p| p.name == b));
        match target {
            Some(t) if t != k => {
                let q = list.remove(k);
                let t = if t > k { t - 1 } else { t };
                let base = &mut list[t];
                // the nodes in order of mention
                let (first, second) = if q.line < base.line {
                    base.line = q.line;
                    (q.nodes, std::mem::take(&mut base.nodes))
                } else {
                    (std::mem::take(&mut base.nodes), q.nodes)
                };
                for n in first.into_iter().chain(second) {
                    if !base.nodes.contains(&n) {
                        base.nodes.push(n);
                    }
                }
                base.priority |= q.priority;
            }
            _ => k += 1,
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::generalization_tests::brief;
    use crate::{Morpheme, NoMorph, lines_from};

    fn projects(text: &str) -> Vec<Project> {
        projects_with(text, &NoMorph)
    }

    fn projects_with(text: &str, morph: &dyn Morph) -> Vec<Project> {
        let lines = lines_from(text);
        let doc = Doc::new(&lines);
        let mut w = Vec::new();
        let nodes = strategy::extract(doc, morph, &mut w);
        extract(doc, &nodes, morph, &mut w)
    }

    #[test]
    fn bullets_under_nodes_with_reprints() {
        let text = "戦略1 新産業\n\n施策1.1.1 連携の推進\n\n- ・イノベーション創出促進事業\n- ・中小企業研究開発補助金\n- ・M I C E の誘致\n\n施策1.1.2 製品の創出\n\n- ・中小企業研究開発補助金<再掲>\n- ・中小企業融資制度（再掲）\n- ・事業者のB C P 計画策定の促進\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "イノベーション創出促進事業 [\"1.1.1\"] -",
                "中小企業研究開発補助金 [\"1.1.1\", \"1.1.2\"] -",
                "MICEの誘致 [\"1.1.1\"] -",
                "中小企業融資制度 [\"1.1.2\"] -",
                "事業者のBCP計画策定の促進 [\"1.1.2\"] -",
            ]
        );
    }

    #[test]
    fn labelled_projects_take_the_next_line_as_name() {
        let text = "基本方針1 発展\n1-1 企業誘致の推進\n\n重点推進事業1 企業誘致活動推進事業\n\n本市の立地特性を生かします。\n\n1-2 観光\n\n重点推進事業2\n\nインバウンド戦略推進事業 (COOL JAPAN FOREST 構想事業)\n\n訪日旅行の回復を見据えます。\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "企業誘致活動推進事業 [\"1.1\"] 重点推進事業1 重点",
                "インバウンド戦略推進事業(COOL JAPAN FOREST構想事業) [\"1.2\"] 重点推進事業2 重点",
            ]
        );
    }

    #[test]
    fn sentences_headings_and_loose_bullets_are_not_projects() {
        let text = "基本施策1 環境整備\n(1) 拠点の構築\n- 拠点間の連携を推進するとともに、人材の育成を推進します。\n- 南渡田地区では、取組を推進します\n◆ 取組項目・取組内容\n本市は取り組みます。\n■ 推進会議の役割\n本市の産業振興の推進にあたって意見交換を行います。\n・計画期間の延長\n・スタートアップ支援の充実を追加\n● 支援があるとよい。\n";
        assert!(projects(text).is_empty(), "{:?}", brief(&projects(text)));
    }

    #[test]
    fn inline_bullets_in_a_table_cell() {
        let text = "第12条 創業の促進\t■ 起業化総合支援事業 ■ 新産業創造支援事業\t● 広報が必要ではないか。\n";
        assert_eq!(
            brief(&projects(text)),
            vec!["起業化総合支援事業 [] -", "新産業創造支援事業 [] -"]
        );
    }

    #[test]
    fn tab_table_project_column_split_on_spaces() {
        let text = "基本施策1 環境整備\n基本施策\t取組項目\t主な事務事業\n基本施策1 環境整備\t(1)拠点の構築\tスタートアップ支援事業 イノベーション構築推進事業\n(2)人材の育成\t量子パーク推進事業\n農とのふれあい推進事業\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "スタートアップ支援事業 [\"1.1\"] -",
                "イノベーション構築推進事業 [\"1.1\"] -",
                "量子パーク推進事業 [\"1.2\"] -",
                "農とのふれあい推進事業 [\"1.2\"] -",
            ]
        );
    }

    #[test]
    fn space_table_with_a_column_dump() {
        let text = "戦略1. 先端\n戦略2. 連携\n1-1 誘致\n2-1 医工連携\n2-2 観光\n\n 実施事業 指標 目標 Ｒ１ Ｒ２ 結果\n\n１－１ 企業立地促進事業奨励金 企業立地件数 １０件/年 １ １ 未達成\n\nｼﾃｨﾌﾟﾛﾓｰｼｮﾝ実施 展示会ﾌﾟﾛﾓｰｼｮﾝ ５０件/年 ９０ ５０ 未達成\n\n２－１\n\n２－２\n\n手賀沼事業\n\nインキュベーション事業\n\n来場者数\n\n再掲\n\n９５\n\n－\n\n概ね達成\n\n●目標に対する進捗\n\n・その他の事業\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "企業立地促進事業奨励金 [\"1.1\"] -",
                "シティプロモーション実施 [\"1.1\"] -",
                "手賀沼事業 [\"2.1\"] -",
                "インキュベーション事業 [\"2.2\"] -",
                "その他の事業 [\"2.2\"] -",
            ]
        );
    }

    #[test]
    fn priority_project_lists() {
        let text = "5 重点プロジェクト\n\n重点的に実施すべき取組を位置付けています。\n\n- I ひとづくりによる商業振興\n- II ロボット技術の活用\n\n6 ビジョンの推進\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "ひとづくりによる商業振興 [] I 重点",
                "ロボット技術の活用 [] II 重点"
            ]
        );
        // the list ends at the next heading; a name standing alone after
        // it is no project
        let text = "重点プロジェクト\n\n経営資源承継プロジェクト\n\n事業承継は重要です。そこで機会を提供します。\n\nネットワーキングプロジェクト\n\n雇用機会創出につなげます。\n\n進行管理\n\n市内事業者向けプロジェクト\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "経営資源承継プロジェクト [] - 重点",
                "ネットワーキングプロジェクト [] - 重点"
            ]
        );
        let text = "基本方針1 産業\n(1) 経営支援\n本市は支援します。\n【主な事業】\n・経営相談の実施\n・専門家派遣\n";
        assert_eq!(
            brief(&projects(text)),
            vec!["経営相談の実施 [\"1.1\"] -", "専門家派遣 [\"1.1\"] -"]
        );
    }

    #[test]
    fn numbered_project_items_under_a_node() {
        let text = "施策1 中小企業の支援\n① 経営相談事業\n② 融資制度\n";
        assert_eq!(
            brief(&projects(text)),
            vec!["経営相談事業 [\"1\"] -", "融資制度 [\"1\"] -"]
        );
    }

    struct Verbs;
    impl Morph for Verbs {
        fn analyse(&self, text: &str) -> Vec<Morpheme> {
            let pos = if text.ends_with("広げる") {
                "動詞,自立"
            } else {
                "名詞,一般"
            };
            vec![Morpheme {
                surface: text.to_string(),
                pos: pos.to_string(),
                base: None,
                start: 0,
                end: text.len(),
            }]
        }
    }

    #[test]
    fn the_tokenizer_rejects_clauses() {
        let text = "施策1 連携\n- 連携を広げる\n- 連携の推進\n";
        assert_eq!(brief(&projects(text)).len(), 2);
        assert_eq!(
            brief(&projects_with(text, &Verbs)),
            vec!["連携の推進 [\"1\"] -"]
        );
    }

    #[test]
    fn projects_named_in_running_text_and_sentence_lists() {
        // a named undertaking in quotes; a class of them is none
        let p = projects(
            "空き店舗への補助金「北市開業チャンス応援事業」の活用が進みました。目的の「事務事業」を評価しました。\n",
        );
        assert_eq!(brief(&p), vec!["北市開業チャンス応援事業 [] -"]);
        // a caption that names 事業 lists sentences; a wrapped item's tail is no item
        let text = "4年間で完了する主な事業\n既存荷主を対象とした支援策を拡充する。\n北埠頭にクレーンを増設する。\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "既存荷主を対象とした支援策を拡充する [] -",
                "北埠頭にクレーンを増設する [] -"
            ]
        );
        let text = "<主な事業>\n・町村と連携した入学案内事業。特に上川\n管内の町村との連携強化。\n・シニア向けサマースクール事業\n";
        assert_eq!(
            brief(&projects(text)),
            vec![
                "町村と連携した入学案内事業 [] -",
                "シニア向けサマースクール事業 [] -"
            ]
        );
    }

    #[test]
    fn a_name_with_and_without_its_qualifier_is_one_project() {
        let text = "基本目標1 高校の機能強化\n<主な事業>\n・高校振興事業(生徒募集のための訪問)\n基本目標2 交流の拡大\n<主な事業>\n・高校振興事業\n";
        assert_eq!(
            brief(&projects(text)),
            vec!["高校振興事業 [\"1\", \"2\"] -"]
        );
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(
            clean_name("- ・中小企業融資制度<再掲>"),
            ("中小企業融資制度".into(), true)
        );
        assert_eq!(clean_name("・A事業＜再掲＞"), ("A事業".into(), true));
        assert_eq!(
            clean_name("臨海部の創出 (※)"),
            ("臨海部の創出".into(), false)
        );
        assert_eq!(
            clean_name("S I C入居企業支援"),
            ("SIC入居企業支援".into(), false)
        );
        assert_eq!(
            split_names("A支援事業 B推進事業(C事業) D"),
            vec!["A支援事業", "B推進事業(C事業)D"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn extract_never_panics(s in "\\PC*") {
            let _ = projects(&s);
        }

        #[test]
        fn extract_never_panics_on_project_pieces(parts in proptest::collection::vec(0..PIECES.len(), 0..120)) {
            let text: String = parts.into_iter().map(|i| PIECES[i]).collect();
            let n = lines_from(&text).len();
            for p in projects(&text) {
                proptest::prop_assert!(p.line >= 1 && p.line <= n);
                proptest::prop_assert!(!p.name.is_empty());
                proptest::prop_assert!(!p.name.contains("再掲"));
            }
        }
    }

    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "1-1",
        "(1)",
        "①",
        "I ",
        "戦略1",
        "施策1.1.1",
        "重点推進事業1",
        "重点プロジェクト",
        "実施事業 指標 目標",
        "主な事務事業",
        "\t",
        " ",
        "・",
        "- ",
        "■ ",
        "<再掲>",
        "(再掲)",
        "再掲",
        "支援事業",
        "補助金",
        "の推進",
        "します。",
        "10件/年",
        "95",
        "-",
        "概ね達成",
    ];
}
