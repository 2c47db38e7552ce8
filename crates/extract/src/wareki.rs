//! 和暦 (令和, 平成, 昭和, 大正, 明治 and the abbreviations R, H, S) to
//! Gregorian years.
//!
//! Three levels of API:
//!
//! - [`era_year`] converts an era name and a year number (`"令和", 8` →
//!   2026), checking that the year can be written in that era: 令和0年 cannot;
//!   平成32年 can (2020): plans written before 平成 ended in May 2019 name
//!   their later years in 平成 (`平成32年度`, `平成38年度`), so a year up to
//!   [`PROJECTED_YEARS`] past an era's last year reads on in Gregorian.
//! - [`parse_year`] reads one whole year expression as it appears in a plan
//!   or a KPI table: `令和8(2026)年度`, `R5`, `H30`, `令和元年度`, `2019年`,
//!   `平成三十年`, full-width forms included.
//! - [`find_years`] finds every year expression in a longer text, with its
//!   byte range, for rules that need to look at what surrounds it.
//!
//! Nothing here panics on any input; what cannot be read is a
//! [`WarekiError`].

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::Unit;

/// A Japanese era.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Era {
    /// 明治 (1868–1912).
    Meiji,
    /// 大正 (1912–1926).
    Taisho,
    /// 昭和 (1926–1989), abbreviated S.
    Showa,
    /// 平成 (1989–2019), abbreviated H.
    Heisei,
    /// 令和 (2019–), abbreviated R.
    Reiwa,
}

impl Era {
    /// The era for a name or an abbreviation: `令和`/`R`, `平成`/`H`,
    /// `昭和`/`S`, `大正`/`T`, `明治`/`M` (full-width letters and the
    /// one-character ligatures `㋿ ㍻ ㍼ ㍽ ㍾` too).
    pub fn from_name(name: &str) -> Option<Era> {
        match name.trim() {
            "令和" | "R" | "Ｒ" | "r" | "㋿" => Some(Era::Reiwa),
            "平成" | "H" | "Ｈ" | "h" | "㍻" => Some(Era::Heisei),
            "昭和" | "S" | "Ｓ" | "s" | "㍼" => Some(Era::Showa),
            "大正" | "T" | "Ｔ" | "㍽" => Some(Era::Taisho),
            "明治" | "M" | "Ｍ" | "㍾" => Some(Era::Meiji),
            _ => None,
        }
    }

    /// The era's name in kanji.
    pub fn name(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The Gregorian year of the era's first year (元年).
    pub fn first_year(self) -> i32 {
        match self {
            Era::Meiji => 1868,
            Era::Taisho => 1912,
            Era::Showa => 1926,
            Era::Heisei => 1989,
            Era::Reiwa => 2019,
        }
    }

    /// The era's last year number (平成31年 is the last 平成 year), or `None`
    /// for the current era.
    pub fn last_number(self) -> Option<u32> {
        match self {
            Era::Meiji => Some(45),
            Era::Taisho => Some(15),
            Era::Showa => Some(64),
            Era::Heisei => Some(31),
            Era::Reiwa => None,
        }
    }

    /// The Gregorian year of year `n` of this era. Years past an ended
    /// era's last year, up to [`PROJECTED_YEARS`] of them, are the years a
    /// document written before the era ended projected (`平成32年度` is
    /// 2020).
    pub fn year(self, n: u32) -> Result<i32, WarekiError> {
        if n == 0 {
            return Err(WarekiError::YearZero { era: self });
        }
        if let Some(last) = self.last_number() {
            if n > last + PROJECTED_YEARS {
                return Err(WarekiError::PastEraEnd { era: self, n, last });
            }
        } else if n > MAX_CURRENT_ERA_YEAR {
            return Err(WarekiError::OutOfRange { era: self, n });
        }
        // n is at most 99 here, so this cannot overflow.
        Ok(self.first_year() + n as i32 - 1)
    }
}

/// How many years past an ended era's last year still read as projected
/// years of that era (a 平成 plan of 2018 runs to 平成40年度 = 2028).
pub const PROJECTED_YEARS: u32 = 30;

/// The largest year number accepted for the current era (令和).
const MAX_CURRENT_ERA_YEAR: u32 = 99;

/// Why a year expression could not be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WarekiError {
    /// The era name is not one of 令和, 平成, 昭和, 大正, 明治, R, H, S, T, M.
    UnknownEra(String),
    /// Year 0 of an era (`令和0年`): eras start at 元年 (1).
    YearZero {
        /// The era.
        era: Era,
    },
    /// A year too far after the era ended to be a projection (`平成62年`).
    PastEraEnd {
        /// The era.
        era: Era,
        /// The stated year number.
        n: u32,
        /// The era's last year number.
        last: u32,
    },
    /// An implausibly large year number for the current era.
    OutOfRange {
        /// The era.
        era: Era,
        /// The stated year number.
        n: u32,
    },
    /// The Gregorian year written beside the era year disagrees with it
    /// (`令和8(2027)`).
    Mismatch {
        /// The era.
        era: Era,
        /// The stated year number.
        n: u32,
        /// The Gregorian year written beside it.
        stated: i32,
        /// The Gregorian year the era year converts to.
        expected: i32,
    },
    /// The text is not a year expression.
    NotAYear(String),
}

