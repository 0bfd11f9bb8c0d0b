"""Storage: a store protocol with intent-named atomic operations and its back ends."""
