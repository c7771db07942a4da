package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// README's "Weekly routine for coaches" block, written by
// TestREADMEWeekly from two real runs.
const (
	weeklyStart = "<!-- weekly routine: go test ./cmd/itbcheck -run TestREADMEWeekly -update -->\n```\n"
	weeklyEnd   = "```\n<!-- end of weekly routine -->"
)

// weeklyStep is one command of the coach's week: when it runs and what
// of it README shows.
type weeklyStep struct {
	now  string   // ITBCHECK_NOW
	args []string // after itbcheck
	show string   // a file whose text follows the command's output ("" for none)
	// lines is how much of show README shows.
	lines int
	// more is a second file shown, its first moreLines lines.
	more      string
	moreLines int
}

// TestREADMEWeekly runs the coach's week on the sample team: Monday's
// batch into reports/, an acknowledgement and a runner's log entry, a
// week of new files, and the next Monday's batch into the same folder.
// README shows the commands and what they print and write.
func TestREADMEWeekly(t *testing.T) {
	if binary == "" {
		t.Fatal("itbcheck binary not built (see TestMain output)")
	}
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	arrive := func(from, to string) {
		for _, name := range []string{"alice", "bob", "carol"} {
			entries, err := os.ReadDir(filepath.Join(sample, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				day := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
				if e.Name() == "symptoms.csv" {
					day = "2026-01-01" // the runner's log is there from the start
				}
				if len(day) < 10 || day[:10] <= from || day[:10] > to {
					continue
				}
				data, err := os.ReadFile(filepath.Join(sample, name, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, dir, filepath.Join("team", name, e.Name()), string(data))
			}
		}
	}
	arrive("", "2026-05-31")
	steps := []weeklyStep{
		{now: "2026-06-01T07:00:00Z", args: []string{"batch", "team/", "-o", "reports/"}, show: "reports/index.txt", lines: 20},
		{now: "2026-06-01T09:30:00Z", args: []string{"ack", "--team", "team/", "alice", "gct-imbalance", "--note", "called: hip strength twice a week"}},
		{now: "2026-06-05T20:00:00Z", args: []string{"log", "team/bob", "--pain", "3", "--site", "outer-knee", "--side", "left", "--flags", "pain at night", "--note", "woke up twice"}},
		{now: "2026-06-08T07:00:00Z", args: []string{"batch", "team/", "-o", "reports/"}, show: "reports/index.txt", lines: 31,
			more: "reports/alice.txt", moreLines: 40},
	}
	var b strings.Builder
	for i, s := range steps {
		if i == 3 {
			arrive("2026-05-31", "2026-06-07") // the week's uploads
			b.WriteString("\n# ... a week of uploads later\n")
		}
		cmd := exec.Command(binary, s.args...)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "TZ=UTC", "ITBCHECK_NOW=" + s.now}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatal(err)
			}
			t.Fatalf("itbcheck %s: exit %d\n%s", strings.Join(s.args, " "), ee.ExitCode(), out.String())
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("$ itbcheck " + quoteArgs(s.args) + "\n" + out.String())
		if s.show != "" {
			data, err := os.ReadFile(filepath.Join(dir, s.show))
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(fmt.Sprintf("$ head -n %d %s\n", s.lines, s.show) + headLines(string(data), s.lines))
		}
		if s.more != "" {
			data, err := os.ReadFile(filepath.Join(dir, s.more))
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(fmt.Sprintf("$ head -n %d %s\n", s.moreLines, s.more) + headLines(string(data), s.moreLines))
		}
	}
	got := b.String()
	if !strings.Contains(got, "Changes since 2026-06-01") || !strings.Contains(got, "(acknowledged 2026-06-01: called") {
		t.Errorf("the second Monday's report does not say what changed:\n%s", got)
	}
	doc, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, weeklyStart), strings.Index(text, weeklyEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no weekly routine block (%q … %q)", weeklyStart, weeklyEnd)
	}
	if text[i+len(weeklyStart):j] == got {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(readme, []byte(text[:i+len(weeklyStart)]+got+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's weekly routine is not what itbcheck prints today; run go test ./cmd/itbcheck -run TestREADMEWeekly -update")
}

// quoteArgs writes arguments as a shell would need them.
func quoteArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if strings.ContainsAny(a, " :,") {
			out[i] = `"` + a + `"`
		}
	}
	return strings.Join(out, " ")
}

// headLines is the first n lines of s, as head -n prints them.
func headLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "")
}

