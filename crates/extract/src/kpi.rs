//! KPI tables: indicators (評価指標, KPI, 目標値) with their baseline,
//! targets, results and status.
//!
//! A table starts at a header line that names an indicator column and at
//! least one value column (`指標名 現状 年度別目標`, `実施事業 指標 目標 R1 … R5
//! 結果`, `指標 基準値(R4) 目標値(R9)`). Its rows follow until prose or a
//! heading. Each row's cells are aligned with the header's columns:
//!
//! - year labels in the header, on a line of their own under it, or next to
//!   each value (`R1 9,095 R5 9,186`);
//! - a label line one short of the values is read as a shifted header when
//!   the first label stands apart (it labels the 現状 column) and the last
//!   year is taken from a sibling table or the labels' step, with a warning;
//! - a 目標 column holding a rate (`10件/年`) fills `target_text`, a plain
//!   value gets the year the indicator names (`R2までの…`) or else goes to
//!   `target_text` as written;
//! - rows wrapped over several lines are joined; rows dumped column by
//!   column (one cell a line) are transposed back when the counts fit;
//! - a row whose values cannot be aligned keeps no values and leaves a
//!   warning.
//!
//! A 再掲 row repeating a listed indicator is no new KPI.

mod cell;
mod columns;
mod fields;
mod grid;
mod interleaved;
mod prose;
mod series;
mod stack;
mod table;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::{Doc, Kpi, Line, Node, Warning, YearValue};
use cell::{Tok, parse_value, split_unit_bracket, year_in_text};
use table::{
    Schema, Siblings, Table, ends_table, header, is_page_number, keyword_line, label_line,
    line_tokens, row_to_kpi,
};

/// Most lines a table body may span.
const MAX_TABLE_LINES: usize = 5000;
/// Fewest one-cell lines that make a column-by-column dump.
const MIN_DUMP_CELLS: usize = 6;

