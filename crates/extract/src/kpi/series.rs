//! KPI tables of an evaluation sheet that a converter dumped column by
//! column: the indicators with their baselines first, then a run of year
//! labels, then for each indicator one block per row kind, each a kind word
//! and one value a year:
//!
//! ```text
//! 指標名 / 観光客数 / 558.7万人 / (21年) / 観光消費額 / 751億円 / (21年)
//! H23 / H24 / H25 / H26 / H27
//! 目標値 / 570.0 / 580.0 / … / 実績値 / 594.5 / … / 達成率 / 104.3% / …
//! 目標値 / 1,064.0 / … / 実績値 / … / 達成率 / …
//! ```
//!
//! A block kind seen again starts the next indicator's blocks. The table is
//! read only when there are as many indicators named before the years as
//! there are groups of blocks; rates (達成率) are derived and left out.

use super::grid::{Cell, Col, cell_year, classify, read_cell};
use crate::{Kpi, Line, YearValue, wareki};

/// Fewest year labels in a run.
const MIN_YEARS: usize = 3;
/// Lines before the year run the indicators are looked for in.
const LOOK_BACK: usize = 30;

/// A dumped series table: its span and KPIs.
pub(super) struct Series {
    pub first: usize,
    pub last: usize,
    pub kpis: Vec<Kpi>,
}

/// A year label on a line of its own (`R5`, `平成25年度`, `25年度` in the
/// document's era).
pub(super) fn year_line(line: &Line) -> Option<i32> {
    let t = line.text.trim();
    if t.chars().count() > 10 {
        return None;
    }
    super::cell::year_label(t, false)
        .or_else(|| wareki::elided_year(t).filter(|_| t.ends_with(['年', '度'])))
}

fn value_line(line: &Line) -> Option<Cell> {
    match read_cell(line.text.trim()) {
        c @ (Cell::Value { .. } | Cell::Empty) => Some(c),
        Cell::Text(_) => None,
    }
}

/// Every dumped series table of a document.
pub(super) fn read(lines: &[&Line]) -> Vec<Series> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // a run of year labels
        let years: Vec<i32> = lines[i..].iter().map_while(|l| year_line(l)).collect();
        if years.len() < MIN_YEARS || years.windows(2).any(|w| w[1] <= w[0]) {
            i += 1;
            continue;
        }
        let after = i + years.len();
        let (groups, end) = blocks(lines, after, years.len());
        if groups.is_empty() {
            i = after;
            continue;
        }
        let names = names_before(lines, i);
        if names.len() == groups.len() {
            let kpis = names
                .into_iter()
                .zip(groups)
                .map(|(named, blocks)| kpi_of(named, &years, blocks))
                .collect();
            out.push(Series {
                first: lines[i.saturating_sub(LOOK_BACK)].number,
                last: lines[end.saturating_sub(1)].number,
                kpis,
            });
        }
        i = end.max(after);
    }
    out
}

type Block = (Col, Vec<Cell>);

/// An indicator named before the years.
struct Named {
    name: String,
    baseline: Option<YearValue>,
    unit: Option<String>,
    line: usize,
}

