//! Layouts seen in municipal industrial-policy plans beyond the seed
//! documents: each test is a short fictional plan with the tree and the
//! projects a careful annotator following the contract would record.

use crate::{Doc, NoMorph, Node, Project, lines_from, project, strategy};

fn run(text: &str) -> (Vec<String>, Vec<String>) {
    let lines = lines_from(text);
    let doc = Doc::new(&lines);
    let mut w = Vec::new();
    let nodes = strategy::extract(doc, &NoMorph, &mut w);
    let projects = project::extract(doc, &nodes, &NoMorph, &mut w);
    (flat(&nodes), brief(&projects))
}

/// `id kind title` per node, depth-first, indented by level.
pub(crate) fn flat(nodes: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Node, usize)> = nodes.iter().rev().map(|n| (n, 0)).collect();
    while let Some((n, d)) = stack.pop() {
        out.push(format!(
            "{}{} {} {}",
            "  ".repeat(d),
            n.id,
            n.kind.as_deref().unwrap_or("-"),
            n.title
        ));
        stack.extend(n.children.iter().rev().map(|c| (c, d + 1)));
    }
    out
}

/// `name [nodes] label 重点` per project.
pub(crate) fn brief(p: &[Project]) -> Vec<String> {
    p.iter()
        .map(|p| {
            format!(
                "{} {:?} {} {}",
                p.name,
                p.nodes,
                p.label.as_deref().unwrap_or("-"),
                if p.priority { "重点" } else { "" }
            )
            .trim_end()
            .to_string()
        })
        .collect()
}

fn check(text: &str, tree: &[&str], projects: &[&str]) {
    let (t, p) = run(text);
    assert_eq!(t, tree, "tree:\n{}", t.join("\n"));
    assert_eq!(p, projects, "projects:\n{}", p.join("\n"));
}

/// 第2次…計画: chapters, a numbered list of 現状と課題, 基本目標 → (1)
/// restarting under each goal → `主な取組` bullets; page footers and a
/// running chapter header between the items; a wrapped project name.
#[test]
fn chapters_goals_measures_and_main_actions() {
    let text = "\
第2次みなと市産業振興計画
令和7年度～令和11年度

第1章 計画の策定にあたって
1 計画策定の趣旨
本市では、平成27年に産業振興計画を策定し、産業振興に取り組んできました。
2 計画の期間
本計画の期間は、令和7年度から令和11年度までの5年間とします。

第2章 本市産業の現状と課題
1 事業所数の推移
本市の事業所数は、平成28年の4,210事業所から令和3年には3,980事業所に減少しています。
2 本市の課題
(1) 担い手の高齢化と後継者不足
(2) 商店街の空き店舗の増加
(3) 観光消費額の伸び悩み

- 8 -

第3章 施策の展開
基本理念
人と産業が輝き 未来へつながるまち みなと

基本目標1 地域産業の経営基盤の強化
(1) 中小企業の経営支援
中小企業の経営課題に対応するため、相談体制を充実します。
主な取組
・中小企業経営相談事業
・小規模事業者持続化
　支援補助金
(2) 事業承継の促進
主な取組
・事業承継マッチング支援事業

基本目標2 創業と新産業の創出
(1) 創業支援の充実
主な取組
・創業塾開催事業
・中小企業経営相談事業（再掲）

- 9 -
第3章 施策の展開

(2) 新分野進出の支援
主な取組
・新製品開発補助金
基本目標3 にぎわいと交流の創出
(1) 商店街の活性化
主な取組
・空き店舗活用支援事業
(2) 観光の振興
主な取組
・観光プロモーション事業

第4章 計画の推進
1 推進体制
2 進行管理
";
    check(
        text,
        &[
            "1 基本目標 地域産業の経営基盤の強化",
            "  1.1 - 中小企業の経営支援",
            "  1.2 - 事業承継の促進",
            "2 基本目標 創業と新産業の創出",
            "  2.1 - 創業支援の充実",
            "  2.2 - 新分野進出の支援",
            "3 基本目標 にぎわいと交流の創出",
            "  3.1 - 商店街の活性化",
            "  3.2 - 観光の振興",
        ],
        &[
            "中小企業経営相談事業 [\"1.1\", \"2.1\"] -",
            "小規模事業者持続化支援補助金 [\"1.1\"] -",
            "事業承継マッチング支援事業 [\"1.2\"] -",
            "創業塾開催事業 [\"2.1\"] -",
            "新製品開発補助金 [\"2.2\"] -",
            "空き店舗活用支援事業 [\"3.1\"] -",
            "観光プロモーション事業 [\"3.2\"] -",
        ],
    );
}

/// A 施策体系図 dumped as a tab table (基本目標 | 施策 | 主な取組), then the
/// same nodes stated again in the detail section with their bullets.
#[test]
fn system_table_then_detail_is_one_tree() {
    let text = "\
さくら町商工業振興ビジョン

第3章 施策の体系

基本目標\t施策\t主な取組
1 活力ある地域産業の育成\t1-1 中小企業の経営力向上\t経営相談体制の充実
\t\t資金調達の支援
\t1-2 ものづくり産業の高度化\t設備投資の促進
2 魅力ある商業・観光の振興\t2-1 商店街のにぎわい創出\t空き店舗の活用
\t2-2 観光資源の磨き上げ\t観光ルートの整備

第4章 施策の展開

基本目標1 活力ある地域産業の育成
1-1 中小企業の経営力向上
【現状と課題】
町内事業所の多くは小規模事業者であり、経営者の高齢化が進んでいます。
【主な取組】
・経営相談体制の充実
・資金調達の支援
1-2 ものづくり産業の高度化
【主な取組】
・設備投資の促進

- 15 -

基本目標2 魅力ある商業・観光の振興
2-1 商店街のにぎわい創出
【主な取組】
・空き店舗の活用
2-2 観光資源の磨き上げ
【主な取組】
・観光ルートの整備
";
    check(
        text,
        &[
            "1 基本目標 活力ある地域産業の育成",
            "  1.1 施策 中小企業の経営力向上",
            "  1.2 施策 ものづくり産業の高度化",
            "2 基本目標 魅力ある商業・観光の振興",
            "  2.1 施策 商店街のにぎわい創出",
            "  2.2 施策 観光資源の磨き上げ",
        ],
        &[
            "経営相談体制の充実 [\"1.1\"] -",
            "資金調達の支援 [\"1.1\"] -",
            "設備投資の促進 [\"1.2\"] -",
            "空き店舗の活用 [\"2.1\"] -",
            "観光ルートの整備 [\"2.2\"] -",
        ],
    );
}

