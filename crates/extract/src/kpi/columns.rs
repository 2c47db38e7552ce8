//! KPI tables of an evaluation sheet (施策評価シート) that a converter dumped
//! year column by year column. The indicators come first, numbered, each
//! with its unit on the next line; then the header's row kinds, one pair (or
//! triple) per indicator; then each year's label with the column's values,
//! indicator by indicator and kind by kind:
//!
//! ```text
//! 成果指標名 / 単位 / ①観光客数 / 人 / ②宿泊者数 / 人
//! 区分 / 目標値 / 実績値 / 目標値 / 実績値
//! 22年度 / 100 / 98 / 50 / 51
//! 23年度 / 110 / 105 / 55 / 54
//! 24年度 / 25年度 / 120 / 130 / 60 / 65
//! ```
//!
//! The years still to come hold only a target for each indicator; a
//! converter writes them after their labels row by row: an indicator's
//! years, then the next indicator's (the last line above: 120 and 130 are
//! the first indicator's targets for 24年度 and 25年度). Runs of values whose
//! count fits neither shape belong to the sheet's other tables and are
//! passed over.

use super::cell::split_unit_bracket;
use super::grid::{Cell, Col, classify, read_cell};
use super::series::year_line;
use crate::{Kpi, Line, YearValue};

/// Lines between the indicator column's word and the first indicator.
const LOOK: usize = 8;
/// Lines between the last indicator and the row kinds (a small table of
/// the sheet's may come between).
const KINDS_LOOK: usize = 16;
/// Most lines the year columns may span.
const MAX_LINES: usize = 200;

/// A table read: its span and KPIs.
pub(super) struct Columns {
    pub first: usize,
    pub last: usize,
    pub kpis: Vec<Kpi>,
}

/// An indicator with its unit.
struct Named {
    name: String,
    unit: String,
    line: usize,
}

/// Every such table of a document.
pub(super) fn read(lines: &[&Line]) -> Vec<Columns> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text.trim();
        if t.chars().count() > 12 || classify(t) != Col::Indicator {
            i += 1;
            continue;
        }
        let Some((named, after)) = indicators(lines, i + 1) else {
            i += 1;
            continue;
        };
        let Some((kinds, after)) = row_kinds(lines, after, named.len()) else {
            i += 1;
            continue;
        };
        let (kpis, end) = year_columns(lines, after, &named, &kinds);
        if kpis
            .iter()
            .all(|k| k.targets.is_empty() && k.actuals.is_empty())
        {
            i += 1;
            continue;
        }
        out.push(Columns {
            first: lines[i].number,
            last: lines[end.saturating_sub(1).max(i)].number,
            kpis,
        });
        i = end.max(i + 1);
    }
    out
}

/// The numbered indicators from `from` on, each followed by its unit; a
/// name wrapped onto a second line is joined.
fn indicators(lines: &[&Line], from: usize) -> Option<(Vec<Named>, usize)> {
    let first = (from..lines.len().min(from + LOOK))
        .find(|&k| crate::numbering::parse(&lines[k].text).is_some())?;
    let mut out = Vec::new();
    let mut k = first;
    while let Some(n) = lines.get(k).and_then(|l| crate::numbering::parse(&l.text)) {
        let mut name = n.title.to_string();
        let line = lines[k].number;
        k += 1;
        // a wrapped name, then the unit
        let mut unit = None;
        for _ in 0..2 {
            let Some(l) = lines.get(k) else { break };
            let t = l.text.trim();
            if super::cell::is_unit(t) {
                unit = Some(t.to_string());
                k += 1;
                break;
            }
            if crate::numbering::parse(t).is_some()
                || t.chars().count() > 12
                || !matches!(read_cell(t), Cell::Text(_))
            {
                break;
            }
            name.push_str(t);
            k += 1;
        }
        let unit = unit?;
        let (name, _) = split_unit_bracket(&name);
        out.push(Named { name, unit, line });
    }
    (!out.is_empty()).then_some((out, k))
}

/// The header's row kinds: a run of value-kind words, `n` repeats of one
/// pattern (`目標値 / 実績値`).
fn row_kinds(lines: &[&Line], from: usize, n: usize) -> Option<(Vec<Col>, usize)> {
    let kind = |l: &Line| match classify(l.text.trim()) {
        c @ (Col::Base(_) | Col::Target(_) | Col::Actual(_)) => Some(c),
        _ => None,
    };
    for start in from..lines.len().min(from + KINDS_LOOK) {
        let run: Vec<Col> = lines[start..].iter().map_while(|l| kind(l)).collect();
        if run.is_empty() || !run.len().is_multiple_of(n) {
            continue;
        }
        let per = run.len() / n;
        let same = |a: &Col, b: &Col| std::mem::discriminant(a) == std::mem::discriminant(b);
        let pattern = &run[..per];
        let repeats = run
            .iter()
            .enumerate()
            .all(|(i, c)| same(c, &pattern[i % per]));
        let distinct = pattern
            .iter()
            .enumerate()
            .all(|(i, a)| pattern[..i].iter().all(|b| !same(a, b)));
        if repeats && distinct {
            return Some((pattern.to_vec(), start + run.len()));
        }
    }
    None
}

