// Package bench holds itbcheck's end-to-end benchmarks. They share one
// generated team (7 athletes × 80 one-hour runs recorded at 1 Hz, about
// 60 MB of FIT files) so that every figure, and the bare typed decode it is
// compared with, is measured on the same files in the same run:
//
//	go test -run '^$' -bench . -benchmem ./testkit/bench/
//
// The same first athlete's runs are also written as TCX, GPX and
// per-second CSV (BenchmarkFormatDecode, BenchmarkFormatAnalyze), so that
// each format's cost per run is a ratio to FIT's from the same run.
// Processes (BenchmarkCLI, BenchmarkFormatAnalyze) are measured through
// the peakrss wrapper (./peakrss): their peak RSS and CPU time are their
// own, not the benchmark's.
//
// The package has no code outside its tests and the wrapper; PERFORMANCE.md
// at the repository root lists the figures and the machine they were
// taken on.
package bench
