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

pub mod kpi;
pub mod meta;
pub mod municipality;
pub mod numbering;
pub mod period;
pub mod project;
pub mod record;
pub mod strategy;
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

/// The normalized lines of one document, the input of every rule.
#[derive(Clone, Copy)]
pub struct Doc<'a> {
    /// Lines, in source order (`lines[i].number == i + 1`).
    pub lines: &'a [Line],
}

impl<'a> Doc<'a> {
    /// The document over these lines.
    pub fn new(lines: &'a [Line]) -> Self {
        Doc { lines }
    }

    /// Non-blank lines, in order.
    pub fn nonblank(&self) -> impl Iterator<Item = &'a Line> + 'a {
        self.lines.iter().filter(|l| !l.is_blank())
    }
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

    /// Run every rule over one document.
    pub fn extract(&self, doc: Doc<'_>, morph: &dyn Morph) -> Extraction {
        let mut warnings = Vec::new();
        let title = meta::title(doc);
        let vision = meta::vision(doc);
        let municipality = self.municipalities.detect(doc, title.as_deref());
        let periods = period::extract(doc, title.as_deref(), &mut warnings);
        let strategy = strategy::extract(doc, morph, &mut warnings);
        let projects = project::extract(doc, &strategy, morph, &mut warnings);
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
