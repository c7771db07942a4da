// Package layers holds the test that keeps itbcheck's architecture: each
// package imports only packages of a lower layer (ingest → analysis →
// rules → screen → report → cmd), the leaf safetext below them all, and
// no product package imports a test kit. It has no code of its own.
package layers
