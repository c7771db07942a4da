package bench

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/itbcheck/itbcheck/ingest"
)

// realFITFiles are the real exports of ../shared/corpus/public that
// muktihari/fit's typed decoder reads without error (the damaged ones are
// left out: the reference cannot time them), and their total size. The
// benchmark is skipped without ../shared, and fails instead with
// ITBCHECK_REQUIRE_SHARED=1.
func realFITFiles(b *testing.B) ([]string, int64) {
	b.Helper()
	all, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "public", "*.fit"))
	if len(all) == 0 {
		if os.Getenv("ITBCHECK_REQUIRE_SHARED") == "1" {
			b.Fatal("no ../shared/corpus/public/*.fit, and ITBCHECK_REQUIRE_SHARED=1")
		}
		b.Skip("no ../shared/corpus/public/*.fit beside the checkout")
	}
	br := bufio.NewReaderSize(nil, 64<<10)
	var files []string
	var bytes int64
	for _, f := range all {
		if _, err := typedDecodeAll([]string{f}, br); err != nil {
			continue
		}
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		files, bytes = append(files, f), bytes+st.Size()
	}
	return files, bytes
}

// ingestAll reads files through ingest.Read, recycling the samples as the
// pipeline does, and returns the samples read.
func ingestAll(b *testing.B, files []string) int {
	n := 0
	ctx := context.Background()
	for _, f := range files {
		ingest.Read(ctx, f, ingest.Options{}, func(a *ingest.Activity) { n += a.Samples.Len(); a.Samples.Recycle() })
	}
	if n == 0 {
		b.Fatal("no samples read")
	}
	return n
}

// BenchmarkFITPerMB reads the generated team's FIT files and the real
// exports of the shared corpus, each through muktihari/fit's typed decoder
// and through ingest, on one core, in one run. Each ingest figure is
// given as x_typed, its time over the typed decoder's on the same bytes;
// the real/ingest row also gives real_vs_generated, the cost per MB of
// the real files over that of the generated ones (1 when real files are
// read as fast as generated ones).
func BenchmarkFITPerMB(b *testing.B) {
	t := benchTeam(b)
	real, realBytes := realFITFiles(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	sets := []struct {
		name  string
		files []string
		bytes int64
	}{{"generated", t.files, t.bytes}, {"real", real, realBytes}}
	typed := map[string]float64{}   // ns per byte, the fastest of the runs
	itbFast := map[string]float64{} // ns per byte through ingest
	for _, set := range sets {
		b.Run(set.name+"/typed", func(b *testing.B) {
			b.SetBytes(set.bytes)
			br := bufio.NewReaderSize(nil, 64<<10)
			for b.Loop() {
				if _, err := typedDecodeAll(set.files, br); err != nil {
					b.Fatal(err)
				}
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(set.bytes)
			if typed[set.name] == 0 || ns < typed[set.name] {
				typed[set.name] = ns
			}
		})
		b.Run(set.name+"/ingest", func(b *testing.B) {
			b.SetBytes(set.bytes)
			for b.Loop() {
				ingestAll(b, set.files)
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(set.bytes)
			if itbFast[set.name] == 0 || ns < itbFast[set.name] {
				itbFast[set.name] = ns
			}
			if ref := typed[set.name]; ref > 0 {
				b.ReportMetric(ns/ref, "x_typed")
			}
			if set.name == "real" && itbFast["generated"] > 0 {
				b.ReportMetric(ns/itbFast["generated"], "real_vs_generated")
			}
		})
	}
}