/// Roman-numeral 基本方針 with (1) restarting under each, then a chapter of
/// 重点プロジェクト ①–③, each with its own list of projects.
#[test]
fn roman_policies_and_priority_projects_with_lists() {
    let text = "\
あさひ市産業振興ビジョン

第3章 基本方針と施策

基本方針Ⅰ 地域企業の成長を支える
(1) 経営基盤の強化
・経営相談窓口運営事業
・制度融資の充実
(2) 生産性向上の支援
・ＩＣＴ導入支援補助金
基本方針Ⅱ 新たな挑戦を後押しする
(1) 創業支援の強化
・創業支援事業補助金
(2) 新事業展開の支援
・新商品開発支援事業
基本方針Ⅲ まちのにぎわいをつくる
(1) 商業の振興
・商店街イベント支援事業
基本方針Ⅳ 働く人を育てる
(1) 人材確保の支援
・就職面接会開催事業

第4章 重点プロジェクト
本ビジョンを効果的に推進するため、次の3つを重点プロジェクトとします。
① スタートアップ応援プロジェクト
・創業支援事業補助金
・創業相談ワンストップ窓口
② まちなか再生プロジェクト
・商店街イベント支援事業
③ 人材還流プロジェクト
・UIJターン就職支援事業

第5章 計画の推進
1 推進体制
";
    check(
        text,
        &[
            "1 基本方針 地域企業の成長を支える",
            "  1.1 - 経営基盤の強化",
            "  1.2 - 生産性向上の支援",
            "2 基本方針 新たな挑戦を後押しする",
            "  2.1 - 創業支援の強化",
            "  2.2 - 新事業展開の支援",
            "3 基本方針 まちのにぎわいをつくる",
            "  3.1 - 商業の振興",
            "4 基本方針 働く人を育てる",
            "  4.1 - 人材確保の支援",
        ],
        &[
            "経営相談窓口運営事業 [\"1.1\"] -",
            "制度融資の充実 [\"1.1\"] -",
            "ICT導入支援補助金 [\"1.2\"] -",
            "創業支援事業補助金 [\"2.1\"] - 重点",
            "新商品開発支援事業 [\"2.2\"] -",
            "商店街イベント支援事業 [\"3.1\"] - 重点",
            "就職面接会開催事業 [\"4.1\"] -",
            "スタートアップ応援プロジェクト [] ① 重点",
            "創業相談ワンストップ窓口 [] - 重点",
            "まちなか再生プロジェクト [] ② 重点",
            "人材還流プロジェクト [] ③ 重点",
            "UIJターン就職支援事業 [] - 重点",
        ],
    );
}

/// Bare three-level paths (1, 1-1, 1-1-1) under 施策の体系, after a chapter
/// of statistics numbered the same way; a page footer between items.
#[test]
fn three_level_paths_after_numbered_statistics() {
    let text = "\
第3次あおば市工業振興計画

第1章 計画の概要
1 計画策定の背景
2 計画の位置づけ

第2章 工業の現状
1 事業所数と従業者数
(1) 事業所数
令和3年の事業所数は312事業所で、10年前から約15%減少しています。
(2) 従業者数
2 製造品出荷額等
2-1 業種別の出荷額
2-2 出荷額の推移

第3章 施策の体系
1 ものづくり産業の競争力強化
1-1 技術力・開発力の向上
1-1-1 産学官連携による研究開発の促進
1-1-2 知的財産の活用支援
1-2 販路の拡大
1-2-1 展示会出展の支援

- 12 -

2 企業立地の推進
2-1 産業用地の確保
2-1-1 新たな工業団地の整備
2-1-2 空き工場・空き地の情報提供
3 人材の確保・育成
3-1 若年者の地元就職の促進
3-1-1 インターンシップの推進

第4章 計画の推進
1 推進体制
2 進行管理
";
    check(
        text,
        &[
            "1 - ものづくり産業の競争力強化",
            "  1.1 - 技術力・開発力の向上",
            "    1.1.1 - 産学官連携による研究開発の促進",
            "    1.1.2 - 知的財産の活用支援",
            "  1.2 - 販路の拡大",
            "    1.2.1 - 展示会出展の支援",
            "2 - 企業立地の推進",
            "  2.1 - 産業用地の確保",
            "    2.1.1 - 新たな工業団地の整備",
            "    2.1.2 - 空き工場・空き地の情報提供",
            "3 - 人材の確保・育成",
            "  3.1 - 若年者の地元就職の促進",
            "    3.1.1 - インターンシップの推進",
        ],
        &[],
    );
}

