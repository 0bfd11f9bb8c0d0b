"""Intent and topic matching in Rust (see matcher_rs/src); this package is its Python face."""

from matcher_rs._native import __version__, normalize

__all__ = ["__version__", "normalize"]
