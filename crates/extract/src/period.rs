//! Plan periods (計画期間): which years a plan runs, and which plan.
//!
//! The rules work in three steps.
//!
//! 1. **Spans.** Every cell of every line is scanned for year phrases
//!    ([`crate::wareki::find_years`]) that form a period: a range
//!    (`令和5年度～令和9年度`, `R2～9年度`, `2016～2025`,
//!    `平成30年度から令和9年度までの10年間`), a start and a length
//!    (`令和8年度から12年間`) or an open end (`令和7年度以降`). A stated
//!    length that contradicts the range gives a warning; an invalid year
//!    (`令和0年`, `平成62年`; `平成32年` is 2020, a projected year) rejects the phrase with a warning.
//! 2. **Evidence.** A span is a plan period only when the text says so: a
//!    計画期間 label in the same clause, a plan name right before it
//!    (`前期アクションプラン(平成30年度～令和4年度)`, `基本計画:…`), a line
//!    of its own under a plan-name line, a row of a timeline table (a
//!    `R2 R3 … R9` header) or of a phase table (`第4期 実施計画 | 第5期 …`
//!    over a row of spans). Data ranges (statistics, 出典) have none of
//!    these and are dropped.
//! 3. **Subject.** The plan a period belongs to is the plan name right
//!    before it, else the topic of its sentence (`Xについて`, `Xは`), else
//!    the plan named on the line (table cell) or the line above, else the
//!    document's own plan (its title). `本ビジョン` is the title, a part
//!    (`後期アクションプラン`, `第4期実施計画`, `基本計画`) is joined to its
//!    parent plan (`所沢市産業振興ビジョン 後期アクションプラン`).
//!
//! The document's own period is the one on the cover under the title, else
//! the newest period of the title plan.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::wareki::{self, Era, WarekiError};
use crate::{Doc, Line, Period, Unit, Warning};

// ---------------------------------------------------------------------------
// Patterns

/// A range mark or から between two years.
static CONNECTOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s?(?:[～~〜\-‐‑‒–—−－ー]|から)\s?").expect("valid regex"));
/// An end year written as a bare number after an era start (`R2～9年度`).
static BARE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:\s?(年度|年))?").expect("valid regex"));
/// A length after a start: `から12年間`, `からの5か年`.
static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s?(?:の\s?)?\(?\s?(\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:年間|か年|カ年|ヶ年|ケ年|箇年)\)?",
    )
    .expect("valid regex")
});
/// What may follow an end year: まで, a stated length.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s?まで)?(?:\s?(?:の|、|,)?\s?\(?\s?(\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:年間|か年|カ年|ヶ年|ケ年|箇年)\)?)?",
    )
    .expect("valid regex")
});
/// A length stated before the range: `4か年(令和8～11年度)`.
static PRE_LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:年間|か年|カ年|ヶ年|ケ年|箇年)\s?[(〔\[]\s?$",
    )
    .expect("valid regex")
});
/// An open end.
static OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s?(?:以降|以後)").expect("valid regex"));
/// Words that make the years around them data, not a plan period.
static DATA_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\)?\s?(?:の|における|で|には|に)?\s?(?:推移|実績|平均|累計|合計|数値|データ|変化|比較|統計|調査|値|人口)")
        .expect("valid regex")
});
/// A figure stated over the years: `平成26年～令和3年で▲6.8%`.
static FIGURE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\)?\s?(?:で|に|には)\s?(?:約|計)?[▲△+\-]?\d").expect("valid regex")
});
/// Words right before the years that make them data: a heading over
/// statistics (`観光入込客数の推移(平成26年～令和5年)`, `製造業の動向(H27～R2…)`).
static DATA_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:推移|動向|実績|統計|変化|比較|調査|の状況)\s?[(〔\[]?\s?$")
        .expect("valid regex")
});
/// An edition label on a cover, between the plan's name and its period:
/// `【中間見直し版】`, `《概要版》`, `(改訂版)`.
static EDITION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【《〈(\[〔]?[^【】《》〈〉()\[\]〔〕]{0,12}版[】》〉)\]〕]?$")
        .expect("valid regex")
});
/// A run of characters a plan name is made of.
static NAME_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}\p{Katakana}ー・々〆ヶA-Za-z0-9]+").expect("valid regex")
});
/// A plan name ends with one of these words (and perhaps a target year).
static PLAN_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{})(?:\d{{4}})?$",
        crate::vocab::plan_name_ends()
    ))
    .expect("valid regex")
});
/// Quoted names.
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"「([^「」]{1,60})」|『([^『』]{1,60})』").expect("valid regex"));
/// Parts of a plan that need their parent plan's name.
static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:第[\d一二三四五六七八九十]+期|前期|中期|後期)?(?:実施計画|実行計画|基本計画|基本構想|アクションプラン|実行プログラム|行動計画|推進計画)|第[\d一二三四五六七八九十]+期.{1,20})$",
    )
    .expect("valid regex")
});
/// A phase-table header cell: `第4期実施計画`, `前期アクションプラン`.
static PHASE_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[\d一二三四五六七八九十]+期|前期|中期|後期)\S{1,20}$").expect("valid regex")
});
/// References to a plan by a generic word: `本ビジョン`, `次期戦略`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(本|当|同|この|次期|新|現行|現|旧|前)(ビジョン|プラン|計画|戦略|構想|プログラム|実行プログラム|アクションプラン|実施計画|基本計画|総合計画)$")
        .expect("valid regex")
});
/// Where a plan name ends and a part begins, for the space between them.
static PART_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(ビジョン|プラン|計画|戦略|構想)(\d{4})?(第[\d一二三四五六七八九十]+期|前期|中期|後期|基本計画|実施計画|実行計画|基本構想|アクションプラン|実行プログラム|行動計画)",
    )
    .expect("valid regex")
});
/// Edition marks after a name.
static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\((?:案|素案|原案|概要版?|本編|改訂版?)\)|概要版|【[^】]*】)+$")
        .expect("valid regex")
});
/// An edition number after a plan name: `(第2次)`, `(第二期)`.
static EDITION_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(第[\d一二三四五六七八九十]+[次期]\)$").expect("valid regex"));
/// Between a plan name and its period: `X(`, `X:`, `Xは、`, `Xとして、`.
static GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s(\[〔【《:]*(?:は|として|について|では|を|が|の計画期間は?|の期間は?)?[、,]?[\s(\[〔【《:]*(?:計画期間[:は]?)?[\s(\[〔【《:]*$")
        .expect("valid regex")
});
/// After a plan name: it is the topic of its sentence.
static TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:」|』)?(?:は|について|として|では|が|の計画期間|の期間)").expect("valid regex")
});
/// After an open end: the plan it belongs to follows.
static OPEN_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:について|は|の|を|、|,|\s)*").expect("valid regex"));
// ---------------------------------------------------------------------------
// Spans

/// How a span states its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Both ends stated.
    Range,
    /// A start and a length.
    Length,
    /// `以降`.
    Open,
    /// A range mark with nothing after it (`令和7年度～`).
    OpenMark,
}

/// A year phrase that may be a period, before evidence and subject.
#[derive(Clone, Debug)]
struct Span {
    /// Byte range of the phrase in the scanned text.
    range: Range<usize>,
    start: i32,
    end: Option<i32>,
    unit: Unit,
    shape: Shape,
    /// A length stated beside a range (`までの10年間`).
    stated_len: Option<u32>,
    /// Read from a looser shape (an end and a length, a range with words
    /// between its ends, a start and an end told as events): accepted only
    /// with a label or a plan named in its sentence.
    weak: bool,
    /// The phrase says itself that these are a plan's years
    /// (`…を初年度とし、…を目標年度とする`): it needs no label.
    stated: bool,
}

/// Problems met while reading spans: byte offset and message.
type Problems = Vec<(usize, String)>;

