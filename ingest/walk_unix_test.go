//go:build unix

package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestScanNotRegular: pipes and broken links. A FIFO among the inputs once
// blocked the run forever; a dangling .fit link counted as a file "of a
// type itbcheck does not read" with exit 0.
func TestScanNotRegular(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "runs")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "a.gpx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(sub, "pipe.fit")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for link, target := range map[string]string{"gone.fit": "nowhere.fit", "gone.txt": "nowhere.txt"} {
		if err := os.Symlink(target, filepath.Join(sub, link)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	l := Scan([]string{root, fifo, "-"})
	if len(l.Files) != 1 || filepath.Base(l.Files[0]) != "a.gpx" {
		t.Errorf("files %q, want a.gpx", l.Files)
	}
	want := map[string]string{
		filepath.Join(sub, "gone.fit"): "broken symbolic link: its target does not exist",
		fifo:                           "a named pipe (FIFO), not a regular file",
		"-":                            "standard input is not read (pipes are not read)",
	}
	if len(l.Failed) != len(want) {
		t.Errorf("failed %q, want %d", l.Failed, len(want))
	}
	for _, p := range l.Failed {
		if w, ok := want[p.Path]; !ok || !strings.Contains(p.Err.Error(), w) {
			t.Errorf("failed %v, want %q", p, w)
		}
	}
	skips := map[string]string{}
	for _, s := range l.Skipped {
		skips[filepath.Base(s.Path)] = s.Reason
	}
	if !strings.Contains(skips["pipe.fit"], "named pipe") || skips["gone.txt"] != "broken symbolic link" || len(skips) != 2 {
		t.Errorf("skipped %q, want the pipe and the broken .txt link, with reasons", skips)
	}
}
