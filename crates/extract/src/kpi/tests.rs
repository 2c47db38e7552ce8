use super::*;
use crate::{YearValue, lines_from};

/// Read the KPIs of `text` (also used by the generalization tests).
pub(super) fn run(text: &str) -> (Vec<Kpi>, Vec<Warning>) {
    let lines = lines_from(text);
    let mut w = Vec::new();
    let k = extract(Doc::new(&lines), &[], &mut w);
    (k, w)
}

/// A value for a year.
pub(super) fn yv(year: i32, value: f64) -> YearValue {
    YearValue {
        year: Some(year),
        value,
    }
}

#[test]
fn interleaved_year_labels() {
    let (k, w) = run("基本方針1 発展的なイノベーションの創出\n\
         1-1 新たな産業用地等の創出\n\
         1-2 企業誘致の推進\n\
         《計画期間における評価指標》\n\
         指標名\t現状\t年度別目標\n\
         総生産額(億円)\tR1 9,095\tR5 9,186\tR6 9,278\n\
         市内全事業所の生産規模を示す指標です。\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].indicator, "総生産額");
    assert_eq!(k[0].unit.as_deref(), Some("億円"));
    assert_eq!(k[0].node.as_deref(), Some("1"));
    assert_eq!(k[0].baseline, Some(yv(2019, 9095.0)));
    assert_eq!(k[0].targets, vec![yv(2023, 9186.0), yv(2024, 9278.0)]);
    assert_eq!(k[0].line, 6);
}

#[test]
fn interleaved_with_single_spaces_and_full_width() {
    let (k, _) = run("指標名 現状 年度別目標\n従業者数(人) R3 １１４，５００ R5 １１４，７００\n");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].baseline, Some(yv(2021, 114500.0)));
    assert_eq!(k[0].targets, vec![yv(2023, 114700.0)]);
}

#[test]
fn header_shifted_by_one_column() {
    let (k, w) = run("指標名\t現状\t年度別目標\n\
         R3\tR5\tR6\tR7\tR8\n\
         製造品出荷額等(億円)\t1,741\t1,791\t1,841\t1,891\t1,941\t1,991\n");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].baseline, Some(yv(2021, 1741.0)));
    let years: Vec<_> = k[0].targets.iter().map(|t| t.year).collect();
    assert_eq!(
        years,
        vec![Some(2023), Some(2024), Some(2025), Some(2026), Some(2027)]
    );
    assert_eq!(w.len(), 1);
    assert!(w[0].message.contains("2021") && w[0].message.contains("2027"));
}

#[test]
fn label_line_matching_the_values() {
    let (k, w) = run("指標名\t現状\t年度別目標\nR3\tR5\tR6\n来訪者数(万人)\t476\t536\t566\n");
    assert!(w.is_empty());
    assert_eq!(k[0].baseline, Some(yv(2021, 476.0)));
    assert_eq!(k[0].targets, vec![yv(2023, 536.0), yv(2024, 566.0)]);
}

#[test]
fn header_years_in_brackets() {
    let (k, _) = run("指標\t単位\t基準値(R4)\t目標値(令和9年度)\n創業件数\t件\t20\t30\n");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].unit.as_deref(), Some("件"));
    assert_eq!(k[0].baseline, Some(yv(2022, 20.0)));
    assert_eq!(k[0].targets, vec![yv(2027, 30.0)]);
}

const PROGRESS: &str = "実施事業 指標 目標 R1 R2 R3 R4 R5 結果\n";

