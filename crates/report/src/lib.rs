//! A corpus of plan records as one self-contained HTML page that a
//! reviewer reads in a browser: a sortable table of documents, and per
//! document its periods, strategy tree with projects, each KPI as a small
//! chart, its warnings, and every item's source line on hover.
//!
//! The page fetches nothing (CSS, JavaScript and SVG are inline), so it
//! opens offline and can be mailed. It stays quick on large corpora:
//! each document's record is embedded as its own JSON data block (a
//! `<script type="application/json">` element, which the browser does not
//! parse until asked) and rendered when the document is opened; only a
//! summary row per document is parsed and drawn at load.
//!
//! [`ReportWriter`] streams: records are added one at a time, in the order
//! the table first shows them, and are not kept.
//!
//! ```
//! let mut page = Vec::new();
//! let mut w = jplan_report::ReportWriter::new(&mut page, &jplan_report::Meta::default()).unwrap();
//! let record = serde_json::json!({"id": "a", "title": "所沢市産業振興ビジョン", "kpis": []});
//! w.add(&record, None).unwrap();
//! w.finish().unwrap();
//! assert!(String::from_utf8(page).unwrap().contains("所沢市産業振興ビジョン"));
//! ```

#![deny(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The fonts the page asks for, Japanese ones first (`lang="ja"` makes the
/// browser's fallback pick Japanese glyph forms too).
pub const FONT_STACK: &str = "\"Noto Sans CJK JP\", \"Noto Sans JP\", \"Source Han Sans JP\", \"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", \"Yu Gothic\", \"Meiryo\", \"IPAexGothic\", \"IPAGothic\", \"TakaoGothic\", sans-serif";

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// What the page says about itself.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// The page title (the output folder, say).
    pub title: String,
    /// What made it (`jplan 0.1.0`).
    pub generator: String,
}

/// Writes the page: [`ReportWriter::new`], [`ReportWriter::add`] for each
/// record, [`ReportWriter::finish`].
pub struct ReportWriter<W: Write> {
    out: W,
    rows: Vec<Value>,
    totals: [usize; 4],
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that can stand inside a `<script>` element: every `<` (which JSON
/// has only inside strings) is written `\u003c`.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
}

fn text(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(s @ Value::String(_)) => s.clone(),
        Some(Value::Null) | None => Value::Null,
        Some(other) => Value::String(other.to_string()),
    }
}

fn num(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(n @ Value::Number(_)) => n.clone(),
        _ => Value::Null,
    }
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn year_values(v: &Value, key: &str) -> Value {
    Value::Array(
        list(v, key)
            .iter()
            .map(|x| json!([num(x, "year"), num(x, "value")]))
            .collect(),
    )
}

fn nodes(v: &[Value], count: &mut usize) -> Value {
    Value::Array(
        v.iter()
            .map(|n| {
                *count += 1;
                json!([
                    text(n, "id"),
                    text(n, "kind"),
                    text(n, "title"),
                    num(n, "line"),
                    nodes(list(n, "children"), count)
                ])
            })
            .collect(),
    )
}

/// The compact form of a record the page embeds, and its node count.
///
/// `{"i": id, "p": source path, "m": [name, prefecture, code] | null,
/// "t": title, "v": [vision], "pe": [[subject, start, end, unit, text,
/// line, own]], "s": [[id, kind, title, line, [children]]], "pr": [[name,
/// label, [nodes], priority, line]], "k": [[indicator, unit, node,
/// [year, value] | null, [[year, value]] targets, actuals, target_text,
/// status, line]], "w": [[line, message]], "src": {"line": text}}`.
pub fn compact(record: &Value, source: Option<&BTreeMap<usize, String>>) -> (Value, usize) {
    let mut count = 0;
    let strategy = nodes(list(record, "strategy"), &mut count);
    let municipality = record
        .get("municipality")
        .filter(|m| m.is_object())
        .map_or(Value::Null, |m| {
            json!([text(m, "name"), text(m, "prefecture"), text(m, "code")])
        });
    let baseline = |k: &Value| {
        k.get("baseline")
            .filter(|b| b.is_object())
            .map_or(Value::Null, |b| json!([num(b, "year"), num(b, "value")]))
    };
    let src: serde_json::Map<String, Value> = source
        .into_iter()
        .flatten()
        .map(|(l, t)| (l.to_string(), Value::String(t.clone())))
        .collect();
    let doc = json!({
        "i": text(record, "id"),
        "p": record.pointer("/source/path").cloned().unwrap_or(Value::Null),
        "m": municipality,
        "t": text(record, "title"),
        "v": list(record, "vision"),
        "pe": list(record, "periods").iter().map(|p| json!([
            text(p, "subject"), num(p, "start"), num(p, "end"), text(p, "unit"),
            text(p, "text"), num(p, "line"), p.get("own").and_then(Value::as_bool).unwrap_or(false)
        ])).collect::<Vec<_>>(),
        "s": strategy,
        "pr": list(record, "projects").iter().map(|p| json!([
            text(p, "name"), text(p, "label"),
            p.get("nodes").cloned().unwrap_or(json!([])),
            p.get("priority").and_then(Value::as_bool).unwrap_or(false), num(p, "line")
        ])).collect::<Vec<_>>(),
        "k": list(record, "kpis").iter().map(|k| json!([
            text(k, "indicator"), text(k, "unit"), text(k, "node"), baseline(k),
            year_values(k, "targets"), year_values(k, "actuals"),
            text(k, "target_text"), text(k, "status"), num(k, "line")
        ])).collect::<Vec<_>>(),
        "w": list(record, "warnings").iter().map(|w| json!([num(w, "line"), text(w, "message")])).collect::<Vec<_>>(),
        "src": src,
    });
    (doc, count)
}

