//! Numbering styles (`1-1`, `(1)`, `①`, `【1】`, `Ⅰ`, `第1章`, …) read as numbers.
//!
//! [`parse`] reads the numbering at the start of a heading and splits off
//! its title:
//!
//! | written                        | kind           | style        | numbers   |
//! |--------------------------------|----------------|--------------|-----------|
//! | `1 発展`, `1.`, `1、`          | –              | `Plain`      | `[1]`     |
//! | `1-1`, `1.1.1`, `１ー１`       | –              | `Plain`      | `[1,1]`…  |
//! | `1-(1)`, `1.(2)`, `1-1-①`      | –              | `Plain`      | `[1,1]`…  |
//! | `(1)`, `（１）`, `⑴`           | –              | `Paren`      | `[1]`     |
//! | `1)`                           | –              | `RightParen` | `[1]`     |
//! | `①`, `❶`                       | –              | `Circled`    | `[1]`     |
//! | `【1】`, `[1]`, `〔1〕`        | –              | `Bracket`    | `[1]`     |
//! | `Ⅰ`/`I` … `VII`, `ⅰ`           | –              | `Roman`      | `[1]`…    |
//! | `一、`, `(一)`                 | –              | `Kanji`, …   | `[1]`     |
//! | `ア`, `(ア)`                   | –              | `Katakana`,… | `[1]`     |
//! | `第1章`, `第一節`              | `章`, `節`     | `Chapter`    | `[1]`     |
//! | `戦略1`, `基本方針Ⅱ`, `目標①`  | the word       | `Kind`       | `[1]`…    |
//! | `【基本目標1】`, `《施策2》`     | the word       | `Kind`       | `[1]`…    |
//! | `施策の方向性2.1`, `施策2.1.3` | the word       | `Kind`       | `[2,1]`…  |
//! | `戦略A`, `施策B-2`             | the word       | `Kind`       | `[2,2]`…  |
//!
//! Digits may be ASCII or full-width, dashes any of `-ー－‐−–—―`, so the
//! parser also reads text that was not normalized. It never panics, reads
//! at most [`MAX_DEPTH`] levels and numbers up to [`MAX_NUMBER`]; anything
//! longer is not a numbering (a date, a phone number, a value).

/// Most levels a numbering may have (`1.1.1.1…`).
pub const MAX_DEPTH: usize = 12;
/// Largest number a level may carry; larger ones are years or values.
pub const MAX_NUMBER: u32 = 999;

/// How a number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// `1`, `1.`, `1-1`, `1.1.1`.
    Plain,
    /// `(1)`, `⑴`, `(1-1)`, `(i)`.
    Paren,
    /// `1)`.
    RightParen,
    /// `①`, `❶`, `➀`.
    Circled,
    /// `【1】`, `[1]`, `〔1〕`, `<1>`, `〈1〉`, `《1》`.
    Bracket,
    /// `I`, `II`, `iv` (after NFKC `Ⅰ` is `I`).
    Roman,
    /// `一`, `二、`.
    Kanji,
    /// `(一)`.
    KanjiParen,
    /// `ア`, `イ`.
    Katakana,
    /// `(ア)`.
    KatakanaParen,
    /// `第1章`, `第二節`: the unit is the kind.
    Chapter,
    /// A kind word with a number: `戦略1`, `施策の方向性2.1`, `目標①`.
    Kind,
}

/// A numbering read at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbering<'a> {
    /// The kind word as written (`戦略`, `施策の方向性`, `章`), if any.
    pub kind: Option<&'a str>,
    /// How the number is written.
    pub style: Style,
    /// The numbers, outermost first (`2.1.3` → `[2, 1, 3]`).
    pub numbers: Vec<u32>,
    /// The numbering as written (`重点推進事業3`, `1-1`, `(1)`).
    pub label: &'a str,
    /// The rest of the line, separators and spaces trimmed.
    pub title: &'a str,
}

impl Numbering<'_> {
    /// The last number (the item's own position among its siblings).
    pub fn last(&self) -> u32 {
        self.numbers.last().copied().unwrap_or(0)
    }
}

/// Units of `第N…` headings, outermost first.
pub const CHAPTER_UNITS: &[char] = &['編', '部', '章', '節', '項'];

/// The kind words of strategy levels, longest first: the vocabulary's
/// (`dictionaries/vocab/strategy.txt`) and the document's own (see
/// [`learn_kinds`]).
pub fn kind_words() -> Vec<String> {
    let mut words: Vec<String> = crate::vocab::get()
        .kinds
        .iter()
        .map(|(k, _)| k.clone())
        .collect();
    LEARNED.with(|l| words.extend(l.borrow().iter().cloned()));
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// The usual rank of a strategy kind word (1 = top), if the vocabulary
/// knows it; a kind the document taught ranks by where it stands.
pub fn kind_rank(kind: &str) -> Option<u8> {
    crate::vocab::get()
        .kinds
        .iter()
        .find(|(k, _)| k == kind)
        .map(|(_, r)| *r)
}

/// Whether `kind` is a kind word, of the vocabulary or of the document.
pub fn is_kind(kind: &str) -> bool {
    kind_rank(kind).is_some() || LEARNED.with(|l| l.borrow().iter().any(|k| k == kind))
}

/// Whether `kind` labels projects.
pub fn is_project_kind(kind: &str) -> bool {
    crate::vocab::get().project_kinds.iter().any(|k| k == kind)
}

/// Whether `kind` is a weak list kind (`課題`).
pub fn is_weak_kind(kind: &str) -> bool {
    crate::vocab::get().weak_kinds.iter().any(|k| k == kind)
}

thread_local! {
    /// The kind words the document being read taught (see [`learn_kinds`]).
    static LEARNED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// While alive, [`parse`] also reads the kind words a document taught
/// (`方策1`); dropping it forgets them. One per thread at a time: the rules
/// read one document at a time on a thread.
pub struct DocumentKinds(());

impl DocumentKinds {
    /// Teach [`parse`] these kind words until the guard is dropped.
    pub fn enter(kinds: Vec<String>) -> Self {
        LEARNED.with(|l| *l.borrow_mut() = kinds);
        DocumentKinds(())
    }
}

impl Drop for DocumentKinds {
    fn drop(&mut self) {
        LEARNED.with(|l| l.borrow_mut().clear());
    }
}

/// The noun a heading may start with before its number: `方策`, `推進の柱`.
static KIND_CANDIDATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[\p{Han}\p{Katakana}ー]{1,6}(?:の[\p{Han}\p{Katakana}ー]{1,4})?")
        .expect("valid regex")
});

