//! Calibration: a softmax over the one-vs-rest scores with a temperature fitted on held-out
//! examples (minimum negative log-likelihood), and the out-of-scope threshold on that
//! confidence chosen for the best accuracy when "out of scope" counts as one more intent
//! (the protocol of Larson et al. 2019).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::{MatcherError, Result};
use super::features::Analyzer;
use super::model::IntentModel;
use super::simd::sum_exp;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Multiplies scores before the softmax; larger means sharper confidences. Fitted
    /// for the likelihood of the right label, so confidences read as probabilities.
    pub temperature: f32,
    /// The temperature of the scope score, a second softmax tuned with the threshold for
    /// the best out-of-scope decision (it is often much flatter than `temperature`).
    pub scope_temperature: f32,
    /// A scope score below this marks the text out of scope (0 = never).
    pub threshold: f32,
}

impl Default for Calibration {
    fn default() -> Self {
        Self {
            temperature: 8.0,
            scope_temperature: 8.0,
            threshold: 0.0,
        }
    }
}

/// `e^x` for x <= 0 with relative error under 2e-5, in plain arithmetic the compiler can
/// vectorize: a softmax over a thousand intents must not cost a thousand libm calls.
#[inline]
pub fn exp_neg(x: f32) -> f32 {
    let x = x.max(-87.0);
    let t = x * std::f32::consts::LOG2_E;
    // floor without a libm call (t <= 0, so truncation rounds up when t is fractional).
    let truncated = t as i32 as f32;
    let n = if truncated > t {
        truncated - 1.0
    } else {
        truncated
    };
    let f = t - n;
    // 2^f on [0, 1): its Taylor polynomial of degree 6.
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5
                + f * (0.055_504_11
                    + f * (0.009_618_129 + f * (0.001_333_355_8 + f * 0.000_154_035_3)))));
    f32::from_bits(((n as i32 + 127) as u32) << 23) * p
}

impl Calibration {
    /// Softmax probabilities of the `top` (class, score) pairs among all `scores`;
    /// `top` must be sorted best first.
    pub fn softmax_top(&self, scores: &[f32], top: &[(u32, f32)]) -> Vec<f32> {
        let Some(&(_, max)) = top.first() else {
            return Vec::new();
        };
        let t = self.temperature;
        let sum = sum_exp(scores, max, t);
        top.iter()
            .map(|&(_, s)| exp_neg((s - max) * t) / sum)
            .collect()
    }

    /// The softmax probability of the best class under the scope temperature.
    pub fn scope_score(&self, scores: &[f32], max: f32) -> f32 {
        1.0 / sum_exp(scores, max, self.scope_temperature)
    }

    pub fn is_out_of_scope(&self, scores: &[f32], max: f32) -> bool {
        self.threshold > 0.0 && self.scope_score(scores, max) < self.threshold
    }
}

/// The threshold with the best accuracy, counting out-of-scope as a class: an example is
/// right when it is out of scope and under the threshold, or in scope, at or above it,
/// and its best candidate is its label. Ties go to the middle of the widest best gap.
pub fn choose_threshold(confidence: &[f32], correct: &[bool], out_of_scope: &[bool]) -> f32 {
    let mut order: Vec<usize> = (0..confidence.len()).collect();
    order.sort_by(|&a, &b| confidence[a].total_cmp(&confidence[b]));
    // Threshold just above order[k-1]: the first k examples fall out of scope.
    let mut right: i64 = order
        .iter()
        .filter(|&&i| !out_of_scope[i] && correct[i])
        .count() as i64;
    let (mut best, mut best_k) = (right, 0usize);
    for (k, &i) in order.iter().enumerate() {
        if out_of_scope[i] {
            right += 1;
        } else if correct[i] {
            right -= 1;
        }
        let next = k + 1;
        if next < order.len() && confidence[order[next]] == confidence[i] {
            continue;
        }
        if right > best {
            best = right;
            best_k = next;
        }
    }
    if best_k == 0 {
        return 0.0;
    }
    let below = confidence[order[best_k - 1]];
    let above = order.get(best_k).map_or(1.0, |&i| confidence[i]);
    (below + above) / 2.0
}

