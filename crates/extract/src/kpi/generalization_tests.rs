//! KPI layouts from other cities' plans than the seed documents:
//! fictional tables in the styles real municipal plans use. Expected
//! readings were decided from the contract and the gold notes before the
//! rules were run on them.

use super::tests::{run, yv};
use super::*;

fn names(k: &[Kpi]) -> Vec<&str> {
    k.iter().map(|k| k.indicator.as_str()).collect()
}

#[test]
fn header_years_in_full_width_brackets_with_tabs() {
    let (k, w) = run("■成果指標\n\
         指標名\t基準値（令和4年度）\t目標値（令和10年度）\n\
         市内事業所数（事業所）\t12,340\t12,500\n\
         創業支援による創業件数（件）\t45\t60\n\
         本計画の進捗を毎年度確認します。\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(names(&k), ["市内事業所数", "創業支援による創業件数"]);
    assert_eq!(k[0].unit.as_deref(), Some("事業所"));
    assert_eq!(k[0].baseline, Some(yv(2022, 12340.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 12500.0)]);
    assert_eq!(k[1].unit.as_deref(), Some("件"));
    assert_eq!(k[1].line, 4);
}

#[test]
fn arrow_lines_under_a_target_heading() {
    let (k, w) = run("基本目標1 稼ぐ力の向上\n\
         【成果指標】\n\
         市内事業所数 12,340事業所(R4) → 12,500事業所(R10)\n\
         製造品出荷額等 2,450億円(R3) ⇒ 2,700億円(R10)\n\
         ・観光入込客数：現状値 1,250千人（令和4年度）→目標値 1,400千人（令和10年度）\n\
         これらの指標により施策の成果を確認します。\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        names(&k),
        ["市内事業所数", "製造品出荷額等", "観光入込客数"]
    );
    assert_eq!(k[0].unit.as_deref(), Some("事業所"));
    assert_eq!(k[0].baseline, Some(yv(2022, 12340.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 12500.0)]);
    assert_eq!(k[0].node.as_deref(), Some("1"));
    assert_eq!(k[0].line, 3);
    assert_eq!(k[1].unit.as_deref(), Some("億円"));
    assert_eq!(k[1].baseline, Some(yv(2021, 2450.0)));
    assert_eq!(k[2].unit.as_deref(), Some("千人"));
    assert_eq!(k[2].targets, vec![yv(2028, 1400.0)]);
}

#[test]
fn arrows_outside_target_talk_are_no_kpis() {
    let (k, _) = run("事業所数の推移\n事業所数は4,500(H28) → 4,280(R3)と減少しています\n");
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn header_split_over_two_lines_year_below() {
    let (k, w) = run("指標名\t基準値\t目標値\n\
         \t(R4)\t(R10)\n\
         観光入込客数(千人)\t1,250\t1,500\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k[0].baseline, Some(yv(2022, 1250.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 1500.0)]);
}

#[test]
fn header_split_over_two_lines_keywords_above() {
    let (k, w) = run("\t基準値\t目標値\n\
         指標名\t(R4)\t(R10)\n\
         観光入込客数(千人)\t1,250\t1,500\n\
         宿泊者数(人)\t81,000\t90,000\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 2);
    assert_eq!(k[0].baseline, Some(yv(2022, 1250.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 1500.0)]);
    assert_eq!(k[1].baseline, Some(yv(2022, 81000.0)));
}

#[test]
fn unit_column_and_row_numbers() {
    let (k, w) = run("No.\t指標名\t単位\t現状値(R4)\t目標値(R10)\n\
         1\t新規就農者数\t人\t12\t20\n\
         2\t農産物直売所の売上額\t百万円\t350\t420\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(names(&k), ["新規就農者数", "農産物直売所の売上額"]);
    assert_eq!(k[0].unit.as_deref(), Some("人"));
    assert_eq!(k[0].baseline, Some(yv(2022, 12.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 20.0)]);
    assert_eq!(k[1].unit.as_deref(), Some("百万円"));
    assert_eq!(k[1].targets, vec![yv(2028, 420.0)]);
}

#[test]
fn values_with_qualifiers_and_units() {
    let (k, w) = run("数値目標\t現状値（令和5年度）\t目標値（令和11年度）\n\
         市内総生産\t約3,200億円\t3,500億円以上\n\
         観光消費額\t85百万円\t100百万円\n\
         市民満足度\t62.5%\t70%以上\n\
         若年層の就業率\t―\t5ポイント増\n\
         観光入込客数\t約1,250千人\t1,400千人\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        names(&k),
        [
            "市内総生産",
            "観光消費額",
            "市民満足度",
            "若年層の就業率",
            "観光入込客数"
        ]
    );
    assert_eq!(k[0].unit.as_deref(), Some("億円"));
    assert_eq!(k[0].baseline, Some(yv(2023, 3200.0)));
    assert_eq!(k[0].targets, vec![yv(2029, 3500.0)]);
    assert_eq!(k[1].unit.as_deref(), Some("百万円"));
    assert_eq!(k[2].baseline, Some(yv(2023, 62.5)));
    assert_eq!(k[2].unit.as_deref(), Some("%"));
    assert_eq!(k[3].baseline, None);
    assert!(k[3].targets.is_empty());
    assert_eq!(k[3].target_text.as_deref(), Some("5ポイント増"));
    assert_eq!(k[3].unit.as_deref(), Some("ポイント"));
    assert_eq!(k[4].unit.as_deref(), Some("千人"));
    assert_eq!(k[4].targets, vec![yv(2029, 1400.0)]);
}

#[test]
fn word_targets_go_to_target_text() {
    let (k, w) = run("KPI\t現状値(R5)\t目標値(R11)\n\
         中心市街地の歩行者通行量(人)\t8,500\t増加\n\
         市内の事業所数(事業所)\t4,120\t維持\n\
         空き店舗率(%)\t12.5\t現状値以下\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 3);
    assert_eq!(k[0].baseline, Some(yv(2023, 8500.0)));
    assert_eq!(k[0].target_text.as_deref(), Some("増加"));
    assert!(k[0].targets.is_empty());
    assert_eq!(k[1].target_text.as_deref(), Some("維持"));
    assert_eq!(k[2].target_text.as_deref(), Some("現状値以下"));
    assert_eq!(k[2].indicator, "空き店舗率");
}

#[test]
fn baseline_years_per_row() {
    let (k, w) = run("指標\t現状値\t目標値(R10)\n\
         市内事業所数\t12,340 (R4)\t12,500\n\
         観光客満足度\t85% (R3)\t90%\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k[0].baseline, Some(yv(2022, 12340.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 12500.0)]);
    assert_eq!(k[1].baseline, Some(yv(2021, 85.0)));
    assert_eq!(k[1].targets, vec![yv(2028, 90.0)]);
    assert_eq!(k[1].unit.as_deref(), Some("%"));
}

#[test]
fn page_furniture_inside_a_table() {
    let (k, w) = run("基本目標3 にぎわいの創出\n\
         指標名\t基準値(R4)\t目標値(R10)\n\
         新規創業件数(件)\t45\t60\n\
         - 23 -\n\
         第3章 施策の展開\n\
         企業誘致件数(件)\t3\t5\n\
         P.24\n\
         空き店舗活用件数(件)\t2\t10\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        names(&k),
        ["新規創業件数", "企業誘致件数", "空き店舗活用件数"]
    );
    assert_eq!(k[1].targets, vec![yv(2028, 5.0)]);
    assert!(k.iter().all(|k| k.node.as_deref() == Some("3")));
}

#[test]
fn repeated_header_after_a_page_break_keeps_the_node() {
    let (k, _) = run("基本目標2 雇用の創出\n\
         指標名\t基準値(R4)\t目標値(R10)\n\
         新規雇用者数(人)\t120\t200\n\
         - 24 -\n\
         指標名\t基準値(R4)\t目標値(R10)\n\
         就職面接会参加者数(人)\t300\t400\n");
    assert_eq!(k.len(), 2);
    assert_eq!(k[1].node.as_deref(), Some("2"));
}

#[test]
fn repeat_rows_and_nodes_from_goal_headings() {
    let (k, w) = run("基本目標1 地域経済の活性化\n\
         指標名\t現状値(R4)\t目標値(R10)\n\
         創業件数(件)\t45\t60\n\
         【基本目標2】雇用の創出\n\
         指標名\t現状値(R4)\t目標値(R10)\n\
         創業件数(件)【再掲】\t45\t60\n\
         新規雇用者数(人)\t120\t200\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(names(&k), ["創業件数", "新規雇用者数"]);
    assert_eq!(k[0].node.as_deref(), Some("1"));
    assert_eq!(k[1].node.as_deref(), Some("2"));
}

#[test]
fn actual_columns_for_several_years() {
    let (k, w) = run("成果指標\t基準値(R1)\tR2実績\tR3実績\tR4実績\t目標値(R6)\n\
         創業件数(件)\t30\t28\t35\t41\t50\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k[0].baseline, Some(yv(2019, 30.0)));
    assert_eq!(
        k[0].actuals,
        vec![yv(2020, 28.0), yv(2021, 35.0), yv(2022, 41.0)]
    );
    assert_eq!(k[0].targets, vec![yv(2024, 50.0)]);
}

#[test]
fn more_values_than_columns_warns() {
    let (k, w) = run("指標名\t基準値(R4)\t目標値(R10)\n新規就農者数(人)\t12\t15\t20\n");
    assert_eq!(k.len(), 1);
    assert!(k[0].baseline.is_none() && k[0].targets.is_empty());
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].line, 2);
}

#[test]
fn budget_and_statistics_tables_are_no_kpis() {
    let (k, _) = run("■主な事業の予算額(千円)\n\
         事業名\t令和4年度\t令和5年度\t令和6年度\n\
         企業誘致推進事業\t12,000\t13,500\t14,000\n\
         項目\t予算額(R5)\t予算額(R6)\n\
         商工振興費\t120,000\t118,000\n");
    assert!(k.is_empty(), "{k:?}");
    // Statistics right after a target section.
    let (k, _) = run("本計画の目標を次のとおり定めます。\n\
         【参考】主な統計指標の推移\n\
         指標\tH27\tR2\tR3\n\
         事業所数\t4,500\t4,320\t4,280\n");
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn letter_grades_and_marks_are_status() {
    let (k, w) = run("施策\t指標\t目標値(R5)\t実績値(R5)\t評価\n\
         1-1\t創業件数(件)\t50\t41\tB\n\
         1-2\t企業誘致件数(件)\t5\t6\tA\n\
         2-1\t商店街空き店舗率(%)\t10\t12.5\t×\n\
         2-2\t販路開拓支援件数(件)\t30\t28\t△\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(k.len(), 4);
    assert_eq!(k[0].status.as_deref(), Some("B"));
    assert_eq!(k[0].targets, vec![yv(2023, 50.0)]);
    assert_eq!(k[0].actuals, vec![yv(2023, 41.0)]);
    assert_eq!(k[0].node.as_deref(), Some("1.1"));
    assert_eq!(k[1].status.as_deref(), Some("A"));
    assert_eq!(k[2].status.as_deref(), Some("×"));
    assert_eq!(k[3].status.as_deref(), Some("△"));
    assert_eq!(k[3].actuals, vec![yv(2023, 28.0)]);
}

#[test]
fn pipe_separated_table() {
    let (k, w) = run("| 指標名 | 基準値(R4) | 目標値(R10) |\n\
         |---|---|---|\n\
         | 市内事業所数(事業所) | 12,340 | 12,500 |\n\
         | 創業件数(件) | 45 | 60 |\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(names(&k), ["市内事業所数", "創業件数"]);
    assert_eq!(k[0].baseline, Some(yv(2022, 12340.0)));
    assert_eq!(k[1].targets, vec![yv(2028, 60.0)]);
}

#[test]
fn revised_plan_two_target_columns_and_actuals_by_year() {
    // 中間見直し: a baseline with its own year, a result per year, the
    // original and the revised target, and a 状況 column.
    let (k, _) = run("【基本目標2の成果指標】\n\
         指標名\u{3000}\u{3000}単位\u{3000}基準値(H29)\u{3000}R1\u{3000}R2\u{3000}R3\u{3000}当初目標(R6)\u{3000}改定後目標(R8)\u{3000}状況\n\
         新規就農者数\u{3000}\u{3000}人\u{3000}\u{3000}14\u{3000}\u{3000}15\u{3000}11\u{3000}▲2\u{3000}\u{3000}20\u{3000}\u{3000}\u{3000}25\u{3000}\u{3000}遅れ\n\
         農産物直売所売上高\u{3000}\u{3000}億円\u{3000}(H30 3.1)\u{3000}3.4\u{3000}3.9\u{3000}4.2\u{3000}\u{3000}4.0\u{3000}\u{3000}4.5\u{3000}\u{3000}順調\n\
         ※R2は速報値\n\
         ■基本目標3 人材の確保\n");
    assert_eq!(names(&k), ["新規就農者数", "農産物直売所売上高"]);
    assert_eq!(k[0].baseline, Some(yv(2017, 14.0)));
    assert_eq!(
        k[0].actuals,
        vec![yv(2019, 15.0), yv(2020, 11.0), yv(2021, -2.0)]
    );
    assert_eq!(k[0].targets, vec![yv(2024, 20.0), yv(2026, 25.0)]);
    assert_eq!(k[0].status.as_deref(), Some("遅れ"));
    // the bracket is the baseline cell, with its own year
    assert_eq!(k[1].baseline, Some(yv(2018, 3.1)));
    assert_eq!(
        k[1].actuals,
        vec![yv(2019, 3.4), yv(2020, 3.9), yv(2021, 4.2)]
    );
    assert_eq!(k[1].targets, vec![yv(2024, 4.0), yv(2026, 4.5)]);
    assert_eq!(k[1].unit.as_deref(), Some("億円"));
}

#[test]
fn note_line_ends_the_table() {
    let (k, _) = run("成果指標\n\
         指標名\t基準値(R4)\t目標値(R9)\n\
         観光客数(万人)\t120\t150\n\
         ※観光客数は観光入込客統計調査による 2 年ごと\n\
         4 推進体制\n");
    assert_eq!(names(&k), ["観光客数"]);
}

#[test]
fn header_dumped_one_cell_a_line_then_columns() {
    // pdftotext wrote the header and each column of the table as a run of
    // one-cell lines; Roman numerals label the 基本方針 column.
    let (k, w) = run("第4章 成果指標\n\
         基本方針ごとに次の成果指標を設定します。\n\
         \n\
         基本方針\n\
         指標名\n\
         基準値\n\
         目標値\n\
         (令和11年度)\n\
         Ⅰ\n\
         Ⅱ\n\
         Ⅲ\n\
         事業承継の相談件数\n\
         市内の創業件数\n\
         空き店舗の活用件数\n\
         320件(R4)\n\
         41件(R5)\n\
         6件(H30)\n\
         400件\n\
         55件\n\
         現状維持\n\
         \n\
         第5章 推進体制\n");
    assert!(!w.iter().any(|w| w.message.contains("not read")), "{w:?}");
    assert_eq!(
        names(&k),
        ["事業承継の相談件数", "市内の創業件数", "空き店舗の活用件数"]
    );
    assert_eq!(k[0].baseline, Some(yv(2022, 320.0)));
    assert_eq!(k[0].targets, vec![yv(2029, 400.0)]);
    assert_eq!(k[1].baseline, Some(yv(2023, 41.0)));
    assert_eq!(k[2].baseline, Some(yv(2018, 6.0)));
    assert!(k[2].targets.is_empty());
    assert_eq!(k[2].target_text.as_deref(), Some("現状維持"));
    assert_eq!(k[2].unit.as_deref(), Some("件"));
}

#[test]
fn stacked_words_without_an_indicator_column_are_no_header() {
    let (k, _) = run("基準値\n目標値\n実績\n1,200\n1,500\n1,300\n");
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn table_beside_a_box_and_wrapped_indicator() {
    // An A3 summary: a box of 重点プロジェクト on the left, the 目標指標
    // table on the right of the same lines; one indicator wraps below its
    // values.
    let (k, _) = run("5 重点プロジェクト                 6 目標指標\n\
         ┌──────────────┐\n\
         │重点プロジェクト1            │    指標            現状値          目標値(R12)\n\
         │中心市街地にぎわい           │    年間商品販売額  2,410億円(R3)   2,600億円\n\
         │再生プロジェクト             │    市の支援による  12件(R5)        20件\n\
         │ 空き店舗の活用を進めます。  │    事業承継件数\n\
         └──────────────┘    誘致企業数      -               8社(累計)\n\
         ┌──────────────┐\n\
         │重点プロジェクト2            │    ※現状値の( )内は基準年\n\
         │観光DX推進プロジェクト       │\n\
         └──────────────┘\n");
    assert_eq!(
        names(&k),
        ["年間商品販売額", "市の支援による事業承継件数", "誘致企業数"]
    );
    assert_eq!(k[0].baseline, Some(yv(2021, 2410.0)));
    assert_eq!(k[0].targets, vec![yv(2030, 2600.0)]);
    assert_eq!(k[1].baseline, Some(yv(2023, 12.0)));
    assert_eq!(k[1].targets, vec![yv(2030, 20.0)]);
    assert_eq!(k[2].baseline, None);
    assert_eq!(k[2].targets, vec![yv(2030, 8.0)]);
    assert_eq!(k[2].unit.as_deref(), Some("社"));
}

#[test]
fn table_drawn_with_box_cells_is_read_whole() {
    let (k, _) = run("成果指標\n\
         ┌────────┬──────┬──────┐\n\
         │指標名          │基準値(R4)  │目標値(R9)  │\n\
         ├────────┼──────┼──────┤\n\
         │創業件数(件)    │30          │45          │\n\
         └────────┴──────┴──────┘\n");
    assert_eq!(names(&k), ["創業件数"]);
    assert_eq!(k[0].baseline, Some(yv(2022, 30.0)));
    assert_eq!(k[0].targets, vec![yv(2027, 45.0)]);
}

#[test]
fn arrow_lines_under_sub_headings_continue_the_list() {
    let (k, _) = run("Ⅳ．成果指標\n\n\
         各施策の成果を測るため、次の指標を設定します。\n\n\
         1. 農業の振興\n\
         ○新規就農者数　　　３人（令和５年度）→ ５人（令和11年度）\n\
         ○農地集積率　　　　52.4％（令和５年度）→ 60.0％（令和11年度）\n\n\
         2. 商工業の振興\n\
         ○マッチング成約件数　　８件（令和５年度）→ 30件（令和11年度）\n\n\
         3. 観光の振興\n\
         ○観光入込客数　　41.2万人（令和５年）→ 50.0万人（令和11年）\n");
    assert_eq!(
        names(&k),
        [
            "新規就農者数",
            "農地集積率",
            "マッチング成約件数",
            "観光入込客数"
        ]
    );
    assert_eq!(k[2].baseline, Some(yv(2023, 8.0)));
    assert_eq!(k[2].targets, vec![yv(2029, 30.0)]);
    assert_eq!(k[3].unit.as_deref(), Some("万人"));
}

#[test]
fn arrow_line_far_from_any_target_talk_is_not_read() {
    let (k, _) = run("成果指標\n新規就農者数 3人(R5) → 5人(R11)\n\
         a\nb\nc\nd\ne\n人口 30,000人(R2) → 28,000人(R7)\n");
    assert_eq!(names(&k), ["新規就農者数"]);
}

#[test]
fn stacked_header_with_rows_one_cell_a_line_and_stay_units() {
    let (k, _) = run("目標指標\n指標\n基準値（令和５年）\n目標値（令和11年）\n\
         外国人宿泊者数\n５６万人泊\n７０万人泊\n\
         平均滞在日数\n１.３８日\n１.５０日\n");
    assert_eq!(names(&k), ["外国人宿泊者数", "平均滞在日数"]);
    assert_eq!(k[0].unit.as_deref(), Some("万人泊"));
    assert_eq!(k[0].targets, vec![yv(2029, 70.0)]);
    assert_eq!(k[1].unit.as_deref(), Some("日"));
    assert_eq!(k[1].baseline, Some(yv(2023, 1.38)));
}

#[test]
fn same_indicator_in_an_evaluation_table_and_a_later_target_table_is_one_kpi() {
    let (k, _) = run("前期の評価\n\
         施策\t指標\tH30実績\tR5実績\t目標（R5）\t評価\n\
         1-1\t市内従業者数（人）\t4,412\t4,590\t4,600\t○\n\
         1-2\t新商品開発件数（件）\t12\t21\t20\t◎\n\n\
         後期の評価指標\n\
         基本施策\t指標\t単位\t基準値（R5）\t目標値（R10）\n\
         1-1\t市内従業者数\t人\t4,590\t4,800\n\
         1-2\t省エネ設備導入件数\t件\t-\t40\n");
    assert_eq!(
        names(&k),
        ["市内従業者数", "新商品開発件数", "省エネ設備導入件数"]
    );
    assert_eq!(k[0].baseline, Some(yv(2023, 4590.0)));
    assert_eq!(k[0].targets, vec![yv(2023, 4600.0), yv(2028, 4800.0)]);
    assert_eq!(k[0].actuals, vec![yv(2018, 4412.0), yv(2023, 4590.0)]);
    assert_eq!(k[0].status.as_deref(), Some("○"));
}

#[test]
fn same_indicator_with_conflicting_values_stays_two_kpis() {
    let (k, _) = run("成果指標\n\
         指標名\t基準値（R4）\t目標値（R9）\n\
         創業件数（件）\t45\t60\n\n\
         数値目標\n\
         指標名\t基準値（R4）\t目標値（R9）\n\
         創業件数（件）\t40\t70\n");
    assert_eq!(names(&k), ["創業件数", "創業件数"]);
}

#[test]
fn cumulative_target_year_and_running_title_inside_a_table() {
    let (k, _) = run("【KPI】\n指標\t基準値\t目標値\n\
         補助金の交付件数\t45件（R5）\t250件（R11累計）\n\
         北市地域経済活性化戦略\t\t8\n\
         新商品開発数\t－\t30件（R11累計）\n");
    assert_eq!(names(&k), ["補助金の交付件数", "新商品開発数"]);
    assert_eq!(k[0].targets, vec![yv(2029, 250.0)]);
    assert_eq!(k[1].targets, vec![yv(2029, 30.0)]);
}

#[test]
fn interim_and_final_target_columns() {
    let (k, w) = run("目標指標\n\
         指標名          現状値    中間目標   最終目標\n\
                         （R5）    （R9）     （R12）\n\
         観光入込客数    1,795万人 1,950万人  2,100万人\n\
         宿泊施設稼働率  ３．８％  ５．２％   ６．５％\n\
         計画の推進\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(names(&k), ["観光入込客数", "宿泊施設稼働率"]);
    assert_eq!(k[0].baseline, Some(yv(2023, 1795.0)));
    assert_eq!(k[0].targets, vec![yv(2027, 1950.0), yv(2030, 2100.0)]);
    assert_eq!(k[1].targets, vec![yv(2027, 5.2), yv(2030, 6.5)]);
}

#[test]
fn results_group_spans_the_extra_year_labels() {
    let (k, w) = run("成果指標\n\
         指標名          単位   実績                目標\n\
                               R3     R4     R5     R8\n\
         空き店舗率      ％     14.2   13.5   12.8   10.0\n\
         会員数          団体   －     －     12     25\n\
         ※注記\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(names(&k), ["空き店舗率", "会員数"]);
    assert_eq!(k[0].baseline, None);
    assert_eq!(
        k[0].actuals,
        vec![yv(2021, 14.2), yv(2022, 13.5), yv(2023, 12.8)]
    );
    assert_eq!(k[0].targets, vec![yv(2026, 10.0)]);
    assert_eq!(k[1].actuals, vec![yv(2023, 12.0)]);
}

#[test]
fn values_labelled_with_their_years_on_one_line() {
    let (k, w) = run("第4 評価指標\n\
         1 ものづくり\n\
         製造品出荷額等\t現状（R5）　５，８２０億円\t目標（R8）　６，１００億円\n\
         生産年齢人口の社会増減\t現状（R5）　▲３１２人\t目標（R8）　０人\n\
         新規就農者数\t現状（R5）　－\t目標（R8）　２０人\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        names(&k),
        ["製造品出荷額等", "生産年齢人口の社会増減", "新規就農者数"]
    );
    assert_eq!(k[0].unit.as_deref(), Some("億円"));
    assert_eq!(k[0].baseline, Some(yv(2023, 5820.0)));
    assert_eq!(k[0].targets, vec![yv(2026, 6100.0)]);
    assert_eq!(k[1].baseline, Some(yv(2023, -312.0)));
    assert_eq!(k[1].targets, vec![yv(2026, 0.0)]);
    assert_eq!(k[2].baseline, None);
    assert_eq!(k[2].targets, vec![yv(2026, 20.0)]);
}

#[test]
fn note_gives_the_year_of_baselines_without_one() {
    let (k, _) = run(
        "※成果指標の現状値は、特に記載のない限り2022年度の数値です。\n\
         戦略1-1 雇用の確保\n\
         【成果指標】 新規就職者数：1,120人 → 1,400人（2028年度）\n\
         【成果指標】 女性の就業率：78.6％（2020年度）→ 82.0％（2028年度）\n\
         【成果指標】 講座受講者数：－ → 延べ1,000人（2028年度）\n",
    );
    assert_eq!(names(&k), ["新規就職者数", "女性の就業率", "講座受講者数"]);
    assert_eq!(k[0].baseline, Some(yv(2022, 1120.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 1400.0)]);
    assert_eq!(k[1].baseline, Some(yv(2020, 78.6)));
    assert_eq!(k[2].baseline, None);
    assert_eq!(k[2].targets, vec![yv(2028, 1000.0)]);
}

#[test]
fn baselines_without_year_and_no_note_stay_without_year() {
    let (k, _) = run("【成果指標】\n新規就職者数：1,120人 → 1,400人（2028年度）\n");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].baseline.as_ref().and_then(|b| b.year), None);
}

#[test]
fn arrow_target_each_year_goes_to_target_text() {
    let (k, _) = run("【KPI】\nKPI:実証実験の実施件数 8件(2023年度)→ 毎年度15件以上\n");
    assert_eq!(names(&k), ["実証実験の実施件数"]);
    assert_eq!(k[0].baseline, Some(yv(2023, 8.0)));
    assert!(k[0].targets.is_empty());
    assert_eq!(k[0].target_text.as_deref(), Some("毎年度15件以上"));
}

#[test]
fn header_words_each_over_their_column_dumped_one_cell_a_line() {
    let (k, w) = run("成果指標の達成状況\n\
         指標\n\
         相談窓口の対応件数\n\
         公民館講座の参加者数\n\
         スポーツ施設利用者数\n\
         基準値\n\
         （R1）\n\
         5,200件\n\
         8,400人\n\
         31.5万人\n\
         目標値\n\
         （R7）\n\
         6,000件\n\
         9,000人\n\
         35.0万人\n\
         実績値\n\
         （R6）\n\
         6,110件\n\
         7,950人\n\
         －\n\
         評価\n\
         達成\n\
         未達成\n\
         －\n\
         ※スポーツ施設利用者数は改修工事のため集計していません。\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        names(&k),
        [
            "相談窓口の対応件数",
            "公民館講座の参加者数",
            "スポーツ施設利用者数"
        ]
    );
    assert_eq!(k[0].unit.as_deref(), Some("件"));
    assert_eq!(k[0].baseline, Some(yv(2019, 5200.0)));
    assert_eq!(k[0].targets, vec![yv(2025, 6000.0)]);
    assert_eq!(k[0].actuals, vec![yv(2024, 6110.0)]);
    assert_eq!(k[0].status.as_deref(), Some("達成"));
    assert_eq!(k[1].actuals, vec![yv(2024, 7950.0)]);
    assert_eq!(k[1].status.as_deref(), Some("未達成"));
    assert_eq!(k[2].baseline, Some(yv(2019, 31.5)));
    assert_eq!(k[2].targets, vec![yv(2025, 35.0)]);
    assert!(k[2].actuals.is_empty());
    assert_eq!(k[2].status, None);
    assert_eq!(k[2].line, 5);
}

#[test]
fn header_words_over_columns_of_unequal_length_warn_and_read_nothing() {
    let (k, w) = run("成果指標の達成状況\n\
         指標\n\
         相談窓口の対応件数\n\
         公民館講座の参加者数\n\
         基準値\n\
         （R1）\n\
         5,200件\n\
         8,400人\n\
         120人\n\
         目標値\n\
         （R7）\n\
         6,000件\n\
         9,000人\n");
    assert!(k.is_empty(), "{k:?}");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].line, 2);
    assert!(w[0].message.contains("not read"), "{w:?}");
}

#[test]
fn bracketed_arrows_read_by_their_legend() {
    let (k, _) = run("◆3つの基本方針の主な施策と状況(R1基準値→R5実績)\n\
         ①稼げる農業\n\
         ・新規就農者数(12→30人)\n\
         ・農地集積率(41.5→48.0%)\n\
         ※担い手の育成に向けた取組の強化\n");
    assert_eq!(names(&k), ["新規就農者数", "農地集積率"]);
    assert_eq!(
        k[0].baseline.as_ref().map(|b| (b.year, b.value)),
        Some((Some(2019), 12.0))
    );
    assert_eq!(
        k[0].actuals
            .iter()
            .map(|a| (a.year, a.value))
            .collect::<Vec<_>>(),
        vec![(Some(2023), 30.0)]
    );
    assert_eq!(k[1].unit.as_deref(), Some("%"));
    // without a legend a bracketed arrow is no indicator
    let (k, _) = run("・新規就農者数(12→30人)\n");
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn arrows_to_rates_and_totals_with_years() {
    let (k, _) = run(
        "1.村の振興\n高校の入学者数40人(2014 年度)→年40人(2019 年度)\n\
         展覧会の入場者数 700 人(2014 年度)→年 1,500 人(2019 年度)\n\
         事業数0事業(2014年度)→5年間で2事業(2019年度)\n",
    );
    assert_eq!(names(&k), ["高校の入学者数", "展覧会の入場者数", "事業数"]);
    assert_eq!(
        k[1].targets
            .iter()
            .map(|t| (t.year, t.value))
            .collect::<Vec<_>>(),
        vec![(Some(2019), 1500.0)]
    );
    assert_eq!(k[2].target_text.as_deref(), Some("5年間で2事業"));
}

#[test]
fn arrow_line_with_a_level_a_year_on_both_sides() {
    let (k, _) = run("重要業績評価指標(KPI)\n\
         ・新規就農者数 現状:年間3人(平成26年度)→目標:年間5人(平成31年度)\n");
    assert_eq!(names(&k), ["新規就農者数"]);
    assert_eq!(k[0].baseline, Some(yv(2014, 3.0)));
    assert_eq!(k[0].targets, vec![yv(2019, 5.0)]);
    assert_eq!(k[0].target_text.as_deref(), Some("年間5人"));
}

#[test]
fn the_last_rows_wrapped_indicator_is_joined() {
    let text = "【成果指標】\n指標名  現状値(R4)  目標値(R10)\n市内中小企業の新規  45件  60件\n創業件数\n企業誘致による新規  120人  200人\n雇用者数\n\n各指標は毎年度把握します。\n";
    let (k, _) = run(text);
    assert_eq!(
        names(&k),
        ["市内中小企業の新規創業件数", "企業誘致による新規雇用者数"]
    );
    // a note right under the table is no part of the last indicator
    let (k, _) = run("指標名  現状値(R4)  目標値(R10)\n創業件数  45件  60件\n※R4は速報値\n");
    assert_eq!(names(&k), ["創業件数"]);
}

#[test]
fn arrow_line_with_years_as_value_labels() {
    let (k, _) = run("成果指標\n観光入込客数 R4:120万人 → R10:150万人\n");
    assert_eq!(names(&k), ["観光入込客数"]);
    assert_eq!(k[0].baseline, Some(yv(2022, 120.0)));
    assert_eq!(k[0].targets, vec![yv(2028, 150.0)]);
}
