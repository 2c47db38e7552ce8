//! Period layouts from other cities' plans than the seed documents:
//! fictional snippets in the styles real municipal plans use. Expected
//! readings were decided from the contract and the gold notes before the
//! rules were run on them.

use super::tests::{run, s};
use super::*;

const FY: Unit = Unit::FiscalYear;
const Y: Unit = Unit::Year;

/// (subject, start, end, unit, line)
type Got = (Option<String>, i32, Option<i32>, Unit, usize);

fn got(text: &str, title: Option<&str>) -> Vec<Got> {
    run(text, title)
        .0
        .into_iter()
        .map(|p| (p.subject, p.start, p.end, p.unit, p.line))
        .collect()
}

#[test]
fn gregorian_first_with_wareki_in_brackets() {
    let text = "西市産業振興計画\n\n1 計画の位置づけ\n本計画は、西市総合計画の部門別計画です。\n\
                計画期間：2024年度（令和6年度）～2028年度（令和10年度）\n";
    assert_eq!(
        got(text, Some("西市産業振興計画")),
        vec![(s("西市産業振興計画"), 2024, Some(2028), FY, 5)]
    );
    let (p, _) = run(text, Some("西市産業振興計画"));
    assert!(p[0].own);
}

#[test]
fn gregorian_year_with_era_number_in_brackets() {
    let text =
        "(3)計画の期間\n本計画の期間は、2024(令和6)年度から2028(令和10)年度までの5年間とします。\n";
    let (p, w) = run(text, Some("東町商工業振興ビジョン"));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        p.iter()
            .map(|p| (p.subject.clone(), p.start, p.end, p.unit, p.line))
            .collect::<Vec<_>>(),
        vec![(s("東町商工業振興ビジョン"), 2024, Some(2028), FY, 2)]
    );
    assert_eq!(p[0].text, "2024(令和6)年度から2028(令和10)年度までの5年間");
}

#[test]
fn bracketed_year_that_disagrees_is_rejected() {
    let (p, w) = run(
        "計画期間：2024年度（令和7年度）～2028年度（令和10年度）",
        Some("西市産業振興計画"),
    );
    assert!(p.is_empty(), "{p:?}");
    assert!(!w.is_empty());
}

#[test]
fn first_and_second_half_rows_under_the_period_section() {
    let text = "南市産業振興計画\n第1章 計画の概要\n3 計画期間\n\
                本計画の計画期間は、令和6年度から令和11年度までの6年間とし、前期と後期に分けて取組を進めます。\n\
                区分\t期間\n前期\tR6～R8年度\n後期\tR9～R11年度\n\
                4 計画の推進体制\n";
    assert_eq!(
        got(text, Some("南市産業振興計画")),
        vec![
            (s("南市産業振興計画"), 2024, Some(2029), FY, 4),
            (s("南市産業振興計画 前期"), 2024, Some(2026), FY, 6),
            (s("南市産業振興計画 後期"), 2027, Some(2029), FY, 7),
        ]
    );
}

#[test]
fn month_ranges() {
    // April to March of a later year is a run of fiscal years.
    let (p, w) = run(
        "計画期間：令和7年4月～令和12年3月",
        Some("北町観光振興計画"),
    );
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        p.iter()
            .map(|p| (p.start, p.end, p.unit))
            .collect::<Vec<_>>(),
        vec![(2025, Some(2029), FY)]
    );
    assert_eq!(p[0].text, "令和7年4月～令和12年3月");
    // Gregorian months, から…まで
    let (p, _) = run(
        "本ビジョンの計画期間は、2025年4月から2030年3月までの5年間とします。",
        Some("北町観光振興ビジョン"),
    );
    assert_eq!(
        p.iter()
            .map(|p| (p.start, p.end, p.unit))
            .collect::<Vec<_>>(),
        vec![(2025, Some(2029), FY)]
    );
    // Other months: calendar years as written.
    let (p, _) = run(
        "計画期間：令和7年1月～令和11年12月",
        Some("北町観光振興計画"),
    );
    assert_eq!(
        p.iter()
            .map(|p| (p.start, p.end, p.unit))
            .collect::<Vec<_>>(),
        vec![(2025, Some(2029), Y)]
    );
    // An end year that keeps the start's era.
    let (p, _) = run("計画期間：令和7年4月～12年3月", Some("北町観光振興計画"));
    assert_eq!(
        p.iter()
            .map(|p| (p.start, p.end, p.unit))
            .collect::<Vec<_>>(),
        vec![(2025, Some(2029), FY)]
    );
}

#[test]
fn dated_events_are_no_periods() {
    for text in [
        "令和7年4月1日から施行する。",
        "計画の策定：令和7年3月",
        "パブリックコメント実施期間：令和6年12月2日～令和7年1月6日",
        "審議会の開催(令和6年6月～令和7年2月)",
    ] {
        let (p, _) = run(text, Some("北町観光振興計画"));
        assert!(p.is_empty(), "{text}: {p:?}");
    }
}

