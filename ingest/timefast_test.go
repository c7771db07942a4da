package ingest

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// FuzzFastRFC3339 holds the fixed-layout timestamp reader to time.Parse:
// whenever it reads a string, time.Parse(time.RFC3339Nano) reads the same
// instant, identically represented in UTC.
func FuzzFastRFC3339(f *testing.F) {
	for _, s := range fastRFC3339Cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFastRFC3339(t, s)
	})
}

var fastRFC3339Cases = []string{
	"2026-03-03T05:50:17Z", "2026-03-03T05:50:17.000Z", "2026-03-03T05:50:17.123456789Z",
	"2026-03-03T05:50:17.1234567891Z", "2026-03-03T05:50:17+02:00", "2026-03-03T05:50:17.5-07:30",
	"2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
	"2026-03-03T24:00:00Z", "2026-03-03T05:60:00Z", "2026-03-03T05:50:60Z", "2026-03-03T05:50:17+24:00",
	"2026-03-03T05:50:17", "2026-03-03 05:50:17Z", "2026-03-03T05:50:17.Z", "2026-03-03t05:50:17z",
	" 2026-03-03T05:50:17Z", "2026-03-03T05:50:17Z ", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+23:59",
	"1600-02-29T12:00:00-00:00", "1900-02-29T12:00:00Z", "+026-03-03T05:50:17Z", "2026-03-03T05:50:17+0200",
}

func checkFastRFC3339(t *testing.T, s string) {
	t.Helper()
	checkMinuteCache(t, s)
	got, ok := fastRFC3339(s)
	want, err := time.Parse(time.RFC3339Nano, s)
	if !ok {
		return // read by time.Parse, as before
	}
	if err != nil {
		t.Fatalf("fastRFC3339(%q) = %v, time.Parse refuses it: %v", s, got, err)
	}
	if want = want.UTC(); got != want {
		t.Fatalf("fastRFC3339(%q) = %#v, time.Parse gives %#v", s, got, want)
	}
}

func TestFastRFC3339(t *testing.T) {
	read := 0
	for _, s := range fastRFC3339Cases {
		checkFastRFC3339(t, s)
		if _, ok := fastRFC3339(s); ok {
			read++
		}
	}
	// The common forms must take the fast way, or it gains nothing.
	for _, s := range []string{"2026-03-03T05:50:17Z", "2026-03-03T05:50:17.000Z", "2026-03-03T05:50:17+02:00"} {
		if _, ok := fastRFC3339(s); !ok {
			t.Errorf("fastRFC3339(%q) refused", s)
		}
	}
	for _, s := range []string{"2023-02-29T00:00:00Z", "2026-03-03T24:00:00Z", "2026-03-03T05:50:17"} {
		if _, ok := fastRFC3339(s); ok {
			t.Errorf("fastRFC3339(%q) read it", s)
		}
	}
	t.Logf("%d of %d cases read the fast way", read, len(fastRFC3339Cases))
}

// checkMinuteCache holds minuteCache to fastRFC3339: whatever timestamp
// it read last (each of the cases, s itself, s with other seconds or
// another zone), reading s gives what fastRFC3339 gives.
func checkMinuteCache(t *testing.T, s string) {
	t.Helper()
	want, wantOK := fastRFC3339(s)
	before := append([]string{s, ""}, fastRFC3339Cases...)
	if len(s) >= 16 {
		before = append(before, s[:16]+":59Z", s[:16]+":00.5+01:00", s[:16], s[:16]+"x")
	}
	for _, b := range before {
		var c minuteCache
		c.read(b)
		if got, ok := c.read(s); ok != wantOK || got != want {
			t.Fatalf("after reading %q, minuteCache reads %q as %#v, %v; fastRFC3339 gives %#v, %v", b, s, got, ok, want, wantOK)
		}
	}
}

// TestMinuteCache reads a track's timestamps through one cache: every
// one as fastRFC3339 reads it, across minute, hour, day and year ends.
func TestMinuteCache(t *testing.T) {
	var c minuteCache
	at := time.Date(2026, 12, 31, 23, 58, 30, 0, time.UTC)
	for i := range 200 {
		ts := at.Add(time.Duration(i) * 997 * time.Millisecond)
		for _, s := range []string{ts.Format(time.RFC3339), ts.Format(time.RFC3339Nano), ts.In(time.FixedZone("", 3600)).Format(time.RFC3339)} {
			got, ok := c.read(s)
			if want, _ := fastRFC3339(s); !ok || got != want || !got.Equal(ts.Truncate(time.Second)) && !got.Equal(ts) {
				t.Fatalf("minuteCache.read(%q) = %v, %v; want %v", s, got, ok, want)
			}
		}
	}
}

// TestSecondsSince holds secondsSince to time.Time.Sub, to the bit, for
// the times of tracks and for times centuries apart (where Sub saturates).
func TestSecondsSince(t *testing.T) {
	start := time.Date(2026, 3, 3, 7, 0, 0, 123456789, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 100000 {
		d := time.Duration(rng.Int64N(int64(48*time.Hour))) - time.Hour
		if i%10 == 0 {
			d = time.Duration(rng.Int64N(1<<62)) * time.Duration(1-2*(i%20/10)) // up to ±146 years, Sub's limits
		}
		at := start.Add(d)
		if i%7 == 0 {
			at = time.Unix(rng.Int64N(400e9)-300e9, rng.Int64N(1e9)).UTC() // ±10 000 years
		}
		if got, want := secondsSince(at, start), at.Sub(start).Seconds(); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("secondsSince(%v, %v) = %v, Sub gives %v", at, start, got, want)
		}
	}
}
