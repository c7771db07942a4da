package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"encoding/xml"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// decodeXMLBoth decodes data as TCX (or GPX) through the fast path when it
// applies and through walkXML alone, and describes each result; tookFast
// tells whether the fast path read the document itself.
func decodeXMLBoth(data []byte, gpx bool) (fast, slow string, tookFast bool) {
	decode, name := decodeTCX, "x.tcx"
	if gpx {
		decode, name = decodeGPX, "x.gpx"
	}
	describe := func() string {
		var acts []*Activity
		err := decode(bytes.NewReader(bytes.Clone(data)), name, Options{}, func(a *Activity) { acts = append(acts, a) })
		var b strings.Builder
		for _, a := range acts { // after the document was overwritten (xmlPoison)
			fmt.Fprintf(&b, "%+v\n", *a)
		}
		fmt.Fprintf(&b, "error: %v", err)
		return b.String()
	}
	xmlPoison = true
	fast = describe()
	xmlPoison = false
	xmlFastPath = false
	slow = describe()
	xmlFastPath = true
	s := &xmlScanner{}
	return fast, slow, s.scan(data, nopVisitor{}, Options{}.xmlLimits()) == nil
}

type nopVisitor struct{}

func (nopVisitor) start([]string, *xml.StartElement) error { return nil }
func (nopVisitor) end([]string, string) error              { return nil }

// xmlVariants are the ways exports write the same document: the fast
// path reads some itself and hands the others to walkXML; both must give
// the same result.
func xmlVariants(doc string) map[string]string {
	return map[string]string{
		"as written":      doc,
		"crlf":            strings.ReplaceAll(doc, "\n", "\r\n"),
		"bom":             "\ufeff" + doc,
		"comment":         strings.Replace(doc, "\n", "\n<!-- exported -->\n", 3),
		"entity":          strings.Replace(doc, "Forerunner", "Fore&amp;runner", 1),
		"single quotes":   strings.ReplaceAll(doc, `"`, `'`),
		"no declaration":  doc[strings.Index(doc, "?>")+2:],
		"version 1.1":     strings.Replace(doc, `version="1.0"`, `version="1.1"`, 1),
		"latin-1":         strings.Replace(doc, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1),
		"truncated":       doc[:len(doc)*2/3],
		"cut in a tag":    doc[:strings.LastIndex(doc[:len(doc)/2], "<")+3],
		"mismatched":      strings.Replace(doc, "</trkseg>", "</trk>", 1),
		"unicode title":   strings.Replace(strings.Replace(doc, "Morning Run", "Läufchen 🏃", 1), "Forerunner 255", "Forerunner ü", 1),
		"split text":      strings.Replace(doc, "<name>Morning Run</name>", "<name>Morning<x/> Run</name>", 1),
		"control char":    strings.Replace(doc, "Morning Run", "Morning\x01Run", 1),
		"self-closing":    strings.Replace(doc, "<extensions>", "<extensions><empty/>", 2),
		"spaced tags":     strings.ReplaceAll(strings.ReplaceAll(doc, "</ele>", "</ele >"), "<trkpt ", "<trkpt\n  "),
		"prefixed ext":    strings.ReplaceAll(doc, "gpxtpx:", "a:b:"),
		"cdata":           strings.Replace(doc, "Morning Run", "<![CDATA[Morning Run]]>", 1),
		"doctype":         strings.Replace(doc, "?>", "?><!DOCTYPE gpx>", 1),
		"bare ampersand":  strings.Replace(doc, "Morning Run", "Morning & Run", 1),
		"lt in attribute": strings.Replace(doc, `creator="`, `creator="<`, 1),
		"brackets":        strings.Replace(doc, "Morning Run", "Morning [easy]] Run", 1),
		"cdata end":       strings.Replace(doc, "Morning Run", "Morning ]]> Run", 1),
		"cdata end attr":  strings.Replace(doc, `creator="`, `creator="]]>`, 1),
		"amp in attr":     strings.Replace(doc, `creator="`, `creator="&lt;`, 1),
	}
}

// TestXMLFastPathSameResult decodes real and synthetic TCX and GPX files,
// and variants of them, both ways: the fast path must give exactly the
// activities (or error) of walkXML, sample for sample.
func TestXMLFastPathSameResult(t *testing.T) {
	type doc struct {
		name string
		gpx  bool
		text string
	}
	var docs []doc
	for _, dir := range []string{filepath.Join("..", "..", "shared", "corpus", "public"), "testdata"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			ext := strings.ToLower(filepath.Ext(path))
			if err != nil || d.IsDir() || ext != ".tcx" && ext != ".gpx" {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc{path, ext == ".gpx", string(data)})
			return nil
		})
	}
	run := synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC), DistanceKm: 2,
		PaceMinPerKm: 5.5, CadenceSPM: 172, BalanceLeftPct: 50.5, Dynamics: true, Seed: 7}
	ride := run
	ride.Sport, ride.Dynamics = synth.SportCycling, false
	treadmill := run
	treadmill.Sport = synth.SportTreadmill
	for _, r := range []synth.RunSpec{run, ride, treadmill} {
		for _, f := range []synth.Format{synth.TCX, synth.GPX} {
			data, err := synth.EncodeRunAs(r, f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc{fmt.Sprintf("synth %s %s", r.Sport, f), f == synth.GPX, string(data)})
		}
	}
	docs = append(docs, doc{"makeTCX", false, makeTCX(300, "Running")}, doc{"makeGPX", true, makeGPX(300, "running")})
	fastCount, total := 0, 0
	for _, d := range docs {
		for variant, text := range xmlVariants(d.text) {
			fast, slow, took := decodeXMLBoth([]byte(text), d.gpx)
			total++
			if took {
				fastCount++
			}
			if fast != slow {
				t.Errorf("%s, %s (fast path %v): results differ\nfast: %.800s\nslow: %.800s", d.name, variant, took, fast, slow)
			}
		}
		if _, _, took := decodeXMLBoth([]byte(d.text), d.gpx); !took && !strings.Contains(d.name, "corpus") {
			t.Errorf("%s: the fast path refused it", d.name)
		}
	}
	if fastCount < total/3 {
		t.Errorf("the fast path read only %d of %d documents", fastCount, total)
	}
	t.Logf("fast path read %d of %d documents", fastCount, total)
}