/// Every KPI in the document.
pub fn extract(doc: Doc<'_>, strategy: &[Node], warnings: &mut Vec<Warning>) -> Vec<Kpi> {
    let lines: Vec<&Line> = doc.nonblank().collect();
    let ids = flatten(strategy);
    // the warnings of other readers are not this reader's to drop
    let others = warnings.len();
    // tables read by their cells, weighed below against the rules' reading
    let mut grid_warnings = Vec::new();
    let mut grid_tables: Vec<(usize, usize, Vec<Kpi>)> = grid::read(&lines, &mut grid_warnings)
        .into_iter()
        .map(|t| (t.first, t.last, t.kpis))
        .collect();
    grid_tables.extend(
        stack::read(&lines, &mut grid_warnings)
            .into_iter()
            .map(|b| (b.first, b.last, b.kpis)),
    );
    grid_tables.extend(
        fields::read(&lines)
            .into_iter()
            .map(|f| (f.first, f.last, f.kpis)),
    );
    grid_tables.extend(
        columns::read(&lines)
            .into_iter()
            .map(|c| (c.first, c.last, c.kpis)),
    );
    grid_tables.extend(
        series::read(&lines)
            .into_iter()
            .map(|s| (s.first, s.last, s.kpis)),
    );
    let mut kept = Kept::default();
    let mut arrow_seen: HashSet<String> = HashSet::new();
    let mut siblings: Siblings = Vec::new();
    let mut i = 0;
    let mut prev_end = 0;
    let mut prev_node: Option<String> = None;
    let mut last_arrow: Option<usize> = None;
    while i < lines.len() {
        let head = header(lines[i]);
        let stacked = if head.is_none() {
            stacked_header(&lines, i)
        } else {
            None
        };
        let dumped = if stacked.is_none() && head.is_none() {
            interleaved::read(&lines, i, warnings)
        } else {
            None
        };
        match dumped {
            Some(interleaved::Interleaved::Table { header, rows, end }) => {
                // header words each over their column's cells: read as the
                // rows they transpose into
                let Some(schema) = table::header(&header) else {
                    i += 1;
                    continue;
                };
                let view: Vec<&Line> = std::iter::once(&header).chain(rows.iter()).collect();
                let node = table_node(&lines, i, prev_end, &ids)
                    .or_else(|| (i <= prev_end + 3).then(|| prev_node.clone()).flatten());
                read_table(
                    &view,
                    0,
                    schema,
                    node.clone(),
                    &mut kept,
                    &mut siblings,
                    warnings,
                );
                prev_end = end.max(i + 1);
                prev_node = node;
                i = end.max(i + 1);
                continue;
            }
            Some(interleaved::Interleaved::Misaligned { end }) => {
                prev_end = end.max(i + 1);
                i = end.max(i + 1);
                continue;
            }
            None => {}
        }
        let boxed = if stacked.is_none() {
            boxed_header(lines[i])
        } else {
            None
        };
        if let Some((region, schema)) = boxed {
            // A table beside a box (`│…│ 指標 現状値 目標値`): the table is
            // read from the same region of each line.
            let window = lines.len().min(i + MAX_BOX_WINDOW);
            let mapped: Vec<Line> = lines[i..window]
                .iter()
                .map(|l| region_line(l, region))
                .collect();
            let view: Vec<&Line> = mapped.iter().collect();
            let node = table_node(&lines, i, prev_end, &ids)
                .or_else(|| (i <= prev_end + 3).then(|| prev_node.clone()).flatten());
            let (end, data_end) = read_table(
                &view,
                0,
                schema,
                node.clone(),
                &mut kept,
                &mut siblings,
                warnings,
            );
            prev_end = (i + data_end).max(i + 1);
            prev_node = node;
            i = (i + end).max(i + 1);
            continue;
        }
        let (found, body_from) = match stacked {
            Some((schema, last)) => (Some(schema), last),
            None => (head, i),
        };
        let Some(mut schema) = found else {
            // an arrow line shortly after another one continues its list
            // (sub-headings between), so it needs no target word nearby
            let chained = last_arrow.is_some_and(|j| i <= j + ARROW_CHAIN);
            if let Some(kpi) = arrow_kpi(&lines, i, prev_end, &ids, chained)
                .or_else(|| labelled_kpi(&lines, i, prev_end, &ids))
            {
                last_arrow = Some(i);
                if arrow_seen.insert(kpi.indicator.clone()) {
                    kept.push(kpi);
                }
            }
            i += 1;
            continue;
        };
        // `基準値 目標値` above `指標名 (R4) (R10)`: the header's two halves
        if schema.years_only
            && i > 0
            && let Some(kinds) = keyword_line(lines[i - 1])
            && kinds.len() == schema.slots.len()
        {
            for (slot, kind) in schema.slots.iter_mut().zip(kinds) {
                slot.kind = kind;
                slot.series = false;
            }
            schema.years_only = false;
        }
        if schema.years_only && !speaks_of_targets(&lines, i) {
            i += 1;
            continue;
        }
        // a table repeated after a page break keeps the node of the part
        // before it
        let node = table_node(&lines, i, prev_end, &ids)
            .or_else(|| (i <= prev_end + 3).then(|| prev_node.clone()).flatten());
        let (end, data_end) = read_table(
            &lines,
            body_from,
            schema,
            node.clone(),
            &mut kept,
            &mut siblings,
            warnings,
        );
        // headings read as rows without data after the last row belong to
        // the next table
        prev_end = data_end.max(i + 1);
        prev_node = node;
        i = end.max(i + 1);
    }
    for kpi in legend_arrows(&lines, &ids) {
        if !kept.list.iter().any(|k| k.indicator == kpi.indicator) {
            kept.push(kpi);
        }
    }
    let mut list = kept.list;
    // a table the cells read more values from than the rules did is taken
    // from its cells
    let mut from_grid = false;
    for (first, last, kpis) in grid_tables {
        let span = first..=last;
        let weigh = |ks: &mut dyn Iterator<Item = &Kpi>| {
            ks.fold((0, 0), |(v, d), k| (v + values_of(k), d + dated_of(k)))
        };
        let ruled = weigh(&mut list.iter().filter(|k| span.contains(&k.line)));
        let celled = weigh(&mut kpis.iter());
        // more values, or as many with more of their years known
        if celled > ruled {
            list.retain(|k| !span.contains(&k.line));
            let mut k = 0;
            warnings.retain(|w| {
                k += 1;
                k <= others || !span.contains(&w.line)
            });
            for mut kpi in kpis {
                kpi.node = node_above(&ids, kpi.line);
                // the same indicator in another table is one KPI
                if let Some(old) = list.iter_mut().find(|k| k.indicator == kpi.indicator) {
                    merge(old, &kpi);
                    continue;
                }
                list.push(kpi);
            }
            from_grid = true;
        }
    }
    if from_grid {
        list.sort_by_key(|k| k.line);
        warnings.extend(grid_warnings);
    }
    // indicators reported in sentences, where no table names them
    let reported: Vec<Kpi> = prose::read(&lines)
        .into_iter()
        .filter(|p| !list.iter().any(|k| k.indicator == p.indicator))
        .collect();
    if !reported.is_empty() {
        for mut kpi in reported {
            kpi.node = node_above(&ids, kpi.line);
            list.push(kpi);
        }
        list.sort_by_key(|k| k.line);
    }
    if list
        .iter()
        .any(|k| k.baseline.as_ref().is_some_and(|b| b.year.is_none()))
        && let Some(year) = default_baseline_year(&lines)
    {
        for b in list.iter_mut().filter_map(|k| k.baseline.as_mut()) {
            b.year = b.year.or(Some(year));
        }
    }
    list
}

/// The year a note gives every baseline that names none: `現状値は、特に
/// 記載のない限り2022年度の数値です` (any baseline word of the vocabulary).
/// The first such note counts.
fn default_baseline_year(lines: &[&Line]) -> Option<i32> {
    lines
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| {
            t.contains("限り")
                && (t.contains("記載") || t.contains("特記") || t.contains("明記"))
                && crate::vocab::get()
                    .kpi_baseline
                    .iter()
                    .any(|w| t.contains(w.as_str()))
        })
        .find_map(year_in_text)
}