/// ① measures under (1) under 基本方針, both lists restarting; a table of
/// projects with 事業名 / 概要 / 担当課 columns under each measure.
#[test]
fn circled_measures_and_a_project_table_with_departments() {
    let text = "\
やまなみ町産業振興プラン

基本方針1 農林業の振興
(1) 担い手の育成
① 新規就農者の確保
事業名\t概要\t担当課
新規就農者支援事業\t就農初期の経費を補助\t農林振興課
② 農業法人化の支援
事業名\t概要\t担当課
農業法人設立補助金\t法人化の経費を補助\t農林振興課
(2) 地域ブランドの確立
① 特産品の開発
事業名\t概要\t担当課
特産品開発支援事業\t新商品の開発を支援\t商工観光課
基本方針2 商工業の振興
(1) 経営の安定
① 経営相談の充実
事業名\t概要\t担当課
経営相談事業\t商工会と連携した相談\t商工観光課
";
    check(
        text,
        &[
            "1 基本方針 農林業の振興",
            "  1.1 - 担い手の育成",
            "    1.1.1 - 新規就農者の確保",
            "    1.1.2 - 農業法人化の支援",
            "  1.2 - 地域ブランドの確立",
            "    1.2.1 - 特産品の開発",
            "2 基本方針 商工業の振興",
            "  2.1 - 経営の安定",
            "    2.1.1 - 経営相談の充実",
        ],
        &[
            "新規就農者支援事業 [\"1.1.1\"] -",
            "農業法人設立補助金 [\"1.1.2\"] -",
            "特産品開発支援事業 [\"1.2.1\"] -",
            "経営相談事業 [\"2.1.1\"] -",
        ],
    );
}

/// 戦略A/B/C with 施策A-1: letters read as positions.
#[test]
fn lettered_strategies() {
    let text = "\
ひかり市観光・産業戦略

戦略A 稼ぐ力を高める
施策A-1 地域資源を活かした商品開発
・特産品ブランド化推進事業
施策A-2 販路開拓の支援
戦略B 人を呼び込む
施策B-1 観光誘客の強化
・観光プロモーション事業
戦略C 人材を育てる
施策C-1 若者の定着促進
施策C-2 女性の活躍促進
";
    check(
        text,
        &[
            "1 戦略 稼ぐ力を高める",
            "  1.1 施策 地域資源を活かした商品開発",
            "  1.2 施策 販路開拓の支援",
            "2 戦略 人を呼び込む",
            "  2.1 施策 観光誘客の強化",
            "3 戦略 人材を育てる",
            "  3.1 施策 若者の定着促進",
            "  3.2 施策 女性の活躍促進",
        ],
        &[
            "特産品ブランド化推進事業 [\"1.1\"] -",
            "観光プロモーション事業 [\"2.1\"] -",
        ],
    );
}

/// PDF artefacts: a title broken over two lines, full-width digits,
/// half-width katakana, spaces inside words, a measure title wrapped onto
/// an indented line, `<br>` in a table cell, a running header.
#[test]
fn pdf_artefacts() {
    let text = "\
第２期うみかぜ市
産業振興ビジョン

基本目標１　地域 経済の 持続的な 発展
（１）ﾃﾞｼﾞﾀﾙ技術の活用による生産性向上
・ＤＸ推進<br>補助金
（２）中小企業の
　　　経営基盤強化
・経営 相談 事業

うみかぜ市産業振興ビジョン　　　　　　　　　２３

基本目標２　観光 交流の 促進
（１）観光ｺﾝﾃﾝﾂの充実
・観光ｺﾝﾃﾝﾂ造成事業【再掲】
";
    check(
        text,
        &[
            "1 基本目標 地域経済の持続的な発展",
            "  1.1 - デジタル技術の活用による生産性向上",
            "  1.2 - 中小企業の経営基盤強化",
            "2 基本目標 観光交流の促進",
            "  2.1 - 観光コンテンツの充実",
        ],
        &[
            "DX推進補助金 [\"1.1\"] -",
            "経営相談事業 [\"1.2\"] -",
            "観光コンテンツ造成事業 [\"2.1\"] -",
        ],
    );
}

/// A 施策体系図 printed column by column: the column headers, then the
/// goals, then the measures.
#[test]
fn system_chart_dumped_column_by_column() {
    let text = "\
みどり村産業振興計画

施策体系図

基本目標
施策

1 産業の活力を高める
2 ひとが集まるむらをつくる

1-1 企業の成長支援
1-2 創業の促進
2-1 観光の振興
2-2 移住・定住の促進
";
    check(
        text,
        &[
            "1 基本目標 産業の活力を高める",
            "  1.1 施策 企業の成長支援",
            "  1.2 施策 創業の促進",
            "2 基本目標 ひとが集まるむらをつくる",
            "  2.1 施策 観光の振興",
            "  2.2 施策 移住・定住の促進",
        ],
        &[],
    );
}

/// Roman numerals numbering the chapters are sections; the strategy is the
/// 基本目標 list inside them.
#[test]
fn roman_chapters_are_sections() {
    let text = "\
かわべ市産業振興計画

Ⅰ 計画の策定にあたって
1 策定の趣旨
2 計画の期間
Ⅱ 産業の現状と課題
1 人口の推移
2 事業所の推移
Ⅲ 施策の展開
基本目標1 地域産業の振興
施策1 中小企業の支援
施策2 創業の促進
基本目標2 観光の振興
施策1 観光資源の活用
Ⅳ 計画の推進
";
    check(
        text,
        &[
            "1 基本目標 地域産業の振興",
            "  1.1 施策 中小企業の支援",
            "  1.2 施策 創業の促進",
            "2 基本目標 観光の振興",
            "  2.1 施策 観光資源の活用",
        ],
        &[],
    );
}

