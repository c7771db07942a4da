package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readTree maps every file below dir (by relative path) to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestRunTwiceIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("writes two full samples")
	}
	a, b := t.TempDir(), t.TempDir()
	// A stale file in b must be removed by the run.
	if err := os.MkdirAll(filepath.Join(b, "bob"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b, "bob", "1999-01-01-easy.fit"), []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{a, b} {
		if err := run(dir, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("first run wrote %d files, second %d", len(ta), len(tb))
	}
	var total int
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between runs", name)
		}
		total += len(data)
	}
	for _, want := range []string{"README.md", "expect.yaml", "alice/2026-03-03-easy.fit", "bob/2026-03-03-easy.fit"} {
		if _, ok := ta[want]; !ok {
			t.Errorf("%s not written", want)
		}
	}
	if total > 6<<20 {
		t.Errorf("sample is %d bytes, want < 6 MiB", total)
	}
	if y := string(ta["expect.yaml"]); !strings.Contains(y, "{rule: load-spike, severity: medium, week: 2026-W19}") || !strings.Contains(y, "bob:\n    max: low") {
		t.Errorf("expect.yaml lacks alice's spike or bob's bound:\n%s", y)
	}
}
