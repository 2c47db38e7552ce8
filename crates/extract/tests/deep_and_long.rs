//! Deep and long outlines (moved out of `strategy.rs`, where the test only
//! ran the rules): the trees must be what the numbering says, with repeated
//! numbers merged into their first mention, and no node may point at a line
//! that is not its own.

use jplan_extract::numbering::MAX_DEPTH;
use jplan_extract::{Doc, NoMorph, Node, Warning, lines_from};

fn tree(text: &str) -> (Vec<Node>, Vec<Warning>) {
    let lines = lines_from(text);
    let mut warnings = Vec::new();
    let nodes = jplan_extract::strategy::extract(Doc::new(&lines), &NoMorph, &mut warnings);
    (nodes, warnings)
}

/// Every node, depth first, with its parent's id.
fn all(nodes: &[Node]) -> Vec<(&Node, Option<&str>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Node, Option<&str>)> = nodes.iter().rev().map(|n| (n, None)).collect();
    while let Some((n, parent)) = stack.pop() {
        out.push((n, parent));
        stack.extend(n.children.iter().rev().map(|c| (c, Some(n.id.as_str()))));
    }
    out
}

/// Ids unique, each child's id its parent's plus one number, each node on
/// a line of the text whose words are its title's start.
fn check_shape(text: &str, nodes: &[Node]) {
    let lines: Vec<&str> = text.lines().collect();
    let mut seen = std::collections::HashSet::new();
    for (n, parent) in all(nodes) {
        assert!(seen.insert(n.id.clone()), "node {} twice", n.id);
        if let Some(p) = parent {
            let rest = n.id.strip_prefix(p).and_then(|r| r.strip_prefix('.'));
            assert!(
                rest.is_some_and(|r| !r.contains('.') && r.parse::<u32>().is_ok()),
                "{} under {p}",
                n.id
            );
        }
        assert!(
            n.line >= 1 && n.line <= lines.len(),
            "{}: line {}",
            n.id,
            n.line
        );
        let first_word = n.title.split_whitespace().next().unwrap_or_default();
        assert!(
            lines[n.line - 1].contains(first_word),
            "{}: title {:?} is not on line {} ({:?})",
            n.id,
            n.title,
            n.line,
            lines[n.line - 1]
        );
    }
}

fn ones(k: usize) -> String {
    vec!["1"; k].join(".")
}

#[test]
fn a_cycling_deep_outline_is_one_chain_whose_repeats_are_merged() {
    // Numbers 2 to 13 levels deep, cycling 17 times: 200 numbered lines.
    let deep = (1..=200)
        .map(|d| format!("{} 深い", ["1"; 12][..(d % 12) + 1].join("-")))
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!("基本方針1 始まり\n{deep}");
    let (nodes, _) = tree(&text);
    check_shape(&text, &nodes);
    // The first cycle is a chain, each level on its own line.
    let mut chain = Vec::new();
    let mut level = &nodes;
    while let [only] = level.as_slice() {
        chain.push((only.id.clone(), only.line));
        level = &only.children;
    }
    assert!(level.is_empty(), "one chain");
    let first: Vec<(String, usize)> = (1..=MAX_DEPTH).map(|k| (ones(k), k)).collect();
    assert!(chain.len() >= MAX_DEPTH, "{chain:?}");
    assert_eq!(chain[..MAX_DEPTH], first[..]);
    // Later cycles restate numbers already seen: no node is first stated
    // after the second cycle.
    assert!(chain.iter().all(|(_, line)| *line <= 25), "{chain:?}");
}

#[test]
fn a_number_stated_a_hundred_thousand_times_is_one_node() {
    let text = format!(
        "基本方針1 始まり\n{}",
        "1-1-1-1-1-1-1-1 x\n".repeat(100_000)
    );
    let (nodes, _) = tree(&text);
    check_shape(&text, &nodes);
    let every = all(&nodes);
    assert_eq!(nodes[0].id, "1");
    assert_eq!(nodes[0].line, 1);
    assert!(every.len() <= 2, "{} nodes", every.len());
    assert!(every.iter().all(|(n, _)| n.line <= 2));
}

#[test]
fn twenty_thousand_orphans_are_twenty_thousand_roots_with_warnings() {
    // 施策a.b.c with no 施策a or a.b stated: each is kept under the roots,
    // with a warning on its line; all 20,000 numbers differ.
    let kinds: String = (0..20_000)
        .map(|k| format!("施策{}.{}.{} t\n", k % 999 + 1, k % 7 + 1, k % 13 + 1))
        .collect();
    let (nodes, warnings) = tree(&kinds);
    check_shape(&kinds, &nodes);
    assert_eq!(nodes.len(), 20_000);
    for (k, n) in nodes.iter().enumerate() {
        assert_eq!(
            n.id,
            format!("{}.{}.{}", k % 999 + 1, k % 7 + 1, k % 13 + 1)
        );
        assert_eq!(n.line, k + 1);
        assert!(n.children.is_empty());
    }
    let warned: std::collections::BTreeSet<usize> = warnings.iter().map(|w| w.line).collect();
    assert_eq!(warned.len(), 20_000, "one warning per orphan line");
    assert_eq!(warned.first(), Some(&1));
    assert_eq!(warned.last(), Some(&20_000));
}
