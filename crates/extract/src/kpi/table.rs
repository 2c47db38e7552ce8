//! Table structure: the header's columns, the rows under it, and how a
//! row's cells are aligned with the columns.

use std::sync::LazyLock;

use regex::Regex;

use super::cell::{
    Tok, grade, split_unit_bracket, status_word, tokenize, year_in_text, year_label,
};
use crate::{Kpi, Line, Warning, YearValue};

/// What a value column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 現状 / 基準値.
    Baseline,
    /// 目標.
    Target,
    /// 実績 / a progress table's year columns.
    Actual,
}

/// One value column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    pub kind: Kind,
    pub year: Option<i32>,
    /// Part of a run of year columns (as opposed to one 目標 column).
    pub series: bool,
}

/// The columns a table header announces.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Schema {
    /// 1-based line of the header.
    pub line: usize,
    /// Text columns (実施事業, 施策, 分野) before the indicator's.
    pub lead_texts: usize,
    /// A unit column (単位).
    pub unit_col: bool,
    /// Value columns the header spells out, in order.
    pub slots: Vec<Slot>,
    /// A group (年度別目標) whose year columns are not in the header line.
    pub open: Option<Kind>,
    /// Year labels found on a line of their own under the header.
    pub label_years: Vec<i32>,
    /// A status column (結果, 評価, 達成状況).
    pub status: bool,
    /// A note column after the values (備考, 説明, 出典).
    pub note: bool,
    /// Only year columns, no 現状 / 目標 / 実績 / 結果: a statistics table
    /// looks the same, so the text around must speak of targets.
    pub years_only: bool,
}

/// Header words of a line table, each kind a named group, built from
/// `dictionaries/vocab/kpi.txt`. The groups are tried in this order at each
/// position (`目標指標` is an indicator before `目標` is a target), each
/// group's words longest first.
static HEADER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let v = crate::vocab::get();
    let alt = |lists: &[&Vec<String>]| {
        let mut words: Vec<&str> = lists
            .iter()
            .flat_map(|l| l.iter().map(String::as_str))
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        words.dedup();
        words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|")
    };
    Regex::new(&format!(
        concat!(
            r"(?:(?P<proj>{proj})",
            r"|(?P<ind>(?:{ind})名?(?:\(KPI\))?)",
            r"|(?P<weak>{weak})",
            r"|(?P<unit>{unit})",
            r"|(?P<tgroup>{tgroup})",
            r"|(?P<ycol>{ycol})",
            r"|(?P<base>{base})",
            r"|(?P<target>(?:{qual})?(?:{target}))",
            r"|(?P<actual>{actual})",
            r"|(?P<status>{status})",
            r"|(?P<note>{note})",
            r"|(?P<year>(?:令和|平成|R|H)(?:\d{{1,2}}|元)(?:\((?:19|20)\d\d\))?(?:年度|年)?|(?:19|20)\d\d(?:年度|年)?)",
            r"(?P<ysuffix>{actual}|{target}|{base}|見込み?)?)",
            // a year in brackets belongs to the keyword before it: `目標値(R5)`
            r"(?:\s*\((?P<paren>[^()]{{1,16}})\))?",
        ),
        proj = alt(&[&v.kpi_row_labels]),
        ind = alt(&[&v.kpi_indicator]),
        weak = alt(&[&v.kpi_weak_indicator]),
        unit = alt(&[&v.kpi_unit]),
        tgroup = alt(&[&v.kpi_target_series]),
        ycol = alt(&[&v.kpi_year_columns]),
        base = alt(&[&v.kpi_baseline]),
        qual = alt(&[&v.kpi_target_qualifiers]),
        target = alt(&[&v.kpi_target]),
        actual = alt(&[&v.kpi_actual]),
        status = alt(&[&v.kpi_status]),
        note = alt(&[&v.kpi_note]),
    ))
    .expect("valid regex")
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    Project,
    Indicator,
    Weak,
    Unit,
    Base(Option<i32>),
    Group,
    Target(Option<i32>),
    Actual(Option<i32>),
    Status,
    Note,
    Year(i32),
}

