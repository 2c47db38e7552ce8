//! `jplan extract --text`: the text layer of each document, beside its
//! record (the work is in `jplan-text`).

use std::path::{Path, PathBuf};

use jplan_corpus::Pipeline;
use jplan_corpus::PlanRecord;
use jplan_normalize::NormalizedText;
use jplan_text::output::{PreviousText, link_doc, write_doc};
use jplan_text::{DocText, NodeInfo, nodes};
use jplan_tokenize::Tokenizer;

/// What the workers need to write text files; shared by all of them.
pub struct TextLayer<'a> {
    pipeline: &'a Pipeline,
    tokenizer: &'a Tokenizer,
    dir: PathBuf,
    previous: PreviousText,
}

impl<'a> TextLayer<'a> {
    pub fn new(pipeline: &'a Pipeline, dir: &Path, previous: PreviousText) -> anyhow::Result<Self> {
        let tokenizer = pipeline
            .tokenizer()
            .ok_or_else(|| anyhow::anyhow!("--text needs the tokenizer"))?;
        Ok(TextLayer {
            pipeline,
            tokenizer,
            dir: dir.to_path_buf(),
            previous,
        })
    }

    fn write(
        &self,
        id: &str,
        text: &NormalizedText,
        nodes: &[NodeInfo],
    ) -> Result<Vec<u8>, String> {
        let doc = DocText::build(&text.lines, nodes, self.tokenizer);
        write_doc(&self.dir, id, &doc.jsonl(id))
            .map_err(|e| format!("cannot write text layer: {e}"))?;
        Ok(doc.terms_csv(id).into_bytes())
    }

    /// Remove a document's staged text file (its record failed).
    pub fn discard(&self, id: &str) {
        let _ = std::fs::remove_file(self.dir.join(format!("{id}.jsonl")));
    }

    /// The text layer of a record made in this run; its terms rows.
    pub fn fresh(
        &self,
        id: &str,
        record: &PlanRecord,
        text: &NormalizedText,
    ) -> Result<Vec<u8>, String> {
        self.write(id, text, &nodes::flatten(&record.strategy))
    }

    /// The text layer of a record carried over from the previous run:
    /// carried over too when the previous run wrote it for the same
    /// bytes, else made from the document and the record's tree.
    pub fn carried(
        &self,
        id: &str,
        sha256: &str,
        bytes: &[u8],
        record_json: &[u8],
    ) -> Result<Vec<u8>, String> {
        if let Some(r) = self.previous.reuse(id, sha256)
            && link_doc(&self.dir, id, &r.jsonl).is_ok()
        {
            return Ok(r.terms_rows);
        }
        let record: serde_json::Value = serde_json::from_slice(record_json)
            .map_err(|e| format!("cannot read the previous record: {e}"))?;
        let text = self.pipeline.normalize(bytes).map_err(|e| e.to_string())?;
        let nodes = nodes::flatten_json(record.get("strategy").unwrap_or(&serde_json::Value::Null));
        self.write(id, &text, &nodes)
    }
}