#[test]
fn progress_table_rows() {
    let (k, w) = run(&format!(
        "{PROGRESS}\
         1-1 立地奨励金 企業立地件数 10件/ 年 1 1 3 0 2 未達成\n\
         訪問事業 市外事業者訪問 100件/年 45 - ― - - 未達成\n\
         1-2 投資促進 R4年付加価値額創出 255百万円 ▲891 未達成\n\
         設備導入 R2までの計画認定件数 60件 (H30 20)\n\
         28\n\
         8 概ね達成\n\
         4-2 人材センター事業 会員就業率 95% 84.6 85.6 83.6 84.9 84.8 概ね達成\n"
    ));
    assert_eq!(k.len(), 5, "{k:#?}");
    assert_eq!(k[0].indicator, "企業立地件数");
    assert_eq!(k[0].node.as_deref(), Some("1.1"));
    assert_eq!(k[0].target_text.as_deref(), Some("10件/年"));
    assert_eq!(k[0].unit.as_deref(), Some("件"));
    assert!(k[0].targets.is_empty());
    assert_eq!(k[0].actuals.len(), 5);
    assert_eq!(k[0].actuals[2], yv(2021, 3.0));
    assert_eq!(k[0].status.as_deref(), Some("未達成"));
    assert_eq!(k[1].node.as_deref(), Some("1.1"));
    assert_eq!(k[1].actuals, vec![yv(2019, 45.0)]);
    assert_eq!(k[2].unit.as_deref(), Some("百万円"));
    assert_eq!(k[2].targets, vec![yv(2022, 255.0)]);
    assert_eq!(k[2].actuals, vec![yv(2022, -891.0)]);
    assert_eq!(k[3].baseline, Some(yv(2018, 20.0)));
    assert_eq!(k[3].targets, vec![yv(2020, 60.0)]);
    assert_eq!(k[3].actuals, vec![yv(2019, 28.0), yv(2020, 8.0)]);
    assert_eq!(k[3].status.as_deref(), Some("概ね達成"));
    assert_eq!(k[4].target_text.as_deref(), Some("95%"));
    assert_eq!(k[4].unit.as_deref(), Some("%"));
    assert_eq!(k[4].actuals[0], yv(2019, 84.6));
    // Two rows needed a reading that the text does not spell out.
    assert_eq!(w.len(), 2, "{w:?}");
}

#[test]
fn wrapped_indicator_and_repeat_rows() {
    let (k, _) = run(&format!(
        "{PROGRESS}\
         2-1 訪問事業 市外事業者訪問 100件/年 45 - - - - 未達成\n\
         2-2 訪問事業 再掲 100件/年 45 - - - - 未達成\n\
         就労支援事業 若年者就労支援事業\n\
         就職決定者数\n\
         100人/年 88 57 77 65 72 概ね達成\n"
    ));
    assert_eq!(k.len(), 2, "{k:#?}");
    assert_eq!(k[1].indicator, "若年者就労支援事業就職決定者数");
    assert_eq!(k[1].unit.as_deref(), Some("人"));
    assert_eq!(k[1].node.as_deref(), Some("2.2"));
}

#[test]
fn column_dump_is_transposed() {
    let (k, w) = run(&format!(
        "{PROGRESS}2-2\n3-1\n3-2\n\
         農業公園事業\n農業公園事業\n支援事業\n\
         道の駅来場者数\n再掲\n創業者数\n\
         160万人/年\n160万人/年\n20件/年\n\
         95\n95\n7\n88\n88\n1\n106\n106\n9\n129\n129\n17\n123\n123\n-\n\
         概ね達成\n概ね達成\n未達成\n"
    ));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 2, "{k:#?}");
    assert_eq!(k[0].indicator, "道の駅来場者数");
    assert_eq!(k[0].node.as_deref(), Some("2.2"));
    assert_eq!(k[0].unit.as_deref(), Some("万人"));
    assert_eq!(
        k[0].actuals,
        vec![
            yv(2019, 95.0),
            yv(2020, 88.0),
            yv(2021, 106.0),
            yv(2022, 129.0),
            yv(2023, 123.0)
        ]
    );
    assert_eq!(k[1].indicator, "創業者数");
    assert_eq!(k[1].actuals.len(), 4);
    assert_eq!(k[1].status.as_deref(), Some("未達成"));
}

