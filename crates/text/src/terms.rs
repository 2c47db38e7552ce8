//! Compound nouns: runs of nouns by part of speech, joined.
//!
//! A run is a maximal sequence of adjacent tokens (no space or column gap
//! between them) that are nouns (`名詞`), except pronouns (`名詞,代名詞`),
//! dependent nouns (`名詞,非自立`: こと, もの, ため), numbers (`名詞,数`) and
//! auxiliary stems (`名詞,特殊`), which break a run. A suffix
//! (`名詞,接尾`: 化, 等, 市) joins a run but does not start one; a noun
//! prefix (`接頭詞,名詞接続`: 新, 各) starts one when a noun follows, and
//! inside a run joins it (IPADIC tags 等 after a noun so). A
//! token with no letter, kana or kanji (a symbol the analyser calls a
//! noun) breaks a run. Runs of fewer than two characters are dropped.
//! `第2次産業振興計画` gives `産業振興計画`; `地域DX人材の育成` gives
//! `地域DX人材` and `育成`.

use jplan_tokenize::Token;

fn has_word_char(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Noun,
    Suffix,
    Prefix,
    Break,
}

fn role(t: &Token) -> Role {
    if !has_word_char(&t.surface) {
        return Role::Break;
    }
    let mut parts = t.pos.split(',');
    match (parts.next(), parts.next()) {
        (Some("名詞"), Some("代名詞" | "非自立" | "数" | "特殊")) => Role::Break,
        (Some("名詞"), Some("接尾")) => Role::Suffix,
        (Some("名詞"), _) => Role::Noun,
        (Some("接頭詞"), Some("名詞接続")) => Role::Prefix,
        _ => Role::Break,
    }
}

/// The compound nouns of a token sequence (offsets into one text), in
/// order, repeats included.
pub fn compounds(tokens: &[Token]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut has_noun = false;
    let mut prev_end: Option<usize> = None;
    let flush = |run: &mut String, has_noun: &mut bool, out: &mut Vec<String>| {
        if *has_noun && run.chars().count() >= 2 {
            out.push(std::mem::take(run));
        }
        run.clear();
        *has_noun = false;
    };
    for (i, t) in tokens.iter().enumerate() {
        if prev_end != Some(t.start) {
            flush(&mut run, &mut has_noun, &mut out);
        }
        prev_end = Some(t.end);
        match role(t) {
            Role::Noun => {
                run.push_str(&t.surface);
                has_noun = true;
            }
            Role::Suffix if has_noun => run.push_str(&t.surface),
            // IPADIC tags 等 after a noun as a prefix: inside a run it
            // joins like a suffix.
            Role::Prefix if has_noun => run.push_str(&t.surface),
            Role::Prefix => {
                flush(&mut run, &mut has_noun, &mut out);
                let next_is_noun = tokens
                    .get(i + 1)
                    .is_some_and(|n| n.start == t.end && role(n) == Role::Noun);
                if next_is_noun {
                    run.push_str(&t.surface);
                }
            }
            Role::Suffix | Role::Break => flush(&mut run, &mut has_noun, &mut out),
        }
    }
    flush(&mut run, &mut has_noun, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(surface: &str, pos: &str, start: usize) -> Token {
        Token {
            surface: surface.into(),
            pos: pos.into(),
            base_form: None,
            reading: None,
            start,
            end: start + surface.len(),
        }
    }

    /// Tokens laid end to end, `gap` marking a space before a token.
    fn seq(parts: &[(&str, &str)]) -> Vec<Token> {
        let mut at = 0;
        let mut out = Vec::new();
        for (s, p) in parts {
            if *s == " " {
                at += 1;
                continue;
            }
            out.push(tok(s, p, at));
            at += s.len();
        }
        out
    }

    #[test]
    fn runs_of_nouns_with_suffixes_and_prefixes() {
        let t = seq(&[
            ("第", "接頭詞,数接続"),
            ("2", "名詞,数"),
            ("次", "名詞,接尾,助数詞"),
            ("産業", "名詞,一般"),
            ("振興", "名詞,サ変接続"),
            ("計画", "名詞,サ変接続"),
            ("の", "助詞,連体化"),
            ("新", "接頭詞,名詞接続"),
            ("産業", "名詞,一般"),
            ("化", "名詞,接尾,サ変接続"),
            ("と", "助詞,並立助詞"),
            ("DX", "名詞"),
            ("人材", "名詞,一般"),
            ("の", "助詞,連体化"),
            ("こと", "名詞,非自立,一般"),
            ("市", "名詞,接尾,地域"),
            ("国", "名詞,一般"),
            (" ", ""),
            ("事業", "名詞,一般"),
            ("等", "接頭詞,名詞接続"),
            ("計画", "名詞,サ変接続"),
            ("・", "記号,一般"),
            ("等", "名詞,接尾,一般"),
        ]);
        assert_eq!(
            compounds(&t),
            ["産業振興計画", "新産業化", "DX人材", "事業等計画"]
        );
    }
}
