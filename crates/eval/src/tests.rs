use serde_json::json;

use super::*;

fn one(gold: Value, pred: Value) -> Report {
    score(&Records::from_values([gold]), &Records::from_values([pred]))
}

#[test]
fn fuzzy_ties_go_to_the_later_gold_item() {
    // Both gold titles are 0.9 similar to the one prediction; Python's
    // sort(reverse=True) of (s, gi, pi) hands it to gold item 1.
    let gold = json!({"id": "a", "strategy": [
        {"title": "abcdefghiX"}, {"title": "abcdefghiY"}]});
    let pred = json!({"id": "a", "strategy": [{"title": "abcdefghiZ", "line": 4}]});
    let r = one(gold, pred);
    let d = &r.documents[0];
    assert_eq!(
        d.tally(Category::Nodes),
        Tally {
            tp: 1,
            gold: 2,
            pred: 1
        }
    );
    assert_eq!(d.misses[0].text, "abcdefghiX");
}

#[test]
fn exact_matches_are_taken_before_fuzzy_ones() {
    let gold =
        json!({"id": "a", "projects": [{"name": "観光振興事業"}, {"name": "観光振興事業費"}]});
    let pred = json!({"id": "a", "projects": [{"name": "観光振興事業費"}]});
    let r = one(gold, pred);
    assert_eq!(r.documents[0].misses[0].text, "観光振興事業");
}

#[test]
fn open_ends_are_not_scored_and_duplicates_count_once() {
    let gold = json!({"id": "a", "periods": [
        {"start": 2018, "end": 2027}, {"start": 2018, "end": 2027}, {"start": 2023, "end": 2027}]});
    let pred = json!({"id": "a", "periods": [
        {"start": 2018.0, "end": 2027, "line": 3}, {"start": 2025, "end": null, "line": 5},
        {"start": 2019, "end": 2020, "line": 9}]});
    let r = one(gold, pred);
    let t = r.documents[0].tally(Category::Periods);
    assert_eq!(
        t,
        Tally {
            tp: 1,
            gold: 2,
            pred: 2
        }
    );
    assert_eq!(r.documents[0].false_hits[0].line, Some(9));
    assert_eq!(r.documents[0].false_hits[0].text, "2019–2020");
}

#[test]
fn kpi_cells_count_only_within_matched_rows() {
    let gold = json!({"id": "a", "kpis": [
        {"indicator": "製造品出荷額等", "baseline": {"year": 2019, "value": 9095},
         "targets": [{"year": 2027, "value": 9186}], "actuals": []}]});
    let pred = json!({"id": "a", "kpis": [
        {"indicator": "製造品出荷額", "baseline": {"year": 2019, "value": "9095"},
         "targets": [{"year": 2027, "value": 9186.0000001}], "line": 12},
        {"indicator": "全く別の指標", "targets": [{"year": 2027, "value": 1}], "line": 20}]});
    let r = one(gold, pred);
    let d = &r.documents[0];
    assert_eq!(
        d.tally(Category::KpiRows),
        Tally {
            tp: 1,
            gold: 1,
            pred: 2
        }
    );
    assert_eq!(
        d.tally(Category::KpiCells),
        Tally {
            tp: 2,
            gold: 2,
            pred: 3
        }
    );
    let cells: Vec<_> = d
        .false_hits
        .iter()
        .filter(|i| i.category == Category::KpiCells)
        .collect();
    assert_eq!(cells[0].text, "全く別の指標: target 2027 = 1");
    assert_eq!(cells[0].line, Some(20));
}

#[test]
fn edges_need_both_titles_and_a_missing_record_scores_empty() {
    let gold = json!({"id": "a", "municipality": {"name": "所沢市"},
        "strategy": [{"title": "基本方針", "children": [{"title": "企業誘致の推進"}]}]});
    let r = score(&Records::from_values([gold]), &Records::new());
    assert_eq!(r.missing_records, ["a"]);
    assert_eq!(r.municipality_accuracy, Some(0.0));
    let d = &r.documents[0];
    assert!(!d.has_record);
    assert_eq!(
        d.tally(Category::Edges),
        Tally {
            tp: 0,
            gold: 1,
            pred: 0
        }
    );
    assert_eq!(d.misses[2].text, "基本方針 → 企業誘致の推進");
    // Nodes and edges score 0; the four empty categories are perfect.
    assert_eq!(r.overall, 0.667);
}

#[test]
fn rounding_and_overall_follow_the_python_scorer() {
    // 1 of 3 predictions right, 1 of 1 gold found: P 0.333, R 1, F1 0.5.
    let gold =
        json!({"id": "a", "municipality": {"name": "川崎市"}, "projects": [{"name": "x事業"}]});
    let pred = json!({"id": "a", "municipality": {"name": "川崎市"}, "projects": [
        {"name": "x事業"}, {"name": "y計画"}, {"name": "z構想"}]});
    let r = one(gold, pred);
    let p = r.category(Category::Projects);
    assert_eq!((p.precision, p.recall, p.f1), (0.333, 1.0, 0.5));
    assert_eq!(r.overall, py_round((5.0 + 0.5) / 6.0, 3));
    assert_eq!(r.municipality_accuracy, Some(1.0));
}

#[test]
fn a_subset_of_documents_scores_alone() {
    let gold = Records::from_values([
        json!({"id": "a", "projects": [{"name": "p"}]}),
        json!({"id": "b", "projects": [{"name": "q"}]}),
    ]);
    let pred = Records::from_values([json!({"id": "a", "projects": [{"name": "p"}]})]);
    assert_eq!(score(&gold, &pred).category(Category::Projects).recall, 0.5);
    let only_a = gold.filter(|id| id == "a");
    assert_eq!(
        score(&only_a, &pred).category(Category::Projects).recall,
        1.0
    );
    assert_eq!(score(&only_a, &pred).documents.len(), 1);
}

#[test]
fn text_and_json_reports() {
    let gold = json!({"id": "a", "projects": [{"name": "p事業"}]});
    let pred = json!({"id": "a", "projects": [{"name": "q計画", "line": 7}]});
    let r = one(gold, pred);
    let text = r.to_text(true);
    assert!(text.contains("MISS  projects  a: p事業"), "{text}");
    assert!(text.contains("FALSE projects  a:7: q計画"), "{text}");
    assert!(text.ends_with(&format!("overall {}\n", norm::py_float_repr(r.overall))));
    let j = r.to_json(true);
    assert_eq!(j["categories"]["projects"]["f1"], json!(0.0));
    assert_eq!(
        j["tallies"]["a"]["projects"],
        json!({"tp": 0, "gold": 1, "pred": 1})
    );
    assert_eq!(j["false_hits"][0]["line"], json!(7));
}