/// Every period-shaped phrase in `text`.
fn spans(text: &str, problems: &mut Problems) -> Vec<Span> {
    let toks = wareki::find_years(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        i += 1;
        let rest = &text[tok.range.end..];
        let start = match &tok.year {
            Ok(y) => *y,
            Err(e) => {
                let shaped = CONNECTOR.is_match(rest) || OPEN.is_match(rest);
                if shaped || !matches!(e, WarekiError::NotAYear(_)) {
                    problems.push((tok.range.start, format!("{e}; not read as a period")));
                }
                // skip the end of a range that starts with an invalid year
                if let Some(c) = CONNECTOR.find(rest) {
                    let after = tok.range.end + c.end();
                    if toks.get(i).is_some_and(|t| t.range.start == after) {
                        i += 1;
                    }
                }
                continue;
            }
        };
        // a year and a month: a month range (`令和7年4月～令和12年3月`),
        // else a date, which is no period
        if let Some(m) = MONTH.captures(rest) {
            if let Some((sp, used)) = month_range(text, tok, &start, &m, toks.get(i), problems) {
                if used {
                    i += 1;
                }
                out.push(sp);
            }
            continue;
        }
        // `R1.4～R6.3`: era years with dotted months
        if let Some((sp, used)) = dotted_month_range(text, tok, &start, toks.get(i)) {
            if used {
                i += 1;
            }
            out.push(sp);
            continue;
        }
        if rest.starts_with(['月', '日'])
            || rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        // `平成24・25年度`: two consecutive years of one era
        if let (Some(era), None, Some(c)) = (start.era, start.unit, YEAR_PAIR.captures(rest))
            && let Some(n) = c.get(1).and_then(|d| wareki::parse_number(d.as_str()))
            && era_end(era, n, start.year).is_ok_and(|end| end == start.year + 1)
        {
            let stop = tok.range.end + c.get(0).map_or(0, |g| g.end());
            let unit = unit_word(c.get(2).map(|s| s.as_str())).unwrap_or(Unit::Year);
            out.push(finish(
                text,
                tok.range.start,
                stop,
                start.year,
                start.year + 1,
                unit,
            ));
            if toks.get(i).is_some_and(|t| t.range.start < stop) {
                i += 1;
            }
            continue;
        }
        // `令和2年度までの7年間`: an end and a length
        if let Some(c) = END_LENGTH.captures(rest)
            && let Some(n) = c.get(1).and_then(|d| wareki::parse_number(d.as_str()))
            && (2..=MAX_YEARS as u32).contains(&n)
        {
            let stop = tok.range.end + c.get(0).map_or(0, |g| g.end());
            let mut sp = finish(
                text,
                tok.range.start,
                stop,
                start.year - n as i32 + 1,
                start.year,
                start.unit.unwrap_or(Unit::Year),
            );
            sp.weak = true;
            out.push(sp);
            continue;
        }
        // `平成27年度にスタートした…が令和2年度末で終期を迎えました`
        if START_EVENT.is_match(rest)
            && let Some(sp) = start_and_end_events(text, tok, &start, &toks[i..])
        {
            out.push(sp);
            continue;
        }
        // `令和6年度を初年度とし、令和10年度を目標年度とする`, or
        // `令和6年度を初年度とする5年間`
        if let Some(first) = FIRST_YEAR.find(rest) {
            if let Some(sp) = first_and_last(text, tok, &start, &toks[i..]) {
                out.push(sp);
            } else if let Some(c) = FIRST_LENGTH.captures(&rest[first.end()..])
                && let Some(n) = c.get(1).and_then(|d| wareki::parse_number(d.as_str()))
                && (2..=MAX_YEARS as u32).contains(&n)
            {
                let stop = tok.range.end + first.end() + c.get(0).map_or(0, |g| g.end());
                out.push(Span {
                    range: tok.range.start..stop,
                    start: start.year,
                    end: Some(start.year + n as i32 - 1),
                    unit: start.unit.unwrap_or(Unit::Year),
                    shape: Shape::Range,
                    stated_len: Some(n),
                    weak: false,
                    stated: true,
                });
            }
            continue;
        }
        if let Some(conn) = CONNECTOR.find(rest) {
            let after = tok.range.end + conn.end();
            let via_kara = conn.as_str().contains("から");
            // an end year written in full
            if let Some(next) = toks.get(i).filter(|t| t.range.start == after) {
                i += 1;
                match &next.year {
                    Ok(end) => {
                        let unit = end.unit.or(start.unit).unwrap_or(Unit::Year);
                        out.push(finish(
                            text,
                            tok.range.start,
                            next.range.end,
                            start.year,
                            end.year,
                            unit,
                        ));
                    }
                    Err(e) => {
                        problems.push((next.range.start, format!("{e}; not read as a period")))
                    }
                }
                continue;
            }
            // an end year as two digits after a Gregorian start: 2019～25年度
            if start.era.is_none()
                && start.year >= 1000
                && !LENGTH.is_match(&text[after..])
                && let Some(m) = SHORT_END.captures(&text[after..])
                && (start.unit.is_some() || m.get(2).is_some())
            {
                let n: i32 = m.get(1).and_then(|d| d.as_str().parse().ok()).unwrap_or(-1);
                let end = start.year - start.year % 100 + n;
                let stop = after + m.get(0).map_or(0, |g| g.end());
                if n >= 0 && end > start.year {
                    let unit = unit_word(m.get(2).map(|s| s.as_str()))
                        .or(start.unit)
                        .unwrap_or(Unit::Year);
                    out.push(finish(text, tok.range.start, stop, start.year, end, unit));
                }
                continue;
            }
            // an end year as a bare number after an era start: R2～9年度
            if let (Some(era), Some(m)) = (start.era, BARE_END.captures(&text[after..])) {
                let whole = m.get(0).map_or(0..0, |g| g.range());
                let tail = &text[after + whole.end..];
                let num_end = m.get(1).map_or(0, |g| g.end());
                let is_length = LENGTH.is_match(&text[after..]) && {
                    let t = &text[after + num_end..];
                    ["年間", "か年", "カ年", "ヶ年", "ケ年", "箇年"]
                        .iter()
                        .any(|w| t.trim_start().starts_with(w))
                };
                let is_date = is_length || tail.starts_with(['月', '日', '.', '/', '-']);
                let digits_follow = tail.starts_with(|c: char| c.is_ascii_digit());
                if !is_date && !digits_follow {
                    let n: u32 = m.get(1).and_then(|d| d.as_str().parse().ok()).unwrap_or(0);
                    match era_end(era, n, start.year) {
                        Ok(end) => {
                            let unit = unit_word(m.get(2).map(|s| s.as_str()))
                                .or(start.unit)
                                .unwrap_or(Unit::Year);
                            out.push(finish(
                                text,
                                tok.range.start,
                                after + whole.end,
                                start.year,
                                end,
                                unit,
                            ));
                        }
                        Err(e) => problems.push((after, format!("{e}; not read as a period"))),
                    }
                    continue;
                }
            }
            if via_kara && let Some((sp, k)) = gapped_range(text, tok, &start, &toks[i..], after) {
                i += k + 1;
                out.push(sp);
                continue;
            }
            if via_kara {
                if let Some(m) = LENGTH.captures(&text[after..]) {
                    let n = m
                        .get(1)
                        .and_then(|d| wareki::parse_number(d.as_str()))
                        .unwrap_or(0);
                    if (1..=50).contains(&n) {
                        let end = start.year + n as i32 - 1;
                        let stop = after + m.get(0).map_or(0, |g| g.end());
                        out.push(Span {
                            range: tok.range.start..stop,
                            start: start.year,
                            end: Some(end),
                            unit: start.unit.unwrap_or(Unit::Year),
                            shape: Shape::Length,
                            stated_len: None,
                            weak: false,
                            stated: false,
                        });
                    }
                }
                continue;
            }
            // a range mark and nothing after it: an open end
            let tail = text[after..].trim_start();
            if tail.is_empty() || tail.starts_with([')', '〕', ']', '】', '、', '。']) {
                out.push(Span {
                    range: tok.range.start..after,
                    start: start.year,
                    end: None,
                    unit: start.unit.unwrap_or(Unit::Year),
                    shape: Shape::OpenMark,
                    stated_len: None,
                    weak: false,
                    stated: false,
                });
            }
            continue;
        }
        if let Some(m) = OPEN.find(rest) {
            out.push(Span {
                range: tok.range.start..tok.range.end + m.end(),
                start: start.year,
                end: None,
                unit: start.unit.unwrap_or(Unit::Year),
                shape: Shape::Open,
                stated_len: None,
                weak: false,
                stated: false,
            });
        }
    }
    // a length stated before the range: 4か年(…)
    for s in &mut out {
        if s.shape == Shape::Range
            && s.stated_len.is_none()
            && let Some(c) = PRE_LENGTH.captures(&text[..s.range.start])
        {
            s.stated_len = c.get(1).and_then(|d| wareki::parse_number(d.as_str()));
        }
    }
    out
}

/// The second of two consecutive years written with one era:
/// `平成24・25年度`.
static YEAR_PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s?・\s?(\d{1,2})\s?(年度|年)?").expect("valid regex"));
/// A dotted month after an era year and a range mark: `R1.4～`.
static DOTTED_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\.(\d{1,2})\s?(?:[～~〜\-‐－]|から)\s?").expect("valid regex"));
/// The dotted month of the end year: `.3`.
static DOTTED_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\.(\d{1,2})(?:$|[^\d.])").expect("valid regex"));

/// `R1.4～R6.3`: era years with dotted months, read as [`month_range`]
/// reads `令和元年4月～令和6年3月`.
fn dotted_month_range(
    text: &str,
    tok: &wareki::YearMatch,
    start: &wareki::Year,
    next: Option<&wareki::YearMatch>,
) -> Option<(Span, bool)> {
    if start.era.is_none() || start.unit.is_some() {
        return None;
    }
    let m = DOTTED_MONTH.captures(text.get(tok.range.end..)?)?;
    let month_start: u32 = m.get(1)?.as_str().parse().ok()?;
    let after = tok.range.end + m.get(0)?.end();
    let n = next.filter(|t| t.range.start == after)?;
    let end = n
        .year
        .as_ref()
        .ok()
        .filter(|y| y.era.is_some() && y.unit.is_none())?;
    let e = DOTTED_END.captures(text.get(n.range.end..)?)?;
    let month_end: u32 = e.get(1)?.as_str().parse().ok()?;
    if !(1..=12).contains(&month_start) || !(1..=12).contains(&month_end) || end.year < start.year {
        return None;
    }
    let stop = n.range.end + 1 + e.get(1)?.as_str().len();
    let (end, unit) = if month_start == 4 && month_end == 3 && end.year > start.year {
        (end.year - 1, Unit::FiscalYear)
    } else {
        (end.year, Unit::Year)
    };
    Some((
        finish(text, tok.range.start, stop, start.year, end, unit),
        true,
    ))
}

/// An end year and a length: `までの7年間`, `までの5年`.
static END_LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s?(?:末)?\s?までの\s?(\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:年間|か年|カ年|ヶ年|ケ年|箇年)",
    )
    .expect("valid regex")
});
/// A plan starting in a year, told as an event: `平成27年度にスタートした`.
static START_EVENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s?(?:に|から)\s?(?:スタート|開始|始ま)").expect("valid regex"));
/// A plan ending in a year, told as an event: `令和2年度末で終期を迎え`.
static END_EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?(?:末)?\s?(?:で|に|をもって)\s?(?:終期|終了|満了)").expect("valid regex")
});
/// The most characters between the ends of a range told with words
/// between them (`…から(words)…まで`).
const GAP_MAX: usize = 60;

/// `Xから(words)Yまで`: the end year, in the same sentence, followed by
/// まで. Returns the span and how many tokens after `tok` it used.
fn gapped_range(
    text: &str,
    tok: &wareki::YearMatch,
    start: &wareki::Year,
    rest: &[wareki::YearMatch],
    after: usize,
) -> Option<(Span, usize)> {
    let (k, n) = rest.iter().enumerate().next()?;
    let between = text.get(after..n.range.start)?;
    if between.contains('。') || char_len(between) > GAP_MAX || LENGTH.is_match(text.get(after..)?)
    {
        return None;
    }
    let end = n.year.as_ref().ok()?;
    let tail = text.get(n.range.end..)?;
    if !tail.trim_start().starts_with("まで") || end.year < start.year {
        return None;
    }
    let unit = end.unit.or(start.unit).unwrap_or(Unit::Year);
    let mut sp = finish(
        text,
        tok.range.start,
        n.range.end,
        start.year,
        end.year,
        unit,
    );
    sp.weak = true;
    Some((sp, k))
}

/// `X年度にスタートした…がY年度末で終期を迎え`: the end event in the same
/// sentence.
fn start_and_end_events(
    text: &str,
    tok: &wareki::YearMatch,
    start: &wareki::Year,
    rest: &[wareki::YearMatch],
) -> Option<Span> {
    for n in rest {
        let between = text.get(tok.range.end..n.range.start)?;
        if between.contains('。') || char_len(between) > GAP_MAX {
            return None;
        }
        let Ok(end) = &n.year else { continue };
        if let Some(m) = END_EVENT.find(text.get(n.range.end..)?) {
            if end.year < start.year {
                return None;
            }
            return Some(Span {
                range: tok.range.start..n.range.end + m.end(),
                start: start.year,
                end: Some(end.year),
                unit: end.unit.or(start.unit).unwrap_or(Unit::Year),
                shape: Shape::Range,
                stated_len: None,
                weak: true,
                stated: false,
            });
        }
    }
    None
}