/// Read a line as a KPI table header, if it is one.
pub(crate) fn header(line: &Line) -> Option<Schema> {
    let text = line.text.as_str();
    if text.contains('。') || text.chars().count() > 120 {
        return None;
    }
    let mut words = Vec::new();
    let mut covered = 0usize;
    for c in HEADER_WORD.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        covered += m.as_str().chars().filter(|c| !c.is_whitespace()).count();
        let paren = c.name("paren").and_then(|p| year_label(p.as_str(), true));
        let w = if c.name("proj").is_some() {
            Word::Project
        } else if c.name("ind").is_some() {
            Word::Indicator
        } else if c.name("weak").is_some() {
            Word::Weak
        } else if c.name("ycol").is_some() {
            continue;
        } else if c.name("unit").is_some() {
            Word::Unit
        } else if c.name("base").is_some() {
            Word::Base(paren)
        } else if c.name("tgroup").is_some() {
            Word::Group
        } else if c.name("target").is_some() {
            Word::Target(paren)
        } else if c.name("actual").is_some() {
            Word::Actual(paren)
        } else if c.name("status").is_some() {
            Word::Status
        } else if c.name("note").is_some() {
            Word::Note
        } else if let Some(y) = c.name("year").and_then(|y| year_label(y.as_str(), true)) {
            // `R3実績`, `令和9年度目標`: the year names its column.
            let v = crate::vocab::get();
            let is = |list: &[String], k: &str| list.iter().any(|w| w == k);
            match c.name("ysuffix").map(|m| m.as_str()) {
                Some(k) if is(&v.kpi_actual, k) || k.starts_with("見込") => Word::Actual(Some(y)),
                Some(k) if is(&v.kpi_target, k) => Word::Target(Some(y)),
                Some(_) => Word::Base(Some(y)),
                None => Word::Year(y),
            }
        } else {
            continue;
        };
        words.push(w);
        // a bracketed year after a word that takes none is a column of its
        // own: `指標名 (R4) (R10)`
        if let (
            Some(y),
            Word::Project | Word::Indicator | Word::Weak | Word::Unit | Word::Status | Word::Note,
        ) = (paren, w)
        {
            words.push(Word::Year(y));
        }
    }
    let total = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"・/|｜()()[]【】".contains(*c))
        .count();
    if total == 0 || covered * 10 < total * 8 {
        return None;
    }
    let strong = words.contains(&Word::Indicator);
    let first_ind = words
        .iter()
        .position(|w| matches!(w, Word::Indicator | Word::Weak))?;
    // The indicator column comes first among the columns that matter.
    if words[..first_ind]
        .iter()
        .any(|w| !matches!(w, Word::Project | Word::Unit))
    {
        return None;
    }
    // `項目 R3 R4` heads a statistics table as often as a KPI table: a weak
    // indicator word needs a 現状 / 目標 / 実績 column to count.
    let keyed = words.iter().any(|w| {
        matches!(
            w,
            Word::Base(_) | Word::Target(_) | Word::Actual(_) | Word::Group
        )
    });
    if !strong && !keyed {
        return None;
    }
    build(line.number, &words)
}

