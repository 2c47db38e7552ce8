//! Find the facts of a plan document in its normalized lines: the plan
//! periods, the strategy tree, the projects, the KPI tables, and the title,
//! vision and municipality.
//!
//! Each rule lives in its own module and works on [`Doc`], the normalized
//! lines of one document. Rules never panic on odd input; what a rule
//! cannot resolve becomes a [`Warning`] with its line.
//!
//! Rules that need word boundaries ask a [`Morph`] (the tokenizer, wired in
//! by `jplan-corpus`); unit tests pass [`NoMorph`] or a small fake, so the
//! rules are tested on literal strings without loading IPADIC.

#![deny(missing_docs)]

pub mod document;
pub mod kpi;
pub mod meta;
pub mod municipality;
pub mod numbering;
pub mod period;
pub mod project;
pub mod record;
pub mod strategy;
pub mod vocab;
pub mod wareki;

pub use jplan_normalize::{Line, NormalizedText};
pub use municipality::{Municipality, MunicipalityTable};
pub use record::{Kpi, Node, Period, Project, Unit, Warning, YearValue};

/// One morpheme as the extraction rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Morpheme {
    /// The surface form.
    pub surface: String,
    /// The part of speech, coarse to fine, comma-joined (`名詞,固有名詞,…`).
    pub pos: String,
    /// The base (dictionary) form, when the analyser knows one.
    pub base: Option<String>,
    /// Byte range in the analysed text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// A morphological analyser: splits a phrase into morphemes.
pub trait Morph: Sync {
    /// Analyse `text`.
    fn analyse(&self, text: &str) -> Vec<Morpheme>;
}

/// A [`Morph`] that knows no words: every rule must then decide from the
/// characters alone. For tests and for `--no-tokenize` runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoMorph;

impl Morph for NoMorph {
    fn analyse(&self, _text: &str) -> Vec<Morpheme> {
        Vec::new()
    }
}

/// The lines of one document, the input of every rule: either its
/// normalized source lines ([`Doc::new`]) or the units of its
/// [`document::Document`] with their roles ([`Doc::units`]).
#[derive(Clone, Copy)]
pub struct Doc<'a> {
    /// Lines, in reading order; each keeps its source line `number`.
    pub lines: &'a [Line],
    /// The role of each line (empty for plain source lines: all text).
    pub roles: &'a [document::Role],
}

impl<'a> Doc<'a> {
    /// The document over these normalized source lines.
    pub fn new(lines: &'a [Line]) -> Self {
        Doc { lines, roles: &[] }
    }

    /// The document over a document layer's units and their roles.
    pub fn units(lines: &'a [Line], roles: &'a [document::Role]) -> Self {
        Doc { lines, roles }
    }

    /// Whether the lines are a document layer's units (already in reading
    /// order, furniture gone).
    pub fn is_units(&self) -> bool {
        !self.roles.is_empty() || self.lines.is_empty()
    }

    /// The role of line `i`.
    pub fn role(&self, i: usize) -> document::Role {
        self.roles.get(i).copied().unwrap_or(document::Role::Text)
    }

    /// Non-blank lines, in order.
    pub fn nonblank(&self) -> impl Iterator<Item = &'a Line> + 'a {
        self.lines.iter().filter(|l| !l.is_blank())
    }
}

/// Whether `c` is a kanji or a kana (the characters of Japanese words).
pub(crate) fn is_kanji_or_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FA | 0x30FC | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Build a [`Doc`]'s lines from plain text (for tests): normalizes it with
/// the built-in tables.
pub fn lines_from(text: &str) -> Vec<Line> {
    jplan_normalize::Normalizer::new().normalize(text).lines
}

/// Everything the rules found in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// The plan's own name.
    pub title: Option<String>,
    /// 基本理念 / スローガン / めざす姿 statements.
    pub vision: Vec<String>,
    /// The municipality, when the text names one.
    pub municipality: Option<Municipality>,
    /// Plan periods.
    pub periods: Vec<Period>,
    /// The strategy forest.
    pub strategy: Vec<Node>,
    /// Projects.
    pub projects: Vec<Project>,
    /// KPIs.
    pub kpis: Vec<Kpi>,
    /// What the rules could not resolve.
    pub warnings: Vec<Warning>,
}

