//! Cells of a KPI table: year labels, numbers with units, rates, status
//! words, and the tokenizer that splits a table line into them.

use std::sync::LazyLock;

use regex::Regex;

/// Units a value or an indicator's brackets may carry
/// (`dictionaries/vocab/kpi.txt`), longest first, as a regex alternation.
pub(super) static UNITS: LazyLock<String> = LazyLock::new(|| {
    crate::vocab::get()
        .kpi_units
        .iter()
        .map(|u| regex::escape(u))
        .collect::<Vec<_>>()
        .join("|")
});

static UNIT_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{})$", *UNITS)).expect("valid regex"));

/// A number, optionally signed (`▲`, `△`, `-`), with thousands separators.
pub(super) const NUM: &str = r"[▲△▼\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";

static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    let units = &*UNITS;
    Regex::new(&format!(
        r"^(?:約|概ね|延べ|累計)?({NUM})({units})?(?:以上|以下|超|未満|程度)?(?:\((?:累計|累積|延べ|見込み?)\))?(?:\(([^()]{{1,14}})\))?$"
    ))
    .expect("valid regex")
});

static RATE: LazyLock<Regex> = LazyLock::new(|| {
    let units = &*UNITS;
    Regex::new(&format!(
        r"^(?:年間|毎年度?)?({NUM})\s*({units})?\s*/\s*(?:年度?|月|週|日|回|期)$|^(?:年間|毎年度?)({NUM})\s*({units})?$"
    ))
    .expect("valid regex")
});

static ERA_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:FY)?(令和|平成|昭和|R|H|S)(\d{1,2}|元)(?:\((?:19|20)\d\d\))?(?:年度|年)?(?:末|時点|実績|目標|累計|累積|見込み?)?$",
    )
    .expect("valid regex")
});

static GREGORIAN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:FY)?((?:19|20)\d\d)(年度|年)?(?:末|時点|実績|目標|累計|累積|見込み?)?$")
        .expect("valid regex")
});

static GREGORIAN_IN_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(((?:19|20)\d\d)\)").expect("valid regex"));

/// An era or Gregorian year anywhere in a phrase (for indicators such as
/// `R2までの計画認定件数` or `R4年付加価値額創出`).
static YEAR_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^A-Za-z0-9])(令和|平成|昭和|R|H)(\d{1,2}|元)(?:年度|年|まで|末)|((?:19|20)\d\d)(?:年度|年)")
        .expect("valid regex")
});

static NODE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}(?:-\d{1,2}){1,3}$").expect("valid regex"));

static PAREN_BASE: LazyLock<Regex> = LazyLock::new(|| {
    let units = &*UNITS;
    Regex::new(&format!(
        r"^\(\s*([^\s()]+?)\s*[:：]?\s*({NUM})\s*({units})?\s*\)$"
    ))
    .expect("valid regex")
});

static UNIT_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    let units = &*UNITS;
    Regex::new(&format!(
        r"^(.+?)\s*[(\[【](?:単位[:：]?)?\s*({units})\s*[)\]】]$"
    ))
    .expect("valid regex")
});

/// A target stated as a direction or a change, not a level: `増加`, `維持`,
/// `現状値以下`, `5ポイント増`, `前年度比10%増`.
static GOAL: LazyLock<Regex> = LazyLock::new(|| {
    let units = &*UNITS;
    Regex::new(&format!(
        r"^(?:(?:現状値?|基準値?|前年度?|策定時)(?:比|より|から|を|の)?)?(?:約)?(?:({NUM})\s*({units})?\s*(?:の)?)?(?:増加|増|減少|減|向上|上昇|維持|拡大|改善|削減|縮小|以上|以下)(?:を目指す|させる|を図る)?$"
    ))
    .expect("valid regex")
});