fn build(line: usize, words: &[Word]) -> Option<Schema> {
    let status = words.contains(&Word::Status);
    let has_actual = words.iter().any(|w| matches!(w, Word::Actual(_)));
    let mut s = Schema {
        line,
        lead_texts: words.iter().filter(|w| **w == Word::Project).count(),
        unit_col: false,
        slots: Vec::new(),
        open: None,
        label_years: Vec::new(),
        status,
        note: words.contains(&Word::Note),
        years_only: !words.iter().any(|w| {
            matches!(
                w,
                Word::Base(_) | Word::Target(_) | Word::Actual(_) | Word::Group | Word::Status
            )
        }),
    };
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let mut j = i + 1;
        let mut years = Vec::new();
        while let Some(Word::Year(y)) = words.get(j) {
            years.push(*y);
            j += 1;
        }
        let series = |kind| {
            years
                .iter()
                .map(move |y| Slot {
                    kind,
                    year: Some(*y),
                    series: true,
                })
                .collect::<Vec<_>>()
        };
        let one = |kind, year| Slot {
            kind,
            year,
            series: false,
        };
        match w {
            Word::Project | Word::Indicator | Word::Weak | Word::Status | Word::Note => {}
            Word::Unit => s.unit_col = s.slots.is_empty(),
            Word::Base(p) => match years.len() {
                0 => s.slots.push(one(Kind::Baseline, p)),
                // `基準値(H28) H30 … R5 目標(R9)`: the baseline has its own
                // year, so the years after it are columns of their own,
                // results when a 目標 column follows them.
                _ if p.is_some() => {
                    s.slots.push(one(Kind::Baseline, p));
                    let target_after = words[j..]
                        .iter()
                        .any(|w| matches!(w, Word::Target(_) | Word::Group));
                    let kind = if status || has_actual || target_after {
                        Kind::Actual
                    } else {
                        Kind::Target
                    };
                    s.slots.extend(series(kind));
                }
                _ => {
                    s.slots.push(one(Kind::Baseline, Some(years[0])));
                    s.slots.extend(series(Kind::Target).into_iter().skip(1));
                }
            },
            Word::Group => match years.len() {
                0 => s.open = Some(Kind::Target),
                _ => s.slots.extend(series(Kind::Target)),
            },
            Word::Target(p) => match years.len() {
                0 => s.slots.push(one(Kind::Target, p)),
                1 if !status && !has_actual => s.slots.push(one(Kind::Target, Some(years[0]))),
                _ if status || has_actual => {
                    s.slots.push(one(Kind::Target, p));
                    s.slots.extend(series(Kind::Actual));
                }
                _ => s.slots.extend(series(Kind::Target)),
            },
            Word::Actual(p) => match years.len() {
                0 => s.slots.push(one(Kind::Actual, p)),
                _ => s.slots.extend(series(Kind::Actual)),
            },
            Word::Year(y) => {
                // Years with no keyword before them: results when a 目標
                // column follows them.
                let target_after = words[i..]
                    .iter()
                    .any(|w| matches!(w, Word::Target(_) | Word::Group));
                let kind = if status || has_actual || target_after {
                    Kind::Actual
                } else {
                    Kind::Target
                };
                s.slots.push(Slot {
                    kind,
                    year: Some(y),
                    series: true,
                });
            }
        }
        let takes_years = matches!(
            w,
            Word::Base(_) | Word::Group | Word::Target(_) | Word::Actual(_)
        );
        i = if takes_years { j } else { i + 1 };
    }
    (!s.slots.is_empty() || s.open.is_some()).then_some(s)
}

static LABEL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:令和|平成|R|H)(?:\d{1,2}|元)(?:\((?:19|20)\d\d\))?(?:年度|年)?|(?:19|20)\d\d(?:年度|年)?")
        .expect("valid regex")
});

/// A line holding only year labels (`R3 R5 R6 R7 R8`, `(R3) (R9)`,
/// `令和5年度 令和6年度`, which normalization may have joined).
pub(crate) fn label_line(line: &Line) -> Option<Vec<i32>> {
    let bare: String = line
        .text
        .chars()
        .map(|c| {
            if matches!(c, '(' | ')' | '【' | '】') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut years = Vec::new();
    let mut covered = 0;
    for m in LABEL_YEAR.find_iter(&bare) {
        years.push(year_label(m.as_str(), true)?);
        covered += m.as_str().chars().count();
    }
    let total = bare.chars().filter(|c| !c.is_whitespace()).count();
    (years.len() >= 2 && covered == total).then_some(years)
}

/// Cells of one table row, gathered over one or more lines.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    pub line: usize,
    pub node: Option<String>,
    pub texts: Vec<String>,
    pub unit: Option<String>,
    pub cells: Vec<Tok>,
    pub paren: Option<(Option<i32>, f64)>,
    pub status: Option<String>,
    pub text_lines: usize,
}

impl Row {
    fn is_empty(&self) -> bool {
        self.node.is_none()
            && self.texts.is_empty()
            && self.cells.is_empty()
            && self.paren.is_none()
    }
    pub(crate) fn has_data(&self) -> bool {
        !self.cells.is_empty() || self.status.is_some() || self.paren.is_some()
    }
}

/// Whether a cell may sit in a column.
type CellTest = fn(&Tok) -> bool;

/// The rows of one table and what became of them.
pub(crate) struct Table<'s> {
    pub schema: &'s Schema,
    pub node: Option<String>,
    current: Row,
    pub rows: Vec<Row>,
}

impl<'s> Table<'s> {
    pub(crate) fn new(schema: &'s Schema, node: Option<String>) -> Self {
        Table {
            schema,
            node,
            current: Row::default(),
            rows: Vec::new(),
        }
    }

    /// Number of value cells a full row has, when the header says.
    fn expected(&self) -> Option<usize> {
        if self.schema.open.is_some() {
            return (!self.schema.label_years.is_empty()).then_some(self.schema.label_years.len());
        }
        Some(self.schema.slots.len())
    }

    /// Whether the row being read still waits for cells.
    pub(crate) fn pending(&self) -> bool {
        !self.current.is_empty()
    }

