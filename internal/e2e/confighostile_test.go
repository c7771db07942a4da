package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/hostile"
)

// hostileTimeout is far above what any case below needs (well under a
// second each); passing it is a hang.
const hostileTimeout = 60 * time.Second

// maxHostileCPU is the promise's bound on the CPU time (user and system)
// of a run on one hostile file below 50 MB; getrusage measures it, so a
// loaded machine does not make it fail as wall time would.
const maxHostileCPU = 10 * time.Second

// TestHostileConfigs: the config (found as ./itbcheck.yaml with no flag),
// its roster, expectations and the environment as an attack surface.
// Each is refused at once in one line naming the file, the reason and,
// where there is one, the key (exit 2), within 300 MiB; unknown keys are
// warned at most 20 times plus a count (check refuses them).
func TestHostileConfigs(t *testing.T) {
	alice := sampleDir(t, "alice")
	mkfifo := func(t *testing.T, path string) string {
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Fatalf("mkfifo: %v", err)
		}
		return path
	}
	tests := []struct {
		name   string
		config func(t *testing.T, dir string) // writes ./itbcheck.yaml (or more) into dir
		args   func(dir string) []string      // after the command's name
		env    []string
		code   int
		stderr []string // each must appear
		lines  int      // stderr lines at most (0: one)
	}{
		{name: "list alias bomb", config: writeConfig(hostile.AliasBombYAML(9)), code: 2,
			stderr: []string{"itbcheck.yaml", "too many nodes", "alias bomb"}},
		{name: "mapping alias bomb", config: writeConfig(hostile.AliasMapBombYAML(9)), code: 2,
			stderr: []string{"itbcheck.yaml", "too many nodes"}},
		{name: "link to /dev/zero", config: func(t *testing.T, dir string) {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "itbcheck.yaml")); err != nil {
				t.Fatal(err)
			}
		}, code: 2, stderr: []string{"itbcheck.yaml", "not a regular file (a character device)"}},
		{name: "FIFO as --config", config: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "team.yaml")) },
			args: func(dir string) []string { return []string{"--config", filepath.Join(dir, "team.yaml")} }, code: 2,
			stderr: []string{"team.yaml", "named pipe"}},
		{name: "5 MB config", config: writeConfig([]byte("timezone: UTC\n" + strings.Repeat("# padding\n", 500_000))), code: 2,
			stderr: []string{"itbcheck.yaml", "over 1024 KiB"}},
		{name: "a key twice", config: writeConfig([]byte("rules:\n  load-spike: {medium: 1.4}\n  load-spike: {medium: 9}\n")), code: 2,
			stderr: []string{"itbcheck.yaml", `line 3: duplicate key "load-spike" (first at line 2)`}},
		{name: "NaN threshold in a roster entry", config: writeConfig([]byte("athletes:\n  - name: alice\n    paths: [x]\n    rules: {load-spike: {medium: .nan}}\n")), code: 2,
			stderr: []string{"itbcheck.yaml", "athletes[0].rules.load-spike.medium: NaN: want a number"}},
		{name: "Inf threshold", config: writeConfig([]byte("rules: {load-spike: {high: .inf}}\n")), code: 2,
			stderr: []string{"rules.load-spike.high", "want a number"}},
		{name: "1000 unknown keys warned, bounded", config: writeConfig(hostile.UnknownKeysConfig(1000)), code: 0,
			stderr: []string{`unknown key "unknown_0" ignored`, "... and 980 more unknown keys ignored"}, lines: 21},
		{name: "check refuses unknown keys", config: writeConfig(hostile.UnknownKeysConfig(1000)),
			args: func(string) []string { return []string{"--fail-on", "high"} }, code: 2,
			stderr: []string{`unknown key "unknown_0" ignored (known:`, "(and 999 more unknown keys); check refuses a config with unknown keys"}},
		{name: "check refuses an unknown rule field of a roster entry", config: writeConfig([]byte("athletes:\n  - name: alice\n    paths: [x]\n    rules: {load-spike: {mediun: 1.4}}\n")),
			args: func(string) []string { return []string{"--fail-on", "high"} }, code: 2,
			stderr: []string{`athletes[0].rules.load-spike: unknown field "mediun"`}},
		{name: "ITBCHECK_JOBS=abc", env: []string{"ITBCHECK_JOBS=abc"}, code: 2,
			stderr: []string{"ITBCHECK_JOBS=abc: not a value for --jobs: want a whole number"}},
		{name: "--expect FIFO", config: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "expect.yaml")) },
			args: func(dir string) []string {
				return []string{"--fail-on", "high", "--expect", filepath.Join(dir, "expect.yaml")}
			}, code: 2,
			stderr: []string{"expect.yaml", "named pipe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.config != nil {
				tt.config(t, dir)
			}
			cmd := "analyze"
			var extra []string
			if tt.args != nil {
				extra = tt.args(dir)
				if len(extra) > 0 && extra[0] == "--fail-on" {
					cmd = "check"
				}
			}
			res, rss, cpu, _ := measuredIn(t, dir, tt.env, hostileTimeout, append([]string{cmd, "--format", "json", alice}, extra...)...)
			if cpu > maxHostileCPU {
				t.Errorf("%v of CPU, want under %v", cpu, maxHostileCPU)
			}
			stderr := string(res.stderr)
			if res.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%.2000s", res.code, tt.code, stderr)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%.2000s", want, stderr)
				}
			}
			if max := max(tt.lines, 1); len(lines(res.stderr)) > max {
				t.Errorf("stderr holds %d lines, want at most %d:\n%.2000s", len(lines(res.stderr)), max, stderr)
			}
			if strings.Contains(stderr, "strconv") {
				t.Errorf("stderr shows strconv's words: %s", stderr)
			}
			if rss > maxHostileRSS {
				t.Errorf("peak RSS %d MiB, want under %d", rss>>20, maxHostileRSS>>20)
			}
		})
	}
}

