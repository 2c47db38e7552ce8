//! Which municipality a plan belongs to, from the names it mentions.
//!
//! The table is `dictionaries/municipalities/municipalities.csv` (CC0, see
//! the README beside it): code, prefecture, name, kana. A document names its
//! own city far more often than any other, and its title names it too,
//! sometimes in kana only (`かわさき産業振興プラン`).

use std::collections::HashMap;

use serde::Serialize;

use crate::Doc;

/// The built-in municipality table.
pub const MUNICIPALITIES_CSV: &str =
    include_str!("../../../dictionaries/municipalities/municipalities.csv");

/// A municipality as the record names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Municipality {
    /// Name (`所沢市`).
    pub name: String,
    /// Prefecture (`埼玉県`), or `None` when the name is ambiguous.
    pub prefecture: Option<String>,
    /// 全国地方公共団体コード, six digits, or `None` when ambiguous.
    pub code: Option<String>,
}

#[derive(Clone, Debug)]
struct Entry {
    code: String,
    prefecture: String,
    name: String,
}

/// Municipality names with their codes, indexed for lookup in text.
#[derive(Clone, Debug)]
pub struct MunicipalityTable {
    by_name: HashMap<String, Vec<Entry>>,
    /// Kana stem (reading without the final し/まち/むら…) to name.
    by_kana: Vec<(String, String)>,
    prefectures: Vec<String>,
    /// Prefectures as authorities: name (`青森県`), short name (`青森`),
    /// kana stem (`あおもり`), code.
    prefecture_rows: Vec<Prefecture>,
}

#[derive(Clone, Debug)]
struct Prefecture {
    name: String,
    short: String,
    kana: String,
    code: String,
}

/// The built-in prefecture table.
pub const PREFECTURES_CSV: &str =
    include_str!("../../../dictionaries/municipalities/prefectures.csv");

/// Residents' words that name one prefecture (`都民` is Tokyo's).
const RESIDENTS: &[(&str, &str)] = &[("都民", "東京都"), ("道民", "北海道")];

const SUFFIXES: &[char] = &['市', '町', '村', '区'];

impl MunicipalityTable {
    /// The table from the built-in CSV.
    pub fn builtin() -> Self {
        Self::from_csv(MUNICIPALITIES_CSV)
    }

    /// A table from `code,prefecture,name,kana` rows (first row a header).
    /// Ward rows (`札幌市 中央区`) are skipped: a plan is a city's.
    pub fn from_csv(csv: &str) -> Self {
        let mut by_name: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut by_kana = Vec::new();
        let mut prefectures = Vec::new();
        for row in csv.lines().skip(1) {
            let f: Vec<&str> = row.split(',').collect();
            if f.len() < 4 || f[2].contains(' ') || f[2].is_empty() {
                continue;
            }
            let entry = Entry {
                code: f[0].to_string(),
                prefecture: f[1].to_string(),
                name: f[2].to_string(),
            };
            if !prefectures.contains(&entry.prefecture) {
                prefectures.push(entry.prefecture.clone());
            }
            for suffix in ["し", "まち", "ちょう", "むら", "そん", "く"] {
                if let Some(stem) = f[3].strip_suffix(suffix) {
                    if stem.chars().count() >= 3 {
                        by_kana.push((stem.to_string(), entry.name.clone()));
                    }
                    break;
                }
            }
            // `鶴ヶ島市` is also written `鶴ケ島市`, `龍ケ崎市` `龍ヶ崎市`
            let variant: String = entry
                .name
                .chars()
                .map(|c| match c {
                    'ヶ' => 'ケ',
                    'ケ' => 'ヶ',
                    c => c,
                })
                .collect();
            if variant != entry.name {
                by_name.entry(variant).or_default().push(entry.clone());
            }
            by_name.entry(entry.name.clone()).or_default().push(entry);
        }
        // Longest kana first, so a longer reading wins over its prefix; on a
        // tie a city (市) before a town or village of the same reading.
        let rank = |name: &str| match name.chars().last() {
            Some('市') => 0,
            Some('区') => 1,
            _ => 2,
        };
        by_kana.sort_by_key(|(k, n)| (std::cmp::Reverse(k.chars().count()), rank(n)));
        let prefecture_rows = PREFECTURES_CSV
            .lines()
            .skip(1)
            .filter_map(|row| {
                let f: Vec<&str> = row.split(',').collect();
                let (code, name, kana) = (*f.first()?, *f.get(1)?, *f.get(2)?);
                let short = name.trim_end_matches(['都', '府', '県']);
                let kana = ["けん", "ふ", "と"]
                    .iter()
                    .find_map(|s| kana.strip_suffix(s))
                    .unwrap_or(kana);
                Some(Prefecture {
                    name: name.to_string(),
                    short: if short == "北海道" {
                        "北海道".into()
                    } else {
                        short.to_string()
                    },
                    kana: kana.to_string(),
                    code: code.to_string(),
                })
            })
            .collect();
        MunicipalityTable {
            by_name,
            by_kana,
            prefectures,
            prefecture_rows,
        }
    }