/// A noun and the number after it at the start of `t` (`方策1 …`,
/// `基本指針(一) …`, `方策ア …`, `分野I …`): the longest noun whose rest reads
/// as a kind number followed by a title or nothing, the number, and
/// whether a title follows.
fn noun_and_number(t: &str) -> Option<(&str, Vec<u32>, bool)> {
    let run = KIND_CANDIDATE.find(t)?.as_str();
    let ends: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([run.len()])
        .collect();
    for &end in ends.iter().rev() {
        let rest = &t[end..];
        let spaced = rest.trim_start_matches(is_space);
        let Some((numbers, len)) = read_kind_number(spaced) else {
            continue;
        };
        let after = &spaced[len..];
        // a counter follows digits only (`3人`; `ア人材の確保` is item ア)
        let digits = spaced.starts_with(|c: char| digit(c).is_some());
        let ok = after.starts_with(|c: char| is_space(c) || ".:：．、)）】>〉-「(".contains(c))
            || after
                .chars()
                .next()
                .is_some_and(|c| is_japanese(c) && !(digits && is_counter(c)));
        // a heading: a title of a few characters after the number, or
        // none (the title on the next line)
        let title =
            after.trim_start_matches(|c: char| is_space(c) || ".:：．、)）】>〉-".contains(c));
        let titled = title.chars().count() >= 3;
        if ok && titled || title.is_empty() {
            return Some((&t[..end], numbers, titled));
        }
    }
    None
}

/// The kind words a document numbers its headings with that the vocabulary
/// lacks: a noun that starts two or more units followed by different
/// numbers (`方策1 …`, `方策2 …`), also inside brackets (`<施策101 …>`) and
/// after a numbering (`(1)政策1 …`); one of them must have a title of three
/// characters or more on its line, and a one-character noun (`軸I`) needs
/// three numbers. The nouns of a document's apparatus (`図1`, `資料2`), era
/// names and words ending in a counter teach nothing.
pub fn learn_kinds(lines: &[crate::Line]) -> Vec<String> {
    let v = crate::vocab::get();
    let mut seen: Vec<(String, Vec<Vec<u32>>, bool)> = Vec::new();
    // headings, not table rows
    for line in lines
        .iter()
        .filter(|l| !l.is_blank() && !l.text.contains('\t'))
    {
        let (body, _) = strip_bullets(&line.text);
        let body = body.trim_start_matches(['【', '<', '〈', '《', '[', '〔', '＜']);
        let mut texts = vec![body];
        if let Some(n) = parse(body).filter(|n| n.kind.is_none()) {
            texts.push(n.title);
        }
        for t in texts {
            let Some((word, n, titled)) = noun_and_number(t) else {
                continue;
            };
            if word.starts_with('第')
                || word.ends_with(is_counter)
                || v.not_kinds.iter().any(|k| k == word)
                || kind_rank(word).is_some()
                || v.project_kinds.iter().any(|k| k == word)
            {
                continue;
            }
            match seen.iter_mut().find(|(w, _, _)| w == word) {
                Some((_, ns, any)) => {
                    if !ns.contains(&n) {
                        ns.push(n);
                    }
                    *any |= titled;
                }
                None => seen.push((word.to_string(), vec![n], titled)),
            }
        }
    }
    // two numbers at least (three for a one-character noun), one item
    // with its title on its line, a run that starts near 1
    seen.into_iter()
        .filter(|(w, ns, titled)| {
            let need = if w.chars().count() == 1 { 3 } else { 2 };
            let low = ns
                .iter()
                .filter_map(|n| n.last())
                .min()
                .is_some_and(|&m| m <= 2);
            *titled && ns.len() >= need && (low || ns.len() >= 3)
        })
        .map(|(w, _, _)| w)
        .collect()
}

/// Characters a bullet list starts with.
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '・'
            | '･'
            | '•'
            | '‣'
            | '∙'
            | '■'
            | '□'
            | '●'
            | '○'
            | '◆'
            | '◇'
            | '◎'
            | '〇'
            | '▶'
            | '▷'
            | '►'
            | '▸'
            | '▪'
            | '▫'
            | '★'
            | '☆'
            | '*'
            | '+'
            | '>'
            | '✓'
            | '✔'
    )
}

/// Strip bullet marks (and the spaces between them) from the start of a
/// line: `- ・X` → (`X`, true).
pub fn strip_bullets(text: &str) -> (&str, bool) {
    let mut rest = text.trim_start();
    let mut found = false;
    loop {
        let mut chars = rest.chars();
        match chars.next() {
            // `*1 「広域化」とは…`: a note's mark, not a bullet
            Some('*') if chars.clone().next().and_then(digit).is_some() => break,
            Some(c) if is_bullet(c) => {
                // `-1` or `- 1` is a bullet; `-` glued to a digit is a sign
                // only in front of a value, which we do not read here.
                found = true;
                rest = chars.as_str().trim_start();
            }
            _ => break,
        }
    }
    (rest, found)
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | 'ー' | '－' | '‐' | '−' | '–' | '—' | '―' | '‑' | 'ｰ'
    )
}

