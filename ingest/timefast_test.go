package ingest

import (
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
