package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/report"
)

// TestParquetOutput: --format parquet writes the three tables into -o DIR
// and nothing else; without -o, or with -o naming a file, it is a usage
// error before anything is read; a second run replaces the tables.
func TestParquetOutput(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	out := filepath.Join(dir, "tables")
	for run := 0; run < 2; run++ {
		code, stdout, errOut := runCLI(t, "analyze", "--format", "parquet", "-o", out, in)
		if code != exitOK && code != exitInputs {
			t.Fatalf("analyze --format parquet: exit %d, stderr %q", code, errOut)
		}
		if stdout != "" {
			t.Errorf("stdout = %q, want nothing", stdout)
		}
		if !strings.Contains(errOut, "wrote 3 tables") {
			t.Errorf("stderr %q does not say what was written", errOut)
		}
		entries, _ := os.ReadDir(out)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := slices.Sorted(slices.Values(report.TableFiles))
		if !slices.Equal(names, want) {
			t.Errorf("run %d: %s holds %v, want %v (no temp files)", run+1, out, names, want)
		}
		for _, n := range names {
			b, _ := os.ReadFile(filepath.Join(out, n))
			if len(b) < 8 || string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1" {
				t.Errorf("%s is not a whole Parquet file", n)
			}
		}
	}
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"analyze", "--format", "parquet", in},
		{"analyze", "--format", "parquet", "-o", file, in},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(errOut, "folder of tables") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 asking for a folder", args, code, errOut)
		}
	}
}