/// A direction or change target (`増加`, `5ポイント増`) with its unit. A
/// bare `以上` / `以下` / `増` is none.
pub(crate) fn parse_goal(s: &str) -> Option<(String, Option<String>)> {
    let s = s.trim();
    if matches!(s, "以上" | "以下" | "増" | "減") {
        return None;
    }
    let c = GOAL.captures(s)?;
    Some((s.to_string(), c.get(2).map(|m| m.as_str().to_string())))
}

/// A grade or a mark in a status column: `A`, `B+`, `○`, `△`, `×`.
pub(crate) fn grade(s: &str) -> Option<String> {
    let s = s.trim();
    let mut chars = s.chars();
    let first = chars.next()?;
    let rest: String = chars.collect();
    let ok = match first {
        'S' | 'A' | 'B' | 'C' | 'D' | 'E' => rest.is_empty() || rest == "+" || rest == "-",
        '◎' | '○' | '〇' | '△' | '▲' | '×' | '✕' | '✖' | '●' => rest.is_empty(),
        _ => false,
    };
    ok.then(|| s.to_string())
}

/// The Gregorian year of an era year, by the shared 和暦 rules
/// ([`crate::wareki`]): 令和0 or 平成62 are not years.
fn era_year(era: &str, n: &str) -> Option<i32> {
    let n = crate::wareki::parse_number(n)?;
    crate::wareki::era_year(era, n).ok()
}

/// A year label standing alone: `R5`, `H30`, `令和元年度`, `2023年度`,
/// `令和5(2023)年度`. A bare `2023` counts only when `bare` is set (in a
/// header, not in a value cell).
pub(crate) fn year_label(s: &str, bare: bool) -> Option<i32> {
    let s = s.trim();
    if let Some(c) = ERA_YEAR.captures(s) {
        // A Gregorian year in brackets is the more reliable reading.
        if let Some(g) = GREGORIAN_IN_BRACKETS
            .captures(s)
            .and_then(|g| g.get(1))
            .and_then(|g| g.as_str().parse().ok())
        {
            return Some(g);
        }
        return era_year(c.get(1)?.as_str(), c.get(2)?.as_str());
    }
    let c = GREGORIAN_YEAR.captures(s)?;
    if c.get(2).is_none() && !bare {
        return None;
    }
    c.get(1)?.as_str().parse().ok()
}

/// The first year named inside a phrase.
pub(crate) fn year_in_text(s: &str) -> Option<i32> {
    let c = YEAR_IN_TEXT.captures(s)?;
    if let Some(g) = c.get(3) {
        return g.as_str().parse().ok();
    }
    era_year(c.get(1)?.as_str(), c.get(2)?.as_str())
}

/// A number: `9,095` → 9095, `▲891` → -891, `84.6`.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, rest) = match s.chars().next() {
        Some(c @ ('▲' | '△' | '▼' | '-' | '−')) => (true, &s[c.len_utf8()..]),
        _ => (false, s),
    };
    let digits: String = rest.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let v: f64 = digits.parse().ok()?;
    v.is_finite().then_some(if neg { -v } else { v })
}

/// A value cell: a number with an optional unit and an optional year in
/// brackets (`20件(R4)`).
pub(crate) fn parse_value(s: &str) -> Option<(f64, Option<String>, Option<i32>)> {
    let c = VALUE.captures(s.trim())?;
    let v = parse_number(c.get(1)?.as_str())?;
    let unit = c.get(2).map(|m| m.as_str().to_string());
    let year = match c.get(3) {
        Some(m) => Some(year_label(m.as_str(), true)?),
        None => None,
    };
    Some((v, unit, year))
}

/// A rate target (`10件/年`), returned as its text without spaces and its
/// unit.
pub(crate) fn parse_rate(s: &str) -> Option<(String, Option<String>)> {
    let c = RATE.captures(s.trim())?;
    let text: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let unit = c.get(2).or_else(|| c.get(4));
    Some((text, unit.map(|m| m.as_str().to_string())))
}