/// Most lines a header dumped one cell a line may span.
const MAX_STACKED_HEADER: usize = 10;

static NORMALIZER: LazyLock<jplan_normalize::Normalizer> =
    LazyLock::new(jplan_normalize::Normalizer::new);

/// A header dumped one cell a line (`基本方針` / `指標名` / `基準値` /
/// `目標値` / `(R10)`), as PDF-to-text writes a table it reads column by
/// column: the header the cells make on one line, and the index of its last
/// line. Three cells at least.
fn stacked_header(lines: &[&Line], i: usize) -> Option<(Schema, usize)> {
    let mut cells: Vec<String> = Vec::new();
    let mut last = i;
    for (j, line) in lines.iter().enumerate().skip(i).take(MAX_STACKED_HEADER) {
        if table::header_word_line(line) {
            cells.push(line.text.trim().to_string());
        } else if table::bracket_year_line(line)
            && let Some(prev) = cells.last_mut()
        {
            prev.push_str(line.text.trim());
        } else {
            break;
        }
        last = j;
    }
    if cells.len() < 3 {
        return None;
    }
    let first = lines.get(i)?;
    let joined = NORMALIZER.normalize_line(&cells.join("\t"), first.start, first.number);
    header(&joined).map(|s| (s, last))
}

/// Most lines a table beside a box is read over.
const MAX_BOX_WINDOW: usize = 300;

/// Characters that draw the sides and corners of a box.
const BOX_EDGES: &[char] = &[
    '│', '┃', '┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼', '┏', '┓', '┗', '┛', '┣', '┫', '┳', '┻',
    '╋', '║', '╔', '╗', '╚', '╝', '╠', '╣', '╦', '╩', '╬',
];
/// Characters that draw the top and bottom of a box.
const BOX_RULES: &[char] = &['─', '━', '═'];

/// The parts of a line between box sides and corners, without the rules:
/// `│重点プロジェクト│ 指標 現状値` gives `""`, `"重点プロジェクト"`,
/// `" 指標 現状値"`. A line without box sides is one part.
fn box_regions(text: &str) -> Vec<String> {
    text.split(BOX_EDGES)
        .map(|p| p.chars().filter(|c| !BOX_RULES.contains(c)).collect())
        .collect()
}

/// A table header on a line drawn with boxes: the whole line when the box
/// sides separate the table's cells (`│指標名│基準値│目標値│`), else one
/// region of it (a 目標指標 table printed beside a box of 重点プロジェクト),
/// given by its index from the left; and the header.
fn boxed_header(line: &Line) -> Option<(Option<usize>, Schema)> {
    if !line.spaced.contains(BOX_EDGES) {
        return None;
    }
    // a table drawn with box cells: the sides separate its cells
    let whole = region_line(line, None);
    if let Some(s) = header(&whole) {
        return Some((None, s));
    }
    box_regions(&line.spaced)
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.trim().is_empty())
        .find_map(|(k, r)| {
            let l = NORMALIZER.normalize_line(r.trim(), line.start, line.number);
            header(&l).map(|s| (Some(k), s))
        })
}

/// The line as the table in `region` sees it: that region of a line drawn
/// with boxes (empty when the line has no such region), or with `None`
/// all its regions as tab-separated cells; the whole of a line without box
/// sides.
fn region_line(line: &Line, region: Option<usize>) -> Line {
    if !line.spaced.contains(BOX_EDGES) {
        return line.clone();
    }
    let regions = box_regions(&line.spaced);
    let part = match region {
        Some(k) => regions.get(k).map_or("", |r| r.trim()).to_string(),
        None => regions
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .collect::<Vec<_>>()
            .join("\t"),
    };
    NORMALIZER.normalize_line(&part, line.start, line.number)
}

/// The KPIs kept so far, with the (indicator, line) of each, so that a
/// repeat is found without scanning the list.
#[derive(Default)]
struct Kept {
    list: Vec<Kpi>,
    seen: HashSet<(String, usize)>,
    /// The first KPI kept for each indicator.
    first: HashMap<String, usize>,
}

impl Kept {
    /// Keep `kpi` unless the same KPI is kept already. The same indicator
    /// in a later table (a 前期 evaluation table and a 後期 target table)
    /// is merged into the KPI kept first when the two do not disagree.
    fn push(&mut self, kpi: Kpi) {
        let key = (kpi.indicator.clone(), kpi.line);
        if !self.seen.insert(key) && self.list.contains(&kpi) {
            return;
        }
        if let Some(&at) = self.first.get(&kpi.indicator)
            && let Some(old) = self.list.get_mut(at)
            && old.line != kpi.line
            && merge(old, &kpi)
        {
            return;
        }
        self.first
            .entry(kpi.indicator.clone())
            .or_insert(self.list.len());
        self.list.push(kpi);
    }
}

