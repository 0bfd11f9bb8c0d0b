"""Ingestion: one normalized inbound message in, durably stored, acknowledged once."""
