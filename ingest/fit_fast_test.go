package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/kit/hash/crc16"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// decodeBoth decodes data through decodeFIT (fast path when it applies)
// and through the ordinary path alone, and describes each result.
func decodeBoth(data []byte) (fast, slow string, tookFast bool) {
	describe := func(decode func(emit emitFunc) error) string {
		var b strings.Builder
		err := decode(func(a *Activity) { fmt.Fprintf(&b, "%+v\n", *a) })
		fmt.Fprintf(&b, "error: %v", err)
		return b.String()
	}
	fast = describe(func(emit emitFunc) error { return decodeFIT(bytes.NewReader(data), "x.fit", Options{}, emit) })
	slow = describe(func(emit emitFunc) error { return decodeFITStream(bytes.NewReader(data), "x.fit", Options{}, emit) })
	acts, took := decodeFITFastFile(data, "x.fit", Options{}, newFITGuard(Options{}.limits()))
	for _, a := range acts {
		a.Samples.Recycle()
	}
	return fast, slow, took
}

// TestFITFastPathSameResult decodes real and synthetic files both ways:
// the fast path must give exactly the activities (or error) of the
// ordinary path, sample for sample.
func TestFITFastPathSameResult(t *testing.T) {
	var files []string
	local, _ := filepath.Glob(filepath.Join("testdata", "fit", "*.fit"))
	files = append(files, local...)
	if !testing.Short() {
		for _, mod := range []string{fitModule, "github.com/tormoder/fit@v0.15.0"} {
			if dir := moduleTestdata(t, mod); dir != "" {
				filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".fit") {
						files = append(files, path)
					}
					return nil
				})
			}
		}
	}
	// The real exports of the shared corpus; these must take the fast
	// path: a chained file (two FIT sequences and more) and records using
	// a developer field described only later (Connect IQ). Files the
	// ordinary path calls cut or damaged stay on it, such as the Strava
	// export whose header declares 19 bytes more than the file holds (the
	// Garmin SDK fails on it too).
	public, _ := filepath.Glob(filepath.Join(peerDir, "*.fit"))
	if len(public) == 0 && os.Getenv("ITBCHECK_REQUIRE_SHARED") == "1" {
		t.Fatalf("no %s/*.fit, and ITBCHECK_REQUIRE_SHARED=1", peerDir)
	}
	files = append(files, public...)
	mustFast := map[string]bool{}
	if len(public) > 0 {
		for _, f := range []string{"fd--garmin-fr935-cr.fit", "fp--20170518-191602-1740899583.fit"} {
			mustFast[filepath.Join(peerDir, f)] = true
		}
	}
	fastCount := 0
	check := func(name string, data []byte) {
		fast, slow, took := decodeBoth(data)
		if took {
			fastCount++
		} else if mustFast[name] {
			t.Errorf("%s: took the ordinary path", name)
		}
		if fast != slow {
			t.Errorf("%s (fast path %v): results differ\nfast: %.600s\nslow: %.600s", name, took, fast, slow)
		}
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		check(path, data)
		if len(data) > 40 { // cut files take the ordinary path and keep its errors
			check(path+" (truncated)", data[:len(data)*2/3])
		}
	}
	run := synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.FixedZone("", 3600)), DistanceKm: 3,
		PaceMinPerKm: 5.5, CadenceSPM: 172, BalanceLeftPct: 50.5, Dynamics: true, Seed: 7}
	for _, r := range []synth.RunSpec{run, func() synth.RunSpec { r := run; r.TrackLaps = 5; return r }(),
		func() synth.RunSpec { r := run; r.Sport = synth.SportCycling; r.Dynamics = false; return r }(),
		func() synth.RunSpec { r := run; r.Interval = 5 * time.Second; return r }()} {
		data, err := synth.EncodeRun(r)
		if err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("synth %s laps=%d", r.Sport, r.TrackLaps), data)
	}
	if fastCount < 4 {
		t.Errorf("fast path taken for %d files, want at least the synthetic ones", fastCount)
	}
	t.Logf("%d files (and cut copies), fast path taken %d times", len(files)+4, fastCount)
}

// TestFITCRC checks the sliced CRC against muktihari/fit's on every length
// up to 100 and a longer block.
func TestFITCRC(t *testing.T) {
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i*7919 + i>>3)
	}
	for n := 0; n <= len(data); n++ {
		if n > 100 && n != len(data) {
			continue
		}
		h := crc16.New()
		h.Write(data[:n])
		if got := fitCRC(0, data[:n]); got != h.Sum16() {
			t.Fatalf("%d bytes: crc %#04x, want %#04x", n, got, h.Sum16())
		}
	}
}

// BenchmarkFITFastPath decodes a synthetic one-hour 1 Hz run held in
// memory through the fast path alone (no file system), recycling samples
// as the pipeline does.
func BenchmarkFITFastPath(b *testing.B) {
	data, err := synth.EncodeRun(synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC), DistanceKm: 10.9,
		PaceMinPerKm: 5.5, CadenceSPM: 172, BalanceLeftPct: 50.5, Dynamics: true, Seed: 7})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		seq := &fitSequence{maxRecords: DefaultLimits.MaxRecords, cancel: func() {}}
		if !decodeFITFast(data, seq) {
			b.Fatal("fast path not taken")
		}
		seq.samples.Recycle()
	}
}

// FuzzFITFastPath mutates FIT files and then repairs their data size and
// CRCs, so that the fast path really parses them (FuzzFIT's mutations
// mostly fail the CRC and go to the ordinary path): it must never panic
// and must give exactly what the ordinary path gives.
func FuzzFITFastPath(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "fit", "*.fit"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 16 || (b[0] != 12 && b[0] != 14) || len(b) > 1<<20 {
			return
		}
		b = bytes.Clone(b)
		hsize := int(b[0])
		copy(b[8:12], ".FIT")
		binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-hsize-2))
		if hsize == 14 {
			binary.LittleEndian.PutUint16(b[12:14], fitCRC(0, b[:12]))
		}
		binary.LittleEndian.PutUint16(b[len(b)-2:], fitCRC(0, b[:len(b)-2]))
		if fast, slow, _ := decodeBoth(b); fast != slow {
			t.Fatalf("results differ\nfast: %.800s\nslow: %.800s", fast, slow)
		}
	})
}
