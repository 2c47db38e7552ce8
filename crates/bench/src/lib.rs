//! Benchmark support: the deterministic bench corpus generator behind
//! `jplan-gencorpus`, and small helpers shared with `jplan-bench`.
//!
//! The generator builds plan documents from the seed documents (`corpus/`):
//! a title block naming a municipality from
//! `dictionaries/municipalities/municipalities.csv`, plan periods written in
//! the many ways plans write them (令和/平成, `R5`/`H30`, Gregorian,
//! full-width digits, `元年`), a strategy tree in one of several numbering
//! styles (`1-1`, `(1)`, `①`, `【1】`, full-width, `1.1`), projects, KPI
//! tables (tab, space or HTML cells, `▲` negatives, thousands separators)
//! and paragraphs of the seeds with their city names replaced. Each document
//! is encoded as UTF-8 (most), UTF-8 with BOM, Shift_JIS, EUC-JP or UTF-16
//! (LE/BE, with or without BOM) and uses `\n`, `\r\n` or `\r` line ends.
//!
//! Document `i` depends only on the seed documents, the `--seed` value and
//! `i`: generating 2,000 documents gives the same first 100 files as
//! generating 100, byte for byte.

#![deny(missing_docs)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The municipality code list (CC0), embedded.
pub const MUNICIPALITIES_CSV: &str =
    include_str!("../../../dictionaries/municipalities/municipalities.csv");

/// A small, fast, deterministic PRNG (xorshift64*), seeded with splitmix64.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for stream `stream` of seed `seed`.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut z = seed
            .wrapping_add(stream.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .wrapping_add(0x632b_e59b_d9b4_e019);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_f491_4f6c_dd1d } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A municipality of the code list.
#[derive(Clone, Debug)]
pub struct City {
    /// Its name (`所沢市`).
    pub name: String,
    /// The name without its 市/町/村 (`所沢`).
    pub stem: String,
    /// The name in kana as city brands write it (`ところざわ`).
    pub kana: String,
}

/// The municipalities of the code list that have no ward part.
pub fn cities() -> Vec<City> {
    let mut out = Vec::new();
    for line in MUNICIPALITIES_CSV.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() < 4 || cols[2].contains(' ') || cols[2].is_empty() {
            continue;
        }
        let name = cols[2].to_string();
        let mut chars: Vec<char> = name.chars().collect();
        let last = chars.pop().unwrap_or('市');
        let stem: String = chars.into_iter().collect();
        let kana = if last == '市' {
            cols[3].strip_suffix('し').unwrap_or(cols[3]).to_string()
        } else {
            stem.clone()
        };
        if stem.is_empty() || kana.is_empty() {
            continue;
        }
        out.push(City { name, stem, kana });
    }
    out
}

/// How a generated document's bytes are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with BOM.
    Utf8Bom,
    /// Shift_JIS (Windows-31J).
    ShiftJis,
    /// EUC-JP.
    EucJp,
    /// UTF-16LE with BOM.
    Utf16LeBom,
    /// UTF-16BE with BOM.
    Utf16BeBom,
    /// UTF-16LE without BOM.
    Utf16Le,
}

impl Enc {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "UTF-8",
            Enc::Utf8Bom => "UTF-8+BOM",
            Enc::ShiftJis => "Shift_JIS",
            Enc::EucJp => "EUC-JP",
            Enc::Utf16LeBom => "UTF-16LE+BOM",
            Enc::Utf16BeBom => "UTF-16BE+BOM",
            Enc::Utf16Le => "UTF-16LE",
        }
    }

    /// All of them, in report order.
    pub const ALL: [Enc; 7] = [
        Enc::Utf8,
        Enc::Utf8Bom,
        Enc::ShiftJis,
        Enc::EucJp,
        Enc::Utf16LeBom,
        Enc::Utf16BeBom,
        Enc::Utf16Le,
    ];
}