/// A cell that means "no value".
pub(crate) fn is_dash(s: &str) -> bool {
    matches!(
        s.trim(),
        "-" | "－" | "―" | "—" | "‐" | "−" | "–" | "ー" | "…" | "*" | "※" | "/" | "ー/"
    )
}

/// A status word (`未達成`, `概ね達成`, …; `dictionaries/vocab/kpi.txt`
/// `[status-values]`).
pub(crate) fn status_word(s: &str) -> Option<&'static str> {
    let s = s.trim();
    crate::vocab::get()
        .kpi_status_values
        .iter()
        .map(String::as_str)
        .find(|w| *w == s)
}

/// A strategy-node label at the start of a table row (`1-1` → `1.1`).
pub(crate) fn node_label(s: &str) -> Option<String> {
    NODE_LABEL.is_match(s).then(|| s.replace('-', "."))
}

/// Whether `s` is a unit word on its own (`件`, `億円`, `%`).
pub(crate) fn is_unit(s: &str) -> bool {
    UNIT_ONLY.is_match(s.trim())
}

/// Split a unit in the indicator's trailing brackets off the indicator:
/// `総生産額(億円)` → (`総生産額`, `億円`).
pub(crate) fn split_unit_bracket(s: &str) -> (String, Option<String>) {
    match UNIT_BRACKET.captures(s.trim()) {
        Some(c) => match (c.get(1), c.get(2)) {
            (Some(name), Some(unit)) => (
                name.as_str().trim().to_string(),
                Some(unit.as_str().to_string()),
            ),
            _ => (s.trim().to_string(), None),
        },
        None => (s.trim().to_string(), None),
    }
}

/// One cell of a table line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A strategy-node label (`1-1`), as an id (`1.1`).
    Label(String),
    /// Text: a project, an indicator, or a part of one.
    Text(String),
    /// A number, with its unit and a year written next to it.
    Value {
        /// The number.
        value: f64,
        /// Unit written with it.
        unit: Option<String>,
        /// Year written with it (`R1 9,095`, `20件(R4)`).
        year: Option<i32>,
        /// The cell as written.
        raw: String,
    },
    /// No value (`-`).
    Dash,
    /// A rate target (`10件/年`).
    Rate {
        /// As written, without spaces.
        text: String,
        /// Its unit.
        unit: Option<String>,
    },
    /// A baseline in brackets: `(H30 20)`.
    Paren {
        /// Its year.
        year: Option<i32>,
        /// Its value.
        value: f64,
    },
    /// A year label on its own.
    Year(i32),
    /// A unit word on its own.
    Unit(String),
    /// A status word.
    Status(String),
    /// A target stated as a direction or a change (`増加`, `5ポイント増`).
    Goal {
        /// As written.
        text: String,
        /// Its unit.
        unit: Option<String>,
    },
}

impl Tok {
    /// Whether the cell sits in a value column (value, dash or rate).
    pub(crate) fn is_valueish(&self) -> bool {
        matches!(
            self,
            Tok::Value { .. } | Tok::Dash | Tok::Rate { .. } | Tok::Goal { .. }
        )
    }
}

static CELL_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\t| {2,}|\u{3000}{1,}|\s*[|｜]\s*").expect("valid regex"));