    /// Whether the row being read has no values yet (more text may follow).
    pub(crate) fn pending_without_values(&self) -> bool {
        self.pending() && !self.current.has_data()
    }

    /// Lines of text the row being read has gathered.
    pub(crate) fn current_text_lines(&self) -> usize {
        self.current.text_lines
    }

    pub(crate) fn finish_row(&mut self) {
        let row = std::mem::take(&mut self.current);
        if !row.is_empty() {
            self.rows.push(row);
        }
    }

    /// Add a lone text cell to the indicator of the row read last, when
    /// that row is finished and has values (a wrapped indicator whose
    /// values sit on its first line). Whether it was added.
    pub(crate) fn continue_last_text(&mut self, toks: &[Tok]) -> bool {
        let [Tok::Text(s)] = toks else {
            return false;
        };
        if self.pending() {
            return false;
        }
        match self.rows.last_mut() {
            Some(row) if row.has_data() && !row.texts.is_empty() => {
                if let Some(last) = row.texts.last_mut() {
                    last.push_str(s);
                }
                true
            }
            _ => false,
        }
    }

    /// Feed the cells of one line.
    pub(crate) fn feed(&mut self, line: usize, toks: Vec<Tok>) {
        let continuation = self.pending_without_values();
        for (k, t) in toks.into_iter().enumerate() {
            match t {
                Tok::Label(id) => {
                    self.finish_row();
                    self.current.line = line;
                    self.current.node = Some(id);
                }
                Tok::Text(s)
                    if self.schema.status
                        && !self.current.cells.is_empty()
                        && let Some(g) = grade(&s) =>
                {
                    // a grade (A/B/C) or a mark (○/△/×) in the status column
                    self.current.status = Some(g);
                    self.finish_row();
                }
                Tok::Text(s) => {
                    if self.schema.note && k > 0 && !self.current.cells.is_empty() {
                        // The note column after the values.
                        continue;
                    }
                    if self.current.has_data() {
                        self.finish_row();
                    }
                    if self.current.is_empty() {
                        self.current.line = line;
                    }
                    // A text line under a row whose text columns are all
                    // filled continues the last cell (a wrapped phrase);
                    // otherwise it fills the next column.
                    let filled = self.current.texts.len() > self.schema.lead_texts;
                    if k == 0 && continuation && filled {
                        // A wrapped cell: the phrase goes on.
                        if let Some(last) = self.current.texts.last_mut() {
                            last.push_str(&s);
                        }
                    } else {
                        self.current.texts.push(s);
                    }
                    if k == 0 {
                        self.current.text_lines += 1;
                    }
                }
                Tok::Unit(u) => {
                    self.current.unit.get_or_insert(u);
                }
                Tok::Paren { year, value } => {
                    if self.current.is_empty() {
                        self.current.line = line;
                    }
                    self.current.paren = Some((year, value));
                }
                Tok::Year(_) => {}
                Tok::Status(s) => {
                    self.current.status = Some(s);
                    self.finish_row();
                }
                t => {
                    if self.current.status.is_some() {
                        self.finish_row();
                    }
                    if self.current.is_empty() {
                        self.current.line = line;
                    }
                    self.current.cells.push(t);
                }
            }
        }
        // Without a status column a row ends with its line, once it has
        // all its values (or as many as it will get).
        if !self.schema.status && !self.current.cells.is_empty() {
            let full = self
                .expected()
                .is_none_or(|n| self.current.cells.len() >= n);
            if full {
                self.finish_row();
            }
        }
    }

    /// Columns of a row in a column-by-column dump, with the kind of cell
    /// each holds.
    fn dump_columns(&self, labelled: bool) -> Option<Vec<CellTest>> {
        if self.schema.open.is_some() {
            return None;
        }
        let mut cols: Vec<CellTest> = Vec::new();
        if labelled {
            cols.push(|t| matches!(t, Tok::Label(_)));
        }
        for _ in 0..self.schema.lead_texts {
            cols.push(|t| matches!(t, Tok::Text(_)));
        }
        cols.push(|t| matches!(t, Tok::Text(_)));
        if self.schema.unit_col {
            cols.push(|t| matches!(t, Tok::Unit(_) | Tok::Dash));
        }
        for _ in &self.schema.slots {
            cols.push(Tok::is_valueish);
        }
        if self.schema.status {
            cols.push(|t| matches!(t, Tok::Status(_) | Tok::Dash));
        }
        Some(cols)
    }