#[test]
fn column_dump_that_does_not_fit_is_not_read() {
    let (k, w) = run(&format!(
        "{PROGRESS}2-2\n3-1\n\
         農業公園事業\n支援事業\n\
         道の駅来場者数\n創業者数\n\
         160万人/年\n20件/年\n\
         95\n7\n88\n1\n106\n9\n129\n\
         概ね達成\n未達成\n"
    ));
    assert!(k.is_empty(), "{k:#?}");
    assert_eq!(w.len(), 1);
    assert!(w[0].message.contains("do not fit"));
}

#[test]
fn misaligned_row_keeps_no_values() {
    let (k, w) = run("指標\t基準値(R4)\t目標値(R9)\n創業件数(件)\t20\t25\t30\n");
    assert_eq!(k.len(), 1);
    assert!(k[0].baseline.is_none() && k[0].targets.is_empty());
    assert_eq!(w.len(), 1);
}

#[test]
fn prose_is_no_table() {
    let (k, w) = run(
        "成果指標と目標値\n本市の指標は毎年度1%の増加を目指します。\n\
         令和3(2021)年において事業所数は41,223事業所となっています。\n",
    );
    assert!(k.is_empty() && w.is_empty());
}

#[test]
fn node_from_strategy_tree() {
    let lines = lines_from("施策A\n施策B\n指標名\t現状\t年度別目標\n件数(件)\tR1 5\tR5 9\n");
    let tree = vec![Node {
        id: "3".into(),
        kind: None,
        title: "施策A".into(),
        line: 1,
        children: vec![Node {
            id: "3.2".into(),
            kind: None,
            title: "施策B".into(),
            line: 2,
            children: vec![],
        }],
    }];
    let mut w = Vec::new();
    let k = extract(Doc::new(&lines), &tree, &mut w);
    assert_eq!(k[0].node.as_deref(), Some("3.2"));
}

