//! Result objects. They hold Rust data and build Python objects only when a field is
//! read, so a classification costs one allocation on the Python side.

use pyo3::prelude::*;

use crate::core::matcher::{Classification as CoreClassification, Matcher};

/// One ranked intent.
#[pyclass(frozen, module = "matcher_rs", get_all)]
#[derive(Clone)]
pub struct Candidate {
    /// The intent label.
    pub label: String,
    /// Calibrated confidence in [0, 1].
    pub confidence: f32,
    /// The raw one-vs-rest SVM score.
    pub score: f32,
}

#[pymethods]
impl Candidate {
    fn __repr__(&self) -> String {
        format!(
            "Candidate(label={:?}, confidence={:.4}, score={:.4})",
            self.label, self.confidence, self.score
        )
    }
}

/// A catalog value named in the text; `start`/`end` index the original string.
#[pyclass(frozen, module = "matcher_rs", get_all)]
#[derive(Clone)]
pub struct Entity {
    pub kind: String,
    pub value: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[pymethods]
impl Entity {
    fn __repr__(&self) -> String {
        format!(
            "Entity(kind={:?}, value={:?}, text={:?}, start={}, end={})",
            self.kind, self.value, self.text, self.start, self.end
        )
    }
}

/// The matcher's answer for one text.
#[pyclass(frozen, module = "matcher_rs")]
pub struct Classification {
    candidates: Vec<Candidate>,
    entities: Vec<Entity>,
    margin: f32,
    out_of_scope: bool,
}

impl Classification {
    pub fn new(matcher: &Matcher, text: &str, c: CoreClassification) -> Self {
        let candidates = c
            .prediction
            .candidates
            .iter()
            .map(|s| Candidate {
                label: matcher.label(s.class).to_owned(),
                confidence: s.confidence,
                score: s.score,
            })
            .collect();
        let char_at = |byte: usize| text[..byte].chars().count();
        let entities = c
            .entities
            .into_iter()
            .map(|h| Entity {
                text: text[h.start..h.end].to_owned(),
                start: char_at(h.start),
                end: char_at(h.end),
                kind: h.kind,
                value: h.value,
            })
            .collect();
        Self {
            candidates,
            entities,
            margin: c.prediction.margin,
            out_of_scope: c.prediction.out_of_scope,
        }
    }
}

#[pymethods]
impl Classification {
    /// The best intent, or None when the text is out of scope.
    #[getter]
    fn label(&self) -> Option<String> {
        (!self.out_of_scope).then(|| self.candidates[0].label.clone())
    }

    /// The best intent even when the text is out of scope.
    #[getter]
    fn top_label(&self) -> String {
        self.candidates[0].label.clone()
    }

    #[getter]
    fn confidence(&self) -> f32 {
        self.candidates[0].confidence
    }

    #[getter]
    fn margin(&self) -> f32 {
        self.margin
    }

    #[getter]
    fn out_of_scope(&self) -> bool {
        self.out_of_scope
    }

    #[getter]
    fn candidates(&self) -> Vec<Candidate> {
        self.candidates.clone()
    }

    #[getter]
    fn entities(&self) -> Vec<Entity> {
        self.entities.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "Classification(top_label={:?}, confidence={:.4}, margin={:.4}, out_of_scope={}, entities={})",
            self.candidates[0].label,
            self.candidates[0].confidence,
            self.margin,
            self.out_of_scope,
            self.entities.len()
        )
    }
}
