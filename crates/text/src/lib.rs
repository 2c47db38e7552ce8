//! The text layer: a document's normalized text cut into sentences and
//! table rows, each with its source line, the strategy node it falls under
//! and its tokens (surface, base form, part of speech, reading), and the
//! compound nouns under each node, so the plan's wording can be mined
//! beside its structure.
//!
//! - [`units`]: how lines become units (rows, sentences, wrapped lines).
//! - [`nodes`]: which node a line falls under (node lines, restatements,
//!   scopes).
//! - [`terms`]: compound nouns.
//! - [`output`]: `text/<id>.jsonl` and `terms.csv`, written whole.
//!
//! [`DocText::build`] does it for one document:
//!
//! ```no_run
//! let lines = jplan_extract::lines_from("1 企業誘致の推進\n市内への企業誘致を進めます。\n");
//! let tree = jplan_extract::Extractor::new()
//!     .extract(jplan_extract::Doc::new(&lines), &jplan_extract::NoMorph)
//!     .strategy;
//! let tokenizer = jplan_tokenize::Tokenizer::new().unwrap();
//! let text = jplan_text::DocText::build(&lines, &jplan_text::nodes::flatten(&tree), &tokenizer);
//! print!("{}", text.jsonl("doc"));
//! ```

#![deny(missing_docs)]

pub mod nodes;
pub mod output;
pub mod terms;
pub mod units;

use std::collections::HashMap;
use std::fmt::Write as _;

use jplan_normalize::Line;
use jplan_tokenize::Tokenizer;
use serde::Serialize;

pub use nodes::NodeInfo;
pub use units::{Kind, Unit};

/// A token as the text layer writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The surface form.
    pub surface: String,
    /// The base (dictionary) form; the surface where the dictionary has
    /// none (unknown words, the domain vocabulary's nouns).
    pub base: String,
    /// Part of speech, coarse to fine, comma-joined (`名詞,サ変接続`).
    pub pos: String,
    /// The reading in katakana, or `null` for unknown words.
    pub reading: Option<String>,
}

/// A unit with its node and tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalysedUnit {
    /// The unit.
    pub unit: Unit,
    /// Index of its node in the document's flattened tree.
    pub node: Option<usize>,
    /// Its tokens.
    pub words: Vec<Word>,
    /// Its compound nouns, in order, repeats included.
    pub compounds: Vec<String>,
}

/// A compound noun's count under one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermCount {
    /// The node's id, or `None` outside every node.
    pub node: Option<String>,
    /// The node's line (ids of parallel lists may repeat; lines do not).
    pub node_line: Option<usize>,
    /// The compound noun.
    pub term: String,
    /// How often it occurs in the units under the node.
    pub count: usize,
}

/// One document's text layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocText {
    /// The flattened strategy tree the units point into.
    pub nodes: Vec<NodeInfo>,
    /// The units, in order.
    pub units: Vec<AnalysedUnit>,
}

/// One line of `text/<id>.jsonl`.
#[derive(Serialize)]
struct UnitLine<'a> {
    id: &'a str,
    line: usize,
    end_line: usize,
    kind: Kind,
    node: Option<&'a str>,
    node_line: Option<usize>,
    text: &'a str,
    tokens: Columns<'a>,
}

/// A unit's tokens as four parallel lists: each key is written once per
/// unit, not once per token, which makes the layer about a third smaller.
#[derive(Serialize)]
struct Columns<'a> {
    surface: Vec<&'a str>,
    base: Vec<&'a str>,
    pos: Vec<&'a str>,
    reading: Vec<Option<&'a str>>,
}

impl<'a> Columns<'a> {
    fn of(words: &'a [Word]) -> Self {
        Columns {
            surface: words.iter().map(|w| w.surface.as_str()).collect(),
            base: words.iter().map(|w| w.base.as_str()).collect(),
            pos: words.iter().map(|w| w.pos.as_str()).collect(),
            reading: words.iter().map(|w| w.reading.as_deref()).collect(),
        }
    }
}

