"""Messenger adapters: platform webhooks in, platform send APIs out, the router between."""