fn is_japanese(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_dot(c: char) -> bool {
    matches!(c, '.' | '．')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Counters and units: a number glued to one of these is a quantity
/// (`10月`, `3年`, `1.5倍`), not a numbering.
pub(crate) fn is_counter(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '時'
            | '分'
            | '秒'
            | '件'
            | '人'
            | '名'
            | '社'
            | '者'
            | '円'
            | '万'
            | '億'
            | '千'
            | '百'
            | '十'
            | '回'
            | '期'
            | '号'
            | '条'
            | '章'
            | '節'
            | '項'
            | '歳'
            | '度'
            | '個'
            | '所'
            | 'ヶ'
            | 'か'
            | 'カ'
            | 'ケ'
            | '箇'
            | '点'
            | '位'
            | '割'
            | '倍'
            | '本'
            | '枚'
            | '台'
            | '戸'
            | '世'
            | '周'
            | '次'
            | '代'
            | '校'
            | '店'
            | '階'
            | '番'
            | 'つ'
            | '種'
            | '類'
            | '部'
            | '週'
            | '泊'
            | '品'
            | '機'
            | '頭'
            | '冊'
            | '例'
            | '館'
            | '区'
            | '%'
            | '％'
            | '/'
            | '／'
            | ','
            | '，'
            | '~'
            | '～'
            | '〜'
            | '×'
            | '+'
            | '＋'
            | '='
            | '＝'
            | '°'
            | '℃'
            | '㎡'
            | '㎞'
    ) || c.is_ascii_alphabetic()
}

/// Read `1`, `1-1`, `1.1.1` at the start of `s`: the numbers, the bytes
/// read, and whether a trailing `.` was read.
fn read_path(s: &str) -> Option<(Vec<u32>, usize, bool)> {
    let mut numbers = Vec::new();
    let mut pos = 0;
    let mut trailing_dot = false;
    let bytes_of = |c: char| c.len_utf8();
    let mut chars = s.char_indices().peekable();
    loop {
        // one number
        let mut value: u32 = 0;
        let mut digits = 0;
        while let Some(&(i, c)) = chars.peek() {
            match digit(c) {
                Some(d) => {
                    digits += 1;
                    if digits > 3 {
                        return None;
                    }
                    value = value * 10 + d;
                    pos = i + bytes_of(c);
                    chars.next();
                }
                None => break,
            }
        }
        if digits == 0 {
            if numbers.is_empty() {
                return None;
            }
            // `1.` followed by no digit: the dot was a trailing dot.
            break;
        }
        if value > MAX_NUMBER {
            return None;
        }
        numbers.push(value);
        if numbers.len() > MAX_DEPTH {
            return None;
        }
        trailing_dot = false;
        // a separator followed by a digit continues the path
        match chars.peek() {
            Some(&(i, c)) if is_dash(c) || is_dot(c) => {
                let after = s.get(i + bytes_of(c)..).and_then(|r| r.chars().next());
                if after.and_then(digit).is_some() {
                    chars.next();
                    continue;
                }
                // `1-1-①`: a circled digit closes the path as its last level
                if is_dash(c)
                    && let Some(n) = after.and_then(circled)
                {
                    numbers.push(n);
                    if numbers.len() > MAX_DEPTH {
                        return None;
                    }
                    pos = i + bytes_of(c) + after.map_or(0, char::len_utf8);
                    trailing_dot = false;
                    break;
                }
                // `1-(1)`, `1.(2)`: a number in brackets closes the path
                if let Some((n, len)) = s.get(i + bytes_of(c)..).and_then(bracketed_number) {
                    numbers.push(n);
                    if numbers.len() > MAX_DEPTH {
                        return None;
                    }
                    pos = i + bytes_of(c) + len;
                    trailing_dot = false;
                    break;
                }
                if is_dot(c) {
                    trailing_dot = true;
                    pos = i + bytes_of(c);
                }
                break;
            }
            _ => break,
        }
    }
    Some((numbers, pos, trailing_dot))
}

/// `(1)` or `（１）` at the start of `s`: the number and the bytes read.
fn bracketed_number(s: &str) -> Option<(u32, usize)> {
    let mut it = s.char_indices();
    let (_, open) = it.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut value = 0;
    let mut digits = 0;
    for (i, c) in it {
        if let Some(d) = digit(c) {
            digits += 1;
            value = value * 10 + d;
            if digits > 2 {
                return None;
            }
        } else if (c == ')' || c == '）') && digits > 0 {
            return (value <= MAX_NUMBER).then_some((value, i + c.len_utf8()));
        } else {
            return None;
        }
    }
    None
}

fn circled(c: char) -> Option<u32> {
    let u = c as u32;
    let n = match u {
        0x2460..=0x2473 => u - 0x2460 + 1,  // ①-⑳
        0x3251..=0x325F => u - 0x3251 + 21, // ㉑-㉟
        0x32B1..=0x32BF => u - 0x32B1 + 36, // ㊱-㊿
        0x2776..=0x277F => u - 0x2776 + 1,  // ❶-❿
        0x2780..=0x2789 => u - 0x2780 + 1,  // ➀-➉
        0x278A..=0x2793 => u - 0x278A + 1,  // ➊-➓
        0x24EB..=0x24F4 => u - 0x24EB + 11, // ⓫-⓴
        _ => return None,
    };
    Some(n)
}

/// `Ⅰ`-`Ⅻ` and `ⅰ`-`ⅻ` as single characters (text not NFKC-folded).
fn unicode_roman(c: char) -> Option<u32> {
    let u = c as u32;
    match u {
        0x2160..=0x216B => Some(u - 0x2160 + 1),
        0x2170..=0x217B => Some(u - 0x2170 + 1),
        _ => None,
    }
}

/// `⑴`-`⒇` (parenthesized) and `⒈`-`⒛` (digit full stop).
fn enclosed_digit(c: char) -> Option<(u32, Style)> {
    let u = c as u32;
    match u {
        0x2474..=0x2487 => Some((u - 0x2474 + 1, Style::Paren)),
        0x2488..=0x249B => Some((u - 0x2488 + 1, Style::Plain)),
        _ => None,
    }
}

/// The rest of a path after a Roman numeral: a dash, then digits
/// (`-1`, `-2-3`). The numbers and the bytes read.
fn roman_path(rest: &str) -> Option<(Vec<u32>, usize)> {
    let mut chars = rest.chars();
    let dash = chars.next().filter(|&c| is_dash(c))?;
    chars.next().and_then(digit)?;
    let (numbers, len, _) = read_path(rest.get(dash.len_utf8()..)?)?;
    Some((numbers, dash.len_utf8() + len))
}

/// Roman numerals, upper or lower case (after NFKC `Ⅻ` is `XII`):
/// the value and the bytes read.
fn read_roman(s: &str) -> Option<(u32, usize)> {
    let mut len = 0;
    let mut upper = None;
    for c in s.chars() {
        let is_upper = matches!(c, 'I' | 'V' | 'X' | 'L');
        let is_lower = matches!(c, 'i' | 'v' | 'x' | 'l');
        if !(is_upper || is_lower) {
            break;
        }
        match upper {
            None => upper = Some(is_upper),
            Some(u) if u != is_upper => return None,
            _ => {}
        }
        len += 1;
        if len > 8 {
            return None;
        }
    }
    if len == 0 {
        return None;
    }
    let roman = s.get(..len)?;
    let value = roman_value(&roman.to_ascii_uppercase())?;
    Some((value, len))
}

fn roman_value(s: &str) -> Option<u32> {
    let v = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 0,
    };
    let chars: Vec<u32> = s.chars().map(v).collect();
    if chars.contains(&0) {
        return None;
    }
    let mut total: i64 = 0;
    for (i, &c) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|&n| n > c) {
            total -= i64::from(c);
        } else {
            total += i64::from(c);
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0 && t <= 89)?;
    // only canonical forms (`IIII`, `VX` are not numerals)
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// A kanji digit from 一 to 九 (numbering has no zero).
fn kanji_digit(c: char) -> Option<u32> {
    crate::wareki::kanji_digit(c).filter(|&d| d > 0)
}