    /// Rebuild rows from cells dumped column by column (each line one
    /// cell): the first column's run of labels gives the number of rows.
    pub(crate) fn transpose(
        &mut self,
        cells: &[(usize, Tok)],
        warnings: &mut Vec<Warning>,
        warn: bool,
    ) -> bool {
        let first_line = cells.first().map_or(0, |c| c.0);
        let last_line = cells.last().map_or(0, |c| c.0);
        let labelled = matches!(cells.first(), Some((_, Tok::Label(_))));
        let lead = cells
            .iter()
            .take_while(|(_, t)| {
                if labelled {
                    matches!(t, Tok::Label(_))
                } else {
                    matches!(t, Tok::Text(_))
                }
            })
            .count();
        let Some(cols) = self.dump_columns(labelled) else {
            if !warn {
                return false;
            }
            warnings.push(Warning::new(
                first_line,
                format!(
                    "table cells dumped one per line (lines {first_line}-{last_line}) under a header without year columns; not read"
                ),
            ));
            return false;
        };
        let text_cols = 1 + self.schema.lead_texts;
        let n = if labelled {
            lead
        } else if lead % text_cols == 0 {
            lead / text_cols
        } else {
            0
        };
        let fits = n >= 2
            && cells.len() == n * cols.len()
            && cols
                .iter()
                .enumerate()
                .all(|(c, ok)| cells[c * n..(c + 1) * n].iter().all(|(_, t)| ok(t)));
        if !fits {
            if !warn {
                return false;
            }
            warnings.push(Warning::new(
                first_line,
                format!(
                    "table cells dumped one per line (lines {first_line}-{last_line}): {} cells do not fit {} rows of {} columns; not read",
                    cells.len(),
                    n,
                    cols.len()
                ),
            ));
            return false;
        }
        self.finish_row();
        for r in 0..n {
            let toks: Vec<(usize, Tok)> = (0..cols.len())
                .filter_map(|c| cells.get(c * n + r).cloned())
                .collect();
            let line = toks.first().map_or(first_line, |t| t.0);
            self.feed(line, toks.into_iter().map(|t| t.1).collect());
            self.finish_row();
            if let Some(row) = self.rows.last_mut() {
                row.line = line;
            }
        }
        true
    }
}

/// A row's indicator marked as repeating one listed elsewhere.
use crate::vocab::REPRINT as REPEAT_MARK;

/// Numbering and bullets in front of an indicator.
static LEAD_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[・■□●○◆◇▶▷※\-*]|[①-⑳]|\(\d{1,2}\)|\d{1,2}[.)])\s*").expect("valid regex")
});

/// An indicator without its numbering or bullet.
pub(crate) fn strip_lead_mark(s: &str) -> String {
    LEAD_MARK.replace(s, "").trim().to_string()
}

fn is_repeat_marker(s: &str) -> bool {
    let rest = REPEAT_MARK.replace_all(s, "");
    rest.trim().is_empty() && rest.len() < s.len()
}

/// Year lists of targets seen in the document so far (for a header that
/// lost a label).
pub(crate) type Siblings = Vec<Vec<i32>>;