impl DocText {
    /// Cut `lines` into units, find each unit's node in `nodes` (the
    /// record's tree, [`nodes::flatten`]), and analyse each unit.
    pub fn build(lines: &[Line], nodes: &[NodeInfo], tokenizer: &Tokenizer) -> DocText {
        let marks = nodes::node_lines(lines, nodes);
        let line_nodes = nodes::line_nodes_from(lines, nodes, &marks);
        let mut is_node_line = vec![false; lines.len()];
        for (line, _) in &marks {
            if let Some(slot) = line.checked_sub(1).and_then(|i| is_node_line.get_mut(i)) {
                *slot = true;
            }
        }
        let units = units::units(lines, &is_node_line)
            .into_iter()
            .map(|unit| {
                let tokens = tokenizer.tokenize(&unit.text);
                let compounds = terms::compounds(&tokens);
                let words = tokens
                    .into_iter()
                    .map(|t| Word {
                        base: t.base_form.unwrap_or_else(|| t.surface.clone()),
                        surface: t.surface,
                        pos: t.pos,
                        reading: t.reading,
                    })
                    .collect();
                AnalysedUnit {
                    node: line_nodes
                        .get(unit.line.saturating_sub(1))
                        .copied()
                        .flatten(),
                    unit,
                    words,
                    compounds,
                }
            })
            .collect();
        DocText {
            nodes: nodes.to_vec(),
            units,
        }
    }

    /// `text/<id>.jsonl`: one JSON object a line per unit: `id`, `line`,
    /// `end_line`, `kind` (`sentence` or `row`), `node` (id or null),
    /// `node_line`, `text`, `tokens`: `{"surface": [...], "base": [...],
    /// "pos": [...], "reading": [...]}`, four lists of the same length, one
    /// entry per token.
    pub fn jsonl(&self, id: &str) -> String {
        let mut out = String::new();
        for u in &self.units {
            let node = u.node.map(|i| &self.nodes[i]);
            let line = UnitLine {
                id,
                line: u.unit.line,
                end_line: u.unit.end_line,
                kind: u.unit.kind,
                node: node.map(|n| n.id.as_str()),
                node_line: node.map(|n| n.line),
                text: &u.unit.text,
                tokens: Columns::of(&u.words),
            };
            if let Ok(json) = serde_json::to_string(&line) {
                out.push_str(&json);
                out.push('\n');
            }
        }
        out
    }

    /// The compound nouns under each node with their counts: nodes in
    /// tree order (text outside every node first), terms by count, then
    /// by text.
    pub fn terms(&self) -> Vec<TermCount> {
        let mut counts: HashMap<(Option<usize>, &str), usize> = HashMap::new();
        for u in &self.units {
            for c in &u.compounds {
                *counts.entry((u.node, c.as_str())).or_default() += 1;
            }
        }
        let mut rows: Vec<((Option<usize>, &str), usize)> = counts.into_iter().collect();
        rows.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(b.1.cmp(&a.1)).then(a.0.1.cmp(b.0.1)));
        rows.into_iter()
            .map(|((node, term), count)| TermCount {
                node: node.map(|i| self.nodes[i].id.clone()),
                node_line: node.map(|i| self.nodes[i].line),
                term: term.to_string(),
                count,
            })
            .collect()
    }

    /// This document's rows of `terms.csv` (see [`output::TERMS_HEADER`]).
    pub fn terms_csv(&self, id: &str) -> String {
        let mut out = String::new();
        for t in self.terms() {
            let _ = writeln!(
                out,
                "{},{},{},{},{}",
                output::csv_quote(id),
                output::csv_quote(t.node.as_deref().unwrap_or("")),
                output::csv_quote(&t.term),
                t.count,
                t.node_line.map_or(String::new(), |l| l.to_string())
            );
        }
        out
    }
}
