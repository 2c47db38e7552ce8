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
}

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
        MunicipalityTable {
            by_name,
            by_kana,
            prefectures,
        }
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

    /// The municipality the document belongs to, if it names one clearly.
    pub fn detect(&self, doc: Doc<'_>, title: Option<&str>) -> Option<Municipality> {
        let mut score: HashMap<&str, usize> = HashMap::new();
        for line in doc.nonblank() {
            for name in self.mentions(&line.text) {
                *score.entry(name).or_default() += 1;
            }
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
            name: name.clone(),
            prefecture: entry.map(|e| e.prefecture.clone()),
            code: entry.map(|e| e.code.clone()),
        })
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
    fn a_passing_mention_is_not_enough() {
        assert_eq!(detect("横浜市との連携を進める\n", None), None);
    }
}
