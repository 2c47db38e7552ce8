//! The rules' vocabulary, loaded once from the data files under
//! `dictionaries/vocab/` (embedded at build time).
//!
//! Every word list a rule uses is defined in exactly one of these files;
//! the files' headers say what each list is for and what may enter it.
//! To add a word, edit the file: no code changes.

use std::sync::LazyLock;

use crate::document::FurnitureSet;

/// Page furniture patterns.
pub const FURNITURE_TXT: &str = include_str!("../../../dictionaries/vocab/furniture.txt");
/// Words about plans.
pub const PLANS_TXT: &str = include_str!("../../../dictionaries/vocab/plans.txt");
/// Words of strategy trees.
pub const STRATEGY_TXT: &str = include_str!("../../../dictionaries/vocab/strategy.txt");
/// Words of KPI tables.
pub const KPI_TXT: &str = include_str!("../../../dictionaries/vocab/kpi.txt");
/// Words of projects.
pub const PROJECTS_TXT: &str = include_str!("../../../dictionaries/vocab/projects.txt");
/// Words of a plan's title and vision statements.
pub const META_TXT: &str = include_str!("../../../dictionaries/vocab/meta.txt");

/// All vocabulary files, by name, in a fixed order (for fingerprints and
/// tests).
pub const FILES: &[(&str, &str)] = &[
    ("furniture.txt", FURNITURE_TXT),
    ("plans.txt", PLANS_TXT),
    ("strategy.txt", STRATEGY_TXT),
    ("kpi.txt", KPI_TXT),
    ("projects.txt", PROJECTS_TXT),
    ("meta.txt", META_TXT),
];

/// The parsed vocabulary.
pub struct Vocab {
    /// Page furniture.
    pub(crate) furniture: FurnitureSet,
    /// The last word of a plan's name (`ビジョン`, `計画`).
    pub plan_name_ends: Vec<String>,
    /// Labels of a plan's years (`計画期間`, `対象期間`).
    pub period_labels: Vec<String>,
    /// Words that mark an item listed again (`再掲`).
    pub reprint_marks: Vec<String>,
    /// Names that name no plan (`計画`, `上位計画`).
    pub generic_plans: Vec<String>,
    /// Kind words of strategy levels with their usual rank, longest first.
    pub kinds: Vec<(String, u8)>,
    /// Kinds kept only when nothing else is stated (`課題`, `視点`).
    pub weak_kinds: Vec<String>,
    /// Kind words that label projects (`重点推進事業`).
    pub project_kinds: Vec<String>,
    /// Nouns that number a document's apparatus (`図`, `資料`).
    pub not_kinds: Vec<String>,
    /// Last words of titles of a document's own parts (`計画期間`).
    pub section_titles: Vec<String>,
    /// Words that make a title a chapter's (`概要`, `はじめに`).
    pub chapter_words: Vec<String>,
    /// Words before 取組 in an action heading (`主な`, `具体的な`).
    pub action_leads: Vec<String>,
    /// Spellings of 取組 in an action heading.
    pub action_words: Vec<String>,
    /// Words an action heading may end with after 取組 (`内容`).
    pub action_tails: Vec<String>,
    /// Action headings without a lead word (`取組内容`).
    pub action_headings: Vec<String>,
    /// KPI header words: the indicator column.
    pub kpi_indicator: Vec<String>,
    /// Words that head the indicator column only beside a value column.
    pub kpi_weak_indicator: Vec<String>,
    /// Words before a target word naming which target (`見直し後目標`).
    pub kpi_target_qualifiers: Vec<String>,
    /// A column group of yearly targets (`年度別目標`).
    pub kpi_target_series: Vec<String>,
    /// Columns holding the year of the value beside them (`目標年度`).
    pub kpi_year_columns: Vec<String>,
    /// Columns of explanation (`備考`, `考え方`).
    pub kpi_note: Vec<String>,
    /// Columns before the indicator naming a row's plan item (`基本方針`).
    pub kpi_row_labels: Vec<String>,
    /// KPI header words: the baseline column.
    pub kpi_baseline: Vec<String>,
    /// KPI header words: target columns.
    pub kpi_target: Vec<String>,
    /// KPI header words: result columns.
    pub kpi_actual: Vec<String>,
    /// KPI header words: the unit column.
    pub kpi_unit: Vec<String>,
    /// KPI header words: the status column.
    pub kpi_status: Vec<String>,
    /// KPI header words: the direction column.
    pub kpi_direction: Vec<String>,
    /// Units of KPI values, longest first.
    pub kpi_units: Vec<String>,
    /// Words of a progress table's status column (`未達成`, `概ね達成`).
    pub kpi_status_values: Vec<String>,
    /// The last word of a project's name (`事業`, `補助金`).
    pub project_name_ends: Vec<String>,
    /// Headings of lists of projects (`主な事業`), longest first.
    pub project_captions: Vec<String>,
    /// Header cells of a table's project column (`実施事業`).
    pub project_column_headers: Vec<String>,
    /// Words of other column headers beside a project column (`担当`).
    pub project_other_columns: Vec<String>,
    /// Status tags of a project's name (`新規`, `拡充`, `重点`).
    pub project_tags: Vec<String>,
    /// Words that make a plan's name an industrial-policy plan (`産業`).
    pub plan_domains: Vec<String>,
    /// The last words of a heading over the plan's vision (`めざす姿`).
    pub vision_headings: Vec<String>,
    /// First words of a line that ends a vision statement (`基本目標`).
    pub vision_stop_starts: Vec<String>,
    /// Last words of a heading that ends a vision statement (`背景`).
    pub vision_stop_ends: Vec<String>,
}

