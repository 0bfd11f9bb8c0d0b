//! The intent model: vocabulary, one-vs-rest linear SVM weights stored feature-major and
//! pruned (a message touches only the rows of its own features), and the calibration that
//! turns scores into a confidence and an out-of-scope decision.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::calibrate::Calibration;
use super::error::{MatcherError, Result};
use super::features::{weigh, Analyzer, FeatureConfig, Hashes, SparseVec, Vocabulary};
use super::simd::add_scaled;
use super::svm::{train_one_vs_rest, Loss, Rows, SvmConfig};
use super::table::{prefetch, FeatureTable};

/// Training settings. The defaults were chosen on validation splits carved from training
/// data (see benchmarks/README.md), never on a test split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub features: FeatureConfig,
    /// Inverse regularization strength of the SVM.
    pub c: f64,
    /// Solver tolerance and iteration cap.
    pub eps: f64,
    pub max_iter: usize,
    /// Weights smaller than this are dropped after training: they barely move a score
    /// but would dominate the model's size and time with many intents.
    pub prune: f32,
    pub loss: Loss,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            features: FeatureConfig::default(),
            c: 1.0,
            eps: 0.1,
            max_iter: 200,
            prune: 0.02,
            loss: Loss::Hinge,
        }
    }
}

/// One ranked candidate: a class, its raw SVM score and its calibrated confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub class: u32,
    pub score: f32,
    pub confidence: f32,
}

/// The model's answer for one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Best first, at most `top_k`.
    pub candidates: Vec<Scored>,
    /// Confidence of the best candidate minus that of the second.
    pub margin: f32,
    /// True when the scope score is under the calibrated threshold (see `Calibration`).
    pub out_of_scope: bool,
}

impl Prediction {
    pub fn confidence(&self) -> f32 {
        self.candidates.first().map_or(0.0, |c| c.confidence)
    }
}

struct Row<'a> {
    classes: &'a [u16],
    weights: &'a [f32],
}

/// Rows with at least this share of classes non-zero are stored dense: a class id costs
/// half a weight, and a dense row is added without indirection.
const DENSE_SHARE: usize = 3;

type Sparse = (Vec<(u32, f32)>, f32);

/// What the model knows of one feature, found with one hash lookup: its idf, its shift
/// (see `feature_major`) and where its row of class weights lies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    start: u32,
    /// Row length; the top bit marks a dense row (one weight per class, no class ids).
    len: u32,
    idf: f32,
    shift: f32,
}

const DENSE_BIT: u32 = 1 << 31;

impl Feature {
    fn is_dense(&self) -> bool {
        self.len & DENSE_BIT != 0
    }

    fn span(&self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + (self.len & !DENSE_BIT) as usize
    }
}

/// A text as the model sees it: its features and their TF-IDF values.
pub type Features = Vec<(Feature, f32)>;

thread_local! {
    /// Buffers `predict` reuses, so classifying a message allocates only its answer.
    static SCRATCH: std::cell::RefCell<(Hashes, Features, Vec<f32>)> = Default::default();
}

struct WeightRows {
    /// Per feature id: the feature without its idf.
    features: Vec<Feature>,
    classes: Vec<u16>,
    weights: Vec<f32>,
}

/// Turns per-class sparse weights into feature-major rows. A feature that most classes
/// weigh (a common word, a frequent character n-gram) gets its median weight as a shift
/// added to every class at once; only the residuals that matter stay in its row. The
/// shift moves all scores of a text alike, so ranking and confidence keep exact.
fn feature_major(sparse: &[Sparse], n_classes: usize, n_features: usize, prune: f32) -> WeightRows {
    let mut by_feature: Vec<Vec<(u16, f32)>> = vec![Vec::new(); n_features];
    for (class, (kept, _)) in sparse.iter().enumerate() {
        for &(f, w) in kept {
            by_feature[f as usize].push((class as u16, w));
        }
    }
    let mut rows = WeightRows {
        features: Vec::with_capacity(n_features),
        classes: Vec::new(),
        weights: Vec::new(),
    };
    let mut full = vec![0f32; n_classes];
    for row in by_feature.iter_mut() {
        let mut shift = 0.0;
        if row.len() * 2 >= n_classes {
            full.iter_mut().for_each(|w| *w = 0.0);
            for &(c, w) in row.iter() {
                full[c as usize] = w;
            }
            let mut sorted = full.clone();
            sorted.sort_unstable_by(f32::total_cmp);
            shift = sorted[n_classes / 2];
            row.clear();
            row.extend(
                full.iter()
                    .enumerate()
                    .map(|(c, &w)| (c as u16, w - shift))
                    .filter(|(_, r)| r.abs() >= prune),
            );
        }
        let start = rows.weights.len() as u32;
        let dense = row.len() * DENSE_SHARE >= n_classes;
        if dense {
            let at = rows.weights.len();
            rows.weights.resize(at + n_classes, 0.0);
            rows.classes.resize(at + n_classes, 0);
            for &(c, w) in row.iter() {
                rows.weights[at + c as usize] = w;
            }
        } else {
            for &(c, w) in row.iter() {
                rows.classes.push(c);
                rows.weights.push(w);
            }
        }
        let len = rows.weights.len() as u32 - start;
        rows.features.push(Feature {
            start,
            len: if dense { len | DENSE_BIT } else { len },
            idf: 0.0,
            shift,
        });
    }
    rows
}

