"""Delivery: outbound messages stored first, then streamed to their channel at least once."""