/// A bare Roman-numeral list right after the title is the plan's pillar
/// list when the document states no other strategy.
#[test]
fn bare_roman_pillars_after_the_title() {
    let text = "\
Ｒ５年度～Ｒ９年度 港区産業振興プラン

港区の産業振興

Ⅰ 国際ビジネス拠点の形成
Ⅱ 区内中小企業の成長支援
Ⅲ 観光・ＭＩＣＥの推進

港区
";
    check(
        text,
        &[
            "1 - 国際ビジネス拠点の形成",
            "2 - 区内中小企業の成長支援",
            "3 - 観光・MICEの推進",
        ],
        &[],
    );
}

/// A web page: a flat list of 戦略 each followed by a parenthesized
/// `(主な事業:…、…)` line, which is no part of the title; its pieces are the
/// node's projects (a 再掲 piece adds the node to the first entry).
#[test]
fn inline_main_projects_after_each_node() {
    let text = "\
みなと市産業戦略

戦略1　ものづくりの高度化<br>
（主な事業：設備投資支援補助金、ＡＢＣブランド発信事業）

戦略2　販路の開拓
（主な事業：見本市出展補助金、ＡＢＣブランド発信事業（再掲））
";
    check(
        text,
        &["1 戦略 ものづくりの高度化", "2 戦略 販路の開拓"],
        &[
            "設備投資支援補助金 [\"1\"] -",
            "ABCブランド発信事業 [\"1\", \"2\"] -",
            "見本市出展補助金 [\"2\"] -",
        ],
    );
}

/// Status tags before or after a bullet name are stripped; `重点` and
/// `リーディングプロジェクト` tags make the project a priority. A bullet
/// listing names with `、` is split when every piece ends like a project.
#[test]
fn tagged_bullets_and_enumerated_names() {
    let text = "\
基本戦略1 観光の魅力向上
(1) 花の観光
・【リーディングプロジェクト】花街道再生プロジェクト
・【新規】花摘み体験事業
・道の駅整備事業【重点】
(2) 食の観光
・食のブランド化事業、地産地消推進補助金
";
    check(
        text,
        &[
            "1 基本戦略 観光の魅力向上",
            "  1.1 - 花の観光",
            "  1.2 - 食の観光",
        ],
        &[
            "花街道再生プロジェクト [\"1.1\"] - 重点",
            "花摘み体験事業 [\"1.1\"] -",
            "道の駅整備事業 [\"1.1\"] - 重点",
            "食のブランド化事業 [\"1.2\"] -",
            "地産地消推進補助金 [\"1.2\"] -",
        ],
    );
}

/// An A3 page whose two columns PDF-to-text interleaved on each line is
/// read left column first; a 重点プロジェクト box drawn with `┌│└` gives
/// its title broken over lines, not the description under it.
#[test]
fn interleaved_columns_and_boxed_projects() {
    let text = "\
基本方針1 地域企業の成長支援            基本方針2 新たな産業の創出
(1) 経営基盤の強化                      (3) 創業の支援
・経営力向上支援事業                    ・創業支援補助金
(2) 販路の拡大                          (4) 企業誘致の推進
・販路開拓支援補助金                    ・企業誘致推進事業

重点プロジェクト
┌────────────────────┐
│重点プロジェクト1   │
│ものづくりDX        │
│加速プロジェクト    │
│ 設備の更新を支援   │
└────────────────────┘
";
    let (t, p) = run(text);
    assert_eq!(
        t,
        [
            "1 基本方針 地域企業の成長支援",
            "  1.1 - 経営基盤の強化",
            "  1.2 - 販路の拡大",
            "2 基本方針 新たな産業の創出",
            "  2.3 - 創業の支援",
            "  2.4 - 企業誘致の推進",
        ],
        "tree:\n{}",
        t.join("\n")
    );
    for want in [
        "経営力向上支援事業 [\"1.1\"] -",
        "販路開拓支援補助金 [\"1.2\"] -",
        "創業支援補助金 [\"2.3\"] -",
        "企業誘致推進事業 [\"2.4\"] -",
    ] {
        assert!(p.iter().any(|x| x == want), "{want} in {p:?}");
    }
    assert!(
        p.iter()
            .any(|x| x.starts_with("ものづくりDX加速プロジェクト [") && x.ends_with("重点")),
        "{p:?}"
    );
}

/// 施策①–⑥ numbered through the whole plan across 基本戦略1–3: each item
/// continuing the list after a new 基本戦略 belongs under that 基本戦略.
#[test]
fn numbering_running_through_the_plan_across_higher_nodes() {
    let text = "\
第3章 施策の展開

基本戦略1 稼ぐ力の強化
① 経営支援の充実
② 販路の開拓
基本戦略2 人材の育成
③ 担い手の確保
④ 研修の充実
基本戦略3 交流の拡大
⑤ 観光の振興
⑥ 移住の促進
";
    check(
        text,
        &[
            "1 基本戦略 稼ぐ力の強化",
            "  1.1 - 経営支援の充実",
            "  1.2 - 販路の開拓",
            "2 基本戦略 人材の育成",
            "  2.3 - 担い手の確保",
            "  2.4 - 研修の充実",
            "3 基本戦略 交流の拡大",
            "  3.5 - 観光の振興",
            "  3.6 - 移住の促進",
        ],
        &[],
    );
}

/// The same running numbering on an A3 page of two interleaved columns:
/// `(3)` opens the right column under 基本方針2.
#[test]
fn running_numbering_in_two_interleaved_columns() {
    let text = "\
基本方針1 地域経済の活性化            基本方針2 挑戦の支援
(1) 経営の安定                        (3) 創業の促進
(2) 販路の拡大                        (4) 事業用地の確保
";
    check(
        text,
        &[
            "1 基本方針 地域経済の活性化",
            "  1.1 - 経営の安定",
            "  1.2 - 販路の拡大",
            "2 基本方針 挑戦の支援",
            "  2.3 - 創業の促進",
            "  2.4 - 事業用地の確保",
        ],
        &[],
    );
}