/// Encode `text`; characters the encoding cannot represent are left out.
pub fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => {
            let mut v = b"\xef\xbb\xbf".to_vec();
            v.extend_from_slice(text.as_bytes());
            v
        }
        Enc::ShiftJis | Enc::EucJp => {
            let encoding = if enc == Enc::ShiftJis {
                encoding_rs::SHIFT_JIS
            } else {
                encoding_rs::EUC_JP
            };
            let (bytes, _, errors) = encoding.encode(text);
            if !errors {
                return bytes.into_owned();
            }
            let mut out = Vec::with_capacity(bytes.len());
            let mut buf = [0u8; 4];
            for c in text.chars() {
                let (b, _, bad) = encoding.encode(c.encode_utf8(&mut buf));
                if !bad {
                    out.extend_from_slice(&b);
                }
            }
            out
        }
        Enc::Utf16LeBom | Enc::Utf16BeBom | Enc::Utf16Le => {
            let mut out = Vec::with_capacity(text.len() * 2 + 2);
            let be = enc == Enc::Utf16BeBom;
            if enc != Enc::Utf16Le {
                out.extend_from_slice(if be { b"\xfe\xff" } else { b"\xff\xfe" });
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        }
    }
}

/// One generated document.
#[derive(Clone, Debug)]
pub struct GenDoc {
    /// Its file name (`doc-00042.txt`).
    pub file_name: String,
    /// The text, before encoding, with `\n` line ends.
    pub text: String,
    /// Its encoding.
    pub enc: Enc,
    /// Its line end.
    pub eol: &'static str,
}

impl GenDoc {
    /// The bytes of the file.
    pub fn bytes(&self) -> Vec<u8> {
        let text = if self.eol == "\n" {
            std::borrow::Cow::Borrowed(self.text.as_str())
        } else {
            std::borrow::Cow::Owned(self.text.replace('\n', self.eol))
        };
        encode(&text, self.enc)
    }
}

/// The seed documents' text, cut into paragraphs (runs of non-blank lines).
#[derive(Clone, Debug)]
pub struct Seeds {
    /// Paragraphs, each a run of lines joined by `\n`.
    pub paragraphs: Vec<String>,
    /// Long prose lines (for descriptions and the long-line checks).
    pub prose: Vec<String>,
    /// Heading-like phrases harvested from the seeds' numbered lines.
    pub headings: Vec<String>,
}

/// The city names of the seed documents, longest first, with what replaces
/// them: 0 the name, 1 the stem, 2 the kana.
const SEED_NAMES: &[(&str, u8)] = &[
    ("相模原市", 0),
    ("所沢市", 0),
    ("川崎市", 0),
    ("つくば市", 0),
    ("柏市", 0),
    ("さがみはら", 2),
    ("ところざわ", 2),
    ("かわさき", 2),
    ("相模原", 1),
    ("所沢", 1),
    ("川崎", 1),
];

impl Seeds {
    /// Read every `*.txt` file of `dir` (UTF-8), in byte order of names.
    pub fn load(dir: &Path) -> std::io::Result<Seeds> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let mut texts = Vec::new();
        for f in &files {
            let bytes = std::fs::read(f)?;
            let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
            texts.push(text);
        }
        if texts.is_empty() {
            return Err(std::io::Error::other(format!(
                "no .txt seed documents in {}",
                dir.display()
            )));
        }
        Ok(Seeds::from_texts(&texts))
    }

    /// Cut seed texts into paragraphs.
    pub fn from_texts(texts: &[String]) -> Seeds {
        let mut paragraphs = Vec::new();
        let mut prose = Vec::new();
        let mut headings = Vec::new();
        for text in texts {
            let mut cur: Vec<&str> = Vec::new();
            for line in text.lines().chain(std::iter::once("")) {
                if line.trim().is_empty() {
                    if !cur.is_empty() {
                        paragraphs.push(cur.join("\n"));
                        cur.clear();
                    }
                    continue;
                }
                cur.push(line);
                let t = line.trim();
                if t.chars().count() >= 60 && t.ends_with('。') {
                    prose.push(t.to_string());
                }
                if let Some(h) = heading_phrase(t) {
                    headings.push(h);
                }
            }
        }
        headings.sort();
        headings.dedup();
        if prose.is_empty() {
            prose.push("本市では、地域経済の活性化に向けて、事業者の経営基盤の強化と新たな産業の創出に取り組んできました。".to_string());
        }
        if paragraphs.is_empty() {
            paragraphs.push(prose[0].clone());
        }
        for h in FALLBACK_HEADINGS {
            headings.push((*h).to_string());
        }
        Seeds {
            paragraphs,
            prose,
            headings,
        }
    }
}

