//! KPIs written as labelled fields rather than as a table: one field a
//! line, or several on a line, each a header word of the KPI vocabulary
//! (`dictionaries/vocab/kpi.txt`) with a colon or in brackets, then its
//! value:
//!
//! ```text
//! 指標名:観光入込客数
//! 現状値:1,200千人(令和4年度)
//! 目標値(令和10年度):1,500千人
//! 【指標】宿泊者数【現状値】300千人(R4)【目標値】360千人(R10)
//! ・観光入込客数 / 現状値　120万人(令和4年度) / 目標値　150万人(令和10年度)
//! ```
//!
//! (the last form: value fields parted from their values by spaces, right
//! under a short line that names the indicator)
//!
//! An indicator field opens a KPI; the value fields after it fill it, each
//! value with the year in its brackets or in its label's. A target with no
//! year goes to `target_text`, as in tables. The KPI ends at the next
//! indicator field or at a line that holds no field (prose, a heading).

use std::sync::LazyLock;

use regex::Regex;

use super::cell::split_unit_bracket;
use super::grid::{Cell, Col, classify, read_cell};
use crate::{Kpi, Line, YearValue};

/// A field's label: `【現状値】` anywhere, or `現状値:` at the start of the
/// line or after a space.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"【([^【】]{1,16})】|(?:^|\s)([^\s:：【】]{1,16})\s*[:：]").expect("valid regex")
});

/// KPIs read from fields, with the span of lines they came from.
pub(super) struct Fields {
    pub first: usize,
    pub last: usize,
    pub kpis: Vec<Kpi>,
}

/// A line that is one value field without a colon: a value word and a
/// value parted by spaces (`現状値　120万人(令和4年度)`).
fn spaced_field(line: &Line) -> Option<(Col, String)> {
    let (body, _) = crate::numbering::strip_bullets(line.spaced.trim());
    let mut parts = body.split_whitespace();
    let (label, value, None) = (parts.next()?, parts.next()?, parts.next()) else {
        return None;
    };
    // the label is a value word itself (`現状値`, `目標値(R10)`), not a
    // compound ending with one (`基本目標`), and the value has a unit or a
    // year (`120万人(令和4年度)`, not a bare `2`)
    let v = crate::vocab::get();
    let word = label.split(['(', '（']).next().unwrap_or(label);
    let is_word = v
        .kpi_baseline
        .iter()
        .chain(&v.kpi_target)
        .chain(&v.kpi_actual)
        .any(|w| w == word);
    let col = classify(label);
    let dressed = matches!(read_cell(value), Cell::Value { unit, year, .. } if unit.is_some() || year.is_some());
    (is_word && dressed && matches!(col, Col::Base(_) | Col::Target(_) | Col::Actual(_)))
        .then(|| (col, value.to_string()))
}

/// A short line of text that may name the indicator of the fields below it
/// (`・観光入込客数(年間)`).
fn name_line(line: &Line) -> Option<String> {
    let (body, _) = crate::numbering::strip_bullets(line.text.trim());
    let t = body.trim();
    (!t.is_empty()
        && t.chars().count() <= 30
        && !t.contains(['。', '、', '\t', ':', '：'])
        && matches!(read_cell(t), Cell::Text(_))
        && classify(t) == Col::Other)
        .then(|| t.to_string())
}

/// The fields of a line that the KPI vocabulary names: (kind, value text).
fn fields(text: &str) -> Vec<(Col, String)> {
    let labels: Vec<(usize, usize, Col)> = LABEL
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let label = c.get(1).or_else(|| c.get(2))?.as_str();
            Some((m.start(), m.end(), classify(label)))
        })
        .collect();
    let mut out = Vec::new();
    for (k, &(_, end, col)) in labels.iter().enumerate() {
        let until = labels.get(k + 1).map_or(text.len(), |l| l.0);
        let value = text[end..until].trim();
        if matches!(
            col,
            Col::Indicator | Col::Base(_) | Col::Target(_) | Col::Actual(_) | Col::Unit
        ) && !value.is_empty()
        {
            out.push((col, value.to_string()));
        }
    }
    out
}

