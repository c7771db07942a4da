package analysis

import (
	"strings"
	"testing"
	"time"
)

// TestSplitImplausibleDates: runs dated after the report's time, before
// 2000 (FIT device-relative times) or alone more than a year from the
// rest are set apart with their reason; the season's own runs stay, in
// order.
func TestSplitImplausibleDates(t *testing.T) {
	now := time.Date(2026, 6, 22, 10, 0, 0, 0, time.UTC)
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 7, 0, 0, 0, time.UTC) }
	season := func(n int) []Run {
		var rs []Run
		for i := 0; i < n; i++ {
			rs = append(rs, Run{Start: day(2026, 3, 1).AddDate(0, 0, 3*i), IsRun: true, Source: "ok"})
		}
		return rs
	}
	tests := []struct {
		name string
		add  []Run
		n    int    // runs of season(n)
		why  string // the reason of every misdated run
		want int    // misdated
	}{
		{"a clean season", nil, 20, "", 0},
		{"dated 2100", []Run{{Start: day(2100, 1, 1), IsRun: true}}, 20, "after the report's date 2026-06-22", 1},
		{"dated 9999", []Run{{Start: day(9999, 12, 31), IsRun: true}}, 3, "after the report's date", 1},
		{"tomorrow is fine", []Run{{Start: now.Add(20 * time.Hour), IsRun: true}}, 20, "", 0},
		{"a device-relative FIT time", []Run{{Start: time.Date(1998, 7, 4, 0, 0, 0, 0, time.UTC), IsRun: true}}, 20, "before 2000", 1},
		{"lone, years before", []Run{{Start: day(2019, 5, 1), IsRun: true}}, 20, "more than a year away from the athlete's other 20", 1},
		{"lone, but few to judge by", []Run{{Start: day(2019, 5, 1), IsRun: true}}, 5, "", 0},
		{"lone, a year after the rest: a comeback, kept", append(season2024(12), Run{Start: day(2026, 6, 20)}), 0, "", 0},
		{"a real earlier season", []Run{{Start: day(2024, 5, 1)}, {Start: day(2024, 5, 3)}, {Start: day(2024, 5, 5)}}, 20, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := append(season(tt.n), tt.add...)
			kept, bad := SplitImplausibleDates(runs, now)
			if len(bad) != tt.want || len(kept)+len(bad) != len(runs) {
				t.Fatalf("kept %d, misdated %d; want %d misdated of %d", len(kept), len(bad), tt.want, len(runs))
			}
			for _, r := range bad {
				if !strings.Contains(r.Implausible, tt.why) || r.IsRun {
					t.Errorf("reason %q (IsRun %v), want one saying %q and not a run", r.Implausible, r.IsRun, tt.why)
				}
			}
			for i := 1; i < len(kept); i++ {
				if kept[i].Start.Before(kept[i-1].Start) && kept[i].Source == "ok" && kept[i-1].Source == "ok" {
					t.Errorf("order of the kept runs changed")
				}
			}
		})
	}
}

// season2024 is n runs every three days from March 2024.
func season2024(n int) []Run {
	var rs []Run
	for i := 0; i < n; i++ {
		rs = append(rs, Run{Start: time.Date(2024, 3, 1, 7, 0, 0, 0, time.UTC).AddDate(0, 0, 3*i), IsRun: true})
	}
	return rs
}
