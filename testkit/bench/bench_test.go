package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/proto"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/screen"
)

// typedNsPerByte is the cost of the reference decode: muktihari/fit's typed
// decoder (filedef listener building a filedef.Activity) on one core, in
// nanoseconds per byte of FIT file (the fastest measured). BenchmarkTypedDecode sets it; the other
// benchmarks divide their time by it to report "x_typed", the fraction of
// that reference's time they take on the same bytes (lower is better).
var typedNsPerByte float64

// BenchmarkTypedDecode is the reference: every file of the team through
// muktihari/fit's typed decoder, GOMAXPROCS=1.
func BenchmarkTypedDecode(b *testing.B) {
	t := benchTeam(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.SetBytes(t.bytes)
	b.ReportAllocs()
	br := bufio.NewReaderSize(nil, 64<<10)
	for b.Loop() {
		if _, err := typedDecodeAll(t.files, br); err != nil {
			b.Fatal(err)
		}
	}
	// With -count, keep the fastest reference: a run slowed by other load
	// on the machine must not flatter the ratios.
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(t.bytes)
	if typedNsPerByte == 0 || ns < typedNsPerByte {
		typedNsPerByte = ns
	}
}

// typedRef returns typedNsPerByte, measuring it with one timed pass when
// BenchmarkTypedDecode did not run (a -bench filter left it out).
func typedRef(b *testing.B, t *team) float64 {
	if typedNsPerByte == 0 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		br := bufio.NewReaderSize(nil, 64<<10)
		typedDecodeAll(t.files, br) // warm the page cache
		start := time.Now()
		if _, err := typedDecodeAll(t.files, br); err != nil {
			b.Fatal(err)
		}
		typedNsPerByte = float64(time.Since(start).Nanoseconds()) / float64(t.bytes)
	}
	return typedNsPerByte
}

// reportRatio reports the time per op as a fraction of the typed decode of
// the same bytes.
func reportRatio(b *testing.B, ref float64, bytes int64) {
	perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp/(ref*float64(bytes)), "x_typed")
}

// typedDecodeAll decodes files with the typed decoder and returns the
// number of records read.
func typedDecodeAll(files []string, br *bufio.Reader) (int, error) {
	records := 0
	lis := filedef.NewListener()
	defer lis.Close()
	dec := decoder.New(nil, decoder.WithMesgListener(lis), decoder.WithBroadcastOnly())
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return records, err
		}
		br.Reset(f)
		dec.Reset(br, decoder.WithMesgListener(lis), decoder.WithBroadcastOnly())
		for dec.Next() {
			if _, err := dec.Decode(); err != nil {
				f.Close()
				return records, fmt.Errorf("%s: %w", path, err)
			}
			if a, ok := lis.File().(*filedef.Activity); ok {
				records += len(a.Records)
			}
		}
		f.Close()
	}
	return records, nil
}

