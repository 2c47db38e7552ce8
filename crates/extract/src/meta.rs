//! The plan's title and its vision statements (基本理念, スローガン, めざす姿).

use std::sync::LazyLock;

use regex::Regex;

use crate::Doc;

static PLAN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:第\d+次)?[^\s\t。、:]{{1,30}}?(?:{})(?:\d{{4}}|\(第\d+次\)|\((?:改訂|改定)版?\))?$",
        crate::vocab::plan_name_ends()
    ))
    .expect("valid regex")
});
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"「([^「」]{2,40})」").expect("valid regex"));
static NUMBER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Numbering, or a period stated in front of the name (`R5年度～R9年度 …`).
    Regex::new(
        r"^(?:\d+(?:[-.]\d+)*\.?|\(\d+\)|[①-⑳]|第\d+[章節]|(?:令和|平成|R|H)?\d+(?:\(\d{4}\))?年度?～(?:令和|平成|R|H)?\d+(?:\(\d{4}\))?年度?)\s*",
    )
    .expect("valid regex")
});
static DRAFT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\((?:案|素案|概要版?|本編)\)|【[^】]*】|《[^》]*》|〈[^〉]*〉|概要版|概要|本編|\(案\))+$")
        .expect("valid regex")
});

static SUBTITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:～[^～]+～?|―[^―]+―?|-[^-]{4,}-)$").expect("valid regex"));

/// Strip numbering in front, and a subtitle (`～…～`), draft or edition
/// marks behind a heading.
fn clean_heading(text: &str) -> String {
    let t = NUMBER_PREFIX.replace(text, "");
    let t = SUBTITLE.replace(&t, "");
    let t = DRAFT_SUFFIX.replace(t.trim(), "");
    t.trim().replace('\t', "")
}

static TITLE_FRAGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第\d+[期次])?[\p{Han}\p{Hiragana}\p{Katakana}ー・]{2,16}$")
        .expect("valid regex")
});

/// A short run of Japanese words that may be half of a broken cover title;
/// dates, numbers, edition marks and sentences are not.
fn is_title_fragment(text: &str) -> bool {
    TITLE_FRAGMENT.is_match(text)
        && !["概要", "本編", "資料", "目次", "はじめに"]
            .iter()
            .any(|w| text.contains(w))
}

/// A plan's name with a word of an industrial-policy domain
/// (`dictionaries/vocab/meta.txt` `[domains]`).
fn is_domain_plan(name: &str) -> bool {
    PLAN_NAME.is_match(name)
        && crate::vocab::get()
            .plan_domains
            .iter()
            .any(|w| name.contains(w.as_str()))
}

/// The plan's own name: the first heading near the top that names an
/// industrial-policy plan, else the plan most often quoted as 「…」.
pub fn title(doc: Doc<'_>) -> Option<String> {
    let head: Vec<String> = doc
        .nonblank()
        .take(40)
        .map(|l| clean_heading(&l.text))
        .collect();
    let fits = |name: &str| name.chars().count() <= 40 && is_domain_plan(name);
    for (i, name) in head.iter().enumerate() {
        // A cover title broken over two lines (`第2期北市` / `産業振興ビジョン`,
        // `北市産業振興` / `ビジョン`): the joined lines name the plan.
        if i > 0 && is_title_fragment(&head[i - 1]) && !fits(&head[i - 1]) {
            let joined = format!("{}{name}", head[i - 1]);
            if fits(&joined) {
                return Some(joined);
            }
        }
        if fits(name) {
            return Some(name.clone());
        }
        if let Some(next) = head.get(i + 1)
            && is_title_fragment(name)
            && is_title_fragment(next)
        {
            let joined = format!("{name}{next}");
            if fits(&joined) && !fits(next) {
                return Some(joined);
            }
        }
    }
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (i, line) in doc.nonblank().enumerate() {
        for cap in QUOTED.captures_iter(&line.text) {
            let name = clean_heading(&cap[1]);
            if is_domain_plan(&name) {
                match counts.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((name, 1, i)),
                }
            }
        }
    }
    let quoted = counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(n, _, _)| n.clone());
    match quoted {
        Some(q) => Some(newest_edition(
            &q,
            counts.iter().map(|(n, _, _)| n.as_str()),
        )),
        None => named_plan(doc),
    }
}

