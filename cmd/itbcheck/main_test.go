package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/itbcheck/itbcheck/testkit/moddir"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/rules"
)

// origDir is the package folder, where go test starts (isolate moves
// each test elsewhere).
var origDir, _ = os.Getwd()

// fixedNow pins generated_at so reports compare byte for byte.
const fixedNow = "2026-06-22T10:00:00Z"

// isolate gives a test a clean environment: an empty working folder and
// config home, no ITBCHECK_* variables, a fixed clock.
func isolate(t *testing.T) string {
	t.Helper()
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "ITBCHECK_") || k == "SOURCE_DATE_EPOCH" || k == "NO_COLOR" {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	t.Setenv("ITBCHECK_NOW", fixedNow)
	return dir
}

// runCLI runs itbcheck in-process.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// writeFile writes content to dir/rel, creating folders.
func writeFile(t *testing.T, dir, rel, content string) string {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fitDir is the FIT SDK's folder in the module cache (the version go.mod
// requires), asked of the go command once by TestMain, before any test
// isolates itself: a go command run inside an isolated test writes its
// telemetry under the test's XDG_CONFIG_HOME, sometimes from a child
// process that outlives it, and the test's TempDir cleanup then fails
// with "directory not empty" under load.
var fitDir string

// fitDirErr is why fitDir is empty.
var fitDirErr error

// findFitDir sets fitDir.
func findFitDir() {
	fitDir, fitDirErr = moddir.Find("github.com/muktihari/fit")
}

// fitSamples copies real FIT files from the muktihari/fit module's test
// data into dir/rel and returns the folder.
func fitSamples(t *testing.T, dir, rel string) string {
	t.Helper()
	if fitDirErr != nil {
		t.Fatal(fitDirErr)
	}
	src := filepath.Join(fitDir, "testdata", "from_official_sdk")
	// Activities with a start time, so that the season stays short.
	names := []string{"Activity.fit", "HrmPluginTestActivity.fit", "WithGearChangeData.fit",
		"activity_lowbattery.fit", "activity_multisport.fit", "activity_poolswim.fit"}
	dst := filepath.Join(dir, rel)
	for _, name := range names {
		m := filepath.Join(src, name)
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatalf("FIT test data: %v", err)
		}
		writeFile(t, dst, filepath.Base(m), string(data))
	}
	return dst
}

// TestFitSamplesLeaveConfigHomeAlone: fitSamples runs no go command in an
// isolated test: one would write its telemetry (from a child that outlives
// it) into the test's XDG_CONFIG_HOME, and TempDir's cleanup would then
// fail under load ("directory not empty"), as TestEnvironmentRanges and
// TestStaleTemporariesCleaned did.
func TestFitSamplesLeaveConfigHomeAlone(t *testing.T) {
	dir := isolate(t)
	fitSamples(t, dir, "alice")
	if _, err := os.Stat(filepath.Join(dir, ".config", "go")); !os.IsNotExist(err) {
		t.Errorf("%s exists (or stat failed: %v): a go command ran inside the isolated test", filepath.Join(dir, ".config", "go"), err)
	}
}

func TestVersion(t *testing.T) {
	isolate(t)
	code, out, errOut := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "itbcheck "+version+" (") || !strings.Contains(out, runtime.Version()) || errOut != "" {
		t.Errorf("version = %d, %q, %q; want 0 and \"itbcheck %s (... go...\"", code, out, errOut, version)
	}
	if code, flagOut, _ := runCLI(t, "--version"); code != 0 || flagOut != out {
		t.Errorf("--version = %d, %q; want what version prints, %q", code, flagOut, out)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := isolate(t)
	f := writeFile(t, dir, "a/run.fit", "x")
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no path", []string{"analyze"}, "requires at least 1 arg"},
		{"unknown command", []string{"analyse", f}, `unknown command "analyse"`},
		{"unknown flag", []string{"analyze", "--colour", f}, "unknown flag: --colour"},
		{"unknown format", []string{"analyze", "--format", "pdf", f}, "--format pdf: unknown format"},
		{"junit outside check", []string{"analyze", "--format", "junit", f}, "--format junit"},
		{"bad since", []string{"analyze", "--since", "2026-13-01", f}, "--since 2026-13-01: not a date"},
		{"bad until", []string{"analyze", "--until", "yesterday", f}, "--until yesterday: not a date"},
		{"until before since", []string{"analyze", "--since", "2026-05-02", "--until", "2026-05-01", f}, "is before --since"},
		{"negative jobs", []string{"analyze", "--jobs", "-1", f}, "--jobs -1"},
		{"bad jobs", []string{"analyze", "--jobs", "many", f}, "--jobs many: want a whole number"},
		{"bad fail-on", []string{"check", "--fail-on", "severe", f}, "--fail-on"},
		{"missing config", []string{"analyze", "--config", filepath.Join(dir, "nope.yaml"), f}, "nope.yaml: no such file"},
		{"batch without root", []string{"batch"}, "missing ROOT"},
		{"batch missing root", []string{"batch", filepath.Join(dir, "nope")}, "nope"},
		{"batch of files only", []string{"batch", filepath.Join(dir, "a")}, "no athlete sub-folders"},
		{"check without path", []string{"check"}, "at least one PATH"},
		{"inspect html", []string{"inspect", "--format", "html", f}, "--format html"},
		{"rules with an unknown id", []string{"rules", "x"}, "x: unknown rule id"},
		{"bad ITBCHECK_NOW", []string{"analyze", f}, "ITBCHECK_NOW"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "bad ITBCHECK_NOW" {
				t.Setenv("ITBCHECK_NOW", "noon")
			}
			code, out, errOut := runCLI(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit = %d, want 2; stderr %q", code, errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.want)
			}
			errors := 0
			for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
				if !strings.Contains(l, "warning:") {
					errors++
				}
			}
			if errors != 1 {
				t.Errorf("stderr has %d error lines, want one: %q", errors, errOut)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	dir := isolate(t)
	f := writeFile(t, dir, "a/run.fit", "x")
	tests := []struct {
		name   string
		config string
		want   string
	}{
		{"bad timezone", "timezone: Mars/Olympus\n", "timezone"},
		{"bad metric", "load:\n  metric: miles\n", "load.metric"},
		{"threshold order", "rules:\n  load-spike: {low: 2.0, medium: 1.5}\n", "rules.load-spike.medium"},
		{"threshold not a number", "rules:\n  load-spike: {low: lots}\n", "rules.load-spike.low"},
		{"unknown rule", "rules:\n  knee-pain: {low: 1}\n", "rules.knee-pain"},
		{"not yaml", "rules: [\n", "not valid YAML"},
		{"negative limit", "limits:\n  max_file_mb: -1\n", "limits.max_file_mb"},
		{"roster timezone", "athletes:\n  - name: alice\n    paths: [a]\n    timezone: Nowhere/Land\n", "athletes[0].timezone"},
		{"roster without name", "athletes:\n  - paths: [a]\n", "athletes[0].name"},
		{"negative shoe", "gear:\n  \"Old Clifton 8\": {prior_km: -5}\n", "Old Clifton 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := writeFile(t, dir, tt.name+".yaml", tt.config)
			code, out, errOut := runCLI(t, "analyze", "--config", cfg, f)
			if code != exitUsage || out != "" {
				t.Errorf("exit = %d, stdout %q; want 2 and nothing", code, out)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr = %q, want it to name %q", errOut, tt.want)
			}
		})
	}
	t.Run("unknown top-level key warns", func(t *testing.T) {
		cfg := writeFile(t, dir, "warn.yaml", "timezone: UTC\ncolour: red\n")
		code, _, errOut := runCLI(t, "rules", "--config", cfg)
		if code != 0 || !strings.Contains(errOut, `unknown key "colour"`) {
			t.Errorf("exit %d, stderr %q; want 0 and a warning naming colour", code, errOut)
		}
	})
}