/// A 施策体系図 flattened to tab cells: empty leading cells put each cell
/// in its column, a title broken across rows continues the cell above in
/// the same column, and only the 主な事業 column gives projects. A list
/// heading numbered past the chart's items (`4 重点プロジェクト`) is a part
/// of the document: its projects belong to no node.
#[test]
fn chart_of_tab_cells_with_empty_leading_cells() {
    let text = "\
施策の体系

めざす姿\t基本目標\t施策\t主な事業
にぎわいの\t1 まちの\t(1) 商店街の\t空き店舗活用補助金
\tにぎわい\t活性化
\t\t(2) 観光の振興\t観光案内事業
\t2 ものづくりの\t(3) 技術の\t技術開発補助金
\t振興\t\t試作品開発事業
\t\t高度化
\t\t\t設備導入支援事業

4 重点プロジェクト
重点プロジェクト1
まちなか再生プロジェクト
";
    check(
        text,
        &[
            "1 基本目標 まちのにぎわい",
            "  1.1 施策 商店街の活性化",
            "  1.2 施策 観光の振興",
            "2 基本目標 ものづくりの振興",
            "  2.3 施策 技術の高度化",
        ],
        &[
            "空き店舗活用補助金 [\"1.1\"] -",
            "観光案内事業 [\"1.2\"] -",
            "技術開発補助金 [\"2.3\"] -",
            "試作品開発事業 [\"2.3\"] -",
            "設備導入支援事業 [\"2.3\"] -",
            "まちなか再生プロジェクト [] 重点プロジェクト1 重点",
        ],
    );
}

/// A chart row whose cells are not in the chart's columns ends it; a
/// header naming no kind makes no chart.
#[test]
fn rows_after_a_chart_and_tables_without_kinds() {
    let text = "\
指標\t現状値\t目標値
1 製造品出荷額\t5,842\t6,200
\t\t(1) 参考
";
    let (t, _) = run(text);
    assert!(t.is_empty(), "{t:?}");
}

/// A chart aligned with spaces whose vision cells stand beside the items:
/// a row with fewer cells and no leading gap is read as the chart's last
/// columns, a guess that never continues a title.
#[test]
fn space_aligned_chart_keeps_its_titles() {
    let text = "\
基本目標1 まちの活力向上
基本目標2 人の交流拡大

施策の体系
めざす姿　　　　基本目標　　　　　　　施策
みどりと　　　　1　まちの活力向上　　　1－1　商業の振興
人がつどう　　　　　　　　　　　　　　1－2　工業の振興
まち　　　　　　2　人の交流拡大　　　　2－1　観光の推進
";
    check(
        text,
        &[
            "1 基本目標 まちの活力向上",
            "  1.1 施策 商業の振興",
            "  1.2 施策 工業の振興",
            "2 基本目標 人の交流拡大",
            "  2.1 施策 観光の推進",
        ],
        &[],
    );
}

/// 基本方針(一)(二) with 施策ア/イ under each, the space after the katakana
/// closed by the normalizer and a counter-like kanji (`人材`) right after
/// it; a katakana word after a kind word (`施策アクション`) is no numbering.
#[test]
fn kanji_paren_policies_with_katakana_measures() {
    let text = "\
基本方針（一）　経営基盤の強化

　施策ア　経営相談の充実
　　＜具体的取組＞
　　○ 経営相談事業

　施策イ　人材の確保・育成
　　○ 人材育成支援事業

基本方針（二）　新たな価値の創出

　施策ア　創業の促進
　　○ 創業支援事業
施策アクションプランの推進体制
";
    check(
        text,
        &[
            "1 基本方針 経営基盤の強化",
            "  1.1 施策 経営相談の充実",
            "  1.2 施策 人材の確保・育成",
            "2 基本方針 新たな価値の創出",
            "  2.1 施策 創業の促進",
        ],
        &[
            "経営相談事業 [\"1.1\"] -",
            "人材育成支援事業 [\"1.2\"] -",
            "創業支援事業 [\"2.1\"] -",
        ],
    );
}

/// Chapters numbered I–V, a 体系 overview (`基本施策 ⇥ 施策`) whose last
/// row parts its cells with a single space, the same `1.`/`1.1` items
/// restated in detail with project tables, and indicator bullets
/// (`○ 件数 ⇥ 3件(令和5年度)→ 5件(令和11年度)`) under the goals restated
/// once more: one tree, the indicators are no projects.
#[test]
fn dotted_overview_restated_in_detail_under_roman_chapters() {
    let text = "\
III.施策の展開

施策の体系
　　基本施策　　　　　　施策
　　1. 農業の振興　　　　1.1 担い手の育成
　　　　　　　　　　　　　1.2 農地の保全
　　2. 観光の促進　2.1 観光づくり

1. 農業の振興

1.1 担い手の育成

事業名\t事業概要\t実施主体
新規就農者支援事業\t就農相談\t町

1.2 農地の保全

事業名\t事業概要\t実施主体
農地集積推進事業\t農地の集積\t町

2. 観光の促進

2.1 観光づくり

事業名\t事業概要\t実施主体
観光資源磨き上げ事業\t案内板の整備\t町

IV.成果指標

1. 農業の振興
○新規就農者数\t3人(令和5年度)→ 5人(令和11年度)
○認定農業者数 58人(令和5年度)→ 65人(令和11年度)
";
    check(
        text,
        &[
            "1 基本施策 農業の振興",
            "  1.1 施策 担い手の育成",
            "  1.2 施策 農地の保全",
            "2 基本施策 観光の促進",
            "  2.1 施策 観光づくり",
        ],
        &[
            "新規就農者支援事業 [\"1.1\"] -",
            "農地集積推進事業 [\"1.2\"] -",
            "観光資源磨き上げ事業 [\"2.1\"] -",
        ],
    );
}

