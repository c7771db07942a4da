package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigInitShow(t *testing.T) {
	dir := isolate(t)
	if code, _, errOut := runCLI(t, "config", "init"); code != exitOK || !strings.Contains(errOut, "wrote itbcheck.yaml") {
		t.Fatalf("config init: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "config", "init"); code != exitUsage || !strings.Contains(errOut, "itbcheck.yaml exists") {
		t.Errorf("second config init: exit %d, stderr %q; want 2 and a refusal", code, errOut)
	}
	t.Setenv("ITBCHECK_RULES_LOAD_SPIKE_MEDIUM", "1.4")
	code, out, errOut := runCLI(t, "config", "show")
	if code != exitOK || errOut != "" {
		t.Fatalf("config show: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"# config file: itbcheck.yaml",
		"load.metric ",
		"1.4     env ITBCHECK_RULES_LOAD_SPIKE_MEDIUM\n", // VALUE column as wide as 100000
		"itbcheck.yaml:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("config show lacks %q:\n%s", want, out)
		}
	}
	os.Remove(dir + "/itbcheck.yaml")
	_, out, _ = runCLI(t, "config", "show")
	if !strings.Contains(out, "# config file: none") || strings.Contains(out, "itbcheck.yaml:") {
		t.Errorf("config show without a file:\n%s", out)
	}
	if code, out, _ := runCLI(t, "config", "init", "-"); code != exitOK || !strings.Contains(out, "load-spike: {") {
		t.Errorf("config init -: exit %d, stdout %.200q", code, out)
	}
}

// TestFlagsFromEnvCLI checks that a flag left off the command line is read
// from ITBCHECK_<FLAG>, and that a bad value names the variable.
func TestFlagsFromEnvCLI(t *testing.T) {
	isolate(t)
	in := filepath.Join(origDir, "..", "..", "testdata", "sample", "alice") // no go command here: its telemetry races the temp cleanup
	t.Setenv("ITBCHECK_FORMAT", "json")
	code, out, errOut := runCLI(t, "analyze", in)
	if code == exitUsage || !strings.HasPrefix(out, "{") {
		t.Errorf("ITBCHECK_FORMAT=json: exit %d, stdout %.80q, stderr %q", code, out, errOut)
	}
	t.Setenv("ITBCHECK_FAIL_ON", "sometimes")
	code, _, errOut = runCLI(t, "check", in)
	if code != exitUsage || !strings.Contains(errOut, "sometimes") {
		t.Errorf("ITBCHECK_FAIL_ON=sometimes: exit %d, stderr %q; want 2", code, errOut)
	}
	t.Setenv("ITBCHECK_JOBS", "many")
	code, _, errOut = runCLI(t, "analyze", in)
	if code != exitUsage || !strings.Contains(errOut, "ITBCHECK_JOBS=many") {
		t.Errorf("ITBCHECK_JOBS=many: exit %d, stderr %q; want 2 naming the variable", code, errOut)
	}
}
