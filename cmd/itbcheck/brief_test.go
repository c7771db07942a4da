package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleAlice is the sample team's alice, the README's demo athlete.
var sampleAlice = filepath.Join("..", "..", "testdata", "sample", "alice")

// TestBinaryBriefText checks on the built binary that the default text
// report is the brief view that fits a screen, and --verbose the full one,
// each advice sentence said once.
func TestBinaryBriefText(t *testing.T) {
	in, err := filepath.Abs(sampleAlice)
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	code, brief, stderr := runBinary(t, "analyze", in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Config: none (built-in defaults). Thresholds: the defaults", "══ alice", "Weekly running", "--verbose lists every episode"} {
		if !strings.Contains(brief, want) {
			t.Errorf("brief report lacks %q:\n%s", want, brief)
		}
	}
	if !strings.Contains(brief, "Open now:") && !strings.Contains(brief, "Open at the last run") && !strings.Contains(brief, "No risk pattern") {
		t.Errorf("brief report says nothing about what is open now:\n%s", brief)
	}
	// ≤ 90: the sample's last run is 15 days old, so its header says so in
	// one more line; each open pattern has its explanation.
	if n := strings.Count(brief, "\n"); n > 90 {
		t.Errorf("brief report of one athlete is %d lines, want ≈ 80 (≤ 90):\n%s", n, brief)
	}
	if strings.Contains(brief, "(limit ") {
		t.Errorf("brief report holds the per-rule blocks of --verbose")
	}
	code, verbose, stderr := runBinary(t, "analyze", "--verbose", in)
	if code != exitOK {
		t.Fatalf("--verbose: exit %d: %s", code, stderr)
	}
	if len(verbose) <= len(brief) || !strings.Contains(verbose, "(limit ") {
		t.Errorf("--verbose is not the full report (%d bytes, brief %d)", len(verbose), len(brief))
	}
	flat := strings.Join(strings.Fields(verbose), " ")
	for _, s := range []string{"If pain persists or you notice numbness or tingling, see a physiotherapist.",
		"Strengthen gluteus medius and maximus"} {
		if n := strings.Count(flat, s); n > 1 {
			t.Errorf("--verbose says %q %d times, want once", s, n)
		}
	}
	for _, out := range []string{brief, verbose} {
		for i, l := range strings.Split(out, "\n") {
			// A file path is one word: it may stand alone on a longer line.
			if f := strings.Fields(l); len(f) <= 2 && strings.Contains(l, "/") {
				continue
			}
			if n := len([]rune(l)); n > 80 {
				t.Errorf("line %d is %d columns (not a terminal: 80): %q", i+1, n, l)
			}
		}
	}
}

// readmeStart and readmeEnd fence the README's example report.
const (
	readmeStart = "<!-- sample report: go test ./cmd/itbcheck -run TestREADMEReport -update -->\n```\n"
	readmeEnd   = "```\n<!-- end of sample report -->"
)

// TestREADMEReport checks that the README shows the brief text report of
// the sample's alice exactly as the program prints it (generated at the
// tests' fixed time). -update rewrites the README's block.
func TestREADMEReport(t *testing.T) {
	in, err := filepath.Abs(sampleAlice)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	code, out, stderr := runBinary(t, "analyze", in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, readmeStart)
	j := strings.Index(doc, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no sample report block (%q … %q)", readmeStart, readmeEnd)
	}
	want := "$ itbcheck analyze testdata/sample/alice\n" + out
	got := doc[i+len(readmeStart) : j]
	if got == want {
		return
	}
	if *updateDocs {
		doc = doc[:i+len(readmeStart)] + want + doc[j:]
		if err := os.WriteFile(readme, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's sample report is not what itbcheck prints today; run go test ./cmd/itbcheck -run TestREADMEReport -update")
}