/// Kanji numerals up to 99 (`一`, `十`, `十二`, `二十三`): value and bytes.
fn read_kanji(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut current = 0u32;
    let mut len = 0;
    let mut seen_ten = false;
    for c in s.chars() {
        if let Some(d) = kanji_digit(c) {
            if current != 0 {
                return None;
            }
            current = d;
        } else if c == '十' {
            if seen_ten {
                return None;
            }
            seen_ten = true;
            value = if current == 0 { 10 } else { current * 10 };
            current = 0;
        } else {
            break;
        }
        len += c.len_utf8();
        if len > 12 {
            return None;
        }
    }
    let total = value + current;
    (total > 0).then_some((total, len))
}

const KATAKANA: &[char] = &[
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ',
    'チ', 'ツ', 'テ', 'ト',
];

fn katakana_number(c: char) -> Option<u32> {
    KATAKANA
        .iter()
        .position(|&k| k == c)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// A katakana letter or the long-vowel mark: a katakana word goes on.
fn is_katakana_letter(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー' || ('\u{FF66}'..='\u{FF9F}').contains(&c)
}

/// The separator after a label: spaces and `.`, `．`, `、`, `:`, `：`.
fn is_separator(c: char) -> bool {
    is_space(c) || matches!(c, '.' | '．' | '、' | ':' | '：' | '｡' | '。')
}

/// What follows a label: the title when the label stands apart (a
/// separator, the end, or `glued` allows text right after it, a counter
/// excepted: `10月`).
fn title_after(rest: &str, glued: bool) -> Option<&str> {
    match rest.chars().next() {
        None => Some(""),
        // a quantity spaced out by a PDF (`4 年間`, `31 年`): a space and a
        // time counter, no heading
        Some(c) if is_space(c) && trim_title(rest).starts_with(['年', '月', '日', '時']) => {
            None
        }
        Some(c) if is_separator(c) => Some(trim_title(rest)),
        Some(c) if glued && !is_counter(c) && digit(c).is_none() => Some(trim_title(rest)),
        _ => None,
    }
}

/// The title after a closed label (`(1)`, `①`, `【1】`): any text may
/// follow it.
fn title_after_closed(rest: &str) -> &str {
    trim_title(rest)
}

fn trim_title(s: &str) -> &str {
    s.trim_start_matches(|c: char| is_separator(c) || c == '\t')
        .trim_end()
}

fn open_close(c: char) -> Option<(char, Style)> {
    Some(match c {
        '(' => (')', Style::Paren),
        '（' => ('）', Style::Paren),
        '【' => ('】', Style::Bracket),
        '[' => (']', Style::Bracket),
        '［' => ('］', Style::Bracket),
        '〔' => ('〕', Style::Bracket),
        '<' => ('>', Style::Bracket),
        '＜' => ('＞', Style::Bracket),
        '〈' => ('〉', Style::Bracket),
        '《' => ('》', Style::Bracket),
        _ => return None,
    })
}

/// A number in brackets: `(1)`, `【1-2】`, `(ii)`, `(一)`, `(ア)`.
fn read_enclosed(s: &str) -> Option<(Vec<u32>, Style, usize)> {
    let open = s.chars().next()?;
    let (close, style) = open_close(open)?;
    let inner_start = open.len_utf8();
    let inner = s.get(inner_start..)?;
    let end = inner.find(close)?;
    let body = inner.get(..end)?.trim();
    if body.is_empty() || body.chars().count() > 12 {
        return None;
    }
    let total = inner_start + end + close.len_utf8();
    if let Some((numbers, len, _)) = read_path(body) {
        if len == body.len() {
            return Some((numbers, style, total));
        }
        return None;
    }
    if style == Style::Bracket {
        return bracket_word_number(body).map(|numbers| (numbers, style, total));
    }
    if style != Style::Paren {
        return None;
    }
    if let Some((n, len)) = read_roman(body)
        && len == body.len()
    {
        return Some((vec![n], Style::Paren, total));
    }
    if let Some((n, len)) = read_kanji(body)
        && len == body.len()
    {
        return Some((vec![n], Style::KanjiParen, total));
    }
    let mut chars = body.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(n) = katakana_number(c)
    {
        return Some((vec![n], Style::KatakanaParen, total));
    }
    None
}

/// `【方向1】`, `【視点２】`: a short word of the document's own before a
/// number inside square brackets is a bracketed numbering; figure, table
/// and reference labels (`【図表1】`, `【資料2】`) are not.
fn bracket_word_number(body: &str) -> Option<Vec<u32>> {
    let start = body.find(|c: char| digit(c).is_some())?;
    let word = body.get(..start)?.trim_end_matches(is_space);
    let count = word.chars().count();
    if count == 0 || count > 4 || !word.chars().all(is_japanese) {
        return None;
    }
    if [
        "図",
        "表",
        "資料",
        "参考",
        "事例",
        "出典",
        "注",
        "例",
        "重点",
        "再掲",
        "写真",
        "コラム",
    ]
    .iter()
    .any(|w| word.contains(w))
    {
        return None;
    }
    let (numbers, len, _) = read_path(body.get(start..)?)?;
    (start + len == body.len()).then_some(numbers)
}

/// A number written after a kind word: digits or a path, a circled digit,
/// a Roman or kanji numeral, or a bracketed number. Returns the numbers
/// and the bytes read.
fn read_kind_number(s: &str) -> Option<(Vec<u32>, usize)> {
    let first = s.chars().next()?;
    if digit(first).is_some() {
        let (numbers, len, _) = read_path(s)?;
        return Some((numbers, len));
    }
    if let Some(n) = circled(first).or_else(|| unicode_roman(first)) {
        return Some((vec![n], first.len_utf8()));
    }
    if let Some((n, _)) = enclosed_digit(first) {
        return Some((vec![n], first.len_utf8()));
    }
    if let Some((numbers, _, len)) = read_enclosed(s) {
        return Some((numbers, len));
    }
    if let Some((n, len)) = read_roman(s) {
        // a Latin word after a kind word is not a numeral (`戦略MICE`)
        let next = s.get(len..).and_then(|r| r.chars().next());
        if next.is_none_or(|c| !c.is_ascii_alphanumeric()) {
            return Some((vec![n], len));
        }
        return None;
    }
    if let Some((n, len)) = read_kanji(s) {
        return Some((vec![n], len));
    }
    // `施策ア 経営相談`, `施策ア経営相談` (the normalizer closes the
    // space): a katakana position, never a katakana word (`施策アクション`)
    if let Some(n) = katakana_number(first) {
        let next = s.get(first.len_utf8()..).and_then(|r| r.chars().next());
        if next.is_none_or(|c| !is_katakana_letter(c) && !c.is_ascii_alphanumeric()) {
            return Some((vec![n], first.len_utf8()));
        }
        return None;
    }
    read_letter(s)
}

/// A capital letter standing for a position after a kind word (`戦略A`,
/// `施策B-2`): `A` is 1. A letter glued to another Latin letter or digit
/// is a word (`戦略DX`), not a numbering.
fn read_letter(s: &str) -> Option<(Vec<u32>, usize)> {
    let first = s.chars().next()?;
    let n = match first {
        'A'..='Z' => first as u32 - 'A' as u32 + 1,
        'Ａ'..='Ｚ' => first as u32 - 'Ａ' as u32 + 1,
        _ => return None,
    };
    let len = first.len_utf8();
    let rest = s.get(len..)?;
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if is_dash(c) || is_dot(c) => {
            if chars.next().and_then(digit).is_some() {
                let (more, more_len, _) = read_path(rest.get(c.len_utf8()..)?)?;
                let mut numbers = vec![n];
                numbers.extend(more);
                if numbers.len() > MAX_DEPTH {
                    return None;
                }
                return Some((numbers, len + c.len_utf8() + more_len));
            }
            Some((vec![n], len))
        }
        // a series letter before digits (`基本施策A4`): the digits number it
        Some(c) if digit(c).is_some() => {
            let (numbers, path_len, _) = read_path(rest)?;
            let after = rest.get(path_len..)?.chars().next();
            if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            Some((numbers, len + path_len))
        }
        Some(c) if c.is_ascii_alphanumeric() || c.is_alphabetic() && !is_japanese(c) => None,
        _ => Some((vec![n], len)),
    }
}