/// Merge `new` into `old` (the same indicator read from another table):
/// the baseline, targets and results of the two by year. Nothing is merged
/// (false) when the units differ, a value lacks its year, or the two give
/// different values for the same slot and year.
fn merge(old: &mut Kpi, new: &Kpi) -> bool {
    let unit_ok = match (&old.unit, &new.unit) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let yeared = |k: &Kpi| {
        k.baseline.as_ref().is_none_or(|b| b.year.is_some())
            && k.targets.iter().chain(&k.actuals).all(|v| v.year.is_some())
    };
    let agree = |a: &[YearValue], b: &[YearValue]| {
        b.iter()
            .all(|v| a.iter().all(|w| w.year != v.year || w.value == v.value))
    };
    let base_ok = match (&old.baseline, &new.baseline) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let text_ok = match (&old.target_text, &new.target_text) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    if !(unit_ok
        && base_ok
        && text_ok
        && yeared(old)
        && yeared(new)
        && agree(&old.targets, &new.targets)
        && agree(&old.actuals, &new.actuals))
    {
        return false;
    }
    if old.unit.is_none() {
        old.unit.clone_from(&new.unit);
    }
    if old.baseline.is_none() {
        old.baseline.clone_from(&new.baseline);
    }
    if old.target_text.is_none() {
        old.target_text.clone_from(&new.target_text);
    }
    if old.status.is_none() {
        old.status.clone_from(&new.status);
    }
    for (into, from) in [
        (&mut old.targets, &new.targets),
        (&mut old.actuals, &new.actuals),
    ] {
        let before = into.len();
        for v in from {
            if !into.iter().any(|w| w.year == v.year) {
                into.push(v.clone());
            }
        }
        if into.len() > before {
            into.sort_by_key(|v| v.year);
        }
    }
    true
}

/// Most lines from one arrow KPI to the next in the same list.
const ARROW_CHAIN: usize = 3;

static ARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:→|⇒|➡|➔|=>|->)\s*").expect("valid regex"));
/// The left side of an arrow line: the indicator, then its baseline.
static ARROW_LEFT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*((?:年間|毎年度?|年)?約?[▲△\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[^\s\d()]{0,6})\s*(\([^()]{1,14}\))?\s*$")
        .expect("valid regex")
});
/// A value labelled with its year: `R4:120万人`, `令和10年度: 150万人`.
static YEAR_LABELLED_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<year>(?:令和|平成|R|H)(?:\d{1,2}|元)(?:年度|年)?|(?:19|20)\d\d(?:年度|年)?)\s*[:：]\s*(?P<value>約?[▲△\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[^\s\d()→⇒:：]{0,6})")
        .expect("valid regex")
});
/// Labels around an arrow line's values.
static ARROW_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s:]*(?:目標値?|現状値?|基準値?|実績値?)?[\s:]*").expect("valid regex")
});
static ARROW_LABEL_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\s:]*(?:現状値?|基準値?|現況値?|実績値?)?[\s:]*$").expect("valid regex")
});

/// `【成果指標】新規就職者数` → `新規就職者数`: a bracketed tag naming the
/// line a KPI is no part of the indicator.
fn strip_kpi_tag(s: &str) -> &str {
    let t = s.trim_start();
    if let Some(rest) = ["KPI:", "KGI:", "KPI：", "KGI："]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .filter(|r| !r.trim().is_empty())
    {
        return rest.trim_start();
    }
    if let Some(rest) = t.strip_prefix('【')
        && let Some((tag, after)) = rest.split_once('】')
        && (tag.contains("指標") || tag.contains("KPI") || tag.contains("目標"))
        && !after.trim().is_empty()
    {
        return after.trim_start();
    }
    s
}

/// A line naming an indicator, then its labelled values with their years:
/// `製造品出荷額等 現状(R5) 5,820億円 目標(R8) 6,100億円`.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<ind>\S.*?)\s+(?:現状値?|基準値?|現況値?)\s*\((?P<by>[^()]{1,12})\)[\s:]*(?P<bv>[^\s()]+)",
        r"\s+目標値?\s*\((?P<ty>[^()]{1,12})\)[\s:]*(?P<tv>[^\s()]+)\s*$",
    ))
    .expect("valid regex")
});

/// A KPI on one line whose values each carry a 現状 / 目標 label with its
/// year in brackets (`創業件数 現状(R5) 45件 目標(R8) 60件`). The labels
/// say what the values are, so no target heading is needed; a dash
/// baseline is none.
fn labelled_kpi(
    lines: &[&Line],
    i: usize,
    prev_end: usize,
    ids: &[(String, usize)],
) -> Option<Kpi> {
    let line = lines.get(i)?;
    let text = line.text.as_str();
    if !text.contains("目標")
        || !(text.contains("現状") || text.contains("基準") || text.contains("現況"))
        || text.contains('。')
        || text.chars().count() > 120
    {
        return None;
    }
    let c = LABELLED.captures(text)?;
    let base_year = cell::year_label(c.name("by")?.as_str(), true)?;
    let target_year = cell::year_label(c.name("ty")?.as_str(), true)?;
    let bv = c.name("bv")?.as_str();
    let baseline = match parse_value(bv.trim_start_matches('約')) {
        Some((v, u, _)) => Some((v, u)),
        None if cell::is_dash(bv) => None,
        None => return None,
    };
    let (tv, tu, _) = parse_value(c.name("tv")?.as_str().trim_start_matches('約'))?;
    let ind = table::strip_lead_mark(c.name("ind")?.as_str().trim());
    if ind.is_empty() {
        return None;
    }
    let (name, bracket_unit) = split_unit_bracket(&ind);
    let base_unit = baseline.as_ref().and_then(|b| b.1.clone());
    Some(Kpi {
        indicator: name,
        unit: bracket_unit.or(base_unit).or(tu),
        node: table_node(lines, i, prev_end, ids),
        baseline: baseline.map(|(value, _)| YearValue {
            year: Some(base_year),
            value,
        }),
        targets: vec![YearValue {
            year: Some(target_year),
            value: tv,
        }],
        actuals: Vec::new(),
        target_text: None,
        status: None,
        line: line.number,
    })
}