#[test]
fn values_with_their_years_in_brackets() {
    let (k, w) = run("成果指標\t現状値\t目標値\n創業件数 20件 (R4)\t30件(令和9年度)\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k[0].indicator, "創業件数");
    assert_eq!(k[0].unit.as_deref(), Some("件"));
    assert_eq!(k[0].baseline, Some(yv(2022, 20.0)));
    assert_eq!(k[0].targets, vec![yv(2027, 30.0)]);
}

#[test]
fn year_columns_beside_value_columns() {
    let (k, _) = run("指標名\t基準年度\t基準値\t目標年度\t目標値\n創業件数(件)\tR4\t20\tR9\t30\n");
    assert_eq!(k[0].baseline, Some(yv(2022, 20.0)));
    assert_eq!(k[0].targets, vec![yv(2027, 30.0)]);
}

#[test]
fn years_that_name_their_column() {
    let (k, _) = run("指標\tR3実績\tR9目標\n観光客数(万人)\t476\t656\n");
    assert_eq!(k[0].actuals, vec![yv(2021, 476.0)]);
    assert_eq!(k[0].targets, vec![yv(2027, 656.0)]);
}

#[test]
fn label_line_of_joined_fiscal_years() {
    let (k, _) = run("指標名\t現状値\t目標値\n令和3年度 令和9年度\n・創業件数(件)\t20\t30\n");
    assert_eq!(k[0].indicator, "創業件数");
    assert_eq!(k[0].baseline, Some(yv(2021, 20.0)));
    assert_eq!(k[0].targets, vec![yv(2027, 30.0)]);
}

#[test]
fn statistics_table_is_no_kpi_table() {
    let (k, _) = run("項目\tH28\tR3\n事業所数\t41,223\t40,100\n");
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn page_number_inside_a_table() {
    let (k, w) = run("指標名\t現状値\t目標値\nR3\tR9\nA件数(件)\t1\t2\n- 12 -\nB件数(件)\t3\t4\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 2);
    assert_eq!(k[1].targets, vec![yv(2027, 4.0)]);
}

#[test]
fn repeat_marker_cells() {
    let (k, _) = run("指標名\t現状値\t目標値\nR3\tR9\n\
         創業件数(件)\t20\t30\n\
         創業件数\t(再掲)\t20\t30\n\
         <再掲>就業者数(人)\t5\t6\n");
    assert_eq!(k.len(), 2, "{k:#?}");
    assert_eq!(k[1].indicator, "就業者数");
}

#[test]
fn cells_one_per_line_row_by_row() {
    let (k, w) = run(&format!(
        "{PROGRESS}立地奨励金\n企業立地件数\n10件/年\n1\n1\n3\n0\n2\n未達成\n"
    ));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].indicator, "企業立地件数");
    assert_eq!(k[0].actuals.len(), 5);
}

#[test]
fn note_column_and_rows_without_data() {
    let (k, w) = run("指標名\t現状値(R3)\t目標値(R9)\t指標の説明\n\
         創業件数(件)\t20\t30\t市の支援により創業した件数。\n\
         観光客数(万人)\t476\t656\t観光施設の入込客数\n\
         ※数値は速報値\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 2, "{k:#?}");
    assert_eq!(k[1].targets, vec![yv(2027, 656.0)]);
}

#[test]
fn target_column_without_result_column() {
    let (k, w) = run("指標 目標 R1 R2 R3\n企業立地件数 10件/年 1 2 3 概ね 達成\n");
    assert_eq!(k[0].target_text.as_deref(), Some("10件/年"));
    assert_eq!(
        k[0].actuals,
        vec![yv(2019, 1.0), yv(2020, 2.0), yv(2021, 3.0)]
    );
    assert_eq!(k[0].status.as_deref(), Some("概ね達成"));
    assert_eq!(w.len(), 1);
}

#[test]
fn year_only_header_needs_talk_of_targets() {
    let (k, _) = run("事業所数の推移\n指標\tH28\tR3\n事業所数\t41,223\t40,100\n");
    assert!(k.is_empty(), "{k:?}");
    let (k, _) = run("【成果指標】\n指標\tR5\tR6\n事業所数\t100\t110\n");
    assert_eq!(k[0].targets, vec![yv(2023, 100.0), yv(2024, 110.0)]);
}

#[test]
fn years_before_a_target_column_are_results() {
    let (k, _) = run("指標名\t単位\tH30\tR1\t目標値(R7)\n創業件数\t件\t10\t12\t20\n");
    assert_eq!(k[0].actuals, vec![yv(2018, 10.0), yv(2019, 12.0)]);
    assert_eq!(k[0].targets, vec![yv(2025, 20.0)]);
    assert_eq!(k[0].unit.as_deref(), Some("件"));
}

mod never_panics {
    use super::super::cell::{parse_number, parse_rate, parse_value, tokenize, year_label};
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cell_parsers(s in "\\PC{0,40}") {
            let _ = parse_number(&s);
            let _ = parse_value(&s);
            let _ = parse_rate(&s);
            let _ = year_label(&s, true);
            let _ = tokenize(&s);
        }

        #[test]
        fn table_like_text(s in "([RH0-9０-９,，▲△\\-―. /()年度件万人%\t指標名現状目標結果達成未概ね再掲]{0,12}\n){0,30}") {
            let _ = run(&s);
            let _ = run(&format!("{PROGRESS}{s}"));
            let _ = run(&format!("指標名\t現状\t年度別目標\nR3\tR5\n{s}"));
        }

        #[test]
        fn any_text(s in "\\PC{0,300}") {
            let _ = run(&s);
        }
    }
}

#[test]
fn long_inputs_are_read_whole() {
    // Speed on long inputs is measured by the bench (jplan-bench), not here.
    // A long table, a long run of one-cell lines, many headers.
    let mut s = String::from(PROGRESS);
    for i in 0..3000 {
        s.push_str(&format!("事業{i} 指標{i} 10件/年 1 2 3 4 5 達成\n"));
    }
    s.push_str(PROGRESS);
    for i in 0..20000 {
        s.push_str(&format!("{}\n", i % 7));
    }
    for _ in 0..3000 {
        s.push_str("指標名\t現状\t年度別目標\nR3\tR5\n");
    }
    let (k, _) = run(&s);
    assert_eq!(k.len(), 3000);
}