fn chapter(s: &str) -> Option<Numbering<'_>> {
    let rest = s.strip_prefix('第')?;
    let (numbers, len) = if rest.chars().next().and_then(digit).is_some() {
        let (n, len, dot) = read_path(rest)?;
        if dot || n.len() != 1 {
            return None;
        }
        (n, len)
    } else {
        let (n, len) = read_kanji(rest)?;
        (vec![n], len)
    };
    let after = rest.get(len..)?;
    let unit = after.chars().next()?;
    if !CHAPTER_UNITS.contains(&unit) && unit != '条' {
        return None;
    }
    let label_end = '第'.len_utf8() + len + unit.len_utf8();
    let unit_start = '第'.len_utf8() + len;
    let title = title_after(s.get(label_end..)?, true)?;
    Some(Numbering {
        kind: s.get(unit_start..label_end),
        style: Style::Chapter,
        numbers,
        label: s.get(..label_end)?,
        title,
    })
}

fn with_kind(s: &str) -> Option<Numbering<'_>> {
    let v = crate::vocab::get();
    let known = v
        .kinds
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(v.project_kinds.iter().map(String::as_str))
        .filter(|k| s.starts_with(k))
        .map(str::len)
        .max();
    let learned = LEARNED.with(|l| {
        l.borrow()
            .iter()
            .filter(|k| s.starts_with(k.as_str()))
            .map(String::len)
            .max()
    });
    let word = s.get(..known.max(learned)?)?;
    let after_word = s.get(word.len()..)?;
    let spaced = after_word.trim_start_matches(is_space);
    let gap = after_word.len() - spaced.len();
    let (numbers, len) = read_kind_number(spaced)?;
    let label_end = word.len() + gap + len;
    let mut rest = s.get(label_end..)?;
    // `戦略1.` / `戦略１．`: the dot belongs to the label
    if let Some(c) = rest.chars().next().filter(|&c| is_dot(c)) {
        rest = rest.get(c.len_utf8()..)?;
    }
    // a kanji numeral glued to text is a word (`事業一覧`)
    let kanji = spaced.chars().next().and_then(kanji_digit).is_some() || spaced.starts_with('十');
    // after a letter or a Roman numeral (`戦略B人材`, `方針I人づくり`) no
    // counter can follow: the text is the title
    let letter = spaced
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || ('Ａ'..='Ｚ').contains(&c))
        && len == spaced.chars().next().map_or(0, char::len_utf8)
        || spaced
            .get(..len)
            .is_some_and(|l| l.bytes().all(|b| b"IVXL".contains(&b)));
    // no counter follows a katakana position either (`施策イ人材の確保`)
    let katakana = spaced.chars().next().and_then(katakana_number).is_some();
    let title = if (letter || katakana) && rest.chars().next().is_some_and(|c| digit(c).is_none()) {
        trim_title(rest)
    } else {
        title_after(rest, !kanji)?
    };
    Some(Numbering {
        kind: Some(word),
        style: Style::Kind,
        numbers,
        label: s.get(..label_end)?.trim_end(),
        title,
    })
}