/// Slots for a row of `n` value cells, with the years resolved.
fn resolve_slots(
    schema: &Schema,
    n: usize,
    line: usize,
    siblings: &Siblings,
    warnings: &mut Vec<Warning>,
) -> Option<Vec<Slot>> {
    let Some(kind) = schema.open else {
        return Some(schema.slots.clone());
    };
    let fixed = &schema.slots;
    let labels = &schema.label_years;
    if n < fixed.len() {
        return Some(fixed.clone());
    }
    let group = n - fixed.len();
    let mut slots = fixed.clone();
    let series = |year| Slot {
        kind,
        year,
        series: true,
    };
    if labels.is_empty() {
        slots.extend((0..group).map(|_| series(None)));
        return Some(slots);
    }
    let unlabelled: Vec<usize> = fixed
        .iter()
        .enumerate()
        .filter(|(_, s)| s.year.is_none())
        .map(|(i, _)| i)
        .collect();
    let name = |y: i32| format!("{y}");
    if labels.len() == n {
        // Every value column has its label, the fixed ones first.
        let mut it = labels.iter();
        for s in slots.iter_mut() {
            if let Some(y) = it.next() {
                s.year = Some(*y);
            }
        }
        slots.extend(it.map(|y| series(Some(*y))));
        return Some(slots);
    }
    if labels.len() == group {
        // The labels cover the group; or they are shifted by one column.
        let rest = labels.get(1..).unwrap_or(&[]);
        let gap_first = labels.len() >= 3 && {
            let step = rest.get(1).zip(rest.first()).map(|(b, a)| b - a);
            let even = step.is_some_and(|s| s > 0 && rest.windows(2).all(|w| w[1] - w[0] == s));
            even && step.is_some_and(|s| labels[1] - labels[0] > s)
        };
        let sibling = siblings
            .iter()
            .find(|sib| sib.len() == group && !rest.is_empty() && sib.starts_with(rest));
        if unlabelled.len() == 1 && (gap_first || sibling.is_some()) {
            let years: Vec<i32> = match sibling {
                Some(sib) => sib.clone(),
                None => {
                    let step = match rest {
                        [.., a, b] => b - a,
                        _ => 1,
                    };
                    let mut y = rest.to_vec();
                    if let Some(last) = rest.last() {
                        y.push(last + step);
                    }
                    y
                }
            };
            let missing = years.last().copied();
            if let Some(s) = unlabelled.first().and_then(|i| slots.get_mut(*i)) {
                s.year = labels.first().copied();
            }
            slots.extend(years.into_iter().map(|y| series(Some(y))));
            warnings.push(Warning::new(
                line,
                format!(
                    "table row has {n} values for {} year labels: read the first label ({}) as the year of the first column and assumed the last year column ({}) lost its label",
                    labels.len(),
                    labels.first().map_or_else(String::new, |y| name(*y)),
                    missing.map_or_else(String::new, name),
                ),
            ));
            return Some(slots);
        }
        slots.extend(labels.iter().map(|y| series(Some(*y))));
        return Some(slots);
    }
    warnings.push(Warning::new(
        line,
        format!(
            "table row has {n} values for {} year labels; values not read",
            labels.len()
        ),
    ));
    None
}

/// Turn a finished row into a KPI, aligning its cells with the columns.
/// `None` for rows that are no KPI (no indicator, a 再掲 repeat).
pub(crate) fn row_to_kpi(
    schema: &Schema,
    row: &Row,
    node: Option<String>,
    known: &[Kpi],
    siblings: &Siblings,
    warnings: &mut Vec<Warning>,
) -> Option<Kpi> {
    if !row.has_data() {
        return None;
    }
    let lead = schema.lead_texts;
    // An indicator cell that only says 再掲: the row repeats one listed before.
    if lead > 0
        && row
            .texts
            .get(lead..)
            .is_some_and(|t| !t.is_empty() && t.iter().all(|x| is_repeat_marker(x)))
    {
        return None;
    }
    let mut repeated = false;
    let texts: Vec<&str> = row
        .texts
        .iter()
        .filter(|t| {
            let marker = is_repeat_marker(t);
            repeated |= marker;
            !marker
        })
        .map(String::as_str)
        .collect();
    let indicator_raw = if texts.len() > lead {
        texts.get(lead..).unwrap_or(&[]).concat()
    } else {
        texts.last().copied().unwrap_or_default().to_string()
    };
    repeated |= REPEAT_MARK.is_match(&indicator_raw);
    let stripped = REPEAT_MARK.replace_all(&indicator_raw, "");
    let stripped = LEAD_MARK.replace(stripped.trim(), "");
    let (name, bracket_unit) = split_unit_bracket(&stripped);
    if name.is_empty() || status_word(&name).is_some() {
        if !repeated && row.cells.len() >= 2 {
            warnings.push(Warning::new(
                row.line,
                "table row has values but no indicator; not read",
            ));
        }
        return None;
    }
    if repeated && known.iter().any(|k| k.indicator == name) {
        return None;
    }
    let mut kpi = Kpi {
        indicator: name,
        unit: bracket_unit.or_else(|| row.unit.clone()),
        node: row.node.clone().or(node),
        baseline: row.paren.map(|(year, value)| YearValue { year, value }),
        targets: Vec::new(),
        actuals: Vec::new(),
        target_text: None,
        status: row.status.clone(),
        line: row.line,
    };
    let indicator_year = year_in_text(&kpi.indicator);
    let cells = &row.cells;
    let mut cell_unit: Option<String> = None;
    let Some(slots) = resolve_slots(schema, cells.len(), row.line, siblings, warnings) else {
        return Some(kpi);
    };
    let mut slots = target_then_results(slots, cells, row.line, warnings);
    // `(H29 35)` in the baseline column: the bracket is the baseline cell,
    // the values fill the columns after it.
    if row.paren.is_some()
        && cells.len() + 1 == slots.len()
        && slots.first().is_some_and(|s| s.kind == Kind::Baseline)
    {
        slots.remove(0);
    }
    let pairs: Vec<(Slot, &Tok)> = if cells.len() == slots.len() {
        slots.iter().copied().zip(cells.iter()).collect()
    } else if cells.len() < slots.len() {
        align_short(&slots, cells, indicator_year, row.line, warnings)
    } else {
        warnings.push(Warning::new(
            row.line,
            format!(
                "table row has {} values for {} columns; values not read",
                cells.len(),
                slots.len()
            ),
        ));
        Vec::new()
    };
    for (slot, cell) in pairs {
        match cell {
            Tok::Rate { text, unit } => {
                kpi.target_text.get_or_insert_with(|| text.clone());
                if cell_unit.is_none() {
                    cell_unit = unit.clone();
                }
            }
            Tok::Goal { text, unit } if slot.kind == Kind::Target => {
                kpi.target_text.get_or_insert_with(|| text.clone());
                if cell_unit.is_none() {
                    cell_unit = unit.clone();
                }
            }
            Tok::Value {
                value,
                unit,
                year,
                raw,
            } => {
                if cell_unit.is_none() {
                    cell_unit = unit.clone();
                }
                let mut year = year.or(slot.year);
                if slot.kind == Kind::Target && !slot.series && year.is_none() {
                    year = indicator_year;
                }
                let yv = YearValue {
                    year,
                    value: *value,
                };
                match slot.kind {
                    Kind::Baseline => {
                        kpi.baseline.get_or_insert(yv);
                    }
                    Kind::Target if !slot.series && year.is_none() => {
                        kpi.target_text.get_or_insert_with(|| raw.clone());
                    }
                    Kind::Target => kpi.targets.push(yv),
                    Kind::Actual => kpi.actuals.push(yv),
                }
            }
            _ => {}
        }
    }
    if kpi.unit.is_none() {
        kpi.unit = cell_unit;
    }
    Some(kpi)
}

