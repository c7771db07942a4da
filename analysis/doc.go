// Package analysis turns activities into the numbers the risk rules judge.
//
// It is the second stage of itbcheck's pipeline. Measure reduces one
// ingest.Activity to a Run (per-run metrics computed from running-only
// samples), so that samples can be dropped as soon as a file is decoded.
// NewSeason then builds one athlete's series from those runs: daily and
// ISO-weekly load in the athlete's local time, week-over-week change,
// acute:chronic workload ratios, monotony and strain, and the athlete's own
// baselines of cadence and ground-contact balance. Everything here is a pure
// function of its inputs: no I/O, no configuration reading.
package analysis