/// A KPI on one line with an arrow: `市内事業所数 12,340事業所(R4) →
/// 12,500事業所(R10)`, under a heading or line that speaks of targets.
fn arrow_kpi(
    lines: &[&Line],
    i: usize,
    prev_end: usize,
    ids: &[(String, usize)],
    chained: bool,
) -> Option<Kpi> {
    let line = lines.get(i)?;
    let text = line.text.as_str();
    if text.contains('。') || text.chars().count() > 120 || !ARROW.is_match(text) {
        return None;
    }
    // a year as a value's label (`R4:120万人`) is the value's year
    let text = YEAR_LABELLED_VALUE.replace_all(text, "$value($year)");
    let mut parts = ARROW.split(&text);
    // (spaces a PDF left around the values closed)
    let left: String = parts
        .next()?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let left = left.as_str();
    // `指標名:- → 延べ1,000人(R10)`: no baseline yet
    let (raw_ind, baseline, base_unit) = match ARROW_LEFT.captures(left) {
        Some(c) => {
            let raw_base: String = format!(
                "{}{}",
                c.get(2)?.as_str(),
                c.get(3).map_or("", |m| m.as_str())
            )
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
            // a level a year (`年間3人(H26)`) is the baseline's value
            let (value, unit, year) = parse_value(&raw_base)
                .or_else(|| grid::rate_or_total(&raw_base).map(|(v, u, y, _)| (v, u, y)))?;
            (c.get(1)?.as_str(), Some(YearValue { year, value }), unit)
        }
        None => {
            let ind = left
                .trim_end()
                .strip_suffix(|c: char| cell::is_dash(&c.to_string()))?;
            (ind, None, None)
        }
    };
    let ind = ARROW_LABEL_END.replace(strip_kpi_tag(raw_ind), "");
    let ind = table::strip_lead_mark(ind.trim());
    if ind.is_empty() || ind.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut targets = Vec::new();
    let mut target_text = None;
    let mut unit = base_unit;
    let mut target_form = false;
    for part in parts {
        let v = ARROW_LABEL.replace(part, "");
        let v = v.trim();
        // a rate or a total with its year: `年40人(2019年度)`, `5年間で6人(2019年度)`
        if let Some((value, u, Some(year), text)) = grid::rate_or_total(v) {
            unit = unit.or(u);
            targets.push(YearValue {
                year: Some(year),
                value,
            });
            target_text = Some(text);
            target_form = true;
            continue;
        }
        if let Some((value, u, year)) = parse_value(v) {
            unit = unit.or(u);
            match year.or_else(|| year_in_text(&ind)) {
                Some(y) => targets.push(YearValue {
                    year: Some(y),
                    value,
                }),
                None => target_text = Some(v.to_string()),
            }
        } else if let Some((t, u)) = cell::parse_goal(v).or_else(|| cell::parse_rate(v)) {
            unit = unit.or(u);
            target_text = Some(t);
        } else if let Some((_, u, None)) = ["毎年度", "毎年", "各年度"]
            .iter()
            .find_map(|p| v.strip_prefix(p))
            .and_then(|rest| parse_value(rest.trim()))
        {
            // `毎年度15件以上`: a level each year, no year of its own
            unit = unit.or(u);
            target_text = Some(v.to_string());
        } else {
            return None;
        }
    }
    // a baseline and targets each with its year, the targets later and
    // written as targets are (`年40人`, `5年間で6人`): a plan's indicator
    // whatever the lines around it say (a projection `30,000人(R2) →
    // 28,000人(R7)` is no target)
    let dated = target_form
        && baseline.as_ref().and_then(|b| b.year).is_some_and(|b| {
            !targets.is_empty() && targets.iter().all(|t| t.year.is_some_and(|y| y > b))
        });
    if !chained && !dated && !speaks_of_targets(lines, i) {
        return None;
    }
    let (name, bracket_unit) = split_unit_bracket(&ind);
    Some(Kpi {
        indicator: name,
        unit: bracket_unit.or(unit),
        node: table_node(lines, i, prev_end, ids),
        baseline,
        targets,
        actuals: Vec::new(),
        target_text,
        status: None,
        line: line.number,
    })
}

