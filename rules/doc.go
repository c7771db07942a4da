// Package rules holds itbcheck's catalogue of ITBS risk patterns.
//
// It is the third stage of the pipeline: an analysis.Season goes in,
// Findings come out. A Rule is data (id, documentation, default thresholds,
// the path it feeds through the hip → pelvis → lower-back chain, evidence)
// plus a check function. All lists every rule; `itbcheck rules` and the
// documentation are generated from it.
package rules
