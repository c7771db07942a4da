package bench

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/testkit/synth"
)

// formatsVersion names the cache folder of the same runs in every format;
// change it whenever testkit/synth's output changes.
const formatsVersion = "v1"

// formatRuns is how many of the first athlete's one-hour runs are written
// in each format: the same runs, sample for sample, as FIT, TCX, GPX and
// per-second CSV.
const formatRuns = 20

// formatSet is the same runs written in each format.
type formatSet struct {
	dirs  map[synth.Format]string
	files map[synth.Format][]string
	bytes map[synth.Format]int64
}

var (
	formatsOnce sync.Once
	theFormats  *formatSet
	formatsErr  error
)

// benchFormats returns the runs in every format, generating them on first
// use into os.TempDir() (never timed).
func benchFormats(b testing.TB) *formatSet {
	b.Helper()
	formatsOnce.Do(func() {
		root := filepath.Join(os.TempDir(), "itbcheck-bench-formats-"+formatsVersion)
		if _, err := os.Stat(filepath.Join(root, ".complete")); err != nil {
			formatsErr = generateFormats(root)
		}
		if formatsErr == nil {
			theFormats, formatsErr = loadFormats(root)
		}
	})
	if formatsErr != nil {
		b.Fatal(formatsErr)
	}
	return theFormats
}

