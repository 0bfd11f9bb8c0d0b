//! Errors of the matching core. The Python layer maps each variant to one exception class.

use thiserror::Error;

/// Everything the core can refuse, with enough detail for the caller to act on it.
#[derive(Debug, Error)]
pub enum MatcherError {
    /// Training needs at least one example.
    #[error("the training set is empty")]
    EmptyTrainingSet,
    /// A classifier needs at least two different labels to tell apart.
    #[error("the training set has only one label ({0:?}); at least two are needed")]
    SingleClass(String),
    /// An argument the core cannot use (an empty label, a bad hyper-parameter).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// A model file written by another, unknown format version.
    #[error("unsupported model file version {found} (this build reads version {expected})")]
    UnsupportedVersion { found: u32, expected: u32 },
    /// A model file that is truncated, altered or not a model file at all.
    #[error("corrupt model file: {0}")]
    CorruptModel(String),
    /// The file system refused to read or write the model file.
    #[error("model file I/O failed: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, MatcherError>;
