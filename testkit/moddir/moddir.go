// Package moddir finds the files of a Go module this one requires, for
// tests that read real files shipped with a dependency (the FIT SDK's
// test activities in github.com/muktihari/fit).
//
// It asks the go command (go list -m -f '{{.Dir}}'), so the version is
// the one go.mod requires, never a path written into a test: when the
// dependency is upgraded, the tests read the new version's files instead
// of skipping.
package moddir

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Dir is the folder of module (a path go.mod requires) in the module
// cache. The test fails when the go command cannot say or the folder is
// absent: the module is ours to build with, so its files must be there.
func Dir(tb testing.TB, module string) string {
	tb.Helper()
	dir, err := Find(module)
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Find is Dir for a TestMain, which has no test to fail: the folder, or
// why the go command could not give it.
func Find(module string) (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%w: %s", err, strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("go list -m %s: %w", module, err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("go list -m %s: no folder (run go mod download)", module)
	}
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("module %s: %w", module, err)
	}
	return dir, nil
}

// Testdata is module's testdata folder, joined with elem; the test fails
// when it is absent.
func Testdata(tb testing.TB, module string, elem ...string) string {
	tb.Helper()
	dir := filepath.Join(append([]string{Dir(tb, module), "testdata"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("module %s: %v", module, err)
	}
	return dir
}