/// Read the numbering at the start of `text` (bullets already stripped,
/// leading spaces allowed). `None` when the line does not start with one.
pub fn parse(text: &str) -> Option<Numbering<'_>> {
    let s = text.trim_start_matches(is_space);
    let first = s.chars().next()?;
    if first == '第' {
        return chapter(s);
    }
    if let Some(n) = with_kind(s) {
        return Some(n);
    }
    // a kind word and its number in brackets: `【基本目標1】…`, `《施策2》…`
    if let Some((close, Style::Bracket)) = open_close(first) {
        let inner = first.len_utf8();
        if let Some(end) = s.get(inner..).and_then(|r| r.find(close))
            && let Some(k) = s.get(inner..inner + end).and_then(with_kind)
            && k.title.is_empty()
        {
            let total = inner + end + close.len_utf8();
            return Some(Numbering {
                kind: k.kind,
                style: Style::Kind,
                numbers: k.numbers,
                label: s.get(..total)?,
                title: title_after_closed(s.get(total..)?),
            });
        }
    }
    let plain = |numbers: Vec<u32>, style: Style, len: usize, glued: bool| {
        let title = title_after(s.get(len..)?, glued)?;
        Some(Numbering {
            kind: None,
            style,
            numbers,
            label: s.get(..len)?,
            title,
        })
    };
    let closed = |numbers: Vec<u32>, style: Style, len: usize| {
        Some(Numbering {
            kind: None,
            style,
            numbers,
            label: s.get(..len)?,
            title: title_after_closed(s.get(len..)?),
        })
    };
    // a series letter before a path of two levels or more (`A4-1`, `B2.3`)
    if first.is_ascii_uppercase()
        && let Some((numbers, len)) = s
            .get(1..)
            .and_then(|r| read_path(r).map(|(n, l, _)| (n, l + 1)))
        && numbers.len() >= 2
    {
        let title = title_after(s.get(len..)?, false)?;
        return Some(Numbering {
            kind: None,
            style: Style::Plain,
            numbers,
            label: s.get(..len)?,
            title,
        });
    }
    if digit(first).is_some() {
        let (numbers, len, dot) = read_path(s)?;
        let rest = s.get(len..)?;
        if !dot && (rest.starts_with(')') || rest.starts_with('）')) {
            let close = rest.chars().next().map_or(1, char::len_utf8);
            return closed(numbers, Style::RightParen, len + close);
        }
        // `1-1-①回遊…`: a circled last level is closed, any text follows
        if s.get(..len)
            .and_then(|l| l.chars().last())
            .and_then(circled)
            .is_some()
        {
            return closed(numbers, Style::Plain, len);
        }
        // `1-1先端`, `1.経営` may be glued; `1先端` may not (`10月`).
        let glued = numbers.len() > 1 || dot;
        return plain(numbers, Style::Plain, len, glued);
    }
    if let Some(n) = circled(first) {
        return closed(vec![n], Style::Circled, first.len_utf8());
    }
    if let Some((n, style)) = enclosed_digit(first) {
        if style == Style::Paren {
            return closed(vec![n], style, first.len_utf8());
        }
        return plain(vec![n], style, first.len_utf8(), true);
    }
    if open_close(first).is_some() {
        let (numbers, style, len) = read_enclosed(s)?;
        return closed(numbers, style, len);
    }
    let roman = unicode_roman(first)
        .map(|n| (n, first.len_utf8()))
        .or_else(|| read_roman(s));
    // `I-1 中小企業…`, `Ⅱ-2`: a path whose first level is a Roman numeral
    // reads like `1-1`
    if let Some((n, len)) = roman
        && let Some((numbers, more)) = roman_path(s.get(len..)?)
    {
        let mut all = vec![n];
        all.extend(numbers);
        return plain(all, Style::Plain, len + more, true);
    }
    if let Some(n) = unicode_roman(first) {
        return plain(vec![n], Style::Roman, first.len_utf8(), true);
    }
    if let Some((n, len)) = read_roman(s) {
        // the PDF space between `I` and Japanese text is closed by the
        // normalizer: `Iひとづくり` is `I ひとづくり`
        let glued = s
            .get(len..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_japanese);
        if glued {
            // no counter follows a Roman numeral: `II区内…` is `II 区内…`
            return Some(Numbering {
                kind: None,
                style: Style::Roman,
                numbers: vec![n],
                label: s.get(..len)?,
                title: trim_title(s.get(len..)?),
            });
        }
        return plain(vec![n], Style::Roman, len, glued);
    }
    if let Some((n, len)) = read_kanji(s) {
        let rest = s.get(len..)?;
        // `一、` or `一 ` only: `一体となった` is a word
        if rest.starts_with(['、', '.', '．']) || rest.starts_with(is_space) {
            return plain(vec![n], Style::Kanji, len, false);
        }
        return None;
    }
    if let Some(n) = katakana_number(first) {
        let rest = s.get(first.len_utf8()..)?;
        if rest.starts_with(['.', '．', '、']) || rest.starts_with(is_space) {
            return plain(vec![n], Style::Katakana, first.len_utf8(), false);
        }
        // `ア経営相談…`: the normalizer closed the space; a katakana
        // position glued to a kanji or a hiragana (no katakana word starts
        // that way)
        if rest
            .chars()
            .next()
            .is_some_and(|c| is_kanji(c) || ('\u{3041}'..='\u{3096}').contains(&c))
        {
            return plain(vec![n], Style::Katakana, first.len_utf8(), true);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(s: &str) -> Option<(Option<&str>, Style, Vec<u32>, &str)> {
        parse(s).map(|n| (n.kind, n.style, n.numbers, n.title))
    }

    #[test]
    fn plain_numbers_and_paths() {
        assert_eq!(
            read("1 発展的なイノベーションの創出"),
            Some((None, Style::Plain, vec![1], "発展的なイノベーションの創出"))
        );
        assert_eq!(
            read("1-1 新たな産業用地等の創出"),
            Some((None, Style::Plain, vec![1, 1], "新たな産業用地等の創出"))
        );
        assert_eq!(
            read("1.1.1 広域交流"),
            Some((None, Style::Plain, vec![1, 1, 1], "広域交流"))
        );
        assert_eq!(
            read("1. 経営の改善"),
            Some((None, Style::Plain, vec![1], "経営の改善"))
        );
        assert_eq!(read("2.経営"), Some((None, Style::Plain, vec![2], "経営")));
        assert_eq!(read("4-1"), Some((None, Style::Plain, vec![4, 1], "")));
        assert_eq!(
            read("1-2先端"),
            Some((None, Style::Plain, vec![1, 2], "先端"))
        );
        assert_eq!(
            read("3) 小項目"),
            Some((None, Style::RightParen, vec![3], "小項目"))
        );
    }

    #[test]
    fn full_width_forms() {
        assert_eq!(
            read("１ー１ 先端産業分野の誘致"),
            Some((None, Style::Plain, vec![1, 1], "先端産業分野の誘致"))
        );
        assert_eq!(
            read("２－３　農業"),
            Some((None, Style::Plain, vec![2, 3], "農業"))
        );
        assert_eq!(
            read("（１）事業所数"),
            Some((None, Style::Paren, vec![1], "事業所数"))
        );
        assert_eq!(
            read("【１】イノベーション"),
            Some((None, Style::Bracket, vec![1], "イノベーション"))
        );
        assert_eq!(
            read("戦略１．"),
            Some((Some("戦略"), Style::Kind, vec![1], ""))
        );
        assert_eq!(
            read("１．経営"),
            Some((None, Style::Plain, vec![1], "経営"))
        );
    }

    #[test]
    fn a_path_closed_by_a_number_in_brackets() {
        let n = parse("1-(2) 企業誘致の推進").unwrap();
        assert_eq!(
            (n.style, n.numbers.clone(), n.title),
            (Style::Plain, vec![1, 2], "企業誘致の推進")
        );
        let n = parse("2.(1)観光資源の活用").unwrap();
        assert_eq!((n.numbers.clone(), n.title), (vec![2, 1], "観光資源の活用"));
        let n = parse("3-（10）商店街").unwrap();
        assert_eq!(n.numbers, vec![3, 10]);
    }

    #[test]
    fn a_kind_word_and_its_number_in_brackets() {
        let n = parse("【基本目標1】しごとをつくる").unwrap();
        assert_eq!(
            (n.kind, n.style, n.numbers.clone(), n.label, n.title),
            (
                Some("基本目標"),
                Style::Kind,
                vec![1],
                "【基本目標1】",
                "しごとをつくる"
            )
        );
        let n = parse("《施策2-1》創業の支援").unwrap();
        assert_eq!((n.kind, n.numbers), (Some("施策"), vec![2, 1]));
        // a figure label stays no numbering of a kind
        assert!(parse("【図表1】人口の推移").is_none_or(|n| n.kind.is_none()));
    }

    #[test]
    fn brackets_circles_and_numerals() {
        assert_eq!(
            read("(1) 6つのポイントの設定"),
            Some((None, Style::Paren, vec![1], "6つのポイントの設定"))
        );
        assert_eq!(
            read("(2)基本施策の策定"),
            Some((None, Style::Paren, vec![2], "基本施策の策定"))
        );
        assert_eq!(
            read("(3)社会課題の解決"),
            Some((None, Style::Paren, vec![3], "社会課題の解決"))
        );
        assert_eq!(
            read("【2】社会的課題解決"),
            Some((None, Style::Bracket, vec![2], "社会的課題解決"))
        );
        assert_eq!(read("⑴ 経営"), Some((None, Style::Paren, vec![1], "経営")));
        assert_eq!(
            read("①多様な人材"),
            Some((None, Style::Circled, vec![1], "多様な人材"))
        );
        assert_eq!(
            read("⑫ 十二"),
            Some((None, Style::Circled, vec![12], "十二"))
        );
        assert_eq!(
            read("【6】雇用創出"),
            Some((None, Style::Bracket, vec![6], "雇用創出"))
        );
        assert_eq!(
            read("〔2〕 商業"),
            Some((None, Style::Bracket, vec![2], "商業"))
        );
        assert_eq!(
            read("I ひとづくり"),
            Some((None, Style::Roman, vec![1], "ひとづくり"))
        );
        assert_eq!(
            read("IV イノベーション"),
            Some((None, Style::Roman, vec![4], "イノベーション"))
        );
        assert_eq!(
            read("VII 世界に向けた販路開拓支援"),
            Some((None, Style::Roman, vec![7], "世界に向けた販路開拓支援"))
        );
        assert_eq!(
            read("Ⅲ 産学連携"),
            Some((None, Style::Roman, vec![3], "産学連携"))
        );
        assert_eq!(
            read("II区内中小企業の成長支援"),
            Some((None, Style::Roman, vec![2], "区内中小企業の成長支援"))
        );
        assert_eq!(
            read("III 産学連携"),
            Some((None, Style::Roman, vec![3], "産学連携"))
        );
        assert_eq!(
            read("基本目標Ⅳ 観光"),
            Some((Some("基本目標"), Style::Kind, vec![4], "観光"))
        );
        assert_eq!(read("事業一覧"), None);
        assert_eq!(read("施策一覧表"), None);
        assert_eq!(
            read("(ii) 二つ目"),
            Some((None, Style::Paren, vec![2], "二つ目"))
        );
        assert_eq!(
            read("一、総則"),
            Some((None, Style::Kanji, vec![1], "総則"))
        );
        assert_eq!(
            read("(三) 商業"),
            Some((None, Style::KanjiParen, vec![3], "商業"))
        );
        assert_eq!(
            read("イ 小売"),
            Some((None, Style::Katakana, vec![2], "小売"))
        );
        assert_eq!(
            read("(ウ) 卸売"),
            Some((None, Style::KatakanaParen, vec![3], "卸売"))
        );
    }

    #[test]
    fn kind_words() {
        assert_eq!(
            read("戦略1 業種を超えた"),
            Some((Some("戦略"), Style::Kind, vec![1], "業種を超えた"))
        );
        assert_eq!(
            read("施策ア 経営相談"),
            Some((Some("施策"), Style::Kind, vec![1], "経営相談"))
        );
        assert_eq!(
            read("施策イ人材の確保"),
            Some((Some("施策"), Style::Kind, vec![2], "人材の確保"))
        );
        assert_eq!(read("施策アクションプラン"), None);
        assert_eq!(
            read("基本方針1"),
            Some((Some("基本方針"), Style::Kind, vec![1], ""))
        );
        assert_eq!(
            read("施策の方向性2.1 新しい"),
            Some((Some("施策の方向性"), Style::Kind, vec![2, 1], "新しい"))
        );
        assert_eq!(
            read("基本施策1.1.1 広域"),
            Some((Some("基本施策"), Style::Kind, vec![1, 1, 1], "広域"))
        );
        assert_eq!(
            read("施策2.1.3 国内外"),
            Some((Some("施策"), Style::Kind, vec![2, 1, 3], "国内外"))
        );
        assert_eq!(
            read("重点推進事業3 農商工連携推進事業"),
            Some((
                Some("重点推進事業"),
                Style::Kind,
                vec![3],
                "農商工連携推進事業"
            ))
        );
        assert_eq!(
            read("目標①"),
            Some((Some("目標"), Style::Kind, vec![1], ""))
        );
        assert_eq!(
            read("基本目標II 産業"),
            Some((Some("基本目標"), Style::Kind, vec![2], "産業"))
        );
        assert_eq!(
            read("基本方針三 観光"),
            Some((Some("基本方針"), Style::Kind, vec![3], "観光"))
        );
        assert_eq!(
            read("戦略 2：成長"),
            Some((Some("戦略"), Style::Kind, vec![2], "成長"))
        );
        assert_eq!(
            parse("重点推進事業12").map(|n| n.label),
            Some("重点推進事業12")
        );
    }

    #[test]
    fn letters_after_a_kind_word() {
        assert_eq!(
            read("戦略A 稼ぐ力を高める"),
            Some((Some("戦略"), Style::Kind, vec![1], "稼ぐ力を高める"))
        );
        assert_eq!(
            read("施策C-2 女性の活躍"),
            Some((Some("施策"), Style::Kind, vec![3, 2], "女性の活躍"))
        );
        assert_eq!(
            read("戦略Ｂ：人を呼び込む"),
            Some((Some("戦略"), Style::Kind, vec![2], "人を呼び込む"))
        );
        assert_eq!(
            read("戦略B人を呼び込む"),
            Some((Some("戦略"), Style::Kind, vec![2], "人を呼び込む"))
        );
        assert_eq!(read("戦略DXの推進"), None);
        assert_eq!(read("戦略MICE"), None);
        // a series letter before digits: the digits number it
        assert_eq!(
            read("施策A1"),
            Some((Some("施策"), Style::Kind, vec![1], ""))
        );
        assert_eq!(read("施策A1B"), None);
        assert_eq!(read("A 稼ぐ力"), None);
    }

    #[test]
    fn chapters() {
        assert_eq!(
            read("第1章 計画の概要"),
            Some((Some("章"), Style::Chapter, vec![1], "計画の概要"))
        );
        assert_eq!(
            read("第三節 施策"),
            Some((Some("節"), Style::Chapter, vec![3], "施策"))
        );
        assert_eq!(
            read("第12条創業"),
            Some((Some("条"), Style::Chapter, vec![12], "創業"))
        );
        assert_eq!(read("第1回新ビジョン"), None);
        assert_eq!(read("第4期実施計画"), None);
    }

    #[test]
    fn quantities_are_not_numberings() {
        for s in [
            "2025年",
            "10月",
            "1,000社",
            "12年先のめざす姿",
            "4年間の中期計画",
            "9月",
            "95%",
            "1.5倍",
            "100人/年 88",
            "2020-2024年度",
            "一体となった",
            "IT化",
            "ICT",
            "VR",
            "令和5年",
            "R5",
            "",
            "   ",
            "(参考)",
            "<再掲>",
            "【策定の視点】",
            "戦略的に",
            "目標値",
            "施策を推進",
            "1234 番地",
        ] {
            assert_eq!(parse(s).map(|n| n.numbers), None, "{s}");
        }
    }

    #[test]
    fn depth_and_size_limits() {
        let deep = ["1"; MAX_DEPTH + 1].join("-");
        assert!(parse(&deep).is_none());
        let ok = ["1"; MAX_DEPTH].join(".");
        assert_eq!(parse(&ok).map(|n| n.numbers.len()), Some(MAX_DEPTH));
        assert!(parse("1000 x").is_none());
    }

    #[test]
    fn bullets_are_stripped() {
        assert_eq!(
            strip_bullets("- ・イノベーション創出促進事業"),
            ("イノベーション創出促進事業", true)
        );
        assert_eq!(strip_bullets("■ 所沢市"), ("所沢市", true));
        assert_eq!(strip_bullets("所沢市"), ("所沢市", false));
        assert_eq!(
            read(strip_bullets("- 1-1 新たな産業用地").0),
            Some((None, Style::Plain, vec![1, 1], "新たな産業用地"))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = parse(&s);
            let _ = strip_bullets(&s);
        }

        #[test]
        fn parse_never_panics_on_numbering_pieces(parts in proptest::collection::vec(0..24usize, 0..40)) {
            const P: &[&str] = &["1", "２", "-", "ー", ".", "．", "(", ")", "（", "）", "【", "】", "①", "⑴", "I", "V", "一", "十", "第", "章", "戦略", "施策の方向性", " ", "ア"];
            let s: String = parts.into_iter().map(|i| P[i]).collect();
            if let Some(n) = parse(&s) {
                prop_assert!(!n.numbers.is_empty());
                prop_assert!(n.numbers.len() <= MAX_DEPTH);
            }
        }
    }

    #[test]
    fn series_letters_before_numbers() {
        assert_eq!(
            read("基本施策A4 観光交流で賑わいを創出します"),
            Some((
                Some("基本施策"),
                Style::Kind,
                vec![4],
                "観光交流で賑わいを創出します"
            ))
        );
        assert_eq!(read("A4-1"), Some((None, Style::Plain, vec![4, 1], "")));
        assert_eq!(
            read("A4-2 観光推進体制の整備"),
            Some((None, Style::Plain, vec![4, 2], "観光推進体制の整備"))
        );
        // a letter with one number is no numbering; a word is no letter
        assert_eq!(read("A4 サイズ"), None);
        assert_eq!(read("戦略DX推進"), None);
    }

    #[test]
    fn a_document_teaches_its_kind_words() {
        let lines = crate::lines_from(
            "方策1 経営基盤の強化\n説明です。\n方策2\n創業の支援\n推進の柱ア 人材の確保\n推進の柱イ 交流の拡大\n図1 事業所数の推移\n図2 従業者数\n軸I 地域企業のDX\n軸II 創業支援\n支(2)営\n支(3)他\n",
        );
        let learned = learn_kinds(&lines);
        assert_eq!(learned, vec!["方策", "推進の柱"], "{learned:?}");
        // a one-character noun needs three numbers
        let lines = crate::lines_from("軸I 地域企業のDX\n軸II 創業の支援\n軸III 交流の拡大\n");
        assert_eq!(learn_kinds(&lines), vec!["軸"]);
        // table rows teach nothing
        let lines = crate::lines_from("平均値\t70.76\t71.66\n平均値\t33.01\t32.39\n");
        assert!(learn_kinds(&lines).is_empty());
        // while taught, the parser reads them; afterwards it does not
        {
            let _k = DocumentKinds::enter(vec!["方策".into()]);
            let n = parse("方策2 創業の支援").unwrap();
            assert_eq!(
                (n.kind, n.numbers.clone(), n.title),
                (Some("方策"), vec![2], "創業の支援")
            );
        }
        assert_eq!(parse("方策2 創業の支援"), None);
    }

    #[test]
    fn circled_last_level_and_bracketed_word_number() {
        let n = parse("1-1-①回遊イベント").unwrap();
        assert_eq!(n.numbers, vec![1, 1, 1]);
        assert_eq!(n.title, "回遊イベント");
        let n = parse("【方向2】魅力ある個店").unwrap();
        assert_eq!((n.style, n.numbers.clone()), (Style::Bracket, vec![2]));
        assert_eq!(n.title, "魅力ある個店");
        assert!(parse("【図表1】事業所数").is_none());
        assert!(parse("【資料2】統計").is_none());
    }
}