impl IntentModel {
    /// Fits the temperature on the in-scope examples and, when some are out of scope
    /// (label `None`), the threshold too. Labels unknown to the model are refused.
    pub fn calibrate(
        &mut self,
        analyzer: &Analyzer,
        examples: &[(String, Option<String>)],
    ) -> Result<Calibration> {
        let mut truth = Vec::with_capacity(examples.len());
        for (_, label) in examples {
            truth.push(match label {
                None => None,
                Some(l) => Some(self.class_of(l).ok_or_else(|| {
                    MatcherError::InvalidArgument(format!("unknown label {l:?}"))
                })?),
            });
        }
        if !truth.iter().any(Option::is_some) {
            return Err(MatcherError::InvalidArgument(
                "calibration needs in-scope examples".into(),
            ));
        }
        let scores: Vec<Vec<f32>> = examples
            .par_iter()
            .map(|(text, _)| self.scores(&self.vectorize(analyzer, text)))
            .collect();
        let nll = |t: f32| -> f64 {
            scores
                .iter()
                .zip(&truth)
                .filter_map(|(s, y)| y.map(|y| (s, y)))
                .map(|(s, y)| {
                    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    let sum: f64 = s.iter().map(|&v| f64::from((v - max) * t).exp()).sum();
                    sum.ln() - f64::from((s[y as usize] - max) * t)
                })
                .sum()
        };
        let grid: Vec<f32> = (0..=60)
            .map(|i| 10f32.powf(-0.5 + 3.0 * i as f32 / 60.0))
            .collect();
        let oos: Vec<bool> = truth.iter().map(Option::is_none).collect();
        self.calibration.temperature = grid
            .iter()
            .copied()
            .min_by(|&a, &b| nll(a).total_cmp(&nll(b)))
            .unwrap_or(self.calibration.temperature);
        if oos.iter().any(|&o| o) {
            // The scope temperature shapes the score the threshold cuts, so both are
            // chosen together for the best accuracy with out-of-scope as one more class.
            let tops: Vec<(u32, f32)> = scores
                .iter()
                .map(|s| self.rank(s, 1).candidates[0])
                .map(|c| (c.class, c.score))
                .collect();
            let correct: Vec<bool> = tops
                .iter()
                .zip(&truth)
                .map(|(&(c, _), y)| *y == Some(c))
                .collect();
            let mut best: Option<(usize, f32, f32)> = None;
            for &t in &grid {
                let trial = Calibration {
                    scope_temperature: t,
                    ..self.calibration
                };
                let conf: Vec<f32> = scores
                    .iter()
                    .zip(&tops)
                    .map(|(s, &(_, max))| trial.scope_score(s, max))
                    .collect();
                let threshold = choose_threshold(&conf, &correct, &oos);
                let right = (0..conf.len())
                    .filter(|&i| {
                        if conf[i] < threshold {
                            oos[i]
                        } else {
                            correct[i]
                        }
                    })
                    .count();
                if best.is_none_or(|(r, _, _)| right > r) {
                    best = Some((right, t, threshold));
                }
            }
            let (_, t, threshold) = best.expect("grid is not empty");
            self.calibration.scope_temperature = t;
            self.calibration.threshold = threshold;
        }
        Ok(self.calibration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_separates_out_of_scope_from_confident_hits() {
        let conf = [0.9, 0.8, 0.2, 0.1, 0.7];
        let correct = [true, true, false, false, true];
        let oos = [false, false, true, true, false];
        let t = choose_threshold(&conf, &correct, &oos);
        assert!(t > 0.2 && t < 0.7, "{t}");
    }

    #[test]
    fn no_out_of_scope_examples_keep_threshold_at_zero() {
        assert_eq!(
            choose_threshold(&[0.5, 0.6], &[true, false], &[false, false]),
            0.0
        );
    }

    #[test]
    fn fast_exp_matches_the_library() {
        for i in 0..=2000 {
            let x = -(i as f32) * 0.05;
            let (fast, exact) = (exp_neg(x), x.exp());
            assert!(
                (fast - exact).abs() <= exact * 2e-5 + 1e-37,
                "{x}: {fast} vs {exact}"
            );
        }
        assert_eq!(exp_neg(-1000.0), exp_neg(-87.0));
    }

    #[test]
    fn softmax_of_top_sums_to_at_most_one() {
        let c = Calibration::default();
        let p = c.softmax_top(&[1.0, 0.5, -1.0], &[(0, 1.0), (1, 0.5), (2, -1.0)]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(p[0] > p[1] && p[1] > p[2]);
    }
}