/// A legend saying what the two values of a bracketed arrow are:
/// `(H21基準値→H25実績)`, `(現状値(R4)→目標値(R9))`.
static LEGEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(([^()→]*(?:\([^()]*\))?[^()→]*)→([^()→]*(?:\([^()]*\))?[^()→]*)\)")
        .expect("valid regex")
});
/// An indicator with both its values in a bracket: `・夏秋トマト出荷量(12,364→14,420t)`.
static BRACKET_ARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?)\(([^()→]+)→([^()→]+)\)$").expect("valid regex"));
/// Lines after a legend its bracketed arrows may be read by.
const LEGEND_REACH: usize = 80;

/// What one side of a legend names: the kind of value and its year.
fn legend_side(s: &str) -> Option<(table::Kind, Option<i32>)> {
    let v = crate::vocab::get();
    let has = |list: &[String]| list.iter().any(|w| s.contains(w.as_str()));
    let kind = if has(&v.kpi_actual) {
        table::Kind::Actual
    } else if has(&v.kpi_target) {
        table::Kind::Target
    } else if has(&v.kpi_baseline) {
        table::Kind::Baseline
    } else {
        return None;
    };
    let year = crate::wareki::find_years(s)
        .into_iter()
        .find_map(|m| m.year.ok().map(|y| y.year))
        .or_else(|| {
            s.split(|c: char| !c.is_ascii_alphanumeric())
                .find_map(|w| cell::year_label(w, false))
        });
    Some((kind, year))
}

/// Indicators listed with both values in a bracket under a legend that
/// names the two values (`◆…主な施策と状況(H21基準値→H25実績)` over
/// `・夏秋トマト出荷量(12,364→14,420t)`): the left value is the legend's
/// left kind and year, the right one its right kind and year.
fn legend_arrows(lines: &[&Line], ids: &[(String, usize)]) -> Vec<Kpi> {
    let mut out = Vec::new();
    type Side = (table::Kind, Option<i32>);
    let mut legend: Option<(Side, Side, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        if let Some(c) = LEGEND.captures(text)
            && let (Some(l), Some(r)) = (legend_side(&c[1]), legend_side(&c[2]))
        {
            legend = Some((l, r, i));
            continue;
        }
        let Some((left, right, _)) = legend.filter(|(_, _, at)| i <= at + LEGEND_REACH) else {
            continue;
        };
        let body = table::strip_lead_mark(text.trim());
        let Some(c) = BRACKET_ARROW.captures(&body) else {
            continue;
        };
        let name = c[1].trim();
        let (Some((a, ua, _)), Some((b, ub, _))) =
            (parse_value(c[2].trim()), parse_value(c[3].trim()))
        else {
            continue;
        };
        if name.is_empty() || name.contains('。') || name.chars().count() > 40 {
            continue;
        }
        let mut kpi = Kpi {
            indicator: name.to_string(),
            unit: ub.or(ua),
            node: node_above(ids, line.number),
            baseline: None,
            targets: Vec::new(),
            actuals: Vec::new(),
            target_text: None,
            status: None,
            line: line.number,
        };
        for ((kind, year), value) in [(left, a), (right, b)] {
            let yv = YearValue { year, value };
            match kind {
                table::Kind::Baseline => kpi.baseline = Some(yv),
                table::Kind::Actual => kpi.actuals.push(yv),
                _ => kpi.targets.push(yv),
            }
        }
        out.push(kpi);
    }
    out
}

