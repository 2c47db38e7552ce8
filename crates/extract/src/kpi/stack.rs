//! KPI tables that a converter dumped one cell a line, in the order it met
//! them: the header's words, their years, the indicators and their values
//! interleaved (`重要業績評価指標` / `(KPI)` / `現状値` / `(2014 年度)` /
//! `中学校訪問実施校数` / `目標値` / `(2019 年度)` / `年111校` / `年111校`).
//!
//! The block opens at a line that names the indicator column and is read
//! line by line:
//! - a header word (`dictionaries/vocab/kpi.txt`) opens a value column, with
//!   the year it states (`31年度 目標値`);
//! - a year in brackets alone (`(平成26年)`) is the year of the first column
//!   still without one;
//! - a value (a number, a rate or a total, a dash) fills the current row;
//!   when the row has a value for every column it is complete;
//! - any other short text is a piece of the next row's indicator
//!   (`バイオガスプラント事業関` / `連就業者数`);
//! - a line that holds several cells parted by spaces
//!   (`効求人倍率 ↑ 倍 0.94 1.13 1.19 1.00 1.00`) is read cell by cell.
//!
//! The block ends at prose, a bullet, a bracketed label, a new indicator
//! column or after a few lines with nothing read. A row whose values do not
//! fill the columns is left out.

use super::cell::{is_dash, split_unit_bracket, status_word};
use super::grid::{Cell, Col, cell_year, classify, read_cell};
use crate::{Kpi, Line, Warning, YearValue};

/// Most lines a block may span.
const MAX_BLOCK: usize = 40;
/// Lines with nothing read after which the block ends.
const MAX_IDLE: usize = 3;

/// A KPI block read, with the index of its last line.
pub(super) struct Block {
    /// Source line of the block's first line.
    pub first: usize,
    /// Source line of its last line.
    pub last: usize,
    /// The KPIs.
    pub kpis: Vec<Kpi>,
}

/// Whether a line opens a block: it names the indicator column and
/// nothing else (`重要業績評価指標`, `指標(KPI)`, `まちづくり指標 目指す`).
fn opens(line: &Line) -> bool {
    let t = line.text.trim();
    // a header cell, not a numbered heading (`5.後期の評価指標`)
    if t.chars().count() > 24
        || t.contains(['。', '\t', '|'])
        || crate::numbering::parse(t).is_some()
    {
        return false;
    }
    line.spaced
        .split_whitespace()
        .next()
        .is_some_and(|w| classify(w) == Col::Indicator)
}

fn ends_block(line: &Line) -> bool {
    let t = line.text.trim();
    let first = t.chars().next().unwrap_or(' ');
    // (a row with column gaps is a table of cells, read by the grid)
    t.contains(['。', '\t', '|'])
        || t.chars().count() > 40
        || crate::numbering::is_bullet(first) && first != '-'
        || "＜<［[【〔《◎※".contains(first)
}

/// Every dumped KPI block of a document.
pub(super) fn read(lines: &[&Line], warnings: &mut Vec<Warning>) -> Vec<Block> {
    let _ = warnings;
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !opens(lines[i]) {
            i += 1;
            continue;
        }
        let (block, end) = read_block(lines, i);
        if let Some(b) = block {
            out.push(b);
        }
        i = end.max(i + 1);
    }
    out
}

/// One token of a block line.
enum Tok {
    Column(Col),
    Year(i32),
    Value(String),
    Piece(String),
    Skip,
}

fn tokens(line: &Line) -> Vec<Tok> {
    let t = line.text.trim();
    let whole = tok(t);
    // a line of several cells parted by spaces, values among them
    let words: Vec<&str> = line.spaced.split_whitespace().collect();
    let valued = words
        .iter()
        .filter(|w| matches!(tok(w), Tok::Value(_)))
        .count();
    if words.len() >= 3 && valued >= 2 {
        return words.iter().map(|w| tok(w)).collect();
    }
    // `25年度 実績`, `31年度 目標値`: one header cell with its year
    vec![whole]
}

