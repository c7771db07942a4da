package ingest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// The public entry reads any supported stream from an io.Reader with a name,
// as Open reads a path: the format comes from the content first, the name's
// extension second.
func TestNewReaderFormats(t *testing.T) {
	start := time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC)
	fit := tinyFIT(t, start, 5)
	cases := []struct {
		name string
		data []byte
		want Format
	}{
		{"run.fit", fit, FormatFIT},
		{"no-extension", fit, FormatFIT},
		{"run.fit.gz", gz(t, fit), FormatFIT},
		{"run.tcx", []byte(makeTCX(5, "Running")), FormatTCX},
		{"misnamed.txt", []byte(makeTCX(5, "Running")), FormatTCX},
		{"run.gpx.gz", gz(t, []byte(makeGPX(5, "running"))), FormatGPX},
		{"samples.csv", []byte(sampleCSV), FormatCSVSamples},
		{"export.zip", makeZip(t, []member{{"a/b.gpx", []byte(makeGPX(3, "running"))}}), FormatGPX},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A plain io.Reader (no size, no ReaderAt) and a bytes.Reader
			// must read the same.
			for _, r := range []io.Reader{bytes.NewReader(c.data), struct{ io.Reader }{bytes.NewReader(c.data)}} {
				acts, err := NewReader(r, c.name, Options{}).ReadAll()
				if err != nil {
					t.Fatalf("%T: %v", r, err)
				}
				if len(acts) != 1 || acts[0].Format != c.want {
					t.Fatalf("%T: got %d activities, want one %s", r, len(acts), c.want)
				}
				if !strings.HasPrefix(acts[0].Source, c.name) {
					t.Errorf("source %q does not start with the reader's name %q", acts[0].Source, c.name)
				}
			}
		})
	}
}

func TestNewReaderRefusals(t *testing.T) {
	if _, err := NewReader(strings.NewReader(""), "empty.fit", Options{}).ReadAll(); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty stream: %v, want ErrEmpty", err)
	}
	if _, err := NewReader(strings.NewReader("hello"), "notes.txt", Options{}).ReadAll(); !errors.Is(err, ErrUnsupported) {
		t.Errorf("text without a known extension: %v, want ErrUnsupported", err)
	}
	big := strings.NewReader(makeGPX(50, "running"))
	if _, err := NewReader(big, "big.gpx", Options{Limits: Limits{MaxFileBytes: 100}}).ReadAll(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("stream over MaxFileBytes: %v, want ErrTooLarge", err)
	}
	var seen int
	probs := NewReader(strings.NewReader(makeGPX(3, "running")), "x.gpx", Options{}).Each(context.Background(), func(*Activity) { seen++ })
	if len(probs) != 0 || seen != 1 {
		t.Errorf("Each: %d activities, problems %v", seen, probs)
	}
}

// Walks and sniffing read the same table: every extension a row names is a
// supported name and sniffs as that row when the content says nothing.
func TestFormatTableExtensions(t *testing.T) {
	for _, f := range formats {
		for _, ext := range f.exts {
			name := "dir/Activity" + strings.ToUpper(ext)
			if !IsSupportedName(name) {
				t.Errorf("%s: extension of row %s not supported", name, f.kind)
			}
			if got := sniff(nil, name); got == nil || got.kind != f.kind {
				t.Errorf("%s: sniffed as %v, want %s", name, got, f.kind)
			}
		}
	}
	for _, name := range []string{"photo.jpg", "notes.txt", "a.gz", "fit", "a.zip.gz"} {
		if IsSupportedName(name) {
			t.Errorf("%s: supported, want skipped", name)
		}
	}
}
