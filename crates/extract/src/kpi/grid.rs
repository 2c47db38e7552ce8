//! KPI tables whose cells are explicit: rows of a Markdown or web table
//! (`指標 | 現状値 平成17年度 | 目標値 平成22年度 | …`) and rows whose columns a
//! PDF converter set apart (`重要業績評価指標 ⇥ 現状値 ⇥ 目標値`).
//!
//! The reader goes by the table's shape, not by a fixed header:
//!
//! 1. **Header.** A row of cells one of which names the indicator column and
//!    one of which names a value column. Each header cell is read on its
//!    own: the words it ends with (`dictionaries/vocab/kpi.txt`: 指標, 現状値,
//!    目標値, 実績, 単位, 評価, …) give the column's kind, a year in it gives
//!    the column's year (`目標値 平成22年度`, `基準値(令和元年)`). A cell the
//!    vocabulary does not know is a column left alone (考え方, 資料, 出典). A
//!    second header row of brackets (`(KPI) ⇥ (2014 年度) ⇥ (2019 年度)`)
//!    completes the cells above it.
//! 2. **Rows.** Each row's cells line up with the header's; a row with
//!    only as many cells as there are value columns takes its indicator
//!    from the text lines around it (an indicator wrapped by the converter:
//!    `バイオガスプラント事業関` / `- ⇥ 5年間で1人` / `連就業者数`).
//! 3. **Cells.** A number with its unit and perhaps its year; a dash is no
//!    value; a rate or a total over the period (`年111校`, `5年間で6人`)
//!    keeps its number and its text; a target stated in words (`20%増`,
//!    `現状値を維持(44%台)`) goes to `target_text`.
//!
//! A table ends at a line that is not a row: prose, a bullet, a heading, a
//! new header.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::cell::{is_dash, parse_value, split_unit_bracket, status_word, year_label};
use crate::{Kpi, Line, Warning, YearValue, wareki};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Col {
    Indicator,
    Base(Option<i32>),
    Target(Option<i32>),
    Actual(Option<i32>),
    /// A column named by a year only.
    Year(i32),
    Unit,
    Status,
    /// A column the reader leaves alone.
    Other,
}

impl Col {
    fn is_value(self) -> bool {
        matches!(
            self,
            Col::Base(_) | Col::Target(_) | Col::Actual(_) | Col::Year(_)
        )
    }
}

/// The header word lists, from the vocabulary file.
struct Words {
    indicator: Vec<String>,
    baseline: Vec<String>,
    target: Vec<String>,
    actual: Vec<String>,
    unit: Vec<String>,
    status: Vec<String>,
    direction: Vec<String>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let v = crate::vocab::get();
    Words {
        // (a weak indicator word needs a value column: the header needs one)
        indicator: v
            .kpi_indicator
            .iter()
            .chain(&v.kpi_weak_indicator)
            .cloned()
            .collect(),
        baseline: v.kpi_baseline.clone(),
        target: v.kpi_target.clone(),
        actual: v.kpi_actual.clone(),
        unit: v.kpi_unit.clone(),
        status: v.kpi_status.clone(),
        direction: v.kpi_direction.clone(),
    }
});

/// Brackets and what they hold.
static BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[(（\[【〔][^()（）\[\]【】〔〕]*[)）\]】〕]").expect("valid regex")
});

/// How a table parts its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Parting {
    /// `|` or column gaps (tabs).
    Marked,
    /// Single spaces, as a converter left a table whose column gaps it
    /// did not keep (`重要業績評価指標 現状値 目標値`).
    Spaces,
}

/// The cells of a row parted by single spaces (of the line as spaced).
fn spaced_cells(line: &Line) -> Option<Vec<String>> {
    let t = line.spaced.trim();
    if t.contains(['\t', '|']) {
        return None;
    }
    let cells: Vec<String> = t.split_whitespace().map(str::to_string).collect();
    (cells.len() >= 2).then_some(cells)
}

fn cells_as(line: &Line, parting: Parting) -> Option<Vec<String>> {
    match parting {
        Parting::Marked => cells(line),
        Parting::Spaces => spaced_cells(line),
    }
}

