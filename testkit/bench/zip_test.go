package bench

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchZip is the team's files deflated into one bulk-export zip
// (activities/NNNN.fit, as Garmin's and Strava's exports lay them out),
// cached beside the team and never timed.
func benchZip(b *testing.B, t *team) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "itbcheck-bench-zip-"+teamVersion+".zip")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i, src := range t.files {
		w, err := zw.Create(fmt.Sprintf("activities/%04d.fit", i))
		if err == nil {
			var in *os.File
			if in, err = os.Open(src); err == nil {
				_, err = io.Copy(w, in)
				in.Close()
			}
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkZipJobs runs `itbcheck analyze export.zip --jobs N` over one
// zip of the team's 560 files, with 1 and 2 jobs: a bulk export is one
// input, and its members are decoded on the free worker slots. Besides
// the wall time (ns/op) it reports the CPU time (cpu_s) and peak memory
// (peak_MiB), and for 2 jobs the wall time as a fraction of 1 job's
// (x_jobs1; 0.5 is perfect scaling, only meaningful on an idle machine).
func BenchmarkZipJobs(b *testing.B) {
	t := benchTeam(b)
	zipPath := benchZip(b, t)
	bin := itbcheckBinary(b)
	st, err := os.Stat(zipPath)
	if err != nil {
		b.Fatal(err)
	}
	var oneJob time.Duration // fastest wall time of 1 job
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.SetBytes(st.Size())
			var u usage
			best := time.Duration(1<<63 - 1)
			for b.Loop() {
				start := time.Now()
				u = u.max(runMeasured(b, bin, "analyze", "--format", "json", "--jobs", fmt.Sprint(jobs), "-q", zipPath))
				best = min(best, time.Since(start))
			}
			u.report(b, 1)
			if jobs == 1 {
				oneJob = best
			} else if oneJob > 0 {
				b.ReportMetric(float64(best)/float64(oneJob), "x_jobs1")
			}
		})
	}
}