/// Read the table whose header is `lines[start]`; returns the index of the
/// first line after it.
fn read_table(
    lines: &[&Line],
    start: usize,
    mut schema: Schema,
    node: Option<String>,
    kept: &mut Kept,
    siblings: &mut Siblings,
    warnings: &mut Vec<Warning>,
) -> (usize, usize) {
    let mut i = start + 1;
    let mut data_end = start + 1;
    if let Some(years) = lines.get(i).and_then(|l| label_line(l)) {
        let unlabelled = schema.slots.iter().filter(|s| s.year.is_none()).count();
        if schema.open.is_some() {
            schema.label_years = years;
            i += 1;
        } else if unlabelled == years.len() {
            let mut it = years.into_iter();
            for s in schema.slots.iter_mut().filter(|s| s.year.is_none()) {
                s.year = it.next();
            }
            i += 1;
        } else if let Some(slots) = widen_actual(&schema.slots, &years) {
            // `実績 目標` over `R3 R4 R5 R8`: the 実績 column spans the
            // extra years
            schema.slots = slots;
            i += 1;
        }
    }
    let limit = lines.len().min(start + 1 + MAX_TABLE_LINES);
    let mut table = Table::new(&schema, node);
    let mut no_dump_before = 0;
    while i < limit {
        let line = lines[i];
        if header(line).is_some() {
            break;
        }
        if is_page_number(line) {
            i += 1;
            continue;
        }
        let toks = line_tokens(line);
        if ends_table(line, &toks) {
            break;
        }
        if toks.len() == 1 && i >= no_dump_before && !table.pending() {
            let run = single_cell_run(lines, i, limit);
            if let Some((_, first)) = run.first() {
                let kind = std::mem::discriminant(first);
                let lead = run
                    .iter()
                    .take_while(|(_, t)| std::mem::discriminant(t) == kind)
                    .count();
                let labelled = matches!(first, Tok::Label(_));
                let looks_dumped = run.len() >= MIN_DUMP_CELLS
                    && lead >= 2
                    && (labelled || matches!(first, Tok::Text(_)));
                // Cells that do not transpose are read row by row, unless
                // the run of labels says the dump is column by column.
                if looks_dumped && (table.transpose(&run, warnings, labelled) || labelled) {
                    i += run.len();
                    data_end = i;
                    continue;
                }
            }
            no_dump_before = i + run.len().max(1);
        }
        if wrapped_tail(lines, i, &toks, limit) && table.continue_last_text(&toks) {
            i += 1;
            continue;
        }
        let text_only = toks.iter().all(|t| matches!(t, Tok::Text(_)));
        if text_only && table.pending_without_values() {
            // Too many wrapped lines: this is no row but text after the table.
            if table.current_text_lines() >= 3 {
                break;
            }
        }
        if toks
            .iter()
            .any(|t| t.is_valueish() || matches!(t, Tok::Status(_) | Tok::Paren { .. }))
        {
            data_end = i + 1;
        }
        table.feed(line.number, toks);
        i += 1;
    }
    table.finish_row();
    let table_node = table.node.clone();
    let mut last_node = table_node.clone();
    for row in &table.rows {
        if row.node.is_some() {
            last_node = row.node.clone();
        }
        if let Some(kpi) = row_to_kpi(
            &schema,
            row,
            last_node.clone(),
            &kept.list,
            siblings,
            warnings,
        ) {
            if kpi.baseline.is_some() && !kpi.targets.is_empty() {
                siblings.push(kpi.targets.iter().filter_map(|t| t.year).collect());
            }
            kept.push(kpi);
        }
    }
    (i, data_end)
}

/// Slots for a header whose year labels outnumber its unlabelled columns
/// (`実績 目標` over `R3 R4 R5 R8`): the one 実績 column, a group of
/// results, takes the extra years; every other column takes one. None when
/// a column already has a year, or there is no single 実績 column.
fn widen_actual(slots: &[table::Slot], years: &[i32]) -> Option<Vec<table::Slot>> {
    if slots.is_empty() || years.len() <= slots.len() || slots.iter().any(|s| s.year.is_some()) {
        return None;
    }
    let actual = slots
        .iter()
        .filter(|s| s.kind == table::Kind::Actual)
        .count();
    if actual != 1 {
        return None;
    }
    let extra = years.len() - slots.len();
    let mut out = Vec::with_capacity(years.len());
    let mut it = years.iter();
    for s in slots {
        let n = if s.kind == table::Kind::Actual {
            extra + 1
        } else {
            1
        };
        for _ in 0..n {
            out.push(table::Slot {
                kind: s.kind,
                year: Some(*it.next()?),
                series: n > 1 || s.series,
            });
        }
    }
    Some(out)
}

/// Whether line `i` (its tokens `toks`) is the wrapped end of the
/// indicator of the row on the line above: one text cell, right under a
/// row with values and right over a row that has an indicator and values of
/// its own (`市の支援による 45件 60件` / `創業件数` / `企業誘致件数 - 15件`),
/// or, for the table's last row, with a blank line or nothing after it.
fn wrapped_tail(lines: &[&Line], i: usize, toks: &[Tok], limit: usize) -> bool {
    if !matches!(toks, [Tok::Text(_)]) || i == 0 {
        return false;
    }
    let above = line_tokens(lines[i - 1]);
    let row_with_values = |t: &[Tok]| {
        matches!(t.first(), Some(Tok::Text(_))) && t.iter().skip(1).any(Tok::is_valueish)
    };
    if !row_with_values(&above) {
        return false;
    }
    // the last row's: right under it, with a blank line or nothing after
    // it, short, and no note or heading (`※…`, `出典:…`, `(1) …`, and a
    // phrase with の such as `計画の推進`: headings name a thing's action)
    let adjacent = |a: &Line, b: &Line| b.number == a.number + 1;
    let t = lines[i].text.trim();
    let last_row = (i + 1 >= limit || !adjacent(lines[i], lines[i + 1]))
        && adjacent(lines[i - 1], lines[i])
        && t.chars().count() <= 12
        && !t.contains(['。', ':', '：', '※', 'の'])
        && !t.starts_with(['(', '（', '【', '[', '■', '●', '○', '・'])
        && crate::numbering::parse(t).is_none()
        && !crate::strategy::is_kind_label(t);
    if i + 1 >= limit {
        return last_row;
    }
    let below = line_tokens(lines[i + 1]);
    last_row || (row_with_values(&below) && !ends_table(lines[i + 1], &below))
}