/// Word lists of one file: `[section]` headers, one entry per line, `#`
/// comments.
struct Sections {
    file: &'static str,
    lists: Vec<(String, Vec<String>)>,
}

impl Sections {
    fn parse(file: &'static str, text: &str) -> Result<Self, String> {
        let mut lists: Vec<(String, Vec<String>)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let t = raw.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                if lists.iter().any(|(n, _)| n == name) {
                    return Err(format!("{file} line {}: section [{name}] twice", i + 1));
                }
                lists.push((name.to_string(), Vec::new()));
                continue;
            }
            let Some((_, words)) = lists.last_mut() else {
                return Err(format!("{file} line {}: entry before any [section]", i + 1));
            };
            if words.iter().any(|w| w == t) {
                return Err(format!("{file} line {}: {t} listed twice", i + 1));
            }
            words.push(t.to_string());
        }
        Ok(Sections { file, lists })
    }

    /// The entries of a section, which must exist and be non-empty.
    fn take(&mut self, name: &str) -> Result<Vec<String>, String> {
        let k = self
            .lists
            .iter()
            .position(|(n, _)| n == name)
            .ok_or_else(|| format!("{}: no section [{name}]", self.file))?;
        let (_, words) = self.lists.remove(k);
        if words.is_empty() {
            return Err(format!("{}: section [{name}] is empty", self.file));
        }
        Ok(words)
    }

    /// Every section was used.
    fn done(self) -> Result<(), String> {
        match self.lists.first() {
            Some((n, _)) => Err(format!(
                "{}: section [{n}] is not used by any rule",
                self.file
            )),
            None => Ok(()),
        }
    }
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| Vocab::parse().unwrap_or_else(|e| panic!("{e}")));