#[test]
fn gregorian_start_with_short_end() {
    let (p, w) = run("■計画期間 2019～25年度", Some("中央区産業振興プラン"));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        p.iter()
            .map(|p| (p.start, p.end, p.unit))
            .collect::<Vec<_>>(),
        vec![(2019, Some(2025), FY)]
    );
    let (p, _) = run(
        "第2次中央区産業振興プラン(2019～2025年度)",
        Some("第2次中央区産業振興プラン"),
    );
    assert_eq!(p.len(), 1);
    // A short end before the start is no range.
    let (p, _) = run("計画期間 2019～15年度", Some("中央区産業振興プラン"));
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn footnote_states_the_period() {
    let text = "図表1 計画の位置づけ\n上位計画\t北市総合計画\n関連計画\t北市観光振興計画\n\
                ※計画期間は、令和6年度から令和10年度までの5年間です。\n";
    assert_eq!(
        got(text, Some("北市産業振興ビジョン")),
        vec![(s("北市産業振興ビジョン"), 2024, Some(2028), FY, 4)]
    );
}

#[test]
fn revision_history_is_no_period() {
    let text = "■策定・改訂の経緯\n版\t策定年月\t内容\n初版\t平成28年3月\t策定\n\
                第2版\t令和3年3月\t中間見直し\n第3版\t令和6年3月\t計画期間の延長\n";
    let (p, w) = run(text, Some("北市産業振興計画"));
    assert!(p.is_empty(), "{p:?}");
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn statistics_in_prose_are_no_periods() {
    for text in [
        "市内の事業所数は、2015年から2020年にかけて約5%減少しました。",
        "平成27年～令和2年の5年間で従業者数は1,200人増加しています。",
        "本市の人口は2020年から2045年までの25年間で約2割減少すると推計されています。",
        "前計画期間中(平成28年度～令和2年度)に企業誘致は12件となりました。",
        "製造品出荷額等は2016～2021年に増加傾向にあります。",
    ] {
        let (p, _) = run(text, Some("北市産業振興計画"));
        assert!(p.is_empty(), "{text}: {p:?}");
    }
}

#[test]
fn comprehensive_plan_hierarchy() {
    let text = "第6次北市総合計画の構成\n\
                基本構想\t令和3年度～令和12年度(10年間)\n\
                基本計画\t前期:令和3年度～令和7年度(5年間)\n\
                \t後期:令和8年度～令和12年度(5年間)\n\
                実施計画\t3年間(毎年度ローリング)\n";
    assert_eq!(
        got(text, Some("北市産業振興計画")),
        vec![
            (s("第6次北市総合計画 基本構想"), 2021, Some(2030), FY, 2),
            (s("第6次北市総合計画 前期基本計画"), 2021, Some(2025), FY, 3),
            (s("第6次北市総合計画 後期基本計画"), 2026, Some(2030), FY, 4),
        ]
    );
}

#[test]
fn second_edition_and_later_half_plans() {
    let text = "第2期北市産業振興アクションプラン\n(令和7年度～令和9年度)\n\n\
                北市産業振興ビジョン 後期実施計画\n計画期間 令和5年度～令和9年度\n";
    assert_eq!(
        got(text, Some("北市産業振興ビジョン")),
        vec![
            (
                s("第2期北市産業振興アクションプラン"),
                2025,
                Some(2027),
                FY,
                2
            ),
            (
                s("北市産業振興ビジョン 後期実施計画"),
                2023,
                Some(2027),
                FY,
                5
            ),
        ]
    );
}

#[test]
fn first_and_target_year_sentence() {
    let text = "(2)計画の期間\n本計画は、令和6年度を初年度とし、令和10年度を目標年度とする5か年計画です。\n";
    assert_eq!(
        got(text, Some("北村農商工連携計画")),
        vec![(s("北村農商工連携計画"), 2024, Some(2028), FY, 2)]
    );
}

#[test]
fn first_and_target_years_need_no_label() {
    // the phrase says itself what the years are
    let text =
        "第2期北村総合戦略\n令和6年度を初年度とし、令和10年度を目標年度とする5か年の計画です。\n";
    let (p, _) = run(text, Some("北村総合戦略"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].start, p[0].end), (2024, Some(2028)));
    // two years in a sentence without those words are no period
    let (p, _) = run(
        "令和6年度と令和10年度に調査を行いました。\n",
        Some("北村総合戦略"),
    );
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn project_periods_and_heading_labels() {
    // A project's 実施期間 is not a plan period.
    let (p, _) = run(
        "事業実施期間：令和6年度～令和8年度\n補助期間 2024年度～2026年度",
        Some("北市産業振興計画"),
    );
    assert!(p.is_empty(), "{p:?}");
    // The period alone under a 計画の期間 heading.
    let text = "4 計画の期間\n令和6年度から令和10年度までの5年間\n";
    assert_eq!(
        got(text, Some("北市産業振興計画")),
        vec![(s("北市産業振興計画"), 2024, Some(2028), FY, 2)]
    );
}

#[test]
fn cover_period_under_an_edition_label() {
    let text = "第3次西市商業振興プラン\n【改訂版】\n\n令和4年度～令和11年度\n\n令和7年3月\n";
    assert_eq!(
        got(text, Some("第3次西市商業振興プラン")),
        vec![(s("第3次西市商業振興プラン"), 2022, Some(2029), FY, 4)]
    );
}

#[test]
fn statistics_heading_over_a_year_axis_is_no_period() {
    // a year axis makes the next rows a timeline, but a range under a
    // heading of statistics (推移, 動向) is data
    let text = "西市観光振興計画\n\n2 計画の期間\n\
                R4 R5 R6 R7 R8\n\
                ├──── 西市観光振興計画(5年間) ────┤\n\
                3 観光の現状\n\
                (1)宿泊者数の推移(平成28年～令和4年)\n\
                (2)製造業の動向(H27～R2工業統計)\n";
    let p = got(text, Some("西市観光振興計画"));
    assert!(p.iter().all(|g| g.1 != 2016 && g.1 != 2015), "{p:?}");
}

#[test]
fn range_followed_by_a_figure_is_data() {
    let text = "西市産業振興計画\n\n計画期間 令和6年度～令和10年度\n\
                ■卸売業の販売額は減少傾向(平成24年～令和3年で▲4.2%)\n";
    assert_eq!(
        got(text, Some("西市産業振興計画")),
        vec![(s("西市産業振興計画"), 2024, Some(2028), FY, 3)]
    );
}

#[test]
fn a_label_in_the_next_column_does_not_reach_across() {
    // two columns of an A3 summary on one line: the 計画期間 of the left
    // column does not label the statistics range of the right column
    let text = "西市産業振興計画\n\n\
                なお計画期間は5年間です\t■年間商品販売額は減少傾向(平成26年～令和3年)\n";
    let p = got(text, Some("西市産業振興計画"));
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn phase_after_a_plan_name_in_a_sentence() {
    let text = "東町商業振興ビジョン\n\n2 ビジョンの期間\n\
                ビジョンの期間は、令和8年度～令和15年度の8年間とします。\n\
                アクションプランは前期（令和8年度～令和11年度）と後期に分け、\n\
                次期アクションプラン（後期：令和12年度～令和15年度）は、前期の検証を踏まえ策定します。\n";
    assert_eq!(
        got(text, Some("東町商業振興ビジョン")),
        vec![
            (s("東町商業振興ビジョン"), 2026, Some(2033), FY, 4),
            (
                s("東町商業振興ビジョン 前期アクションプラン"),
                2026,
                Some(2029),
                FY,
                5
            ),
            (
                s("東町商業振興ビジョン 後期アクションプラン"),
                2030,
                Some(2033),
                FY,
                6
            ),
        ]
    );
}

#[test]
fn phase_word_without_a_plan_name_is_no_period() {
    let text = "西村農業振興計画\n\
                出荷量は前期（2015年～2019年）に比べて増えました\n";
    assert!(got(text, Some("西村農業振興計画")).is_empty());
}

#[test]
fn a_period_cell_dumped_one_piece_a_line() {
    let (p, _) = run(
        "計画期間\n2024年度\n～\n2028年度\n",
        Some("北市観光振興計画"),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].start, p[0].end, p[0].line), (2024, Some(2028), 2));
}