// FuzzXMLFastPath mutates TCX and GPX documents; whatever the bytes, the
// decoders must give the same result through the fast path as through
// walkXML.
func FuzzXMLFastPath(f *testing.F) {
	f.Add([]byte(makeTCX(3, "Running")), false)
	f.Add([]byte(makeGPX(3, "running")), true)
	for _, name := range []string{"tp--test.tcx", "gp--unicode_with_bom.gpx"} {
		if data, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "public", name)); err == nil && len(data) < 64<<10 {
			f.Add(data, strings.HasSuffix(name, ".gpx"))
		}
	}
	f.Add([]byte(`<?xml version="1.0"?><gpx creator='a'><trk><name>x</name><type>9</type><trkseg><trkpt lat="1" lon="2"><ele>3</ele><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`), true)
	f.Fuzz(func(t *testing.T, data []byte, gpx bool) {
		if len(data) > 1<<16 {
			return
		}
		fast, slow, took := decodeXMLBoth(data, gpx)
		if fast != slow {
			t.Fatalf("fast path %v: results differ\nfast: %.1500s\nslow: %.1500s", took, fast, slow)
		}
	})
}

// BenchmarkXMLScan tokenizes a one-hour TCX track with the fast path's
// scanner and with encoding/xml (the tokens walkXML reads), visitor left
// out: the tokenizers alone, one core.
func BenchmarkXMLScan(b *testing.B) {
	data, err := synth.EncodeRunAs(synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC),
		DistanceKm: 12, PaceMinPerKm: 5, CadenceSPM: 172, Seed: 1}, synth.TCX)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("scanXML", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		s := &xmlScanner{}
		for b.Loop() {
			if err := s.scan(data, nopVisitor{}, Options{}.xmlLimits()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := d.Token(); err != nil {
					break
				}
			}
		}
	})
}

// TestEqualAt compares the word-wise comparison with bytes.HasPrefix for
// every length, every position (near the end and past it too) and a
// difference in every byte.
func TestEqualAt(t *testing.T) {
	data := []byte(strings.Repeat("gpxtpx:TrackPointExtension>", 10))
	data[200] = 'X'
	for n := -1; n <= 240; n++ {
		for i := -1; i <= len(data); i++ {
			for _, at := range []int{-1, 0, 27, 54, 173, len(data) - 5} {
				want := n >= 0 && i >= 0 && at >= 0 && at+n <= len(data) && bytes.HasPrefix(data[i:], data[at:at+n])
				if got := equalAt(data, i, at, n); got != want {
					t.Fatalf("equalAt(i %d, at %d, n %d) = %v, want %v", i, at, n, got, want)
				}
			}
		}
	}
}

// BenchmarkXMLScanGPX tokenizes a one-hour GPX track (lat and lon as
// attributes, Garmin's TrackPointExtension) with the fast path's scanner,
// visitor left out.
func BenchmarkXMLScanGPX(b *testing.B) {
	data, err := synth.EncodeRunAs(synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC),
		DistanceKm: 12, PaceMinPerKm: 5, CadenceSPM: 172, Seed: 1}, synth.GPX)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	s := &xmlScanner{}
	for b.Loop() {
		if err := s.scan(data, nopVisitor{}, Options{}.xmlLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoad64 checks the unchecked word load against binary.LittleEndian
// at every position, and that it panics outside the document as an index
// would (the fast path's comparisons must never read past it).
func TestLoad64(t *testing.T) {
	data := []byte("0123456789abcdefghij")
	for i := 0; i+8 <= len(data); i++ {
		if got, want := load64(data, i), binary.LittleEndian.Uint64(data[i:]); got != want {
			t.Fatalf("load64(%d) = %#x, want %#x", i, got, want)
		}
	}
	for _, c := range []struct {
		data []byte
		i    int
	}{{data, len(data) - 7}, {data, -1}, {data[:4], 0}, {nil, 0}, {data[:8:20], 1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("load64(len %d, %d) did not panic", len(c.data), c.i)
				}
			}()
			load64(c.data, c.i)
		}()
	}
}

// TestPlainWord checks the word-wise test of plainRun against its byte
// classes: every byte value at every position of a word, then random words
// (each of its bytes must be one all classes take as is).
func TestPlainWord(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != ']' }
	for c := range 256 {
		if plain(byte(c)) && (xmlRunByte[c] != 0 || xmlTextByte[c] != 0 || xmlValueByte[c] != 0) {
			t.Fatalf("byte %#x taken by plainWord, not by every class", c)
		}
		for p := range 8 {
			w := []byte("12.34567")
			w[p] = byte(c)
			if got := plainWord(binary.LittleEndian.Uint64(w)); got != plain(byte(c)) {
				t.Fatalf("plainWord(%q) = %v", w, got)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		x := rng.Uint64()
		if rng.IntN(2) == 0 {
			x &= 0x7f7f7f7f7f7f7f7f
			x |= 0x2020202020202020
		}
		want := true
		for p := range 8 {
			want = want && plain(byte(x>>(8*p)))
		}
		if got := plainWord(x); got != want {
			t.Fatalf("plainWord(%#x) = %v, want %v", x, got, want)
		}
	}
}
