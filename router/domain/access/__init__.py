"""Who may call the router: API keys for channel adapters, each limited to its channels."""
