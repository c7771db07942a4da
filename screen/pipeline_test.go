package screen

import (
	"context"
	"errors"
	"fmt"
	"github.com/itbcheck/itbcheck/testkit/moddir"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// writeFiles creates the named files (relative to root) with some bytes.
func writeFiles(t *testing.T, root string, names ...string) {
	t.Helper()
	for _, n := range names {
		p := filepath.Join(root, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("data of "+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fakeRead emits two activities per file after a random delay, fails files
// named bad*, and panics on files named panic*.
func fakeRead(ctx context.Context, path string, opt ingest.Options, fn func(*ingest.Activity)) []ingest.Problem {
	time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
	base := filepath.Base(path)
	switch {
	case strings.HasPrefix(base, "bad"):
		return []ingest.Problem{{Path: path, Err: fmt.Errorf("%w: bad data\nsecond line", ingest.ErrCorrupt)}}
	case strings.HasPrefix(base, "panic"):
		panic("decoder bug")
	}
	// The minute comes from the number in the name (run07 → 07), so no two
	// runs of one athlete start within the duplicate window; a name without
	// a number falls back on a hash of its base name. (A hash of the whole
	// path made the test flaky: temp dirs are random, and two runs a minute
	// apart with no distance are one run to analysis.)
	minute := uint32(0)
	if n, err := strconv.Atoi(strings.TrimFunc(strings.TrimSuffix(base, filepath.Ext(base)), func(r rune) bool { return r < '0' || r > '9' })); err == nil {
		minute = uint32(n) * 7
	} else {
		h := fnv.New32a()
		h.Write([]byte(base))
		minute = h.Sum32() % 300
	}
	for i := range 2 {
		// The day comes from the length of the name (so tests can aim at dates).
		day := time.Date(2026, 5, 1+len(base)%20, 6+i*6, 0, 0, 0, time.UTC).Add(time.Duration(minute) * time.Minute)
		fn(&ingest.Activity{Source: fmt.Sprintf("%s#%d", path, i), Sport: ingest.SportRunning, Start: day})
	}
	return nil
}

func useRead(t *testing.T, f func(context.Context, string, ingest.Options, func(*ingest.Activity)) []ingest.Problem) {
	t.Helper()
	old := readFile
	readFile = f
	t.Cleanup(func() { readFile = old })
}

// digest lists what a report holds in order: run sources and failures.
func digest(as []*Athlete) []string {
	var out []string
	for _, a := range as {
		out = append(out, "athlete "+a.Name)
		if a.Season != nil {
			for _, r := range a.Season.Runs {
				out = append(out, "run "+r.Source)
			}
		}
		for _, f := range a.InputsFailed {
			out = append(out, "failed "+f.Path+": "+f.Reason())
		}
		out = append(out, fmt.Sprintf("skipped %d", a.Skipped))
	}
	return out
}

func TestRunOrderIndependentOfJobs(t *testing.T) {
	useRead(t, fakeRead)
	root := t.TempDir()
	var names []string
	for i := range 30 {
		names = append(names, fmt.Sprintf("alice/run%02d.fit", i), fmt.Sprintf("bob/x/run%02d.tcx", i))
	}
	writeFiles(t, root, append(names, "alice/bad.fit", "bob/panic.gpx", "bob/notes.txt")...)
	athletes := []AthleteInput{
		{Name: "alice", Paths: []string{filepath.Join(root, "alice")}, Params: analysis.Params{Location: time.UTC}},
		{Name: "bob", Paths: []string{filepath.Join(root, "bob"), filepath.Join(root, "missing")}},
	}
	var want []string
	for _, jobs := range []int{1, 2, 8, 0} {
		got, err := Run(context.Background(), athletes, Options{Jobs: jobs})
		if err != nil {
			t.Fatalf("jobs %d: %v", jobs, err)
		}
		d := digest(got)
		if want == nil {
			want = d
			continue
		}
		if !reflect.DeepEqual(d, want) {
			t.Errorf("jobs %d: result differs from jobs 1:\n%s\nwant\n%s", jobs, strings.Join(d, "\n"), strings.Join(want, "\n"))
		}
	}
	// Shape of the jobs-1 result.
	if want[0] != "athlete alice" || !contains(want, "run "+filepath.Join(root, "alice", "run00.fit#1")) {
		t.Errorf("result lacks alice's runs: %q", want)
	}
	got, _ := Run(context.Background(), athletes, Options{Jobs: 4})
	a, b := got[0], got[1]
	if n := len(a.InputsFailed); n != 1 || a.InputsFailed[0].Reason() != "corrupt: bad data second line" {
		t.Errorf("alice failures = %+v, want the bad file on one line", a.InputsFailed)
	}
	if len(b.InputsFailed) != 2 {
		t.Errorf("bob failures = %+v, want the missing path and the panicking file", b.InputsFailed)
	}
	if b.Skipped != 1 {
		t.Errorf("bob skipped = %d, want 1 (notes.txt)", b.Skipped)
	}
	for _, f := range b.InputsFailed {
		if strings.HasSuffix(f.Path, "panic.gpx") && !strings.Contains(f.Reason(), "decoder bug") {
			t.Errorf("panic failure reason %q does not name the panic", f.Reason())
		}
	}
}

func TestRunSinceUntil(t *testing.T) {
	useRead(t, fakeRead)
	root := t.TempDir()
	// fakeRead dates a file by the length of its base name: day 1 + len%20.
	writeFiles(t, root, "a.fit", "aaaaa.fit", "aaaaaaaaaa.fit") // 5, 9, 14 chars: May 6, 10, 15
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name         string
		since, until time.Time
		want         int
	}{
		{"open", time.Time{}, time.Time{}, 6},
		{"since inclusive", day("2026-05-10"), time.Time{}, 4},
		{"until inclusive", time.Time{}, day("2026-05-10"), 4},
		{"window", day("2026-05-07"), day("2026-05-14"), 2},
		{"empty", day("2026-06-01"), time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Run(context.Background(), []AthleteInput{{Name: "a", Paths: []string{root}}}, Options{Since: tt.since, Until: tt.until})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(got[0].Season.Runs); n != tt.want {
				t.Errorf("runs = %d, want %d", n, tt.want)
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	root := t.TempDir()
	var names []string
	for i := range 50 {
		names = append(names, fmt.Sprintf("r%02d.fit", i))
	}
	writeFiles(t, root, names...)
	useRead(t, func(ctx context.Context, path string, opt ingest.Options, fn func(*ingest.Activity)) []ingest.Problem {
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
		}
		return nil
	})
	athletes := []AthleteInput{{Name: "a", Paths: []string{root}}}

	t.Run("before start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		got, err := Run(ctx, athletes, Options{Jobs: 2})
		if !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("Run = %v, %v; want nil, context.Canceled", got, err)
		}
	})
	t.Run("midway", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		calls := 0
		start := time.Now()
		got, err := Run(ctx, athletes, Options{Jobs: 2, Progress: func(done, total int, _ int64) {
			calls++
			if total != 50 {
				t.Errorf("total = %d, want 50", total)
			}
			if done == 3 {
				cancel()
			}
		}})
		if !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("Run = %v, %v; want nil, context.Canceled", got, err)
		}
		if calls > 5 {
			t.Errorf("progress called %d times after cancel at 3", calls)
		}
		if el := time.Since(start); el > 500*time.Millisecond {
			t.Errorf("cancel took %v; 50 files at 20 ms on 2 workers would take 500 ms", el)
		}
	})
}

func TestRunRealFIT(t *testing.T) {
	// Real decoders on real FIT files: whatever the FIT decoder's state, the
	// result must not depend on the number of workers.
	src := moddir.Testdata(t, "github.com/muktihari/fit", "from_official_sdk")
	matches, _ := filepath.Glob(filepath.Join(src, "*.fit"))
	if len(matches) == 0 {
		t.Fatalf("no FIT test files in %s", src)
	}
	root := t.TempDir()
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, filepath.Base(m)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	athletes := []AthleteInput{{Name: "sdk", Paths: []string{root}, Params: analysis.Params{Location: time.UTC}}}
	one, err := Run(context.Background(), athletes, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	many, err := Run(context.Background(), athletes, Options{Jobs: 8})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := digest(one), digest(many); !reflect.DeepEqual(a, b) {
		t.Errorf("jobs 1 and 8 differ:\n%s\n---\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestFailedInputReason(t *testing.T) {
	_, err := os.Stat("/no/such/path")
	if got := (FailedInput{Path: "/no/such/path", Err: err}).Reason(); got != "no such file or directory" {
		t.Errorf("Reason(stat error) = %q", got)
	}
	err = fmt.Errorf("%s: truncated\n FIT   data", "a.fit")
	if got := (FailedInput{Path: "a.fit", Err: err}).Reason(); got != "truncated FIT data" {
		t.Errorf("Reason = %q", got)
	}
	in := nothingReadable([]string{"x"}, 0, 0)
	if !errors.Is(in.Err, ingest.ErrNothingReadable) || !in.NothingReadable() {
		t.Errorf("nothingReadable lost its class: %v", in.Err)
	}
	if got, want := in.Reason(), "nothing readable: no activity files (FIT, CSV, TCX, GPX or zip) found"; got != want {
		t.Errorf("nothing readable reason %q, want %q", got, want)
	}
}

// TestRunDone: with Options.Done each athlete is handed on once, with its
// index, as the athletes Run returns without it; Run then returns none.
// An error from Done stops the run and is Run's error.
func TestRunDone(t *testing.T) {
	useRead(t, fakeRead)
	root := t.TempDir()
	var names []string
	for i := range 12 {
		for _, a := range []string{"alice", "bob", "carl"} {
			names = append(names, fmt.Sprintf("%s/run%02d.fit", a, i))
		}
	}
	writeFiles(t, root, append(names, "carl/bad.fit")...)
	var athletes []AthleteInput
	for _, a := range []string{"alice", "bob", "carl", "empty"} {
		athletes = append(athletes, AthleteInput{Name: a, Paths: []string{filepath.Join(root, a)}})
	}
	want, err := Run(context.Background(), athletes, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]*Athlete, len(athletes))
	out, err := Run(context.Background(), athletes, Options{Jobs: 2, Done: func(i int, a *Athlete) error {
		if got[i] != nil {
			t.Errorf("athlete %d handed on twice", i)
		}
		got[i] = a
		return nil
	}})
	if err != nil || out != nil {
		t.Fatalf("Run with Done = %v, %v; want no reports, no error", out, err)
	}
	if d, w := digest(got), digest(want); !reflect.DeepEqual(d, w) {
		t.Errorf("athletes handed on:\n%s\nwant\n%s", strings.Join(d, "\n"), strings.Join(w, "\n"))
	}

	stop := errors.New("disk full")
	calls := 0
	_, err = Run(context.Background(), athletes, Options{Jobs: 2, Done: func(int, *Athlete) error {
		calls++
		return stop
	}})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Done failing: Run = %v after %d calls, want %v after 1", err, calls, stop)
	}
}

// TestRunWalksAsItGoes: the athletes' folders are walked one at a time as
// the decoders need files, so the team's list of files is never held:
// when the first file is done, only the first athletes' files are known;
// by the end, all of them, each read once.
func TestRunWalksAsItGoes(t *testing.T) {
	useRead(t, fakeRead)
	root := t.TempDir()
	const athletes, perAthlete = 8, 4
	var in []AthleteInput
	for a := range athletes {
		name := fmt.Sprintf("a%d", a)
		for f := range perAthlete {
			writeFiles(t, root, fmt.Sprintf("%s/run%02d.fit", name, f))
		}
		in = append(in, AthleteInput{Name: name, Paths: []string{filepath.Join(root, name)},
			Params: analysis.Params{Location: time.UTC, LoadMetric: analysis.LoadDistance}})
	}
	var totals []int
	lastDone := 0
	out, err := Run(context.Background(), in, Options{Jobs: 1, Progress: func(done, total int, _ int64) {
		totals = append(totals, total)
		lastDone = done
	}})
	if err != nil {
		t.Fatal(err)
	}
	all := athletes * perAthlete
	if len(totals) != all || lastDone != all || totals[len(totals)-1] != all {
		t.Fatalf("%d progress calls, last done %d of %v; want %d files", len(totals), lastDone, totals[len(totals)-1:], all)
	}
	if totals[0] > 2*perAthlete {
		t.Errorf("when the first file was done, %d files were known: the walk ran ahead of the decoders (want at most 2 athletes' %d)", totals[0], 2*perAthlete)
	}
	for _, a := range out {
		if n := len(a.Season.Runs); n != 2*perAthlete {
			t.Errorf("%s: %d runs, want %d", a.Name, n, 2*perAthlete)
		}
	}
}