/// The rules, configured once and shared by all threads.
pub struct Extractor {
    municipalities: MunicipalityTable,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// An extractor with the built-in municipality table.
    pub fn new() -> Self {
        Extractor {
            municipalities: MunicipalityTable::builtin(),
        }
    }

    /// The document layer's units of a document's normalized lines, with
    /// what the outline made of each (see [`strategy::explain`]).
    pub fn explain(&self, lines: &[Line], morph: &dyn Morph) -> String {
        let (units, roles) = document::build(lines).into_parts();
        let kinds = numbering::learn_kinds(&units);
        let head = format!("# kind words learned: {}\n", kinds.join(" "));
        let _kinds = numbering::DocumentKinds::enter(kinds);
        head + &strategy::explain(Doc::units(&units, &roles), morph)
    }

    /// Run every rule over one document.
    pub fn extract(&self, doc: Doc<'_>, morph: &dyn Morph) -> Extraction {
        let built;
        let doc = if doc.is_units() && !doc.lines.is_empty() {
            doc
        } else {
            built = document::build(doc.lines).into_parts();
            Doc::units(&built.0, &built.1)
        };
        // the kind words this document numbers its headings with, and the
        // era it writes its years in
        let _kinds = numbering::DocumentKinds::enter(numbering::learn_kinds(doc.lines));
        let _era = wareki::DocumentEra::enter(wareki::DocumentEra::of(doc.lines));
        let mut warnings = Vec::new();
        let title = meta::title(doc);
        let vision = meta::vision(doc);
        let mut municipality = self.municipalities.detect(doc, title.as_deref());
        if municipality.is_none()
            && let Some((found, stem, line)) = self.municipalities.by_place_name(doc, morph)
        {
            warnings.push(Warning {
                line,
                message: format!(
                    "the text never names its authority; {} inferred from the place name {stem} and the words for its residents or area",
                    found.name
                ),
            });
            municipality = Some(found);
        }
        let periods = period::extract(doc, title.as_deref(), &mut warnings);
        // The strategy and project readers share one outline of the lines.
        let mut structure = strategy::Structure::of(doc, morph);
        let strategy = structure.nodes(&mut warnings);
        let projects = project::from_structure(structure, morph, &mut warnings);
        let kpis = kpi::extract(doc, &strategy, &mut warnings);
        warnings.sort_by_key(|w| w.line);
        Extraction {
            title,
            vision,
            municipality,
            periods,
            strategy,
            projects,
            kpis,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let lines = lines_from(text);
        let x = Extractor::new().extract(Doc::new(&lines), &NoMorph);
        let n = lines.len();
        let in_doc = |line: usize| line >= 1 && line <= n;
        assert!(x.periods.iter().all(|p| in_doc(p.line)));
        assert!(x.projects.iter().all(|p| in_doc(p.line)));
        assert!(x.kpis.iter().all(|k| in_doc(k.line)));
        let mut stack: Vec<&Node> = x.strategy.iter().collect();
        while let Some(node) = stack.pop() {
            assert!(in_doc(node.line));
            stack.extend(node.children.iter());
        }
    }

    /// Pieces plan text is made of, so that random documents reach the rules.
    const PIECES: &[&str] = &[
        "計画期間",
        "令和",
        "平成",
        "R",
        "H",
        "元",
        "年度",
        "年",
        "～",
        "から",
        "まで",
        "以降",
        "(2026)",
        "1",
        "2",
        "12",
        "-",
        ".",
        "(",
        ")",
        "①",
        "【1】",
        "第",
        "期",
        "章",
        "戦略",
        "基本方針",
        "施策",
        "事業",
        "重点",
        "・",
        "■",
        "<再掲>",
        "指標",
        "目標",
        "現状",
        "R5",
        "9,095",
        "▲",
        "%",
        "件/年",
        "\t",
        "  ",
        " ",
        "\n",
        "プラン",
        "ビジョン",
        "達成",
        "未達成",
        "ｶﾞ",
        "１",
        "ー",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn extract_never_panics_on_arbitrary_strings(s in "\\PC*") {
            check(&s);
        }

        #[test]
        fn extract_never_panics_on_plan_like_text(parts in proptest::collection::vec(0..PIECES.len(), 0..200)) {
            let text: String = parts.into_iter().map(|i| PIECES[i]).collect();
            check(&text);
        }
    }
}
