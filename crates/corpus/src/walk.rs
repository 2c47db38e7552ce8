//! Find the input documents under the files and folders given, with stable
//! order and unique ids.
//!
//! - A file named on the command line is taken whatever its extension.
//! - A folder is walked recursively for files with one of the configured
//!   extensions (`txt` and `md` by default: plain text and the Markdown that
//!   converters such as markitdown, docling or marker write); hidden files
//!   and folders (`.name`) and a folder's own `README` are skipped; entries
//!   are visited in byte order of their names, so the result does not
//!   depend on the file system.
//! - Symbolic links are followed only when they point inside the folder
//!   being walked; a link to a folder is never followed (no cycles).
//! - The id is the file stem. When several inputs share a stem (two folders
//!   each with `plan.txt`), each of them gets the stem plus `-` and the first
//!   8 hex digits of the SHA-256 of its path, so ids stay unique and do not
//!   depend on the order of the inputs.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::pipeline::sha256_hex;

/// How inputs are found.
#[derive(Clone, Debug)]
pub struct WalkConfig {
    /// File extensions (without dot, compared case-insensitively) taken
    /// from folders.
    pub extensions: Vec<String>,
}

impl Default for WalkConfig {
    fn default() -> Self {
        WalkConfig {
            extensions: vec!["txt".to_string(), "md".to_string()],
        }
    }
}

/// One input document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputDoc {
    /// Unique id in the corpus.
    pub id: String,
    /// Where to read it.
    pub path: PathBuf,
    /// The path as the record names it.
    pub display: String,
}

/// An input that could not be used, for `errors.jsonl`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    /// The path.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// Find the documents under `inputs`.
pub fn discover(inputs: &[PathBuf], config: &WalkConfig) -> (Vec<InputDoc>, Vec<WalkError>) {
    let mut found: Vec<PathBuf> = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let root = fs::canonicalize(input).unwrap_or_else(|_| input.clone());
                walk_dir(input, &root, config, &mut found, &mut errors);
            }
            Ok(_) => found.push(input.clone()),
            Err(e) => errors.push(WalkError {
                path: input.display().to_string(),
                reason: format!("cannot read: {e}"),
            }),
        }
    }
    // The same file reached twice (named and inside a named folder, or
    // through a link) is taken once, under its own name rather than a link's.
    let is_link = |p: &PathBuf| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    found.sort_by_key(is_link);
    let mut seen = HashSet::new();
    found.retain(|p| seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    (assign_ids(found), errors)
}

fn walk_dir(
    dir: &Path,
    root: &Path,
    config: &WalkConfig,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
) {
    // An explicit stack instead of recursion: deep trees cannot overflow.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                errors.push(WalkError {
                    path: dir.display().to_string(),
                    reason: format!("cannot list folder: {e}"),
                });
                continue;
            }
        };
        let mut names: Vec<(std::ffi::OsString, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), e.path()))
            .collect();
        names.sort();
        let mut subdirs = Vec::new();
        for (name, path) in names {
            let n = name.to_string_lossy();
            // hidden files, and the folder's own README (documentation)
            if n.starts_with('.')
                || n.split('.')
                    .next()
                    .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
            {
                continue;
            }
            let Ok(link_meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if link_meta.file_type().is_symlink() {
                match fs::canonicalize(&path) {
                    Ok(target) if target.starts_with(root) && target.is_file() => {}
                    _ => continue,
                }
            } else if link_meta.is_dir() {
                subdirs.push(path);
                continue;
            }
            let ext_ok = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .is_some_and(|e| config.extensions.iter().any(|x| x.eq_ignore_ascii_case(&e)));
            if ext_ok {
                found.push(path);
            }
        }
        // Visit subfolders in name order (the stack pops the last first).
        stack.extend(subdirs.into_iter().rev());
    }
}

/// The shard (0 ≤ shard < `count`) a document id belongs to, for
/// `--shard K/N`: FNV-1a of the id, stable across runs, machines and
/// releases.
pub fn shard_of(id: &str, count: u64) -> u64 {
    jplan_tokenize::fnv1a(id.as_bytes()) % count.max(1)
}

/// A file stem made safe as a file name on every platform.
fn sanitize(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() || s == "." || s == ".." {
        "document".to_string()
    } else {
        s
    }
}

fn assign_ids(paths: Vec<PathBuf>) -> Vec<InputDoc> {
    let stems: Vec<String> = paths
        .iter()
        .map(|p| {
            sanitize(
                &p.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &stems {
        *count.entry(s.as_str()).or_default() += 1;
    }
    let mut docs: Vec<InputDoc> = paths
        .iter()
        .zip(&stems)
        .map(|(p, stem)| {
            let display = p.display().to_string();
            let id = if count[stem.as_str()] > 1 {
                format!("{stem}-{}", &sha256_hex(display.as_bytes())[..8])
            } else {
                stem.clone()
            };
            InputDoc {
                id,
                path: p.clone(),
                display,
            }
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_other_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/.hidden")).unwrap();
        fs::write(d.join("b/z.txt"), "x").unwrap();
        fs::write(d.join("a.TXT"), "x").unwrap();
        fs::write(d.join("c.pdf"), "x").unwrap();
        fs::write(d.join(".secret.txt"), "x").unwrap();
        fs::write(d.join("b/.hidden/h.txt"), "x").unwrap();
        fs::write(d.join("m.md"), "x").unwrap();
        fs::write(d.join("README.md"), "x").unwrap();
        fs::write(d.join("b/readme.txt"), "x").unwrap();
        let (docs, errors) = discover(&[d.to_path_buf()], &WalkConfig::default());
        assert!(errors.is_empty());
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "m", "z"]);
    }

    #[test]
    fn same_stem_in_two_folders_gets_unique_ids() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("x")).unwrap();
        fs::create_dir_all(d.join("y")).unwrap();
        fs::write(d.join("x/plan.txt"), "1").unwrap();
        fs::write(d.join("y/plan.txt"), "2").unwrap();
        let (docs, _) = discover(&[d.to_path_buf()], &WalkConfig::default());
        assert_eq!(docs.len(), 2);
        assert_ne!(docs[0].id, docs[1].id);
        assert!(docs.iter().all(|d| d.id.starts_with("plan-")));
    }

    #[test]
    fn missing_input_is_an_error_and_files_are_deduplicated() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "x").unwrap();
        let (docs, errors) = discover(
            &[
                f.clone(),
                dir.path().to_path_buf(),
                dir.path().join("nope.txt"),
            ],
            &WalkConfig::default(),
        );
        assert_eq!(docs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("nope.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("o.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("in.txt"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("o.txt"), dir.path().join("link.txt"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path().join("in.txt"), dir.path().join("alias.txt"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let (docs, _) = discover(&[dir.path().to_path_buf()], &WalkConfig::default());
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
        // alias.txt points inside but is the same file as in.txt: once.
        assert_eq!(ids, vec!["in"]);
    }
}