/// The cells of a row, if the line is one: cells parted by `|` (two or
/// more) or by column gaps (tabs).
fn cells(line: &Line) -> Option<Vec<String>> {
    let t = line.text.trim();
    // a table drawn with boxes is read by the rules that know boxes
    if t.contains(|c: char| ('\u{2500}'..='\u{257F}').contains(&c)) {
        return None;
    }
    if t.matches('|').count() >= 2 {
        let inner = t.trim_start_matches('|').trim_end_matches('|');
        let cells: Vec<String> = inner
            .split('|')
            .map(|c| c.trim().replace('\t', " "))
            .collect();
        return (cells.len() >= 2).then_some(cells);
    }
    if t.contains('\t') {
        let cells: Vec<String> = t.split('\t').map(|c| c.trim().to_string()).collect();
        return (cells.len() >= 2).then_some(cells);
    }
    None
}

/// A Markdown rule row (`|---|:---:|`).
fn is_rule(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// The year a header cell names, anywhere in it.
pub(super) fn cell_year(cell: &str) -> Option<i32> {
    wareki::find_years(cell)
        .into_iter()
        .find_map(|m| m.year.ok().map(|y| y.year))
        .or_else(|| {
            // a bare label such as `R5`, or a year whose era the text left
            // out (`25年度`), read in the document's era
            cell.split(|c: char| c.is_whitespace() || "()（）".contains(c))
                .find_map(|w| year_label(w, false))
                .or_else(|| wareki::elided_year(cell.trim_start_matches(['(', '（'])))
        })
}

/// The kind of a header cell.
pub(super) fn classify(cell: &str) -> Col {
    let year = cell_year(cell);
    let core = BRACKETS.replace_all(cell, "");
    let core: String = core
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>();
    // drop a year written in the cell (`目標値平成22年度` → `目標値`)
    let mut word = core.clone();
    for m in wareki::find_years(&core).into_iter().rev() {
        word.replace_range(m.range.clone(), "");
    }
    let word = word.trim_matches(|c: char| "・:：".contains(c)).to_string();
    let w = &*WORDS;
    let ends = |list: &[String]| {
        list.iter()
            .any(|e| word.ends_with(e.as_str()) || word == *e)
    };
    if word.is_empty() {
        return year.map_or(Col::Other, Col::Year);
    }
    if ends(&w.indicator) && !w.target.contains(&word) {
        return Col::Indicator;
    }
    if ends(&w.baseline) {
        return Col::Base(year);
    }
    if ends(&w.actual) {
        return Col::Actual(year);
    }
    if ends(&w.target) {
        return Col::Target(year);
    }
    if ends(&w.unit) {
        return Col::Unit;
    }
    if ends(&w.status) {
        return Col::Status;
    }
    if ends(&w.direction) {
        return Col::Other;
    }
    // a year with a kind word after it (`R3実績`, `令和9年度目標`)
    let starts = |list: &[String]| list.iter().any(|e| word.starts_with(e.as_str()));
    if year.is_some() && starts(&w.actual) {
        return Col::Actual(year);
    }
    Col::Other
}

/// The header a row of cells makes, if it is one.
fn header_of(cells: &[String]) -> Option<Vec<Col>> {
    // no cell names the indicator column: no header (a cheap test first,
    // as every line is tried)
    let words = &WORDS.indicator;
    if !cells
        .iter()
        .any(|c| words.iter().any(|w| c.contains(w.as_str())))
    {
        return None;
    }
    // a header cell is a label: a sentence or a long cell is a column
    // left alone
    let cols: Vec<Col> = cells
        .iter()
        .map(|c| {
            if c.contains('。') || c.chars().count() > 30 {
                Col::Other
            } else {
                classify(c)
            }
        })
        .collect();
    let indicator = cols.iter().position(|c| *c == Col::Indicator)?;
    // a header of years alone heads statistics as often as targets: the
    // rules that look around the table read it
    if !cols
        .iter()
        .any(|c| matches!(c, Col::Base(_) | Col::Target(_) | Col::Actual(_)))
    {
        return None;
    }
    // the indicator comes before the values
    let values = cols.iter().filter(|c| c.is_value()).count();
    let first_value = cols.iter().position(|c| c.is_value())?;
    (values >= 1
        && indicator < first_value
        && cols.iter().filter(|c| **c == Col::Indicator).count() == 1)
        .then_some(cols)
}

/// A second header row completing the one above (`(KPI) ⇥ (2014 年度) ⇥
/// (2019 年度)`): every non-empty cell is in brackets or a year.
fn completes(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    !filled.is_empty()
        && filled.iter().all(|c| {
            let c = c.trim();
            (c.starts_with(['(', '（']) && c.ends_with([')', '）']))
                || cell_year(c).is_some() && c.chars().count() <= 12
        })
}

/// A cell read as a value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell {
    Empty,
    Value {
        value: f64,
        unit: Option<String>,
        year: Option<i32>,
        /// The cell as written, when it says more than its number (a rate,
        /// a total over the period, a level to keep).
        text: Option<String>,
    },
    Text(String),
}