#[test]
fn a_form_row_with_the_label_in_its_first_cell() {
    let (p, _) = run(
        "項目\t内容\n計画期間\t令和6年度～令和10年度\n",
        Some("北市観光振興計画"),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].start, p[0].end), (2024, Some(2028)));
    // a first cell that is no label: statistics
    let (p, _) = run("調査期間\t令和6年度～令和7年度\n", Some("北市観光振興計画"));
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn this_plan_is_the_documents_plan() {
    let (p, _) = run(
        "この計画は、令和6年4月から令和11年3月までを計画期間とします。\n",
        Some("北町農業振興プラン"),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].subject.as_deref(), Some("北町農業振興プラン"));
    assert!(p[0].own);
}

#[test]
fn a_first_year_and_a_length() {
    let (p, _) = run(
        "計画の期間は、令和6年度を初年度とする5年間とします。\n",
        Some("北市観光振興計画"),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].start, p[0].end), (2024, Some(2028)));
    let (p, _) = run(
        "平成28年度を初年度とし、5か年で取り組みます。\n",
        Some("北市観光振興計画"),
    );
    assert_eq!((p[0].start, p[0].end), (2016, Some(2020)));
}

#[test]
fn a_start_and_its_length_in_brackets() {
    let (p, _) = run("計画期間:令和6年度から(5年間)\n", Some("北市観光振興計画"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].start, p[0].end), (2024, Some(2028)));
}