impl fmt::Display for WarekiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarekiError::UnknownEra(s) => write!(f, "unknown era {s:?}"),
            WarekiError::YearZero { era } => {
                write!(
                    f,
                    "{}0年 is not a valid year (eras start at 元年)",
                    era.name()
                )
            }
            WarekiError::PastEraEnd { era, n, last } => write!(
                f,
                "{}{n}年 is not a valid year ({} ended in its year {last})",
                era.name(),
                era.name()
            ),
            WarekiError::OutOfRange { era, n } => {
                write!(f, "{}{n}年 is out of range", era.name())
            }
            WarekiError::Mismatch {
                era,
                n,
                stated,
                expected,
            } => write!(
                f,
                "{}{n}年 is {expected}, but the text gives ({stated})",
                era.name()
            ),
            WarekiError::NotAYear(s) => write!(f, "{s:?} is not a year"),
        }
    }
}

impl std::error::Error for WarekiError {}

thread_local! {
    /// The era a document writes its years in (see [`DocumentEra`]).
    static ERA: std::cell::Cell<Option<Era>> = const { std::cell::Cell::new(None) };
}

/// While alive, [`elided_year`] reads a year whose era the text left out
/// (`25年度` in a table whose document writes 平成) in this era; dropping
/// it forgets the era. One per thread at a time.
pub struct DocumentEra(());

impl DocumentEra {
    /// The era a document writes most of its years in: the era named most
    /// often in `lines` (`令和`/`R`, `平成`/`H`), if any.
    pub fn of(lines: &[crate::Line]) -> Option<Era> {
        static ABBREVIATED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:^|[^A-Za-z0-9])([RH])\d{1,2}(?:[^0-9]|$)").expect("valid regex")
        });
        let mut counts = [0usize; 2];
        for l in lines {
            counts[0] += l.text.matches("令和").count();
            counts[1] += l.text.matches("平成").count();
            for c in ABBREVIATED.captures_iter(&l.text) {
                counts[usize::from(&c[1] == "H")] += 1;
            }
        }
        match counts {
            [0, 0] => None,
            [r, h] if r >= h => Some(Era::Reiwa),
            _ => Some(Era::Heisei),
        }
    }

    /// Read elided years in `era` until the guard is dropped.
    pub fn enter(era: Option<Era>) -> Self {
        ERA.with(|e| e.set(era));
        DocumentEra(())
    }
}

impl Drop for DocumentEra {
    fn drop(&mut self) {
        ERA.with(|e| e.set(None));
    }
}

