// Package tormoder measures tormoder/fit, the FIT decoder the design card
// first named, against muktihari/fit's typed decoder (itbcheck's
// reference) on the benchmark team that testkit/bench generates. It is a
// module of its own so that itbcheck does not depend on tormoder/fit:
//
//	go test -run '^$' -bench . ./testkit/bench/  # once, to generate the team
//	cd testkit/bench/tormoder && go test -run '^$' -bench . -count 3
//
// x_typed is the time divided by the typed decoder's, both on one core,
// in the same process.
package tormoder

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	tfit "github.com/tormoder/fit"
)

func teamFiles(b *testing.B) ([]string, int64) {
	files, _ := filepath.Glob(filepath.Join(os.TempDir(), "itbcheck-bench-team-v1", "*", "*.fit"))
	if len(files) == 0 {
		b.Skip("no benchmark team: run go test -bench . ./testkit/bench/ first")
	}
	var n int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		n += st.Size()
	}
	return files, n
}

var typedNsPerByte float64

// BenchmarkTypedDecode is the reference, as in testkit/bench.
func BenchmarkTypedDecode(b *testing.B) {
	files, bytes := teamFiles(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.SetBytes(bytes)
	br := bufio.NewReaderSize(nil, 64<<10)
	lis := filedef.NewListener()
	defer lis.Close()
	dec := decoder.New(nil, decoder.WithMesgListener(lis), decoder.WithBroadcastOnly())
	for b.Loop() {
		for _, p := range files {
			f, err := os.Open(p)
			if err != nil {
				b.Fatal(err)
			}
			br.Reset(f)
			dec.Reset(br, decoder.WithMesgListener(lis), decoder.WithBroadcastOnly())
			for dec.Next() {
				if _, err := dec.Decode(); err != nil {
					b.Fatal(err)
				}
			}
			f.Close()
		}
	}
	if ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(bytes); typedNsPerByte == 0 || ns < typedNsPerByte {
		typedNsPerByte = ns
	}
}

// BenchmarkTormoderDecode decodes the same files with tormoder/fit's
// Decode (records into its typed activity), one core.
func BenchmarkTormoderDecode(b *testing.B) {
	files, bytes := teamFiles(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.SetBytes(bytes)
	br := bufio.NewReaderSize(nil, 64<<10)
	for b.Loop() {
		for _, p := range files {
			f, err := os.Open(p)
			if err != nil {
				b.Fatal(err)
			}
			br.Reset(f)
			if _, err := tfit.Decode(br); err != nil {
				b.Fatalf("%s: %v", p, err)
			}
			f.Close()
		}
	}
	if typedNsPerByte > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(bytes)/typedNsPerByte, "x_typed")
	}
}
