//! What every extraction must satisfy, on any text: the property tests
//! beside the rules (`let _ = …` on arbitrary strings) only show that
//! nothing panics; these check the values. Every item points at a line of
//! the document (warnings: line 0 for the whole file), node ids within a
//! list are unique and each extends its parent's by one number, a project's nodes exist,
//! years are years, a period does not end before it starts, values are
//! finite numbers, and every year expression found lies inside the text.

use std::collections::HashSet;

use jplan_extract::numbering::{MAX_DEPTH, MAX_NUMBER};
use jplan_extract::{Doc, Extractor, NoMorph, Node, lines_from, wareki};
use proptest::prelude::*;

/// Years a plan can name (`wareki` reads Gregorian years in this range;
/// 和暦 starts in 1868).
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

fn check(text: &str) -> Result<(), TestCaseError> {
    let lines = lines_from(text);
    let n = lines.len();
    let x = Extractor::new().extract(Doc::new(&lines), &NoMorph);
    let in_doc = |line: usize| line >= 1 && line <= n;
    let mut ids = HashSet::new();
    let mut stack: Vec<(&Node, Option<&str>)> = x.strategy.iter().map(|c| (c, None)).collect();
    while let Some((node, parent)) = stack.pop() {
        prop_assert!(
            in_doc(node.line),
            "node {} on line {} of {n}",
            node.id,
            node.line
        );
        prop_assert!(!node.title.is_empty());
        // Ids are the document's own numbers (docs/record.md): two parallel
        // root lists (目標1… beside 戦略1…) both start at `1`, so ids are
        // unique only within one list.
        ids.insert(node.id.clone());
        if let Some(p) = parent {
            let own = node.id.strip_prefix(p).and_then(|r| r.strip_prefix('.'));
            prop_assert!(
                own.is_some_and(|r| !r.is_empty() && !r.contains('.')),
                "{} under {p}",
                node.id
            );
        }
        stack.extend(node.children.iter().map(|c| (c, Some(node.id.as_str()))));
    }
    for p in &x.periods {
        prop_assert!(in_doc(p.line));
        prop_assert!(YEARS.contains(&p.start), "{p:?}");
        if let Some(end) = p.end {
            prop_assert!(end >= p.start && YEARS.contains(&end), "{p:?}");
        }
    }
    for p in &x.projects {
        prop_assert!(in_doc(p.line));
        prop_assert!(!p.name.is_empty() && !p.name.contains("再掲"), "{p:?}");
        for id in &p.nodes {
            prop_assert!(
                ids.contains(id),
                "project {:?} under missing node {id}",
                p.name
            );
        }
    }
    for k in &x.kpis {
        prop_assert!(in_doc(k.line));
        prop_assert!(!k.indicator.is_empty());
        let values = k.baseline.iter().chain(&k.targets).chain(&k.actuals);
        for v in values {
            prop_assert!(v.value.is_finite(), "{k:?}");
            prop_assert!(v.year.is_none_or(|y| YEARS.contains(&y)), "{k:?}");
        }
        if let Some(node) = &k.node {
            prop_assert!(
                ids.contains(node),
                "KPI {:?} under missing node {node}",
                k.indicator
            );
        }
    }
    for w in &x.warnings {
        prop_assert!(w.line <= n, "warning on line {} of {n}", w.line);
        prop_assert!(!w.message.is_empty());
    }
    Ok(())
}

const PIECES: &[&str] = &[
    "計画期間",
    "令和",
    "平成",
    "R",
    "H",
    "5",
    "9",
    "元",
    "年度",
    "年",
    "～",
    "から",
    "まで",
    "(2026)",
    "1",
    "2",
    "12",
    "-",
    ".",
    "(",
    ")",
    "①",
    "【1】",
    "第",
    "期",
    "章",
    "戦略",
    "基本方針",
    "施策",
    "施策の柱",
    "事業",
    "重点",
    "重点推進事業1",
    "・",
    "<再掲>",
    "再掲",
    "指標",
    "目標",
    "現状",
    "R3",
    "R7",
    "9,095",
    "▲",
    "%",
    "件",
    "件/年",
    "億円",
    "\t",
    "  ",
    " ",
    "\n",
    "\n\n",
    "プラン",
    "ビジョン",
    "産業振興",
    "達成",
    "未達成",
    "主な事業",
    "１",
    "ー",
];

fn soup(parts: Vec<usize>) -> String {
    parts.into_iter().map(|i| PIECES[i]).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_gives_consistent_items(s in "\\PC{0,400}") {
        check(&s)?;
    }

    #[test]
    fn plan_like_text_gives_consistent_items(parts in proptest::collection::vec(0..PIECES.len(), 0..240)) {
        check(&soup(parts))?;
    }

    #[test]
    fn numbering_stays_within_its_limits(parts in proptest::collection::vec(0..PIECES.len(), 0..12)) {
        let text = soup(parts);
        if let Some(n) = jplan_extract::numbering::parse(&text) {
            prop_assert!(!n.numbers.is_empty() && n.numbers.len() <= MAX_DEPTH, "{text:?}");
            prop_assert!(n.numbers.iter().all(|&v| v <= MAX_NUMBER), "{text:?}");
        }
    }

    #[test]
    fn years_found_are_years_inside_the_text(parts in proptest::collection::vec(0..PIECES.len(), 0..30)) {
        let text = soup(parts);
        for m in wareki::find_years(&text) {
            prop_assert!(m.range.start < m.range.end && m.range.end <= text.len());
            prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
            if let Ok(y) = m.year {
                prop_assert!(YEARS.contains(&y.year), "{text:?}: {y:?}");
            }
        }
        if let Ok(y) = wareki::parse_year(&text) {
            prop_assert!(YEARS.contains(&y.year), "{text:?}: {y:?}");
        }
    }
}
