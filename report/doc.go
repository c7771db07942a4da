// Package report renders itbcheck's findings for people and machines.
//
// It is the last stage of the pipeline: a Report (one or more athletes'
// seasons with their findings and unreadable inputs) goes in; terminal text,
// Markdown, JSON (schema itbcheck.report/v1), self-contained HTML with
// charts, CSV team tables and JUnit XML come out, one renderer per format.
package report
