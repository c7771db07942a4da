package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGitHubFormat checks check --format github on the built binary: at
// most one annotation per athlete and rule, ::notice below --fail-on,
// file= always a real file, the Markdown summary appended to
// $GITHUB_STEP_SUMMARY, and the one-line verdict on stderr.
func TestGitHubFormat(t *testing.T) {
	sample := sampleDir(t, "")
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := itbcheck(t, []string{"GITHUB_STEP_SUMMARY=" + summary}, "check", "--team", sample, "--format", "github")
	if res.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", res.code, res.stderr)
	}
	cmd := regexp.MustCompile(`^::(error|warning|notice) (?:file=([^,]*),)?(?:line=[1-9][0-9]*,)?title=itbcheck ([a-z-]+) \((low|medium|high)\)::([^:]+): `)
	seen := map[string]bool{}
	levels := map[string]int{}
	for _, line := range lines(res.stdout) {
		m := cmd.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("not an annotation of a finding: %q", line)
			continue
		}
		level, file, rule, sev, athlete := m[1], m[2], m[3], m[4], m[5]
		levels[level]++
		if key := athlete + " " + rule; seen[key] {
			t.Errorf("second annotation for %s", key)
		} else {
			seen[key] = true
		}
		if wantErr := sev == "high"; (level == "error") != wantErr || level == "warning" {
			t.Errorf("%s annotation for a %s finding (--fail-on high): %q", level, sev, line)
		}
		if st, err := os.Stat(file); file == "" || err != nil || st.IsDir() {
			t.Errorf("file=%q is not a file: %v", file, err)
		}
	}
	if levels["error"] == 0 || levels["notice"] == 0 {
		t.Errorf("annotations by level %v, want errors and notices", levels)
	}
	data, err := os.ReadFile(summary)
	if err != nil || !strings.HasPrefix(string(data), "earlier step\n### itbcheck: 2 of 3 athletes at or above high") || !strings.Contains(string(data), "| bob | none |") {
		t.Errorf("step summary (%v):\n%s", err, data)
	}
	last := lines(res.stderr)
	// The verdict may go on to say how many rule checks could not judge
	// (the sample's FIT files name no shoes).
	if len(last) == 0 || !strings.HasPrefix(last[len(last)-1], "itbcheck: 2 of 3 athletes at or above high") {
		t.Errorf("stderr does not end with the verdict:\n%s", res.stderr)
	}
}

// TestCheckVerdict checks check's one-line verdict on stderr, with -q too.
func TestCheckVerdict(t *testing.T) {
	alice := sampleDir(t, "alice")
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "cut.fit"), []byte(".FIT broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"findings", []string{"check", "-q", alice}, 1, "itbcheck: 1 of 1 athlete at or above high"},
		{"medium", []string{"check", "-q", "--fail-on", "medium", alice}, 1, "itbcheck: 1 of 1 athlete at or above medium"},
		{"unreadable", []string{"check", "-q", bad}, 3, "itbcheck: 0 of 1 athlete at or above high; 1 input unreadable"},
		{"info never fails a check", []string{"check", "-q", "--fail-on", "info", alice}, 2, "itbcheck: --fail-on info: want low, medium or high"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := itbcheck(t, nil, tt.args...)
			l := lines(res.stderr)
			if res.code != tt.code || len(l) == 0 || !strings.HasPrefix(l[len(l)-1], tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %d, ending with %q", res.code, res.stderr, tt.code, tt.want)
			}
		})
	}
}

// TestJUnitSkipped checks that a rule that did not judge is a skipped
// JUnit test case with its reason, not a pass.
func TestJUnitSkipped(t *testing.T) {
	alice := sampleDir(t, "alice")
	res := itbcheck(t, []string{"ITBCHECK_RULES_MONOTONY_ENABLED=false"}, "check", alice, "--format", "junit")
	if res.code != 1 {
		t.Fatalf("exit %d; stderr %s", res.code, res.stderr)
	}
	out := string(res.stdout)
	for _, want := range []string{
		`<testcase classname="alice" name="monotony">` + "\n      <skipped message=\"disabled\"></skipped>",
		`<testcase classname="alice" name="shoe-mileage">` + "\n      <skipped message=\"no-data: no shoes named (Strava gear)\"",
		`skipped="2"`, // monotony disabled, shoe-mileage without shoes
	} {
		if !strings.Contains(out, want) {
			t.Errorf("junit lacks %q:\n%.1500s", want, out)
		}
	}
	if strings.Contains(out, `name="load-spike">`+"\n      <skipped") {
		t.Errorf("a judged rule is skipped:\n%.1500s", out)
	}
}