/// `指標 目標 R1 R2 R3` with no 結果 / 実績 column reads the years as
/// targets; a row with one cell more than that, its first a rate or a value
/// with a unit, holds a target and then each year's result.
fn target_then_results(
    slots: Vec<Slot>,
    cells: &[Tok],
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<Slot> {
    let all_target_years = !slots.is_empty()
        && slots
            .iter()
            .all(|s| s.series && s.kind == Kind::Target && s.year.is_some());
    let target_first = matches!(
        cells.first(),
        Some(Tok::Rate { .. } | Tok::Value { unit: Some(_), .. })
    );
    if !(all_target_years && target_first && cells.len() == slots.len() + 1) {
        return slots;
    }
    warnings.push(Warning::new(
        line,
        "table row has one value more than its year columns: read the first as the target and the years as results",
    ));
    let mut out = vec![Slot {
        kind: Kind::Target,
        year: None,
        series: false,
    }];
    out.extend(slots.into_iter().map(|s| Slot {
        kind: Kind::Actual,
        ..s
    }));
    out
}

/// A row with fewer values than columns: the leading single columns take
/// the first cells; the year columns take the rest only when the indicator
/// names the year they end at (`R2までの…`).
fn align_short<'c>(
    slots: &[Slot],
    cells: &'c [Tok],
    indicator_year: Option<i32>,
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<(Slot, &'c Tok)> {
    let lead = slots.iter().take_while(|s| !s.series).count();
    let mut out: Vec<(Slot, &Tok)> = slots.iter().copied().zip(cells.iter()).take(lead).collect();
    let rest = cells.get(lead..).unwrap_or(&[]);
    let series = slots.get(lead..).unwrap_or(&[]);
    if rest.is_empty() {
        return out;
    }
    let end = indicator_year.and_then(|y| series.iter().position(|s| s.year == Some(y)));
    match end {
        Some(j) if rest.len() <= j + 1 => {
            let start = j + 1 - rest.len();
            out.extend(series[start..=j].iter().copied().zip(rest.iter()));
            warnings.push(Warning::new(
                line,
                format!(
                    "table row has {} value(s) for {} year columns; placed them in the columns up to {}, the year the indicator names",
                    rest.len(),
                    series.len(),
                    indicator_year.unwrap_or_default()
                ),
            ));
        }
        _ => warnings.push(Warning::new(
            line,
            format!(
                "table row has {} value(s) for {} year columns; their columns cannot be told, values not read",
                rest.len(),
                series.len()
            ),
        )),
    }
    out
}

/// Whether a line ends the table body: prose, a heading mark.
pub(crate) fn ends_table(line: &Line, toks: &[Tok]) -> bool {
    let t = line.text.as_str();
    let values = toks.iter().any(Tok::is_valueish);
    let n_values = toks.iter().filter(|t| t.is_valueish()).count();
    // a note under the table (`※R3は調査未実施`)
    ((t.contains('。') || t.starts_with(['※', '*'])) && n_values < 2)
        || (!values
            && t.starts_with([
                '●', '■', '◆', '◇', '□', '○', '《', '【', '≪', '〈', '▼', '▽',
            ]))
        || (t.chars().count() > 60 && !values)
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-‐−―]\s*\d{1,3}\s*[-‐−―]|P\.?\s*\d{1,3}|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}ページ)$",
    )
    .expect("valid regex")
});

