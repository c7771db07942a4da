package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleTeam is the committed sample team.
var sampleTeam = filepath.Join("..", "..", "testdata", "sample")

// TestQuietVerdict: -q on analyze and batch still prints the one-line
// verdict on stderr, as check does, and nothing on stdout; the exit code
// is the command's own (0 here, with HIGH findings: analyze and batch do
// not gate), while check -q exits 1 by --fail-on.
func TestQuietVerdict(t *testing.T) {
	team, err := filepath.Abs(sampleTeam)
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	for _, tt := range []struct {
		args    []string
		code    int
		verdict string
	}{
		{[]string{"analyze", "-q", filepath.Join(team, "alice")}, exitOK, "itbcheck: 1 of 1 athlete at or above high"},
		{[]string{"batch", "-q", team}, exitOK, "itbcheck: 2 of 3 athletes at or above high"},
		{[]string{"check", "-q", "--team", team}, exitFindings, "itbcheck: 2 of 3 athletes at or above high"},
		{[]string{"check", "-q", "--team", team, "--fail-on", "medium"}, exitFindings, "itbcheck: 2 of 3 athletes at or above medium"},
	} {
		code, stdout, stderr := runBinary(t, tt.args...)
		if code != tt.code || stdout != "" || !strings.HasPrefix(stderr, tt.verdict) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %d bytes, stderr %q; want exit %d, no stdout, one line %q…",
				strings.Join(tt.args[:2], " "), code, len(stdout), stderr, tt.code, tt.verdict)
		}
	}
}

// TestCLIUsageExits: the command-line mistakes of issue 25 are usage
// errors (exit 2) in one line that says what is allowed.
func TestCLIUsageExits(t *testing.T) {
	team, err := filepath.Abs(sampleTeam)
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	for _, tt := range []struct {
		args  []string
		want  string
		never string
	}{
		{[]string{"completion", "tcsh"}, "completion tcsh: unsupported shell (want bash, zsh, fish or powershell)", ""},
		{[]string{"completion"}, "completion needs a shell: bash, zsh, fish or powershell", ""},
		{[]string{"inspect", team}, "is a folder: inspect takes files (analyze reads folders)", ""},
		{[]string{"check", "--fail-on", "critical", team}, "--fail-on critical: want low, medium or high", "info"},
		{[]string{"check", "--fail-on", "info", team}, "--fail-on info: want low, medium or high (info notes never fail a check)", ""},
		{[]string{"-v"}, "-v is --verbose, of analyze, batch and check; the version is --version", ""},
	} {
		code, stdout, stderr := runBinary(t, tt.args...)
		name := strings.Join(tt.args, " ")
		if code != exitUsage || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit 2, nothing on stdout", name, code, stdout)
		}
		if !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: stderr %q, want one line with %q", name, stderr, tt.want)
		}
		if tt.never != "" && strings.Contains(stderr, tt.never) {
			t.Errorf("%s: stderr %q names %q, which is not allowed", name, stderr, tt.never)
		}
	}
	// The shells it has scripts for still work, and a subcommand's -v is
	// its --verbose.
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if code, stdout, _ := runBinary(t, "completion", shell); code != exitOK || len(stdout) < 100 {
			t.Errorf("completion %s: exit %d, %d bytes", shell, code, len(stdout))
		}
	}
	_, brief, _ := runBinary(t, "analyze", filepath.Join(team, "alice"))
	code, verbose, _ := runBinary(t, "analyze", "-v", filepath.Join(team, "alice"))
	if code != exitOK || len(verbose) <= len(brief) || !strings.Contains(verbose, "(limit ") {
		t.Errorf("analyze -v: exit %d, %d bytes (brief %d): not --verbose", code, len(verbose), len(brief))
	}
}

// README's CI verdict example, fenced for TestREADMEVerdict.
const (
	verdictStart = "<!-- ci verdict: go test ./cmd/itbcheck -run TestREADMEVerdict -update -->\n```\n"
	verdictEnd   = "```\n<!-- end of ci verdict -->"
)

// TestREADMEVerdict checks that README's CI example shows the verdict
// check -q prints today on the sample team; -update rewrites it.
func TestREADMEVerdict(t *testing.T) {
	team, err := filepath.Abs(sampleTeam)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	_, _, stderr := runBinary(t, "check", "-q", "--team", team)
	want := "$ itbcheck check -q --team testdata/sample\n" + stderr
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, verdictStart), strings.Index(doc, verdictEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no CI verdict block (%q … %q)", verdictStart, verdictEnd)
	}
	if got := doc[i+len(verdictStart) : j]; got == want {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(readme, []byte(doc[:i+len(verdictStart)]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's CI verdict is not what itbcheck check -q prints today:\n%s\nrun go test ./cmd/itbcheck -run TestREADMEVerdict -update", want)
}

// TestBatchFolderTeamCSV: batch -o DIR writes the team table, team.csv,
// beside the index in every format, the same table --format csv prints.
func TestBatchFolderTeamCSV(t *testing.T) {
	team, err := filepath.Abs(sampleTeam)
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	_, want, _ := runBinary(t, "batch", "--format", "csv", team)
	for _, format := range []string{"html", "markdown", "json", "text"} {
		out := filepath.Join(dir, format)
		code, _, stderr := runBinary(t, "batch", "-o", out, "--format", format, team)
		if code != exitOK {
			t.Fatalf("batch -o DIR --format %s: exit %d: %s", format, code, stderr)
		}
		got, err := os.ReadFile(filepath.Join(out, "team.csv"))
		if err != nil || string(got) != want {
			t.Errorf("--format %s: team.csv %v, %d bytes; want the team table (%d bytes)", format, err, len(got), len(want))
		}
		if !strings.Contains(stderr, "team.csv)") {
			t.Errorf("--format %s: stderr does not name team.csv: %q", format, stderr)
		}
	}
}

// TestGitHubSymptomAnnotation: a GitHub annotation of a symptom finding
// points at the runner's symptom log and the line its episode starts on,
// not at a binary FIT file.
func TestGitHubSymptomAnnotation(t *testing.T) {
	carol, err := filepath.Abs(filepath.Join(sampleTeam, "carol"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	_, stdout, _ := runBinary(t, "check", "--format", "github", carol)
	log := filepath.Join(carol, "symptoms.csv")
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	found := false
	for _, l := range strings.Split(stdout, "\n") {
		if !strings.Contains(l, "itbcheck symptom") {
			continue
		}
		found = true
		var n int
		prefix := "::notice file=" + log + ",line="
		if strings.HasPrefix(l, "::error") {
			prefix = "::error file=" + log + ",line="
		}
		rest, ok := strings.CutPrefix(l, prefix)
		if !ok {
			t.Fatalf("symptom annotation does not point at %s: %s", log, l)
		}
		digits, _, _ := strings.Cut(rest, ",")
		for _, c := range digits {
			n = n*10 + int(c-'0')
		}
		// The line holds the episode's first day, the date the message names.
		if n < 2 || n > len(lines) {
			t.Fatalf("line %d outside the log: %s", n, l)
		}
		day, _, _ := strings.Cut(lines[n-1], ",")
		if !strings.Contains(l, ": "+day) && !strings.Contains(l, "risk pattern, "+day) {
			t.Errorf("line %d (%q) is not the episode's first day: %s", n, lines[n-1], l)
		}
	}
	if !found {
		t.Fatalf("no symptom annotation:\n%s", stdout)
	}
}