/// An action-plan table dumped one cell per line (header words, then rows
/// of as many lines): the 事業名 cell of each row is a project of the node
/// its `1-(1)` cell names; 「」-named 重点プロジェクト belong to no node; an
/// indicator table dumped the same way gives no project.
#[test]
fn action_plan_dumped_one_cell_per_line() {
    let text = "\
基本目標1 訪れたくなる地域づくり
(1) 伝統文化の保全
(2) 新たな体験の創出
基本目標2 滞在の促進
(1) 周遊の促進

第3章 重点プロジェクト

重点プロジェクト1
「ものづくり体験」プロジェクト
職人の工房を巡る体験を提供します。

第4章 アクションプラン

施策の方向
事業名
事業内容
担当
1-(1)
町並み修景補助金
修景に要する経費を補助
文化財課
1-(2)
食の魅力発信事業
食のイベントの開催
観光課
2-(1)
周遊観光促進事業
周遊バスの運行
観光課

指標
基準値
目標値
観光入込客数
404万人
450万人
";
    check(
        text,
        // (the action plan's `施策の方向` column holds `1-(1)`: the kind of
        // the (1) items)
        &[
            "1 基本目標 訪れたくなる地域づくり",
            "  1.1 施策の方向 伝統文化の保全",
            "  1.2 施策の方向 新たな体験の創出",
            "2 基本目標 滞在の促進",
            "  2.1 施策の方向 周遊の促進",
        ],
        &[
            "「ものづくり体験」プロジェクト [] 重点プロジェクト1 重点",
            "町並み修景補助金 [\"1.1\"] -",
            "食の魅力発信事業 [\"1.2\"] -",
            "周遊観光促進事業 [\"2.1\"] -",
        ],
    );
}

/// A grant named `…助成` (no `金`) ends like a project: taken even as the
/// lone bullet under a node.
#[test]
fn a_grant_ending_in_josei_is_a_project() {
    let text = "\
基本目標１　技術の高度化
　基本施策１－１　新分野への挑戦
　　具体的施策１－１－１　開発支援
　　　・新製品開発支援補助金
　　　・共同研究推進事業
　　具体的施策１－１－２　知的財産の活用促進
　　　・知的財産取得支援助成
";
    check(
        text,
        &[
            "1 基本目標 技術の高度化",
            "  1.1 基本施策 新分野への挑戦",
            "    1.1.1 具体的施策 開発支援",
            "    1.1.2 具体的施策 知的財産の活用促進",
        ],
        &[
            "新製品開発支援補助金 [\"1.1.1\"] -",
            "共同研究推進事業 [\"1.1.1\"] -",
            "知的財産取得支援助成 [\"1.1.2\"] -",
        ],
    );
}

/// A one-line legend names the kinds of the levels; `【方向1】` is a
/// bracketed numbering whose paths `1-1` and `1-1-①` sit under it.
#[test]
fn legend_line_and_circled_path_level() {
    let text = "\
施策体系

基本的方向 ― 施策 ― 具体的施策

【方向1】まちのにぎわい創出
　　1-1　回遊性の向上
　　　　1-1-①　回遊イベントの充実
　　　　1-1-②　交流拠点づくり
【方向2】担い手の育成
　　2-1　新規出店の促進
　　　　2-1-①　出店支援
";
    check(
        text,
        &[
            "1 基本的方向 まちのにぎわい創出",
            "  1.1 施策 回遊性の向上",
            "    1.1.1 具体的施策 回遊イベントの充実",
            "    1.1.2 具体的施策 交流拠点づくり",
            "2 基本的方向 担い手の育成",
            "  2.1 施策 新規出店の促進",
            "    2.1.1 具体的施策 出店支援",
        ],
        &[],
    );
}

/// The offices in charge in brackets after a title (also wrapped onto the
/// next line) are not part of it; katakana items glued to their titles
/// (`ア経営相談…`, `アにぎわい…`) are items.
#[test]
fn office_notes_stripped_and_glued_katakana_items() {
    let text = "\
第3 施策の展開

1 ものづくり産業の競争力強化
(1)中小企業の経営基盤の強化(産業政策課)
ア経営相談体制の充実
◇中小企業経営相談事業
イにぎわいの創出
◇商店街活性化イベント支援事業
(2)観光資源の磨き上げと受入環境の整備
(商工観光課・観光振興課)
ア観光資源の魅力向上
◇観光ブランド推進事業
";
    check(
        text,
        &[
            "1 - ものづくり産業の競争力強化",
            "  1.1 - 中小企業の経営基盤の強化",
            "    1.1.1 - 経営相談体制の充実",
            "    1.1.2 - にぎわいの創出",
            "  1.2 - 観光資源の磨き上げと受入環境の整備",
            "    1.2.1 - 観光資源の魅力向上",
        ],
        &[
            "中小企業経営相談事業 [\"1.1.1\"] -",
            "商店街活性化イベント支援事業 [\"1.1.2\"] -",
            "観光ブランド推進事業 [\"1.2.1\"] -",
        ],
    );
}

