//! The comparison form of titles, names and indicators, as the gold
//! scorer defines it: NFKC, `再掲` removed, whitespace, brackets, list
//! marks and dashes removed, lower case.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Characters removed before comparing (besides whitespace): brackets,
/// quotes, list marks, separators, dashes and the long vowel mark.
const STRIPPED: &str = "\u{3000}「」『』“”\"'、。，,．・･()（）<>＜＞〈〉《》【】〔〕[]■□●○◆◇▶▷※*-‐－ー—―~～〜:：;；/／";

/// Python's `str.isspace()`, which is what `\s` matches in a `str`
/// pattern (it differs from Unicode White_Space: U+001C–U+001F are in).
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{0b}'
            | '\u{0c}'
            | '\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

fn stripped(c: char) -> bool {
    is_py_space(c) || STRIPPED.contains(c)
}

/// The comparison form of a text.
pub fn norm_str(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let without: String = nfkc.replace("再掲", "");
    let kept: String = without.chars().filter(|c| !stripped(*c)).collect();
    kept.to_lowercase()
}

/// The comparison form of a JSON value: `null` is empty, a string is
/// itself, anything else is compared as Python's `str()` writes it.
pub fn norm(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => norm_str(s),
        Some(other) => norm_str(&py_str(other)),
    }
}

/// Python's `str()` of a JSON value (as `json.loads` would have made it).
pub fn py_str(value: &Value) -> String {
    match value {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => py_float_repr(f),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(py_repr).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// Python's `repr()` of a JSON value.
pub fn py_repr(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let quote = if s.contains('\'') && !s.contains('"') {
                '"'
            } else {
                '\''
            };
            let mut out = String::from(quote);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c == quote => {
                        out.push('\\');
                        out.push(c);
                    }
                    c => out.push(c),
                }
            }
            out.push(quote);
            out
        }
        other => py_str(other),
    }
}

/// Python's `repr(float)`: the shortest round-tripping digits, with a
/// `.0` on integral values and an exponent from 1e16 up and below 1e-4.
pub fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let a = f.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // Rust writes 1e16 as "1e16"; Python as "1e+16".
        let s = format!("{f:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let s = format!("{f}");
    if s.contains('.') { s } else { format!("{s}.0") }
}

/// Python's `round(x, n)`: the double nearest to the decimal rounded
/// half-to-even from the exact value of `x`. Rust's formatting with a
/// precision rounds the exact binary value the same way.
pub fn py_round(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// Python's `float(value)` followed by `round(…, 6)`, or `None` where
/// `float()` raises (then the scorer compares the text instead).
pub fn py_float(value: &Value) -> Option<f64> {
    match value {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_py_float(s),
        _ => None,
    }
}

fn parse_py_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_py_space);
    // float() takes any Unicode decimal digit; the ones plan text holds
    // are the full-width ones.
    let t: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    // Underscores are allowed between digits (PEP 515).
    let chars: Vec<char> = t.chars().collect();
    let mut plain = String::with_capacity(t.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == '_' {
            let between = i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_ascii_digit()
                && chars[i + 1].is_ascii_digit();
            if !between {
                return None;
            }
            continue;
        }
        plain.push(*c);
    }
    let lower = plain.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if body.is_empty() {
        return None;
    }
    // Rust also reads "infinity" and "nan"; Python does too. Anything
    // else non-numeric fails in both.
    plain.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_matches_the_scorer() {
        // Each expected value printed by score.py's norm().
        assert_eq!(norm_str("【重点】ＤＸの推進（再掲）"), "重点dxの推進");
        assert_eq!(norm_str("企業誘致 の・推進"), "企業誘致の推進");
        assert_eq!(norm_str("ｶﾞｲﾄﾞ"), "ガイド");
        assert_eq!(norm_str("データ"), "デタ");
        assert_eq!(norm_str("\u{1c}a\u{200b}"), "a\u{200b}");
        assert_eq!(norm(None), "");
        assert_eq!(norm(Some(&json!(2019))), "2019");
        assert_eq!(norm(Some(&json!(1.5))), "1.5");
    }

    #[test]
    fn python_floats() {
        assert_eq!(py_round(0.0078125, 6), 0.007812);
        assert_eq!(py_round(0.0005, 3), 0.001);
        assert_eq!(py_round(2.675, 2), 2.67);
        assert_eq!(py_round(0.8245, 3), 0.825);
        assert_eq!(py_float(&json!("9095")), Some(9095.0));
        assert_eq!(py_float(&json!(" 1_000 ")), Some(1000.0));
        assert_eq!(py_float(&json!("１２")), Some(12.0));
        assert_eq!(py_float(&json!("9,095")), None);
        assert_eq!(py_float(&json!("_1")), None);
        assert_eq!(py_float_repr(2019.0), "2019.0");
        assert_eq!(py_float_repr(1e16), "1e+16");
        assert_eq!(py_float_repr(0.00001), "1e-05");
        assert_eq!(py_repr(&json!("it's")), "\"it's\"");
    }
}