/// A month after a year: `4月`, `4月1日`.
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s?(\d{1,2})\s?月(?:\s?\d{1,2}\s?日)?").expect("valid regex"));
/// A two-digit end after a Gregorian start (`2019～25年度`); nothing may
/// follow that makes it a date or a longer number.
static SHORT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{2})(?:\s?(年度|年))?(?:$|[^\d月日./\-])").expect("valid regex")
});
/// An end written as the start's era number with a month: `12年3月`.
static BARE_MONTH_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}|元)\s?年\s?(\d{1,2})\s?月(?:\s?\d{1,2}\s?日)?").expect("valid regex")
});
/// `…を初年度とし`, `…を始期とし`.
static FIRST_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?を\s?(?:初年度|始期|開始年度|計画初年度)").expect("valid regex")
});
/// After `…を初年度`: `とする5年間`, `とし、5か年`.
static FIRST_LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?と(?:する|し、?)\s?(\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:年間|か年|カ年|ヶ年|ケ年|箇年)")
        .expect("valid regex")
});
/// `…を目標年度とする`, `…を最終年度とする`.
static LAST_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?を\s?(?:目標年度|最終年度|計画最終年度|終期|目標年次)").expect("valid regex")
});

/// A month range from the year `tok` (already read as `start`) whose month
/// is `m`. April to March of a later year is a run of fiscal years
/// (`令和7年4月～令和12年3月` is fiscal 2025–2029); other months give
/// calendar years as written. Returns the span and whether the next year
/// match was used as the end.
fn month_range(
    text: &str,
    tok: &wareki::YearMatch,
    start: &wareki::Year,
    m: &regex::Captures<'_>,
    next: Option<&wareki::YearMatch>,
    problems: &mut Problems,
) -> Option<(Span, bool)> {
    // only `年` and a month: `令和7年度4月` is no month range
    if start.unit != Some(Unit::Year) {
        return None;
    }
    let month_start: u32 = m.get(1)?.as_str().parse().ok()?;
    let after_month = tok.range.end + m.get(0)?.end();
    let conn = CONNECTOR.find(text.get(after_month..)?)?;
    let after = after_month + conn.end();
    // `平成31年(2019)4月から…(words)…平成36年(2024)3月まで`
    let gapped = next.filter(|t| t.range.start > after && conn.as_str().contains("から"));
    if let Some(n) = gapped {
        let between = text.get(after..n.range.start)?;
        if between.contains('。') || char_len(between) > GAP_MAX {
            return None;
        }
        let end = n
            .year
            .as_ref()
            .ok()
            .filter(|y| y.unit == Some(Unit::Year))?
            .year;
        let em = MONTH.captures(text.get(n.range.end..)?)?;
        let month_end: u32 = em.get(1)?.as_str().parse().ok()?;
        let stop = n.range.end + em.get(0)?.end();
        if !text.get(stop..)?.trim_start().starts_with("まで") || !(1..=12).contains(&month_end) {
            return None;
        }
        let fiscal = month_start == 4 && month_end == 3 && end > start.year;
        let (end, unit) = if fiscal {
            (end - 1, Unit::FiscalYear)
        } else {
            (end, Unit::Year)
        };
        if end < start.year {
            return None;
        }
        let mut sp = finish(text, tok.range.start, stop, start.year, end, unit);
        sp.weak = true;
        return Some((sp, true));
    }
    let (end_year, month_end, stop, used) = match next.filter(|t| t.range.start == after) {
        Some(n) => {
            let end = match &n.year {
                Ok(y) if y.unit == Some(Unit::Year) => y.year,
                Ok(_) => return None,
                Err(e) => {
                    problems.push((n.range.start, format!("{e}; not read as a period")));
                    return None;
                }
            };
            let em = MONTH.captures(text.get(n.range.end..)?)?;
            let month: u32 = em.get(1)?.as_str().parse().ok()?;
            (end, month, n.range.end + em.get(0)?.end(), true)
        }
        None => {
            let era = start.era?;
            let c = BARE_MONTH_END.captures(text.get(after..)?)?;
            let n = wareki::parse_number(c.get(1)?.as_str())?;
            let end = match era_end(era, n, start.year) {
                Ok(e) => e,
                Err(e) => {
                    problems.push((after, format!("{e}; not read as a period")));
                    return None;
                }
            };
            let month: u32 = c.get(2)?.as_str().parse().ok()?;
            (end, month, after + c.get(0)?.end(), false)
        }
    };
    if !(1..=12).contains(&month_start) || !(1..=12).contains(&month_end) {
        return None;
    }
    let fiscal = month_start == 4 && month_end == 3 && end_year > start.year;
    let (end, unit) = if fiscal {
        (end_year - 1, Unit::FiscalYear)
    } else {
        (end_year, Unit::Year)
    };
    let mut sp = finish(text, tok.range.start, stop, start.year, end, unit);
    if end < start.year {
        sp.end = Some(end);
    }
    Some((sp, used))
}

/// `X年度を初年度とし、Y年度を目標年度とする`: the first of `rest` (the
/// year matches after `tok`, same sentence) that is marked as the last year.
fn first_and_last(
    text: &str,
    tok: &wareki::YearMatch,
    start: &wareki::Year,
    rest: &[wareki::YearMatch],
) -> Option<Span> {
    for n in rest {
        let between = text.get(tok.range.end..n.range.start)?;
        if between.contains('。') || between.chars().count() > 40 {
            return None;
        }
        let Ok(end) = &n.year else { continue };
        if let Some(m) = LAST_YEAR.find(text.get(n.range.end..)?) {
            return Some(Span {
                range: tok.range.start..n.range.end + m.end(),
                start: start.year,
                end: Some(end.year),
                unit: end.unit.or(start.unit).unwrap_or(Unit::Year),
                shape: Shape::Range,
                stated_len: None,
                weak: false,
                stated: true,
            });
        }
    }
    None
}

/// The spans of a row, cell by cell (a span never crosses a cell), with
/// byte ranges in the row text.
fn row_spans(row: &Row<'_>, problems: &mut Problems) -> Vec<Span> {
    let mut out = Vec::new();
    for cell in &row.cells {
        let Some(text) = row.text.get(cell.clone()) else {
            continue;
        };
        let mut probs = Vec::new();
        for mut s in spans(text, &mut probs) {
            s.range = s.range.start + cell.start..s.range.end + cell.start;
            out.push(s);
        }
        problems.extend(probs.into_iter().map(|(at, m)| (at + cell.start, m)));
    }
    out
}

/// The end year of `R2～9`: the same era, checked.
fn era_end(era: Era, n: u32, start: i32) -> Result<i32, WarekiError> {
    let end = era.year(n)?;
    if end < start {
        return Err(WarekiError::NotAYear(format!("{}{n}", era.name())));
    }
    Ok(end)
}

fn unit_word(s: Option<&str>) -> Option<Unit> {
    match s {
        Some("年度") => Some(Unit::FiscalYear),
        Some("年") => Some(Unit::Year),
        _ => None,
    }
}

/// A closed range from `from` to `to` (bytes), with its tail (まで, a stated
/// length) read.
fn finish(text: &str, from: usize, to: usize, start: i32, end: i32, unit: Unit) -> Span {
    let mut stop = to;
    let mut stated_len = None;
    if let Some(c) = TAIL.captures(&text[to..]) {
        stop = to + c.get(0).map_or(0, |g| g.end());
        stated_len = c.get(1).and_then(|d| wareki::parse_number(d.as_str()));
    }
    // do not swallow an unmatched opening bracket or trailing space
    let phrase = text[from..stop].trim_end();
    stop = from + phrase.len();
    if phrase.ends_with('(') {
        stop -= 1;
    }
    Span {
        range: from..stop,
        start,
        end: Some(end),
        unit,
        shape: Shape::Range,
        stated_len,
        weak: false,
        stated: false,
    }
}

// ---------------------------------------------------------------------------
// Plan names

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// A plan's own name.
    Full,
    /// A part that needs its parent plan's name.
    Part,
    /// `本X`, `当X`, `同X`: the plan the text is about.
    This(String),
    /// `次期X`, `新X`: the next plan.
    Next(String),
    /// `現行X`, `旧X`: the current plan.
    Current(String),
}

/// A plan name found in a row.
#[derive(Clone, Debug)]
struct Name {
    /// Byte range in the row text (quotes included).
    range: Range<usize>,
    /// The name, quotes and edition marks removed.
    text: String,
    kind: Kind,
    /// Followed by a topic marker (は, について, として, …).
    topic: bool,
}

fn is_boundary(c: char) -> bool {
    c.is_whitespace() || "「『(【《〔<[:、。,・■□◆◇●○▶▷※-―‐*•".contains(c)
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

fn classify(name: &str) -> Option<Kind> {
    // bare plan words and generic plan classes name no plan
    // (`dictionaries/vocab/plans.txt` `[generic-plans]`)
    if crate::vocab::get().generic_plans.iter().any(|g| g == name) {
        return None;
    }
    if let Some(c) = REFERENCE.captures(name) {
        let rest = c.get(2).map_or("", |m| m.as_str()).to_string();
        return Some(match c.get(1).map_or("", |m| m.as_str()) {
            "本" | "当" | "同" | "この" => Kind::This(rest),
            "次期" | "新" => Kind::Next(rest),
            _ => Kind::Current(rest),
        });
    }
    if PART.is_match(name) {
        // `第2期北市産業振興アクションプラン` is a plan of its own, `第4期実施計画`
        // a part
        let own = PHASE_PREFIX
            .captures(name)
            .and_then(|c| c.get(1))
            .map(|r| r.as_str())
            .is_some_and(|r| {
                !PART.is_match(r)
                    && (r.contains(['市', '町', '村', '区']) || r.chars().count() >= 10)
            });
        return Some(if own { Kind::Full } else { Kind::Part });
    }
    Some(Kind::Full)
}

/// `第2期` and what follows it.
static PHASE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[\d一二三四五六七八九十]+期(.+)$").expect("valid regex"));
/// A phase word alone before a span in its cell: `前期:`, `第1期(`.
static PHASE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s・\-]*(第[\d一二三四五六七八九十]+期|前期|中期|後期)\s?(?:計画)?\s?[:(]?\s?$")
        .expect("valid regex")
});
/// A phase word right before a span, after a plan name in the same clause:
/// `アクションプランは前期(`, `次期プラン(後期:`.
static PHASE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(第[\d一二三四五六七八九十]+期|前期|中期|後期)\s?[:(]?\s?$").expect("valid regex")
});
/// What may lie between a plan name and the phase word after it.
static PHASE_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s?(?:は|の|\()?\s?$").expect("valid regex"));
/// A phase word alone in a cell.
static PHASE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s・\-]*(第[\d一二三四五六七八九十]+期|前期|中期|後期)(?:計画)?\s*$")
        .expect("valid regex")
});
/// A part word without a phase: the part a phase (`前期`) attaches to.
static BARE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:実施計画|実行計画|基本計画|アクションプラン|実行プログラム|行動計画|推進計画)$",
    )
    .expect("valid regex")
});
/// A plan name as the object of 策定 (drawn up).
static DRAWN_UP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[」』]?\s?を\s?策定").expect("valid regex"));
/// What a range of a stated length is for, right after it: `の中期目標`,
/// `の計画` (a plan-name end or 目標, within a few characters).
static GOAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let v = crate::vocab::get();
    Regex::new(&format!(
        r"^\s?の\s?[\p{{Han}}\p{{Katakana}}ー]{{0,6}}(?:{}|目標)",
        v.plan_name_ends.join("|")
    ))
    .expect("valid regex")
});
/// A period label right before a span: `※計画期間は、`, `本計画の期間:`.
static LABEL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    let v = crate::vocab::get();
    Regex::new(&format!(
        r"(?:{}|(?:{})の期間)\s?(?:は|を|:)?\s?[、,]?\s?[(\[〔]?\s?$",
        v.period_labels.join("|"),
        v.plan_name_ends.join("|")
    ))
    .expect("valid regex")
});

