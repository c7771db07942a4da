// Package analysis turns activities into the numbers the risk rules judge.
//
// It is the second stage of itbcheck's pipeline. Measure reduces one
// ingest.Activity to a Run (per-run metrics: the file's own summary first,
// else moving-time averages of the samples, the same rule for every
// format), so that samples can be dropped as soon as a file is decoded.
// NewSeason then builds one athlete's series from those runs: daily and
// ISO-weekly load in the athlete's local time, week-over-week change,
// acute:chronic workload ratios, monotony and strain, and the athlete's own
// baselines of cadence and ground-contact balance. Everything here is a pure
// function of its inputs: no I/O, no configuration reading.
//
// Choices where DOMAIN.md is silent:
//
//   - TRIMP: Measure scores a run with DefaultMaxHR and DefaultRestHR so
//     that a Run stands alone; NewSeason rescores every run with
//     Params.MaxHR/RestHR, or the highest heart rate seen in the athlete's
//     runs (when ≥ 150 bpm) and 60 bpm. With the trimp load metric, runs
//     without heart rate are scored at the athlete's median HR reserve.
//   - Monotony uses the sample SD of the 7 daily loads and is capped at
//     MonotonyCap (seven identical days have SD 0).
//   - The EWMA averages start at the mean daily load of the first 7 days.
//   - Descent counts altitude moves once they exceed AltitudeHysteresisM;
//     the downhill grade is over GradeWindowM windows of that filtered
//     altitude falling by at least 1 %.
//   - Track laps are closed loops of 370–480 m whose shape fits a stadium of
//     track size (see track.go); the sign of the enclosed area gives the
//     direction.
package analysis
