//! KPIs reported in prose: a sentence whose topic is a quoted indicator and
//! that states the indicator's baseline with its value, and the value
//! measured since or the value aimed at:
//!
//! ```text
//! 「空き店舗数」については、…平成28年度の基準値49件から3件の空き店舗が解消し、46件となりました。
//! 「来場者数」は、基準値53,319人から514人増の53,833人という結果でした。
//! 「観光客数」は、現状値12万人を、令和9年度に目標値15万人とします。
//! 観光入込客数を令和4年度の120万人から令和10年度には150万人に増やします。
//! ```
//!
//! Follow-up reports (フォローアップ, 進捗報告) of 中心市街地活性化 and other
//! plans write their indicators this way; plans state targets as a change
//! from a dated value to another (the last line above: the first value is
//! the baseline, the second the target, both with their years). The value words are the KPI
//! vocabulary's (`dictionaries/vocab/kpi.txt`): a baseline word or a target
//! word directly before a value labels it. The measured value is the last
//! value after the baseline in the baseline's unit that is no difference
//! (`514人増`) and counts nothing of its own (`3件の空き店舗`). Its year is
//! left unknown unless written before it (`令和元年度は46件`): reports say
//! `3月末時点` or `初年度`, and a year is not to be invented.

use std::sync::LazyLock;

use regex::Regex;

use super::cell::{NUM, UNITS, parse_number};
use crate::{Kpi, Line, YearValue, vocab, wareki};

/// The sentence's topic: a quoted indicator (`「空き店舗数」については`).
static TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^「」。]{0,12}?)「([^「」。、]{2,30})」\s*(?:については|について|では|は)")
        .expect("valid regex")
});

/// A value with its unit.
static VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"({NUM})\s*({})", *UNITS)).expect("valid regex"));

/// What may stand between a value word and its value: `基準値49件`,
/// `基準値の49件`, `基準値は49件`, `基準値である49件`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:である|の|は|が|:|:)?\s*$").expect("valid regex"));

/// A value that is a difference or counts something else: `514人増`,
/// `3件減少`, `3件の空き店舗`.
static NOT_LEVEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:増|減|の|分|多|少|上回|下回)").expect("valid regex"));

#[derive(Clone, Copy, PartialEq)]
enum Word {
    Baseline,
    Target,
}

/// A labelled value: what it is, its value and unit, and its year.
struct Labelled {
    word: Word,
    value: f64,
    unit: String,
    year: Option<i32>,
    /// Byte offset just past the value.
    end: usize,
}

/// A year in a sentence (`令和4年度`, `R4`, `2022年度`).
const YEAR: &str =
    r"(?:令和|平成|R|H)(?:\d{1,2}|元)(?:\((?:19|20)\d\d\))?(?:年度|年)?|(?:19|20)\d\d(?:年度|年)";

/// A target stated as a change between two dated values:
/// `観光入込客数を令和4年度の120万人から令和10年度には150万人に増やす`,
/// `宿泊者数については、令和4年度の30万人を令和10年度までに36万人とする`.
/// The indicator is the phrase the sentence makes its object or topic.
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    let units = &*UNITS;
    Regex::new(&format!(
        r"(?:^|[、。]|では|には)\s*(?P<ind>[^、。「」()]{{2,30}}?)(?:については|を|は)、?\s*(?P<by>{YEAR})(?:時点)?の\s*(?P<bv>{NUM})\s*(?P<bu>{units})(?:から|を)、?\s*(?P<ty>{YEAR})(?:末)?(?:までに|には|に)\s*(?P<tv>{NUM})\s*(?P<tu>{units})(?:以上)?(?:に|へ|と)"
    ))
    .expect("valid regex")
});

/// A target sentence says what it aims at (`増やします`, `目指します`,
/// `目標とします`, `…とする`), where a statistic says what happened
/// (`減少した`) or is foreseen (`減少する見込み`).
fn aims(sentence: &str) -> bool {
    [
        "目指",
        "目標",
        "増や",
        "減ら",
        "引き上げ",
        "引き下げ",
        "高め",
        "させ",
        "とします",
        "とする",
        "にします",
        "にする",
    ]
    .iter()
    .any(|w| sentence.contains(w))
}

