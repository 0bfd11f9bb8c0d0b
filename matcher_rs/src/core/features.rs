//! Feature extraction: stemmed word n-grams plus character n-grams inside word
//! boundaries (they carry typos and inflections the stemmer misses), TF-IDF weighted
//! with sublinear term frequency, each view L2-normalized on its own.
//!
//! Features are 64-bit hashes of the n-gram text; the vocabulary maps the hashes seen in
//! training to dense ids, so unseen n-grams cost nothing and collisions are negligible.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use super::normalize::tokenize;
use super::stem::Stemmers;

/// How text becomes features. Stored in the model file: a loaded model extracts the
/// features it was trained on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureConfig {
    /// Longest word n-gram (1 = words only, 2 = words and pairs of neighbours).
    pub word_ngrams: usize,
    /// Shortest and longest character n-gram, counted with the padding space at each end.
    pub char_min: usize,
    pub char_max: usize,
    /// Share of each view in the final vector (each view has norm equal to its weight).
    pub word_weight: f32,
    pub char_weight: f32,
    /// Character n-grams run across word boundaries ("card was" gives "d w"), not only
    /// inside each word: they see short phrases the word view splits.
    pub char_across_words: bool,
    /// Unordered pairs of word stems up to this many words apart ("card ... arrived",
    /// "arrived ... card"), a view of their own; 0 turns them off.
    pub pair_window: usize,
    pub pair_weight: f32,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        Self {
            word_ngrams: 2,
            char_min: 2,
            char_max: 5,
            word_weight: 1.0,
            char_weight: 1.0,
            char_across_words: false,
            pair_window: 20,
            pair_weight: 1.0,
        }
    }
}

/// A sparse feature vector: (feature id, value) pairs, ids unique.
pub type SparseVec = Vec<(u32, f32)>;

/// Hasher for keys that already are well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type HashIndex<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

const WORD_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const BIGRAM_SEED: u64 = 0xc2b2_ae3d_27d4_eb4f;
const PAIR_SEED: u64 = 0x27d4_eb2f_1656_67c5;
const CHAR_SEED: u64 = 0x1656_67b1_9e37_79f9;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn hash_str(seed: u64, s: &str) -> u64 {
    let mut h = seed;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    mix(h)
}

/// The n-gram hashes of one text, per view, with repetitions (they count as tf).
#[derive(Debug, Default, Clone)]
pub struct Hashes {
    pub words: Vec<u64>,
    pub chars: Vec<u64>,
    pub pairs: Vec<u64>,
    /// Scratch of `weigh`: a small open-addressing table counting each hash of a view.
    counts: Vec<(u64, u32)>,
}

/// Counts the repetitions of each hash in `view` in `counts` (a table of at least
/// twice `view.len()` slots, a power of two) and calls `each(hash, count)` once per
/// distinct hash, in order of first appearance. A few hundred hashes are counted in
/// the cache, where sorting them cost a sixth of classifying a message.
fn count_distinct(view: &[u64], counts: &mut Vec<(u64, u32)>, mut each: impl FnMut(u64, u32)) {
    let size = (view.len() * 2).max(16).next_power_of_two();
    counts.clear();
    counts.resize(size, (0, 0));
    let mask = size - 1;
    let slot = |counts: &[(u64, u32)], key: u64| {
        let mut i = key as usize & mask;
        while counts[i].0 != key && counts[i].0 != 0 {
            i = (i + 1) & mask;
        }
        i
    };
    for &h in view {
        let key = h.max(1);
        let i = slot(counts, key);
        counts[i] = (key, counts[i].1 + 1);
    }
    for &h in view {
        let i = slot(counts, h.max(1));
        let n = std::mem::take(&mut counts[i].1);
        if n > 0 {
            each(h, n);
        }
    }
}

/// Turns text into feature hashes; cheap to share between threads.
#[derive(Default, Clone)]
pub struct Analyzer {
    pub config: FeatureConfig,
    stemmers: Stemmers,
}

impl Analyzer {
    pub fn new(config: FeatureConfig) -> Self {
        Self {
            config,
            stemmers: Stemmers::default(),
        }
    }

