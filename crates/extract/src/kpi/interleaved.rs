//! Tables dumped one cell a line with each column's header word in front of
//! its cells: `指標` / N indicator names / `基準値` / `(H30)` / N values /
//! `目標値` / … / `評価` / N status words. The columns are transposed back
//! into rows when every column holds N cells; otherwise a warning, and
//! nothing is read.

use jplan_normalize::Line;

use super::NORMALIZER;
use super::cell::Tok;
use super::table::{
    bracket_year_line, ends_table, header_word_line, indicator_word_line, line_tokens,
    status_column,
};
use crate::Warning;

/// Most indicator rows such a table may have.
const MAX_ROWS: usize = 40;
/// Most value columns such a table may have.
const MAX_COLUMNS: usize = 12;

/// What the lines from an indicator header word make.
pub(super) enum Interleaved {
    /// The header as one line, the rows as lines of tab-separated cells,
    /// and the index of the first line after the table.
    Table {
        header: Line,
        rows: Vec<Line>,
        end: usize,
    },
    /// Columns whose cell counts differ: warned, nothing read; the index of
    /// the first line after them.
    Misaligned { end: usize },
}

/// One cell of a column: the cell's text and whether it is a dash.
struct Cell {
    text: String,
    dash: bool,
}

/// Whether the line holds exactly one cell that can sit in a dumped column.
fn single_cell(line: &Line) -> Option<Tok> {
    if header_word_line(line) || bracket_year_line(line) {
        return None;
    }
    let mut toks = line_tokens(line);
    if toks.len() != 1 || ends_table(line, &toks) {
        return None;
    }
    toks.pop()
}

/// Read the table whose indicator header word is line `i`, if it is one.
pub(super) fn read(lines: &[&Line], i: usize, warnings: &mut Vec<Warning>) -> Option<Interleaved> {
    let first = lines.get(i)?;
    if !indicator_word_line(first) {
        return None;
    }
    // the indicator names, up to the first value column's header word
    let mut j = i + 1;
    let mut names: Vec<&Line> = Vec::new();
    while let Some(line) = lines.get(j) {
        if names.len() > MAX_ROWS || !matches!(single_cell(line), Some(Tok::Text(_))) {
            break;
        }
        names.push(line);
        j += 1;
    }
    let n = names.len();
    if !(2..=MAX_ROWS).contains(&n) || !lines.get(j).is_some_and(|l| header_word_line(l)) {
        return None;
    }
    let mut heads = vec![first.text.trim().to_string()];
    let mut columns: Vec<Vec<Cell>> = Vec::new();
    let mut misaligned = false;
    while columns.len() < MAX_COLUMNS && lines.get(j).is_some_and(|l| header_word_line(l)) {
        let mut head = lines[j].text.trim().to_string();
        j += 1;
        if let Some(line) = lines.get(j).filter(|l| bracket_year_line(l)) {
            head.push_str(line.text.trim());
            j += 1;
        }
        let mut cells = Vec::new();
        while let Some(line) = lines.get(j) {
            if cells.len() >= n + MAX_ROWS {
                break;
            }
            let Some(tok) = single_cell(line) else { break };
            cells.push(Cell {
                text: line.text.trim().to_string(),
                dash: matches!(tok, Tok::Dash),
            });
            j += 1;
        }
        let last = !lines.get(j).is_some_and(|l| header_word_line(l));
        if last && cells.len() > n {
            // the last column ends after its n cells; the line after is
            // no part of the table
            j -= cells.len() - n;
            cells.truncate(n);
        }
        if cells.len() != n {
            misaligned = true;
        }
        heads.push(head);
        columns.push(cells);
    }
    let header_line = NORMALIZER.normalize_line(&heads.join("\t"), first.start, first.number);
    let schema = super::header(&header_line)?;
    if schema.slots.is_empty() {
        return None;
    }
    if misaligned {
        let counts: Vec<String> = columns.iter().map(|c| c.len().to_string()).collect();
        warnings.push(Warning::new(
            first.number,
            format!(
                "table dumped one cell a line with its column headers (lines {}-{}): {} indicators but columns of {} cells; not read",
                first.number,
                lines[j.saturating_sub(1).max(i)].number,
                n,
                counts.join("/")
            ),
        ));
        return Some(Interleaved::Misaligned { end: j });
    }
    let rows = names
        .iter()
        .enumerate()
        .map(|(r, name)| {
            let mut cells = vec![name.text.trim().to_string()];
            for (col, head) in columns.iter().zip(heads.iter().skip(1)) {
                let Some(cell) = col.get(r) else { continue };
                // a dash under a status column is no status, not a value
                if cell.dash && status_column(head) {
                    continue;
                }
                cells.push(cell.text.clone());
            }
            NORMALIZER.normalize_line(&cells.join("\t"), name.start, name.number)
        })
        .collect();
    Some(Interleaved::Table {
        header: header_line,
        rows,
        end: j,
    })
}
