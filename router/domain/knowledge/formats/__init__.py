"""Documents the knowledge base is imported from and exported to (YAML)."""
