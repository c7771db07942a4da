// Package bench holds itbcheck's end-to-end benchmarks. They share one
// generated team (7 athletes × 80 one-hour runs recorded at 1 Hz, about
// 60 MB of FIT files) so that every figure, and the bare typed decode it is
// compared with, is measured on the same files in the same run:
//
//	go test -run '^$' -bench . -benchmem ./internal/bench/
//
// The package has no code outside its tests; PERFORMANCE.md at the
// repository root lists the figures and the machine they were taken on.
package bench
