package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLogRefusesBadValues: each bad value is refused with exit 2 and one
// line saying what is allowed, and the log stays byte for byte (and
// modification time) as it was.
func TestLogRefusesBadValues(t *testing.T) {
	dir := t.TempDir()
	before := "date,site,side,pain,flags,note\n2026-05-14,outer-knee,left,4,,after the long run\n"
	log := writeFile(t, dir, "bob/symptoms.csv", before)
	old := time.Date(2026, 5, 14, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(log, old, old); err != nil {
		t.Fatal(err)
	}
	bob := filepath.Join(dir, "bob")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--pain", "11", "--site", "low-back"}, `--pain "11": want a number from 0 to 10`},
		{[]string{"--pain", "4", "--site", "shin"}, `--site "shin": want outer-knee, outer-hip, low-back or other`},
		{[]string{"--pain", "4", "--site", "low-back", "--side", "middle"}, `--side "middle": want left, right or both`},
		{[]string{"--pain", "4", "--site", "low-back", "--flags", "night pain, sore"}, `--flags "sore": want red-flag words among numbness, tingling, night-pain, rest-pain`},
		{[]string{"--pain", "4", "--site", "low-back", "--date", "June 1"}, `--date "June 1": want a day YYYY-MM-DD`},
		{[]string{"--site", "low-back"}, `give at least --pain 0-10 and --site`},
		{[]string{"--pain", "4", "--site", "low-back", "--note", "a\nb"}, `--note: want one line of text`},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, append([]string{"log", bob}, tt.args...)...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("log %v: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
	got, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(log)
	if string(got) != before || !st.ModTime().Equal(old) {
		t.Errorf("log touched by refused entries: %q (modified %s)", got, st.ModTime())
	}
	entries, _ := os.ReadDir(bob)
	if len(entries) != 1 {
		t.Errorf("files left in the athlete's folder: %v", entries)
	}
}

// TestLogAppendsAndLists: the first entry creates the log with its
// header, phrases as people type them become the log's flags, the roster
// name with --team finds the folder, and --list shows each entry's red
// flags.
func TestLogAppendsAndLists(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "bob"), 0o755); err != nil {
		t.Fatal(err)
	}
	bob := filepath.Join(dir, "bob")
	code, stdout, stderr := runCLI(t, "log", bob, "--date", "2026-06-01", "--pain", "5", "--site", "Low back", "--side", "both", "--flags", "Night Pain, pain at rest", "--note", "woke up, twice")
	if code != exitOK || stderr != "" {
		t.Fatalf("log: exit %d, stderr %q", code, stderr)
	}
	if want := "logged 2026-06-01 low-back pain 5/10 in " + filepath.Join(bob, "symptoms.csv") + "; red flag: night pain, pain at rest (see a physiotherapist or physician promptly)\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	if code, _, stderr = runCLI(t, "log", "--team", dir, "--athlete", "bob", "--date", "2026-06-03", "--pain", "2", "--site", "outer-knee", "--side", "L"); code != exitOK {
		t.Fatalf("log --team: exit %d, %s", code, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(bob, "symptoms.csv"))
	want := "date,site,side,pain,flags,note\n" +
		"2026-06-01,low-back,both,5,night-pain;rest-pain,\"woke up, twice\"\n" +
		"2026-06-03,outer-knee,left,2,,\n"
	if string(got) != want {
		t.Errorf("log:\n%s\nwant:\n%s", got, want)
	}
	code, stdout, _ = runCLI(t, "log", bob, "--list")
	wantList := filepath.Join(bob, "symptoms.csv") + ": 2 entries\n" +
		"2026-06-01  low-back    both   pain    5/10  RED FLAG: night pain, pain at rest  woke up, twice\n" +
		"2026-06-03  outer-knee  left   pain    2/10\n"
	if code != exitOK || stdout != wantList {
		t.Errorf("--list: exit %d\n%s\nwant:\n%s", code, stdout, wantList)
	}
	if code, _, stderr = runCLI(t, "log", "--team", dir, "--athlete", "nobody", "--pain", "2", "--site", "other"); code != exitUsage || !strings.Contains(stderr, "not an athlete's folder") {
		t.Errorf("unknown athlete: exit %d, %q", code, stderr)
	}
}