// writeConfig writes data as ./itbcheck.yaml, read with no flag.
func writeConfig(data []byte) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if err := os.WriteFile(filepath.Join(dir, "itbcheck.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileSymptomLogs: symptom logs beside the runs (picked up with no
// flag) or given by --symptoms. Two million bad lines once cost 28 s,
// 1.5 GiB, two million stderr lines and a 255 MB report; a FIFO blocked;
// UTF-16 was refused with a wrong reason; symptoms.yaml was never read.
func TestHostileSymptomLogs(t *testing.T) {
	tests := []struct {
		name     string
		file     string // name beside the runs
		write    func(path string) error
		given    bool     // --symptoms FILE rather than beside the runs
		entries  int      // symptom entries read
		failed   []string // each must appear in one inputs_failed error
		maxLines int      // stderr lines at most
	}{
		{name: "two million bad lines", file: "symptoms.csv", write: func(p string) error {
			return writeTo(p, func(w io.Writer) error { return hostile.BadSymptomLines(w, 2_000_000) })
		}, failed: []string{"line 2: ", "... and 1999980 more lines refused"}, maxLines: 25},
		{name: "150 000 bad YAML entries", file: "symptoms.yaml", write: func(p string) error {
			return os.WriteFile(p, hostile.BadSymptomYAML(150_000), 0o644)
		}, failed: []string{"line 1: want an entry with date, site and pain", "... and 149980 more lines refused"}, maxLines: 25},
		{name: "1.3 million bad YAML entries", file: "symptoms.yaml", write: func(p string) error {
			return os.WriteFile(p, hostile.BadSymptomYAML(1_300_000), 0o644)
		}, failed: []string{"too large: symptom log over 4 MB"}, maxLines: 2},
		{name: "250 000 YAML entries", file: "symptoms.yaml", write: func(p string) error {
			return os.WriteFile(p, hostile.BadSymptomYAML(250_000), 0o644)
		}, failed: []string{"too large: YAML symptom log: line ", "too many nodes: more than 200000"}, maxLines: 2},
		{name: "1.1 MB of YAML", file: "symptoms.yaml", write: func(p string) error {
			return os.WriteFile(p, hostile.BadSymptomYAML(280_000), 0o644)
		}, failed: []string{"too large: YAML symptom log over 1024 KiB, the fixed bound of a YAML file"}, maxLines: 2},
		{name: "YAML alias bomb", file: "symptoms.yaml", write: func(p string) error {
			return os.WriteFile(p, append(hostile.AliasBombYAML(9), "symptoms: *a9\n"...), 0o644)
		}, failed: []string{"too large: YAML symptom log"}, maxLines: 2},
		{name: "a FIFO given", file: "log.csv", given: true, write: func(p string) error { return syscall.Mkfifo(p, 0o600) },
			failed: []string{"a named pipe (FIFO), not a regular file"}, maxLines: 2},
		{name: "UTF-16 with a byte order mark", file: "symptoms.csv", write: func(p string) error {
			return os.WriteFile(p, utf16LE("date,site,side,pain,flags,note\r\n2026-03-10,outer-knee,left,4,,\r\n"), 0o644)
		}, entries: 1},
		{name: "symptoms.yaml beside the runs", file: "symptoms.yaml", write: func(p string) error {
			return os.WriteFile(p, []byte("- date: 2026-03-10\n  site: outer-knee\n  side: left\n  pain: 4\n"), 0o644)
		}, entries: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			athlete := copyAthlete(t, sampleDir(t, "alice"))
			logPath := filepath.Join(athlete, tt.file)
			if tt.given {
				logPath = filepath.Join(t.TempDir(), tt.file)
			}
			if err := tt.write(logPath); err != nil {
				t.Fatal(err)
			}
			args := []string{"analyze", "--format", "json", athlete}
			if tt.given {
				args = append(args, "--symptoms", logPath)
			}
			res, rss, cpu, _ := measuredIn(t, t.TempDir(), nil, hostileTimeout, args...)
			if cpu > maxHostileCPU {
				t.Errorf("%v of CPU, want under %v", cpu, maxHostileCPU)
			}
			want := 0
			if len(tt.failed) > 0 {
				want = 3
			}
			if res.code != want {
				t.Fatalf("exit %d, want %d: %.2000s", res.code, want, res.stderr)
			}
			var doc struct {
				Athletes []struct {
					Symptoms     []json.RawMessage `json:"symptoms"`
					InputsFailed []struct {
						Path, Error string
					} `json:"inputs_failed"`
				} `json:"athletes"`
			}
			if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
				t.Fatalf("report: %v (%d bytes)", err, len(res.stdout))
			}
			a := doc.Athletes[0]
			if len(a.Symptoms) != tt.entries {
				t.Errorf("%d symptom entries read, want %d", len(a.Symptoms), tt.entries)
			}
			var all bytes.Buffer
			for _, f := range a.InputsFailed {
				fmt.Fprintf(&all, "%s: %s\n", f.Path, f.Error)
				if f.Path != logPath {
					t.Errorf("refusal names %s, want %s", f.Path, logPath)
				}
			}
			for _, w := range tt.failed {
				if !strings.Contains(all.String(), w) {
					t.Errorf("inputs_failed lacks %q:\n%.2000s", w, all.String())
				}
			}
			if n := len(lines(res.stderr)); n > max(tt.maxLines, 1) {
				t.Errorf("stderr holds %d lines, want at most %d", n, tt.maxLines)
			}
			if len(res.stdout) > 1<<20 {
				t.Errorf("report of %d bytes", len(res.stdout))
			}
			if rss > maxHostileRSS {
				t.Errorf("peak RSS %d MiB, want under %d", rss>>20, maxHostileRSS>>20)
			}
		})
	}
}

// utf16LE encodes ASCII text as UTF-16LE with a byte order mark, as
// Excel's "Unicode text" does.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, c := range []byte(s) {
		out = append(out, c, 0)
	}
	return out
}

// copyAthlete copies the files of folder src into a new folder.
func copyAthlete(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