/// The plan period the table shows: the document's own, else the first.
fn shown_period(record: &Value) -> Value {
    let periods = list(record, "periods");
    let own = periods
        .iter()
        .find(|p| p.get("own").and_then(Value::as_bool) == Some(true))
        .or(periods.first());
    match own {
        Some(p) => json!([num(p, "start"), num(p, "end"), periods.len()]),
        None => Value::Null,
    }
}

impl<W: Write> ReportWriter<W> {
    /// Start the page.
    pub fn new(mut out: W, meta: &Meta) -> io::Result<Self> {
        let title = if meta.title.is_empty() {
            "jplan report".to_string()
        } else {
            format!("jplan report: {}", meta.title)
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"{generator}\">\n<title>{title}</title>\n\
             <style>\n:root {{ --font: {font}; }}\n{STYLE}</style>\n</head>\n<body>\n\
             <header><h1>{title}</h1><p id=\"summary\">読み込み中… (loading)</p>\
             <noscript><p>This report needs JavaScript.</p></noscript></header>\n\
             <main><input id=\"filter\" type=\"search\" placeholder=\"絞り込み (filter by id, authority, title)\">\
             <table id=\"docs\"><thead></thead><tbody></tbody></table></main>\n\
             <footer>{generator}</footer>\n",
            generator = html_escape(&meta.generator),
            title = html_escape(&title),
            font = FONT_STACK,
        )?;
        Ok(ReportWriter {
            out,
            rows: Vec::new(),
            totals: [0; 4],
        })
    }

    /// Add one record (a plan record as `corpus.jsonl` holds it), with the
    /// text of the source lines its items point at, if known
    /// ([`source_lines`]).
    pub fn add(
        &mut self,
        record: &Value,
        source: Option<&BTreeMap<usize, String>>,
    ) -> io::Result<()> {
        let (doc, node_count) = compact(record, source);
        let index = self.rows.len();
        writeln!(
            self.out,
            "<script type=\"application/json\" class=\"doc\" id=\"doc-{index}\">{}</script>",
            script_json(&doc)
        )?;
        let counts = [
            node_count,
            list(record, "projects").len(),
            list(record, "kpis").len(),
            list(record, "warnings").len(),
        ];
        for (t, c) in self.totals.iter_mut().zip(counts) {
            *t += c;
        }
        let m = record.get("municipality").filter(|m| m.is_object());
        self.rows.push(json!([
            text(record, "id"),
            m.map_or(Value::Null, |m| text(m, "name")),
            m.map_or(Value::Null, |m| text(m, "prefecture")),
            text(record, "title"),
            shown_period(record),
            counts[0],
            counts[1],
            counts[2],
            counts[3],
        ]));
        Ok(())
    }