/// The blocks after the years: a kind word and one value a year, grouped
/// by indicator.
fn blocks(lines: &[&Line], from: usize, n: usize) -> (Vec<Vec<Block>>, usize) {
    let mut groups: Vec<Vec<Block>> = Vec::new();
    let mut j = from;
    while j + n < lines.len() {
        let head = lines[j].text.trim();
        let kind = classify(head);
        let rate = head.ends_with('率') && head.chars().count() <= 6;
        if !matches!(kind, Col::Target(_) | Col::Actual(_) | Col::Base(_)) && !rate {
            break;
        }
        let cells: Vec<Cell> = lines[j + 1..=j + n]
            .iter()
            .filter_map(|l| value_line(l))
            .collect();
        if cells.len() != n {
            break;
        }
        let kind = if rate { Col::Other } else { kind };
        let new_group = groups.last().is_none_or(|g| {
            g.iter()
                .any(|(k, _)| std::mem::discriminant(k) == std::mem::discriminant(&kind))
        });
        if new_group {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut() {
            g.push((kind, cells));
        }
        j += n + 1;
    }
    (groups, j)
}

/// The indicators named before the years, each with the baseline stated
/// right after it (`558.7万人` / `(21年)`), and its line.
fn names_before(lines: &[&Line], years_at: usize) -> Vec<Named> {
    let from = years_at.saturating_sub(LOOK_BACK);
    // from the indicator column's word on
    let start = (from..years_at)
        .rev()
        .find(|&k| classify(lines[k].text.trim()) == Col::Indicator)
        .map_or(from, |k| k + 1);
    let mut out: Vec<Named> = Vec::new();
    let mut k = start;
    while k < years_at {
        let t = lines[k].text.trim();
        let is_text = value_line(lines[k]).is_none()
            && !t.starts_with(['(', '（'])
            && !"⇧⇩↑↓→".contains(t)
            && classify(t) == Col::Other
            && t.chars().count() >= 3;
        if !is_text {
            k += 1;
            continue;
        }
        // the baseline right after the name, and its year in brackets
        let mut base = None;
        let mut base_unit = None;
        if let Some(Cell::Value {
            value, year, unit, ..
        }) = lines.get(k + 1).and_then(|l| value_line(l))
        {
            base_unit = unit;
            let bracket = lines
                .get(k + 2)
                .map(|l| l.text.trim())
                .and_then(|b| {
                    b.strip_prefix(['(', '（'])
                        .and_then(|r| r.strip_suffix([')', '）']))
                })
                .and_then(|inner| cell_year(inner).or_else(|| wareki::elided_year(inner)));
            base = Some(YearValue {
                year: year.or(bracket),
                value,
            });
        }
        out.push(Named {
            name: t.to_string(),
            baseline: base,
            unit: base_unit,
            line: lines[k].number,
        });
        k += 1;
    }
    out
}

fn kpi_of(named: Named, years: &[i32], blocks: Vec<Block>) -> Kpi {
    let (indicator, unit) = super::cell::split_unit_bracket(&named.name);
    let line = named.line;
    let mut kpi = Kpi {
        indicator,
        unit: unit.or(named.unit),
        node: None,
        baseline: named.baseline,
        targets: Vec::new(),
        actuals: Vec::new(),
        target_text: None,
        status: None,
        line,
    };
    for (kind, cells) in blocks {
        for (cell, &year) in cells.into_iter().zip(years) {
            let Cell::Value { value, unit, .. } = cell else {
                continue;
            };
            // (a rate block's % is no unit of the indicator)
            if kpi.unit.is_none() && kind != Col::Other {
                kpi.unit = unit;
            }
            let yv = YearValue {
                year: Some(year),
                value,
            };
            match kind {
                Col::Target(_) => kpi.targets.push(yv),
                Col::Actual(_) => kpi.actuals.push(yv),
                _ => {}
            }
        }
    }
    kpi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_targets_and_results_under_year_labels() {
        let text = "成果指標\n基準値\n(時期)\n指標名\n観光客数[暦年]\n558.7万人\n(R1年)\n観光消費額[暦年]\n751億円\n(R1年)\n区分\n⇧\n⇧\nR3\nR4\nR5\n目標値\n570.0\n580.0\n600.0\n実績値\n594.5\n595.3\n607.8\n達成率\n104.3%\n102.6%\n101.3%\n目標値\n1,064.0\n1,086.0\n1,134.0\n実績値\n1,097.7\n1,154.5\n1,203.2\n達成率\n103.2%\n106.3%\n106.1%\n評価結果の妥当性\n";
        let lines = crate::lines_from(text);
        let view: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let s = read(&view);
        assert_eq!(s.len(), 1);
        let k = &s[0].kpis;
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].indicator, "観光客数[暦年]");
        assert_eq!(
            k[0].baseline,
            Some(YearValue {
                year: Some(2019),
                value: 558.7
            })
        );
        assert_eq!(k[0].targets.len(), 3);
        assert_eq!(
            k[0].actuals[2],
            YearValue {
                year: Some(2023),
                value: 607.8
            }
        );
        assert_eq!(
            k[1].targets[0],
            YearValue {
                year: Some(2021),
                value: 1064.0
            }
        );
        assert_eq!(k[1].unit.as_deref(), Some("億円"));
    }
}