// TestAnalyzeKeepsItsReport: analyze -o me.html keeps me.itbcheck.json,
// and the next run into me.html compares with it; -o FILE.json compares
// with the file it replaces; a device as -o is no comparison and no
// warning; --compare with a missing file is one warning line.
func TestAnalyzeKeepsItsReport(t *testing.T) {
	alice, err := filepath.Abs(sampleAlice)
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	upload := func(to string) {
		entries, err := os.ReadDir(alice)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if name := e.Name(); strings.HasSuffix(name, ".fit") && name[:10] <= to {
				writeFile(t, dir, filepath.Join("alice", name), readText(t, filepath.Join(alice, name)))
			}
		}
	}
	upload("2026-05-17")
	t.Setenv("ITBCHECK_NOW", "2026-05-18T08:00:00Z")
	if code, _, stderr := runCLI(t, "analyze", "alice", "-o", "me.html"); code != exitOK {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	kept := filepath.Join(dir, "me.itbcheck.json")
	if first := readText(t, kept); !strings.Contains(first, `"generated_at": "2026-05-18T08:00:00Z"`) || strings.Contains(first, `"changes"`) {
		t.Errorf("the kept report of the first run: %.300s", first)
	}
	upload("2026-05-24")
	t.Setenv("ITBCHECK_NOW", "2026-05-25T08:00:00Z")
	if code, _, stderr := runCLI(t, "analyze", "alice", "-o", "me.html"); code != exitOK || strings.Contains(stderr, "warning") {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	if page := readText(t, filepath.Join(dir, "me.html")); !strings.Contains(page, "runs added") {
		t.Errorf("me.html does not say what changed since the first run")
	}
	if second := readText(t, kept); !strings.Contains(second, `"compared_with": "2026-05-18T08:00:00Z"`) {
		t.Errorf("the kept report of the second run has no changes: %.300s", second)
	}
	alice = "alice"
	for _, run := range [][]string{
		{"analyze", alice, "-o", "me.json"},
		{"analyze", alice, "-o", "me.json"}, // compares with the first me.json
	} {
		if code, _, stderr := runCLI(t, run...); code != exitOK || strings.Contains(stderr, "warning") {
			t.Fatalf("%v: exit %d\n%s", run, code, stderr)
		}
	}
	if doc := readText(t, filepath.Join(dir, "me.json")); !strings.Contains(doc, `"changes"`) {
		t.Errorf("me.json, written over an earlier me.json, has no changes")
	}
	if code, _, stderr := runCLI(t, "analyze", alice, "--format", "json", "-o", os.DevNull); code != exitOK || stderr != "" && strings.Contains(stderr, "warning") {
		t.Errorf("-o %s: exit %d\n%s", os.DevNull, code, stderr)
	}
	code, out, stderr := runCLI(t, "analyze", alice, "--format", "json", "--compare", "missing.json")
	if code != exitOK || strings.Count(stderr, "warning: no comparison with the earlier report: open missing.json") != 1 || strings.Contains(out, `"changes"`) {
		t.Errorf("--compare missing.json: exit %d\n%s", code, stderr)
	}
}

// readText reads a file the test had written.
func readText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAckListClear: an ack of the same episode replaces the earlier one,
// --list shows them, --clear removes them; an unknown rule or athlete is
// refused in one line and the file is left as it was.
func TestAckListClear(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	if err := os.CopyFS(filepath.Join(dir, "team"), os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	for _, note := range []string{"first call", "second call"} {
		if code, _, stderr := runCLI(t, "ack", "--team", "team", "alice", "gct-imbalance", "--note", note); code != exitOK {
			t.Fatalf("ack: exit %d\n%s", code, stderr)
		}
	}
	acks := readText(t, filepath.Join(dir, "team", ".itbcheck-acks.csv"))
	if want := "athlete,rule,episode,severity,date,note\nalice,gct-imbalance,2026-05-11,medium,2026-06-22,second call\n"; acks != want {
		t.Errorf(".itbcheck-acks.csv:\n%s\nwant:\n%s", acks, want)
	}
	for _, bad := range [][]string{
		{"ack", "--team", "team", "alice", "load_spike"},
		{"ack", "--team", "team", "zoe", "gct-imbalance"},
		{"ack", "--team", "team", "bob", "gct-imbalance"},
	} {
		if code, _, stderr := runCLI(t, bad...); code != exitUsage || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", bad, code, stderr)
		}
	}
	if got := readText(t, filepath.Join(dir, "team", ".itbcheck-acks.csv")); got != acks {
		t.Errorf("a refused ack changed the file:\n%s", got)
	}
	code, out, _ := runCLI(t, "ack", "--team", "team", "--list")
	if want := "team/.itbcheck-acks.csv: 1 acknowledgement\n2026-06-22  alice        gct-imbalance    medium episode since 2026-05-11: second call\n"; code != exitOK || out != want {
		t.Errorf("--list: exit %d\n%s\nwant:\n%s", code, out, want)
	}
	if code, out, _ = runCLI(t, "ack", "--team", "team", "--clear"); code != exitOK || out != "team/.itbcheck-acks.csv: 1 acknowledgement cleared\n" {
		t.Errorf("--clear: exit %d, %q", code, out)
	}
	if code, out, _ = runCLI(t, "ack", "--team", "team", "--list"); code != exitOK || out != "team/.itbcheck-acks.csv: no acknowledgements\n" {
		t.Errorf("--list after --clear: exit %d, %q", code, out)
	}
}