/// A statement under a bracketed label right after a node
/// (`【成果指標】…`) does not continue its title.
#[test]
fn labelled_statement_does_not_continue_a_title() {
    let text = "\
目標1 働きやすいまち

戦略1-1 人材確保の支援
施策1-1-1 若者の地元就職の促進
施策1-1-2 UIJターン就職の促進
【成果指標】新規就職者数:1,120人 → 1,400人(2028年度)
";
    check(
        text,
        &[
            "1 目標 働きやすいまち",
            "  1.1 戦略 人材確保の支援",
            "    1.1.1 施策 若者の地元就職の促進",
            "    1.1.2 施策 UIJターン就職の促進",
        ],
        &[],
    );
}

/// A project table keyed by 施策番号 (`1-1`), after a blank line under its
/// header: cells list several 事業 split by `／`, a name wraps onto the
/// next row (`インターン` / `シップ推進事業`), and rows without a number
/// stay with the number above.
#[test]
fn slash_separated_project_cells_keyed_by_measure_number() {
    let text = "第3章 施策の展開\n\n基本目標1 ひとが育つまち\n\n施策1-1 若者の就職支援\n施策1-2 創業の支援\n\n施策番号    主な事業                          担当課\n\n1-1    面接会開催事業／インターン    商工課\n       シップ推進事業／見学会事業\n1-2    創業支援事業                  商工課\n       起業塾運営事業                企画課\n";
    let (t, p) = run(text);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(
        p,
        [
            "面接会開催事業 [\"1.1\"] -",
            "インターンシップ推進事業 [\"1.1\"] -",
            "見学会事業 [\"1.1\"] -",
            "創業支援事業 [\"1.2\"] -",
            "起業塾運営事業 [\"1.2\"] -",
        ],
        "{p:?}"
    );
}

/// A list under a heading that names no kind (`施策の展開`) stated inside
/// a node is that node's list, even after plain-numbered document sections
/// (`1 将来像`) that used the same numbers.
#[test]
fn list_under_anchor_heading_inside_a_node() {
    let text = "\
第2章 計画の考え方

1 将来像
人と農地がつながる村

第3章 施策の展開

基本目標1 担い手の確保・育成
村の農業を維持するため、担い手を確保します。

施策の展開
1 新規就農者の確保・育成
(ア)就農相談体制の充実
(イ)研修受入れ農家の確保
2 農地の集積・集約化
(ア)地域計画の策定と実行

基本目標2 稼げる農業の推進

施策の展開
1 スマート農業の導入促進
(ア)ドローンの導入支援
";
    check(
        text,
        &[
            "1 基本目標 担い手の確保・育成",
            "  1.1 - 新規就農者の確保・育成",
            "    1.1.1 - 就農相談体制の充実",
            "    1.1.2 - 研修受入れ農家の確保",
            "  1.2 - 農地の集積・集約化",
            "    1.2.1 - 地域計画の策定と実行",
            "2 基本目標 稼げる農業の推進",
            "  2.1 - スマート農業の導入促進",
            "    2.1.1 - ドローンの導入支援",
        ],
        &[],
    );
}

/// Items numbered by a Roman pillar and a digit (`I-1`, `Ⅱ-1`) under
/// pillars framed by box-drawing lines are paths like `1-1`.
#[test]
fn roman_paths_under_framed_pillars() {
    let text = "\
3. 3つの柱と取組

┏━━━━━━━━━━━━━━━━━━━━┓
柱Ⅰ 地域企業のDX加速
┗━━━━━━━━━━━━━━━━━━━━┛
Ⅰ-1 中小企業のデジタル化支援
専門家による伴走支援を行います。
I-2 データ連携基盤の活用

┏━━━━━━━━━━━━━━━━━━━━┓
柱Ⅱ スタートアップの創出・成長支援
┗━━━━━━━━━━━━━━━━━━━━┛
II-1 起業家の発掘・育成
";
    check(
        text,
        &[
            "1 柱 地域企業のDX加速",
            "  1.1 - 中小企業のデジタル化支援",
            "  1.2 - データ連携基盤の活用",
            "2 柱 スタートアップの創出・成長支援",
            "  2.1 - 起業家の発掘・育成",
        ],
        &[],
    );
}

/// After a table whose rows are keyed by node numbers (`1-1-1 ⇥ …`) in
/// section `4 取組の一覧`, section `5 計画の推進` continues the sections and
/// its `(1) 推進体制` is no node.
#[test]
fn section_after_node_keyed_table_is_a_section() {
    let text = "\
3 施策の体系

目標1 働きやすいまち
戦略1-1 人材確保の支援
施策1-1-1 若者の地元就職の促進
施策1-1-2 UIJターン就職の促進

4 取組の一覧

施策番号\t主な事業\t担当課
1-1-1\t就職面接会開催事業\t産業政策課
1-1-2\t移住就職相談会事業\t地域政策課

5 計画の推進

(1)推進体制
本プランは、協議会を中心に、関係機関と連携して推進します。
";
    check(
        text,
        &[
            "1 目標 働きやすいまち",
            "  1.1 戦略 人材確保の支援",
            "    1.1.1 施策 若者の地元就職の促進",
            "    1.1.2 施策 UIJターン就職の促進",
        ],
        &[
            "就職面接会開催事業 [\"1.1.1\"] -",
            "移住就職相談会事業 [\"1.1.2\"] -",
        ],
    );
}

/// The caption of a project table (`表 施策別の主な事業`) names the list,
/// not a project.
#[test]
fn caption_of_a_project_table_is_no_project() {
    let text = "\
目標1 働きやすいまち
戦略1-1 人材確保の支援
施策1-1-1 若者の地元就職の促進

表 施策別の主な事業

施策番号\t主な事業\t担当課
1-1-1\t就職面接会開催事業\t産業政策課
";
    check(
        text,
        &[
            "1 目標 働きやすいまち",
            "  1.1 戦略 人材確保の支援",
            "    1.1.1 施策 若者の地元就職の促進",
        ],
        &["就職面接会開催事業 [\"1.1.1\"] -"],
    );
}

