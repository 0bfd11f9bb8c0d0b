//! `Matcher`: training, classification, incremental learning with an atomic model swap,
//! and the model file.
//!
//! Classification reads the live model through an `ArcSwap`: a reader gets the whole old
//! model or the whole new one, never blocks on a rebuild, and never sees a half-built one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use pyo3::prelude::*;
use rayon::prelude::*;

use super::errors::{to_py, MatcherError};
use super::results::Classification;
use crate::core::calibrate::Calibration;
use crate::core::entities::EntityValue;
use crate::core::features::FeatureConfig;
use crate::core::matcher::Matcher;
use crate::core::model::TrainConfig;
use crate::core::svm::Loss;

/// Examples waiting for the background rebuild, and its state.
#[derive(Default)]
struct Learner {
    pending: Vec<(String, String)>,
    running: bool,
    swaps: u64,
    error: Option<String>,
}

type Shared = Arc<(Mutex<Learner>, Condvar)>;

/// An intent and topic matcher. Thread-safe: classify from any number of threads while
/// examples are added.
#[pyclass(frozen, name = "Matcher", module = "matcher_rs")]
pub struct PyMatcher {
    live: Arc<ArcSwap<Matcher>>,
    learner: Shared,
}

fn catalog(entities: Option<BTreeMap<String, BTreeMap<String, Vec<String>>>>) -> Vec<EntityValue> {
    let mut out = Vec::new();
    for (kind, values) in entities.unwrap_or_default() {
        for (value, synonyms) in values {
            out.push(EntityValue {
                kind: kind.clone(),
                value,
                synonyms,
            });
        }
    }
    out
}

fn progress_fn(callback: Option<Py<PyAny>>) -> impl Fn(usize, usize) + Sync {
    move |done, total| {
        if let Some(cb) = &callback {
            // A failing progress callback must not abort training; its error is dropped.
            Python::attach(|py| {
                let _ = cb.call1(py, (done, total));
            });
        }
    }
}

impl PyMatcher {
    fn wrap(matcher: Matcher) -> Self {
        Self {
            live: Arc::new(ArcSwap::from_pointee(matcher)),
            learner: Arc::default(),
        }
    }

    /// Runs rebuilds until no examples are pending; one such thread at a time.
    fn rebuild_loop(live: Arc<ArcSwap<Matcher>>, learner: Shared) {
        let (lock, done) = &*learner;
        loop {
            let batch = {
                let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
                if state.pending.is_empty() {
                    state.running = false;
                    done.notify_all();
                    return;
                }
                std::mem::take(&mut state.pending)
            };
            let rebuilt = live.load().with_examples(&batch, &|_, _| {});
            let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
            match rebuilt {
                Ok(mut matcher) => {
                    // Keep a calibration set while this rebuild ran.
                    matcher.set_calibration(live.load().calibration());
                    live.store(Arc::new(matcher));
                    state.swaps += 1;
                }
                Err(e) => state.error = Some(e.to_string()),
            }
        }
    }
}

