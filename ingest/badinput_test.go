package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/hostile"
)

// badCase is one hostile or damaged input of the bad-input corpus and what
// reading it must give.
type badCase struct {
	name string // file name; the extension matters to sniffing
	data func(t testing.TB) []byte
	// write, when set instead of data, writes the input to path itself:
	// inputs of hundreds of MiB, or sparse files, that are never held.
	write func(t testing.TB, path string)
	opt   Options
	// wantErr is the error class one problem must wrap; nil means the file
	// must read without any problem.
	wantErr  error
	wantText string // a substring of that problem's message
	minActs  int    // activities read (from the good part, or the good members)
	maxActs  int
	big      bool // a large case: memory and time are measured with it
}

// Peak heap growth and time any one input may take.
const (
	badInputMaxHeap = 300 << 20
	badInputMaxTime = 60 * time.Second
)

var badStart = time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC)

// badCorpus generates the corpus. Every generator is deterministic.
func badCorpus() []badCase {
	fit := func(t testing.TB) []byte { return tinyFIT(t, badStart, 60) }
	gpx := []byte(makeGPX(5, "running"))
	lit := func(s string) func(testing.TB) []byte { return func(testing.TB) []byte { return []byte(s) } }
	return []badCase{
		// FIT
		{name: "zero.fit", data: lit(""), wantErr: ErrEmpty, wantText: "zero-length"},
		{name: "truncated.fit", data: func(t testing.TB) []byte { b := fit(t); return b[:len(b)*2/3] },
			wantErr: ErrTruncated, wantText: "truncated", minActs: 1, maxActs: 1},
		{name: "header-only.fit", data: func(t testing.TB) []byte { return fit(t)[:14] }, wantErr: ErrTruncated},
		{name: "bitflip.fit", data: func(t testing.TB) []byte {
			b := fit(t)
			b[len(b)/2] ^= 0x10
			return b
		}, wantErr: ErrCorrupt, wantText: "crc"},
		{name: "random.fit", data: func(testing.TB) []byte { return randomBytes(1, 4096) }, wantErr: ErrUnsupported, wantText: "not a FIT file"},
		{name: "text.fit", data: lit("this is not a FIT file\n"), wantErr: ErrUnsupported, wantText: "not a FIT file"},
		{name: "4gb-header.fit", data: func(testing.TB) []byte { return fitHeader(0xFFFFFFFF, nil) },
			wantErr: ErrTooLarge, wantText: "FIT header declares 4294967295 bytes"},
		{name: "huge-data-size.fit", data: func(t testing.TB) []byte {
			b := fit(t)
			binary.LittleEndian.PutUint32(b[4:8], 1<<30) // 1 GiB declared, 1 KiB present
			binary.LittleEndian.PutUint16(b[12:14], 0)   // header CRC 0: not checked
			return b
		}, wantErr: ErrCorrupt, maxActs: 1},
		{name: "huge-definition.fit", data: func(testing.TB) []byte { return hugeDefinitionFIT() }, wantErr: ErrTruncated},
		{name: "trailing-garbage.fit", data: func(t testing.TB) []byte {
			return append(fit(t), []byte("garbage after the FIT data\x00\xff")...)
		}, minActs: 1, maxActs: 1},
		{name: "records.csv", data: func(testing.TB) []byte {
			var b bytes.Buffer
			b.WriteString("time,heart_rate,cadence,distance,speed\n")
			for i := 0; i <= DefaultLimits.MaxRecords; i++ {
				fmt.Fprintf(&b, "%d,150,170,%d,3\n", i, 3*i)
			}
			return b.Bytes()
		}, wantErr: ErrTooLarge, wantText: "more than 500000", maxActs: 1, big: true},
		{name: "records.fit", data: fit, opt: Options{Limits: Limits{MaxRecords: 10}},
			wantErr: ErrTooLarge, wantText: "more than 10 records"},

		// gzip
		{name: "bomb.fit.gz", data: func(t testing.TB) []byte { return gzipZeros(t, 1<<30) },
			wantErr: ErrTooLarge, wantText: "times its compressed size", big: true},
		{name: "bomb-size.csv.gz", data: func(t testing.TB) []byte {
			return gz(t, append([]byte("time,heart_rate\n"), bytes.Repeat([]byte("1,120,"+strings.Repeat("x", 1000)+"\n"), 64<<10)...))
		},
			opt: Options{Limits: Limits{MaxDecompressedBytes: 8 << 20, MaxRatio: 1 << 20}}, wantErr: ErrTooLarge, wantText: "more than 8 MB (limits.max_decompressed_mb)", maxActs: 1},
		{name: "truncated.gpx.gz", data: func(t testing.TB) []byte { b := gz(t, gpx); return b[:len(b)/2] }, wantErr: ErrTruncated, wantText: "compressed data ends early"},
		{name: "badheader.fit.gz", data: lit("\x1f\x8b\x09garbage"), wantErr: ErrCorrupt, wantText: "gzip"},

		// zip
		{name: "slip.zip", data: func(t testing.TB) []byte {
			return makeZip(t, []member{{"../../evil.gpx", gpx}, {"/abs.gpx", gpx}, {`..\win.gpx`, gpx}, {"ok.gpx", gpx}})
		}, wantErr: ErrCorrupt, wantText: "unsafe member name", minActs: 1, maxActs: 1},
		{name: "entries.zip", data: func(t testing.TB) []byte { return manyEntriesZip(t, DefaultLimits.MaxArchiveEntries+1) },
			wantErr: ErrTooLarge, wantText: "100001 members, limit 100000", big: true},
		{name: "lying-size.zip", data: func(t testing.TB) []byte { return lyingZip(t, gpx) },
			wantErr: ErrCorrupt, wantText: "does not match the sizes in the zip directory", minActs: 1, maxActs: 1},
		{name: "nested-bomb.zip", data: func(t testing.TB) []byte { return nestedZipBomb(t, 5) },
			wantErr: ErrTooLarge, wantText: "more unreadable members", big: true},
		{name: "ctrl-name.zip", data: func(t testing.TB) []byte {
			return makeZip(t, []member{{"a\nb\x1b[2J\xff.gpx", []byte("junk")}, {"ok.gpx", gpx}})
		}, wantErr: ErrEmpty, wantText: `ctrl-name.zip!/a\nb\x1b[2J\xff.gpx`, minActs: 1, maxActs: 1},
		{name: "not-a.zip", data: lit("PK\x03\x04 but nothing after"), wantErr: ErrCorrupt, wantText: "zip"},

		// CSV
		{name: "empty.csv", data: lit("\n\n  \n"), wantErr: ErrEmpty},
		{name: "unknown.csv", data: lit("name,colour\nalice,red\n"), wantErr: ErrUnsupported, wantText: "matches no known export"},
		{name: "bom.csv", data: func(testing.TB) []byte { return append([]byte("\xef\xbb\xbf"), sampleCSV...) }, minActs: 1, maxActs: 1},
		{name: "ragged.csv", data: lit("time,heart_rate,cadence\n0,120,170\n1,121\n2,122,171,extra,cells\n3\n"), minActs: 1, maxActs: 1},
		{name: "unterminated.csv", data: lit("time,heart_rate\n0,120\n1,\"121\n2,122\n"), minActs: 0, maxActs: 1},
		{name: "utf16le.csv", data: func(testing.TB) []byte { return utf16(sampleCSV, true) },
			wantErr: ErrUnsupported, wantText: "UTF-16"},
		{name: "utf16be.csv", data: func(testing.TB) []byte { return utf16(sampleCSV, false)[2:] }, // no BOM
			wantErr: ErrUnsupported, wantText: "UTF-16"},
		{name: "latin1.csv", data: func(testing.TB) []byte {
			return []byte(strings.Replace(stravaCSV, "Morning Run", "Course du matin \xe0 l'\xe9tang", 1))
		}, minActs: 1, maxActs: 10},
		{name: "nul.csv", data: lit("time,heart_rate\x00\n0,12\x000\n1,121\n"), minActs: 0, maxActs: 1},
		{name: "baddate.csv", data: lit(strings.SplitN(stravaCSV, "\n", 2)[0] + "\n1,not a date,x,Run\n"), minActs: 1, maxActs: 1},
		{name: "oneline.csv", data: func(testing.TB) []byte { return bytes.Repeat([]byte("time,"), 10<<20) },
			wantErr: ErrTooLarge, wantText: "line longer than", big: true},
		{name: "longrow.csv", data: func(testing.TB) []byte {
			return append([]byte("time,heart_rate\n0,120\n1,"), bytes.Repeat([]byte("9"), 50<<20)...)
		}, wantErr: ErrTooLarge, wantText: "line longer than", maxActs: 1, big: true},

		// XML
		{name: "laughs.gpx", data: lit(billionLaughs("gpx")), wantErr: ErrCorrupt, wantText: "XML"},
		{name: "laughs.tcx", data: lit(billionLaughs("TrainingCenterDatabase")), wantErr: ErrCorrupt, wantText: "XML"},
		{name: "deep.gpx", data: func(testing.TB) []byte {
			return []byte("<gpx>" + strings.Repeat("<a>", 1<<20) + strings.Repeat("</a>", 1<<20) + "</gpx>")
		}, wantErr: ErrCorrupt, wantText: "nested", big: true},
		{name: "truncated.tcx", data: func(testing.TB) []byte { s := makeTCX(20, "Running"); return []byte(s[:len(s)/2]) },
			wantErr: ErrTruncated, maxActs: 1},
		{name: "mismatched.gpx", data: lit("<gpx><trk></gpx>"), wantErr: ErrCorrupt, wantText: "XML"},
		{name: "random.gpx", data: func(testing.TB) []byte { return randomBytes(2, 4096) }, wantErr: ErrCorrupt},

		// Round two (issue 14): budgets per archive and per file, not
		// only per member or per activity; and the messages that said the
		// wrong thing.
		{name: "dup-entries.zip", data: func(testing.TB) []byte { return hostile.DuplicateEntriesZip(20_000, bigSampleCSV(20_000)) },
			wantErr: ErrCorrupt, wantText: "19999 zip directory entries point into the data of another member"},
		{name: "archive-budget.zip", data: func(t testing.TB) []byte {
			csv := bigSampleCSV(20_000)
			return makeZip(t, []member{{"a.csv", csv}, {"b.csv", csv}, {"c.csv", csv}})
		}, opt: Options{Limits: Limits{MaxArchiveBytes: int64(len(bigSampleCSV(20_000))) * 3 / 2}},
			wantErr: ErrTooLarge, wantText: "the archive decompresses to more than", minActs: 1, maxActs: 2},
		{name: "bloated-directory.zip", write: func(t testing.TB, path string) {
			writeWith(t, path, func(w io.Writer) error { return hostile.BloatedDirectoryZip(w, 80<<20, gpx) })
		}, wantErr: ErrTooLarge, wantText: "zip directory is 84031091 bytes, limit 33554432", big: true},
		{name: "encrypted.zip", data: func(testing.TB) []byte { return hostile.EncryptedZip(gpx) },
			wantErr: ErrUnsupported, wantText: "encrypted.zip!/secret.gpx: unsupported file type: member is encrypted (a password-protected zip)", minActs: 1, maxActs: 1},
		{name: "sparse.fit", write: func(t testing.TB, path string) {
			if err := hostile.SparseFIT(path, 2<<30-16); err != nil {
				t.Fatal(err)
			}
		}, wantErr: ErrCorrupt, wantText: "FIT data is mostly zero bytes", big: true},
		{name: "messages.fit", data: func(testing.TB) []byte { return hostile.OneByteMessagesFIT(200_000, badStart) },
			opt: Options{Limits: Limits{MaxRecords: 10}}, wantErr: ErrTooLarge, wantText: "more than 100040 messages"},
		{name: "messages-20m.fit", data: func(testing.TB) []byte { return hostile.OneByteMessagesFIT(20_000_000, badStart) },
			wantErr: ErrTooLarge, wantText: "more than 2100000 messages", big: true},
		{name: "sessions.fit", data: func(testing.TB) []byte { return hostile.ManySessionsFIT(700_000, badStart) },
			wantErr: ErrTooLarge, wantText: "more than 1000 sessions in one FIT file", big: true},
		{name: "sessions.fit.gz", data: func(t testing.TB) []byte { return gz(t, hostile.ManySessionsFIT(2_000_000, badStart)) },
			wantErr: ErrTooLarge, wantText: "more than 1000 sessions in one FIT file", big: true},
		{name: "sessions-limit.fit", data: func(testing.TB) []byte { return hostile.ManySessionsFIT(3, badStart) },
			opt: Options{Limits: Limits{MaxSessions: 2}}, wantErr: ErrTooLarge, wantText: "more than 2 sessions"},
		{name: "monitoring.fit", data: func(testing.TB) []byte { return hostile.KindFIT(hostile.FITMonitoring, badStart) },
			wantErr: ErrEmpty, wantText: "a monitoring file (FIT file type monitoring_b), no activity"},
		{name: "settings.fit", data: func(testing.TB) []byte { return hostile.KindFIT(hostile.FITSettings, badStart) },
			wantErr: ErrEmpty, wantText: "a settings file (FIT file type settings), no activity"},
		{name: "hugetext.gpx", write: func(t testing.TB, path string) {
			writeWith(t, path, func(w io.Writer) error { return hostile.HugeTextGPX(w, 256<<20, badStart) })
		}, wantErr: ErrTooLarge, wantText: "XML holds more than 1048576 bytes without markup", big: true},
		{name: "hugetext-limit.tcx", data: func(testing.TB) []byte { return []byte(makeTCX(20, "Running")) },
			opt: Options{Limits: Limits{MaxXMLTextBytes: 50}}, wantErr: ErrTooLarge, wantText: "more than 50 bytes without markup"},
		{name: "latin1.gpx", data: func(testing.TB) []byte { return hostile.GPX(5, "ISO-8859-1", "Course \xe0 l'\xe9tang", badStart) },
			minActs: 1, maxActs: 1},
		{name: "cp1252.gpx", data: func(testing.TB) []byte { return hostile.GPX(5, "windows-1252", "\x93Long\x94 run", badStart) },
			minActs: 1, maxActs: 1},
		{name: "latin1-undeclared.gpx", data: func(testing.TB) []byte { return hostile.GPX(5, "UTF-8", "Course \xe0 l'\xe9tang", badStart) },
			wantErr: ErrCorrupt, wantText: "invalid UTF-8 (the file declares no encoding, or UTF-8; a Latin-1 or Windows-1252 file must say so"},
		{name: "unknown-encoding.gpx", data: func(testing.TB) []byte { return hostile.GPX(5, "x-klingon", "run", badStart) },
			wantErr: ErrCorrupt, wantText: `declared encoding "x-klingon" is not read`},
		{name: "rows.csv", write: func(t testing.TB, path string) {
			writeWith(t, path, func(w io.Writer) error { return hostile.ManyRowsStravaCSV(w, 1_000_000, badStart) })
		}, wantErr: ErrTooLarge, wantText: "more than 50000 activity rows in one summary CSV", minActs: 50_000, maxActs: 50_000, big: true},
		{name: "blank-lines.csv", data: func(testing.TB) []byte { return hostile.BlankLinesCSV(16<<20, badStart) }, minActs: 1, maxActs: 1, big: true},
		{name: "samples-limit.gpx", data: func(testing.TB) []byte { return hostile.GPX(20, "UTF-8", "run", badStart) },
			opt: Options{Limits: Limits{MaxRecords: 10}}, wantErr: ErrTooLarge, wantText: "more than 10 samples", minActs: 1, maxActs: 1},
	}
}

