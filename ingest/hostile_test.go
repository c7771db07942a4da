package ingest

import (
	"bytes"
	"context"
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

// TestReadCancelled: every read of a file stops at Ctrl-C: a cancelled
// context ends Read at its next read of the file, whatever the format.
func TestReadCancelled(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "rows.csv", func() []byte {
		var b bytes.Buffer
		hostile.ManyRowsStravaCSV(&b, 40_000, badStart)
		return b.Bytes()
	}())
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	start := time.Now()
	probs := Read(ctx, path, Options{}, func(*Activity) {
		if n++; n == 10 {
			cancel()
		}
	})
	if n >= 40_000 || len(probs) == 0 || !strings.Contains(probs[0].Error(), "context canceled") {
		t.Errorf("read %d activities after the cancel (problems %v) in %v; want it stopped", n, probs, time.Since(start))
	}
}