/// The phrase of a numbered heading line (`- 1-2 企業誘致の推進` → `企業誘致の推進`).
fn heading_phrase(line: &str) -> Option<String> {
    let t = line.trim_start_matches(['-', ' ', '・']);
    let mut chars = t.char_indices().peekable();
    let mut saw_digit = false;
    let mut end = 0;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() || c == '-' || c == '.' {
            saw_digit |= c.is_ascii_digit();
            chars.next();
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if !saw_digit {
        return None;
    }
    let rest = t[end..].trim();
    let n = rest.chars().count();
    if (6..=30).contains(&n)
        && !rest.contains(['。', '、', '（', '(', '「', '\t'])
        && rest.chars().all(|c| !c.is_ascii_digit())
    {
        Some(rest.to_string())
    } else {
        None
    }
}

const FALLBACK_HEADINGS: &[&str] = &[
    "中小企業の経営基盤の強化",
    "創業・起業の促進",
    "企業誘致と立地環境の整備",
    "観光資源の磨き上げと発信",
    "農業の担い手の確保と育成",
    "商店街のにぎわいの創出",
    "デジタル技術を活用した生産性の向上",
    "脱炭素社会に向けた産業の転換",
    "地域産業を担う人材の確保と育成",
    "多様な働き方の推進",
    "ものづくり産業の高度化",
    "産学官連携によるイノベーションの創出",
    "地域ブランドの確立",
    "事業承継の支援",
    "海外展開の支援",
];

const PLAN_KINDS: &[&str] = &[
    "産業振興ビジョン",
    "産業振興プラン",
    "産業戦略",
    "産業振興基本計画",
    "商工業振興計画",
    "産業振興アクションプラン",
    "経済活性化戦略",
    "産業振興計画",
];

const VISION_HEADS: &[&str] = &[
    "基本理念",
    "スローガン",
    "めざす姿",
    "目指す産業像",
    "将来像",
];

const VISIONS: &[&str] = &[
    "活力ある産業と豊かなくらしの融合でまちの魅力を飛躍させる",
    "世界に向けて、新たな価値と魅力を創造・発信し、未来を拓くまち",
    "人と企業が集い、挑戦が生まれる産業都市",
    "地域の力を結集し、持続的に成長する産業のまち",
    "誰もがいきいきと働き、稼ぐ力のある元気なまち",
];

const TOP_LABELS: &[&str] = &[
    "基本方針",
    "戦略",
    "基本目標",
    "施策の柱",
    "",
    "第",
    "【",
    "方針",
];

const INDICATORS: &[(&str, &str)] = &[
    ("創業件数", "件"),
    ("市内事業所数", "事業所"),
    ("企業誘致件数", "件"),
    ("観光入込客数", "万人"),
    ("製造品出荷額等", "億円"),
    ("市内総生産", "億円"),
    ("商店街の空き店舗率", "%"),
    ("新規就農者数", "人"),
    ("市内従業者数", "人"),
    ("認定事業者数", "社"),
    ("事業承継の相談件数", "件"),
    ("市内宿泊者数", "人"),
    ("DX導入企業の割合", "%"),
    ("農業産出額", "億円"),
];

const STATUSES: &[&str] = &["達成", "未達成", "概ね達成"];

/// An era year of Gregorian year `g`: `令和5`, `平成30`, `令和元`, `R5`, `H30`.
fn era(rng: &mut Rng, g: usize, short: bool) -> String {
    if g >= 2019 && !(g == 2019 && rng.chance(0.3)) {
        let y = g - 2018;
        if short {
            format!("R{y}")
        } else if y == 1 && rng.chance(0.5) {
            "令和元".to_string()
        } else {
            format!("令和{y}")
        }
    } else {
        let y = g.saturating_sub(1988).max(1);
        if short {
            format!("H{y}")
        } else if y == 1 {
            "平成元".to_string()
        } else {
            format!("平成{y}")
        }
    }
}

fn fullwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            '-' => '－',
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

fn circled(n: usize) -> char {
    if (1..=20).contains(&n) {
        char::from_u32(0x2460 + n as u32 - 1).unwrap_or('・')
    } else {
        '・'
    }
}

/// A plan period phrase for `start..=end` in one of the common forms.
pub fn period_phrase(rng: &mut Rng, start: usize, end: usize) -> String {
    let len = end - start + 1;
    let s = match rng.below(9) {
        0 => format!(
            "{}年度～{}年度",
            era(rng, start, false),
            era(rng, end, false)
        ),
        1 => format!("計画期間：{start}年度～{end}年度"),
        2 => format!(
            "{}({start})年度から{}({end})年度までの{len}年間",
            era(rng, start, false),
            era(rng, end, false)
        ),
        3 => format!(
            "計画期間 {}～{}年度",
            era(rng, start, true),
            era(rng, end, true)
        ),
        4 => format!(
            "本計画の計画期間は、{}年度から{}年度までの{len}年間とします。",
            era(rng, start, false),
            era(rng, end, false)
        ),
        5 => format!("〔計画期間：{start}～{end}〕"),
        6 => format!(
            "計画期間\n{}年度から{}年度までの{len}年間",
            era(rng, start, false),
            era(rng, end, false)
        ),
        7 => format!("({}～{}年度)", era(rng, start, true), era(rng, end, true)),
        _ => format!(
            "{start}年度(令和{}年度)～{end}年度",
            start.saturating_sub(2018).max(1)
        ),
    };
    if rng.chance(0.15) {
        fullwidth_digits(&s)
    } else {
        s
    }
}

/// The numbering of child `m` of top-level item `n` in style `style`.
fn child_label(style: usize, n: usize, m: usize) -> String {
    match style {
        0 => format!("{n}-{m} "),
        1 => format!("({m}) "),
        2 => format!("{} ", circled(m)),
        3 => format!("【{n}-{m}】"),
        4 => fullwidth_digits(&format!("{n}-{m} ")),
        5 => format!("{n}.{m} "),
        6 => format!("施策{n}-{m} "),
        _ => format!("- {n}-{m} "),
    }
}

fn top_label(label: &str, n: usize) -> String {
    match label {
        "" => format!("{n} "),
        "第" => format!("第{n}章 "),
        "【" => format!("【{n}】"),
        l => format!("{l}{n} "),
    }
}

/// Replace the seed documents' city names with `city`'s.
fn rename(text: &str, city: &City) -> String {
    let mut out = text.to_string();
    for (from, kind) in SEED_NAMES {
        if out.contains(from) {
            let to = match kind {
                0 => &city.name,
                1 => &city.stem,
                _ => &city.kana,
            };
            out = out.replace(from, to);
        }
    }
    out
}

/// PDF-style spacing: a space between Japanese characters of a line.
fn spaced_out(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    for (i, c) in line.chars().enumerate() {
        if i > 0 && !c.is_ascii() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A number with thousands separators.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("▲{out}") } else { out }
}

/// A KPI table of `rows` indicators over the years `base..=target`.
pub fn kpi_table(rng: &mut Rng, rows: usize, base: usize, target: usize) -> String {
    let mut s = String::new();
    let sep_kind = rng.below(10);
    let sep = match sep_kind {
        0..=5 => "\t",
        6..=7 => "  ",
        _ => " ",
    };
    let html = sep_kind == 9;
    let heads: Vec<String> = vec![
        "指標".to_string(),
        "単位".to_string(),
        format!("基準値({})", era(rng, base, true)),
        format!("目標値({})", era(rng, target, true)),
        "評価".to_string(),
    ];
    let cell = |s: &mut String, cells: &[String]| {
        if html {
            s.push_str("<tr>");
            for c in cells {
                let _ = write!(s, "<td>{c}</td>");
            }
            s.push_str("</tr>\n");
        } else {
            s.push_str(&cells.join(sep));
            s.push('\n');
        }
    };
    let _ = writeln!(s, "【成果指標】");
    cell(&mut s, &heads);
    for _ in 0..rows {
        let (name, unit) = *rng.pick(INDICATORS);
        let base_v: i64 = if unit == "%" {
            rng.range(1, 90) as i64
        } else {
            rng.range(10, 2_000_000) as i64 / 10
        };
        let mut target_v = base_v + base_v * rng.range(0, 40) as i64 / 100;
        if rng.chance(0.05) {
            target_v = -(rng.range(1, 999) as i64);
        }
        let target_cell = if rng.chance(0.08) {
            format!("{}{unit}/年", rng.range(2, 50))
        } else {
            thousands(target_v)
        };
        let cells = vec![
            name.to_string(),
            unit.to_string(),
            thousands(base_v),
            target_cell,
            rng.pick(STATUSES).to_string(),
        ];
        cell(&mut s, &cells);
    }
    s
}

/// A strategy tree of `tops` top-level items with their children and
/// projects, each project with a description from the seeds.
pub fn strategy_tree(rng: &mut Rng, seeds: &Seeds, city: &City, tops: usize) -> String {
    let mut s = String::new();
    let label = *rng.pick(TOP_LABELS);
    let style = rng.below(8);
    let _ = writeln!(
        s,
        "{}\n",
        rng.pick(&["施策の体系", "施策体系", "戦略と施策", "施策の展開"])
    );
    let mut project_no = 0;
    for n in 1..=tops {
        let _ = writeln!(s, "{}{}", top_label(label, n), rng.pick(&seeds.headings));
        for m in 1..=rng.range(2, 5) {
            let _ = writeln!(
                s,
                "{}{}",
                child_label(style, n, m),
                rng.pick(&seeds.headings)
            );
            for _ in 0..rng.range(0, 3) {
                project_no += 1;
                let stem = rng.pick(&seeds.headings).clone();
                let stem: String = stem.chars().take(10).collect();
                let name = match rng.below(4) {
                    0 => format!("重点推進事業{project_no} {stem}事業"),
                    1 => format!("・{stem}支援事業"),
                    2 => format!("★{stem}推進事業"),
                    _ => format!("◆{stem}プロジェクト"),
                };
                let _ = writeln!(s, "{name}");
                if rng.chance(0.7) {
                    let _ = writeln!(s, "{}", rename(rng.pick::<String>(&seeds.prose), city));
                }
            }
        }
        s.push('\n');
    }
    s
}

/// Generate document `index` of the corpus for seed `seed`.
pub fn generate(seeds: &Seeds, cities: &[City], seed: u64, index: usize) -> GenDoc {
    let mut rng = Rng::new(seed, index as u64);
    let city = rng.pick(cities).clone();
    // Sizes: from 4 kB to about 70 kB, skewed small; about 25 kB on average.
    let r = rng.unit();
    let target_len = 4_000 + (r * r * 63_000.0) as usize;

    let mut s = String::with_capacity(target_len + 8_000);
    let kind = *rng.pick(PLAN_KINDS);
    let start = rng.range(2012, 2030);
    let len = *rng.pick(&[3usize, 4, 5, 5, 5, 8, 10, 12]);
    let end = start + len - 1;
    s.push_str("\n\n");
    let title = if rng.chance(0.3) {
        spaced_out(&format!("{}{kind}", city.name))
    } else {
        format!("{} {kind}", city.name)
    };
    let _ = writeln!(s, "{title}{}", if rng.chance(0.2) { "（案）" } else { "" });
    if rng.chance(0.4) {
        let _ = writeln!(
            s,
            "\n{}",
            rng.pick(&["《後期アクションプラン》", "概要版", "【概要】"])
        );
    }
    let _ = writeln!(s, "\n{}\n", period_phrase(&mut rng, start, end));
    let _ = writeln!(
        s,
        "{}年{}月 {}\n",
        era(&mut rng, start - 1, false),
        rng.range(1, 12),
        city.name
    );
    let _ = writeln!(s, "{}\n{}\n", rng.pick(VISION_HEADS), rng.pick(VISIONS));

    let tops = rng.range(3, 6);
    s.push_str(&strategy_tree(&mut rng, seeds, &city, tops));

    while s.len() < target_len {
        match rng.below(10) {
            0 => {
                let rows = rng.range(3, 12);
                s.push_str(&kpi_table(&mut rng, rows, start - 1, end));
                s.push('\n');
            }
            1 => {
                let _ = writeln!(s, "{}\n", period_phrase(&mut rng, start, end));
            }
            2 => {
                let tops = rng.range(2, 4);
                s.push_str(&strategy_tree(&mut rng, seeds, &city, tops));
            }
            _ => {
                let p = rename(rng.pick::<String>(&seeds.paragraphs), &city);
                if rng.chance(0.1) {
                    s.push_str(&fullwidth_digits(&p));
                } else {
                    s.push_str(&p);
                }
                s.push_str(if rng.chance(0.5) { "\n\n" } else { "\n" });
            }
        }
    }

    let enc = match rng.below(100) {
        0..=77 => Enc::Utf8,
        78..=79 => Enc::Utf8Bom,
        80..=87 => Enc::ShiftJis,
        88..=92 => Enc::EucJp,
        93..=96 => Enc::Utf16LeBom,
        97..=98 => Enc::Utf16BeBom,
        _ => Enc::Utf16Le,
    };
    let eol = match rng.below(20) {
        0..=16 => "\n",
        17..=18 => "\r\n",
        _ => "\r",
    };
    GenDoc {
        file_name: format!("doc-{index:05}.txt"),
        text: s,
        enc,
        eol,
    }
}

/// Peak resident set size of this process (VmHWM), in bytes.
pub fn self_peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Seeds {
        Seeds::from_texts(&["1-1 新たな産業用地等の創出\n本市では、地域経済の活性化に向けて、所沢市の事業者の経営基盤の強化と新たな産業の創出に取り組んできました。\n\n所沢市".to_string()])
    }

    #[test]
    fn generation_is_deterministic_and_independent_of_count() {
        let s = seeds();
        let c = cities();
        let a = generate(&s, &c, 42, 7);
        let b = generate(&s, &c, 42, 7);
        assert_eq!(a.bytes(), b.bytes());
        assert_ne!(generate(&s, &c, 43, 7).bytes(), a.bytes());
        assert!(!a.text.contains("所沢市") || c.iter().any(|x| x.name == "所沢市"));
    }

    #[test]
    fn every_encoding_decodes_back() {
        let text = "所沢市 産業振興ビジョン\n令和5年度～令和9年度 ① 1-1\n";
        for enc in Enc::ALL {
            let d = jplan_decode::decode(&encode(text, enc)).unwrap();
            assert!(d.text.contains("産業振興ビジョン"), "{enc:?}: {}", d.text);
        }
    }

    #[test]
    fn rng_below_stays_in_range() {
        let mut r = Rng::new(1, 2);
        for n in 1..50 {
            assert!(r.below(n) < n);
        }
    }
}
