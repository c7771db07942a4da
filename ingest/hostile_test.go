package ingest

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/internal/hostile"
)

// TestDeclaredEncodings: a GPX that declares ISO-8859-1 or Windows-1252
// is decoded through golang.org/x/text, not refused as invalid UTF-8.
func TestDeclaredEncodings(t *testing.T) {
	for _, tc := range []struct{ enc, raw, want string }{
		{"ISO-8859-1", "Course \xe0 l'\xe9tang", "Course à l'étang"},
		{"latin1", "Caf\xe9", "Café"},
		{"windows-1252", "\x93Long\x94 run \x80", "“Long” run €"},
		{"ISO-8859-15", "\xa4uro", "€uro"},
		{"utf-8", "Zoë", "Zoë"},
	} {
		acts, err := NewReader(bytes.NewReader(hostile.GPX(3, tc.enc, tc.raw, badStart)), "run.gpx", Options{}).ReadAll()
		if err != nil || len(acts) != 1 {
			t.Errorf("%s: %d activities, %v", tc.enc, len(acts), err)
			continue
		}
		if acts[0].Title != tc.want {
			t.Errorf("%s: title %q, want %q", tc.enc, acts[0].Title, tc.want)
		}
	}
}

// TestSampleLimitNote: a track cut at the samples limit says so, not
// "file ends early".
func TestSampleLimitNote(t *testing.T) {
	for _, name := range []string{"run.gpx", "run.tcx"} {
		data := hostile.GPX(20, "UTF-8", "run", badStart)
		if strings.HasSuffix(name, ".tcx") {
			data = []byte(makeTCX(20, "Running"))
		}
		acts, err := NewReader(bytes.NewReader(data), name, Options{Limits: Limits{MaxRecords: 10}}).ReadAll()
		if err == nil || len(acts) != 1 {
			t.Fatalf("%s: %d activities, %v; want the first 10 samples and the limit", name, len(acts), err)
		}
		notes := strings.Join(acts[0].Notes, "; ")
		if strings.Contains(notes, "ends early") || !strings.Contains(notes, "read up to a limit (more than 10 samples): the first 10 samples kept") {
			t.Errorf("%s: notes %q", name, notes)
		}
	}
}

// TestReadCancelled: every read of a file stops at Ctrl-C: a context
// cancelled while a large file is being decoded ends Read at its next
// read of the file, with the cancellation as the problem.
func TestReadCancelled(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	writeWith(t, path, func(w io.Writer) error { return hostile.ManyRowsStravaCSV(w, 1_000_000, badStart) })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	n := 0
	probs := Read(ctx, path, Options{Limits: Limits{MaxSummaryRows: 2_000_000}}, func(*Activity) { n++ })
	if len(probs) == 0 || !strings.Contains(probs[0].Error(), "context canceled") {
		t.Errorf("read %d activities in %v with problems %v; want it stopped by the cancel", n, time.Since(start), probs)
	}
}
