"""Thin channel clients that reach the router through its gRPC API."""
