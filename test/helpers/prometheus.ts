// The real Prometheus for the tests: the bench's starter (src/bench/prometheus.ts), shared so both run it alike.
export * from "../../src/bench/prometheus";