/// Of the names that differ from `name` only in their edition ordinal
/// (`第1次…`, `第2次…`), the newest: a document names its predecessor but
/// is about the new plan.
fn newest_edition<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> String {
    let base = EDITION_ORDINAL.replace(name, "").to_string();
    let ordinal = |n: &str| {
        EDITION_ORDINAL
            .captures(n)
            .and_then(|c| crate::wareki::parse_number(&c[1]))
            .unwrap_or(0)
    };
    names
        .filter(|n| EDITION_ORDINAL.replace(n, "") == base)
        .max_by_key(|n| ordinal(n))
        .filter(|n| ordinal(n) > ordinal(name))
        .unwrap_or(name)
        .to_string()
}

/// Units near the top whose plan names count as the cover's.
const COVER_UNITS: usize = 10;

/// The plan a document is most about, of any kind: the full plan name
/// scored by how often it is named, whether the cover names it, and
/// whether it carries an authority's name; of names that differ only in
/// their edition (`第1次…`, `第2次…`), the newest.
fn named_plan(doc: Doc<'_>) -> Option<String> {
    let mut found: Vec<(String, usize, usize)> = Vec::new(); // name, count, first unit
    for (i, line) in doc.nonblank().enumerate() {
        for name in crate::period::plan_names(&line.text) {
            let name = clean_heading(&name);
            if name.chars().count() > 40 || name.chars().count() < 4 {
                continue;
            }
            match found.iter_mut().find(|(n, _, _)| *n == name) {
                Some(e) => e.1 += 1,
                None => found.push((name, 1, i)),
            }
        }
    }
    let score = |(name, count, first): &(String, usize, usize)| {
        let cover = if *first < COVER_UNITS { 3 } else { 0 };
        let authority = if name.contains(['市', '町', '村', '区', '県', '都', '府', '道']) {
            2
        } else {
            0
        };
        count + cover + authority
    };
    let best = found
        .iter()
        .max_by(|a, b| score(a).cmp(&score(b)).then(b.2.cmp(&a.2)))?;
    Some(newest_edition(
        &best.0,
        found.iter().map(|(n, _, _)| n.as_str()),
    ))
}

/// An edition ordinal at the start of a plan name: `第2次`, `第三期`.
static EDITION_ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第([\d一二三四五六七八九十]+)[次期]").expect("valid regex"));

/// A line that starts the plan's structure: a number, or a word of
/// `dictionaries/vocab/meta.txt` `[vision-stop-starts]`.
static STRUCTURE_START: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(&crate::vocab::get().vision_stop_starts);
    Regex::new(&format!(r"^(?:\d|\(\d|[①-⑳]|【\d|第\d|{words})")).expect("valid regex")
});

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[◆◇■□●○・\-\s]+|[※\s]+$").expect("valid regex"));
static TRAILING_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)$").expect("valid regex"));
/// The heading of another section (`dictionaries/vocab/meta.txt`
/// `[vision-stop-ends]`).
static OTHER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(&crate::vocab::get().vision_stop_ends);
    Regex::new(&format!(r"(?:{words})$")).expect("valid regex")
});

/// A short heading that ends with a vision word (`「…プラン」のめざす姿`;
/// `dictionaries/vocab/meta.txt` `[vision-headings]`).
fn is_vision_heading(text: &str) -> bool {
    let h = clean_heading(&BULLET.replace_all(text, ""));
    // A note in brackets after the heading: `将来像(第2次計画共通)`.
    let h = TRAILING_NOTE.replace(&h, "");
    h.chars().count() <= 30
        && !h.ends_with('。')
        && crate::vocab::get()
            .vision_headings
            .iter()
            .any(|v| h.ends_with(v.as_str()))
}