/// A KPI stated as a change in a sentence.
fn change_kpi(sentence: &str, line: usize) -> Option<Kpi> {
    let c = CHANGE.captures(sentence)?;
    if c["bu"] != c["tu"] || !aims(&sentence[c.get(0)?.end()..]) {
        return None;
    }
    let year = |k: &str| super::cell::year_label(&c[k], true);
    let indicator = c["ind"].trim().to_string();
    Some(Kpi {
        indicator,
        unit: Some(c["bu"].to_string()),
        node: None,
        baseline: Some(YearValue {
            year: year("by"),
            value: parse_number(&c["bv"])?,
        }),
        targets: vec![YearValue {
            year: Some(year("ty")?),
            value: parse_number(&c["tv"])?,
        }],
        actuals: Vec::new(),
        target_text: None,
        status: None,
        line,
    })
}

/// Every KPI reported in the document's prose. A paragraph's topic holds for
/// its later sentences until another one is quoted.
pub(super) fn read(lines: &[&Line]) -> Vec<Kpi> {
    let mut out: Vec<Kpi> = Vec::new();
    for line in lines {
        let mut topic: Option<String> = None;
        for sentence in line.text.split_inclusive('。') {
            if let Some(kpi) = change_kpi(sentence, line.number) {
                if !out.iter().any(|k| k.indicator == kpi.indicator) {
                    out.push(kpi);
                }
                continue;
            }
            let (own, body) = match TOPIC.captures(sentence) {
                Some(c) => (
                    Some(c[1].trim().to_string()),
                    c.get(0).map_or(0, |m| m.end()),
                ),
                None => (None, 0),
            };
            if own.is_some() {
                topic = own;
            }
            let Some(indicator) = &topic else { continue };
            if let Some(kpi) = sentence_kpi(indicator, sentence, body, line.number)
                && !out.iter().any(|k| k.indicator == kpi.indicator)
            {
                out.push(kpi);
            }
        }
    }
    out
}

/// The KPI a sentence reports of `indicator`, reading from byte `body_from`.
fn sentence_kpi(indicator: &str, sentence: &str, body_from: usize, line: usize) -> Option<Kpi> {
    let labelled = labelled_values(sentence, body_from);
    let baseline = labelled.iter().find(|l| l.word == Word::Baseline);
    let targets: Vec<&Labelled> = labelled.iter().filter(|l| l.word == Word::Target).collect();
    let anchor = baseline.or(targets.first().copied())?;
    let unit = anchor.unit.clone();
    // the value measured: the last level in the baseline's unit after it
    let actual = baseline.and_then(|b| {
        let after = b.end.max(targets.last().map_or(0, |t| t.end));
        VALUE
            .captures_iter(&sentence[after..])
            .filter(|c| c.get(2).is_some_and(|u| u.as_str() == b.unit))
            .filter(|c| !NOT_LEVEL.is_match(&sentence[after + c.get(0).unwrap().end()..]))
            .last()
            .and_then(|c| {
                let m = c.get(0)?;
                let value = parse_number(c.get(1)?.as_str())?;
                let year = year_before(sentence, after, after + m.start());
                Some(YearValue { year, value })
            })
    });
    if actual.is_none() && targets.is_empty() {
        return None;
    }
    Some(Kpi {
        indicator: indicator.to_string(),
        unit: Some(unit),
        node: None,
        baseline: baseline.map(|b| YearValue {
            year: b.year,
            value: b.value,
        }),
        targets: targets
            .iter()
            .map(|t| YearValue {
                year: t.year,
                value: t.value,
            })
            .collect(),
        actuals: actual.into_iter().collect(),
        target_text: None,
        status: None,
        line,
    })
}