/// A rate or a total: `年111校`, `年間100件`, `5年間で6人`, `毎年度3回`.
static RATE_OR_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:年間|毎年度?|年|\d{1,2}年間で|累計|計)\s?(.+)$").expect("valid regex")
});
/// A number kept or reached, in brackets after words: `現状値を維持(141か所)`.
static BRACKET_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^()]+\(([^()]+)\)$").expect("valid regex"));
/// A note after a value: `9人(延べ243日)`, `30件(5年間)`.
static TRAILING_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^()]+?)\s?\([^()]*\)$").expect("valid regex"));

/// A rate or a total over the period, with what it states: `年111校`,
/// `5年間で6人(2019年度)`: the number, its unit, its year, the text.
pub(super) fn rate_or_total(raw: &str) -> Option<(f64, Option<String>, Option<i32>, String)> {
    let s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let c = RATE_OR_TOTAL.captures(&s)?;
    let (value, unit, year) = parse_value(&c[1])?;
    // the text without the year: `年40人(2019年度)` → `年40人`
    let text = match TRAILING_NOTE.captures(&s) {
        Some(t) if year.is_some() => t[1].to_string(),
        _ => s.clone(),
    };
    Some((value, unit, year, text))
}

/// A number written with 万 and 千 (`95万9千人`): in 万 with a decimal.
static MAN_SEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})万(\d)千(.*)$").expect("valid regex"));

pub(super) fn read_cell(raw: &str) -> Cell {
    let s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || is_dash(&s) {
        return Cell::Empty;
    }
    if let Some(c) = MAN_SEN.captures(&s)
        && let Some((value, unit, year)) = parse_value(&format!("{}.{}万{}", &c[1], &c[2], &c[3]))
    {
        return Cell::Value {
            value,
            unit,
            year,
            text: None,
        };
    }
    let value = |t: &str, text: Option<String>| {
        parse_value(t).map(|(value, unit, year)| Cell::Value {
            value,
            unit,
            year,
            text,
        })
    };
    if let Some(v) = value(&s, None) {
        return v;
    }
    if let Some(c) = RATE_OR_TOTAL.captures(&s)
        && let Some(v) = value(&c[1], Some(s.clone())).or_else(|| {
            let inner = TRAILING_NOTE.captures(&c[1])?;
            value(&inner[1], Some(s.clone()))
        })
    {
        return v;
    }
    if let Some(c) = TRAILING_NOTE.captures(&s)
        && let Some(v) = value(&c[1], None)
    {
        return v;
    }
    // `現状値を維持(141か所)` states the number; `(44%台)` is a range
    if let Some(c) = BRACKET_VALUE.captures(&s)
        && !c[1].ends_with(['台', '程'])
        && let Some(v) = value(&c[1], Some(s.clone()))
    {
        return v;
    }
    Cell::Text(s)
}

/// A line of text that may be a piece of a wrapped indicator: short, no
/// sentence, no bullet or bracketed label, no cells.
fn is_name_piece(line: &Line) -> bool {
    let t = line.text.trim();
    let first = t.chars().next().unwrap_or(' ');
    !t.is_empty()
        && !t.contains(['\t', '|', '。'])
        && t.chars().count() <= 30
        && !crate::numbering::is_bullet(first)
        && !"＜<［[【〔《◎◇◆※".contains(first)
        && !matches!(read_cell(t), Cell::Value { .. } | Cell::Empty)
}