/// A running header (`第3章 施策の展開`) or a markdown rule (`|---|---|`).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:第[\d一二三四五六七八九十]{1,3}章(?:\s?\S{0,30})?|[|｜:\-\s]*-{3,}[|｜:\-\s]*)$",
    )
    .expect("valid regex")
});

/// A running header with the page number: the plan's title, a wide gap and
/// the number (`北市産業振興計画      12`, `南町ビジョン【改定版】  - 8 -`).
static RUNNING_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\S{6,40}(?:計画|戦略|プラン|ビジョン|構想|プログラム)(?:【[^】]{1,10}】|\([^()]{1,10}\))?(?:\t|\s{2,})(?:\d{1,3}|[-‐−―]\s*\d{1,3}\s*[-‐−―])$",
    )
    .expect("valid regex")
});

/// A page number, footer or running header line inside a table (`- 12 -`,
/// `第3章 施策の展開`).
pub(crate) fn is_page_number(line: &Line) -> bool {
    let t = line.text.trim();
    PAGE_NUMBER.is_match(t) || FURNITURE.is_match(t) || RUNNING_TITLE.is_match(&line.spaced)
}

/// A line that is one header word and nothing else (`指標名`, `基準値`,
/// `目標値(R10)`): part of a header dumped one cell a line.
pub(crate) fn header_word_line(line: &Line) -> bool {
    let text = line.text.trim();
    if text.is_empty() || text.chars().count() > 16 {
        return false;
    }
    let mut it = HEADER_WORD.find_iter(text);
    let (Some(m), None) = (it.next(), it.next()) else {
        return false;
    };
    m.start() == 0 && m.end() == text.len()
}

/// A header word line that names the indicator column (`指標`, `指標名`).
pub(crate) fn indicator_word_line(line: &Line) -> bool {
    header_word_line(line)
        && HEADER_WORD
            .captures(line.text.trim())
            .is_some_and(|c| c.name("ind").is_some())
}

/// Whether a header cell names a status column (`評価`, `達成状況`).
pub(crate) fn status_column(cell: &str) -> bool {
    HEADER_WORD
        .captures(cell.trim())
        .is_some_and(|c| c.name("status").is_some())
}

/// A line that is a year in brackets only (`(R10)`, `(令和10年度)`): the
/// lower half of a header cell broken over two lines.
pub(crate) fn bracket_year_line(line: &Line) -> bool {
    let t = line.text.trim();
    t.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|inner| year_label(inner, true).is_some())
}

/// A line of value-column keywords only (`基準値 目標値`), the upper half
/// of a header whose lower half holds the indicator column and the years.
pub(crate) fn keyword_line(line: &Line) -> Option<Vec<Kind>> {
    let text = line.text.as_str();
    if text.chars().count() > 60 {
        return None;
    }
    let mut kinds = Vec::new();
    let mut covered = 0;
    for c in HEADER_WORD.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        covered += m.as_str().chars().filter(|c| !c.is_whitespace()).count();
        let kind = if c.name("base").is_some() {
            Kind::Baseline
        } else if c.name("target").is_some() {
            Kind::Target
        } else if c.name("actual").is_some() {
            Kind::Actual
        } else {
            return None;
        };
        kinds.push(kind);
    }
    let total = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .count();
    (kinds.len() >= 2 && covered == total).then_some(kinds)
}

/// Tokens of a line for the table reader.
pub(crate) fn line_tokens(line: &Line) -> Vec<Tok> {
    tokenize(&line.spaced)
}