    /// Close the page: the summary rows and the script.
    pub fn finish(mut self) -> io::Result<W> {
        let summary = json!({
            "rows": self.rows,
            "totals": {"nodes": self.totals[0], "projects": self.totals[1], "kpis": self.totals[2], "warnings": self.totals[3]},
        });
        write!(
            self.out,
            "<script type=\"application/json\" id=\"summary-data\">{}</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
            script_json(&summary)
        )?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Every line a record's items point at.
pub fn item_lines(record: &Value) -> BTreeSet<usize> {
    fn walk(nodes: &[Value], out: &mut BTreeSet<usize>) {
        for n in nodes {
            out.extend(n.get("line").and_then(Value::as_u64).map(|l| l as usize));
            walk(list(n, "children"), out);
        }
    }
    let mut out = BTreeSet::new();
    for key in ["periods", "projects", "kpis", "warnings"] {
        for x in list(record, key) {
            out.extend(x.get("line").and_then(Value::as_u64).map(|l| l as usize));
        }
    }
    walk(list(record, "strategy"), &mut out);
    out.remove(&0);
    out
}

/// The normalized text of the lines a record's items point at, read from
/// the document's bytes; `None` when the bytes are not the ones the record
/// was made from (their SHA-256 differs) or do not decode.
pub fn source_lines(record: &Value, bytes: &[u8]) -> Option<BTreeMap<usize, String>> {
    let want = record.pointer("/source/sha256")?.as_str()?;
    let sha: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if sha != want {
        return None;
    }
    let decoded = jplan_decode::decode(bytes).ok()?;
    let text = jplan_normalize::Normalizer::new().normalize(&decoded.text);
    let mut out = BTreeMap::new();
    for l in item_lines(record) {
        if let Some(line) = text.line(l) {
            let mut t: String = line.text.chars().take(160).collect();
            if t.len() < line.text.len() {
                t.push('…');
            }
            out.insert(l, t.replace('\t', " ⇥ "));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Value {
        json!({
            "schema": "plan-record/1", "id": "t</script>x",
            "source": {"path": "corpus/t.txt", "sha256": "", "bytes": 3, "encoding": "UTF-8"},
            "municipality": {"name": "所沢市", "prefecture": "埼玉県", "code": "112089"},
            "title": "所沢市産業振興ビジョン", "vision": [],
            "periods": [{"subject": "x", "start": 2023, "end": 2027, "unit": "fiscal_year", "text": "令和5年度～令和9年度", "line": 2, "own": true}],
            "strategy": [{"id": "1", "kind": "基本方針", "title": "<b>発展</b>", "line": 3,
                          "children": [{"id": "1.1", "kind": null, "title": "企業誘致", "line": 4, "children": []}]}],
            "projects": [{"name": "企業誘致活動推進事業", "label": null, "nodes": ["1.1"], "priority": true, "line": 5}],
            "kpis": [{"indicator": "総生産額", "unit": "億円", "node": "1", "baseline": {"year": 2019, "value": 9095},
                      "targets": [{"year": 2023, "value": 9186}], "actuals": [], "target_text": null, "status": null, "line": 6}],
            "warnings": [{"line": 7, "message": "table row has 6 values"}]
        })
    }

    #[test]
    fn page_embeds_each_record_safely_and_a_summary_row() {
        let mut page = Vec::new();
        let mut w = ReportWriter::new(
            &mut page,
            &Meta {
                title: "out".into(),
                generator: "jplan".into(),
            },
        )
        .unwrap();
        w.add(&record(), None).unwrap();
        w.finish().unwrap();
        let page = String::from_utf8(page).unwrap();
        assert_eq!(
            page.matches("</script>").count(),
            3,
            "no record text closes a script"
        );
        assert!(page.contains("\\u003cb>発展\\u003c/b>"));
        assert!(page.contains("<html lang=\"ja\">") && page.contains("<meta charset=\"utf-8\">"));
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "nothing is fetched"
        );
        let start = page.find("id=\"summary-data\">").unwrap() + "id=\"summary-data\">".len();
        let end = start + page[start..].find("</script>").unwrap();
        let summary: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(
            summary["rows"][0],
            json!([
                "t</script>x",
                "所沢市",
                "埼玉県",
                "所沢市産業振興ビジョン",
                [2023, 2027, 1],
                2,
                1,
                1,
                1
            ])
        );
        assert_eq!(summary["totals"]["kpis"], 1);
    }

    #[test]
    fn source_lines_only_from_the_same_bytes() {
        let text = "所沢市\n令和5年度～令和9年度\n1 発展\n1-1 企業誘致\n・企業誘致活動推進事業\n総生産額\t9,095\nx\n";
        let mut r = record();
        let sha: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        r["source"]["sha256"] = json!(sha);
        let lines = source_lines(&r, text.as_bytes()).unwrap();
        assert_eq!(
            lines.keys().copied().collect::<Vec<_>>(),
            [2, 3, 4, 5, 6, 7]
        );
        assert_eq!(lines[&6], "総生産額 ⇥ 9,095");
        assert!(source_lines(&r, b"other bytes").is_none());
    }
}
