package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConventions checks the command-line conventions on the built binary:
// --version, completion, man pages, --help with examples, rules ID, and
// config init/show.
func TestConventions(t *testing.T) {
	version := itbcheck(t, nil, "version")
	if version.code != 0 || !strings.HasPrefix(string(version.stdout), "itbcheck 0.1.0 (") {
		t.Errorf("version: exit %d, %q", version.code, version.stdout)
	}
	if flag := itbcheck(t, nil, "--version"); flag.code != 0 || string(flag.stdout) != string(version.stdout) {
		t.Errorf("--version %q, version %q: want the same", flag.stdout, version.stdout)
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if res := itbcheck(t, nil, "completion", shell); res.code != 0 || !strings.Contains(string(res.stdout), "itbcheck") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, res.code, len(res.stdout))
		}
	}
	// Completion offers rule ids and --format values.
	if res := itbcheck(t, nil, "__complete", "rules", ""); !strings.Contains(string(res.stdout), "load-spike\n") {
		t.Errorf("rules completion: %q", res.stdout)
	}
	if res := itbcheck(t, nil, "__complete", "check", "--format", ""); !strings.Contains(string(res.stdout), "junit\n") {
		t.Errorf("--format completion: %q", res.stdout)
	}
	man := t.TempDir()
	if res := itbcheck(t, nil, "man", man); res.code != 0 {
		t.Fatalf("man: exit %d: %s", res.code, res.stderr)
	}
	for _, page := range []string{"itbcheck.1", "itbcheck-analyze.1", "itbcheck-check.1", "itbcheck-config-show.1"} {
		data, err := os.ReadFile(filepath.Join(man, page))
		if err != nil || !strings.Contains(string(data), ".TH \"ITBCHECK\" \"1\"") {
			t.Errorf("%s: %v, %.100q", page, err, data)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(man, "itbcheck-check.1")); !strings.Contains(string(data), "EXAMPLE") || !strings.Contains(string(data), "fail-on") {
		t.Errorf("itbcheck-check.1 lacks the examples or the flags")
	}
	for _, cmd := range []string{"analyze", "batch", "check", "inspect", "rules"} {
		if res := itbcheck(t, nil, cmd, "--help"); res.code != 0 || !strings.Contains(string(res.stdout), "Examples:\n  itbcheck "+cmd) {
			t.Errorf("%s --help: exit %d, no Examples:\n%s", cmd, res.code, res.stdout)
		}
	}
	one := itbcheck(t, nil, "rules", "cadence-drop")
	if one.code != 0 || !strings.HasPrefix(string(one.stdout), "cadence-drop: ") || strings.Contains(string(one.stdout), "load-spike:") || !strings.Contains(string(one.stdout), "what to do:") {
		t.Errorf("rules cadence-drop: exit %d:\n%s", one.code, one.stdout)
	}
	for _, l := range lines(one.stdout) {
		if len([]rune(l)) > 80 {
			t.Errorf("rules line longer than 80 columns off a terminal: %q", l)
		}
	}
	if bad := itbcheck(t, nil, "rules", "knee-pain"); bad.code != 2 || !strings.Contains(string(bad.stderr), "knee-pain: unknown rule id") {
		t.Errorf("rules knee-pain: exit %d, %s", bad.code, bad.stderr)
	}
}

// TestConfigCommands checks config init and show on the built binary: the
// starter loads without a warning, and show names each value's source.
func TestConfigCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "itbcheck.yaml")
	if res := itbcheck(t, nil, "config", "init", path); res.code != 0 || !strings.Contains(string(res.stderr), "wrote "+path) {
		t.Fatalf("config init: exit %d, %s", res.code, res.stderr)
	}
	res := itbcheck(t, []string{"ITBCHECK_JOBS=3"}, "config", "show", "--config", path)
	if res.code != 0 || len(res.stderr) > 0 {
		t.Fatalf("config show: exit %d, %s", res.code, res.stderr)
	}
	out := string(res.stdout)
	for _, want := range []string{"# config file: " + path, "env ITBCHECK_JOBS", path + ":", "rules.load-spike.medium"} {
		if !strings.Contains(out, want) {
			t.Errorf("config show lacks %q:\n%s", want, out)
		}
	}
}
