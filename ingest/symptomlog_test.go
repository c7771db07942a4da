package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entryText describes an entry in one line for comparisons.
func entryText(e Symptom) string {
	flags := make([]string, len(e.Flags))
	for i, f := range e.Flags {
		flags[i] = string(f)
	}
	return fmt.Sprintf("%d %s %s %s %g [%s] %q", e.Line, e.Date.Format("2006-01-02"), e.Site, e.Side, e.Pain, strings.Join(flags, ";"), e.Note)
}

// TestSymptomLog reads the contract's example in both formats and logs
// with bad rows: every bad row is one problem naming the file and its
// line, and every good row is still read.
func TestSymptomLog(t *testing.T) {
	tests := []struct {
		file     string
		entries  []string
		problems []string
	}{
		{"good.csv", []string{
			`2 2026-05-14 outer-knee left 4 [] "after the long run"`,
			`3 2026-05-28 low-back both 5 [night-pain] ""`,
		}, nil},
		{"good.yaml", []string{
			`3 2026-05-14 outer-knee left 4 [] "after the long run"`,
			`8 2026-05-28 low-back both 5 [night-pain] ""`,
		}, nil},
		{"bad.csv", []string{
			`2 2026-05-14 outer-knee left 4 [] "after the long run"`,
			`6 2026-05-17 outer-knee left 5 [tingling] "misspelt flag kept"`,
			`9 2026-05-19 low-back both 6 [rest-pain] "quoted flag"`,
		}, []string{
			`bad.csv: line 3: pain "eleven" is not a number from 0 to 10`,
			`bad.csv: line 4: date "2026-13-01" is not a day YYYY-MM-DD`,
			`bad.csv: line 5: site "shin" is not outer-knee, outer-hip, low-back or other`,
			`bad.csv: line 6: flag "numbnes" ignored (known: numbness, tingling, night-pain, rest-pain)`,
			`bad.csv: line 7: side "up" is not left, right or both`,
		}},
		{"bad.yaml", []string{
			`1 2026-05-14 outer-knee left 4 [numbness;rest-pain] ""`,
		}, []string{
			`bad.yaml: line 6: date "yesterday" is not a day YYYY-MM-DD`,
			`bad.yaml: line 9: want an entry with date, site and pain`,
			`bad.yaml: line 10: pain "12" is not a number from 0 to 10`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "symptoms", tt.file)
			entries, probs := OpenSymptomLog(path)
			var got []string
			for _, e := range entries {
				got = append(got, entryText(e))
			}
			if strings.Join(got, "\n") != strings.Join(tt.entries, "\n") {
				t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.entries, "\n"))
			}
			var msgs []string
			for _, p := range probs {
				msgs = append(msgs, strings.Replace(p.Error(), filepath.Join("testdata", "symptoms")+string(filepath.Separator), "", 1))
				if strings.Contains(p.Error(), "\n") {
					t.Errorf("problem on several lines: %q", p.Error())
				}
			}
			if strings.Join(msgs, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

// TestSymptomLogShapes covers headers, separators and whole-file problems.
func TestSymptomLogShapes(t *testing.T) {
	tests := []struct {
		name, data string
		entries    int
		problem    string
	}{
		{"x.csv", "date;site;side;pain;flags;note\n2026-05-14;outer-knee;left;4;;\n", 1, ""},
		{"x.csv", "Pain,Date,Site\r\n3,2026-05-14,outer-hip\r\n", 1, ""},
		{"x.csv", "2026-05-14,outer-knee,left,4,,\n", 1, ""},
		{"x.csv", "Activity Date,Distance\nMay 1,5\n", 0, "x.csv: line 1: header lacks date, site, pain (want date,site,side,pain,flags,note)"},
		{"x.csv", "  \n", 0, "x.csv: empty: symptom log has no entries"},
		{"x.yaml", "date: 2026-05-14\n", 0, "x.yaml: line 1: want a list of entries, or a symptoms: key holding one"},
		{"x.yaml", "- [unclosed\n", 0, "x.yaml: not a YAML symptom log: yaml: line 1: did not find expected ',' or ']'"},
		{"log.txt", "- date: 2026-05-14\n  site: low-back\n  pain: 2\n", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.data, func(t *testing.T) {
			entries, probs := ReadSymptomLog(strings.NewReader(tt.data), tt.name)
			var msg string
			if len(probs) > 0 {
				msg = probs[0].Error()
			}
			if len(entries) != tt.entries || msg != tt.problem {
				t.Errorf("%d entries, problem %q; want %d, %q", len(entries), msg, tt.entries, tt.problem)
			}
		})
	}
}

func TestIsSymptomLogName(t *testing.T) {
	for name, want := range map[string]bool{
		"symptoms.csv": true, "alice/Symptoms.YAML": true, "symptoms.yml": true,
		"activities.csv": false, "my-symptoms.csv": false, "symptoms.csv.gz": false,
	} {
		if got := IsSymptomLogName(name); got != want {
			t.Errorf("IsSymptomLogName(%q) = %v", name, got)
		}
	}
}

// FuzzSymptomLog: any input gives valid entries (known site, pain 0–10, a
// date, a positive line) and one-line problems naming the file, and never
// panics.
func FuzzSymptomLog(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "symptoms", "*"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(s, ".yaml"))
	}
	f.Fuzz(func(t *testing.T, data []byte, yml bool) {
		name := "log.csv"
		if yml {
			name = "log.yaml"
		}
		entries, probs := ReadSymptomLog(strings.NewReader(string(data)), name)
		for _, e := range entries {
			if _, ok := parseSite(string(e.Site)); !ok || e.Pain < 0 || e.Pain > 10 || e.Date.IsZero() || e.Line < 1 {
				t.Errorf("invalid entry %s", entryText(e))
			}
			if strings.ContainsAny(e.Note, "\n\r\x1b") {
				t.Errorf("note not cleaned: %q", e.Note)
			}
		}
		for _, p := range probs {
			if !strings.HasPrefix(p.Error(), name+": ") || strings.Contains(p.Error(), "\n") {
				t.Errorf("problem %q", p.Error())
			}
		}
	})
}
