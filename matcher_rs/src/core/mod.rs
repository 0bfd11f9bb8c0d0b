//! The pure-Rust matching core (no Python here; `cargo test` covers it).
//!
//! text ─normalize─▶ tokens ─stem─▶ features (word + char n-grams, TF-IDF) ─svm─▶ scores
//!      ─calibrate─▶ confidence, margin, out of scope;  tokens ─entities─▶ topic hits

pub mod calibrate;
pub mod entities;
pub mod error;
pub mod features;
pub mod matcher;
pub mod model;
pub mod normalize;
pub mod persist;
pub mod simd;
pub mod stem;
pub mod svm;
pub mod table;
