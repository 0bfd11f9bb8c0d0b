//! Core errors become exceptions that subclass `ValueError` (file-system failures stay
//! `OSError`), so callers can catch them by what went wrong.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::PyErr;

use crate::core::error::MatcherError as CoreError;

create_exception!(
    matcher_rs,
    MatcherError,
    PyValueError,
    "Any error of the matcher; a ValueError."
);
create_exception!(
    matcher_rs,
    TrainingDataError,
    MatcherError,
    "The training set cannot train a model."
);
create_exception!(
    matcher_rs,
    ModelFileError,
    MatcherError,
    "A model file is corrupt or not a model file."
);
create_exception!(
    matcher_rs,
    UnsupportedVersionError,
    ModelFileError,
    "A model file of an unknown format version."
);

pub fn to_py(err: CoreError) -> PyErr {
    let message = err.to_string();
    match err {
        CoreError::EmptyTrainingSet | CoreError::SingleClass(_) => {
            TrainingDataError::new_err(message)
        }
        CoreError::InvalidArgument(_) => MatcherError::new_err(message),
        CoreError::UnsupportedVersion { .. } => UnsupportedVersionError::new_err(message),
        CoreError::CorruptModel(_) => ModelFileError::new_err(message),
        CoreError::Io(_) => PyOSError::new_err(message),
    }
}