/// A table read by its cells: the source lines it spans and its KPIs.
pub(super) struct GridTable {
    /// Source line of the header.
    pub first: usize,
    /// Source line of the last row.
    pub last: usize,
    /// The KPIs, in row order.
    pub kpis: Vec<Kpi>,
}

/// Every explicit-cell table of a document.
pub(super) fn read(lines: &[&Line], warnings: &mut Vec<Warning>) -> Vec<GridTable> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let found = [Parting::Marked, Parting::Spaces]
            .into_iter()
            .find_map(|p| {
                let c = cells_as(lines[i], p)?;
                header_of(&c).map(|cols| (p, cols))
            });
        let Some((parting, mut cols)) = found else {
            i += 1;
            continue;
        };
        let header_at = i;
        let mut j = i + 1;
        // a rule row, a second header row
        while j < lines.len() {
            match cells_as(lines[j], parting) {
                Some(c) if is_rule(&c) => j += 1,
                Some(c) if completes(&c) && c.len() <= cols.len() => {
                    let offset = cols.len() - c.len();
                    for (k, cell) in c.iter().enumerate() {
                        let y = cell_year(cell);
                        let col = &mut cols[offset + k];
                        *col = match (*col, y) {
                            (Col::Base(None), Some(y)) => Col::Base(Some(y)),
                            (Col::Target(None), Some(y)) => Col::Target(Some(y)),
                            (Col::Actual(None), Some(y)) => Col::Actual(Some(y)),
                            (other, _) => other,
                        };
                    }
                    j += 1;
                }
                _ => break,
            }
        }
        let (kpis, end) = rows(lines, j, &cols, parting, warnings);
        if kpis.is_empty() {
            i += 1;
            continue;
        }
        out.push(GridTable {
            first: lines[header_at].number,
            last: lines[end.saturating_sub(1).max(header_at)].number,
            kpis: kpis.into_iter().map(|(k, _)| k).collect(),
        });
        i = end.max(i + 1);
    }
    out
}

/// The rows under a header, from line `from`: the KPIs with the index of
/// their first line, and the index where the table ends.
fn rows(
    lines: &[&Line],
    from: usize,
    cols: &[Col],
    parting: Parting,
    warnings: &mut Vec<Warning>,
) -> (Vec<(Kpi, usize)>, usize) {
    let values: Vec<usize> = (0..cols.len()).filter(|&k| cols[k].is_value()).collect();
    let ind = cols.iter().position(|c| *c == Col::Indicator).unwrap_or(0);
    let mut out: Vec<(Kpi, usize)> = Vec::new();
    let mut pending: Vec<String> = Vec::new(); // name pieces above a nameless row
    let mut tail_of: Option<usize> = None; // index in `out` of a row whose name may go on below
    let mut j = from;
    while j < lines.len() {
        let line = lines[j];
        let Some(c) = cells_as(line, parting) else {
            if is_name_piece(line) && pending.len() < 3 {
                // the tail of a wrapped indicator whose values stood on the
                // line above (`…事業関` / `- ⇥ 5年間で1人` / `連就業者数`), else
                // the head of the next row's
                match tail_of.take() {
                    Some(k) => out[k].0.indicator.push_str(line.text.trim()),
                    None => pending.push(line.text.trim().to_string()),
                }
                j += 1;
                continue;
            }
            break;
        };
        if is_rule(&c) {
            j += 1;
            continue;
        }
        if header_of(&c).is_some()
            || parting == Parting::Spaces && c.iter().any(|x| x.contains('。'))
        {
            break;
        }
        // which cell is which
        let (name, vals): (String, Vec<(Col, String)>) = if c.len() == cols.len() {
            let name = c[ind].clone();
            let vals = values.iter().map(|&k| (cols[k], c[k].clone())).collect();
            (name, vals)
        } else if c.len() == values.len() {
            let name = pending.concat();
            let vals = values
                .iter()
                .zip(&c)
                .map(|(&k, v)| (cols[k], v.clone()))
                .collect();
            (name, vals)
        } else if c.len() == values.len() + 1 {
            let vals = values
                .iter()
                .zip(&c[1..])
                .map(|(&k, v)| (cols[k], v.clone()))
                .collect();
            (c[0].clone(), vals)
        } else if parting == Parting::Spaces {
            // words parted by spaces that do not line up are no row
            break;
        } else {
            warnings.push(Warning::new(
                line.number,
                format!(
                    "table row has {} cells for a header of {}; not read",
                    c.len(),
                    cols.len()
                ),
            ));
            pending.clear();
            tail_of = None;
            j += 1;
            continue;
        };
        let nameless = c.len() == values.len();
        let name = if nameless {
            name
        } else {
            format!("{}{}", pending.concat(), name)
        };
        pending.clear();
        // a row repeating an indicator listed elsewhere (`…【再掲】`)
        if name.trim().is_empty()
            || crate::vocab::REPRINT.is_match(&name)
            || vals.iter().all(|(_, v)| v.trim().is_empty())
        {
            j += 1;
            continue;
        }
        let unit_cell = cols
            .iter()
            .position(|c| *c == Col::Unit)
            .and_then(|k| c.get(k))
            .filter(|_| c.len() == cols.len())
            .cloned();
        let status = cols
            .iter()
            .position(|c| *c == Col::Status)
            .and_then(|k| c.get(k))
            .filter(|_| c.len() == cols.len())
            .and_then(|s| {
                status_word(s)
                    .map(str::to_string)
                    .or_else(|| super::cell::grade(s))
            });
        let had_head = nameless && !name.is_empty();
        out.push((kpi_of(&name, unit_cell, &vals, status, line.number), j));
        tail_of = had_head.then(|| out.len() - 1);
        j += 1;
    }
    (out, j)
}

