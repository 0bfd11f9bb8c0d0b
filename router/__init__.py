"""omniroute router: gRPC service, domain and storage."""