/// `X 基本計画` and `前期` make `X 前期基本計画`; any other plan `X` makes
/// `X 前期`.
fn with_phase(base: &str, phase: &str) -> String {
    if let Some((head, part)) = base.rsplit_once(' ')
        && BARE_PART.is_match(part)
    {
        return format!("{head} {phase}{part}");
    }
    format!("{base} {phase}")
}

/// Clean a candidate: edition marks, list marks, 次期/現行 prefixes.
fn clean_name(s: &str) -> String {
    let s = s.trim().trim_start_matches(['・', 'ー']);
    let s = EDITION.replace(s, "");
    let s = s.trim();
    let s = match (s.strip_prefix("次期"), s.strip_prefix("現行")) {
        (Some(r), _) | (_, Some(r)) if PLAN_END.is_match(r) && classify(r) == Some(Kind::Full) => r,
        _ => s,
    };
    s.to_string()
}

/// Plan names in one cell, `offset` being the cell's byte offset in its row.
fn names_in(cell: &str, offset: usize) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    // Every name ends with a PLAN_END word: most cells hold none, and a
    // substring test is far cheaper than the regexes below.
    if !crate::vocab::get()
        .plan_name_ends
        .iter()
        .any(|w| cell.contains(w.as_str()))
    {
        return out;
    }
    for c in QUOTED.captures_iter(cell) {
        let (Some(whole), Some(inner)) = (c.get(0), c.get(1).or_else(|| c.get(2))) else {
            continue;
        };
        let text = clean_name(inner.as_str());
        let text = text.replace(char::is_whitespace, "");
        let base = EDITION.replace(&text, "").to_string();
        if !PLAN_END.is_match(&base) {
            continue;
        }
        if let Some(kind) = classify(&base) {
            out.push(Name {
                range: offset + whole.start()..offset + whole.end(),
                text: base,
                kind,
                topic: TOPIC.is_match(&cell[whole.end()..]),
            });
        }
    }
    // a run of name characters may hold a year between two names, the
    // spaces around it closed (`鷹栖町農業ビジョン平成28年度～…`): the pieces
    // between years are the candidates
    let pieces: Vec<Range<usize>> = NAME_RUN
        .find_iter(cell)
        .flat_map(|m| {
            let mut v = Vec::new();
            let mut from = m.start();
            for y in wareki::find_years(m.as_str()) {
                let at = m.start() + y.range.start;
                if !y
                    .year
                    .as_ref()
                    .is_ok_and(|y| y.unit.is_some() || y.era.is_some())
                {
                    continue; // `ビジョン2025`: a year in the name
                }
                if at > from {
                    v.push(from..at);
                }
                from = from.max(m.start() + y.range.end);
            }
            if from < m.end() {
                v.push(from..m.end());
            }
            v
        })
        .collect();
    for m in pieces {
        let m = RunPiece { cell, range: m };
        if out
            .iter()
            .any(|n| n.range.start <= offset + m.start() && offset + m.end() <= n.range.end)
        {
            continue;
        }
        let run = m.as_str();
        if !PLAN_END.is_match(run) || run.chars().count() > 40 {
            continue;
        }
        // take in a hiragana city name before the run (さがみはら, つくば市)
        let mut start = m.start();
        let before = &cell[..start];
        let hira: usize = before
            .chars()
            .rev()
            .take_while(|&c| is_hiragana(c))
            .map(char::len_utf8)
            .sum();
        if hira > 0 {
            let h_start = start - hira;
            let prev = cell[..h_start].chars().next_back();
            let at_boundary = prev.is_none_or(is_boundary)
                || ["次期", "現行", "新", "旧"]
                    .iter()
                    .any(|p| cell[..h_start].ends_with(p));
            let municipal = run.starts_with(['市', '町', '村', '区', '県']);
            if at_boundary || municipal {
                let h = &cell[h_start..start];
                let first = h.chars().next().unwrap_or(' ');
                let true_boundary = prev.is_none_or(is_boundary);
                if !true_boundary
                    && h.chars().count() >= 3
                    && "のはがをにとでもへや".contains(first)
                {
                    start = h_start + first.len_utf8();
                } else {
                    start = h_start;
                }
            }
            // 第2次 before a hiragana name
            if start == h_start
                && let Some(ord) = ORDINAL_BEFORE.find(&cell[..h_start])
            {
                start = ord.start();
            }
        }
        // a year in front of the name is not part of it: `R9年度港区…プラン`
        if let Some(y) = wareki::find_years(&cell[start..m.end()]).first()
            && y.range.start == 0
            && y.year.as_ref().is_ok_and(|y| y.unit.is_some())
        {
            start += y.range.end;
        }
        let raw = &cell[start..m.end()];
        let text = clean_name(raw);
        let Some(kind) = classify(&text) else {
            continue;
        };
        out.push(Name {
            range: offset + start..offset + m.end(),
            text,
            kind,
            topic: TOPIC.is_match(&cell[m.end()..]),
        });
    }
    out.sort_by_key(|n| n.range.start);
    out
}

/// A piece of a run of name characters.
struct RunPiece<'a> {
    cell: &'a str,
    range: Range<usize>,
}

impl RunPiece<'_> {
    fn start(&self) -> usize {
        self.range.start
    }
    fn end(&self) -> usize {
        self.range.end
    }
    fn as_str(&self) -> &str {
        &self.cell[self.range.clone()]
    }
}

/// The full plan names a line of text mentions (`第2次北市観光基本計画`,
/// `「北市DX推進計画」`), in order: neither parts (`前期基本計画`) nor
/// references (`本計画`) nor generic words (`上位計画`).
pub(crate) fn plan_names(text: &str) -> Vec<String> {
    names_in(text, 0)
        .into_iter()
        .filter(|n| n.kind == Kind::Full)
        .map(|n| n.text)
        .collect()
}

static ORDINAL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第[\d一二三四五六七八九十]+次$").expect("valid regex"));

/// Normalize a subject: no quotes or spaces, one space between a plan and
/// its part.
fn normalize_subject(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !"「」『』《》〔〕".contains(*c))
        .collect();
    let s = EDITION.replace(&s, "");
    PART_SPLIT.replace_all(&s, "${1}${2} ${3}").into_owned()
}

// ---------------------------------------------------------------------------
// Rows

/// One non-blank line, with the next line joined when a phrase is broken
/// across them (`令和8年度から` / `令和19年度まで`).
struct Row<'a> {
    line: &'a Line,
    /// The line text, plus the next line's where a period is broken.
    text: String,
    /// Byte length of this line's own text in `text`.
    own: usize,
    /// Cells: byte ranges in `text` (split on tabs).
    cells: Vec<Range<usize>>,
    names: Vec<Name>,
}

impl Row<'_> {
    fn cell_of(&self, byte: usize) -> Range<usize> {
        self.cells
            .iter()
            .find(|c| c.start <= byte && byte <= c.end)
            .cloned()
            .unwrap_or(0..self.text.len())
    }

    /// The row is a plan name alone (list marks and brackets aside).
    fn standalone(&self) -> Option<&Name> {
        if self.names.len() != 1 || self.cells.len() > 1 {
            return None;
        }
        let n = &self.names[0];
        let rest: String = format!(
            "{}{}",
            self.text.get(..n.range.start).unwrap_or_default(),
            self.text.get(n.range.end..self.own).unwrap_or_default()
        );
        let rest = rest.trim_matches(|c: char| {
            is_boundary(c) || ")]】》〕>」』".contains(c) || c.is_ascii_digit()
        });
        rest.is_empty().then_some(n)
    }
}

static BROKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\d|元)(?:\(\d{4}\))?(?:年度|年)?(?:から|[～\-‐])$").expect("valid regex")
});

/// A cell that is a period label and little else: `計画期間`, `■計画の期間:`,
/// `本計画の計画期間` (not a sentence: `なお計画期間は5年間です`).
fn is_label_cell(cell: &str) -> bool {
    let core: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !"■□◆◇●○・【】[]()〔〕<>:：".contains(*c))
        .collect();
    !core.contains(['は', '、', '。'])
        && crate::vocab::get()
            .period_labels
            .iter()
            .any(|l| core.ends_with(l.as_str()) && char_len(&core) <= char_len(l) + 4)
}

/// A range mark on a line of its own.
static RANGE_MARK_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:～|から|[\-‐])\s*$").expect("valid regex"));