/// A year written without its era at the start of `text` (`25年度`,
/// `25年度 実績`, `21 年`), read in the era of the document being read;
/// `None` outside [`DocumentEra`], for a length (`5年間`) or when the number
/// is no year of that era.
pub fn elided_year(text: &str) -> Option<i32> {
    static ELIDED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,2}|元)\s?(?:年度|年)(.*)$").expect("valid regex"));
    let c = ELIDED.captures(text.trim())?;
    // `5年間`, `3年後`, `2年目` are lengths, not years (`31年度目標値` is one)
    let rest = &c[2];
    if rest.starts_with(['間', '後', '前']) || rest.starts_with('目') && !rest.starts_with("目標")
    {
        return None;
    }
    let n = parse_number(&c[1])?;
    ERA.with(|e| e.get())?.year(n).ok()
}

/// The Gregorian year of year `n` of the era named `era` (`令和`, `R`,
/// `平成`, `H`, `昭和`, `S`, …).
///
/// ```
/// use jplan_extract::wareki::era_year;
/// assert_eq!(era_year("令和", 8), Ok(2026));
/// assert_eq!(era_year("H", 31), Ok(2019));
/// assert!(era_year("令和", 0).is_err());
/// assert_eq!(era_year("平成", 32), Ok(2020)); // written before 平成 ended
/// assert!(era_year("平成", 62).is_err());
/// ```
pub fn era_year(era: &str, n: u32) -> Result<i32, WarekiError> {
    Era::from_name(era)
        .ok_or_else(|| WarekiError::UnknownEra(era.to_string()))?
        .year(n)
}

/// One year expression, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year {
    /// The Gregorian year.
    pub year: i32,
    /// The era it was written in, if any.
    pub era: Option<Era>,
    /// `FiscalYear` for a `年度` suffix, `Year` for `年`, `None` without a
    /// suffix (`R5`, `2016`).
    pub unit: Option<Unit>,
}

/// A year expression found in a text by [`find_years`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearMatch {
    /// Byte range of the expression in the text (suffix included).
    pub range: Range<usize>,
    /// The year, or why it is not a valid one.
    pub year: Result<Year, WarekiError>,
}

/// A year expression: an era year with an optional Gregorian year in
/// brackets, or a Gregorian year; then an optional 年度 / 年.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:
            (?P<era>令和|平成|昭和|大正|明治|[RHS])
            \s?
            (?P<n>元|\d{1,2}|[一二三四五六七八九十]{1,3})
            (?: \s? \( \s? (?P<g>\d{4}) \s? \) )?
          |
            (?P<greg>\d{4}|[〇一二三四五六七八九]{4})
        )
        (?: \s? (?P<suf>年度|年) )?",
    )
    .expect("valid regex")
});

/// Map full-width digits, letters and brackets to ASCII, so that the
/// public functions also accept text that was not normalized.
fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '（' | '）' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '　' => ' ',
            _ => c,
        })
        .collect()
}

/// The value of one kanji digit (`〇`/`零` to `九`).
pub(crate) fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Read a number written in ASCII digits, as 元 (1), or in kanji
/// (`三十一`, `二〇二六`).
pub fn parse_number(s: &str) -> Option<u32> {
    if s == "元" {
        return Some(1);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = kanji_digit;
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || chars.len() > 4 {
        return None;
    }
    if chars.contains(&'十') {
        // 十, 十二, 二十, 三十一
        let pos = chars.iter().position(|&c| c == '十')?;
        let tens = match pos {
            0 => 1,
            1 => digit(chars[0])?,
            _ => return None,
        };
        let ones = match chars.len() - pos - 1 {
            0 => 0,
            1 => digit(chars[pos + 1])?,
            _ => return None,
        };
        return Some(tens * 10 + ones);
    }
    // positional: 二〇二六
    chars
        .iter()
        .try_fold(0u32, |acc, &c| Some(acc * 10 + digit(c)?))
}

fn unit_of(suffix: Option<&str>) -> Option<Unit> {
    match suffix {
        Some("年度") => Some(Unit::FiscalYear),
        Some("年") => Some(Unit::Year),
        _ => None,
    }
}

/// Read the captures of one [`YEAR`] match.
fn read(caps: &regex::Captures<'_>) -> Result<Year, WarekiError> {
    let unit = unit_of(caps.name("suf").map(|m| m.as_str()));
    if let Some(g) = caps.name("greg") {
        let year = parse_number(g.as_str())
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (1800..=2200).contains(y))
            .ok_or_else(|| WarekiError::NotAYear(g.as_str().to_string()))?;
        return Ok(Year {
            year,
            era: None,
            unit,
        });
    }
    let era_text = caps.name("era").map(|m| m.as_str()).unwrap_or_default();
    let era =
        Era::from_name(era_text).ok_or_else(|| WarekiError::UnknownEra(era_text.to_string()))?;
    let n_text = caps.name("n").map(|m| m.as_str()).unwrap_or_default();
    let n = parse_number(n_text).ok_or_else(|| WarekiError::NotAYear(n_text.to_string()))?;
    let year = era.year(n)?;
    if let Some(g) = caps.name("g") {
        let stated: i32 = g.as_str().parse().unwrap_or(0);
        if stated != year {
            return Err(WarekiError::Mismatch {
                era,
                n,
                stated,
                expected: year,
            });
        }
    }
    Ok(Year {
        year,
        era: Some(era),
        unit,
    })
}