    /// Remembers the stems of every word of `texts` (see `Stemmers`).
    pub fn remember<'a>(&mut self, texts: impl Iterator<Item = &'a str>) {
        for text in texts {
            for token in tokenize(text) {
                self.stemmers.remember(&token.text);
            }
        }
    }

    /// The stems of `text`'s tokens, with the tokens' spans (for entity search).
    pub fn stems(&self, text: &str) -> Vec<(String, usize, usize)> {
        tokenize(text)
            .into_iter()
            .map(|t| (self.stemmers.stem(&t.text).into_owned(), t.start, t.end))
            .collect()
    }

    /// Feature hashes of `text`; with `names`, also a readable name for each hash.
    pub fn hashes(&self, text: &str, out: &mut Hashes, mut names: Option<&mut Vec<(u64, String)>>) {
        out.words.clear();
        out.chars.clear();
        out.pairs.clear();
        let tokens = tokenize(text);
        let stems: Vec<_> = tokens.iter().map(|t| self.stemmers.stem(&t.text)).collect();
        let ids: Vec<u64> = stems.iter().map(|s| hash_str(WORD_SEED, s)).collect();
        for (i, (&h, stem)) in ids.iter().zip(&stems).enumerate() {
            out.words.push(h);
            if let Some(n) = names.as_deref_mut() {
                n.push((h, format!("word:{stem}")));
            }
            if self.config.word_ngrams >= 2 && i > 0 {
                let bh = mix(ids[i - 1].rotate_left(17) ^ h ^ BIGRAM_SEED);
                out.words.push(bh);
                if let Some(n) = names.as_deref_mut() {
                    n.push((bh, format!("words:{} {stem}", stems[i - 1])));
                }
            }
            for j in i.saturating_sub(self.config.pair_window)..i {
                let (a, b) = if ids[j] < h { (ids[j], h) } else { (h, ids[j]) };
                if a == b {
                    continue;
                }
                let ph = mix(a.rotate_left(29) ^ b ^ PAIR_SEED);
                out.pairs.push(ph);
                if let Some(n) = names.as_deref_mut() {
                    n.push((ph, format!("pair:{} + {stem}", stems[j])));
                }
            }
        }
        let mut padded: Vec<char> = Vec::with_capacity(32);
        if self.config.char_across_words {
            padded.push(' ');
            for token in &tokens {
                padded.extend(token.text.chars());
                padded.push(' ');
            }
            self.char_ngrams(&padded, out, names.as_deref_mut());
            return;
        }
        for token in &tokens {
            padded.clear();
            padded.push(' ');
            padded.extend(token.text.chars());
            padded.push(' ');
            self.char_ngrams(&padded, out, names.as_deref_mut());
        }
    }

    fn char_ngrams(
        &self,
        padded: &[char],
        out: &mut Hashes,
        mut names: Option<&mut Vec<(u64, String)>>,
    ) {
        let (lo, hi) = (self.config.char_min.max(1), self.config.char_max);
        for i in 0..padded.len() {
            let mut h = CHAR_SEED;
            for (len, &c) in padded[i..].iter().enumerate().take(hi) {
                h = (h ^ u64::from(c as u32)).wrapping_mul(0x100_0000_01b3);
                if len + 1 >= lo {
                    // A padded token shorter than the n-gram yields the whole token once.
                    let f = mix(h ^ (len as u64 + 1));
                    out.chars.push(f);
                    if let Some(n) = names.as_deref_mut() {
                        let gram: String = padded[i..=i + len].iter().collect();
                        n.push((f, format!("chars:'{gram}'")));
                    }
                }
            }
        }
    }
}

/// The TF-IDF vector of one document: each view's hashes counted (sublinear tf), looked
/// up (`lookup` gives a feature's key and idf; unknown hashes are skipped) and scaled so
/// the view's norm equals its weight.
pub fn weigh<K: Copy>(
    hashes: &mut Hashes,
    config: &FeatureConfig,
    lookup: impl Fn(u64) -> Option<(K, f32)>,
    out: &mut Vec<(K, f32)>,
) {
    out.clear();
    let counts = &mut hashes.counts;
    for (view, weight) in [
        (&hashes.words, config.word_weight),
        (&hashes.chars, config.char_weight),
        (&hashes.pairs, config.pair_weight),
    ] {
        let begin = out.len();
        count_distinct(view, counts, |h, n| {
            if let Some((key, idf)) = lookup(h) {
                let tf = if n == 1 { 1.0 } else { 1.0 + (n as f32).ln() };
                out.push((key, tf * idf));
            }
        });
        let norm: f32 = out[begin..].iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            let scale = weight / norm;
            for (_, v) in &mut out[begin..] {
                *v *= scale;
            }
        }
    }
}

