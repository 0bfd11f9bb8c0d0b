"""Generated code of the omniroute v1 API (proto/router/v1); run `make proto`."""