fn tok(t: &str) -> Tok {
    let t = t.trim();
    if t.is_empty() || "↑↓→⇧⇩↗↘".contains(t) {
        return Tok::Skip;
    }
    // `(平成26年)`, `(2014 年度)`: a year alone in brackets
    if let Some(inner) = t
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']))
        && let Some(y) = cell_year(inner)
        && inner.chars().filter(|c| !c.is_whitespace()).count() <= 10
    {
        return Tok::Year(y);
    }
    match classify(t) {
        c @ (Col::Base(_) | Col::Target(_) | Col::Actual(_)) => return Tok::Column(c),
        Col::Indicator | Col::Unit | Col::Status => return Tok::Skip,
        _ => {}
    }
    if t.starts_with(['(', '（']) {
        // `(KPI)`, `(当初値)`: a note on the header cell above
        return if t.contains("当初") || t.contains("基準") {
            Tok::Column(Col::Base(None))
        } else {
            Tok::Skip
        };
    }
    match read_cell(t) {
        Cell::Value { .. } => Tok::Value(t.to_string()),
        Cell::Empty if is_dash(t) => Tok::Value(t.to_string()),
        _ if super::cell::is_unit(t) => Tok::Skip,
        _ if t.chars().count() <= 30 => Tok::Piece(t.to_string()),
        _ => Tok::Skip,
    }
}

fn read_block(lines: &[&Line], start: usize) -> (Option<Block>, usize) {
    let mut cols: Vec<Col> = Vec::new();
    let mut pieces: Vec<String> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut kpis = Vec::new();
    let mut idle = 0;
    let mut j = start + 1;
    let mut last = start;
    while j < lines.len() && j < start + MAX_BLOCK {
        let line = lines[j];
        if ends_block(line) || opens(line) {
            break;
        }
        let mut read = false;
        for t in tokens(line) {
            match t {
                Tok::Column(c) => {
                    // a column word after values: the table was dumped
                    // column by column, which another reader reads
                    if !row.is_empty() || !kpis.is_empty() {
                        return (None, j);
                    }
                    // `(当初値)` under `25年度 実績`: that column is the baseline
                    if let (Col::Base(None), Some(prev)) = (c, cols.last_mut())
                        && let Col::Actual(y) | Col::Target(y) = *prev
                    {
                        *prev = Col::Base(y);
                    } else {
                        cols.push(c);
                    }
                    read = true;
                }
                Tok::Year(y) => {
                    if let Some(c) = cols.iter_mut().find(|c| year_of(**c).is_none()) {
                        *c = with_year(*c, y);
                    }
                    read = true;
                }
                Tok::Value(v) if !cols.is_empty() => {
                    row.push(v);
                    read = true;
                    if row.len() == cols.len() {
                        let name: String = pieces.concat();
                        if !name.is_empty() {
                            kpis.push(kpi_of(&name, &cols, &row, line.number));
                        }
                        pieces.clear();
                        row.clear();
                    }
                }
                Tok::Piece(p) if !cols.is_empty() || !p.is_empty() => {
                    // a piece after values begun: the tail of the last name
                    if !row.is_empty() {
                        row.clear();
                    }
                    if pieces.len() < 3 {
                        pieces.push(p);
                    }
                    read = true;
                }
                _ => {}
            }
        }
        if read {
            idle = 0;
            last = j;
        } else {
            idle += 1;
            if idle >= MAX_IDLE {
                break;
            }
        }
        j += 1;
    }
    if kpis.is_empty() {
        return (None, j);
    }
    (
        Some(Block {
            first: lines[start].number,
            last: lines[last].number,
            kpis,
        }),
        j,
    )
}

fn year_of(c: Col) -> Option<i32> {
    match c {
        Col::Base(y) | Col::Target(y) | Col::Actual(y) => y,
        Col::Year(y) => Some(y),
        _ => None,
    }
}

fn with_year(c: Col, y: i32) -> Col {
    match c {
        Col::Base(None) => Col::Base(Some(y)),
        Col::Target(None) => Col::Target(Some(y)),
        Col::Actual(None) => Col::Actual(Some(y)),
        other => other,
    }
}