/// Read one whole year expression: `令和8(2026)年度`, `令和元年度`, `R5`,
/// `H30`, `平成31年`, `2019年`, `２０１９`, `平成三十年`. Surrounding
/// whitespace is ignored; anything else around the expression makes it
/// [`WarekiError::NotAYear`].
///
/// ```
/// use jplan_extract::wareki::parse_year;
/// use jplan_extract::Unit;
/// let y = parse_year("令和8(2026)年度").unwrap();
/// assert_eq!((y.year, y.unit), (2026, Some(Unit::FiscalYear)));
/// assert_eq!(parse_year("H30").unwrap().year, 2018);
/// assert_eq!(parse_year("R元").unwrap().year, 2019);
/// assert!(parse_year("令和0年").is_err());
/// ```
pub fn parse_year(text: &str) -> Result<Year, WarekiError> {
    let folded = fold_width(text);
    let s = folded.trim();
    match YEAR.captures(s) {
        Some(caps)
            if caps
                .get(0)
                .is_some_and(|m| m.start() == 0 && m.end() == s.len()) =>
        {
            read(&caps)
        }
        _ => Err(WarekiError::NotAYear(text.to_string())),
    }
}

/// Every year expression in `text`, in order, with its byte range in
/// `text`. Abbreviated eras (`R5`) and Gregorian years (`2019`) count only
/// where they stand apart from other letters and digits (`PR2`, `12345`
/// and `1,2019` hold none). Invalid years (`令和0年`) are returned with
/// their error, so a caller can warn about them.
///
/// `text` should be normalized (NFKC); full-width digits are not matched.
pub fn find_years(text: &str) -> Vec<YearMatch> {
    let mut out = Vec::new();
    for caps in YEAR.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let letter_era = caps.name("era").is_some_and(|e| e.as_str().len() == 1);
        let ascii_digits = caps
            .name("greg")
            .is_some_and(|g| g.as_str().starts_with(|c: char| c.is_ascii_digit()));
        let bad_before = |c: char| {
            c.is_ascii_alphanumeric()
                || (ascii_digits && matches!(c, ',' | '.' | '/' | '¥' | '$' | '#' | '+'))
        };
        // after 年 / 年度 a digit starts the next word (`令和7年4月`)
        let suffixed = caps.name("suf").is_some();
        let bad_after = |c: char| {
            (c.is_ascii_digit() && !suffixed)
                || ((letter_era || ascii_digits) && c.is_ascii_alphabetic())
        };
        if before
            .is_some_and(|c| bad_before(c) && (letter_era || ascii_digits || c.is_ascii_digit()))
        {
            continue;
        }
        if after.is_some_and(bad_after) {
            continue;
        }
        if ascii_digits
            && caps.name("suf").is_none()
            && text[m.end()..].starts_with(['.', ','])
            && text[m.end()..]
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        out.push(YearMatch {
            range: m.range(),
            year: read(&caps),
        });
    }
    merge_equivalents(text, out)
}

