"""gRPC transport: servicers, error mapping, interceptors, the server. No business logic."""