// generateFormats writes the first athlete's first formatRuns runs in every
// format under root/<format>/<athlete>.
func generateFormats(root string) error {
	tmp := fmt.Sprintf("%s.tmp-%d", root, os.Getpid())
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	s := hourSeason(teamPatterns[0], 0, runsPerAthlete)
	s.Runs = s.Runs[:formatRuns]
	for _, f := range synth.Formats {
		if _, err := s.WriteAs(filepath.Join(tmp, string(f), s.Athlete), f); err != nil {
			return fmt.Errorf("generating the %s runs: %w", f, err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return err
	}
	os.RemoveAll(root)
	return os.Rename(tmp, root)
}

func loadFormats(root string) (*formatSet, error) {
	fs := &formatSet{dirs: map[synth.Format]string{}, files: map[synth.Format][]string{}, bytes: map[synth.Format]int64{}}
	for _, f := range synth.Formats {
		files, err := filepath.Glob(filepath.Join(root, string(f), "*", "*."+string(f)))
		if err != nil {
			return nil, err
		}
		if len(files) != formatRuns {
			return nil, fmt.Errorf("%s: %d %s files, want %d", root, len(files), f, formatRuns)
		}
		for _, p := range files {
			st, err := os.Stat(p)
			if err != nil {
				return nil, err
			}
			fs.bytes[f] += st.Size()
		}
		fs.dirs[f] = filepath.Dir(files[0])
		fs.files[f] = files
	}
	return fs, nil
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// perRun is the best (smallest) wall and CPU time per run seen for a
// format, the reference the other formats are divided by.
type perRun struct{ wall, cpu float64 }

// fitRef keeps the best FIT figures of each benchmark family, so that the
// text formats report x_fit (wall) and x_fit_cpu against the same runs as
// FIT measured in the same process. The fit leaf runs first (with -count,
// all its counts first); with -bench filters that leave it out, no ratio
// is reported.
var fitRef = map[string]perRun{}

// reportPerRun reports ms/run and cpu_ms/run, and for a format other than
// FIT its ratios to the best FIT figures of family.
func reportPerRun(b *testing.B, family string, f synth.Format, wall, cpu time.Duration, runs int) {
	n := float64(b.N * runs)
	w, c := float64(wall.Nanoseconds())/n, float64(cpu.Nanoseconds())/n
	b.ReportMetric(w/1e6, "ms/run")
	b.ReportMetric(c/1e6, "cpu_ms/run")
	if f == synth.FIT {
		ref, ok := fitRef[family]
		if !ok || w < ref.wall {
			ref.wall = w
		}
		if !ok || c < ref.cpu {
			ref.cpu = c
		}
		fitRef[family] = ref
		return
	}
	if ref, ok := fitRef[family]; ok {
		b.ReportMetric(w/ref.wall, "x_fit")
		b.ReportMetric(c/ref.cpu, "x_fit_cpu")
	}
}

// BenchmarkFormatDecode reads the same runs as FIT, TCX, GPX and per-second
// CSV through ingest.Read on one core (GOMAXPROCS=1), samples recycled as
// the pipeline does: MB/s is the decoder's speed on its own format's
// bytes, x_fit and x_fit_cpu the cost per run against FIT.
func BenchmarkFormatDecode(b *testing.B) {
	fs := benchFormats(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ctx := context.Background()
	for _, f := range synth.Formats {
		b.Run(string(f), func(b *testing.B) {
			b.SetBytes(fs.bytes[f])
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				for _, p := range fs.files[f] {
					n := 0
					probs := ingest.Read(ctx, p, ingest.Options{}, func(a *ingest.Activity) { n += a.Samples.Len(); a.Samples.Recycle() })
					if len(probs) > 0 {
						b.Fatal(probs[0].Err)
					}
					if n < 3500 {
						b.Fatalf("%s: %d samples, want one hour at 1 Hz", p, n)
					}
				}
			}
			reportPerRun(b, "decode", f, b.Elapsed(), cpuTime()-cpu0, formatRuns)
		})
	}
}

// BenchmarkFormatAnalyze runs `itbcheck analyze --format json --jobs 1` as
// a process over the same runs in each format: the whole program (decode,
// metrics, season, rules, report) as a runner would run it. cpu_ms/run is
// the process's CPU time per run, measured through the peakrss wrapper.
func BenchmarkFormatAnalyze(b *testing.B) {
	fs := benchFormats(b)
	bin := itbcheckBinary(b)
	for _, f := range synth.Formats {
		b.Run(string(f), func(b *testing.B) {
			b.SetBytes(fs.bytes[f])
			var u usage
			for b.Loop() {
				u = u.max(runMeasured(b, bin, "analyze", "--format", "json", "--jobs", "1", "-q", fs.dirs[f]))
			}
			b.ReportMetric(float64(u.peakKiB)/1024, "peak_MiB")
			reportPerRun(b, "analyze", f, b.Elapsed(), u.cpu, formatRuns)
		})
	}
}

// TestFormatsSameRuns checks that the format benchmarks compare like with
// like: each format of a run gives the same run to the analysis, within
// what the format can carry (GPX has no distance: it is computed from the
// positions; TCX's RunCadence is whole strides).
func TestFormatsSameRuns(t *testing.T) {
	s := hourSeason(teamPatterns[0], 0, runsPerAthlete)
	r := s.Runs[0]
	r.Interval = 2 * time.Second
	measured := map[synth.Format]analysis.Run{}
	dir := t.TempDir()
	for _, f := range synth.Formats {
		data, err := synth.EncodeRunAs(r, f)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "run."+string(f))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		probs := ingest.Read(context.Background(), p, ingest.Options{}, func(a *ingest.Activity) {
			if a.Sport != ingest.SportRunning {
				t.Errorf("%s: sport %v", f, a.Sport)
			}
			measured[f] = analysis.Measure(a, time.UTC)
		})
		if len(probs) > 0 {
			t.Fatalf("%s: %v", f, probs[0].Err)
		}
	}
	want := measured[synth.FIT]
	for _, f := range synth.Formats[1:] {
		got, ok := measured[f]
		if !ok {
			t.Fatalf("%s: no run", f)
		}
		if !got.Start.Equal(want.Start) {
			t.Errorf("%s: start %v, FIT %v", f, got.Start, want.Start)
		}
		near := func(what string, g, w, tol float64) {
			if math.IsNaN(g) || math.Abs(g-w) > tol {
				t.Errorf("%s: %s %.3f, FIT %.3f", f, what, g, w)
			}
		}
		near("distance km", got.DistanceKm, want.DistanceKm, 0.02*want.DistanceKm)
		near("duration s", got.DurationS, want.DurationS, 2)
		near("cadence spm", got.CadenceSPM, want.CadenceSPM, 1.5)
	}
}