/// A numbered label row inside a tab project table (`1 販路の拡大`)
/// naming a known node ties the rows below to that node instead of ending
/// the table; a `★` row is a priority row of the table, and an indented
/// row with every column filled reads its first cell.
#[test]
fn label_rows_inside_a_project_table_name_their_node() {
    let text = "\
基本目標1 稼げる農業
施策の展開
1 販路の拡大
2 担い手の確保

基本目標1の主要事業
  事業名\t内容\t所管\t期間
1 販路の拡大
  ★直売所整備事業\t直売所を改修\t産業課\tR7～R9
  農産物PR事業\t村産品をPR\t産業課\t継続
2 担い手の確保
  就農相談会開催事業\t相談会を開催\t産業課\t継続
";
    check(
        text,
        &[
            "1 基本目標 稼げる農業",
            "  1.1 - 販路の拡大",
            "  1.2 - 担い手の確保",
        ],
        &[
            "直売所整備事業 [\"1.1\"] - 重点",
            "農産物PR事業 [\"1.1\"] -",
            "就農相談会開催事業 [\"1.2\"] -",
        ],
    );
}

/// A second header row of year columns (`R7 ⇥ R8` under `事業費(千円)`)
/// names years, not projects.
#[test]
fn year_columns_under_a_project_header_are_no_projects() {
    let text = "\
基本方針1 観光の振興
施策1-1 誘客の推進

  区分     事業名                        事業費（千円）
                                         R7        R8
  【新規】 サイクル観光推進事業          12,000    15,000
";
    check(
        text,
        &["1 基本方針 観光の振興", "  1.1 施策 誘客の推進"],
        &["サイクル観光推進事業 [\"1.1\"] -"],
    );
}

#[test]
fn an_extract_that_starts_at_a_numbered_kind_heading() {
    // a web page or a page of a plan: `4` has nothing before it, and still
    // names the kind of the list below it
    let (nodes, _) = run(
        "北市産業振興ビジョン\n4 施策の柱\nⅠ 地域産業の競争力強化\n① 経営基盤の強化\n② 新たな産業の創出\nⅡ 働きやすいまち\n① 雇用の確保\n",
    );
    assert_eq!(
        nodes,
        vec![
            "1 施策の柱 地域産業の競争力強化",
            "  1.1 - 経営基盤の強化",
            "  1.2 - 新たな産業の創出",
            "2 施策の柱 働きやすいまち",
            "  2.1 - 雇用の確保",
        ]
    );
    // a part with nothing before it named with more than a kind word is
    // a part of the document, not a kind heading
    let (nodes, _) = run("[2]中心市街地活性化の目標\n(1)住みやすいまち\n(2)にぎわいのあるまち\n");
    assert!(nodes.is_empty(), "{nodes:?}");
}

#[test]
fn projects_listed_after_a_bracketed_caption_and_their_offices_dropped() {
    let (_, projects) = run(
        "基本方針1 地域産業の振興\n(1) 中小企業の支援\n【主な事業】中小企業融資制度、経営相談事業\n(2) 創業の促進\n【主な事業】\n・創業支援事業（担当：商工課）\n",
    );
    let names: Vec<&str> = projects
        .iter()
        .map(|p| p.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(names, ["中小企業融資制度", "経営相談事業", "創業支援事業"]);
}

#[test]
fn the_sections_of_a_chapter_that_announces_the_strategy() {
    let (nodes, _) = run(
        "第4章 施策の展開\n第1節 活力ある農業の実現\n1 担い手の育成\n2 農地の集積\n第2節 魅力ある農村の創造\n1 農村環境の保全\n",
    );
    assert_eq!(
        nodes,
        vec![
            "1 節 活力ある農業の実現",
            "  1.1 - 担い手の育成",
            "  1.2 - 農地の集積",
            "2 節 魅力ある農村の創造",
            "  2.1 - 農村環境の保全",
        ]
    );
    // the sections of other chapters are the document's
    let (nodes, _) = run("第2章 本市の課題\n第1節 人口の動向\n第2節 産業の動向\n");
    assert!(nodes.is_empty(), "{nodes:?}");
}

#[test]
fn numbers_alone_on_their_lines_over_their_titles() {
    let (nodes, _) = run("基本方針\n1\n地域産業の振興\n2\n観光の振興\n3\n担い手の確保\n");
    assert_eq!(
        nodes,
        vec![
            "1 基本方針 地域産業の振興",
            "2 基本方針 観光の振興",
            "3 基本方針 担い手の確保",
        ]
    );
    // page numbers between paragraphs stay page numbers
    let (nodes, _) = run("本市の産業は多様である。\n2\n観光も盛んである。\n3\n");
    assert!(nodes.is_empty(), "{nodes:?}");
}

#[test]
fn a_content_chapter_whose_one_part_holds_the_list() {
    // a report on a plan: its chapter's parts are the report's, and the
    // one part with parts of its own holds the plan's list
    let (nodes, _) = run(
        "第1章 はじめに\n1 レポートの目的\n2 構成\n第2章 政策点検\n1 これまでの取組の成果\n2 分野別政策点検結果\nⅠ 産業・雇用分野\nⅡ 安全・安心、健康分野\n",
    );
    assert_eq!(
        nodes,
        vec!["1 - 産業・雇用分野", "2 - 安全・安心、健康分野"]
    );
}
