//! The matcher: intent model, entity catalog and the examples both were built from, so it
//! can be retrained with more examples and saved to restart without retraining.

use serde::{Deserialize, Serialize};

use super::calibrate::Calibration;
use super::entities::{EntityHit, EntityIndex, EntityValue};
use super::error::{MatcherError, Result};
use super::features::Analyzer;
use super::model::{IntentModel, Prediction, TrainConfig};

/// What is written to a model file (the automaton and analyzer are rebuilt on load).
#[derive(Serialize, Deserialize)]
pub(crate) struct Stored {
    pub config: TrainConfig,
    pub examples: Vec<(String, String)>,
    pub catalog: Vec<EntityValue>,
    pub model: IntentModel,
}

/// The answer for one text: ranked intents and the entities it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub prediction: Prediction,
    pub entities: Vec<EntityHit>,
}

/// Sizes and counts, for monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub n_intents: usize,
    pub n_examples: usize,
    pub n_features: usize,
    pub n_weights: usize,
    pub n_entity_values: usize,
    pub size_bytes: usize,
}

pub struct Matcher {
    config: TrainConfig,
    examples: Vec<(String, String)>,
    model: IntentModel,
    entities: EntityIndex,
    analyzer: Analyzer,
}

impl Clone for Matcher {
    fn clone(&self) -> Self {
        Self {
            config: self.config.clone(),
            examples: self.examples.clone(),
            model: self.model.clone(),
            entities: self.entities.clone(),
            analyzer: self.analyzer.clone(),
        }
    }
}

impl Matcher {
    /// Trains on `(text, label)` examples with an entity catalog.
    pub fn train(
        examples: Vec<(String, String)>,
        catalog: Vec<EntityValue>,
        config: TrainConfig,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Self> {
        let model = IntentModel::train(&examples, &config, progress)?;
        Self::assemble(Stored {
            config,
            examples,
            catalog,
            model,
        })
    }

    pub(crate) fn assemble(stored: Stored) -> Result<Self> {
        let mut analyzer = Analyzer::new(stored.model.feature_config().clone());
        analyzer.remember(stored.examples.iter().map(|(t, _)| t.as_str()));
        let entities = EntityIndex::build(stored.catalog, &analyzer)?;
        Ok(Self {
            config: stored.config,
            examples: stored.examples,
            model: stored.model,
            entities,
            analyzer,
        })
    }

    pub(crate) fn stored(&self) -> Stored {
        Stored {
            config: self.config.clone(),
            examples: self.examples.clone(),
            catalog: self.entities.values().to_vec(),
            model: self.model.clone(),
        }
    }

    /// A new matcher trained on these examples plus `more`, keeping the calibration.
    pub fn with_examples(
        &self,
        more: &[(String, String)],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Self> {
        if more.iter().any(|(_, l)| l.is_empty()) {
            return Err(MatcherError::InvalidArgument("a label is empty".into()));
        }
        let mut examples = self.examples.clone();
        examples.extend_from_slice(more);
        let mut model = IntentModel::train(&examples, &self.config, progress)?;
        model.calibration = self.model.calibration;
        Ok(Self {
            config: self.config.clone(),
            examples,
            model,
            entities: self.entities.clone(),
            analyzer: {
                let mut analyzer = self.analyzer.clone();
                analyzer.remember(more.iter().map(|(t, _)| t.as_str()));
                analyzer
            },
        })
    }

    pub fn classify(&self, text: &str, top_k: usize) -> Classification {
        Classification {
            prediction: self.model.predict(&self.analyzer, text, top_k),
            entities: self.entities.find(&self.analyzer, text),
        }
    }

    pub fn labels(&self) -> &[String] {
        self.model.labels()
    }

    pub fn label(&self, class: u32) -> &str {
        &self.model.labels()[class as usize]
    }

    /// Terms that moved `label`'s score (the best label when `None`).
    pub fn explain(
        &self,
        text: &str,
        label: Option<&str>,
        top_n: usize,
    ) -> Result<(String, Vec<(String, f32)>)> {
        let class = match label {
            Some(l) => self
                .model
                .class_of(l)
                .ok_or_else(|| MatcherError::InvalidArgument(format!("unknown label {l:?}")))?,
            None => self.model.predict(&self.analyzer, text, 1).candidates[0].class,
        };
        Ok((
            self.label(class).to_owned(),
            self.model.explain(&self.analyzer, text, class, top_n),
        ))
    }

    /// Fits confidence calibration on held-out examples; `None` labels are out of scope.
    pub fn calibrate(&mut self, examples: &[(String, Option<String>)]) -> Result<Calibration> {
        self.model.calibrate(&self.analyzer, examples)
    }

    pub fn calibration(&self) -> Calibration {
        self.model.calibration
    }

    pub fn set_calibration(&mut self, calibration: Calibration) {
        self.model.calibration = calibration;
    }

    pub fn stats(&self) -> Stats {
        Stats {
            n_intents: self.model.labels().len(),
            n_examples: self.examples.len(),
            n_features: self.model.n_features(),
            n_weights: self.model.n_weights(),
            n_entity_values: self.entities.len(),
            size_bytes: self.model.size_bytes()
                + self
                    .examples
                    .iter()
                    .map(|(t, l)| t.len() + l.len() + 48)
                    .sum::<usize>(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn tiny() -> Matcher {
        let examples = [
            ("where is my card", "card"),
            ("card not delivered", "card"),
            ("top up balance", "top_up"),
            ("add money please", "top_up"),
        ];
        let catalog = vec![EntityValue {
            kind: "city".into(),
            value: "Екатеринбург".into(),
            synonyms: vec!["Ебург".into()],
        }];
        let examples = examples
            .iter()
            .map(|(t, l)| (t.to_string(), l.to_string()))
            .collect();
        Matcher::train(examples, catalog, TrainConfig::default(), &|_, _| {}).unwrap()
    }

    #[test]
    fn classifies_and_finds_entities_together() {
        let m = tiny();
        let c = m.classify("my card in Ебурге", 2);
        assert_eq!(m.label(c.prediction.candidates[0].class), "card");
        assert_eq!(c.entities[0].value, "Екатеринбург");
    }

    #[test]
    fn more_examples_add_a_label_and_keep_calibration() {
        let mut m = tiny();
        m.set_calibration(Calibration {
            temperature: 3.0,
            scope_temperature: 1.0,
            threshold: 0.1,
        });
        let more = vec![("roaming abroad".to_string(), "roaming".to_string())];
        let m2 = m.with_examples(&more, &|_, _| {}).unwrap();
        assert_eq!(m2.labels().len(), 3);
        assert_eq!(m2.stats().n_examples, 5);
        assert_eq!(m2.calibration().temperature, 3.0);
    }

    #[test]
    fn explain_refuses_unknown_label() {
        assert!(matches!(
            tiny().explain("x", Some("nope"), 5),
            Err(MatcherError::InvalidArgument(_))
        ));
    }
}
