package analysis

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDay(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	tests := []struct {
		name           string
		t              time.Time
		day, monday    string
		isoYear, isoWk int
	}{
		{"the epoch, a Thursday", time.Date(1970, 1, 1, 12, 0, 0, 0, time.UTC), "1970-01-01", "1969-12-29", 1970, 1},
		{"a Monday is its own", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), "2026-06-01", "2026-06-01", 2026, 23},
		{"a Sunday belongs to the Monday before", time.Date(2026, 6, 7, 23, 59, 0, 0, time.UTC), "2026-06-07", "2026-06-01", 2026, 23},
		{"across the new year, ISO week 1", time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC), "2025-01-01", "2024-12-30", 2025, 1},
		{"late evening in New York is that day, not UTC's next", time.Date(2026, 3, 8, 23, 30, 0, 0, ny), "2026-03-08", "2026-03-02", 2026, 10},
		{"before the epoch", time.Date(1969, 12, 28, 0, 0, 0, 0, time.UTC), "1969-12-28", "1969-12-22", 1969, 52},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := DayOf(tc.t)
			if d.String() != tc.day || d.Monday().String() != tc.monday {
				t.Errorf("day %s, Monday %s; want %s, %s", d, d.Monday(), tc.day, tc.monday)
			}
			if y, w := d.ISOWeek(); y != tc.isoYear || w != tc.isoWk {
				t.Errorf("ISO week %d-W%02d, want %d-W%02d", y, w, tc.isoYear, tc.isoWk)
			}
			if got, err := ParseDay(tc.day); err != nil || got != d {
				t.Errorf("ParseDay(%s) = %v, %v", tc.day, got, err)
			}
			b, _ := json.Marshal(struct{ D Day }{d})
			var back struct{ D Day }
			if string(b) != `{"D":"`+tc.day+`"}` || json.Unmarshal(b, &back) != nil || back.D != d {
				t.Errorf("JSON %s does not round-trip", b)
			}
			if m := d.Time(ny); m.Hour() != 0 || DayOf(m) != d {
				t.Errorf("Time(ny) = %v, not midnight of the day", m)
			}
		})
	}
	if _, err := ParseDay("2026-13-01"); err == nil {
		t.Error("ParseDay accepts month 13")
	}
	// The day of a run: its local date, else its start in the season's zone.
	r := Run{Start: time.Date(2026, 3, 9, 2, 0, 0, 0, time.UTC)}
	if got := RunDay(r, ny).String(); got != "2026-03-08" {
		t.Errorf("RunDay without LocalDate in New York = %s, want 2026-03-08", got)
	}
	r.LocalDate = time.Date(2026, 3, 9, 3, 0, 0, 0, time.FixedZone("CET", 3600))
	if got := RunDay(r, ny).String(); got != "2026-03-09" {
		t.Errorf("RunDay with LocalDate = %s, want the local date 2026-03-09", got)
	}
}
