//! Topic entities: catalogs of values with synonyms (a tariff, a city, a country), found in
//! the stemmed text by one Aho-Corasick automaton, so inflected forms match ("в
//! Екатеринбурге", "тарифом Мой онлайн"). Each hit points back into the original text.

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use super::error::{MatcherError, Result};
use super::features::Analyzer;

/// One canonical value of an entity kind and the phrases that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityValue {
    pub kind: String,
    pub value: String,
    pub synonyms: Vec<String>,
}

/// A value found in a text: byte span in the original text and the canonical value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityHit {
    pub kind: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// The compiled catalog. Only `values` is stored; the automaton is rebuilt on load.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    values: Vec<EntityValue>,
    /// Pattern i names `values[owner[i]]`.
    owner: Vec<u32>,
    automaton: Option<AhoCorasick>,
}

fn stemmed_phrase(analyzer: &Analyzer, phrase: &str) -> String {
    let mut out = String::new();
    for (stem, _, _) in analyzer.stems(phrase) {
        out.push(' ');
        out.push_str(&stem);
    }
    out
}

impl EntityIndex {
    /// Compiles the catalog; the value itself always counts as one of its synonyms.
    pub fn build(values: Vec<EntityValue>, analyzer: &Analyzer) -> Result<Self> {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, v) in values.iter().enumerate() {
            if v.kind.is_empty() || v.value.is_empty() {
                return Err(MatcherError::InvalidArgument(
                    "an entity kind or value is empty".into(),
                ));
            }
            for phrase in std::iter::once(&v.value).chain(&v.synonyms) {
                let p = stemmed_phrase(analyzer, phrase);
                if !p.is_empty() {
                    patterns.push(p);
                    owner.push(i as u32);
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::new(&patterns)
                    .map_err(|e| MatcherError::InvalidArgument(e.to_string()))?,
            )
        };
        Ok(Self {
            values,
            owner,
            automaton,
        })
    }

    pub fn values(&self) -> &[EntityValue] {
        &self.values
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every catalog value named in `text`, left to right; overlapping hits keep the
    /// longest.
    pub fn find(&self, analyzer: &Analyzer, text: &str) -> Vec<EntityHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let stems = analyzer.stems(text);
        let mut haystack = String::new();
        let mut starts = Vec::with_capacity(stems.len());
        let mut ends = Vec::with_capacity(stems.len());
        for (stem, _, _) in &stems {
            starts.push(haystack.len());
            haystack.push(' ');
            haystack.push_str(stem);
            ends.push(haystack.len());
        }
        haystack.push(' ');
        let mut hits: Vec<(usize, usize, u32)> = automaton
            .find_overlapping_iter(&haystack)
            .filter(|m| haystack.as_bytes()[m.end()] == b' ')
            .filter_map(|m| {
                let first = starts.binary_search(&m.start()).ok()?;
                let last = ends.binary_search(&m.end()).ok()?;
                Some((first, last, self.owner[m.pattern().as_usize()]))
            })
            .collect();
        hits.sort_by_key(|&(first, last, _)| (first, std::cmp::Reverse(last)));
        let mut out = Vec::new();
        let mut next_free = 0;
        for (first, last, value) in hits {
            if first < next_free {
                continue;
            }
            next_free = last + 1;
            let v = &self.values[value as usize];
            out.push(EntityHit {
                kind: v.kind.clone(),
                value: v.value.clone(),
                start: stems[first].1,
                end: stems[last].2,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Vec<EntityValue> {
        let v = |kind: &str, value: &str, syn: &[&str]| EntityValue {
            kind: kind.into(),
            value: value.into(),
            synonyms: syn.iter().map(|s| s.to_string()).collect(),
        };
        vec![
            v("tariff", "Мой онлайн", &[]),
            v("tariff", "Мой онлайн+", &["мой онлайн плюс"]),
            v("city", "Екатеринбург", &["Ебург", "Екб"]),
            v("country", "Турция", &[]),
        ]
    }

    #[test]
    fn finds_inflected_forms_with_original_spans() {
        let a = Analyzer::default();
        let index = EntityIndex::build(catalog(), &a).unwrap();
        let text = "Роуминг в Турции, я в Екатеринбурге на тарифе Мой Онлайн";
        let hits = index.find(&a, text);
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (h.value.as_str(), &text[h.start..h.end]))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Турция", "Турции"),
                ("Екатеринбург", "Екатеринбурге"),
                ("Мой онлайн", "Мой Онлайн")
            ]
        );
    }

    #[test]
    fn prefers_the_longest_phrase_and_respects_word_boundaries() {
        let a = Analyzer::default();
        let index = EntityIndex::build(catalog(), &a).unwrap();
        let hits = index.find(&a, "перейти на тариф мой онлайн плюс из Ебурга");
        let values: Vec<&str> = hits.iter().map(|h| h.value.as_str()).collect();
        assert_eq!(values, vec!["Мой онлайн+", "Екатеринбург"]);
        assert!(index.find(&a, "екбшный").is_empty());
    }

    #[test]
    fn empty_catalog_finds_nothing() {
        let a = Analyzer::default();
        let index = EntityIndex::build(Vec::new(), &a).unwrap();
        assert!(index.find(&a, "Турция").is_empty());
    }
}