/// A trained intent classifier.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IntentModel {
    labels: Vec<String>,
    features: FeatureConfig,
    /// Feature hash to everything scoring needs of it, so a feature costs one lookup.
    index: FeatureTable<Feature>,
    /// Class ids of sparse rows (padding under dense rows, so one span serves both).
    classes: Vec<u16>,
    weights: Vec<f32>,
    biases: Vec<f32>,
    pub calibration: Calibration,
}

impl IntentModel {
    /// Trains on `(text, label)` pairs; `progress(done, total)` is called as classes finish.
    pub fn train(
        examples: &[(String, String)],
        config: &TrainConfig,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Self> {
        if examples.is_empty() {
            return Err(MatcherError::EmptyTrainingSet);
        }
        if !(config.c > 0.0 && config.c.is_finite()) {
            return Err(MatcherError::InvalidArgument(format!(
                "c must be positive, got {}",
                config.c
            )));
        }
        let mut labels: Vec<String> = examples.iter().map(|(_, l)| l.clone()).collect();
        labels.sort();
        labels.dedup();
        if labels.iter().any(String::is_empty) {
            return Err(MatcherError::InvalidArgument("a label is empty".into()));
        }
        if labels.len() < 2 {
            return Err(MatcherError::SingleClass(labels.swap_remove(0)));
        }
        if labels.len() > usize::from(u16::MAX) {
            return Err(MatcherError::InvalidArgument(format!(
                "too many labels: {}",
                labels.len()
            )));
        }
        let targets: Vec<u32> = examples
            .iter()
            .map(|(_, l)| labels.binary_search(l).expect("label listed") as u32)
            .collect();
        let analyzer = Analyzer::new(config.features.clone());
        let mut docs: Vec<Hashes> = examples
            .par_iter()
            .map(|(text, _)| {
                let mut h = Hashes::default();
                analyzer.hashes(text, &mut h, None);
                h
            })
            .collect();
        let vocab = Vocabulary::build(&docs);
        let vectors: Vec<SparseVec> = docs
            .par_iter_mut()
            .map(|h| {
                let mut v = SparseVec::new();
                vocab.vectorize(h, &config.features, &mut v);
                v
            })
            .collect();
        drop(docs);
        let rows = Rows::from_vectors(&vectors);
        drop(vectors);
        let n_classes = labels.len();
        let n_features = vocab.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        progress(0, n_classes);
        let svm = SvmConfig {
            c: config.c,
            eps: config.eps,
            max_iter: config.max_iter,
            loss: config.loss,
        };
        let prune = config.prune;
        let sparse =
            train_one_vs_rest(&rows, &targets, n_classes, n_features, svm, &|_, binary| {
                let kept: Vec<(u32, f32)> = binary
                    .weights
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.abs() >= prune)
                    .map(|(f, &w)| (f as u32, w))
                    .collect();
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, n_classes);
                (kept, binary.bias)
            });
        let WeightRows {
            features,
            classes,
            weights,
        } = feature_major(&sparse, n_classes, n_features, prune);
        let index = FeatureTable::from_entries(vocab.entries().map(|(hash, id)| {
            (
                hash,
                Feature {
                    idf: vocab.idf(id),
                    ..features[id as usize]
                },
            )
        }));
        let biases = sparse.iter().map(|(_, b)| *b).collect();
        Ok(Self {
            labels,
            features: config.features.clone(),
            index,
            classes,
            weights,
            biases,
            calibration: Calibration::default(),
        })
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn feature_config(&self) -> &FeatureConfig {
        &self.features
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    pub fn n_weights(&self) -> usize {
        self.weights.len()
    }

    /// Approximate heap size of the model in bytes.
    pub fn size_bytes(&self) -> usize {
        self.index.size_bytes()
            + self.classes.len() * 2
            + self.weights.len() * 4
            + self.biases.len() * 4
            + self.labels.iter().map(|l| l.len() + 24).sum::<usize>()
    }

    /// The feature vector of `text` as this model sees it.
    pub fn vectorize(&self, analyzer: &Analyzer, text: &str) -> Features {
        let mut h = Hashes::default();
        analyzer.hashes(text, &mut h, None);
        self.features_of(&mut h)
    }

    fn features_of(&self, hashes: &mut Hashes) -> Features {
        let mut x = Features::new();
        self.features_into(hashes, &mut x);
        x
    }

    fn features_into(&self, hashes: &mut Hashes, x: &mut Features) {
        // Start every table load at once; counting the n-grams runs while they arrive.
        for view in [&hashes.words, &hashes.chars, &hashes.pairs] {
            for &h in view {
                self.index.prefetch(h);
            }
        }
        weigh(
            hashes,
            &self.features,
            |h| self.index.get(h).map(|f| (*f, f.idf)),
            x,
        );
    }

    /// Raw one-vs-rest scores of every class for a feature vector.
    pub fn scores(&self, x: &Features) -> Vec<f32> {
        let mut scores = Vec::new();
        self.scores_into(x, &mut scores);
        scores
    }

    fn scores_into(&self, x: &Features, scores: &mut Vec<f32>) {
        scores.clear();
        scores.extend_from_slice(&self.biases);
        // The rows lie all over a model larger than the cache: start loading them all
        // before the first is read.
        for (f, _) in x {
            let start = f.start as usize;
            prefetch(self.weights.get(start));
            if !f.is_dense() {
                prefetch(self.classes.get(start));
            }
        }
        let mut shift = 0.0;
        for &(f, v) in x {
            shift += v * f.shift;
            let row = self.row(&f);
            if row.classes.is_empty() {
                // A dense row: one weight per class, added in one vectorized pass.
                add_scaled(scores, row.weights, v);
            } else {
                for (&c, &w) in row.classes.iter().zip(row.weights) {
                    scores[c as usize] += v * w;
                }
            }
        }
        scores.iter_mut().for_each(|s| *s += shift);
    }

    /// Ranks the classes for `text` and decides whether it is out of scope.
    pub fn predict(&self, analyzer: &Analyzer, text: &str, top_k: usize) -> Prediction {
        SCRATCH.with_borrow_mut(|(hashes, x, scores)| {
            analyzer.hashes(text, hashes, None);
            self.features_into(hashes, x);
            self.scores_into(x, scores);
            self.rank(scores, top_k)
        })
    }

    /// Ranks raw scores into a prediction (confidences from the calibrated softmax).
    pub fn rank(&self, scores: &[f32], top_k: usize) -> Prediction {
        let k = top_k.max(2).min(scores.len());
        let mut top: Vec<(u32, f32)> = Vec::with_capacity(k + 1);
        for (c, &s) in scores.iter().enumerate() {
            if top.len() < k || s > top[k - 1].1 {
                let at = top.partition_point(|&(_, t)| t >= s);
                top.insert(at, (c as u32, s));
                top.truncate(k);
            }
        }
        let probs = self.calibration.softmax_top(scores, &top);
        let mut candidates: Vec<Scored> = top
            .iter()
            .zip(&probs)
            .map(|(&(class, score), &confidence)| Scored {
                class,
                score,
                confidence,
            })
            .collect();
        let margin = if candidates.len() > 1 {
            candidates[0].confidence - candidates[1].confidence
        } else {
            1.0
        };
        let out_of_scope = self
            .calibration
            .is_out_of_scope(scores, candidates[0].score);
        candidates.truncate(top_k.max(1));
        Prediction {
            candidates,
            margin,
            out_of_scope,
        }
    }

    /// The terms that pushed `class`'s score most (positive) or held it back (negative).
    pub fn explain(
        &self,
        analyzer: &Analyzer,
        text: &str,
        class: u32,
        top_n: usize,
    ) -> Vec<(String, f32)> {
        let mut h = Hashes::default();
        let mut names = Vec::new();
        analyzer.hashes(text, &mut h, Some(&mut names));
        let mut x: Vec<(u64, f32)> = Vec::new();
        weigh(
            &mut h,
            &self.features,
            |h| self.index.get(h).map(|f| (h, f.idf)),
            &mut x,
        );
        let mut named: Vec<(String, f32)> = Vec::new();
        names.sort_by_key(|(hash, _)| *hash);
        names.dedup_by_key(|(hash, _)| *hash);
        for (hash, name) in names {
            let (Some(f), Some(&(_, v))) =
                (self.index.get(hash), x.iter().find(|(k, _)| *k == hash))
            else {
                continue;
            };
            let row = self.row(f);
            let weight = if row.classes.is_empty() {
                row.weights.get(class as usize).copied()
            } else {
                row.classes
                    .iter()
                    .position(|&c| u32::from(c) == class)
                    .map(|i| row.weights[i])
            };
            let w = weight.unwrap_or(0.0) + f.shift;
            if w != 0.0 {
                named.push((name, v * w));
            }
        }
        named.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        named.truncate(top_n);
        named
    }

    #[inline]
    fn row(&self, f: &Feature) -> Row<'_> {
        let span = f.span();
        if f.is_dense() {
            Row {
                classes: &[],
                weights: &self.weights[span],
            }
        } else {
            Row {
                classes: &self.classes[span.clone()],
                weights: &self.weights[span],
            }
        }
    }