/// The values a baseline or target word labels, in order.
fn labelled_values(sentence: &str, from: usize) -> Vec<Labelled> {
    let v = vocab::get();
    let mut words: Vec<(&str, Word)> = v
        .kpi_baseline
        .iter()
        .map(|w| (w.as_str(), Word::Baseline))
        .chain(v.kpi_target.iter().map(|w| (w.as_str(), Word::Target)))
        .collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let mut out = Vec::new();
    let mut prev_end = from;
    for c in VALUE.captures_iter(&sentence[from..]) {
        let (Some(m), Some(num), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let start = from + m.start();
        let before = &sentence[prev_end..start];
        prev_end = from + m.end();
        // the value word ends just before the value
        let Some((word, kind)) = words.iter().find_map(|(w, k)| {
            let at = before.rfind(w)?;
            LINK.is_match(&before[at + w.len()..]).then_some((at, *k))
        }) else {
            continue;
        };
        let Some(value) = parse_number(num.as_str()) else {
            continue;
        };
        let word_at = start - before.len() + word;
        out.push(Labelled {
            word: kind,
            value,
            unit: unit.as_str().to_string(),
            year: year_before(sentence, from, word_at),
            end: from + m.end(),
        });
    }
    out
}

/// The year written just before `at` (`平成28年度の基準値`, `令和9年度に目標値`),
/// looked for after `from`.
fn year_before(sentence: &str, from: usize, at: usize) -> Option<i32> {
    let window = &sentence[from..at];
    let found = wareki::find_years(window);
    let last = found.last()?;
    let gap = &window[last.range.end..];
    // only a particle or two between the year and the word
    (gap.chars().count() <= 3 && !gap.contains(['、', '。']))
        .then(|| last.year.as_ref().ok().map(|y| y.year))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(s: &str) -> Option<Kpi> {
        let lines = crate::lines_from(s);
        let view: Vec<&Line> = lines.iter().collect();
        read(&view).pop()
    }

    #[test]
    fn baseline_and_measured_value() {
        let k = kpi("「空き店舗数」については、5商店街を調査。").map(|k| k.indicator);
        assert_eq!(k, None);
        // the topic holds for the paragraph's later sentences
        let k = kpi(
            "「空き店舗数」については、5商店街を調査。平成28年度の基準値49件から46件となりました。",
        );
        assert_eq!(k.map(|k| k.actuals.len()), Some(1));
        let k = kpi("「空き店舗数」については、平成28年度の基準値49件から3件の空き店舗が解消(減少)し、46件となりました。").unwrap();
        assert_eq!(k.indicator, "空き店舗数");
        assert_eq!(k.unit.as_deref(), Some("件"));
        let b = k.baseline.unwrap();
        assert_eq!((b.year, b.value), (Some(2016), 49.0));
        assert_eq!(k.actuals.len(), 1);
        assert_eq!((k.actuals[0].year, k.actuals[0].value), (None, 46.0));
    }

    #[test]
    fn a_difference_is_no_measured_value() {
        let k =
            kpi("「来場者数」は、基準値53,319人から514人増の53,833人という結果でした。").unwrap();
        assert_eq!(k.baseline.unwrap().year, None);
        assert_eq!(k.actuals[0].value, 53833.0);
        // nothing after the baseline but a difference: no KPI
        assert!(kpi("「来場者数」は、基準値53,319人から514人増えました。").is_none());
    }

    #[test]
    fn a_target_with_its_year() {
        let k = kpi("「観光客数」は、現状値1,200人を、令和9年度に目標値1,500人とします。").unwrap();
        assert_eq!(
            k.baseline.as_ref().map(|b| (b.year, b.value)),
            Some((None, 1200.0))
        );
        assert_eq!(k.targets.len(), 1);
        assert_eq!(
            (k.targets[0].year, k.targets[0].value),
            (Some(2027), 1500.0)
        );
        assert!(k.actuals.is_empty());
    }

    #[test]
    fn a_target_stated_as_a_change() {
        let k = kpi("本計画では、観光入込客数を令和4年度の120万人から令和10年度には150万人に増やすことを目標とします。").unwrap();
        assert_eq!(k.indicator, "観光入込客数");
        assert_eq!(k.unit.as_deref(), Some("万人"));
        assert_eq!(
            k.baseline.map(|b| (b.year, b.value)),
            Some((Some(2022), 120.0))
        );
        assert_eq!((k.targets[0].year, k.targets[0].value), (Some(2028), 150.0));
        let k = kpi("また、宿泊者数については、令和4年度の30万人を令和10年度までに36万人とすることを目指します。").unwrap();
        assert_eq!(k.indicator, "宿泊者数");
        // a statistic that changed is no target: units differ or no aim
        assert!(kpi("人口は平成27年の5,000人から令和2年に4,500人へと減った。").is_none());
        assert!(
            kpi("人口は令和2年の4,500人から令和12年に4,000人へと減少する見込みです。").is_none()
        );
    }

    #[test]
    fn a_sentence_without_a_quoted_topic_is_none() {
        assert!(kpi("空き店舗数は、基準値49件から46件となりました。").is_none());
    }
}
