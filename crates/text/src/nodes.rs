//! Which strategy node each line falls under.
//!
//! The rule, as `docs/text.md` states it for users:
//!
//! 1. **Node lines.** A node opens at the line the record gives for it, and
//!    again wherever the body restates it: a line whose text (spaces and
//!    marks ignored) is the node's title, or a label of at most
//!    [`LABEL_CHARS`] characters with a numeral in it (`1-3`, `基本方針2`,
//!    `(1)`, `Ⅱ`) followed by the title; the label may stand on a line of
//!    its own, with the title on up to three lines after it. Plans list their tree in an overview
//!    first and then restate each node above its text; the record keeps the
//!    first mention only, so without restatements the whole body would fall
//!    under the overview's last node. Titles shorter than
//!    [`MIN_TITLE_CHARS`] characters are not looked for (too ambiguous).
//! 2. **Scopes.** A node's scope runs from a node line to the next node
//!    line of a node that is not its descendant (a sibling, an ancestor's
//!    sibling, a node of another list), or to a chapter heading
//!    (`第N章`, `第N部`, `第N編`) that is no node line and changes the
//!    chapter number (a running header repeating the chapter does not), or
//!    to the end of the document.
//! 3. **The node of a line** is the deepest node whose scope contains it:
//!    the node of the latest node line at or above it whose scope has not
//!    ended. Lines before the first node line, and after a closing chapter
//!    heading until the next node line, fall under no node.

use jplan_extract::Node;
use jplan_normalize::Line;
use serde_json::Value;

/// Most characters of label a restating line may carry before the title.
pub const LABEL_CHARS: usize = 12;
/// Titles shorter than this (after compacting) are not looked for.
pub const MIN_TITLE_CHARS: usize = 4;
/// How many lines after a label line may complete a title.
const TITLE_LINES: usize = 3;

/// A node of the record's strategy forest, flattened in pre-order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeInfo {
    /// The node's id (`1.2`); ids of parallel lists may repeat.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The line the record gives.
    pub line: usize,
    /// Its parent's index in the flattened list.
    pub parent: Option<usize>,
}

/// The record's strategy forest, flattened in pre-order.
pub fn flatten(strategy: &[Node]) -> Vec<NodeInfo> {
    fn walk(nodes: &[Node], parent: Option<usize>, out: &mut Vec<NodeInfo>) {
        for n in nodes {
            let me = out.len();
            out.push(NodeInfo {
                id: n.id.clone(),
                title: n.title.clone(),
                line: n.line,
                parent,
            });
            walk(&n.children, Some(me), out);
        }
    }
    let mut out = Vec::new();
    walk(strategy, None, &mut out);
    out
}

