//! matcher_rs: intent and topic matching for omniroute.
//!
//! `core` is plain Rust and knows nothing of Python; `python` is the thin PyO3 layer,
//! compiled only with the `python` feature (the one maturin enables).

pub mod core;

#[cfg(feature = "python")]
mod python;
