//! The pure-Rust matching core.

pub mod normalize;
