//! One-vs-rest L2-regularized linear SVMs (hinge or squared hinge loss) trained by dual
//! coordinate descent with shrinking (Hsieh et al. 2008; LIBLINEAR's solvers 3 and 1).
//! The bias is one more feature of constant value 1, regularized like the others, as
//! LIBLINEAR does.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::features::SparseVec;

/// Training rows in compressed sparse row form.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    offsets: Vec<usize>,
    ids: Vec<u32>,
    vals: Vec<f32>,
}

impl Rows {
    pub fn from_vectors(vectors: &[SparseVec]) -> Self {
        let mut rows = Rows {
            offsets: vec![0],
            ..Default::default()
        };
        for v in vectors {
            for &(id, x) in v {
                rows.ids.push(id);
                rows.vals.push(x);
            }
            rows.offsets.push(rows.ids.len());
        }
        rows
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.offsets[i], self.offsets[i + 1]);
        (&self.ids[a..b], &self.vals[a..b])
    }
}

/// The loss of each binary SVM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Loss {
    /// max(0, 1 - y w.x) (LIBLINEAR solver 3).
    Hinge,
    /// max(0, 1 - y w.x)^2 (LIBLINEAR solver 1, scikit-learn's LinearSVC default).
    SquaredHinge,
}

/// Solver settings.
#[derive(Debug, Clone, Copy)]
pub struct SvmConfig {
    /// Inverse regularization strength.
    pub c: f64,
    /// Stopping tolerance on the projected gradient spread.
    pub eps: f64,
    pub max_iter: usize,
    pub loss: Loss,
}

/// One binary classifier: a dense weight per feature and a bias.
pub struct Binary {
    pub weights: Vec<f32>,
    pub bias: f32,
}

/// Trains one binary classifier per class in parallel. `finish` turns each dense result
/// into what the caller keeps (a pruned sparse form), so dense weights of all classes
/// never sit in memory together.
pub fn train_one_vs_rest<T: Send>(
    rows: &Rows,
    labels: &[u32],
    n_classes: usize,
    n_features: usize,
    config: SvmConfig,
    finish: &(dyn Fn(usize, Binary) -> T + Sync),
) -> Vec<T> {
    let sq_norms: Vec<f64> = (0..rows.len())
        .map(|i| {
            rows.row(i)
                .1
                .iter()
                .map(|&v| f64::from(v) * f64::from(v))
                .sum::<f64>()
                + 1.0
        })
        .collect();
    (0..n_classes)
        .into_par_iter()
        .map(|class| {
            let y: Vec<f64> = labels
                .iter()
                .map(|&l| if l as usize == class { 1.0 } else { -1.0 })
                .collect();
            finish(
                class,
                train_binary(rows, &y, &sq_norms, n_features, config, class as u64),
            )
        })
        .collect()
}

fn train_binary(
    rows: &Rows,
    y: &[f64],
    sq_norms: &[f64],
    n_features: usize,
    config: SvmConfig,
    seed: u64,
) -> Binary {
    let l = rows.len();
    // Hinge: alpha in [0, C]; squared hinge: alpha >= 0 and a diagonal term 1/(2C).
    let (diag, upper) = match config.loss {
        Loss::Hinge => (0.0, config.c),
        Loss::SquaredHinge => (0.5 / config.c, f64::INFINITY),
    };
    let mut w = vec![0.0f64; n_features + 1];
    let bias = n_features;
    let mut alpha = vec![0.0f64; l];
    let qd: Vec<f64> = sq_norms.iter().map(|q| q + diag).collect();
    let mut index: Vec<usize> = (0..l).collect();
    let mut active = l;
    let mut pg_max_old = f64::INFINITY;
    let mut pg_min_old = f64::NEG_INFINITY;
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for _ in 0..config.max_iter {
        let mut pg_max_new = f64::NEG_INFINITY;
        let mut pg_min_new = f64::INFINITY;
        for i in 0..active {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let j = i + (rng % (active - i) as u64) as usize;
            index.swap(i, j);
        }
        let mut s = 0;
        while s < active {
            let i = index[s];
            let (ids, vals) = rows.row(i);
            let mut dot = w[bias];
            for (&f, &v) in ids.iter().zip(vals) {
                dot += w[f as usize] * f64::from(v);
            }
            let g = y[i] * dot - 1.0 + alpha[i] * diag;
            let mut pg = 0.0;
            if alpha[i] == 0.0 {
                if g > pg_max_old {
                    active -= 1;
                    index.swap(s, active);
                    continue;
                } else if g < 0.0 {
                    pg = g;
                }
            } else if alpha[i] == upper {
                if g < pg_min_old {
                    active -= 1;
                    index.swap(s, active);
                    continue;
                } else if g > 0.0 {
                    pg = g;
                }
            } else {
                pg = g;
            }
            pg_max_new = pg_max_new.max(pg);
            pg_min_new = pg_min_new.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (alpha[i] - g / qd[i]).clamp(0.0, upper);
                let d = (alpha[i] - old) * y[i];
                for (&f, &v) in ids.iter().zip(vals) {
                    w[f as usize] += d * f64::from(v);
                }
                w[bias] += d;
            }
            s += 1;
        }
        if pg_max_new - pg_min_new <= config.eps {
            if active == l {
                break;
            }
            active = l;
            pg_max_old = f64::INFINITY;
            pg_min_old = f64::NEG_INFINITY;
            continue;
        }
        pg_max_old = if pg_max_new <= 0.0 {
            f64::INFINITY
        } else {
            pg_max_new
        };
        pg_min_old = if pg_min_new >= 0.0 {
            f64::NEG_INFINITY
        } else {
            pg_min_new
        };
    }
    Binary {
        bias: w[bias] as f32,
        weights: w[..n_features].iter().map(|&x| x as f32).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_linearly_separable_classes() {
        let vectors: Vec<SparseVec> = vec![
            vec![(0, 1.0)],
            vec![(0, 0.9), (2, 0.1)],
            vec![(1, 1.0)],
            vec![(1, 0.8), (2, 0.2)],
        ];
        let rows = Rows::from_vectors(&vectors);
        let labels = [0, 0, 1, 1];
        for loss in [Loss::Hinge, Loss::SquaredHinge] {
            let config = SvmConfig {
                c: 1.0,
                eps: 1e-4,
                max_iter: 1000,
                loss,
            };
            let models = train_one_vs_rest(&rows, &labels, 2, 3, config, &|_, b| b);
            for (i, v) in vectors.iter().enumerate() {
                let score = |m: &Binary| {
                    m.bias
                        + v.iter()
                            .map(|&(f, x)| m.weights[f as usize] * x)
                            .sum::<f32>()
                };
                let predicted = if score(&models[0]) > score(&models[1]) {
                    0
                } else {
                    1
                };
                assert_eq!(predicted, labels[i]);
            }
            assert!(models[0].weights[0] > 0.0 && models[0].weights[1] < 0.0);
        }
    }
}
