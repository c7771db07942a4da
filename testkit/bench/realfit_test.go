package bench

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

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
// given as x_typed, its time over the typed decoder's on the same bytes,
// and x_typed_cpu, the same for CPU time (user and system, the process's:
// what a busy machine does not distort); the real/ingest row also gives
// real_vs_generated and real_vs_generated_cpu, the cost per MB of the real
// files over that of the generated ones (1 when real files are read as
// fast as generated ones). Each reference is the best of the runs so far.
func BenchmarkFITPerMB(b *testing.B) {
	t := benchTeam(b)
	real, realBytes := realFITFiles(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	sets := []struct {
		name  string
		files []string
		bytes int64
	}{{"generated", t.files, t.bytes}, {"real", real, realBytes}}
	typed := map[string]perRun{}   // ns per byte, the fastest of the runs
	itbFast := map[string]perRun{} // ns per byte through ingest
	best := func(m map[string]perRun, name string, b *testing.B, cpu time.Duration, bytes int64) perRun {
		per := float64(b.N) * float64(bytes)
		wall, c := float64(b.Elapsed().Nanoseconds())/per, float64(cpu.Nanoseconds())/per
		old, ok := m[name]
		if !ok || wall < old.wall {
			old.wall = wall
		}
		if !ok || c < old.cpu {
			old.cpu = c
		}
		m[name] = old
		return perRun{wall, c}
	}
	for _, set := range sets {
		b.Run(set.name+"/typed", func(b *testing.B) {
			b.SetBytes(set.bytes)
			br := bufio.NewReaderSize(nil, 64<<10)
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := typedDecodeAll(set.files, br); err != nil {
					b.Fatal(err)
				}
			}
			best(typed, set.name, b, cpuTime()-cpu0, set.bytes)
		})
		b.Run(set.name+"/ingest", func(b *testing.B) {
			b.SetBytes(set.bytes)
			cpu0 := cpuTime()
			for b.Loop() {
				ingestAll(b, set.files)
			}
			got := best(itbFast, set.name, b, cpuTime()-cpu0, set.bytes)
			if ref, ok := typed[set.name]; ok {
				b.ReportMetric(got.wall/ref.wall, "x_typed")
				b.ReportMetric(got.cpu/ref.cpu, "x_typed_cpu")
			}
			if gen, ok := itbFast["generated"]; ok && set.name == "real" {
				b.ReportMetric(got.wall/gen.wall, "real_vs_generated")
				b.ReportMetric(got.cpu/gen.cpu, "real_vs_generated_cpu")
			}
		})
	}
}
