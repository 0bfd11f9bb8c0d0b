//! The PyO3 layer: converts arguments to owned Rust data, releases the GIL around the
//! core's work, converts results, and maps core errors to typed exceptions once, here.

mod errors;
mod matcher;
mod results;

use pyo3::prelude::*;

/// Normalizes text the way the matcher sees it (NFKC, case folding, ё → е).
#[pyfunction]
fn normalize(py: Python<'_>, text: String) -> String {
    py.detach(|| crate::core::normalize::normalize(&text))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FORMAT_VERSION", crate::core::persist::FORMAT_VERSION)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add("MatcherError", py.get_type::<errors::MatcherError>())?;
    m.add(
        "TrainingDataError",
        py.get_type::<errors::TrainingDataError>(),
    )?;
    m.add("ModelFileError", py.get_type::<errors::ModelFileError>())?;
    m.add(
        "UnsupportedVersionError",
        py.get_type::<errors::UnsupportedVersionError>(),
    )?;
    m.add_class::<matcher::PyMatcher>()?;
    m.add_class::<results::Classification>()?;
    m.add_class::<results::Candidate>()?;
    m.add_class::<results::Entity>()?;
    Ok(())
}