fn rows(doc: Doc<'_>) -> Vec<Row<'_>> {
    let lines: Vec<&Line> = doc.nonblank().collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let mut text = line.text.clone();
        let own = text.len();
        let starts_with_year = |l: &Line| {
            wareki::find_years(&l.text)
                .first()
                .is_some_and(|m| m.range.start == 0)
        };
        if BROKEN.is_match(&text)
            && let Some(next) = lines.get(i + 1)
            && starts_with_year(next)
        {
            text.push_str(&next.text);
        } else if let [mark, end, ..] = &lines[(i + 1).min(lines.len())..]
            && RANGE_MARK_ALONE.is_match(&mark.text)
            && starts_with_year(end)
            && wareki::find_years(&text)
                .first()
                .is_some_and(|m| m.range == (0..text.len()))
        {
            // a form's cell dumped one piece a line: `2024年度` / `～` / `2028年度`
            text.push_str(&mark.text);
            text.push_str(&end.text);
        }
        let mut cells = Vec::new();
        let mut at = 0;
        for part in text[..own].split('\t') {
            cells.push(at..at + part.len());
            at += part.len() + 1;
        }
        if let Some(last) = cells.last_mut() {
            last.end = text.len();
        }
        let names = cells
            .iter()
            .flat_map(|c| names_in(&text[c.clone()], c.start))
            .filter(|n| n.range.start < own)
            .collect();
        out.push(Row {
            line,
            text,
            own,
            cells,
            names,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Subjects

/// Where a subject came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// A plan name in the text.
    Named,
    /// The document's title (本ビジョン, or an unlabelled 計画期間).
    Title,
    /// Nothing.
    None,
}

struct Resolver<'r, 'a> {
    rows: &'r [Row<'a>],
    title: Option<String>,
}

impl Resolver<'_, '_> {
    /// The subject for name `n` of row `r`.
    fn resolve(&self, r: usize, n: &Name) -> (Option<String>, Source) {
        match &n.kind {
            Kind::Full => (Some(normalize_subject(&n.text)), Source::Named),
            Kind::Part => match self.parent(r, n.range.start) {
                Some(p) => (
                    Some(format!("{p} {}", normalize_subject(&n.text))),
                    Source::Named,
                ),
                None => (Some(normalize_subject(&n.text)), Source::Named),
            },
            Kind::This(word) => self.this(r, n.range.start, word),
            Kind::Current(word) => {
                let (subject, source) = self.this(r, n.range.start, word);
                // 前計画 of a `(第2次)` plan is not itself the 第2次
                let previous = n.text.starts_with(['前', '旧']);
                match subject {
                    Some(t) if previous => (Some(EDITION_NO.replace(&t, "").into_owned()), source),
                    other => (other, source),
                }
            }
            Kind::Next(word) => {
                // the heading of the section that announces the next plan
                for back in (r.saturating_sub(10)..=r).rev() {
                    if let Some(h) = self.rows[back].standalone()
                        && h.kind == Kind::Full
                        && h.text.ends_with(word.as_str())
                        && Some(&h.text) != self.title.as_ref()
                    {
                        return (Some(normalize_subject(&h.text)), Source::Named);
                    }
                }
                // `次期アクションプラン`: the next part of the parent plan
                if BARE_PART.is_match(word)
                    && let Some(p) = self.parent(r, n.range.start)
                {
                    return (Some(format!("{p} {word}")), Source::Named);
                }
                (Some(normalize_subject(&n.text)), Source::Named)
            }
        }
    }

    /// `本X`: the title when it is an X, else the nearest X named before.
    fn this(&self, r: usize, at: usize, word: &str) -> (Option<String>, Source) {
        if let Some(t) = &self.title
            && (t.ends_with(word) || matches!(word, "計画" | "プラン" | "ビジョン" | "戦略"))
        {
            return (Some(t.clone()), Source::Title);
        }
        if let Some(name) = self.before(r, at, 80, |n| {
            n.kind == Kind::Full && n.text.ends_with(word)
        }) {
            return (Some(normalize_subject(&name)), Source::Named);
        }
        match &self.title {
            Some(t) => (Some(t.clone()), Source::Title),
            None => (None, Source::None),
        }
    }

    /// The plan a part belongs to: the nearest full name (or reference to the
    /// title) before it, else the title.
    fn parent(&self, r: usize, at: usize) -> Option<String> {
        let title = self.title.clone();
        let found = self.before_name(r, at, 40, |n| {
            matches!(n.kind, Kind::Full | Kind::This(_) | Kind::Current(_))
        });
        match found {
            Some((row, n)) => match &n.kind {
                Kind::Full => Some(normalize_subject(&n.text)),
                _ => self.resolve(row, n).0,
            },
            None => title,
        }
    }

    fn before(
        &self,
        r: usize,
        at: usize,
        window: usize,
        ok: impl Fn(&Name) -> bool,
    ) -> Option<String> {
        self.before_name(r, at, window, ok)
            .map(|(_, n)| n.text.clone())
    }

    fn before_name(
        &self,
        r: usize,
        at: usize,
        window: usize,
        ok: impl Fn(&Name) -> bool,
    ) -> Option<(usize, &Name)> {
        for back in (r.saturating_sub(window)..=r).rev() {
            let row = &self.rows[back];
            let hit = row
                .names
                .iter()
                .rev()
                .find(|n| (back < r || n.range.end <= at) && ok(n));
            if let Some(n) = hit {
                return Some((back, n));
            }
        }
        None
    }
}

// ---------------------------------------------------------------------------
// Tables

/// Rows that are the header of a timeline table: three or more cells, each
/// one year (`R2 R3 … R9`, `2020年度 2021年度 …`), in order.
fn is_year_axis(row: &Row<'_>) -> bool {
    let cells: Vec<&str> = row.text[..row.own]
        .split(['\t', ' '])
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() < 3 {
        return false;
    }
    let years: Option<Vec<i32>> = cells
        .iter()
        .map(|c| wareki::parse_year(c).ok().map(|y| y.year))
        .collect();
    years.is_some_and(|y| y.windows(2).all(|w| w[1] > w[0]))
}

/// Header cells of a phase table (`第4期実施計画`, `第5期実施計画`, …).
fn phase_cells(row: &Row<'_>) -> Option<Vec<String>> {
    let cells: Vec<&str> = row.text[..row.own]
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    (cells.len() >= 2
        && cells
            .iter()
            .all(|c| PHASE_CELL.is_match(c) && PLAN_END.is_match(c)))
    .then(|| cells.iter().map(|c| c.to_string()).collect())
}

// ---------------------------------------------------------------------------
// The rule

/// A label of a plan's years (`計画期間`, `対象期間`, `計画の期間`:
/// `dictionaries/vocab/plans.txt`), not 計画期間中 / 計画期間内.
fn has_label(clause: &str) -> bool {
    let v = crate::vocab::get();
    for label in &v.period_labels {
        for (i, _) in clause.match_indices(label.as_str()) {
            if label_stands(clause, i, label) {
                return true;
            }
        }
    }
    v.plan_name_ends
        .iter()
        .any(|end| clause.contains(&format!("{end}の期間")))
}

/// Whether the label at byte `i` of `text` labels a plan's years: not
/// `計画期間中`/`計画期間内`, and, but for 計画期間 itself, not the end of
/// another noun (`事業実施期間`, `パブリックコメント実施期間` are a project's or
/// a procedure's days).
fn label_stands(text: &str, i: usize, label: &str) -> bool {
    let after = &text[i + label.len()..];
    if after.starts_with(['中', '内']) {
        return false;
    }
    label == "計画期間"
        || text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::is_kanji_or_kana(c) || is_hiragana(c))
}

/// A label as the topic of the sentence before a span, with no other year
/// between them: `対象期間は、国の総合戦略と同じく 2015 年度から…`.
fn topic_label_before(lead: &str) -> bool {
    let v = crate::vocab::get();
    let ends: Vec<String> = v
        .plan_name_ends
        .iter()
        .map(|e| format!("{e}の期間"))
        .collect();
    let last = v
        .period_labels
        .iter()
        .chain(ends.iter())
        .filter_map(|l| {
            lead.rfind(l.as_str())
                .filter(|&i| label_stands(lead, i, l))
                .map(|i| i + l.len())
        })
        .max();
    let Some(at) = last else {
        return false;
    };
    let rest = &lead[at..];
    rest.starts_with(['は', 'を', ':', '：'])
        && wareki::find_years(rest).is_empty()
        && char_len(rest) <= 40
}

/// The clause around bytes `range` of `text`: from the last 、/。 before to
/// the next after.
fn clause(text: &str, range: &Range<usize>) -> Range<usize> {
    let is_stop = |c: char| matches!(c, '、' | '。' | ',');
    let head = text.get(..range.start).unwrap_or_default();
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = text.get(range.end..).unwrap_or_default();
    let to = tail
        .char_indices()
        .find(|&(_, c)| is_stop(c))
        .map_or(text.len(), |(i, _)| range.end + i);
    from.min(range.start)..to.max(range.end)
}

/// The sentence around `at` in the cell `cell`.
fn sentence(text: &str, cell: &Range<usize>, at: usize) -> Range<usize> {
    let from = text[cell.start..at]
        .rfind('。')
        .map_or(cell.start, |i| cell.start + i + '。'.len_utf8());
    let to = text[at..cell.end].find('。').map_or(cell.end, |i| at + i);
    from..to
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The longest period read as a plan period, in years.
const MAX_YEARS: i32 = 50;

/// Every plan period stated in the document.
pub fn extract(doc: Doc<'_>, title: Option<&str>, warnings: &mut Vec<Warning>) -> Vec<Period> {
    let rows = rows(doc);
    let title = title.map(normalize_subject);
    let res = Resolver {
        rows: &rows,
        title: title.clone(),
    };
    let mut found: Vec<(Period, Source, usize)> = Vec::new();
    let mut consumed = vec![false; rows.len()];

    // phase tables: a header of parts over a row of spans
    for (r, row) in rows.iter().enumerate() {
        let Some(parts) = phase_cells(row) else {
            continue;
        };
        for below in r + 1..(r + 3).min(rows.len()) {
            let mut probs = Vec::new();
            let sp: Vec<Span> = row_spans(&rows[below], &mut probs)
                .into_iter()
                .filter(|s| s.shape == Shape::Range && s.range.start < rows[below].own)
                .collect();
            if sp.len() < 2 || sp.len() > parts.len() {
                continue;
            }
            let parent = res.parent(r, 0);
            for (s, part) in sp.iter().zip(&parts) {
                let part = normalize_subject(part);
                let subject = match &parent {
                    Some(p) => format!("{p} {part}"),
                    None => part,
                };
                found.push((period(&rows[below], s, Some(subject)), Source::Named, below));
            }
            consumed[below] = true;
            break;
        }
    }

    let label_rows: Vec<bool> = rows.iter().map(|row| has_label(&row.text)).collect();
    // the plan the last phase row (`前期:…`) belonged to, and its row
    let mut phase_base: Option<(usize, String)> = None;
    // the row and subject of the last period read in the loop below
    let mut last_found: Option<(usize, Option<String>)> = None;
    let mut timeline = 0usize;
    // the row and sentence of the last span accepted
    let mut last_accepted: Option<(usize, usize)> = None;
    for (r, row) in rows.iter().enumerate() {
        if is_year_axis(row) {
            timeline = 6;
            continue;
        }
        let in_timeline = timeline > 0;
        timeline = timeline.saturating_sub(1);
        if consumed[r] {
            continue;
        }
        let mut probs = Vec::new();
        let text = &row.text;
        let row_spans_all = row_spans(row, &mut probs);
        for s in row_spans_all.iter().cloned() {
            if s.range.start >= row.own {
                continue;
            }
            let cell = row.cell_of(s.range.start);
            let sent = sentence(text, &cell, s.range.start);
            // a column gap (tab) ends the clause: two columns of text
            // printed side by side are not one sentence
            let cl = clause(text, &s.range);
            let cl = cl.start.max(cell.start)..cl.end.min(cell.end);
            let labelled = has_label(&text[cl.clone()])
                || LABEL_LEAD
                    .find(text.get(sent.start..s.range.start).unwrap_or_default())
                    .is_some_and(|m| {
                        let lead = &text[sent.start..s.range.start];
                        let word = lead[m.start()..]
                            .trim_end_matches(|c: char| !crate::is_kanji_or_kana(c));
                        let label = word.trim_end_matches(['は', 'を']);
                        label_stands(lead, m.start(), label)
                    })
                || topic_label_before(
                    text.get(sent.start.max(cell.start)..s.range.start)
                        .unwrap_or_default(),
                )
                // a form's row: the label alone in the first cell
                // (`計画期間 ⇥ R6～R10`, `【計画の期間】 ⇥ …`)
                || (row.cells.len() > 1
                    && !cell.contains(&row.cells[0].start)
                    && is_label_cell(&text[row.cells[0].clone()]))
                || (r > 0
                    && char_len(&rows[r - 1].text) <= 20
                    && has_label(&rows[r - 1].text)
                    && {
                        // the cell holds little but spans (`【従前】A ⇒ B`)
                        let spans_len: usize = row_spans_all
                            .iter()
                            .filter(|x| cell.contains(&x.range.start))
                            .map(|x| char_len(&text[x.range.clone()]))
                            .sum();
                        char_len(&text[cell.clone()]) <= spans_len + 12
                    });
            let after = text.get(s.range.end..cell.end).unwrap_or_default();
            let data = DATA_AFTER.is_match(after)
                || FIGURE_AFTER.is_match(after)
                || DATA_BEFORE.is_match(text.get(cell.start..s.range.start).unwrap_or_default());
            // a plan name right before the span
            let immediate = row.names.iter().rev().find(|n| {
                n.range.end <= s.range.start
                    && n.range.start >= sent.start
                    && GAP.is_match(text.get(n.range.end..s.range.start).unwrap_or_default())
            });
            // the line is the span alone, under a plan-name line
            let rest_len =
                char_len(&text[cell.clone()]).saturating_sub(char_len(&text[s.range.clone()]));
            // (an edition label such as `【中間見直し版】` may lie between)
            let above_row = match r {
                0 => None,
                1 => Some(0),
                _ if EDITION_LINE.is_match(rows[r - 1].text.trim()) => Some(r - 2),
                _ => Some(r - 1),
            };
            let above = (rest_len <= 12 && row.cells.len() == 1)
                .then_some(above_row)
                .flatten()
                .and_then(|a| rows[a].standalone().map(|n| (a, n)));
            // for an open end: a plan name right after
            let after_name = if matches!(s.shape, Shape::Open | Shape::OpenMark) {
                let skip = OPEN_TAIL.find(&text[s.range.end..]).map_or(0, |m| m.end());
                let at = s.range.end + skip;
                row.names.iter().find(|n| n.range.start == at)
            } else {
                None
            };
            // a heading that puts the period in front of the plan name:
            // `R5年度～R9年度 港区産業振興プラン`
            let lead = text.get(cell.start..s.range.start).unwrap_or_default();
            let heading_name = row
                .names
                .iter()
                .find(|n| n.range.start >= s.range.end && n.range.end <= cell.end)
                .filter(|n| {
                    let gap = text.get(s.range.end..n.range.start).unwrap_or_default();
                    let tail = text.get(n.range.end..cell.end).unwrap_or_default();
                    lead.chars().all(is_boundary)
                        && gap.chars().all(|c| is_boundary(c) || ")〕】》".contains(c))
                        && tail
                            .chars()
                            .all(|c| is_boundary(c) || ")〕】》」".contains(c))
                });
            let first_cell = row.names.iter().find(|n| {
                row.cells.len() > 1
                    && n.range.start == row.cells[0].start
                    && n.range.end <= row.cells[0].end
                    && !cell.contains(&n.range.start)
            });
            // a table row: a plan in the first cell, the span (and little
            // else) in its own cell: `基本構想 | 令和3年度～令和12年度(10年間)`
            let table_row = first_cell.is_some() && rest_len <= 12;
            // a phase: `前期 | R6～R8年度`, `基本計画 | 前期:令和3年度～…`
            let phase = PHASE_LEAD
                .captures(lead)
                .or_else(|| {
                    (row.cells.len() > 1 && !cell.contains(&row.cells[0].start))
                        .then(|| PHASE_WORD.captures(&text[row.cells[0].clone()]))
                        .flatten()
                })
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string());
            // a phase after a plan name: `アクションプランは前期(R7～R11年度)`
            let named_phase = if phase.is_none() {
                PHASE_TAIL.captures(lead).and_then(|c| {
                    let word = c.get(1)?;
                    let at = cell.start + word.start();
                    let n = row.names.iter().rev().find(|n| {
                        n.range.end <= at
                            && n.range.start >= sent.start.max(cell.start)
                            && PHASE_GAP.is_match(text.get(n.range.end..at).unwrap_or_default())
                    })?;
                    Some((word.as_str().to_string(), n))
                })
            } else {
                None
            };
            let carried = phase_base
                .as_ref()
                .filter(|(pr, _)| r - pr <= 2 && row.names.is_empty())
                .map(|(_, b)| b.clone());
            let near_label = label_rows[r.saturating_sub(6)..r].iter().any(|&l| l);
            let phase_ok = phase.is_some()
                && (first_cell.is_some() || carried.is_some() || near_label)
                && rest_len <= 12;
            // a range that goes on a sentence whose earlier range was
            // accepted: `前期を…まで、後期を…までとします`, `A ⇒ B`
            let continued = last_accepted.is_some_and(|(lr, ls)| lr == r && ls == sent.start);
            // a range of the stated length naming what it is for:
            // `2018年度から2022年度までの5年間の中期目標`
            let for_goal = s
                .stated_len
                .is_some_and(|n| s.end.is_some_and(|e| e - s.start + 1 == n as i32))
                && GOAL_AFTER.is_match(after);
            let named_in_sentence = row
                .names
                .iter()
                .any(|n| n.range.start >= sent.start && n.range.end <= sent.end);
            // a plan made over the span: `…から…までの間、…行動計画を策定し`
            let drawn_up = row.names.iter().any(|n| {
                n.range.start >= s.range.end
                    && n.range.end <= sent.end
                    && DRAWN_UP.is_match(text.get(n.range.end..).unwrap_or_default())
            });
            let accepted = match s.shape {
                _ if s.weak => (labelled || continued || named_in_sentence) && !data,
                Shape::OpenMark => labelled,
                Shape::Open => labelled || after_name.is_some() || (immediate.is_some() && !data),
                Shape::Range | Shape::Length => {
                    labelled
                        || s.stated
                        || (!data
                            && (immediate.is_some()
                                || above.is_some()
                                || heading_name.is_some()
                                || in_timeline
                                || table_row
                                || phase_ok
                                || named_phase.is_some()
                                || continued
                                || for_goal
                                || drawn_up))
                }
            };
            if !accepted {
                continue;
            }
            last_accepted = Some((r, sent.start));
            if let Some(end) = s.end
                && (end < s.start || end - s.start >= MAX_YEARS)
            {
                warnings.push(Warning::new(
                    row.line.number,
                    format!(
                        "period {} runs from {} to {end}; not read as a period",
                        &text[s.range.clone()],
                        s.start
                    ),
                ));
                continue;
            }
            // the subject
            let topic =
                row.names.iter().rev().find(|n| {
                    n.topic && n.range.end <= s.range.start && n.range.start >= sent.start
                });
            let named = after_name.or(immediate).or(topic).or(heading_name);
            let phase_subject = match (&phase, named) {
                (Some(ph), None) => {
                    let base = if let Some(n) = first_cell {
                        res.resolve(r, n).0
                    } else if carried.is_some() {
                        carried.clone()
                    } else {
                        last_found
                            .as_ref()
                            .filter(|(fr, _)| *fr + 6 >= r && *fr < r)
                            .and_then(|(_, sub)| sub.clone())
                            .or_else(|| title.clone())
                    };
                    base.map(|b| {
                        phase_base = Some((r, b.clone()));
                        with_phase(&b, ph)
                    })
                }
                _ => None,
            };
            let phase_subject = phase_subject.or_else(|| {
                let (ph, n) = named_phase.as_ref()?;
                res.resolve(r, n).0.map(|b| with_phase(&b, ph))
            });
            let (subject, source) = if let Some(sub) = phase_subject {
                (Some(sub), Source::Named)
            } else if let Some(n) = named {
                res.resolve(r, n)
            } else if let Some(n) = first_cell {
                res.resolve(r, n)
            } else if let Some((a, n)) = above {
                res.resolve(a, n)
            } else if let Some(t) = &title {
                (Some(t.clone()), Source::Title)
            } else {
                (None, Source::None)
            };
            if let (Some(end), Some(len)) = (s.end, s.stated_len) {
                let span_len = end - s.start + 1;
                if span_len != len as i32 {
                    warnings.push(Warning::new(
                        row.line.number,
                        format!(
                            "period {} spans {span_len} years ({}–{end}) but the text says {len}",
                            &text[s.range.clone()],
                            s.start
                        ),
                    ));
                }
            }
            last_found = Some((r, subject.clone()));
            found.push((period(row, &s, subject), source, r));
        }
        for (_, msg) in probs {
            warnings.push(Warning::new(row.line.number, msg));
        }
    }

    found.sort_by_key(|(p, _, _)| p.line);
    // drop repeats of the same period of the same plan
    let mut out: Vec<(Period, Source, usize)> = Vec::new();
    for f in found {
        let dup = out.iter().any(|(p, _, _)| {
            p.subject == f.0.subject
                && p.start == f.0.start
                && p.end == f.0.end
                && p.unit == f.0.unit
        });
        if !dup {
            out.push(f);
        }
    }
    mark_own(&mut out, title.as_deref());
    out.into_iter().map(|(p, _, _)| p).collect()
}

fn period(row: &Row<'_>, s: &Span, subject: Option<String>) -> Period {
    Period {
        subject,
        start: s.start,
        end: s.end,
        unit: s.unit,
        text: row
            .text
            .get(s.range.clone())
            .unwrap_or_default()
            .replace('\t', " "),
        line: row.line.number,
        own: false,
    }
}

/// The document's own period: on the cover, under the title; else the
/// newest period of the title plan.
fn mark_own(found: &mut [(Period, Source, usize)], title: Option<&str>) {
    const COVER_ROWS: usize = 8;
    let of_title = |p: &Period, src: Source| {
        src == Source::Title || title.is_some_and(|t| p.subject.as_deref() == Some(t))
    };
    let cover = found.iter().position(|(p, src, r)| {
        *r < COVER_ROWS
            && p.end.is_some()
            && (of_title(p, *src)
                || title.is_some_and(|t| {
                    p.subject
                        .as_deref()
                        .is_some_and(|s| s.strip_prefix(t).is_some_and(|r| r.starts_with(' ')))
                }))
    });
    let pick = cover.or_else(|| {
        found
            .iter()
            .enumerate()
            .filter(|(_, (p, src, _))| of_title(p, *src) && p.end.is_some())
            .max_by(|(ia, (a, _, _)), (ib, (b, _, _))| a.start.cmp(&b.start).then(ib.cmp(ia)))
            .map(|(i, _)| i)
    });
    if let Some(i) = pick {
        found[i].0.own = true;
    }
}

#[cfg(test)]
#[path = "period/generalization_tests.rs"]
mod generalization_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines_from;
    use proptest::prelude::*;

    const FY: Unit = Unit::FiscalYear;
    const Y: Unit = Unit::Year;

    /// Read the periods of `text` (also used by the generalization tests).
    pub(super) fn run(text: &str, title: Option<&str>) -> (Vec<Period>, Vec<Warning>) {
        let lines = lines_from(text);
        let mut w = Vec::new();
        let p = extract(Doc::new(&lines), title, &mut w);
        (p, w)
    }

    fn spans_of(p: &[Period]) -> Vec<(i32, Option<i32>, Unit)> {
        p.iter().map(|p| (p.start, p.end, p.unit)).collect()
    }

    /// Phrases that state a period, each with the label that makes it a
    /// plan period, and what they read as.
    const PHRASES: &[(&str, i32, Option<i32>, Unit)] = &[
        (
            "計画期間:令和8(2026)～令和19(2037)年度",
            2026,
            Some(2037),
            FY,
        ),
        (
            "計画期間:令和8(2026)年度～令和11(2029)年度",
            2026,
            Some(2029),
            FY,
        ),
        ("計画期間:令和5年度～令和9年度", 2023, Some(2027), FY),
        (
            "計画期間は平成30年度から令和9年度までの10年間とします。",
            2018,
            Some(2027),
            FY,
        ),
        ("計画期間:令和元年度～令和5年度", 2019, Some(2023), FY),
        ("計画期間:平成31年～令和5年", 2019, Some(2023), Y),
        ("計画期間:昭和60年度～平成元年度", 1985, Some(1989), FY),
        ("計画期間:昭和64年～平成5年", 1989, Some(1993), Y),
        ("計画期間:R7～R9年度", 2025, Some(2027), FY),
        ("計画期間:H28～R7年度", 2016, Some(2025), FY),
        ("計画期間:R元～R5年度", 2019, Some(2023), FY),
        ("計画期間:R2～9年度", 2020, Some(2027), FY),
        ("計画期間:令和2～6年度", 2020, Some(2024), FY),
        ("計画期間:令和2年度～6年度", 2020, Some(2024), FY),
        ("計画期間:２０１９～２０２５", 2019, Some(2025), Y),
        ("〔計画期間：２０１６～２０２５〕", 2016, Some(2025), Y),
        ("計画期間:令和2年度〜令和6年度", 2020, Some(2024), FY),
        ("計画期間:令和2年度~令和6年度", 2020, Some(2024), FY),
        ("計画期間:令和2年度－令和6年度", 2020, Some(2024), FY),
        ("計画期間:令和2年度‐令和6年度", 2020, Some(2024), FY),
        ("計画期間:令和2年度–令和6年度", 2020, Some(2024), FY),
        ("計画期間:2020年度-2024年度", 2020, Some(2024), FY),
        ("計画期間:2020－2024", 2020, Some(2024), Y),
        // projected years of 平成 (plans written before May 2019)
        ("計画期間:平成29年度～平成38年度", 2017, Some(2026), FY),
        (
            "計画期間は平成28年度から35年度までの8年間",
            2016,
            Some(2023),
            FY,
        ),
        // other labels, spaced years, a label as the sentence's topic
        ("対象期間:令和3年度～令和7年度", 2021, Some(2025), FY),
        (
            "○推進期間は、県の計画と同じく 2021 年度から 2025 年度までとします。",
            2021,
            Some(2025),
            FY,
        ),
        // the Gregorian year first, the era year in brackets, 度 after them
        (
            "計画期間 5年間(2021年(令和3年)度～2025年(令和7年)度)",
            2021,
            Some(2025),
            FY,
        ),
        // two consecutive years of one era
        ("計画期間:令和6・7年度", 2024, Some(2025), FY),
        // era years with dotted months: April to March
        (
            "北市観光ビジョン(第2期R2.4～R7.3)を策定",
            2020,
            Some(2024),
            FY,
        ),
        // an end and a length
        (
            "計画期間である令和7年度までの5年間、取組を進めました。",
            2021,
            Some(2025),
            FY,
        ),
        // words between the ends of a range
        (
            "計画期間は令和2年4月から事業の効果が現れると見込まれる令和7年3月までとする。",
            2020,
            Some(2024),
            FY,
        ),
        // a start and an end told as events
        (
            "令和元年度にスタートした北市観光ビジョンが令和5年度末で終期を迎えました。",
            2019,
            Some(2023),
            FY,
        ),
        // a range of the stated length naming what it sets
        (
            "2021年度から2025年度までの5年間の中期目標を定めました。",
            2021,
            Some(2025),
            FY,
        ),
        // a plan drawn up over the span
        (
            "令和元年度から令和5年度までの間、北市行動計画を策定し",
            2019,
            Some(2023),
            FY,
        ),
        ("計画期間:2020年～2024年", 2020, Some(2024), Y),
        ("計画期間:令和2年度から令和6年度まで", 2020, Some(2024), FY),
        (
            "計画期間:令和7年度から令和9年度の3年間",
            2025,
            Some(2027),
            FY,
        ),
        (
            "計画期間:令和6年度～令和10年度(5年間)",
            2024,
            Some(2028),
            FY,
        ),
        (
            "計画期間:令和6(2024)年度～令和10(2028)年度",
            2024,
            Some(2028),
            FY,
        ),
        ("計画期間:令和八年度～令和十二年度", 2026, Some(2030), FY),
        ("計画期間:二〇二四年度～二〇二八年度", 2024, Some(2028), FY),
        ("計画期間：Ｒ６年度～Ｒ１０年度", 2024, Some(2028), FY),
        ("計画期間：令和６年度 ～ 令和１０年度", 2024, Some(2028), FY),
        (
            "4か年(令和8(2026)～令和11(2029)年度)を計画期間とします。",
            2026,
            Some(2029),
            FY,
        ),
        (
            "令和8(2026)～令和19(2037)年度までの12年間を新たな計画期間とし、",
            2026,
            Some(2037),
            FY,
        ),
        ("計画期間:令和8年度から12年間", 2026, Some(2037), FY),
        (
            "計画期間は令和8年度からの5か年とします。",
            2026,
            Some(2030),
            FY,
        ),
        ("計画期間は2024年から10年間です。", 2024, Some(2033), Y),
        ("計画期間:令和7年度以降", 2025, None, FY),
        ("計画期間:令和7年度～", 2025, None, FY),
        (
            "本プランの計画期間は令和3年度から令和7年度までとします。",
            2021,
            Some(2025),
            FY,
        ),
        (
            "本計画の期間は、令和６年度から令和１０年度までの５年間とします。",
            2024,
            Some(2028),
            FY,
        ),
    ];

    #[test]
    fn reads_period_phrases() {
        for (text, start, end, unit) in PHRASES {
            let (p, w) = run(text, Some("北市産業振興計画"));
            assert_eq!(spans_of(&p), vec![(*start, *end, *unit)], "{text}");
            assert!(w.is_empty(), "{text}: {w:?}");
            assert_eq!(p[0].line, 1, "{text}");
        }
    }

    /// Text that holds no plan period: single years, data ranges, dates,
    /// and invalid years (which also warn).
    const NOT_PERIODS: &[(&str, Option<&str>)] = &[
        ("令和6年度末をもって廃止します。", None),
        // statistics with words between the years, no label
        ("人口は令和2年から減少が続き令和6年まで", None),
        ("2015年度から2024年度までの10年間の観光客数の推移", None),
        // two years of one era that are not consecutive are a list
        ("計画期間:令和6・9年度", None),
        ("現行計画は令和6年度までの計画となっています。", None),
        ("2016年\n2017年\n2018年\n2019年", None),
        ("(2016年策定)", None),
        ("令和5年3月 北市", None),
        (
            "平成21(2009)年～平成28(2016)年の「経済センサス」の数値と単純比較はできない。",
            None,
        ),
        (
            "出典:総務省「経済センサス」【平成21(2009)年から令和3(2021)年】",
            None,
        ),
        (
            "被害額が平成27(2015)年からの10年間で2番目に高くなっています。",
            None,
        ),
        (
            "事業所数は平成26(2014)年以降、ほぼ横ばいで推移しています。",
            None,
        ),
        ("平成21(2009)年以降の「経済センサス」の数値", None),
        ("主な検証意見(令和6年度以降～)", None),
        ("人口は2020年～2045年にかけて減少する見込みです。", None),
        ("北市産業振興計画(令和2年度～令和4年度の推移)", None),
        ("R2\tR3\tR4\tR5\tR6\tR7\tR8\tR9", None),
        ("指標名\t現状\tR5～R9", None),
        ("電話:029-883-1111", None),
        ("更新日:2024年03月08日", None),
        ("国の総合経済対策(R5.11.2閣議決定)", None),
        ("計画期間中の2020年～2022年はコロナ禍で停滞しました。", None),
        ("計画期間:令和0年度～令和4年度", Some("令和0年")),
        ("計画期間:平成28年度～平成62年度", Some("平成62年")),
        ("計画期間:令和8(2027)年度～令和12(2030)年度", Some("(2027)")),
        (
            "計画期間:令和9年度～令和5年度",
            Some("not read as a period"),
        ),
        ("計画期間:平成62年度以降", Some("平成62年")),
    ];

    #[test]
    fn rejects_what_is_not_a_period() {
        for (text, warning) in NOT_PERIODS {
            let (p, w) = run(text, Some("北市産業振興計画"));
            assert!(p.is_empty(), "{text}: {p:?}");
            match warning {
                Some(msg) => assert!(
                    w.iter().any(|w| w.message.contains(msg) && w.line >= 1),
                    "{text}: {w:?}"
                ),
                None => assert!(w.is_empty(), "{text}: {w:?}"),
            }
        }
    }

    #[test]
    fn length_that_contradicts_the_range_warns() {
        let (p, w) = run("計画期間:令和5年度から令和9年度までの4年間", None);
        assert_eq!(spans_of(&p), vec![(2023, Some(2027), FY)]);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("5 years") && w[0].message.contains("says 4"));
        let (_, w) = run(
            "5か年(令和8(2026)～令和11(2029)年度)を計画期間とします。",
            None,
        );
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn text_is_the_phrase() {
        let (p, _) = run(
            "本ビジョンは、平成30年度から令和9年度までの10年間を計画期間とし、",
            Some("X"),
        );
        assert_eq!(p[0].text, "平成30年度から令和9年度までの10年間");
        let (p, _) = run("総合計画 基本計画 (R2～9年度)", None);
        assert_eq!(p[0].text, "R2～9年度");
    }

    /// Subject, start, end, line, own.
    type Got = (Option<String>, i32, Option<i32>, usize, bool);

    fn subjects(text: &str, title: Option<&str>) -> Vec<Got> {
        run(text, title)
            .0
            .into_iter()
            .map(|p| (p.subject, p.start, p.end, p.line, p.own))
            .collect()
    }

    /// `Some(x)` as an owned subject.
    pub(super) fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn cover_period_under_title_and_part() {
        let got = subjects(
            "\n北市 産業振興ビジョン\n\n《後期アクションプラン》\n\n令和5年度～令和9年度\n\n概要版\n",
            Some("北市産業振興ビジョン"),
        );
        assert_eq!(
            got,
            vec![(
                s("北市産業振興ビジョン 後期アクションプラン"),
                2023,
                Some(2027),
                6,
                true
            )]
        );
    }

    #[test]
    fn one_sentence_three_periods() {
        let got = subjects(
            "本ビジョンは、平成30年度から令和9年度までの10年間を計画期間とし、前期アクションプラン（平成30年度～令和4年度）に続く後期アクションプランとして、計画期間は令和5年度から令和9年度の5年間とします。",
            Some("北市産業振興ビジョン"),
        );
        assert_eq!(
            got,
            vec![
                (s("北市産業振興ビジョン"), 2018, Some(2027), 1, true),
                (
                    s("北市産業振興ビジョン 前期アクションプラン"),
                    2018,
                    Some(2022),
                    1,
                    false
                ),
                (
                    s("北市産業振興ビジョン 後期アクションプラン"),
                    2023,
                    Some(2027),
                    1,
                    false
                ),
            ]
        );
    }

    #[test]
    fn phase_table() {
        let text = "【北市総合計画及び「北市産業振興プラン」の計画期間】\n北市総合計画\t□ 基本構想:今後30年程度を展望\n\t□ 基本計画:令和8(2026)年度から令和19(2037)年度までの12年間\n\t第4期 実施計画\t第5期 実施計画\t第6期 実施計画\n令和8(2026)年度～令和11(2029)年度\t\t令和12(2030)年度～令和15(2033)年度\t令和16(2034)年度～令和19(2037)年度\n北市産業振興プラン\t□ 計画期間:令和8(2026)年度から令和19(2037)年度までの12年間\n\t第4期 実行プログラム\t第5期 実行プログラム\n\t令和8(2026)年度～令和11(2029)年度\t令和12(2030)年度～令和15(2033)年度\n";
        let got = subjects(text, Some("北市産業振興プラン"));
        assert_eq!(
            got,
            vec![
                (s("北市総合計画 基本計画"), 2026, Some(2037), 3, false),
                (s("北市総合計画 第4期実施計画"), 2026, Some(2029), 5, false),
                (s("北市総合計画 第5期実施計画"), 2030, Some(2033), 5, false),
                (s("北市総合計画 第6期実施計画"), 2034, Some(2037), 5, false),
                (s("北市産業振興プラン"), 2026, Some(2037), 6, true),
                (
                    s("北市産業振興プラン 第4期実行プログラム"),
                    2026,
                    Some(2029),
                    8,
                    false
                ),
                (
                    s("北市産業振興プラン 第5期実行プログラム"),
                    2030,
                    Some(2033),
                    8,
                    false
                ),
            ]
        );
    }

    #[test]
    fn timeline_table() {
        let text = "R2\tR3\tR4\tR5\tR6\tR7\tR8\tR9\n総合計画 基本計画 (R2～9年度)\nみなみ産業振興ビジョン2025 (H28～R7年度) ※令和6年度末をもって廃止\t\tみなみ産業振興ビジョン (R7～R9年度)\n(参考) 国の総合経済対策 (変革期間3年間程度)\n";
        let got = subjects(text, Some("みなみ産業振興ビジョン"));
        assert_eq!(
            got,
            vec![
                (s("総合計画 基本計画"), 2020, Some(2027), 2, false),
                (s("みなみ産業振興ビジョン2025"), 2016, Some(2025), 3, false),
                (s("みなみ産業振興ビジョン"), 2025, Some(2027), 3, true),
            ]
        );
    }

    #[test]
    fn open_end_of_the_next_plan() {
        let got = subjects(
            "第2次きた市産業戦略\n\n現行のきた市産業戦略が令和6年度までの計画となっているため、令和7年度以降について次期戦略の策定を行っています。",
            Some("きた市産業戦略"),
        );
        assert_eq!(got, vec![(s("第2次きた市産業戦略"), 2025, None, 3, false)]);
    }

    #[test]
    fn subject_is_the_topic_not_the_nearest_name() {
        let got = subjects(
            "「北市産業振興プラン 第4期実行プログラム」について、総合計画第4期実施計画と連動し、令和8(2026)~令和11(2029)年度までの4年間を計画期間とします。",
            Some("北市産業振興プラン"),
        );
        assert_eq!(got[0].0, s("北市産業振興プラン 第4期実行プログラム"));
        let got = subjects(
            "総合計画の改定方針を踏まえ、次期「北市産業振興プラン」は、令和8(2026)～令和19(2037)年度までの12年間を新たな計画期間とし、",
            None,
        );
        assert_eq!(got[0].0, s("北市産業振興プラン"));
        let got = subjects(
            "上位計画である総合計画との整合を図り、計画期間を令和7年度～令和11年度とします。",
            Some("北市産業振興計画"),
        );
        assert_eq!(
            got,
            vec![(s("北市産業振興計画"), 2025, Some(2029), 1, true)]
        );
    }

    #[test]
    fn current_and_previous_plan() {
        let got = subjects(
            "- 本市では、現行の「北市産業振興プラン」(平成28(2016)～令和7(2025)年度)の策定以降、",
            Some("北市産業振興プラン"),
        );
        assert_eq!(
            got,
            vec![(s("北市産業振興プラン"), 2016, Some(2025), 1, true)]
        );
        let got = subjects(
            "本計画の期間は、令和６年度から令和１０年度までの５年間とします。\nなお、前計画（平成２８年度～令和５年度）の成果と課題を踏まえて策定しています。",
            Some("北市商工業振興計画(第2次)"),
        );
        assert_eq!(
            got,
            vec![
                (s("北市商工業振興計画(第2次)"), 2024, Some(2028), 1, true),
                (s("北市商工業振興計画"), 2016, Some(2023), 2, false),
            ]
        );
    }

    #[test]
    fn period_in_front_of_the_name() {
        let got = subjects(
            "Ｒ５年度～Ｒ９年度 南区産業振興プラン\n\n南区の産業振興",
            Some("南区産業振興プラン"),
        );
        assert_eq!(
            got,
            vec![(s("南区産業振興プラン"), 2023, Some(2027), 1, true)]
        );
    }

    #[test]
    fn plan_name_line_above() {
        let got = subjects(
            "（２０１６年策定）\n\n第５次総合計画\n〔計画期間：２０１６～２０２５〕\n\n北市産業振興戦略ビジョン\n〔計画期間：２０１９～２０２３〕\n",
            Some("北市産業振興戦略ビジョン"),
        );
        assert_eq!(
            got,
            vec![
                (s("第5次総合計画"), 2016, Some(2025), 4, false),
                (s("北市産業振興戦略ビジョン"), 2019, Some(2023), 7, true),
            ]
        );
    }

    #[test]
    fn phrase_broken_across_lines() {
        let got = subjects(
            "計画期間は令和8年度から\n令和12年度までの5年間とします。",
            None,
        );
        assert_eq!(got, vec![(None, 2026, Some(2030), 1, false)]);
    }

    #[test]
    fn repeated_period_is_kept_once() {
        let (p, _) = run(
            "計画期間:令和5年度～令和9年度\n本ビジョンの計画期間は令和5年度から令和9年度までです。",
            Some("北市産業振興ビジョン"),
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 1);
    }

    #[test]
    fn subject_normalization() {
        assert_eq!(
            normalize_subject("「北市産業振興プラン 第4期実行プログラム」"),
            "北市産業振興プラン 第4期実行プログラム"
        );
        assert_eq!(normalize_subject("総合計画基本計画"), "総合計画 基本計画");
        assert_eq!(
            normalize_subject("総合計画第4期実施計画"),
            "総合計画 第4期実施計画"
        );
        assert_eq!(
            normalize_subject("北市ビジョン後期アクションプラン"),
            "北市ビジョン 後期アクションプラン"
        );
        assert_eq!(normalize_subject("第2次北市産業戦略"), "第2次北市産業戦略");
    }

    #[test]
    fn phrase_table_is_large_enough() {
        assert!(PHRASES.len() + NOT_PERIODS.len() >= 60);
    }

    /// Pieces period text is made of, so that random text reaches the rules.
    const PIECES: &[&str] = &[
        "計画期間",
        "令和",
        "平成",
        "昭和",
        "R",
        "H",
        "S",
        "元",
        "年度",
        "年",
        "～",
        "〜",
        "~",
        "-",
        "‐",
        "－",
        "から",
        "まで",
        "の",
        "以降",
        "年間",
        "か年",
        "(2026)",
        "(",
        ")",
        "1",
        "9",
        "12",
        "2019",
        "二〇二六",
        "十",
        "\t",
        " ",
        "\n",
        "プラン",
        "ビジョン",
        "計画",
        "第4期",
        "実施計画",
        "本",
        "次期",
        "「",
        "」",
        "、",
        "。",
        "は",
        "について",
        "北市",
        "さがみ",
        "ｱ",
        "１",
        "ー",
        "〔",
        "〕",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_arbitrary_strings(text in "\\PC{0,200}") {
            let _ = run(&text, Some("北市産業振興計画"));
            let _ = run(&text, None);
            let _ = wareki::parse_year(&text);
            let _ = wareki::find_years(&text);
        }

        #[test]
        fn never_panics_on_period_like_text(parts in prop::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = parts.iter().map(|&i| PIECES[i]).collect();
            let lines = lines_from(&text);
            let mut w = Vec::new();
            let p = extract(Doc::new(&lines), Some("北市産業振興計画"), &mut w);
            for p in &p {
                prop_assert!(p.line >= 1 && p.line <= lines.len());
                prop_assert!(p.end.is_none_or(|e| e >= p.start));
            }
            for w in &w {
                prop_assert!(w.line >= 1 && w.line <= lines.len());
            }
        }
    }
}
