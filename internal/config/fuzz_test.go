package config

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/testkit/hostile"
)

// FuzzConfigAndSymptomLog feeds the same bytes to the config reader (as
// ./itbcheck.yaml, strict and not) and to the symptom-log reader (as CSV
// and as YAML): whatever the bytes, no panic, a config error is one line
// of the config's type, and a symptom log gives entries or problems that
// name the file.
func FuzzConfigAndSymptomLog(f *testing.F) {
	for _, seed := range [][]byte{
		[]byte(Starter()),
		[]byte("rules: {load-spike: {medium: .nan}}\n"),
		[]byte("athletes:\n  - name: a\n    paths: [x]\n    rules: {load-spike: {mediun: 1}}\n"),
		[]byte("timezone: UTC\ntimezone: UTC\n"),
		hostile.AliasBombYAML(4),
		hostile.AliasMapBombYAML(4),
		[]byte("date,site,side,pain,flags,note\n2026-05-14,outer-knee,left,4,,after the long run\nx\n"),
		[]byte("- date: 2026-05-14\n  site: low-back\n  pain: 5\n  flags: [night-pain]\n"),
		{0xFF, 0xFE, 'd', 0, 'a', 0},
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "itbcheck.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, strict := range []bool{false, true} {
			var warn bytes.Buffer
			_, err := Load(Options{Path: path, Warn: &warn, Strict: strict, LookupEnv: func(string) (string, bool) { return "", false }})
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Errorf("Load: %T %v, want a *config.Error", err, err)
				}
				if bytes.ContainsRune([]byte(err.Error()), '\n') && !bytes.Contains(data, []byte("\n")) {
					t.Errorf("Load error over lines: %q", err)
				}
			}
			if n := bytes.Count(warn.Bytes(), []byte("\n")); n > MaxWarnings+1 {
				t.Errorf("%d warning lines, want at most %d", n, MaxWarnings+1)
			}
		}
		for _, name := range []string{"symptoms.csv", "symptoms.yaml"} {
			_, probs := ingest.ReadSymptomLog(bytes.NewReader(data), name)
			if len(probs) > 21 {
				t.Errorf("%s: %d problems, want at most 21", name, len(probs))
			}
			for _, p := range probs {
				if p.Path != name || p.Err == nil {
					t.Errorf("%s: problem %+v", name, p)
				}
			}
		}
	})
}
