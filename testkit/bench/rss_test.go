package bench

import (
	"fmt"
	"testing"
)

// rssGrowthLimit is how much more memory 64 times the team may take than
// the team: the team's list of files is never held, so memory is that of
// the athletes being read, whatever the team's size.
const rssGrowthLimit = 1.3

// BenchmarkPeakRSS runs `itbcheck batch --format json --jobs 2` over 1×,
// 16× and 64× the team (560, 8 960 and 35 840 files) and reports each
// process's peak resident memory (peak_MiB, through the peakrss wrapper)
// and CPU time, and for 16× and 64× x_1x, the peak over the 1× peak; it
// fails when the 64× peak exceeds rssGrowthLimit times the 1× peak.
func BenchmarkPeakRSS(b *testing.B) {
	t := benchTeam(b)
	bin := itbcheckBinary(b)
	peak := map[int]int64{}
	for _, k := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("team=%dx", k), func(b *testing.B) {
			root, err := t.replicated(k)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(k) * t.bytes)
			var u usage
			for b.Loop() {
				u = u.max(runMeasured(b, bin, "batch", "--format", "json", "--jobs", "2", "-q", root))
			}
			u.report(b, 1)
			peak[k] = max(peak[k], u.peakKiB)
			if k > 1 && peak[1] > 0 {
				b.ReportMetric(float64(u.peakKiB)/float64(peak[1]), "x_1x")
			}
		})
	}
	if peak[1] > 0 && peak[64] > 0 {
		if r := float64(peak[64]) / float64(peak[1]); r > rssGrowthLimit {
			b.Errorf("peak RSS at 64x is %.2f times the 1x figure (%d KiB vs %d KiB), limit %.1f", r, peak[64], peak[1], rssGrowthLimit)
		}
	}
}
