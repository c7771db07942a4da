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
		{now: "2026-06-01T07:00:00Z", args: []string{"batch", "team/", "-o", "reports/"}, show: "reports/index.txt", lines: 16},
		{now: "2026-06-01T09:30:00Z", args: []string{"ack", "--team", "team/", "alice", "gct-imbalance", "--note", "called: hip strength twice a week"}},
		{now: "2026-06-05T20:00:00Z", args: []string{"log", "team/bob", "--pain", "3", "--site", "outer-knee", "--side", "left", "--flags", "pain at night", "--note", "woke up twice"}},
		{now: "2026-06-08T07:00:00Z", args: []string{"batch", "team/", "-o", "reports/"}, show: "reports/index.txt", lines: 24,
			more: "reports/alice.txt", moreLines: 22},
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
