package ingest

import (
	"bytes"
	"context"
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
