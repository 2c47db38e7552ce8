//! Cutting a document's normalized lines into units: table rows and
//! sentences.
//!
//! - A line with a column gap (a tab in the normalized text) is one
//!   **row** unit.
//! - Any other line is cut after each sentence end (`。`, `!`, `?`; a
//!   closing bracket or quote right after it stays with its sentence) into
//!   **sentence** units.
//! - The last piece of a line that does not end a sentence continues on
//!   the next line, as PDF text breaks sentences at the column edge, when
//!   the line ends with `、`/`,` or is full (at least 85 % of the
//!   document's typical full width, the 90th percentile of its prose line
//!   lengths, when that is 20 characters or more), and the next line is prose (no column gap, not blank, no
//!   list mark or numbering at its start) and neither line is a node line.
//!
//! So the units partition the text: each character of each non-blank line
//! is in exactly one unit, in order, and a line is split between units only
//! where a sentence ends inside it. A unit's text is its pieces joined
//! without a separator (the line break of a wrapped Japanese sentence is no
//! space).

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A sentence, or a heading or list item without a sentence end.
    Sentence,
    /// A table row (its cells separated by tabs).
    Row,
}

/// A unit of text, before analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The 1-based line it starts on.
    pub line: usize,
    /// The line it ends on.
    pub end_line: usize,
    /// Sentence or row.
    pub kind: Kind,
    /// Its text.
    pub text: String,
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？')
}

/// Closing characters that stay with the sentence before them.
fn closes(c: char) -> bool {
    "」』)）】〕\"'”’".contains(c)
}

/// Whether a line opens with a list mark or a numbering.
fn listed(text: &str) -> bool {
    let Some(c) = text.chars().next() else {
        return false;
    };
    c.is_ascii_digit()
        || ('①'..='⑳').contains(&c)
        || ('⑴'..='⒇').contains(&c)
        || ('Ⅰ'..='Ⅻ').contains(&c)
        || "・･●○◎◯■□◆◇▶▷►▸※★☆→-‐*•（(【〔[<〈《「第".contains(c)
}

/// Split one line's text after each sentence end.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if ends_sentence(chars[i].1) {
            let mut j = i + 1;
            while j < chars.len() && (closes(chars[j].1) || ends_sentence(chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            out.push(&text[start..end]);
            start = end;
            i = j;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The document's typical full line width in characters: the 90th
/// percentile of the lengths of its prose lines of 8 characters or more;
/// `usize::MAX` (no line is full) when that is under [`MIN_WIDTH`].
fn full_width(lines: &[jplan_normalize::Line]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.text.contains('\t'))
        .map(|l| l.text.chars().count())
        .filter(|&n| n >= 8)
        .collect();
    if lens.is_empty() {
        return usize::MAX;
    }
    lens.sort_unstable();
    let width = lens[(lens.len() - 1) * 9 / 10];
    if width < MIN_WIDTH { usize::MAX } else { width }
}

/// Narrower "full widths" are short lines, not a column edge.
const MIN_WIDTH: usize = 20;

/// Cut the lines into units. `node_line[i]` says whether `lines[i]` is a
/// node line (see [`crate::nodes`]); node lines never join their
/// neighbours.
pub fn units(lines: &[jplan_normalize::Line], node_line: &[bool]) -> Vec<Unit> {
    let width = full_width(lines);
    let full = |text: &str| text.chars().count() * 100 >= width.saturating_mul(85);
    let mut out: Vec<Unit> = Vec::new();
    // A sentence carried over from the previous line.
    let mut open: Option<Unit> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        let is_node = node_line.get(i).copied().unwrap_or(false);
        if text.is_empty() {
            out.extend(open.take());
            continue;
        }
        if text.contains('\t') {
            out.extend(open.take());
            out.push(Unit {
                line: line.number,
                end_line: line.number,
                kind: Kind::Row,
                text: text.to_string(),
            });
            continue;
        }
        if open.is_some() && (is_node || listed(text)) {
            out.extend(open.take());
        }
        let pieces = sentences(text);
        let last = pieces.len() - 1;
        for (k, piece) in pieces.into_iter().enumerate() {
            let unit = match open.take() {
                Some(mut u) => {
                    u.text.push_str(piece);
                    u.end_line = line.number;
                    u
                }
                None => Unit {
                    line: line.number,
                    end_line: line.number,
                    kind: Kind::Sentence,
                    text: piece.to_string(),
                },
            };
            let ended = piece
                .chars()
                .rev()
                .find(|c| !closes(*c))
                .is_some_and(ends_sentence);
            let continues = k == last
                && !ended
                && !is_node
                && (piece.ends_with(['、', ',', '，']) || full(text));
            if continues {
                open = Some(unit);
            } else {
                out.push(unit);
            }
        }
    }
    out.extend(open.take());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<(usize, usize, Kind, String)> {
        let lines = jplan_extract::lines_from(text);
        units(&lines, &vec![false; lines.len()])
            .into_iter()
            .map(|u| (u.line, u.end_line, u.kind, u.text))
            .collect()
    }

    #[test]
    fn sentences_rows_and_wrapped_lines() {
        let text = "本市は、産業の振興を図るため、市内の事業者を\n\
                    支援します。また、創業を促します(再掲)。次に\n\
                    \n\
                    指標名\t現状\t目標\n\
                    ・交流会の開催「きっかけ」。\n\
                    1-1 企業誘致の推進";
        let u = cut(text);
        assert_eq!(
            u[0],
            (
                1,
                2,
                Kind::Sentence,
                "本市は、産業の振興を図るため、市内の事業者を支援します。".into()
            )
        );
        assert_eq!(
            u[1],
            (2, 2, Kind::Sentence, "また、創業を促します(再掲)。".into())
        );
        assert_eq!(
            u[2],
            (2, 2, Kind::Sentence, "次に".into()),
            "a blank line ends it"
        );
        assert_eq!(u[3], (4, 4, Kind::Row, "指標名\t現状\t目標".into()));
        assert_eq!(
            u[4],
            (5, 5, Kind::Sentence, "・交流会の開催「きっかけ」。".into())
        );
        assert_eq!(u[5], (6, 6, Kind::Sentence, "1-1 企業誘致の推進".into()));
        assert_eq!(u.len(), 6);
    }

    #[test]
    fn short_lines_without_a_comma_stand_alone() {
        let u = cut("所沢市産業振興ビジョン\n令和5年3月\n");
        assert_eq!(u.len(), 2);
        let u = cut("事業者の経営を、\n・支援します。");
        assert_eq!(u.len(), 2, "a list item starts its own unit");
    }

    #[test]
    fn closing_marks_stay_with_their_sentence() {
        assert_eq!(
            sentences("「よし。」と言う!?そう"),
            ["「よし。」", "と言う!?", "そう"]
        );
        assert_eq!(sentences("。"), ["。"]);
    }
}
