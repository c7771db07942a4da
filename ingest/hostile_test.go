package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/hostile"
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

// cancelOnCheck is a context that its n-th Err call cancels: a known
// point of the read (the input asks its context before every read of the
// file), not a moment of the wall clock, so that how busy the machine is
// cannot decide whether the cancel lands before the file is read through.
type cancelOnCheck struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
}

func newCancelOnCheck(n int64) *cancelOnCheck {
	ctx, cancel := context.WithCancel(context.Background())
	c := &cancelOnCheck{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *cancelOnCheck) Err() error {
	if c.left.Add(-1) == 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// TestReadCancelled: every read of a file stops at Ctrl-C: a context
// cancelled while a large file is being decoded ends Read at its next
// read of the file, with the cancellation as the problem, for a plain and
// a gzipped file (a read of compressed bytes holds about ten times more
// rows, so that file has more). Control: never cancelled, the same file
// reads through.
func TestReadCancelled(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, rows int, zip bool) string {
		path := filepath.Join(dir, name)
		writeWith(t, path, func(w io.Writer) error {
			if !zip {
				return hostile.ManyRowsStravaCSV(w, rows, badStart)
			}
			zw := gzip.NewWriter(w)
			if err := hostile.ManyRowsStravaCSV(zw, rows, badStart); err != nil {
				return err
			}
			return zw.Close()
		})
		return path
	}
	plain := write("rows.csv", 20_000, false) // ~1.2 MB: many reads of the file
	gz := write("rows.csv.gz", 300_000, true)
	tests := []struct {
		name   string
		path   string
		rows   int
		checks int64 // the Err call that cancels; 0: never
	}{
		{"csv, cancelled at the third read", plain, 20_000, 3},
		{"csv.gz, cancelled at the third read", gz, 300_000, 3},
		{"csv, never cancelled", plain, 20_000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newCancelOnCheck(tt.checks)
			defer ctx.cancel()
			n := 0
			probs := Read(ctx, tt.path, Options{Limits: Limits{MaxSummaryRows: 1_000_000}}, func(*Activity) { n++ })
			if tt.checks == 0 {
				if len(probs) != 0 || n != tt.rows {
					t.Fatalf("read %d of %d activities, problems %v; want all of them", n, tt.rows, probs)
				}
				return
			}
			if len(probs) == 0 || !strings.Contains(probs[0].Error(), "context canceled") {
				t.Fatalf("read %d activities with problems %v; want it stopped by the cancel", n, probs)
			}
			t.Logf("%d of %d activities read before the cancel stopped it", n, tt.rows)
			if n >= tt.rows/2 {
				t.Errorf("read %d of %d activities after a cancel at the %d. read of the file: it did not stop at its next read", n, tt.rows, tt.checks)
			}
		})
	}
}
