// Package ingest turns watch exports into one normalised activity model.
//
// It is the first stage of itbcheck's pipeline: files, folders and bulk-export
// archives go in, *Activity values come out, one per recorded activity. Every
// format (FIT, summary and per-sample CSV, TCX, GPX, gzip and zip) has its own
// file in this package; Open picks the decoder by content sniffing and
// extension. Absent values are NaN (or a false flag), never zero, so that the
// analysis stage can tell "not recorded" from "recorded as zero".
package ingest
