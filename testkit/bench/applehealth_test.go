package bench

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// appleMaxPeakMiB is the most resident memory the CLI may take to read an
// Apple Health export of any size: the reader keeps the workouts and the
// records inside them, never the file.
const appleMaxPeakMiB = 160

// BenchmarkAppleHealthStream runs `itbcheck analyze` on an unpacked Apple
// Health export (export.xml and workout-routes/) of a 14-week season with
// running dynamics at one record every 3 s (about 150 MB of records),
// with ITBCHECK_BENCH_APPLE_MB megabytes of unrelated records before the
// workouts (default 256; 2048 for the figure in PERFORMANCE.md), under the
// peakrss wrapper, and fails when the peak
// resident memory exceeds appleMaxPeakMiB. Repeat with
//
//	ITBCHECK_BENCH_APPLE_MB=2048 go test ./testkit/bench -run '^$' -bench AppleHealthStream -benchtime 1x
func BenchmarkAppleHealthStream(b *testing.B) {
	mb := 256
	if v := os.Getenv("ITBCHECK_BENCH_APPLE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("ITBCHECK_BENCH_APPLE_MB=%q: want a positive number of megabytes", v)
		}
		mb = n
	}
	dir := b.TempDir()
	s := synth.Plan(synth.Compound, synth.WithInterval(3e9))
	// An unrelated record is about 420 bytes as written.
	gen := synth.AppleHealth{Season: s, Walks: true, Between: true, Unrelated: mb << 20 / 420}
	xmlPath, ws, err := gen.WriteDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(xmlPath)
	if err != nil {
		b.Fatal(err)
	}
	bin := itbcheckBinary(b)
	b.SetBytes(st.Size())
	var u usage
	for b.Loop() {
		u = u.max(runMeasured(b, bin, "analyze", "--format", "json", "-q", filepath.Dir(xmlPath)))
	}
	u.report(b, 1)
	b.ReportMetric(float64(st.Size())/(1<<20), "export_MiB")
	b.ReportMetric(float64(len(ws)), "workouts")
	if peak := float64(u.peakKiB) / 1024; peak > appleMaxPeakMiB {
		b.Errorf("peak resident memory %.0f MiB reading a %.0f MiB export, limit %d MiB: the reader holds the file", peak, float64(st.Size())/(1<<20), appleMaxPeakMiB)
	}
}
