package main

import (
	"bytes"
	"errors"
	"github.com/itbcheck/itbcheck/screen"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/rules"
)

// TestProfileOverInputRefused: --cpuprofile and --memprofile get -o's
// guard: `analyze --cpuprofile prof/a.fit prof` once turned a.fit into a
// gzip profile. Now the run stops with exit 2 and the input is untouched,
// whether the input is a file argument, inside a folder argument or a
// batch ROOT.
func TestProfileOverInputRefused(t *testing.T) {
	dir := isolate(t)
	team := filepath.Join(dir, "team")
	athlete := fitSamples(t, team, "alice")
	victim := filepath.Join(athlete, "Activity.fit")
	before, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--cpuprofile", victim, "analyze", "--format", "json", athlete},
		{"--memprofile", victim, "analyze", "--format", "json", athlete},
		{"--cpuprofile", filepath.Join(athlete, "..", "alice", "Activity.fit"), "analyze", victim},
		{"--memprofile", victim, "batch", "--format", "json", team},
		{"--cpuprofile", victim, "inspect", victim},
		{"--cpuprofile", victim, "check", athlete},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "would overwrite the input") {
			t.Errorf("%q: exit %d, stderr %q; want 2 refusing to overwrite the input", args, code, stderr)
		}
		if after, _ := os.ReadFile(victim); !bytes.Equal(after, before) {
			t.Fatalf("%q: the input %s was changed", args, victim)
		}
	}
	// Beside the inputs, not over one: written, and no temporary left.
	prof := filepath.Join(athlete, "run.prof")
	if code, _, stderr := runCLI(t, "--cpuprofile", prof, "analyze", "--format", "json", victim); code != exitOK && code != exitInputs {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(prof); err != nil || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Errorf("%s: %v, not a profile", prof, err)
	}
	if m, _ := filepath.Glob(filepath.Join(athlete, ".*tmp")); len(m) > 0 {
		t.Errorf("temporaries left: %q", m)
	}
}

// TestEnvironmentRanges: a limits.max_file_mb whose bytes overflow (2^44+1
// MB once wrapped to a 1 MiB limit) and a SOURCE_DATE_EPOCH outside 0 to
// the year 9999 (once a generated_at in year -1199) are configuration
// errors: exit 2, nothing analysed.
func TestEnvironmentRanges(t *testing.T) {
	dir := isolate(t)
	athlete := fitSamples(t, dir, "alice")
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"ITBCHECK_LIMITS_MAX_FILE_MB": "17592186044417"}, "limits.max_file_mb: \"17592186044417\" (from env ITBCHECK_LIMITS_MAX_FILE_MB): too large"},
		{map[string]string{"ITBCHECK_LIMITS_MAX_RECORDS": "9999999999999"}, "limits.max_records: \"9999999999999\" (from env ITBCHECK_LIMITS_MAX_RECORDS): too large"},
		{map[string]string{"ITBCHECK_NOW": "", "SOURCE_DATE_EPOCH": "-99999999999"}, "SOURCE_DATE_EPOCH -99999999999: out of range"},
		{map[string]string{"ITBCHECK_NOW": "", "SOURCE_DATE_EPOCH": "253402300800"}, "out of range"},
		{map[string]string{"ITBCHECK_NOW": "", "SOURCE_DATE_EPOCH": "1e9"}, "not a whole number"},
	} {
		for k, v := range tc.env {
			t.Setenv(k, v)
		}
		code, stdout, stderr := runCLI(t, "analyze", "--format", "json", athlete)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with %q", tc.env, code, stderr, tc.want)
		}
		for k := range tc.env {
			os.Unsetenv(k)
		}
		t.Setenv("ITBCHECK_NOW", fixedNow)
	}
	t.Setenv("ITBCHECK_NOW", "")
	os.Unsetenv("ITBCHECK_NOW")
	t.Setenv("SOURCE_DATE_EPOCH", "253402300799")
	if code, stdout, stderr := runCLI(t, "analyze", "--format", "json", athlete); code == exitUsage || !strings.Contains(stdout, `"generated_at": "9999-12-31T23:59:59Z"`) {
		t.Errorf("the last second of 9999: exit %d, %s %.200s", code, stderr, stdout)
	}
}

