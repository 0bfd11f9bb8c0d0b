"""The domain: conversations, bot policy, assignment. Plain Python: no grpc, no SQL."""
