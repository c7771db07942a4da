package synth

// The committed demo and CI data under testdata/sample is written by the gen
// program; regenerate it with `go generate ./testkit/synth`.

//go:generate go run ./gen -out ../../testdata/sample