/// The same year written twice, the second in brackets: `2024年度(令和6年度)`,
/// `2024(令和6)年度`, `令和6年度(2024年度)`. The pair is one expression;
/// when the two years differ, it is an error.
fn merge_equivalents(text: &str, found: Vec<YearMatch>) -> Vec<YearMatch> {
    static OPEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s?[(（]\s?").expect("valid regex"));
    static CLOSE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s?[)）](?:\s?(年度|年|度))?").expect("valid regex"));
    let mut out: Vec<YearMatch> = Vec::with_capacity(found.len());
    let mut it = found.into_iter().peekable();
    while let Some(a) = it.next() {
        let rest = text.get(a.range.end..).unwrap_or_default();
        let Some(open) = OPEN.find(rest) else {
            out.push(a);
            continue;
        };
        let inner_at = a.range.end + open.end();
        let Some(b) = it.peek().filter(|b| b.range.start == inner_at) else {
            out.push(a);
            continue;
        };
        let after = text.get(b.range.end..).unwrap_or_default();
        let Some(close) = CLOSE.captures(after) else {
            out.push(a);
            continue;
        };
        let end = b.range.end + close.get(0).map_or(0, |m| m.end());
        // `2015年(平成27年)度`: the 度 after the bracket makes both 年 a 年度
        let suffix = match close.get(1).map(|m| m.as_str()) {
            Some("度") => Some(Unit::FiscalYear),
            other => unit_of(other),
        };
        let year = match (&a.year, &b.year) {
            (Ok(x), Ok(y)) if x.year == y.year => Ok(Year {
                year: x.year,
                era: x.era.or(y.era),
                unit: suffix.or(x.unit).or(y.unit),
            }),
            (Ok(x), Ok(y)) => {
                // name the era side, if any
                let (era_side, other) = if x.era.is_some() { (x, y) } else { (y, x) };
                match era_side.era {
                    Some(era) => Err(WarekiError::Mismatch {
                        era,
                        n: u32::try_from(era_side.year - era.first_year() + 1).unwrap_or(0),
                        stated: other.year,
                        expected: era_side.year,
                    }),
                    None => Err(WarekiError::NotAYear(
                        text.get(a.range.start..end).unwrap_or_default().to_string(),
                    )),
                }
            }
            (Err(e), _) | (_, Err(e)) => Err(e.clone()),
        };
        it.next();
        out.push(YearMatch {
            range: a.range.start..end,
            year,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras() {
        assert_eq!(era_year("令和", 1), Ok(2019));
        assert_eq!(era_year("R", 7), Ok(2025));
        assert_eq!(era_year("平成", 31), Ok(2019));
        assert_eq!(era_year("H", 28), Ok(2016));
        assert_eq!(era_year("昭和", 64), Ok(1989));
        assert_eq!(era_year("S", 50), Ok(1975));
        assert_eq!(era_year("大正", 15), Ok(1926));
        assert_eq!(era_year("明治", 45), Ok(1912));
        assert_eq!(
            era_year("令和", 0),
            Err(WarekiError::YearZero { era: Era::Reiwa })
        );
        // projected years of an ended era
        assert_eq!(era_year("平成", 32), Ok(2020));
        assert_eq!(era_year("平成", 38), Ok(2026));
        assert!(matches!(
            era_year("平成", 62),
            Err(WarekiError::PastEraEnd { last: 31, .. })
        ));
        assert_eq!(era_year("昭和", 65), Ok(1990));
        assert!(era_year("昭和", 95).is_err());
        assert!(era_year("令和", 100).is_err());
        assert!(matches!(era_year("X", 1), Err(WarekiError::UnknownEra(_))));
    }

    #[test]
    fn whole_expressions() {
        let cases: &[(&str, i32, Option<Unit>)] = &[
            ("令和8(2026)年度", 2026, Some(Unit::FiscalYear)),
            ("令和8 (2026) 年度", 2026, Some(Unit::FiscalYear)),
            ("令和元年度", 2019, Some(Unit::FiscalYear)),
            ("令和元年", 2019, Some(Unit::Year)),
            ("R元", 2019, None),
            ("R5", 2023, None),
            ("H30", 2018, None),
            ("Ｈ３０", 2018, None),
            ("平成31年", 2019, Some(Unit::Year)),
            ("平成三十年度", 2018, Some(Unit::FiscalYear)),
            ("令和十二年", 2030, Some(Unit::Year)),
            ("昭和64年", 1989, Some(Unit::Year)),
            ("2019年", 2019, Some(Unit::Year)),
            ("２０１９", 2019, None),
            ("二〇二六年度", 2026, Some(Unit::FiscalYear)),
            (" R9 ", 2027, None),
        ];
        for (text, year, unit) in cases {
            let y = parse_year(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((y.year, y.unit), (*year, *unit), "{text}");
        }
    }

    #[test]
    fn rejected_expressions() {
        for text in [
            "令和0年",
            "平成62年",
            "昭和95年度",
            "令和8(2027)年度",
            "R5年度末",
            "第5期",
            "",
            "令和",
            "12345",
            "R",
        ] {
            assert!(parse_year(text).is_err(), "{text}");
        }
        assert!(matches!(
            parse_year("令和8(2027)年度"),
            Err(WarekiError::Mismatch {
                stated: 2027,
                expected: 2026,
                ..
            })
        ));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("元"), Some(1));
        assert_eq!(parse_number("31"), Some(31));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("十二"), Some(12));
        assert_eq!(parse_number("三十一"), Some(31));
        assert_eq!(parse_number("二〇二六"), Some(2026));
        assert_eq!(parse_number("十十"), None);
        assert_eq!(parse_number("x"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn finds_years_in_text() {
        let t =
            "計画期間は令和7年度から令和9年度まで。PR2やH2Oは年でない。R5.11.2閣議決定、1,2019円";
        let found: Vec<_> = find_years(t)
            .into_iter()
            .map(|m| (&t[m.range.clone()], m.year.map(|y| y.year).ok()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("令和7年度", Some(2025)),
                ("令和9年度", Some(2027)),
                ("R5", Some(2023)),
            ]
        );
        let t = "平成62年度と令和0年";
        let found = find_years(t);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|m| m.year.is_err()));
    }

    #[test]
    fn years_whose_era_the_text_left_out() {
        assert_eq!(elided_year("25年度"), None, "no era outside a document");
        let _era = DocumentEra::enter(Some(Era::Heisei));
        assert_eq!(elided_year("25年度"), Some(2013));
        assert_eq!(elided_year("31年度目標値"), Some(2019));
        assert_eq!(elided_year("21 年"), Some(2009));
        assert_eq!(elided_year("5年間"), None);
        assert_eq!(elided_year("2年目"), None);
        let lines = crate::lines_from("令和5年度の計画\n平成30年度の実績と令和元年度");
        assert_eq!(DocumentEra::of(&lines), Some(Era::Reiwa));
    }

    #[test]
    fn bracketed_equivalents_are_one_year() {
        for t in [
            "2024年度(令和6年度)",
            "2024(令和6)年度",
            "令和6年度(2024年度)",
            "令和6年度（2024年度）",
            "2024年(令和6年)度",
        ] {
            let found = find_years(t);
            assert_eq!(found.len(), 1, "{t}");
            assert_eq!(found[0].range, 0..t.len(), "{t}");
            let y = found[0].year.clone().unwrap_or_else(|e| panic!("{t}: {e}"));
            assert_eq!((y.year, y.unit), (2024, Some(Unit::FiscalYear)), "{t}");
        }
        let found = find_years("2024年度(令和7年度)");
        assert_eq!(found.len(), 1);
        assert!(matches!(found[0].year, Err(WarekiError::Mismatch { .. })));
        // two different years in a row stay two
        assert_eq!(find_years("2020年(2021年に改定)").len(), 2);
    }

    #[test]
    fn kpi_labels() {
        let labels: Vec<i32> = "R1 R5 R6 H30"
            .split(' ')
            .filter_map(|l| parse_year(l).ok().map(|y| y.year))
            .collect();
        assert_eq!(labels, vec![2019, 2023, 2024, 2018]);
    }
}
