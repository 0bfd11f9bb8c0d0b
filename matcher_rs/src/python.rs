//! The PyO3 layer: converts arguments, calls the core, converts results.

use pyo3::prelude::*;

/// Normalizes text the way the matcher sees it (case folding, ё → е).
#[pyfunction]
fn normalize(py: Python<'_>, text: String) -> String {
    py.detach(|| crate::core::normalize::normalize(&text))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    Ok(())
}