/// Join words of one cell: Japanese words lose the space between them,
/// Latin words keep one.
fn join_words(words: &[&str]) -> String {
    let mut out = String::new();
    for w in words {
        let latin_gap = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_gap {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Classify one word (or merged words) of a cell.
fn classify(word: &str, first: bool) -> Tok {
    if let Some(s) = status_word(word) {
        return Tok::Status(s.to_string());
    }
    if is_dash(word) {
        return Tok::Dash;
    }
    if first && let Some(l) = node_label(word) {
        return Tok::Label(l);
    }
    if let Some((text, unit)) = parse_rate(word) {
        return Tok::Rate { text, unit };
    }
    if let Some((value, unit, year)) = parse_value(word) {
        return Tok::Value {
            value,
            unit,
            year,
            raw: word.to_string(),
        };
    }
    if let Some((text, unit)) = parse_goal(word) {
        return Tok::Goal { text, unit };
    }
    if let Some(y) = year_label(word, false) {
        return Tok::Year(y);
    }
    if let Some(c) = PAREN_BASE.captures(word) {
        let year = c.get(1).and_then(|m| year_label(m.as_str(), true));
        if let Some(value) = c.get(2).and_then(|m| parse_number(m.as_str()))
            && year.is_some()
        {
            return Tok::Paren { year, value };
        }
    }
    if is_unit(word) {
        return Tok::Unit(word.to_string());
    }
    Tok::Text(word.to_string())
}

/// Split a table line (its `spaced` form) into cells. Column gaps (tab,
/// two or more spaces) always separate cells; single spaces separate cells
/// too, except that adjacent text words inside one gap-delimited cell of a
/// line that has column gaps are one cell.
pub(crate) fn tokenize(line: &str) -> Vec<Tok> {
    let cells: Vec<&str> = CELL_GAP
        .split(line.trim())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let gapped = cells.len() > 1;
    let mut out: Vec<Tok> = Vec::new();
    for cell in cells {
        let words: Vec<&str> = cell.split_whitespace().collect();
        let mut toks: Vec<Tok> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            let first = out.is_empty() && toks.is_empty();
            // `(H30 20)`: a bracket opened and closed a few words later.
            if w.starts_with('(')
                && !w.contains(')')
                && let Some(end) = (i + 1..words.len().min(i + 4)).find(|&j| words[j].contains(')'))
            {
                let joined = words[i..=end].join(" ");
                let t = classify(&joined, first);
                if matches!(t, Tok::Paren { .. }) {
                    toks.push(t);
                    i = end + 1;
                    continue;
                }
            }
            // `10件/ 年`, `10件 /年`: a rate broken by a space.
            if i + 1 < words.len() && (w.ends_with('/') || words[i + 1].starts_with('/')) {
                let joined = format!("{}{}", w, words[i + 1]);
                if let Some((text, unit)) = parse_rate(&joined) {
                    toks.push(Tok::Rate { text, unit });
                    i += 2;
                    continue;
                }
            }
            // `概ね 達成`: a status word broken by a space.
            if let Some(next) = words.get(i + 1)
                && let Some(st) = status_word(&format!("{w}{next}"))
            {
                toks.push(Tok::Status(st.to_string()));
                i += 2;
                continue;
            }
            let t = classify(w, first);
            // `R1 9,095`: a year label and the value that belongs to it.
            if let Tok::Year(y) = t
                && let Some(Tok::Value {
                    value,
                    unit,
                    year: None,
                    raw,
                }) = words.get(i + 1).map(|n| classify(n, false))
            {
                toks.push(Tok::Value {
                    value,
                    unit,
                    year: Some(y),
                    raw,
                });
                i += 2;
                continue;
            }
            toks.push(t);
            i += 1;
        }
        if gapped {
            // Text words of one cell are one text (a phrase with a PDF space,
            // an indicator with its unit bracket).
            let mut merged: Vec<Tok> = Vec::new();
            for t in toks {
                match (merged.last_mut(), t) {
                    (Some(Tok::Text(a)), Tok::Text(b)) => *a = join_words(&[a.as_str(), &b]),
                    (_, t) => merged.push(t),
                }
            }
            toks = merged;
        }
        out.extend(toks);
    }
    attach_years(out)
}

/// `20件 (R4)`: a bracketed year after a value is the value's year; a year
/// cell followed by a value cell (`R4 | 20`) is that value's year.
fn attach_years(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        let bracket_year = match &t {
            Tok::Text(s) if s.starts_with('(') && s.ends_with(')') => {
                year_label(s.trim_start_matches('(').trim_end_matches(')'), true)
            }
            _ => None,
        };
        match (out.last_mut(), t) {
            (Some(Tok::Value { year: y @ None, .. }), _) if bracket_year.is_some() => {
                *y = bracket_year;
            }
            (
                Some(Tok::Year(y)),
                Tok::Value {
                    value,
                    unit,
                    year: None,
                    raw,
                },
            ) => {
                let y = *y;
                out.pop();
                out.push(Tok::Value {
                    value,
                    unit,
                    year: Some(y),
                    raw,
                });
            }
            (_, t) => out.push(t),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_label("R5", false), Some(2023));
        assert_eq!(year_label("H30", false), Some(2018));
        assert_eq!(year_label("令和元年度", false), Some(2019));
        assert_eq!(year_label("平成30年度", false), Some(2018));
        assert_eq!(year_label("昭和64年", false), Some(1989));
        assert_eq!(year_label("2023年度", false), Some(2023));
        assert_eq!(year_label("令和8(2026)年度", false), Some(2026));
        assert_eq!(year_label("2023", false), None);
        assert_eq!(year_label("2023", true), Some(2023));
        assert_eq!(year_label("R4年付加価値額", false), None);
        assert_eq!(year_in_text("R2までの計画認定件数"), Some(2020));
        assert_eq!(year_in_text("R4年付加価値額創出"), Some(2022));
        assert_eq!(year_in_text("会員就業率"), None);
    }

    #[test]
    fn values() {
        assert_eq!(parse_number("9,095"), Some(9095.0));
        assert_eq!(parse_number("▲891"), Some(-891.0));
        assert_eq!(parse_number("84.6"), Some(84.6));
        assert_eq!(parse_number("-"), None);
        assert_eq!(
            parse_value("255百万円"),
            Some((255.0, Some("百万円".into()), None))
        );
        assert_eq!(parse_value("95%"), Some((95.0, Some("%".into()), None)));
        assert_eq!(
            parse_value("20件(R4)"),
            Some((20.0, Some("件".into()), Some(2022)))
        );
        assert_eq!(parse_value("9月"), None);
        assert_eq!(
            parse_rate("160万人/年"),
            Some(("160万人/年".into(), Some("万人".into())))
        );
        assert!(is_dash("―") && is_dash("-"));
        assert_eq!(
            split_unit_bracket("総生産額(億円)"),
            ("総生産額".into(), Some("億円".into()))
        );
        assert_eq!(
            split_unit_bracket("会員就業率"),
            ("会員就業率".into(), None)
        );
    }

    #[test]
    fn tokens_of_a_progress_row() {
        let t = tokenize("1-2 地域未来投資促進法 R4年付加価値額創出 255百万円 ▲891 未達成");
        assert_eq!(t[0], Tok::Label("1.2".into()));
        assert_eq!(t[2], Tok::Text("R4年付加価値額創出".into()));
        assert!(matches!(t[3], Tok::Value { value, .. } if value == 255.0));
        assert!(matches!(t[4], Tok::Value { value, .. } if value == -891.0));
        assert_eq!(t[5], Tok::Status("未達成".into()));
        let t = tokenize("先端設備導入促進 R2までの計画認定件数 60件 (H30 20)");
        assert_eq!(
            t[3],
            Tok::Paren {
                year: Some(2018),
                value: 20.0
            }
        );
        let t = tokenize("企業立地件数 10件/ 年 1 - 3");
        assert_eq!(
            t[1],
            Tok::Rate {
                text: "10件/年".into(),
                unit: Some("件".into())
            }
        );
        assert_eq!(t[3], Tok::Dash);
    }

    #[test]
    fn tokens_of_a_gapped_row() {
        let t = tokenize("市内事業所 従業者数 (人)\tR3 114,500\tR5 114,700");
        assert_eq!(t[0], Tok::Text("市内事業所従業者数(人)".into()));
        assert!(matches!(t[1], Tok::Value { value, year: Some(2021), .. } if value == 114500.0));
        assert_eq!(tokenize("R3\tR5\tR6").len(), 3);
    }
}
