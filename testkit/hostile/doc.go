// Package hostile generates the hostile inputs of itbcheck's robustness
// tests: archives that list one member thousands of times or carry a
// bloated directory, FIT files of a million sessions or of gigabytes of
// zeros, XML with a gigabyte text node, CSVs of a million rows or blank
// lines. ingest's bad-input corpus reads them in-process; the e2e suite
// runs the built binary on them and asserts its peak RSS.
//
// Every generator is deterministic. The large ones write to an io.Writer
// or a path, so that a test never holds a gigabyte in memory to make one.
package hostile