// BenchmarkFieldDecode is muktihari/fit's decoder producing field values
// (proto.Message) to a listener that drops them, without typed structs:
// a point of comparison, one core.
func BenchmarkFieldDecode(b *testing.B) {
	t := benchTeam(b)
	ref := typedRef(b, t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.SetBytes(t.bytes)
	b.ReportAllocs()
	br := bufio.NewReaderSize(nil, 64<<10)
	dec := decoder.New(nil)
	for b.Loop() {
		for _, path := range t.files {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			br.Reset(f)
			dec.Reset(br, decoder.WithMesgListener(dropMesgs{}), decoder.WithBroadcastOnly())
			for dec.Next() {
				if _, err := dec.Decode(); err != nil {
					b.Fatal(err)
				}
			}
			f.Close()
		}
	}
	reportRatio(b, ref, t.bytes)
}

type dropMesgs struct{}

func (dropMesgs) OnMesg(proto.Message) {}

// BenchmarkRawFraming splits the files into messages with muktihari/fit's
// RawDecoder and does nothing with them: the practical ceiling of any
// decoder that reads every byte, one core.
func BenchmarkRawFraming(b *testing.B) {
	t := benchTeam(b)
	ref := typedRef(b, t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.SetBytes(t.bytes)
	b.ReportAllocs()
	br := bufio.NewReaderSize(nil, 64<<10)
	raw := decoder.NewRaw()
	messages := 0
	for b.Loop() {
		for _, path := range t.files {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			br.Reset(f)
			if _, err := raw.Decode(br, func(flag decoder.RawFlag, _ []byte) error {
				if flag == decoder.RawFlagMesgData {
					messages++
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	}
	reportRatio(b, ref, t.bytes)
}

// BenchmarkDecodeOne reads one one-hour 1 Hz run through ingest.Read.
func BenchmarkDecodeOne(b *testing.B) {
	t := benchTeam(b)
	path := t.files[0]
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	ref := typedRef(b, t)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		n := 0
		// Recycle the samples as the pipeline does once a run is measured.
		if probs := ingest.Read(ctx, path, ingest.Options{}, func(a *ingest.Activity) { n += a.Samples.Len(); a.Samples.Recycle() }); len(probs) > 0 {
			b.Fatal(probs[0].Err)
		}
		if n < 3500 {
			b.Fatalf("%d samples, want one hour at 1 Hz", n)
		}
	}
	reportRatio(b, ref, st.Size())
}

// BenchmarkSeason analyses one athlete's season (80 one-hour runs): decode,
// Measure, NewSeason, rules, and the JSON report, with the default jobs.
func BenchmarkSeason(b *testing.B) {
	t := benchTeam(b)
	ref := typedRef(b, t)
	var bytes int64
	for _, f := range t.athletes[0] {
		if st, err := os.Stat(f); err == nil {
			bytes += st.Size()
		}
	}
	dir := filepath.Dir(t.athletes[0][0])
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		analyseAndRender(b, []string{dir}, 0)
	}
	reportRatio(b, ref, bytes)
}

// BenchmarkBatch analyses the whole team through the pipeline, with one
// decoder and with two, and renders the JSON report.
func BenchmarkBatch(b *testing.B) {
	t := benchTeam(b)
	ref := typedRef(b, t)
	var dirs []string
	for _, files := range t.athletes {
		dirs = append(dirs, filepath.Dir(files[0]))
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.SetBytes(t.bytes)
			b.ReportAllocs()
			for b.Loop() {
				analyseAndRender(b, dirs, jobs)
			}
			reportRatio(b, ref, t.bytes)
		})
	}
}

// analyseAndRender runs the pipeline over one athlete per folder and
// renders the JSON report.
func analyseAndRender(b *testing.B, dirs []string, jobs int) {
	var athletes []screen.AthleteInput
	for _, d := range dirs {
		athletes = append(athletes, screen.AthleteInput{
			Name:  filepath.Base(d),
			Paths: []string{d},
			Params: analysis.Params{Location: time.UTC, LoadMetric: analysis.LoadDistance,
				MaxHR: math.NaN(), RestHR: math.NaN()},
		})
	}
	out, err := screen.Run(context.Background(), athletes, screen.Options{Jobs: jobs})
	if err != nil {
		b.Fatal(err)
	}
	runs := 0
	for _, a := range out {
		if len(a.InputsFailed) > 0 {
			b.Fatalf("%s: %s", a.InputsFailed[0].Path, a.InputsFailed[0].Reason())
		}
		runs += len(a.Season.Runs)
	}
	if runs == 0 {
		b.Fatal("no runs analysed")
	}
	s, err := report.NewStream(io.Discard, "json", report.Header{Tool: screen.Tool{Name: "itbcheck", Version: "bench"}, Athletes: len(out)})
	for i := 0; err == nil && i < len(out); i++ {
		err = s.Add(i, out[i])
	}
	if err == nil {
		err = s.Close()
	}
	if err != nil {
		b.Fatal(err)
	}
}

var (
	binOnce sync.Once
	binDir  string // removed by TestMain
	binPath string
	rssPath string // the peakrss wrapper
	binErr  error
)

// TestMain removes the CLI binary the benchmarks built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// itbcheckBinary builds the CLI and the peakrss wrapper once per process.
func itbcheckBinary(b *testing.B) string {
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "itbcheck-bench-bin")
		if err != nil {
			binErr = err
			return
		}
		binDir, binPath, rssPath = dir, filepath.Join(dir, "itbcheck"), filepath.Join(dir, "peakrss")
		goTool, err := exec.LookPath("go")
		if err != nil {
			binErr = err
			return
		}
		for pkg, out := range map[string]string{"cmd/itbcheck": binPath, "testkit/bench/peakrss": rssPath} {
			log, err := exec.Command(goTool, "build", "-o", out, "github.com/itbcheck/itbcheck/"+pkg).CombinedOutput()
			if err != nil {
				binErr = fmt.Errorf("go build %s: %v\n%s", pkg, err, log)
				return
			}
		}
	})
	if binErr != nil {
		b.Fatal(binErr)
	}
	return binPath
}