func TestUnreadableInputExit3(t *testing.T) {
	dir := isolate(t)
	empty := writeFile(t, dir, "alice/empty.fit", "")
	for _, args := range [][]string{
		{"analyze", "--format", "json", empty},
		{"analyze", "--format", "json", filepath.Join(dir, "alice")},
		{"check", "--format", "json", filepath.Join(dir, "alice")},
		{"inspect", empty},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != exitInputs {
			t.Errorf("%v: exit = %d, want 3; stderr %q", args, code, errOut)
		}
	}
	_, _, errOut := runCLI(t, "inspect", empty)
	if !strings.Contains(errOut, "empty.fit") {
		t.Errorf("inspect stderr = %q, want the path of the unreadable file", errOut)
	}
}

func TestRulesCatalogue(t *testing.T) {
	isolate(t)
	if len(rules.All) == 0 {
		t.Skip("rules.All is empty")
	}
	ids := []string{"load-spike", "session-spike", "weekly-jump", "monotony", "cadence-drop", "low-cadence", "cadence-fade",
		"gct-imbalance", "asymmetry-drift", "downhill-load", "track-direction", "shoe-mileage", "compound-risk", "symptom"}
	code, out, _ := runCLI(t, "rules")
	if code != 0 {
		t.Fatalf("rules exit %d", code)
	}
	for _, id := range ids {
		if !strings.Contains(out, id) {
			t.Errorf("rules output lacks %s", id)
		}
	}
	cfg := writeFile(t, ".", "itbcheck.yaml", "rules:\n  load-spike: {medium: 1.7}\n  track-direction: {enabled: true}\n")
	code, out, errOut := runCLI(t, "rules", "--format", "json", "--config", cfg)
	if code != 0 {
		t.Fatalf("rules --format json exit %d: %s", code, errOut)
	}
	var got []report.RuleEntry
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("rules json: %v", err)
	}
	if len(got) != len(ids) {
		t.Errorf("rules json lists %d rules, want %d", len(got), len(ids))
	}
	for _, e := range got {
		switch e.ID {
		case "load-spike":
			if e.Thresholds.Medium == nil || *e.Thresholds.Medium != 1.7 {
				t.Errorf("load-spike medium = %v, want the config's 1.7", e.Thresholds.Medium)
			}
		case "track-direction":
			if !e.Enabled {
				t.Errorf("track-direction not enabled by the config")
			}
		}
	}
	code, out, _ = runCLI(t, "rules", "--format", "markdown")
	if code != 0 || !strings.Contains(out, "| `load-spike` |") {
		t.Errorf("rules markdown: exit %d, %q", code, out)
	}
}

func TestAthleteNameFromPaths(t *testing.T) {
	dir := t.TempDir()
	team := filepath.Join(dir, "alice")
	if err := os.Mkdir(team, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		paths []string
		want  string
	}{
		{[]string{team}, "alice"},
		{[]string{filepath.Join(team, "run.fit")}, "alice"},
		{[]string{team, filepath.Join(dir, "bob")}, filepath.Base(dir)},
		{[]string{"/missing.fit"}, "athlete"},
		{[]string{"/"}, "athlete"},
	} {
		if got := athleteNameFromPaths(tt.paths); got != tt.want {
			t.Errorf("athleteNameFromPaths(%q) = %q, want %q", tt.paths, got, tt.want)
		}
	}
}
