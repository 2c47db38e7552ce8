//! Reading gold and predicted records from disk.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Records, record_id};

/// Why records could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    Io {
        /// What was read.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A file is not JSON (or a line of a JSON Lines file is not).
    Json {
        /// The file.
        path: PathBuf,
        /// The 1-based line, for JSON Lines files.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Json {
                path,
                line: Some(line),
                message,
            } => write!(f, "{}:{line}: not JSON: {message}", path.display()),
            Error::Json {
                path,
                line: None,
                message,
            } => write!(f, "{}: not JSON: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Json { .. } => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The `*.json` files directly in `dir`, sorted by name.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The gold records of a folder: every `*.json` file in it, in file-name
/// order, keyed by its `id` (or its file stem). A file that is not JSON is
/// an error: gold must be whole.
pub fn load_gold(dir: &Path) -> Result<Records, Error> {
    let mut out = Records::new();
    for f in json_files(dir)? {
        let text = fs::read_to_string(&f).map_err(io_err(&f))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| Error::Json {
            path: f.clone(),
            line: None,
            message: e.to_string(),
        })?;
        let id = record_id(&v).unwrap_or_else(|| stem(&f));
        out.insert(id, v);
    }
    Ok(out)
}

/// Predicted records from `path`: a `corpus.jsonl` (any JSON Lines file),
/// an output folder of `jplan extract` (its `corpus.jsonl`), or a folder of
/// `<id>.json` files (files that are not JSON objects are skipped, as a
/// folder may hold other files).
pub fn load_pred(path: &Path) -> Result<Records, Error> {
    if path.is_dir() {
        let corpus = path.join("corpus.jsonl");
        if corpus.is_file() {
            return load_jsonl(&corpus);
        }
        let mut out = Records::new();
        for f in json_files(path)? {
            let Ok(text) = fs::read_to_string(&f) else {
                continue;
            };
            let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let id = record_id(&v).unwrap_or_else(|| stem(&f));
            out.insert(id, v);
        }
        return Ok(out);
    }
    load_jsonl(path)
}

fn load_jsonl(path: &Path) -> Result<Records, Error> {
    let text = fs::read_to_string(path).map_err(io_err(path))?;
    let mut out = Records::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| Error::Json {
            path: path.to_path_buf(),
            line: Some(n + 1),
            message: e.to_string(),
        })?;
        // The Python scorer keys a line by `str(rec.get("id"))`.
        let id = match v.get("id") {
            None | Some(Value::Null) => "None".to_string(),
            Some(other) => crate::norm::py_str(other),
        };
        out.insert(id, v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pred_from_a_folder_a_jsonl_or_an_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.json"), r#"{"id": "a", "title": "x"}"#).unwrap();
        fs::write(d.join("b.json"), r#"{"title": "no id"}"#).unwrap();
        fs::write(d.join("notes.json"), "not json").unwrap();
        let r = load_pred(d).unwrap();
        assert_eq!(r.ids().collect::<Vec<_>>(), ["a", "b"]);
        fs::write(d.join("corpus.jsonl"), "{\"id\":\"c\"}\n\n{\"id\":\"d\"}\n").unwrap();
        let r = load_pred(d).unwrap();
        assert_eq!(r.ids().collect::<Vec<_>>(), ["c", "d"], "corpus.jsonl wins");
        let r = load_pred(&d.join("corpus.jsonl")).unwrap();
        assert_eq!(r.len(), 2);
        fs::write(d.join("bad.jsonl"), "{\"id\":\"c\"}\n{oops\n").unwrap();
        let e = load_pred(&d.join("bad.jsonl")).unwrap_err();
        assert!(e.to_string().contains("bad.jsonl:2: not JSON"), "{e}");
    }

    #[test]
    fn gold_keys_by_id_or_stem_and_refuses_broken_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("x.json"), r#"{"title": "t"}"#).unwrap();
        fs::write(d.join("NOTES.md"), "# notes").unwrap();
        assert_eq!(load_gold(d).unwrap().ids().collect::<Vec<_>>(), ["x"]);
        fs::write(d.join("y.json"), "{").unwrap();
        assert!(matches!(load_gold(d), Err(Error::Json { .. })));
        assert!(matches!(load_gold(&d.join("none")), Err(Error::Io { .. })));
    }
}
