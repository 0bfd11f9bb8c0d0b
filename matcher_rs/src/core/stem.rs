//! Snowball stemming, Russian for Cyrillic words and English for Latin ones, so that
//! "тарифом" and "тарифа", "cards" and "card" become one feature.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};

/// FNV-1a with a final mix: fast for the short words the stem cache holds.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        let z = (self.0 ^ (self.0 >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z ^ (z >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// Stems tokens in Russian or English by their script; others pass through unchanged.
/// Words seen in training are stemmed once and remembered: a lookup costs a tenth of
/// running the Snowball stemmer on every message.
pub struct Stemmers {
    russian: Stemmer,
    english: Stemmer,
    known: HashMap<String, String, BuildHasherDefault<WordHasher>>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Self {
            russian: Stemmer::create(Algorithm::Russian),
            english: Stemmer::create(Algorithm::English),
            known: HashMap::default(),
        }
    }
}

impl Clone for Stemmers {
    fn clone(&self) -> Self {
        Self {
            known: self.known.clone(),
            ..Self::default()
        }
    }
}

impl Stemmers {
    /// Remembers the stem of `token` (a normalized token).
    pub fn remember(&mut self, token: &str) {
        if !self.known.contains_key(token) {
            let stem = self.stem_uncached(token).into_owned();
            self.known.insert(token.to_owned(), stem);
        }
    }

    pub fn n_known(&self) -> usize {
        self.known.len()
    }

    /// The stem of one normalized token.
    pub fn stem<'a>(&'a self, token: &'a str) -> Cow<'a, str> {
        match self.known.get(token) {
            Some(stem) => Cow::Borrowed(stem.as_str()),
            None => self.stem_uncached(token),
        }
    }

    fn stem_uncached<'a>(&self, token: &'a str) -> Cow<'a, str> {
        if token.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
            self.russian.stem(token)
        } else if token.bytes().any(|b| b.is_ascii_alphabetic()) {
            self.english.stem(token)
        } else {
            Cow::Borrowed(token)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_russian_inflections_together() {
        let s = Stemmers::default();
        assert_eq!(s.stem("екатеринбурге"), s.stem("екатеринбург"));
        assert_eq!(s.stem("тарифом"), s.stem("тарифа"));
    }

    #[test]
    fn remembered_words_stem_the_same() {
        let mut s = Stemmers::default();
        let fresh = s.stem("тарифами").into_owned();
        s.remember("тарифами");
        assert_eq!(s.n_known(), 1);
        assert_eq!(s.stem("тарифами"), fresh);
        assert_eq!(s.clone().stem("тарифами"), fresh);
    }

    #[test]
    fn stems_english_and_keeps_numbers() {
        let s = Stemmers::default();
        assert_eq!(s.stem("cards"), "card");
        assert_eq!(s.stem("#3"), "#3");
    }
}
