//! The two loops that dominate scoring with many intents — adding a dense row of class
//! weights and summing a softmax's exponentials — compiled a second time for AVX2 and
//! chosen at run time, so a wheel built for any x86_64 still uses the wide registers.
//! Without FMA: every element sees the same IEEE operations in either version, so the
//! scores are bit-identical whichever runs.

use super::calibrate::exp_neg;

/// `acc[i] += v * row[i]`.
#[inline]
pub fn add_scaled(acc: &mut [f32], row: &[f32], v: f32) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        unsafe { add_scaled_avx2(acc, row, v) };
        return;
    }
    add_scaled_portable(acc, row, v);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn add_scaled_avx2(acc: &mut [f32], row: &[f32], v: f32) {
    add_scaled_portable(acc, row, v);
}

#[inline(always)]
fn add_scaled_portable(acc: &mut [f32], row: &[f32], v: f32) {
    for (a, &w) in acc.iter_mut().zip(row) {
        *a += v * w;
    }
}

/// Sum of `e^((s - max) * t)` over `scores` (every `s <= max`).
#[inline]
pub fn sum_exp(scores: &[f32], max: f32, t: f32) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { sum_exp_avx2(scores, max, t) };
    }
    sum_exp_portable(scores, max, t)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn sum_exp_avx2(scores: &[f32], max: f32, t: f32) -> f32 {
    sum_exp_portable(scores, max, t)
}

/// In eight lanes the compiler can vectorize.
#[inline(always)]
fn sum_exp_portable(scores: &[f32], max: f32, t: f32) -> f32 {
    let mut lanes = [0f32; 8];
    let chunks = scores.chunks_exact(8);
    let rest: f32 = chunks
        .remainder()
        .iter()
        .map(|&s| exp_neg((s - max) * t))
        .sum();
    for chunk in chunks {
        for (lane, &s) in lanes.iter_mut().zip(chunk) {
            *lane += exp_neg((s - max) * t);
        }
    }
    lanes.iter().sum::<f32>() + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_versions_agree_bit_for_bit() {
        let scores: Vec<f32> = (0..1003).map(|i| ((i * 37 % 101) as f32) * -0.03).collect();
        let row: Vec<f32> = (0..1003).map(|i| (i as f32).sin()).collect();
        let mut fast = scores.clone();
        let mut plain = scores.clone();
        add_scaled(&mut fast, &row, 0.3);
        add_scaled_portable(&mut plain, &row, 0.3);
        assert_eq!(fast, plain);
        assert_eq!(
            sum_exp(&scores, 0.0, 8.0).to_bits(),
            sum_exp_portable(&scores, 0.0, 8.0).to_bits()
        );
    }
}