#[pymethods]
impl PyMatcher {
    /// Trains a matcher from (text, label) pairs and an entity catalog
    /// {kind: {canonical value: [synonyms]}}.
    #[staticmethod]
    #[pyo3(signature = (examples, entities=None, *, c=1.0, word_ngrams=2, char_min=2, char_max=5, word_weight=1.0, char_weight=1.0, char_across_words=false, pair_window=20, pair_weight=1.0, eps=0.1, prune=0.02, loss="hinge", progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn train(
        py: Python<'_>,
        examples: Vec<(String, String)>,
        entities: Option<BTreeMap<String, BTreeMap<String, Vec<String>>>>,
        c: f64,
        word_ngrams: usize,
        char_min: usize,
        char_max: usize,
        word_weight: f32,
        char_weight: f32,
        char_across_words: bool,
        pair_window: usize,
        pair_weight: f32,
        eps: f64,
        prune: f32,
        loss: &str,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        if char_min == 0 || char_min > char_max || word_ngrams == 0 || word_ngrams > 2 {
            return Err(MatcherError::new_err(
                "need 1 <= char_min <= char_max and word_ngrams in 1..2",
            ));
        }
        let loss = match loss {
            "hinge" => Loss::Hinge,
            "squared_hinge" => Loss::SquaredHinge,
            other => {
                return Err(MatcherError::new_err(format!(
                    "loss must be 'hinge' or 'squared_hinge', got {other:?}"
                )))
            }
        };
        let config = TrainConfig {
            features: FeatureConfig {
                word_ngrams,
                char_min,
                char_max,
                word_weight,
                char_weight,
                char_across_words,
                pair_window,
                pair_weight,
            },
            c,
            eps,
            prune,
            loss,
            ..TrainConfig::default()
        };
        let catalog = catalog(entities);
        let on_progress = progress_fn(progress);
        let matcher = py
            .detach(|| Matcher::train(examples, catalog, config, &on_progress))
            .map_err(to_py)?;
        Ok(Self::wrap(matcher))
    }

    /// Reads a model file written by `save`.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let matcher = py.detach(|| Matcher::load(&path)).map_err(to_py)?;
        Ok(Self::wrap(matcher))
    }

    /// Writes the model (with its examples and catalog) to `path`, atomically.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let matcher = self.live.load_full();
        py.detach(|| matcher.save(&path)).map_err(to_py)
    }

    #[pyo3(signature = (text, top_k=3))]
    fn classify(&self, py: Python<'_>, text: &str, top_k: usize) -> Classification {
        let matcher = self.live.load_full();
        // Short texts are done before a GIL hand-off would pay for itself.
        if text.len() <= 512 {
            let c = matcher.classify(text, top_k);
            return Classification::new(&matcher, text, c);
        }
        py.detach(|| {
            let c = matcher.classify(text, top_k);
            Classification::new(&matcher, text, c)
        })
    }

    /// Classifies many texts in parallel, without the GIL.
    #[pyo3(signature = (texts, top_k=3))]
    fn classify_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        top_k: usize,
    ) -> Vec<Classification> {
        let matcher = self.live.load_full();
        py.detach(|| {
            texts
                .par_iter()
                .map(|t| Classification::new(&matcher, t, matcher.classify(t, top_k)))
                .collect()
        })
    }

    /// The label the explanation is for and the terms that moved its score most, with
    /// their contributions (positive pushed towards the label).
    #[pyo3(signature = (text, label=None, top_n=10))]
    fn explain(
        &self,
        py: Python<'_>,
        text: String,
        label: Option<String>,
        top_n: usize,
    ) -> PyResult<(String, Vec<(String, f32)>)> {
        let matcher = self.live.load_full();
        py.detach(|| matcher.explain(&text, label.as_deref(), top_n))
            .map_err(to_py)
    }

    /// Fits the confidence temperature on held-out (text, label) pairs and, when some
    /// labels are None (out of scope), the out-of-scope threshold. Returns both.
    fn calibrate(
        &self,
        py: Python<'_>,
        examples: Vec<(String, Option<String>)>,
    ) -> PyResult<(f32, f32)> {
        let (lock, _) = &*self.learner;
        py.detach(|| {
            let _state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let mut matcher = Matcher::clone(&self.live.load());
            let c = matcher.calibrate(&examples)?;
            self.live.store(Arc::new(matcher));
            Ok((c.temperature, c.threshold))
        })
        .map_err(to_py)
    }

    /// Confidence under which a text is out of scope (0 = never).
    #[getter]
    fn threshold(&self) -> f32 {
        self.live.load().calibration().threshold
    }

    #[setter]
    fn set_threshold(&self, py: Python<'_>, value: f32) -> PyResult<()> {
        if !(0.0..=1.0).contains(&value) {
            return Err(MatcherError::new_err(format!(
                "threshold must be in [0, 1], got {value}"
            )));
        }
        let (lock, _) = &*self.learner;
        py.detach(|| {
            let _state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let mut matcher = Matcher::clone(&self.live.load());
            matcher.set_calibration(Calibration {
                threshold: value,
                ..matcher.calibration()
            });
            self.live.store(Arc::new(matcher));
        });
        Ok(())
    }

    #[getter]
    fn temperature(&self) -> f32 {
        self.live.load().calibration().temperature
    }

    #[getter]
    fn labels(&self) -> Vec<String> {
        self.live.load().labels().to_vec()
    }

    /// Adds examples and rebuilds the model in the background; classification keeps
    /// using the current model until the new one is swapped in whole.
    fn add_examples(&self, examples: Vec<(String, String)>) -> PyResult<()> {
        if examples.iter().any(|(_, l)| l.is_empty()) {
            return Err(MatcherError::new_err("a label is empty"));
        }
        if examples.is_empty() {
            return Ok(());
        }
        let (lock, _) = &*self.learner;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        state.pending.extend(examples);
        if !state.running {
            state.running = true;
            let (live, learner) = (self.live.clone(), self.learner.clone());
            std::thread::spawn(move || Self::rebuild_loop(live, learner));
        }
        Ok(())
    }

    /// Waits until pending examples are built in (or `timeout` seconds pass); returns
    /// True when idle. Raises if a background rebuild failed.
    #[pyo3(signature = (timeout=None))]
    fn wait_until_idle(&self, py: Python<'_>, timeout: Option<f64>) -> PyResult<bool> {
        let (lock, done) = &*self.learner;
        let (idle, error) = py.detach(|| {
            let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let deadline =
                timeout.map(|t| std::time::Instant::now() + Duration::from_secs_f64(t.max(0.0)));
            while state.running {
                match deadline {
                    None => state = done.wait(state).unwrap_or_else(|e| e.into_inner()),
                    Some(d) => {
                        let now = std::time::Instant::now();
                        if now >= d {
                            break;
                        }
                        state = done
                            .wait_timeout(state, d - now)
                            .unwrap_or_else(|e| e.into_inner())
                            .0;
                    }
                }
            }
            (!state.running, state.error.take())
        });
        match error {
            Some(e) => Err(MatcherError::new_err(format!(
                "background rebuild failed: {e}"
            ))),
            None => Ok(idle),
        }
    }

    /// How many times a background rebuild has swapped in a new model.
    #[getter]
    fn generation(&self) -> u64 {
        self.learner
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .swaps
    }

    /// Model size and counts: n_intents, n_examples, n_features, n_weights,
    /// n_entity_values, size_bytes.
    fn stats(&self) -> BTreeMap<&'static str, usize> {
        let s = self.live.load().stats();
        BTreeMap::from([
            ("n_intents", s.n_intents),
            ("n_examples", s.n_examples),
            ("n_features", s.n_features),
            ("n_weights", s.n_weights),
            ("n_entity_values", s.n_entity_values),
            ("size_bytes", s.size_bytes),
        ])
    }

    fn __repr__(&self) -> String {
        let s = self.live.load().stats();
        format!(
            "Matcher(n_intents={}, n_examples={}, size_bytes={})",
            s.n_intents, s.n_examples, s.size_bytes
        )
    }
}
