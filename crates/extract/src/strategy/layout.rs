//! Page layout undone before the outline is read: boxes drawn with
//! box-drawing characters (`┌─┐ │…│ └─┘`) and two columns of an A3 page
//! that PDF-to-text interleaved on each line.
//!
//! The result is a list of lines in reading order (the left column of a
//! block, then its right column), each keeping its source line number.
//! Box borders become blank lines; `│` frames are dropped. One pass over
//! the document, each line looked at a fixed number of times.

use std::borrow::Cow;

use crate::Line;

/// Spaces that separate two columns of a page (a table cell gap is
/// usually narrower; tabs are table cells and never a column gap).
const COLUMN_GAP: usize = 6;
/// Lines of a block that must split before it is read as two columns.
const MIN_SPLIT: usize = 3;

fn is_box(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{257F}')
}

fn is_vertical(c: char) -> bool {
    matches!(
        c,
        '│' | '┃'
            | '┌'
            | '┐'
            | '└'
            | '┘'
            | '├'
            | '┤'
            | '┏'
            | '┓'
            | '┗'
            | '┛'
            | '╭'
            | '╮'
            | '╰'
            | '╯'
    )
}

/// The text of a cell without its frame and the tabs around it.
fn unframe(s: &str) -> String {
    let cells: Vec<String> = s
        .split('\t')
        .map(|c| {
            c.trim_matches(|c: char| c.is_whitespace() || is_box(c))
                .to_string()
        })
        .filter(|c| !c.is_empty())
        .collect();
    // a border drawn with `─` only is no text
    cells.join("\t")
}

/// A line cut in two columns: the left text and the right text.
fn split(line: &Line) -> Option<(String, String)> {
    let t = line.text.trim();
    // `│title      │   right column` (or a border `┌───┐   right`)
    if t.starts_with(is_vertical) {
        let first = t.chars().next()?;
        let rest = &t[first.len_utf8()..];
        let close = rest.find(is_vertical)?;
        let close_len = rest[close..].chars().next()?.len_utf8();
        let left = unframe(&rest[..close]);
        let right = unframe(&rest[close + close_len..]);
        return Some((left, right));
    }
    // two cells separated by a wide run of spaces, not by a tab
    let spaced = line.spaced.trim();
    if spaced.contains('\t') {
        return None;
    }
    let cells: Vec<&str> = line.text.split('\t').map(str::trim).collect();
    if cells.len() != 2 || cells.iter().any(|c| c.chars().count() < 2) {
        return None;
    }
    let gap = spaced
        .split(|c: char| c != ' ')
        .map(str::len)
        .max()
        .unwrap_or(0);
    if gap < COLUMN_GAP {
        return None;
    }
    // a label and its values is a table row, not two columns
    let numeric = cells[1]
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%'))
        .count();
    if numeric * 2 >= cells[1].chars().count() {
        return None;
    }
    Some((cells[0].to_string(), cells[1].to_string()))
}

fn with_text(line: &Line, text: String) -> Line {
    let mut l = line.clone();
    l.spaced.clone_from(&text);
    l.text = text;
    l
}

/// The lines in reading order, frames dropped; borrowed when the document
/// has neither boxes nor two-column blocks.
pub(crate) fn arrange(lines: &[Line]) -> Cow<'_, [Line]> {
    let framed = lines.iter().any(|l| l.text.contains(is_box));
    let mut out: Vec<Line> = Vec::new();
    let mut changed = false;
    let mut start = 0;
    while start < lines.len() {
        if lines[start].is_blank() {
            out.push(lines[start].clone());
            start += 1;
            continue;
        }
        let mut end = start;
        while end < lines.len() && !lines[end].is_blank() {
            end += 1;
        }
        let block = &lines[start..end];
        let splits: Vec<Option<(String, String)>> = block.iter().map(split).collect();
        let two_cells = splits
            .iter()
            .zip(block)
            .filter(|(s, l)| s.is_some() && !l.text.trim().starts_with(is_vertical))
            .count();
        let n_split = splits.iter().filter(|s| s.is_some()).count();
        // a chart whose first row names its columns (`基本方針    施策`) is
        // read row by row
        let chart = splits.iter().flatten().next().is_some_and(|(l, r)| {
            [l, r]
                .iter()
                .all(|c| c.chars().count() <= 10 && !c.contains(|ch: char| ch.is_ascii_digit()))
        });
        if !chart && n_split >= MIN_SPLIT && (two_cells >= MIN_SPLIT || n_split * 2 >= block.len())
        {
            changed = true;
            let mut right = Vec::new();
            for (line, s) in block.iter().zip(splits) {
                match s {
                    Some((l, r)) => {
                        out.push(with_text(line, l));
                        if !r.is_empty() {
                            right.push(with_text(line, r));
                        }
                    }
                    None => out.push(with_text(line, unframe(&line.text))),
                }
            }
            // the right column starts a new block
            if let Some(first) = right.first() {
                out.push(with_text(first, String::new()));
            }
            out.extend(right);
        } else if framed {
            for line in block {
                if line.text.contains(is_box) {
                    changed = true;
                    out.push(with_text(line, unframe(&line.text)));
                } else {
                    out.push(line.clone());
                }
            }
        } else {
            out.extend(block.iter().cloned());
        }
        start = end;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(lines)
    }
}

/// The column of each cell of a flattened table row of `width` columns
/// (`text` split at its tabs). The empty cells before the first text
/// ([`Line::empty_leading_cells`]) and, in a row written with tabs, the
/// empty cells between two texts (kept in `spaced`) put each cell in its
/// own column; a row with neither and fewer cells than the table lacks its
/// first cells (its cells are the table's last columns). The flag tells
/// whether the columns are certain (not that guess).
pub(crate) fn cell_columns(line: &Line, width: usize) -> (Vec<(usize, &str)>, bool) {
    let lead = line.empty_leading_cells;
    let cells: Vec<&str> = line.text.split('\t').map(str::trim).collect();
    let raw: Vec<&str> = line.spaced.trim().split('\t').collect();
    let filled: Vec<usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(k, _)| k)
        .collect();
    let gaps = filled.len() == cells.len() && filled.iter().enumerate().any(|(k, &c)| c != k);
    if gaps {
        let cols = filled
            .into_iter()
            .zip(cells)
            .map(|(k, c)| (lead + k, c))
            .collect();
        return (cols, true);
    }
    let certain = lead > 0 || cells.len() >= width;
    let shift = if lead > 0 {
        lead
    } else {
        width.saturating_sub(cells.len())
    };
    let cols = cells
        .into_iter()
        .enumerate()
        .map(|(k, c)| (shift + k, c))
        .collect();
    (cols, certain)
}