/// The run of lines from `i` that hold one cell each.
fn single_cell_run(lines: &[&Line], i: usize, limit: usize) -> Vec<(usize, Tok)> {
    let mut run = Vec::new();
    for line in lines.iter().take(limit).skip(i) {
        if header(line).is_some() {
            break;
        }
        let mut toks = line_tokens(line);
        if toks.len() != 1 || ends_table(line, &toks) {
            break;
        }
        if let Some(t) = toks.pop() {
            run.push((line.number, t));
        }
    }
    run
}

static TARGET_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"目標|KPI|評価指標|成果指標|活動指標|数値目標|重要業績評価指標")
        .expect("valid regex")
});

/// Words that make a table of years statistics.
static STATISTICS_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"推移|統計|動向|の状況|経年変化").expect("valid regex"));

/// Whether the header at `i` or the few lines above it speak of targets
/// (and the header and the line above it not of statistics).
fn speaks_of_targets(lines: &[&Line], i: usize) -> bool {
    let at = i.min(lines.len().saturating_sub(1));
    if lines[i.saturating_sub(1)..=at]
        .iter()
        .any(|l| STATISTICS_WORDS.is_match(&l.text))
    {
        return false;
    }
    lines[i.saturating_sub(4)..=at]
        .iter()
        .any(|l| TARGET_WORDS.is_match(&l.text))
}

/// Strategy ids with their lines, in document order.
/// How many values a KPI holds (baseline, targets, results, a target in
/// words).
fn values_of(k: &Kpi) -> usize {
    usize::from(k.baseline.is_some())
        + k.targets.len()
        + k.actuals.len()
        + usize::from(k.target_text.is_some())
}

/// How many values of a KPI know their year.
fn dated_of(k: &Kpi) -> usize {
    k.baseline
        .iter()
        .chain(&k.targets)
        .chain(&k.actuals)
        .filter(|v| v.year.is_some())
        .count()
}

/// The strategy node a line stands under: the last node stated on or
/// before it.
fn node_above(ids: &[(String, usize)], line: usize) -> Option<String> {
    ids.iter()
        .filter(|(_, l)| *l <= line)
        .max_by_key(|(_, l)| *l)
        .map(|(id, _)| id.clone())
}

fn flatten(nodes: &[Node]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    while let Some(n) = stack.pop() {
        out.push((n.id.clone(), n.line));
        stack.extend(n.children.iter().rev());
    }
    out
}

static ROOT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:基本方針|基本目標|基本戦略|戦略|施策の柱|基本施策|施策|方針|政策|分野|柱|目標)\s*(\d{1,2}|[①-⑳])(?:[.:\s】\]〕》>]|$)",
    )
    .expect("valid regex")
});
static SUB_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})-(\d{1,2})(?:-(\d{1,2}))?(?:\s|$)").expect("valid regex")
});

fn circled(s: &str) -> Option<u32> {
    let c = s.chars().next()?;
    if ('①'..='⑳').contains(&c) {
        Some(c as u32 - '①' as u32 + 1)
    } else {
        s.parse().ok()
    }
}

/// The strategy node a table belongs to: the numbered headings above it
/// (back to the previous table). Several sub-headings under one parent
/// (1-1 … 1-4) put a table that closes the section under the parent.
fn table_node(
    lines: &[&Line],
    header: usize,
    prev_end: usize,
    ids: &[(String, usize)],
) -> Option<String> {
    let mut subs: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    for line in lines[prev_end.min(header)..header].iter().rev().take(150) {
        let t = line
            .text
            .trim_start_matches(['-', '・', '■', '●', ' ', '【', '[', '〔', '《', '<']);
        if let Some(c) = ROOT_HEADING.captures(t) {
            root = c
                .get(1)
                .and_then(|m| circled(m.as_str()))
                .map(|n| n.to_string());
            break;
        }
        if let Some(c) = SUB_HEADING.captures(t) {
            let id: Vec<&str> = [c.get(1), c.get(2), c.get(3)]
                .into_iter()
                .flatten()
                .map(|m| m.as_str())
                .collect();
            let id = id.join(".");
            if !subs.contains(&id) {
                subs.push(id);
            }
        }
    }
    let parent_of = |id: &str| id.split('.').next().unwrap_or("").to_string();
    let text_id = match (&root, subs.as_slice()) {
        (Some(r), subs) if subs.iter().all(|s| parent_of(s) == *r) && subs.len() != 1 => {
            Some(r.clone())
        }
        (_, [one]) => Some(one.clone()),
        (None, subs) if !subs.is_empty() => {
            let p = parent_of(&subs[0]);
            subs.iter().all(|s| parent_of(s) == p).then_some(p)
        }
        (Some(r), _) => Some(r.clone()),
        _ => None,
    };
    if ids.is_empty() {
        return text_id;
    }
    if let Some(id) = &text_id
        && ids.iter().any(|(i, _)| i == id)
    {
        return text_id;
    }
    // Else the tree's node nearest above the table.
    let line = lines.get(header).map_or(0, |l| l.number);
    ids.iter()
        .filter(|(_, l)| *l < line)
        .max_by_key(|(_, l)| *l)
        .map(|(i, _)| i.clone())
        .or(text_id)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
#[path = "kpi/generalization_tests.rs"]
mod generalization_tests;