/// The training vocabulary: feature ids and their inverse document frequencies.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    ids: HashIndex<u32>,
    idf: Vec<f32>,
}

impl Vocabulary {
    /// Builds the vocabulary from the hashes of every training document.
    pub fn build(docs: &[Hashes]) -> Self {
        let mut df: HashIndex<u32> = HashIndex::default();
        let mut order: Vec<u64> = Vec::new();
        let mut seen = Vec::new();
        for doc in docs {
            for view in [&doc.words, &doc.chars, &doc.pairs] {
                seen.clear();
                seen.extend_from_slice(view);
                seen.sort_unstable();
                seen.dedup();
                for &h in &seen {
                    let e = df.entry(h).or_insert_with(|| {
                        order.push(h);
                        0
                    });
                    *e += 1;
                }
            }
        }
        let n = docs.len() as f32;
        let mut ids = HashIndex::default();
        ids.reserve(order.len());
        let mut idf = Vec::with_capacity(order.len());
        for (id, h) in order.into_iter().enumerate() {
            ids.insert(h, id as u32);
            idf.push(((1.0 + n) / (1.0 + df[&h] as f32)).ln() + 1.0);
        }
        Self { ids, idf }
    }

    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    pub fn id(&self, hash: u64) -> Option<u32> {
        self.ids.get(&hash).copied()
    }

    /// The TF-IDF vector of one document's hashes (unknown hashes are skipped).
    pub fn vectorize(&self, hashes: &mut Hashes, config: &FeatureConfig, out: &mut SparseVec) {
        weigh(
            hashes,
            config,
            |h| self.id(h).map(|id| (id, self.idf[id as usize])),
            out,
        );
    }

    /// The inverse document frequency of feature `id`.
    pub fn idf(&self, id: u32) -> f32 {
        self.idf[id as usize]
    }

    /// Every (hash, id) pair.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = (u64, u32)> + '_ {
        self.ids.iter().map(|(&h, &id)| (h, id))
    }

    /// Approximate heap size in bytes.
    pub fn size_bytes(&self) -> usize {
        self.ids.capacity() * 16 + self.idf.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(vocab: &Vocabulary, a: &Analyzer, text: &str) -> SparseVec {
        let mut h = Hashes::default();
        a.hashes(text, &mut h, None);
        let mut v = SparseVec::new();
        vocab.vectorize(&mut h, &a.config, &mut v);
        v
    }

    fn docs(a: &Analyzer, texts: &[&str]) -> Vec<Hashes> {
        texts
            .iter()
            .map(|t| {
                let mut h = Hashes::default();
                a.hashes(t, &mut h, None);
                h
            })
            .collect()
    }

    #[test]
    fn each_view_has_its_weight_as_norm() {
        let a = Analyzer::default();
        let vocab = Vocabulary::build(&docs(&a, &["my card is lost", "top up my phone"]));
        let v = vector(&vocab, &a, "my card is lost");
        let norm2: f32 = v.iter().map(|(_, x)| x * x).sum();
        // Three views (words, characters, word pairs), each of norm 1.
        assert!((norm2 - 3.0).abs() < 1e-4, "{norm2}");
    }

    #[test]
    fn unseen_text_has_no_features_and_typos_share_char_grams() {
        let a = Analyzer::default();
        let vocab = Vocabulary::build(&docs(&a, &["tariff"]));
        assert!(vector(&vocab, &a, "").is_empty());
        assert!(vector(&vocab, &a, "!!!").is_empty());
        assert!(!vector(&vocab, &a, "tarif").is_empty());
    }

    #[test]
    fn inflections_share_the_word_feature() {
        let a = Analyzer::default();
        let mut x = Hashes::default();
        let mut y = Hashes::default();
        a.hashes("тарифом", &mut x, None);
        a.hashes("тарифа", &mut y, None);
        assert_eq!(x.words, y.words);
    }

    #[test]
    fn names_cover_every_hash() {
        let a = Analyzer::default();
        let mut h = Hashes::default();
        let mut names = Vec::new();
        a.hashes("lost card", &mut h, Some(&mut names));
        assert_eq!(names.len(), h.words.len() + h.chars.len() + h.pairs.len());
        assert!(names.iter().any(|(_, n)| n == "words:lost card"));
    }
}