// TestBatchLongAthleteName: one athlete folder of 250 bytes once failed
// the whole `batch -o` (exit 2, no report for anyone): its report name is
// shortened with a hash, and every athlete gets a report.
func TestBatchLongAthleteName(t *testing.T) {
	dir := isolate(t)
	team := filepath.Join(dir, "team")
	long := strings.Repeat("ü", 120) + "-runner" // 247 bytes
	long += strings.Repeat("x", 250-len(long))
	fitSamples(t, team, long)
	fitSamples(t, team, "bob")
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "batch", "--format", "json", "-o", out, team)
	if code != exitOK && code != exitInputs {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if len(e.Name()) > maxNameBytes+len(".json") {
			t.Errorf("%s: %d bytes", e.Name(), len(e.Name()))
		}
	}
	if len(names) != 5 || !strings.Contains(strings.Join(names, " "), "bob.json") || !slices.Contains(names, "itbcheck-report.json") || !slices.Contains(names, "team.csv") {
		t.Errorf("reports %q; want the long-named athlete's, bob's, the index, team.csv and the kept itbcheck-report.json", names)
	}
	if a, b := shortName(long), shortName(long+"y"); a == b || !strings.HasPrefix(a, "ü") {
		t.Errorf("shortName: %q and %q", a, b)
	}
}

// TestStaleTemporariesCleaned: a run killed mid-write (SIGKILL) leaves a
// hidden temporary and its lock file; the next run writing into that
// folder removes them, because the lock is free. A live run's temporary
// (its lock held, as by a run in another container), a temporary whose
// lock file is gone, an earlier version's and other programs' files stay,
// however old.
func TestStaleTemporariesCleaned(t *testing.T) {
	dir := isolate(t)
	athlete := fitSamples(t, dir, "alice")
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	const deadRun, liveRun, lostRun = "00000000000000d1", "00000000000000a1", "00000000000000f1"
	old := time.Now().Add(-48 * time.Hour)
	files := map[string]bool{ // name: must be removed
		".itbcheck-" + deadRun + "-4242.tmp":    true,
		".itbcheck-" + deadRun + ".lock":        true,
		".itbcheck-" + liveRun + "-77.tmp":      false, // its run holds the lock
		".itbcheck-" + liveRun + ".lock":        false,
		".itbcheck-" + lostRun + "-78.tmp":      false, // no lock file: not provably dead
		".itbcheck-4242-99.tmp":                 false, // an earlier version's naming
		".alice.json.123456.tmp":                false, // an earlier version's naming
		".keep.tmp":                             false, // not ours
		"notes.txt":                             false,
		".itbcheck-" + deadRun + "-1.tmp.extra": false,
	}
	for name := range files {
		p := writeFile(t, out, name, "partial")
		os.Chtimes(p, old, old)
	}
	live, err := os.OpenFile(filepath.Join(out, ".itbcheck-"+liveRun+".lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if !lockFile(live, false) {
		t.Skip("no file locks here: no temporary can be proved dead")
	}
	if code, _, stderr := runCLI(t, "analyze", "--format", "json", "-o", filepath.Join(out, "alice.json"), athlete); code != exitOK && code != exitInputs {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for name, gone := range files {
		_, err := os.Stat(filepath.Join(out, name))
		if gone && err == nil {
			t.Errorf("%s: stale temporary kept", name)
		}
		if !gone && err != nil {
			t.Errorf("%s: removed, but it is not provably a dead run's temporary of ours", name)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if _, listed := files[e.Name()]; !listed && e.Name() != "alice.json" {
			t.Errorf("%s left behind by the run", e.Name())
		}
	}
}

// TestFileTextEscapedOnStderr: a file named "x\n::error::..." once started
// a GitHub annotation line on stderr, and ESC sequences in names reached
// the terminal: the "cannot read" line shows them escaped, on one line.
func TestFileTextEscapedOnStderr(t *testing.T) {
	dir := isolate(t)
	athlete := filepath.Join(dir, "alice")
	writeFile(t, athlete, "x\n::error::forged\x1b[2J\u202e.fit", "not a FIT file at all")
	code, _, stderr := runCLI(t, "analyze", "--format", "json", athlete)
	if code != exitInputs {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(line, "itbcheck: ") {
			t.Errorf("stderr line %q does not start with itbcheck:", line)
		}
	}
	if strings.ContainsAny(stderr, "\x1b\u202e") || !strings.Contains(stderr, `x\n::error::forged\x1b[2J\u202e.fit`) {
		t.Errorf("stderr %q: want the name escaped", stderr)
	}
	// The same names in GitHub annotations.
	var b bytes.Buffer
	a := &screen.Athlete{Name: "al\x1b[31mice",
		Findings:     []rules.Finding{{Rule: rules.ByID("load-spike"), Severity: rules.High, Date: mustDay("2026-05-11"), Activity: "a\u202e.fit", Summary: "s"}},
		InputsFailed: []screen.FailedInput{{Path: "b\x1b.fit", Err: errors.New("bad \x9b")}}}
	s, err := report.NewStream(&b, "github", report.Header{Athletes: 1, Options: report.Options{FailOn: rules.Medium}})
	if err == nil {
		err = s.Add(0, a)
	}
	if err == nil {
		err = s.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\u202e\u009b") {
		t.Errorf("annotations hold raw control characters: %q", b.String())
	}
}
