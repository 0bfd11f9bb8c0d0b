__version__: str

def normalize(text: str) -> str:
    """Text as the matcher sees it: case folded, ё folded into е."""