/// A row of table cells, not a phrase: a column gap, or four or more
/// space-separated cells (a slogan is often set in three spaced parts).
fn is_table_row(line: &crate::Line) -> bool {
    line.text.contains('\t') || line.spaced.split_whitespace().count() >= 4
}

/// The vision statements: short lines under a vision heading, a statement
/// broken over several lines joined again.
pub fn vision(doc: Doc<'_>) -> Vec<String> {
    let lines: Vec<_> = doc.nonblank().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_vision_heading(&lines[i].text) {
            i += 1;
            continue;
        }
        let mut current = String::new();
        let mut j = i + 1;
        while j < lines.len() && j <= i + 12 {
            let t = lines[j].text.as_str();
            if is_vision_heading(t)
                || STRUCTURE_START.is_match(t)
                || is_table_row(lines[j])
                || OTHER_HEADING.is_match(t)
                || t.ends_with('※')
            {
                break;
            }
            if t.chars().count() > 45 || t.ends_with('。') {
                // A description paragraph ends the statement before it.
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            } else {
                current.push_str(t);
            }
            j += 1;
        }
        if !current.is_empty() {
            out.push(current);
        }
        i = j;
    }
    // A slogan in quotes is the slogan.
    for s in &mut out {
        if let Some(inner) = s.strip_prefix('「').and_then(|t| t.strip_suffix('」'))
            && !inner.contains(['「', '」'])
        {
            *s = inner.to_string();
        }
    }
    // A plan's name in a diagram is a label, not a statement.
    out.retain(|s| !is_domain_plan(s));
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines_from;

    #[test]
    fn title_from_first_heading() {
        let l = lines_from("\n\n所沢市 産業振興ビジョン\n\n《後期アクションプラン》\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("所沢市産業振興ビジョン")
        );
        let l = lines_from("さがみはら産業振興ビジョン（案）【概要】\n1 策定の背景\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("さがみはら産業振興ビジョン")
        );
        let l = lines_from("かわさき産業振興プラン(案)概要版\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("かわさき産業振興プラン")
        );
    }

    #[test]
    fn title_keeps_its_edition_and_drops_a_period_in_front() {
        let l = lines_from("北市商工業振興計画（第２次）\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("北市商工業振興計画(第2次)")
        );
        let l = lines_from("Ｒ５年度～Ｒ９年度 港区産業振興プラン\n");
        assert_eq!(title(Doc::new(&l)).as_deref(), Some("港区産業振興プラン"));
    }

    #[test]
    fn title_broken_over_two_lines() {
        let l = lines_from("第2期うみかぜ市\n産業振興ビジョン\n令和7年3月\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("第2期うみかぜ市産業振興ビジョン")
        );
        let l = lines_from("\nうみかぜ市産業振興\nビジョン\n\n概要\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("うみかぜ市産業振興ビジョン")
        );
        // A date or a note above the title is not part of it.
        let l = lines_from("（２０１９年策定）\n柏市産業振興戦略ビジョン\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("柏市産業振興戦略ビジョン")
        );
        let l = lines_from("概要版\n北市産業振興プラン\n");
        assert_eq!(title(Doc::new(&l)).as_deref(), Some("北市産業振興プラン"));
    }

    #[test]
    fn title_without_its_subtitle_and_newer_plan_kinds() {
        let l = lines_from("北市ＤＸ・スタートアップ推進戦略～データが価値を生むまち～\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("北市DX・スタートアップ推進戦略")
        );
        let l = lines_from("北市雇用・人材確保推進プラン\n2024-2028\n");
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("北市雇用・人材確保推進プラン")
        );
    }

    #[test]
    fn title_skips_other_plans() {
        let l = lines_from(
            "背景\n第５次総合計画\n〔計画期間：２０１６～２０２５〕\n柏市産業振興戦略ビジョン\n",
        );
        assert_eq!(
            title(Doc::new(&l)).as_deref(),
            Some("柏市産業振興戦略ビジョン")
        );
    }

    #[test]
    fn title_from_quotes() {
        let l = lines_from(
            "はじめに\n本市は「北市商工業振興プラン」を策定し、「北市商工業振興プラン」に基づき…\n",
        );
        assert_eq!(title(Doc::new(&l)).as_deref(), Some("北市商工業振興プラン"));
        let l = lines_from("はじめに\n何もない\n");
        assert_eq!(title(Doc::new(&l)), None);
    }

    #[test]
    fn vision_joins_broken_statement() {
        let l = lines_from(
            "基本理念\n\n活力ある産業と豊かなくらしの融合で\n\nまちの魅力を飛躍させる\n\n基本方針\n1 発展\n",
        );
        assert_eq!(
            vision(Doc::new(&l)),
            vec!["活力ある産業と豊かなくらしの融合でまちの魅力を飛躍させる"]
        );
    }

    #[test]
    fn heading_with_plan_name_and_bullets() {
        let l = lines_from(
            "◆ 「北市産業プラン」のめざす姿\n- 本市では、これまで社会経済環境の変化等を踏まえ、毎年施策検証を実施しながら取組を実施してきました。\n「北市産業プラン」のめざす姿\n多様な人材が共創するまち\n",
        );
        assert_eq!(vision(Doc::new(&l)), vec!["多様な人材が共創するまち"]);
        let l = lines_from("スローガン\n未来をつくるまち\n本市における産業振興の課題\n");
        assert_eq!(vision(Doc::new(&l)), vec!["未来をつくるまち"]);
    }

    #[test]
    fn slogan_in_spaced_parts_and_a_heading_with_a_note() {
        let l = lines_from(
            "１　基本理念\n\nものづくりの力と多様な交流で\n未来をひらく　産業都市　北市\n\n基本目標１ 地域産業\n",
        );
        assert_eq!(
            vision(Doc::new(&l)),
            vec!["ものづくりの力と多様な交流で未来をひらく産業都市北市"]
        );
        let l = lines_from(
            "１　将来像（第２次計画共通）\n\n花と海が彩る\nふるさと北市\n\n２　基本目標\n",
        );
        assert_eq!(vision(Doc::new(&l)), vec!["花と海が彩るふるさと北市"]);
        let l = lines_from("目指す姿\n\n技が世界とつながる<br>ものづくりのまち 北市\n\n基本戦略\n");
        assert_eq!(
            vision(Doc::new(&l)),
            vec!["技が世界とつながるものづくりのまち北市"]
        );
    }

    #[test]
    fn quotes_around_a_slogan_are_dropped() {
        let l = lines_from("将来像\n「人と技が息づくまち」\n\n基本目標\n");
        assert_eq!(vision(Doc::new(&l)), vec!["人と技が息づくまち"]);
    }

    #[test]
    fn a_table_under_the_heading_is_not_vision() {
        let l = lines_from("基本理念\n 実施事業 指標 目標 Ｒ１ Ｒ２ 結果\n");
        assert!(vision(Doc::new(&l)).is_empty());
    }

    #[test]
    fn vision_items_with_descriptions() {
        let text = "目指す産業都市像\n事業を継続できるまち\n既存事業者が、経営基盤を強化し、必要に応じて経営資源を承継しながら事業を継続・発展できている状態をめざします。\n新たにチャレンジできるまち\n豊かな地域資源を活用し、事業者から新たな事業が生まれている状態をめざして取り組みます。\n課題\n";
        let l = lines_from(text);
        assert_eq!(
            vision(Doc::new(&l)),
            vec!["事業を継続できるまち", "新たにチャレンジできるまち"]
        );
    }
}
