"""`omniroute replay`: customer traffic from a file through the gRPC API, with simulated
operators, and the statistics that come out of it."""