// bigSampleCSV is a per-second sample CSV of n rows (about 25 bytes each).
func bigSampleCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("time,heart_rate,cadence,distance\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d,150,170,%d\n", i, 3*i)
	}
	return b.Bytes()
}

// writeWith creates path and has gen write the input into it.
func writeWith(t testing.TB, path string, gen func(io.Writer) error) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := gen(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestBadInputCorpus reads every input of the corpus through Read, as the
// CLI does: none may panic, hang or use more than a few hundred MiB, each
// gives the expected class of error as one line naming the file, and the
// good data beside the damage is still read.
func TestBadInputCorpus(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range badCorpus() {
		t.Run(tt.name, func(t *testing.T) {
			if tt.big && testing.Short() {
				t.Skip("large input; skipped with -short")
			}
			path := filepath.Join(dir, tt.name)
			if tt.write != nil {
				tt.write(t, path)
				defer os.Remove(path)
			} else if err := os.WriteFile(path, tt.data(t), 0o644); err != nil {
				t.Fatal(err)
			}
			var acts []*Activity
			var probs []Problem
			peak, elapsed := measure(t, func() {
				probs = Read(context.Background(), path, tt.opt, func(a *Activity) {
					a.Samples = Samples{} // keep memory to what the decoder holds
					acts = append(acts, a)
				})
			})
			checkProblems(t, path, probs, tt.wantErr, tt.wantText)
			if len(acts) < tt.minActs || len(acts) > max(tt.maxActs, tt.minActs) {
				t.Errorf("%d activities, want %d to %d", len(acts), tt.minActs, max(tt.maxActs, tt.minActs))
			}
			for _, a := range acts {
				if !strings.HasPrefix(a.Source, path) {
					t.Errorf("activity source %q is not within %s", a.Source, path)
				}
			}
			if peak > badInputMaxHeap {
				t.Errorf("heap grew by %d MiB reading it, want under %d MiB", peak>>20, badInputMaxHeap>>20)
			}
			t.Logf("%v; %d problems; %d activities; peak heap +%d MiB in %v", probs[:min(len(probs), 2)], len(probs), len(acts), peak>>20, elapsed.Round(time.Millisecond))
		})
	}
}

// checkProblems asserts the problems of one input: one wraps wantErr and
// mentions wantText (none at all when wantErr is nil); each is one line
// naming the file, without a recovered panic or Go-internal wording.
func checkProblems(t *testing.T, path string, probs []Problem, wantErr error, wantText string) {
	t.Helper()
	if wantErr == nil && len(probs) > 0 {
		t.Errorf("problems %v, want none", probs)
	}
	found := wantErr == nil
	for _, p := range probs {
		msg := p.Error()
		if strings.ContainsAny(msg, "\r\n") {
			t.Errorf("message spans lines: %q", msg)
		}
		if !strings.HasPrefix(msg, path) {
			t.Errorf("message does not start with the file: %q", msg)
		}
		for _, internal := range []string{"decoder failed", "failed unexpectedly", "unexpected EOF", "runtime error", "goroutine"} {
			if strings.Contains(msg, internal) {
				t.Errorf("message reads like a Go internal (%q): %q", internal, msg)
			}
		}
		if errors.Is(p, wantErr) && strings.Contains(msg, wantText) {
			found = true
		}
	}
	if !found {
		t.Errorf("problems %v, want one wrapping %q that mentions %q", probs, wantErr, wantText)
	}
}

// measure runs fn and returns the peak growth of the live heap while it
// ran and how long it took; it fails the test when fn runs past
// badInputMaxTime (a hang).
func measure(t *testing.T, fn func()) (peak uint64, elapsed time.Duration) {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	done := make(chan struct{})
	start := time.Now()
	go func() { defer close(done); fn() }()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(badInputMaxTime)
	for {
		select {
		case <-done:
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base && ms.HeapAlloc-base > peak {
				peak = ms.HeapAlloc - base
			}
			return peak, time.Since(start)
		case <-tick.C:
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base && ms.HeapAlloc-base > peak {
				peak = ms.HeapAlloc - base
			}
		case <-deadline:
			t.Fatalf("still reading after %v: a hang", badInputMaxTime)
		}
	}
}

// TestWalkSymlinkLoop: links that point back up the tree, or at
// themselves, neither loop the walk nor stop it.
func TestWalkSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "runs")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, sub, "a.gpx", []byte(makeGPX(3, "running")))
	for link, target := range map[string]string{
		filepath.Join(sub, "up"):        "..",
		filepath.Join(sub, "self.fit"):  "self.fit",
		filepath.Join(dir, "loop1.fit"): "loop2.fit",
		filepath.Join(dir, "loop2.fit"): "loop1.fit",
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	done := make(chan struct{})
	var l Listing
	go func() { defer close(done); l = Scan([]string{dir}) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("walk loops")
	}
	if len(l.Files) != 1 || !strings.HasSuffix(l.Files[0], "a.gpx") {
		t.Errorf("files %q; want runs/a.gpx only", l.Files)
	}
	if len(l.Skipped) != 1 || !strings.Contains(l.Skipped[0].Reason, "link to a folder") {
		t.Errorf("skipped %+v, want the link to a folder", l.Skipped)
	}
	// Links that loop, with an activity file's name, cannot be read: they
	// are failed inputs with the reason, not files "itbcheck does not read".
	if len(l.Failed) != 3 {
		t.Errorf("failed %q, want the three looping .fit links", l.Failed)
	}
	for _, p := range l.Failed {
		if !strings.Contains(p.Error(), "too many levels of symbolic links") {
			t.Errorf("%v: want the loop named", p)
		}
	}
}