    pub fn class_of(&self, label: &str) -> Option<u32> {
        self.labels
            .binary_search_by(|l| l.as_str().cmp(label))
            .ok()
            .map(|i| i as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<(String, String)> {
        let data = [
            ("where is my card", "card_arrival"),
            ("my card has not arrived yet", "card_arrival"),
            ("when will the card come", "card_arrival"),
            ("how do I top up my balance", "top_up"),
            ("add money to my account", "top_up"),
            ("top up with a bank transfer", "top_up"),
            ("как сменить тариф", "tariff_change"),
            ("хочу перейти на другой тариф", "tariff_change"),
        ];
        data.iter()
            .map(|(t, l)| (t.to_string(), l.to_string()))
            .collect()
    }

    #[test]
    fn learns_training_examples_and_ranks_with_confidence() {
        let model = IntentModel::train(&examples(), &TrainConfig::default(), &|_, _| {}).unwrap();
        let a = Analyzer::new(model.feature_config().clone());
        let p = model.predict(&a, "my card did not arrive", 3);
        assert_eq!(
            model.labels()[p.candidates[0].class as usize],
            "card_arrival"
        );
        assert_eq!(p.candidates.len(), 3);
        assert!(p
            .candidates
            .windows(2)
            .all(|w| w[0].confidence >= w[1].confidence));
        assert!((0.0..=1.0).contains(&p.confidence()) && p.margin >= 0.0);
        let p = model.predict(&a, "сменить тарифы", 1);
        assert_eq!(
            model.labels()[p.candidates[0].class as usize],
            "tariff_change"
        );
    }

    #[test]
    fn refuses_empty_and_single_label_sets() {
        let none: Vec<(String, String)> = Vec::new();
        assert!(matches!(
            IntentModel::train(&none, &TrainConfig::default(), &|_, _| {}),
            Err(MatcherError::EmptyTrainingSet)
        ));
        let one = vec![
            ("a".to_string(), "x".to_string()),
            ("b".to_string(), "x".to_string()),
        ];
        assert!(matches!(
            IntentModel::train(&one, &TrainConfig::default(), &|_, _| {}),
            Err(MatcherError::SingleClass(_))
        ));
    }

    #[test]
    fn explains_with_the_words_that_matter() {
        let model = IntentModel::train(&examples(), &TrainConfig::default(), &|_, _| {}).unwrap();
        let a = Analyzer::new(model.feature_config().clone());
        let class = model.class_of("top_up").unwrap();
        let terms = model.explain(&a, "top up please", class, 50);
        assert!(
            terms.iter().any(|(n, w)| n == "word:top" && *w > 0.0),
            "{terms:?}"
        );
    }

    #[test]
    fn reports_progress_for_every_class() {
        let seen = std::sync::Mutex::new(Vec::new());
        IntentModel::train(&examples(), &TrainConfig::default(), &|d, t| {
            seen.lock().unwrap().push((d, t))
        })
        .unwrap();
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.iter().map(|p| p.0).max(), Some(3));
        assert!(seen.iter().all(|p| p.1 == 3));
    }
}