fn kpi_of(name: &str, cols: &[Col], values: &[String], line: usize) -> Kpi {
    let (indicator, unit) = split_unit_bracket(name);
    let mut kpi = Kpi {
        indicator: indicator.chars().filter(|c| !c.is_whitespace()).collect(),
        unit,
        node: None,
        baseline: None,
        targets: Vec::new(),
        actuals: Vec::new(),
        target_text: None,
        status: None,
        line,
    };
    let mut texts = Vec::new();
    for (col, raw) in cols.iter().zip(values) {
        if let Some(s) = status_word(raw) {
            kpi.status = Some(s.to_string());
            continue;
        }
        let Cell::Value {
            value,
            unit,
            year,
            text,
        } = read_cell(raw)
        else {
            continue;
        };
        if kpi.unit.is_none() {
            kpi.unit = unit;
        }
        let yv = YearValue {
            year: year.or(year_of(*col)),
            value,
        };
        match col {
            Col::Base(_) => kpi.baseline = Some(yv),
            Col::Actual(_) => kpi.actuals.push(yv),
            _ if yv.year.is_none() => texts.push(text.unwrap_or_else(|| raw.clone())),
            _ => {
                kpi.targets.push(yv);
                if let Some(t) = text {
                    texts.push(t);
                }
            }
        }
    }
    if !texts.is_empty() {
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
            .flat_map(|b| b.kpis)
            .collect()
    }

    type Brief = (String, Option<(Option<i32>, f64)>, Vec<(Option<i32>, f64)>);

    fn brief(k: &Kpi) -> Brief {
        (
            k.indicator.clone(),
            k.baseline.as_ref().map(|b| (b.year, b.value)),
            k.targets.iter().map(|t| (t.year, t.value)).collect(),
        )
    }

    #[test]
    fn header_years_and_names_interleaved_with_the_values() {
        let k = kpis(
            "重要業績評価指標\n(KPI)\n現状値\n(2014 年度)\n中学校訪問実施校数\n目標値\n(2019 年度)\n年111校\n年111校\n<主な事業>\n",
        );
        assert_eq!(
            k.iter().map(brief).collect::<Vec<_>>(),
            vec![(
                "中学校訪問実施校数".into(),
                Some((Some(2014), 111.0)),
                vec![(Some(2019), 111.0)]
            )]
        );
        let k = kpis(
            "指標(KPI)\n現状値\n目標値\n(平成26年)\n(平成32年)\n観光客入込数(年間)\n635万人\n670万人\n1年間に訪れる観光客の総数で、観光振興の状況をはかる指標です。\n",
        );
        assert_eq!(
            k.iter().map(brief).collect::<Vec<_>>(),
            vec![(
                "観光客入込数(年間)".into(),
                Some((Some(2014), 635.0)),
                vec![(Some(2020), 670.0)]
            )]
        );
        assert_eq!(k[0].unit.as_deref(), Some("万人"));
    }

    #[test]
    fn wrapped_names_between_rows() {
        let k = kpis(
            "重要業績評価指標\n現状値\n(2014 年度)\n目標値\n(2019 年度)\nバイオガスプラント事業関\n連就業者数\n-\n5年間で1人\n高齢者複合型施設関連の就\n業者数\n-\n5年間で2人\n<主な事業>\n",
        );
        let got: Vec<_> = k.iter().map(brief).collect();
        assert_eq!(
            got,
            vec![
                (
                    "バイオガスプラント事業関連就業者数".into(),
                    None,
                    vec![(Some(2019), 1.0)]
                ),
                (
                    "高齢者複合型施設関連の就業者数".into(),
                    None,
                    vec![(Some(2019), 2.0)]
                ),
            ]
        );
    }

    #[test]
    fn a_row_of_cells_under_header_cells_one_a_line() {
        let k = kpis(
            "まちづくり指標 目指す\n方向 単位\nR3年度 実績\n(当初値)\nR5年度 実績\nR8年度 目標値\n有効求人倍率 ↑ 倍 0.94 1.13 1.00\n",
        );
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(
            k[0].baseline.as_ref().map(|b| (b.year, b.value)),
            Some((Some(2021), 0.94))
        );
        assert_eq!(
            k[0].actuals
                .iter()
                .map(|a| (a.year, a.value))
                .collect::<Vec<_>>(),
            vec![(Some(2023), 1.13)]
        );
        assert_eq!(
            k[0].targets
                .iter()
                .map(|a| (a.year, a.value))
                .collect::<Vec<_>>(),
            vec![(Some(2026), 1.0)]
        );
    }

    #[test]
    fn a_mention_of_indicators_in_prose_opens_nothing() {
        assert!(kpis("指標\n本計画では成果を測る指標を設定します。\n").is_empty());
    }
}
