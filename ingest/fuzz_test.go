package ingest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// checkActivity fails when a decoded activity breaks the model's invariants.
func checkActivity(t *testing.T, a *Activity) {
	t.Helper()
	s := &a.Samples
	n := s.Len()
	for _, col := range [][]float64{s.DistanceM, s.SpeedMS, s.HeartRateBPM, s.CadenceSPM, s.AltitudeM, s.LatDeg,
		s.LonDeg, s.StanceTimeMs, s.BalanceLeftPct, s.VertOscCm, s.VertRatioPct, s.StepLengthM, s.PowerW} {
		if len(col) != n {
			t.Fatalf("sample columns of unequal length: %d vs %d", len(col), n)
		}
	}
	if a.Format == "" || a.Source == "" {
		t.Fatalf("activity without format or source: %+v", a)
	}
}

func fuzzDecoder(f *testing.F, dec func(*bytes.Reader, string, Options, emitFunc) error, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{Limits: Limits{MaxRecords: 10000}}
		_ = dec(bytes.NewReader(data), "fuzz", opt, func(a *Activity) { checkActivity(t, a) })
	})
}

func FuzzCSV(f *testing.F) {
	seeds := []string{stravaCSV, garminUS, garminEuropean, sampleCSV, "Elapsed\tHR (bpm)\n0:00:01\t100\n", "time;cadence\n1;80\n"}
	for _, c := range garminLangCases {
		seeds = append(seeds, c.header+"\n"+c.rows())
	}
	for _, c := range stravaLangCases {
		seeds = append(seeds, c.header+"\n"+c.rows())
	}
	fuzzDecoder(f, func(r *bytes.Reader, n string, o Options, e emitFunc) error { return decodeCSV(r, n, o, e) }, seeds...)
}

func FuzzTCX(f *testing.F) {
	fuzzDecoder(f, func(r *bytes.Reader, n string, o Options, e emitFunc) error { return decodeTCX(r, n, o, e) },
		makeTCX(5, "Running"), makeTCX(3, "Biking"))
}

func FuzzGPX(f *testing.F) {
	fuzzDecoder(f, func(r *bytes.Reader, n string, o Options, e emitFunc) error { return decodeGPX(r, n, o, e) },
		makeGPX(5, "running"), makeGPX(2, "9"))
}

func FuzzZip(f *testing.F) {
	f.Add(stravaExport(f))
	f.Add(makeZip(f, []member{{"a.gpx", []byte(makeGPX(3, "running"))}, {"../b.csv", []byte(sampleCSV)}}))
	f.Add(makeZip(f, []member{{"in.zip", makeZip(f, []member{{"a.tcx.gz", gz(f, []byte(makeTCX(3, "Running")))}})}}))
	f.Add(makeZip(f, []member{{"a.fit", tinyFIT(f, time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC), 5)}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{Limits: Limits{MaxRecords: 10000, MaxDecompressedBytes: 4 << 20, MaxArchiveEntries: 200}}
		probs := readZip(context.Background(), bytes.NewReader(data), int64(len(data)), "fuzz.zip", opt, 0,
			func(a *Activity) { checkActivity(t, a) })
		for _, p := range probs {
			if p.Path == "" || p.Err == nil {
				t.Fatalf("problem without path or reason: %+v", p)
			}
		}
	})
}

// FuzzRead drives the whole read path, as Read does for a file: sniffing
// by content and name, gzip, zip (nested), and every decoder behind the
// format table, on the bytes and the name given. Seeds are the small
// inputs of the bad-input corpus under their own names. No input may
// panic (a recovered panic is a failure too), and every problem is one
// line that starts with the input's name.
func FuzzRead(f *testing.F) {
	for _, tc := range badCorpus() {
		if tc.big || tc.data == nil {
			continue
		}
		if data := tc.data(f); len(data) <= 64<<10 {
			f.Add(data, tc.name)
		}
	}
	f.Add([]byte(sampleCSV), "samples.csv")
	f.Add(gz(f, []byte(makeGPX(3, "running"))), "run.gpx.gz")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		opt := Options{Limits: Limits{MaxRecords: 10000, MaxDecompressedBytes: 4 << 20, MaxArchiveEntries: 200,
			MaxArchiveBytes: 16 << 20, MaxSummaryRows: 1000, MaxSessions: 50}}
		probs := NewReader(bytes.NewReader(data), name, opt).Each(context.Background(), func(a *Activity) { checkActivity(t, a) })
		for _, p := range probs {
			msg := p.Error()
			switch {
			case p.Err == nil:
				t.Fatalf("problem without a reason: %+v", p)
			case strings.Contains(msg, "decoder failed on malformed input"):
				t.Fatalf("a decoder panicked: %s", msg)
			case !strings.HasPrefix(p.Path, name):
				t.Fatalf("problem %q does not name the input %q", msg, name)
			case strings.ContainsAny(p.Err.Error(), "\r\n"):
				t.Fatalf("reason spans lines: %q", p.Err.Error())
			}
		}
	})
}