// randomBytes is n pseudo-random bytes that start like no known format.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 42))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0] = 0xA7 // not '<', 0x1f, 'P', 12 or 14
	return b
}

// fitHeader is a 14-byte FIT file header declaring dataSize bytes,
// followed by data.
func fitHeader(dataSize uint32, data []byte) []byte {
	h := []byte{14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}
	binary.LittleEndian.PutUint32(h[4:8], dataSize)
	return append(h, data...)
}

// hugeDefinitionFIT defines a record message of 255 fields of 255 bytes
// and 255 developer fields, then ends: a data message would be 130 KB.
func hugeDefinitionFIT() []byte {
	def := []byte{0x60, 0, 0, 20, 0, 255}
	for i := 0; i < 255; i++ {
		def = append(def, byte(i), 255, 0x0D)
	}
	def = append(def, 255)
	for i := 0; i < 255; i++ {
		def = append(def, byte(i), 255, 0)
	}
	data := append(def, 0x00, 1, 2, 3)
	return fitHeader(uint32(len(data)+200_000), data)
}

// gzipZeros compresses n zero bytes.
func gzipZeros(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(zeros))
		if _, err := w.Write(zeros[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyEntriesZip is a zip of n empty stored members.
func manyEntriesZip(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < n; i++ {
		if _, err := w.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%d.gpx", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip holds run.gpx, whose header declares 100 bytes while it
// inflates to far more, and a good ok.gpx.
func lyingZip(t testing.TB, gpx []byte) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	big := []byte(makeGPX(2000, "running"))
	fw.Write(big)
	fw.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	raw, err := w.CreateRaw(&zip.FileHeader{Name: "run.gpx", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(big), CompressedSize64: uint64(comp.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(comp.Bytes())
	f, _ := w.Create("ok.gpx")
	f.Write(gpx)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// nestedZipBomb nests zips depth levels deep, each holding ten copies of
// the level below (deflated), around 32 MiB of zeros.
func nestedZipBomb(t testing.TB, depth int) []byte {
	inner := makeZip(t, []member{{"zeros.csv", make([]byte, 32<<20)}})
	for i := 1; i < depth; i++ {
		ms := make([]member, 10)
		for j := range ms {
			ms[j] = member{fmt.Sprintf("l%d-%d.zip", i, j), inner}
		}
		inner = makeZip(t, ms)
	}
	return inner
}

// utf16 encodes an ASCII text as UTF-16 with a byte order mark.
func utf16(s string, little bool) []byte {
	out := []byte{0xFE, 0xFF}
	if little {
		out = []byte{0xFF, 0xFE}
	}
	for _, c := range []byte(s) {
		if little {
			out = append(out, c, 0)
		} else {
			out = append(out, 0, c)
		}
	}
	return out
}

// billionLaughs is the entity-expansion bomb with root element root: each
// entity is ten of the one before, &lol9; a billion "lol"s.
func billionLaughs(root string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n<!DOCTYPE " + root + " [\n <!ENTITY lol \"lol\">\n")
	for i := 1; i <= 9; i++ {
		prev := "lol"
		if i > 1 {
			prev = fmt.Sprintf("lol%d", i-1)
		}
		b.WriteString(fmt.Sprintf(" <!ENTITY lol%d \"%s\">\n", i, strings.Repeat("&"+prev+";", 10)))
	}
	b.WriteString("]>\n<" + root + ">&lol9;</" + root + ">\n")
	return b.String()
}
