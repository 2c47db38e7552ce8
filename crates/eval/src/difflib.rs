//! `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()` of
//! Python's standard library, ported line for line.
//!
//! The gold scorer that defined jplan's figures compares titles with this
//! ratio; a different similarity (Levenshtein, LCS) would move matches
//! across the 0.85 and 0.6 thresholds. With no junk function and
//! `autojunk=False` no element of `b` is junk or "popular", so the port
//! needs only `find_longest_match` (including its tie-breaking: the
//! earliest `i`, then the earliest `j`, among longest blocks) and the
//! queue order of `get_matching_blocks`. Strings are compared by code
//! point, as Python's `str` is.

use std::collections::HashMap;

/// The similarity ratio `2·M / (len(a) + len(b))`, `M` the number of
/// characters in matching blocks; 1.0 when both are empty.
pub fn ratio(a: &[char], b: &[char]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * matching_characters(a, b) as f64 / total as f64
}

/// The sum of the sizes of `get_matching_blocks()`.
fn matching_characters(a: &[char], b: &[char]) -> usize {
    let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
    for (j, c) in b.iter().enumerate() {
        b2j.entry(*c).or_default().push(j);
    }
    let mut queue = vec![(0, a.len(), 0, b.len())];
    let mut matched = 0;
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = find_longest_match(a, b, &b2j, alo, ahi, blo, bhi);
        if k > 0 {
            matched += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    matched
}

/// The longest block `a[i..i+k] == b[j..j+k]` inside the ranges; among
/// the longest, the one starting earliest in `a`, then in `b`.
fn find_longest_match(
    a: &[char],
    b: &[char],
    b2j: &HashMap<char, Vec<usize>>,
    alo: usize,
    ahi: usize,
    blo: usize,
    bhi: usize,
) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
    // j2len[j] = length of the longest match ending with a[i-1] and b[j].
    let mut j2len: HashMap<usize, usize> = HashMap::new();
    for (i, c) in a.iter().enumerate().take(ahi).skip(alo) {
        let mut next: HashMap<usize, usize> = HashMap::new();
        if let Some(js) = b2j.get(c) {
            for &j in js {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let k = j
                    .checked_sub(1)
                    .and_then(|p| j2len.get(&p))
                    .copied()
                    .unwrap_or(0)
                    + 1;
                next.insert(j, k);
                if k > bestsize {
                    besti = i + 1 - k;
                    bestj = j + 1 - k;
                    bestsize = k;
                }
            }
        }
        j2len = next;
    }
    // Python extends the block over equal neighbours (junk or not); with
    // no junk the block is already maximal, but the loops are kept so the
    // port stays a port.
    while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
        besti -= 1;
        bestj -= 1;
        bestsize += 1;
    }
    while besti + bestsize < ahi
        && bestj + bestsize < bhi
        && a[besti + bestsize] == b[bestj + bestsize]
    {
        bestsize += 1;
    }
    (besti, bestj, bestsize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: &str, b: &str) -> f64 {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        ratio(&a, &b)
    }

    /// Values printed by Python 3.11:
    /// `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()`.
    #[test]
    fn agrees_with_python() {
        assert_eq!(r("abcd", "bcde"), 0.75);
        assert_eq!(r("", ""), 1.0);
        assert_eq!(r("abc", ""), 0.0);
        // Greedy longest block first: "ab" then nothing left of it.
        assert_eq!(r("abxcd", "cdxab"), 0.4);
        assert_eq!(r("企業誘致の推進", "企業誘致活動の推進"), 0.875);
        assert_eq!(r("private volume", "volume private"), 0.5);
        assert_eq!(
            r("新たな産業用地等の創出", "新たな産業用地の創出"),
            0.9523809523809523
        );
        assert_eq!(r("aaaa", "aa"), 0.6666666666666666);
        assert_eq!(r("abab", "baba"), 0.75);
    }
}