impl Vocab {
    /// Parse the embedded files; an error names the file and line.
    pub fn parse() -> Result<Self, String> {
        let mut plans = Sections::parse("plans.txt", PLANS_TXT)?;
        let mut strategy = Sections::parse("strategy.txt", STRATEGY_TXT)?;
        let mut kpi = Sections::parse("kpi.txt", KPI_TXT)?;
        let mut projects = Sections::parse("projects.txt", PROJECTS_TXT)?;
        let mut meta = Sections::parse("meta.txt", META_TXT)?;
        let mut kinds = Vec::new();
        for row in strategy.take("kinds")? {
            let (word, rank) = row
                .split_once('\t')
                .and_then(|(w, r)| Some((w.to_string(), r.trim().parse::<u8>().ok()?)))
                .ok_or_else(|| {
                    format!("strategy.txt [kinds]: expected word<TAB>rank, got {row:?}")
                })?;
            kinds.push((word, rank));
        }
        // longest first, so that `施策の方向性` wins over `施策`
        kinds.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let mut project_kinds = strategy.take("project-kinds")?;
        project_kinds.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let vocab = Vocab {
            furniture: FurnitureSet::parse(FURNITURE_TXT)?,
            plan_name_ends: plans.take("plan-name-ends")?,
            period_labels: plans.take("period-labels")?,
            reprint_marks: plans.take("reprint-marks")?,
            generic_plans: plans.take("generic-plans")?,
            kinds,
            weak_kinds: strategy.take("weak-kinds")?,
            project_kinds,
            not_kinds: strategy.take("not-kinds")?,
            section_titles: strategy.take("section-titles")?,
            chapter_words: strategy.take("chapter-words")?,
            action_leads: strategy.take("action-leads")?,
            action_words: strategy.take("action-words")?,
            action_tails: strategy.take("action-tails")?,
            action_headings: strategy.take("action-headings")?,
            kpi_indicator: kpi.take("indicator")?,
            kpi_weak_indicator: kpi.take("weak-indicator")?,
            kpi_target_qualifiers: kpi.take("target-qualifiers")?,
            kpi_target_series: kpi.take("target-series")?,
            kpi_year_columns: kpi.take("year-columns")?,
            kpi_note: kpi.take("note")?,
            kpi_row_labels: kpi.take("row-labels")?,
            kpi_baseline: kpi.take("baseline")?,
            kpi_target: kpi.take("target")?,
            kpi_actual: kpi.take("actual")?,
            kpi_unit: kpi.take("unit")?,
            kpi_status: kpi.take("status")?,
            kpi_direction: kpi.take("direction")?,
            kpi_units: {
                let mut u = kpi.take("units")?;
                u.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
                u
            },
            kpi_status_values: kpi.take("status-values")?,
            project_name_ends: projects.take("name-ends")?,
            project_captions: {
                let mut c = projects.take("captions")?;
                c.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
                c
            },
            project_column_headers: projects.take("column-headers")?,
            project_other_columns: projects.take("other-columns")?,
            project_tags: projects.take("tags")?,
            plan_domains: meta.take("domains")?,
            vision_headings: meta.take("vision-headings")?,
            vision_stop_starts: meta.take("vision-stop-starts")?,
            vision_stop_ends: meta.take("vision-stop-ends")?,
        };
        plans.done()?;
        strategy.done()?;
        kpi.done()?;
        projects.done()?;
        meta.done()?;
        Ok(vocab)
    }
}

/// The vocabulary, parsed on first use.
pub fn get() -> &'static Vocab {
    &VOCAB
}

/// Words as a regex alternation (`現状と課題|現状|…`): each word escaped,
/// longest first, for Rust's alternation is leftmost-first (`現状と課題`
/// must be tried before `現状`); words of one length keep the file's order.
pub fn alternation(words: &[String]) -> String {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// The end of a plan's name, as a regex alternation (`ビジョン|プラン|…`).
pub fn plan_name_ends() -> String {
    get().plan_name_ends.join("|")
}

/// A mark saying an item is listed again: `<再掲>`, `(再掲)`, `【再 掲】`,
/// `※再掲`, or the bare word.
pub static REPRINT: LazyLock<regex::Regex> = LazyLock::new(|| {
    let words: Vec<String> = get()
        .reprint_marks
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| regex::escape(&c.to_string()))
                .collect::<Vec<_>>()
                .join(r"\s*")
        })
        .collect();
    let word = words.join("|");
    regex::Regex::new(&format!(
        r"[<＜〈《(（【\[〔]\s*(?:{word})\s*[>＞〉》)）】\]〕]|※?(?:{word})"
    ))
    .expect("valid regex")
});

#[cfg(test)]
mod tests {
    #[test]
    fn every_file_parses() {
        super::Vocab::parse().unwrap();
    }

    #[test]
    fn alternation_is_escaped_and_longest_first() {
        let words = ["現状", "現状と課題", "a.b"].map(String::from);
        assert_eq!(super::alternation(&words), r"現状と課題|a\.b|現状");
    }
}