fn kpi_of(
    name: &str,
    unit_cell: Option<String>,
    vals: &[(Col, String)],
    status: Option<String>,
    line: usize,
) -> Kpi {
    let (indicator, mut unit) = split_unit_bracket(name.trim());
    if unit.is_none() {
        unit = unit_cell.filter(|u| !u.is_empty() && !is_dash(u));
    }
    let mut kpi = Kpi {
        indicator: indicator.chars().filter(|c| !c.is_whitespace()).collect(),
        unit,
        node: None,
        baseline: None,
        targets: Vec::new(),
        actuals: Vec::new(),
        target_text: None,
        status,
        line,
    };
    let mut texts: Vec<String> = Vec::new();
    for (col, raw) in vals {
        let cell = read_cell(raw);
        let col_year = match col {
            Col::Base(y) | Col::Target(y) | Col::Actual(y) => *y,
            Col::Year(y) => Some(*y),
            _ => None,
        };
        match cell {
            Cell::Empty => {}
            Cell::Value {
                value,
                unit,
                year,
                text,
            } => {
                if kpi.unit.is_none() {
                    kpi.unit = unit;
                }
                let yv = YearValue {
                    year: year.or(col_year),
                    value,
                };
                match col {
                    Col::Base(_) => {
                        if kpi.baseline.is_none() {
                            kpi.baseline = Some(yv);
                        }
                    }
                    Col::Actual(_) => kpi.actuals.push(yv),
                    // a target the table gives no year is kept as written
                    _ if yv.year.is_none() => {
                        texts.push(text.unwrap_or_else(|| raw.trim().to_string()))
                    }
                    _ => {
                        kpi.targets.push(yv);
                        if let Some(t) = text {
                            texts.push(t);
                        }
                    }
                }
            }
            Cell::Text(t) => {
                if matches!(col, Col::Target(_) | Col::Year(_)) {
                    let label = col_year.map(|y| format!("{y} ")).unwrap_or_default();
                    texts.push(format!("{label}{t}"));
                }
            }
        }
    }
    if !texts.is_empty() {
        let mut seen = HashSet::new();
        texts.retain(|t| seen.insert(t.clone()));
        kpi.target_text = Some(texts.join(", "));
    }
    kpi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpis(text: &str) -> Vec<Kpi> {
        let lines = crate::lines_from(text);
        let view: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let mut w = Vec::new();
        read(&view, &mut w)
            .into_iter()
            .flat_map(|t| t.kpis)
            .collect()
    }

    #[test]
    fn a_web_table_with_columns_the_reader_leaves_alone() {
        let k = kpis(
            "成果指標の名称 | 現状値 平成17年度 | 目標値 平成22年度 | 目標値 平成27年度 | 目標設定の考え方 | 資料 |\n---|---|---|---|---|---|\n緑化推進の満足度 | 33.3% | 36% | 40% | 満足度を高める。 | 市民意識調査 |\n利用者数 | 平成19年度調査 | 20%増 | 25%増 | 魅力を高める。 | 担当課調べ |\n生息地 | 141か所 | 現状値を維持(141か所) | 現状値を維持(141か所) | 維持する。 | 担当課調べ |\n",
        );
        assert_eq!(k.len(), 3);
        assert_eq!(k[0].indicator, "緑化推進の満足度");
        assert_eq!(
            k[0].baseline,
            Some(YearValue {
                year: Some(2005),
                value: 33.3
            })
        );
        assert_eq!(
            k[0].targets,
            vec![
                YearValue {
                    year: Some(2010),
                    value: 36.0
                },
                YearValue {
                    year: Some(2015),
                    value: 40.0
                }
            ]
        );
        assert_eq!(k[1].baseline, None);
        assert!(k[1].targets.is_empty());
        assert_eq!(k[1].target_text.as_deref(), Some("2010 20%増, 2015 25%増"));
        assert_eq!(k[2].targets.len(), 2);
        assert_eq!(k[2].targets[0].value, 141.0);
    }

    #[test]
    fn a_converted_table_with_a_bracket_row_and_wrapped_names() {
        let k = kpis(
            "重要業績評価指標\t現状値\t目標値\n(KPI)\t(2014 年度)\t(2019 年度)\n中学校訪問実施校数\t年111校\t年111校\nバイオガスプラント事業関\n-\t5年間で1人\n連就業者数\n新規就農者数\t-\t5年間で3人\n<主な事業>\n",
        );
        type Row<'a> = (&'a str, Option<f64>, Vec<(Option<i32>, f64)>);
        let got: Vec<Row<'_>> = k
            .iter()
            .map(|k| {
                (
                    k.indicator.as_str(),
                    k.baseline.as_ref().map(|b| b.value),
                    k.targets.iter().map(|t| (t.year, t.value)).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("中学校訪問実施校数", Some(111.0), vec![(Some(2019), 111.0)]),
                (
                    "バイオガスプラント事業関連就業者数",
                    None,
                    vec![(Some(2019), 1.0)]
                ),
                ("新規就農者数", None, vec![(Some(2019), 3.0)]),
            ]
        );
        assert_eq!(k[0].baseline.as_ref().and_then(|b| b.year), Some(2014));
        assert_eq!(k[1].target_text.as_deref(), Some("5年間で1人"));
    }

    #[test]
    fn a_table_whose_cells_are_parted_by_single_spaces() {
        let k = kpis(
            "重要業績評価指標 現状値 目標値\n(KPI) (2014年度) (2019年度)\n短期移住体験者数 9人(延べ243日) 年12人(延べ300日)\n<主な事業>\n",
        );
        assert_eq!(k.len(), 1);
        assert_eq!(
            k[0].baseline,
            Some(YearValue {
                year: Some(2014),
                value: 9.0
            })
        );
        assert_eq!(
            k[0].targets,
            vec![YearValue {
                year: Some(2019),
                value: 12.0
            }]
        );
    }

    #[test]
    fn reading_cells() {
        assert_eq!(read_cell("-"), Cell::Empty);
        assert!(matches!(read_cell("9人(延べ243日)"), Cell::Value { value, .. } if value == 9.0));
        assert!(matches!(read_cell("現状値を維持(44%台)"), Cell::Text(_)));
        assert!(
            matches!(read_cell("年12人(延べ300日)"), Cell::Value { value, .. } if value == 12.0)
        );
    }
}