    fn prefecture(&self, p: &Prefecture) -> Municipality {
        Municipality {
            name: p.name.clone(),
            prefecture: Some(p.name.clone()),
            code: Some(p.code.clone()),
        }
    }

    /// The prefecture a plan's name belongs to: its full name in the
    /// name, or its short name or reading at the start (`ぎふ農業…計画`).
    fn prefecture_of_name(&self, name: &str) -> Option<&Prefecture> {
        self.prefecture_rows.iter().find(|p| {
            name.contains(&p.name)
                || (name.starts_with(&p.short)
                    && !name[p.short.len()..].starts_with(['市', '町', '村']))
                || (p.kana.chars().count() >= 2 && name.starts_with(&p.kana))
        })
    }

    /// A prefecture the text names at least twice (full name, short name not
    /// followed by 市/町/村, residents' word), or the only one it names when
    /// it speaks of a prefecture's residents or area (`県民`, `本県`, `県内`),
    /// when it names no city.
    fn prefecture_by_count(&self, doc: Doc<'_>) -> Option<&Prefecture> {
        let count = |words: &[&str]| {
            doc.nonblank()
                .map(|l| {
                    words
                        .iter()
                        .map(|w| l.text.matches(w).count())
                        .sum::<usize>()
                })
                .sum::<usize>()
        };
        // (more than the words for a city's, town's or village's own)
        let own_words =
            count(&["県民", "本県", "県内", "府民", "本府", "府内"]).saturating_sub(count(&[
                "市民", "本市", "市内", "町民", "本町", "町内", "村民", "本村", "村内",
            ]));
        let mut named = 0;
        let mut best: Option<(&Prefecture, usize)> = None;
        for p in &self.prefecture_rows {
            let mut n = 0;
            for line in doc.nonblank() {
                let t = &line.text;
                for (i, _) in t.match_indices(p.short.as_str()) {
                    let after = &t[i + p.short.len()..];
                    if !after.starts_with(['市', '町', '村']) {
                        n += 1;
                    }
                }
                n += RESIDENTS
                    .iter()
                    .filter(|(w, pref)| *pref == p.name && t.contains(w))
                    .count();
            }
            if n >= 1 {
                named += 1;
            }
            if n >= 1 && best.is_none_or(|(_, m)| n > m) {
                best = Some((p, n));
            }
        }
        best.filter(|(_, n)| *n >= 2 || (named == 1 && own_words >= 2))
            .map(|(p, _)| p)
    }

