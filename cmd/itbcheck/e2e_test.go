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

// binary is the itbcheck built once by TestMain for the end-to-end tests;
// "" when the build failed.
var binary string

func TestMain(m *testing.M) {
	findFitDir()
	dir, err := os.MkdirTemp("", "itbcheck-e2e")
	if err == nil {
		out := filepath.Join(dir, "itbcheck")
		if b, err := exec.Command("go", "build", "-o", out, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building itbcheck for end-to-end tests: %v\n%s", err, b)
		} else {
			binary = out
		}
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// runBinary runs the built itbcheck as a subprocess.
func runBinary(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if binary == "" {
		t.Fatal("itbcheck binary not built (see TestMain output)")
	}
	cmd := exec.Command(binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

func TestBinary(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	empty := writeFile(t, dir, "bob/empty.fit", "")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // substring; "" for empty stdout
		wantStderr string // substring; "" for empty stderr
	}{
		{"version", []string{"version"}, exitOK, "itbcheck 0.1.0", ""},
		{"usage error on stderr only", []string{"analyze"}, exitUsage, "", "requires at least 1 arg"},
		{"report on stdout", []string{"analyze", "--format", "json", filepath.Join(in, "Activity.fit")}, exitOK, `"schema": "itbcheck.report/v2"`, ""},
		{"unreadable input", []string{"analyze", "--format", "json", empty}, exitInputs, `"inputs_failed"`, "cannot read " + empty + ": empty: zero-length file"},
		{"inspect unreadable", []string{"inspect", empty}, exitInputs, "", "empty.fit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runBinary(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.wantCode, errOut)
			}
			if (tt.wantStdout == "") != (out == "") || !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout = %.200q, want %q", out, tt.wantStdout)
			}
			if (tt.wantStderr == "") != (errOut == "") || !strings.Contains(errOut, tt.wantStderr) {
				t.Errorf("stderr = %q, want %q", errOut, tt.wantStderr)
			}
		})
	}
}

// TestInspectMissingPath: inspect on a path that does not exist is a usage
// error (exit 2, one line, no report), as analyze, check and batch are,
// even beside a readable file, and even when JSON was asked for.
func TestInspectMissingPath(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	missing := filepath.Join(dir, "nope.fit")
	tests := []struct {
		name string
		args []string
	}{
		{"text", []string{"inspect", missing}},
		{"json", []string{"inspect", "--format", "json", missing}},
		{"beside a readable file", []string{"inspect", filepath.Join(in, "Activity.fit"), missing}},
		{"to a file", []string{"inspect", "-o", filepath.Join(dir, "out.json"), missing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runBinary(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d (usage error); stderr %q", code, exitUsage, errOut)
			}
			if out != "" {
				t.Errorf("stdout = %.200q, want nothing", out)
			}
			if want := missing + ": no such file or folder"; strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) {
				t.Errorf("stderr = %q, want one line with %q", errOut, want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); !os.IsNotExist(err) {
		t.Errorf("-o out.json was written (or stat failed: %v); nothing should be", err)
	}
}