// BenchmarkCLI runs `itbcheck batch --format json --jobs 2` as a separate
// process over 1×, 2×, 4× and 16× the team. Besides the time it reports
// the process's CPU time (cpu_s, user and system: on a shared 2-core
// machine a better measure of work than wall time) and its peak resident
// memory (peak_MiB, the largest of the iterations), measured through the
// peakrss wrapper so that the benchmark's own memory cannot leak in.
// Memory must stay flat as the team grows, and time must grow linearly.
func BenchmarkCLI(b *testing.B) {
	t := benchTeam(b)
	ref := typedRef(b, t)
	bin := itbcheckBinary(b)
	b.Run("version", func(b *testing.B) { // the floor: the program doing nothing
		var u usage
		for b.Loop() {
			u = u.max(runMeasured(b, bin, "version"))
		}
		u.report(b, 1)
	})
	for _, k := range []int{1, 2, 4, 16} {
		b.Run(fmt.Sprintf("team=%dx", k), func(b *testing.B) {
			root, err := t.replicated(k)
			if err != nil {
				b.Fatal(err)
			}
			bytes := int64(k) * t.bytes
			b.SetBytes(bytes)
			var u usage
			for b.Loop() {
				u = u.max(runMeasured(b, bin, "batch", "--format", "json", "--jobs", "2", "-q", root))
			}
			reportRatio(b, ref, bytes)
			u.report(b, 1)
		})
	}
}

// BenchmarkCLIFolder runs `itbcheck batch --format html -o DIR --jobs 2`
// over 1× and 16× the team, as BenchmarkCLI does the JSON report: each
// athlete's page (charts drawn) is written as soon as that athlete is done
// and the index links to the pages, so peak_MiB must stay flat too.
func BenchmarkCLIFolder(b *testing.B) {
	t := benchTeam(b)
	bin := itbcheckBinary(b)
	for _, k := range []int{1, 16} {
		b.Run(fmt.Sprintf("team=%dx", k), func(b *testing.B) {
			root, err := t.replicated(k)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(k) * t.bytes)
			var u usage
			for b.Loop() {
				out := b.TempDir()
				u = u.max(runMeasured(b, bin, "batch", "--format", "html", "-o", out, "--jobs", "2", "-q", root))
			}
			u.report(b, 1)
		})
	}
}

// usage is what peakrss measured of one process: its peak resident set and
// its CPU time. The cpu field is the total over the iterations.
type usage struct {
	peakKiB int64
	cpu     time.Duration
	n       int
}

// max adds v's CPU time and keeps the larger peak.
func (u usage) max(v usage) usage {
	return usage{peakKiB: max(u.peakKiB, v.peakKiB), cpu: u.cpu + v.cpu, n: u.n + v.n}
}