    /// Municipality names mentioned in `text`, longest match at each end.
    fn mentions<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        let idx: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(pos, c)) in idx.iter().enumerate() {
            if !SUFFIXES.contains(&c) {
                continue;
            }
            let end = pos + c.len_utf8();
            for back in (1..=6usize).rev() {
                if back > k {
                    continue;
                }
                let start = idx[k - back].0;
                let cand = &text[start..end];
                if self.by_name.contains_key(cand) {
                    out.push(cand);
                    break;
                }
            }
        }
        out
    }

    /// The authority the document belongs to, if it names one clearly: the
    /// city, town or village its title names; else the prefecture its title
    /// names; else the municipality it names most (twice at least, or once
    /// as its own: on a line of its own, after its prefecture, or in a
    /// compound such as `X市現代美術館`); else the prefecture it names
    /// most, when it names no municipality.
    pub fn detect(&self, doc: Doc<'_>, title: Option<&str>) -> Option<Municipality> {
        if let Some(t) = title
            && self.mentions(t).is_empty()
            && !self.by_kana.iter().any(|(k, _)| t.starts_with(k.as_str()))
            && let Some(p) = self.prefecture_of_name(t)
        {
            return Some(self.prefecture(p));
        }
        let found = self.municipality(doc, title);
        if found.is_none() && self.sole_mention(doc).is_none() {
            return self.prefecture_by_count(doc).map(|p| self.prefecture(p));
        }
        found
    }

    /// The one municipality a text names, named as its own rather than as a
    /// partner (`横浜市との連携` is a partner).
    fn sole_mention<'t>(&self, doc: Doc<'t>) -> Option<(&'t str, usize)> {
        let mut seen: Vec<(&str, usize)> = Vec::new();
        let mut own = false;
        for line in doc.nonblank() {
            let t = line.text.as_str();
            for name in self.mentions(t) {
                if !seen.iter().any(|(n, _)| *n == name) {
                    seen.push((name, line.number));
                }
                let at = t.find(name).unwrap_or(0);
                let before = &t[..at];
                let after = &t[at + name.len()..];
                let alone = before.trim().is_empty() && after.trim().is_empty();
                let address = self
                    .prefectures
                    .iter()
                    .any(|p| before.ends_with(p.as_str()));
                let compound = after
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c as u32, 0x30A1..=0x30FA | 0x4E00..=0x9FFF));
                own |= alone || address || compound;
            }
        }
        match seen.as_slice() {
            [one] if own => Some(*one),
            _ => None,
        }
    }

    fn municipality(&self, doc: Doc<'_>, title: Option<&str>) -> Option<Municipality> {
        let mut score: HashMap<&str, usize> = HashMap::new();
        for line in doc.nonblank() {
            for name in self.mentions(&line.text) {
                *score.entry(name).or_default() += 1;
            }
        }
        if let Some((name, _)) = self.sole_mention(doc) {
            score.insert(name, 2);
        }
        let mut owned_title_hits = Vec::new();
        if let Some(t) = title {
            for name in self.mentions(t) {
                owned_title_hits.push(name.to_string());
            }
            if owned_title_hits.is_empty()
                && let Some((_, name)) =
                    self.by_kana.iter().find(|(k, _)| t.starts_with(k.as_str()))
            {
                owned_title_hits.push(name.clone());
            }
        }
        let mut ranked: Vec<(String, usize)> =
            score.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
        for name in owned_title_hits {
            match ranked.iter_mut().find(|(n, _)| *n == name) {
                Some(e) => e.1 += 10,
                None => ranked.push((name, 10)),
            }
        }
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (name, count) = ranked.into_iter().next()?;
        if count < 2 {
            return None;
        }
        let entries = self.by_name.get(&name)?;
        let entry = if entries.len() == 1 {
            Some(&entries[0])
        } else {
            // The same name in several prefectures: the one whose
            // prefecture the text mentions most.
            let count_in = |p: &str| doc.nonblank().filter(|l| l.text.contains(p)).count();
            let mut best: Vec<(&Entry, usize)> = entries
                .iter()
                .map(|e| (e, count_in(&e.prefecture)))
                .collect();
            best.sort_by_key(|b| std::cmp::Reverse(b.1));
            match best.as_slice() {
                [(e, n), rest @ ..] if *n > 0 && rest.iter().all(|(_, m)| m < n) => Some(*e),
                _ => None,
            }
        };
        Some(Municipality {
            // the table's spelling (`鶴ヶ島市` for `鶴ケ島市`)
            name: entries.first().map_or(name.clone(), |e| e.name.clone()),
            prefecture: entry.map(|e| e.prefecture.clone()),
            code: entry.map(|e| e.code.clone()),
        })
    }

    /// The authority a text names only by its bare place name (`長崎の観光`,
    /// `高山駅周辺`, the suffix left out as people say it) while it speaks of
    /// its residents or its area (`市民`, `本市`, `市内`; `町民`…): the one
    /// municipality of that suffix whose stem the analyser reads as a place
    /// name. For a document in which [`MunicipalityTable::detect`] found
    /// nothing; the name, the stem read and the stem's line. Two stems, or
    /// none: `None`.
    pub fn by_place_name(
        &self,
        doc: Doc<'_>,
        morph: &dyn crate::Morph,
    ) -> Option<(Municipality, String, usize)> {
        // the suffix the text's residents' words point to
        let mut counts = [0usize; 3];
        for line in doc.nonblank() {
            for (k, s) in ['市', '町', '村'].iter().enumerate() {
                for w in ["民", "内"] {
                    counts[k] += line.text.matches(&format!("{s}{w}")).count();
                }
                counts[k] += line.text.matches(&format!("本{s}")).count();
            }
        }
        let (k, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
        if *n == 0 || counts.iter().filter(|m| **m == *n).count() > 1 {
            return None;
        }
        let suffix = ['市', '町', '村'][k];
        let mut found: Vec<(String, usize)> = Vec::new();
        for line in doc.nonblank() {
            for m in morph.analyse(&line.text) {
                if !m.pos.starts_with("名詞,固有名詞,地域") || m.surface.chars().count() < 2
                {
                    continue;
                }
                // the stem alone, not the name with its suffix
                if line.text[m.end..].starts_with(suffix) {
                    continue;
                }
                let name = format!("{}{suffix}", m.surface);
                if self.by_name.contains_key(&name) && !found.iter().any(|(n, _)| *n == name) {
                    found.push((name, line.number));
                }
            }
        }
        let [(name, line)] = found.as_slice() else {
            return None;
        };
        let entries = self.by_name.get(name)?;
        let entry = (entries.len() == 1).then(|| &entries[0]);
        let stem = name.trim_end_matches(suffix).to_string();
        Some((
            Municipality {
                name: name.clone(),
                prefecture: entry.map(|e| e.prefecture.clone()),
                code: entry.map(|e| e.code.clone()),
            },
            stem,
            *line,
        ))
    }

    /// Whether `name` is a prefecture in the table.
    pub fn is_prefecture(&self, name: &str) -> bool {
        self.prefectures.iter().any(|p| p == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines_from;

    fn detect(text: &str, title: Option<&str>) -> Option<Municipality> {
        let l = lines_from(text);
        MunicipalityTable::builtin().detect(Doc::new(&l), title)
    }

    #[test]
    fn most_mentioned_city_with_code() {
        let m = detect(
            "所沢市産業振興ビジョン\n所沢市の産業\n埼玉県と連携\n",
            Some("所沢市産業振興ビジョン"),
        )
        .unwrap();
        assert_eq!(m.name, "所沢市");
        assert_eq!(m.prefecture.as_deref(), Some("埼玉県"));
        assert_eq!(m.code.as_deref(), Some("112089"));
    }

    #[test]
    fn kana_title_names_the_city() {
        let m = detect(
            "かわさき産業振興プラン\n本市の産業\n",
            Some("かわさき産業振興プラン"),
        )
        .unwrap();
        assert_eq!(m.name, "川崎市");
        assert_eq!(m.prefecture.as_deref(), Some("神奈川県"));
    }

    #[test]
    fn longest_name_wins() {
        let t = MunicipalityTable::builtin();
        assert_eq!(t.mentions("大津市と津市"), vec!["大津市", "津市"]);
        assert!(t.mentions("本市の産業").is_empty());
    }

    #[test]
    fn ambiguous_name_without_prefecture() {
        let m = detect("府中市の産業\n府中市の計画\n", None).unwrap();
        assert_eq!(m.name, "府中市");
        assert_eq!(m.code, None);
        let m = detect("府中市の産業\n東京都府中市の計画\n", None).unwrap();
        assert_eq!(m.prefecture.as_deref(), Some("東京都"));
    }

    #[test]
    fn a_prefecture_named_once_that_speaks_of_its_residents() {
        let m = detect("青森県の観光\n県民の暮らしと本県の産業\n", None).unwrap();
        assert_eq!(m.name, "青森県");
        // without the words for its own residents or area, or with more
        // words for a city's own: not enough
        assert_eq!(detect("青森県の観光\n", None), None);
        assert_eq!(
            detect(
                "青森県の観光\n県内の市民と本市の産業、市内の事業所\n県民\n",
                None
            ),
            None
        );
    }

    #[test]
    fn small_ke_and_large_ke_are_one_name() {
        let m = detect(
            "鶴ケ島市産業振興計画\n鶴ケ島市の産業\n",
            Some("鶴ケ島市産業振興計画"),
        )
        .unwrap();
        assert_eq!(
            (m.name.as_str(), m.code.as_deref()),
            ("鶴ヶ島市", Some("112411"))
        );
    }

    #[test]
    fn a_passing_mention_is_not_enough() {
        assert_eq!(detect("横浜市との連携を進める\n", None), None);
    }

    #[test]
    fn one_mention_as_its_own_is_enough() {
        let m = detect(
            "まちなかの空き店舗が減りました。\n北見市開業応援事業の活用\n",
            None,
        )
        .unwrap();
        assert_eq!(m.name, "北見市");
        let m = detect("総合戦略\n平成27年10月\n北海道鷹栖町\n", None).unwrap();
        assert_eq!(m.name, "鷹栖町");
    }

    /// An analyser that knows a few place names.
    struct Places(&'static [&'static str]);

    impl crate::Morph for Places {
        fn analyse(&self, text: &str) -> Vec<crate::Morpheme> {
            let mut out = Vec::new();
            for w in self.0 {
                for (at, _) in text.match_indices(w) {
                    out.push(crate::Morpheme {
                        surface: w.to_string(),
                        pos: "名詞,固有名詞,地域,一般".into(),
                        base: None,
                        start: at,
                        end: at + w.len(),
                    });
                }
            }
            out
        }
    }

    #[test]
    fn a_bare_place_name_and_its_residents() {
        let t = MunicipalityTable::builtin();
        let l = lines_from("高山駅周辺の活性化\n市民の暮らし\n");
        let (m, stem, line) = t.by_place_name(Doc::new(&l), &Places(&["高山"])).unwrap();
        assert_eq!(
            (m.name.as_str(), stem.as_str(), line),
            ("高山市", "高山", 1)
        );
        assert_eq!(m.prefecture.as_deref(), Some("岐阜県"));
        // no residents' word: no guess; two place names: no guess
        let l = lines_from("高山駅周辺の活性化\n");
        assert!(t.by_place_name(Doc::new(&l), &Places(&["高山"])).is_none());
        let l = lines_from("高山と長崎\n市民の暮らし\n");
        assert!(
            t.by_place_name(Doc::new(&l), &Places(&["高山", "長崎"]))
                .is_none()
        );
        // a place the analyser does not know: none
        let l = lines_from("高山駅周辺\n市民\n");
        assert!(t.by_place_name(Doc::new(&l), &crate::NoMorph).is_none());
    }

    #[test]
    fn prefectures_are_authorities() {
        let m = detect("計画の概要\n", Some("青森県基本計画")).unwrap();
        assert_eq!(
            (m.name.as_str(), m.code.as_deref()),
            ("青森県", Some("020001"))
        );
        let m = detect("基本方針\n", Some("ぎふ農業・農村基本計画")).unwrap();
        assert_eq!(m.name, "岐阜県");
        // named twice, with no city named
        let m = detect("東京の漁業\n都民の食卓\n", None).unwrap();
        assert_eq!(m.name, "東京都");
        // a city's plan that cites its prefecture stays the city's
        let m = detect(
            "大垣市の農業\n大垣市の計画\n岐阜県の計画と整合\n",
            Some("大垣市農業振興計画"),
        )
        .unwrap();
        assert_eq!(m.name, "大垣市");
        // 栃木市 is not 栃木県, nor the other way round
        let m = detect("栃木県の産業\n", Some("栃木県産業振興計画")).unwrap();
        assert_eq!(m.name, "栃木県");
    }
}