/// The same from a record's JSON (`strategy` array), for records carried
/// over from an earlier run.
pub fn flatten_json(strategy: &Value) -> Vec<NodeInfo> {
    fn walk(nodes: &Value, parent: Option<usize>, out: &mut Vec<NodeInfo>) {
        for n in nodes.as_array().into_iter().flatten() {
            let me = out.len();
            let text = |k: &str| n.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            out.push(NodeInfo {
                id: text("id"),
                title: text("title"),
                line: n.get("line").and_then(Value::as_u64).unwrap_or(0) as usize,
                parent,
            });
            if let Some(children) = n.get("children") {
                walk(children, Some(me), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(strategy, None, &mut out);
    out
}

/// Characters ignored when comparing a line with a title: spaces, column
/// gaps, brackets, list marks and punctuation.
fn ignored(c: char) -> bool {
    c.is_whitespace()
        || "・･、。,，.．:：;；「」『』()（）【】[]〔〕<>〈〉《》\"'“”■□●○◆◇◎★☆※▶▷-‐－—―~～"
            .contains(c)
}

/// A text as compared with titles.
pub fn compact(text: &str) -> Vec<char> {
    text.chars().filter(|c| !ignored(*c)).collect()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('①'..='⑳').contains(&c)
        || ('⑴'..='⒇').contains(&c)
        || ('Ⅰ'..='Ⅻ').contains(&c)
        || "一二三四五六七八九十IVX".contains(c)
}

/// Whether `line` is `title`, or a label (at most [`LABEL_CHARS`]
/// characters with a numeral among them) followed by `title`.
fn ends_with_title(line: &[char], title: &[char]) -> bool {
    if line.len() < title.len() || line[line.len() - title.len()..] != *title {
        return false;
    }
    let label = &line[..line.len() - title.len()];
    label.is_empty() || (label.len() <= LABEL_CHARS && label.iter().any(|c| is_numeral(*c)))
}

/// Node lines: `(line, node index)`, in line order; at one line, in
/// pre-order.
pub fn node_lines(lines: &[Line], nodes: &[NodeInfo]) -> Vec<(usize, usize)> {
    let mut marks: Vec<(usize, usize)> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.line >= 1)
        .map(|(i, n)| (n.line, i))
        .collect();
    let titles: Vec<Vec<char>> = nodes.iter().map(|n| compact(&n.title)).collect();
    let wanted: Vec<usize> = (0..nodes.len())
        .filter(|&i| titles[i].len() >= MIN_TITLE_CHARS)
        .collect();
    if !wanted.is_empty() {
        // Group titles by their last character, so a line is compared
        // only with the titles it could end with.
        let mut by_last: std::collections::HashMap<char, Vec<usize>> = Default::default();
        for &i in &wanted {
            if let Some(&c) = titles[i].last() {
                by_last.entry(c).or_default().push(i);
            }
        }
        let compacted: Vec<Vec<char>> = lines.iter().map(|l| compact(&l.text)).collect();
        for (li, line) in lines.iter().enumerate() {
            if line.is_blank() || line.text.contains('\t') {
                continue;
            }
            let first = &compacted[li];
            // A chapter heading is no label of the node after it.
            let chapter_line = chapter(&line.text).is_some();
            // The line itself, then a label line joined with the lines
            // that follow it.
            let mut window = first.clone();
            let mut next = li + 1;
            for extra in 0..=TITLE_LINES {
                if extra > 0 {
                    let label = !chapter_line
                        && first.len() <= LABEL_CHARS
                        && first.iter().any(|c| is_numeral(*c));
                    if !label {
                        break;
                    }
                    while next < lines.len() && lines[next].is_blank() {
                        next += 1;
                    }
                    if next >= lines.len() || lines[next].text.contains('\t') {
                        break;
                    }
                    window.extend_from_slice(&compacted[next]);
                    next += 1;
                }
                let Some(last) = window.last() else { continue };
                let found = by_last.get(last).and_then(|cands| {
                    // The longest title that fits is the most specific.
                    cands
                        .iter()
                        .filter(|&&i| ends_with_title(&window, &titles[i]))
                        .max_by_key(|&&i| (titles[i].len(), std::cmp::Reverse(i)))
                });
                if let Some(&i) = found {
                    marks.push((line.number, i));
                    break;
                }
            }
        }
    }
    marks.sort();
    marks.dedup();
    marks
}

/// The chapter number of a line that opens with `第N章`, `第N部` or `第N編`.
fn chapter(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix('第')?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "〇一二三四五六七八九十".contains(*c))
        .collect();
    if digits.is_empty() {
        return None;
    }
    let after = rest[digits.len()..].chars().next()?;
    "章部編".contains(after).then_some(digits)
}

/// The node index each line falls under (`result[i]` for `lines[i]`).
pub fn line_nodes(lines: &[Line], nodes: &[NodeInfo]) -> Vec<Option<usize>> {
    line_nodes_from(lines, nodes, &node_lines(lines, nodes))
}

/// [`line_nodes`] with the node lines already found ([`node_lines`]).
pub fn line_nodes_from(
    lines: &[Line],
    nodes: &[NodeInfo],
    marks: &[(usize, usize)],
) -> Vec<Option<usize>> {
    let is_descendant = |mut n: usize, of: usize| {
        while let Some(p) = nodes[n].parent {
            if p == of {
                return true;
            }
            n = p;
        }
        false
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut current_chapter: Option<String> = None;
    let mut m = 0;
    for line in lines {
        let mut marked = false;
        while m < marks.len() && marks[m].0 <= line.number {
            let node = marks[m].1;
            m += 1;
            if marks[m - 1].0 < line.number {
                continue;
            }
            marked = true;
            // Close every open node this one does not belong to.
            while let Some(&top) = stack.last() {
                if top == node || is_descendant(node, top) {
                    break;
                }
                stack.pop();
            }
            if stack.last() != Some(&node) {
                stack.push(node);
            }
        }
        if let Some(ch) = chapter(&line.text) {
            if !marked && current_chapter.as_ref() != Some(&ch) {
                stack.clear();
            }
            current_chapter = Some(ch);
        }
        out.push(stack.last().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, title: &str, line: usize, children: Vec<Node>) -> Node {
        Node {
            id: id.into(),
            kind: None,
            title: title.into(),
            line,
            children,
        }
    }

    fn ids(text: &str, strategy: &[Node]) -> Vec<String> {
        let lines = jplan_extract::lines_from(text);
        let nodes = flatten(strategy);
        line_nodes(&lines, &nodes)
            .into_iter()
            .map(|n| n.map_or("-".to_string(), |i| nodes[i].id.clone()))
            .collect()
    }

    #[test]
    fn overview_then_restated_nodes() {
        let text = "はじめに\n\
                    1 発展的なイノベーションの創出\n\
                    2 既存産業の活性化と新たな展開\n\
                    - 1-1 新たな産業用地等の創出\n\
                    - 2-1 地域を牽引する事業者等への支援\n\
                    基本方針1\n\
                    発展的なイノベーションの創出\n\
                    本文です。\n\
                    1-1 新たな産業用地等の創出\n\
                    用地を創出します。\n\
                    2-1\n\
                    地域を牽引する\n\
                    事業者等への支援\n\
                    支援します。\n\
                    第5章 推進体制\n\
                    会議を置きます。";
        let tree = [
            node(
                "1",
                "発展的なイノベーションの創出",
                2,
                vec![node("1.1", "新たな産業用地等の創出", 4, vec![])],
            ),
            node(
                "2",
                "既存産業の活性化と新たな展開",
                3,
                vec![node("2.1", "地域を牽引する事業者等への支援", 5, vec![])],
            ),
        ];
        assert_eq!(
            ids(text, &tree),
            [
                "-", "1", "2", "1.1", "2.1", "1", "1", "1", "1.1", "1.1", "2.1", "2.1", "2.1",
                "2.1", "-", "-"
            ]
        );
    }

    #[test]
    fn a_running_chapter_header_does_not_close() {
        let text = "第3章 施策\n1 企業誘致の推進\n本文。\n第3章 施策\n続き。\n第4章 推進\n後書き。";
        let tree = [node("1", "企業誘致の推進", 2, vec![])];
        assert_eq!(ids(text, &tree), ["-", "1", "1", "1", "1", "-", "-"]);
    }

    #[test]
    fn parallel_lists_with_the_same_ids_stay_apart() {
        let text =
            "目標1 先端産業の集積\n目標2 既存産業の強化\n戦略1 先端産業の誘致を進める\n本文。";
        let tree = [
            node("1", "先端産業の集積", 1, vec![]),
            node("2", "既存産業の強化", 2, vec![]),
            node("1", "先端産業の誘致を進める", 3, vec![]),
        ];
        let lines = jplan_extract::lines_from(text);
        let nodes = flatten(&tree);
        assert_eq!(
            line_nodes(&lines, &nodes),
            [Some(0), Some(1), Some(2), Some(2)]
        );
    }

    #[test]
    fn prose_that_mentions_a_title_is_no_node_line() {
        let text = "1 企業誘致の推進\n市は、今後とも企業誘致の推進\n2 観光の振興策\n";
        let tree = [
            node("1", "企業誘致の推進", 1, vec![]),
            node("2", "観光の振興策", 3, vec![]),
        ];
        let lines = jplan_extract::lines_from(text);
        let marks = node_lines(&lines, &flatten(&tree));
        assert_eq!(marks, [(1, 0), (3, 1)]);
    }

    #[test]
    fn json_and_struct_trees_flatten_alike() {
        let tree = [node("1", "a", 2, vec![node("1.1", "b", 3, vec![])])];
        let json = serde_json::to_value(&tree).unwrap();
        assert_eq!(flatten(&tree), flatten_json(&json));
    }
}