// report reports the peak in MiB and the CPU time per iteration, divided
// by per (the runs an iteration covers, 1 for the whole process) as
// cpu_ms/run, else as cpu_s.
func (u usage) report(b *testing.B, per int) {
	b.ReportMetric(float64(u.peakKiB)/1024, "peak_MiB")
	cpu := u.cpu.Seconds() / float64(u.n)
	if per > 1 {
		b.ReportMetric(1000*cpu/float64(per), "cpu_ms/run")
	} else {
		b.ReportMetric(cpu, "cpu_s")
	}
}

// runMeasured runs the CLI with args under the peakrss wrapper, output
// discarded, and returns its peak RSS and CPU time. Exit codes other than
// 0 fail the benchmark.
func runMeasured(b *testing.B, bin string, args ...string) usage {
	pr, pw, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	defer pr.Close()
	cmd := exec.Command(rssPath, append([]string{bin}, args...)...)
	cmd.Stdout = io.Discard
	// A fixed report date after the generated seasons (an epoch of 0 would
	// make every run one from the future).
	cmd.Env = append(os.Environ(), "ITBCHECK_NOW=2026-12-01T00:00:00Z")
	cmd.ExtraFiles = []*os.File{pw} // fd 3: peakrss's report
	var stderr []byte
	cmd.Stderr = writerFunc(func(p []byte) (int, error) { stderr = append(stderr, p...); return len(p), nil })
	err = cmd.Start()
	pw.Close()
	if err != nil {
		b.Fatal(err)
	}
	line, _ := io.ReadAll(pr)
	err = cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		b.Fatal(err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		b.Fatalf("itbcheck %s: exit %d: %s", args[0], code, stderr)
	}
	var u usage
	var userUs, sysUs int64
	if _, err := fmt.Sscanf(string(line), "maxrss_kib=%d user_us=%d sys_us=%d", &u.peakKiB, &userUs, &sysUs); err != nil {
		b.Fatalf("peakrss said %q: %v", line, err)
	}
	u.cpu, u.n = time.Duration(userUs+sysUs)*time.Microsecond, 1
	return u
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestHourSeason checks the team's shape without generating it (that is
// left to the benchmarks): 80 one-hour runs, no rides.
func TestHourSeason(t *testing.T) {
	for i, p := range teamPatterns {
		s := hourSeason(p, i, runsPerAthlete)
		if len(s.Runs) != runsPerAthlete {
			t.Fatalf("%s: %d runs, want %d", p, len(s.Runs), runsPerAthlete)
		}
		last := time.Time{}
		for _, r := range s.Runs {
			if !r.IsRun() {
				t.Errorf("%s: a %s in the team", p, r.Sport)
			}
			if d := r.Duration(); d < 59*time.Minute || d > 61*time.Minute {
				t.Errorf("%s %s: %v, want one hour", p, r.Start.Format(time.DateOnly), d)
			}
			if !r.Start.After(last) {
				t.Errorf("%s: runs out of order at %s", p, r.Start)
			}
			last = r.Start
		}
	}
}

// BenchmarkRunHeap measures the heap that the analysed runs keep: every
// file of the team read and reduced by analysis.Measure (samples recycled as
// the pipeline does), the runs held in one slice. heap_B/run is the live
// heap after a collection divided by the number of runs: the Run itself
// plus what it references (strings, the per-minute trace). It is what grows
// with the number of activities a batch holds.
func BenchmarkRunHeap(b *testing.B) {
	t := benchTeam(b)
	ctx := context.Background()
	live := func() uint64 {
		// Two collections: sync.Pool keeps recycled buffers for one.
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var perRun float64
	for b.Loop() {
		before := live()
		runs := make([]analysis.Run, 0, len(t.files))
		for _, f := range t.files {
			probs := ingest.Read(ctx, f, ingest.Options{}, func(a *ingest.Activity) {
				runs = append(runs, analysis.Measure(a, time.UTC))
				a.Samples.Recycle()
			})
			if len(probs) > 0 {
				b.Fatal(probs[0].Err)
			}
		}
		after := live()
		perRun = (float64(after) - float64(before)) / float64(len(runs))
		runtime.KeepAlive(runs)
	}
	b.ReportMetric(perRun, "heap_B/run")
}