fn value_of(line: &Line) -> Option<Option<f64>> {
    match read_cell(line.text.trim()) {
        Cell::Value { value, .. } => Some(Some(value)),
        Cell::Empty => Some(None),
        Cell::Text(_) => None,
    }
}

/// Read the year columns from `from` on; the KPIs and the index past the
/// table.
fn year_columns(lines: &[&Line], from: usize, named: &[Named], kinds: &[Col]) -> (Vec<Kpi>, usize) {
    let n = named.len();
    let per = n * kinds.len();
    let mut kpis: Vec<Kpi> = named
        .iter()
        .map(|nm| Kpi {
            indicator: nm.name.clone(),
            unit: Some(nm.unit.clone()),
            node: None,
            baseline: None,
            targets: Vec::new(),
            actuals: Vec::new(),
            target_text: None,
            status: None,
            line: nm.line,
        })
        .collect();
    // the kind the years still to come hold
    let ahead = kinds.iter().position(|c| matches!(c, Col::Target(_)));
    let mut current: Option<i32> = None;
    let mut pending: Vec<i32> = Vec::new();
    let mut j = from;
    let mut end = from;
    while j < lines.len() && j < from + MAX_LINES {
        if let Some(y) = year_line(lines[j]) {
            if !pending.contains(&y) {
                pending.push(y);
            }
            current = Some(y);
            j += 1;
            continue;
        }
        let values: Vec<Option<f64>> = lines[j..].iter().map_while(|l| value_of(l)).collect();
        if values.is_empty() {
            let t = lines[j].text.trim();
            // prose or the sheet's next part
            if t.chars().count() > 6 && classify(t) == Col::Other {
                break;
            }
            j += 1;
            continue;
        }
        // years after years with no column between are the years to come
        let rows_kind = ahead.filter(|_| n >= 2 && values.len() == n * pending.len());
        if let Some(t) = rows_kind.filter(|_| pending.len() >= 2 || values.len() != per) {
            // the years to come, row by row
            let m = pending.len();
            for (i, kpi) in kpis.iter_mut().enumerate() {
                for (y, &year) in pending.iter().enumerate() {
                    put(kpi, kinds[t], year, values[i * m + y]);
                }
            }
            pending.clear();
            current = None;
            end = j + values.len();
        } else if let (true, Some(year)) = (values.len() == per, current) {
            // a year's column
            for (i, kpi) in kpis.iter_mut().enumerate() {
                for (c, kind) in kinds.iter().enumerate() {
                    put(kpi, *kind, year, values[i * kinds.len() + c]);
                }
            }
            pending.clear();
            current = None;
            end = j + values.len();
        }
        j += values.len();
    }
    (kpis, end)
}

fn put(kpi: &mut Kpi, kind: Col, year: i32, value: Option<f64>) {
    let Some(value) = value else { return };
    let yv = YearValue {
        year: Some(year),
        value,
    };
    match kind {
        Col::Target(_) => kpi.targets.push(yv),
        Col::Actual(_) => kpi.actuals.push(yv),
        Col::Base(_) if kpi.baseline.is_none() => kpi.baseline = Some(yv),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Vec<Kpi> {
        let lines = crate::lines_from(text);
        let view: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        read(&view).into_iter().flat_map(|c| c.kpis).collect()
    }

    #[test]
    fn year_columns_then_the_years_to_come_row_by_row() {
        let text = "成果指標名\n単位\n①観光客数\n人\n②体験施設の利用\n者数\n人\n区分\n目標値\n実績値\n目標値\n実績値\nR2\n100\n98\n50\n51\nR3\n110\n105\n55\n54\nR4\n7\nR5\n120\n130\n60\n65\n指標設定の考え方について\n";
        let k = read_text(text);
        assert_eq!(k.len(), 2);
        assert_eq!(k[1].indicator, "体験施設の利用者数");
        assert_eq!(k[1].unit.as_deref(), Some("人"));
        let years = |v: &[YearValue]| {
            v.iter()
                .map(|y| (y.year.unwrap(), y.value))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            years(&k[0].targets),
            vec![(2020, 100.0), (2021, 110.0), (2022, 120.0), (2023, 130.0)]
        );
        assert_eq!(years(&k[0].actuals), vec![(2020, 98.0), (2021, 105.0)]);
        assert_eq!(years(&k[1].targets)[2..], [(2022, 60.0), (2023, 65.0)]);
    }

    #[test]
    fn values_that_fit_no_column_are_passed_over() {
        // three values under a year of a table of two indicators and two kinds
        let text = "成果指標名\n①観光客数\n人\n②宿泊者数\n人\n目標値\n実績値\n目標値\n実績値\nR2\n100\n98\n50\n考え方を記入する欄\n";
        assert!(read_text(text).is_empty());
        // without units the indicators are not known to be a sheet's
        let text = "成果指標名\n①観光客数\n②宿泊者数\n目標値\n実績値\n目標値\n実績値\nR2\n100\n98\n50\n51\n";
        assert!(read_text(text).is_empty());
    }
}