/// Every KPI of the document written as fields.
pub(super) fn read(lines: &[&Line]) -> Vec<Fields> {
    let mut out: Vec<Fields> = Vec::new();
    let mut open: Option<(Kpi, usize)> = None;
    let close = |open: &mut Option<(Kpi, usize)>, out: &mut Vec<Fields>| {
        if let Some((kpi, last)) = open.take()
            && (kpi.baseline.is_some()
                || !kpi.targets.is_empty()
                || !kpi.actuals.is_empty()
                || kpi.target_text.is_some())
        {
            out.push(Fields {
                first: kpi.line,
                last,
                kpis: vec![kpi],
            });
        }
    };
    // the line before, when it may name an indicator
    let mut named: Option<(String, usize)> = None;
    for line in lines {
        let mut found = fields(&line.text);
        if found.is_empty()
            && let Some(f) = spaced_field(line)
        {
            found.push(f);
        }
        if found.is_empty() {
            close(&mut open, &mut out);
            named = name_line(line).map(|n| (n, line.number));
            continue;
        }
        // value fields right under a line naming the indicator
        if open.is_none()
            && found[0].0 != Col::Indicator
            && let Some((name, at)) = named.take()
            && at + 1 == line.number
        {
            found.insert(0, (Col::Indicator, name));
        }
        named = None;
        for (col, value) in found {
            if col == Col::Indicator {
                close(&mut open, &mut out);
                let (name, unit) = split_unit_bracket(&value);
                open = Some((
                    Kpi {
                        indicator: name,
                        unit,
                        node: None,
                        baseline: None,
                        targets: Vec::new(),
                        actuals: Vec::new(),
                        target_text: None,
                        status: None,
                        line: line.number,
                    },
                    line.number,
                ));
                continue;
            }
            let Some((kpi, last)) = open.as_mut() else {
                continue;
            };
            *last = line.number;
            if col == Col::Unit {
                kpi.unit = kpi.unit.take().or(Some(value));
                continue;
            }
            let Cell::Value {
                value: v,
                unit,
                year,
                text,
            } = read_cell(&value)
            else {
                continue;
            };
            if kpi.unit.is_none() {
                kpi.unit = unit;
            }
            let (kind_year, put): (Option<i32>, fn(&mut Kpi, YearValue)) = match col {
                Col::Base(y) => (y, |k, yv| k.baseline = k.baseline.take().or(Some(yv))),
                Col::Target(y) => (y, |k, yv| k.targets.push(yv)),
                Col::Actual(y) => (y, |k, yv| k.actuals.push(yv)),
                _ => continue,
            };
            let year = year.or(kind_year);
            match (col, year) {
                // a target with no year, or a rate: as written
                (Col::Target(_), None) => kpi.target_text = Some(text.unwrap_or(value)),
                (Col::Target(_), Some(_)) if text.is_some() => kpi.target_text = text,
                _ => put(kpi, YearValue { year, value: v }),
            }
        }
    }
    close(&mut open, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpis(text: &str) -> Vec<Kpi> {
        let lines = crate::lines_from(text);
        let view: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        read(&view).into_iter().flat_map(|f| f.kpis).collect()
    }

    #[test]
    fn one_field_a_line() {
        let k = kpis(
            "指標名:観光入込客数\n現状値:1,200千人(令和4年度)\n目標値(令和10年度):1,500千人\n\n指標名:宿泊者数\n現状値:300千人(令和4年度)\n目標値:360千人\n",
        );
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].indicator, "観光入込客数");
        assert_eq!(k[0].unit.as_deref(), Some("千人"));
        assert_eq!(
            k[0].baseline,
            Some(YearValue {
                year: Some(2022),
                value: 1200.0
            })
        );
        assert_eq!(
            k[0].targets,
            vec![YearValue {
                year: Some(2028),
                value: 1500.0
            }]
        );
        // a target with no year is kept as written
        assert!(k[1].targets.is_empty());
        assert_eq!(k[1].target_text.as_deref(), Some("360千人"));
    }

    #[test]
    fn several_fields_on_a_line() {
        let k = kpis("【指標】宿泊者数【現状値】300千人(R4)【目標値】360千人(R10)\n");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].baseline.as_ref().map(|b| b.year), Some(Some(2022)));
        assert_eq!(k[0].targets[0].year, Some(2028));
    }

    #[test]
    fn value_fields_without_colons_under_the_indicator() {
        let k = kpis(
            "成果指標\n・観光入込客数\n　現状値　120万人(令和4年度)\n　目標値　150万人(令和10年度)\n・宿泊者数\n　現状値　30万人(令和4年度)\n　目標値　36万人(令和10年度)\n",
        );
        let got: Vec<(&str, Option<i32>, usize)> = k
            .iter()
            .map(|k| {
                (
                    k.indicator.as_str(),
                    k.baseline.as_ref().and_then(|b| b.year),
                    k.targets.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [("観光入込客数", Some(2022), 1), ("宿泊者数", Some(2022), 1)]
        );
        assert_eq!(k[1].targets[0].value, 36.0);
    }

    #[test]
    fn a_kind_word_and_a_number_are_no_value_field() {
        assert!(kpis("第2章\n基本目標 2\n").is_empty());
    }

    #[test]
    fn fields_without_values_or_without_an_indicator_are_no_kpi() {
        assert!(
            kpis("指標名:観光入込客数\n本市の観光は回復しつつある。\n目標値:1,500千人\n")
                .is_empty()
        );
        assert!(kpis("目標:地域経済の活性化\n基本目標:にぎわいの創出\n").is_empty());
    }
}
