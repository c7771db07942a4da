package analysis

import (
	"testing"
	"time"
)

// TestWindow checks that a window keeps the weeks it overlaps with their
// whole-season figures, and only the runs dated inside it.
func TestWindow(t *testing.T) {
	// 8 weeks, 3 runs a week (Mon, Wed, Fri) of 5 km, then a week of 3 × 12 km.
	var runs []Run
	for w := 0; w < 9; w++ {
		km := 5.0
		if w == 8 {
			km = 12
		}
		for _, d := range []int{0, 2, 4} {
			runs = append(runs, run(monday0.AddDate(0, 0, 7*w+d), km))
		}
	}
	s := NewSeason("gina", runs, Params{})
	day := func(w, d int) time.Time { return monday0.AddDate(0, 0, 7*w+d) }
	tests := []struct {
		name          string
		from, to      time.Time
		weeks         int
		firstMonday   time.Time
		runs          int
		firstWeekRuns int // WeekRuns(0) of the window
	}{
		{"open", time.Time{}, time.Time{}, 9, day(0, 0), 27, 3},
		{"from a Monday", day(6, 0), time.Time{}, 3, day(6, 0), 9, 3},
		{"from a Thursday: the week is kept whole", day(6, 3), time.Time{}, 3, day(6, 0), 7, 1},
		{"until a Wednesday", time.Time{}, day(2, 2), 3, day(0, 0), 8, 3},
		{"inside one week", day(8, 1), day(8, 3), 1, day(8, 0), 1, 1},
		{"after the season", day(20, 0), time.Time{}, 0, time.Time{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.Window(tt.from, tt.to)
			if len(w.Weeks) != tt.weeks || len(w.Runs) != tt.runs {
				t.Fatalf("%d weeks, %d runs; want %d and %d", len(w.Weeks), len(w.Runs), tt.weeks, tt.runs)
			}
			if tt.weeks == 0 {
				return
			}
			if w.Weeks[0].Monday != DayOf(tt.firstMonday) {
				t.Errorf("first week %s, want %s", w.Weeks[0].Monday, tt.firstMonday.Format(time.DateOnly))
			}
			if got := len(w.WeekRuns(0)); got != tt.firstWeekRuns {
				t.Errorf("WeekRuns(0) = %d runs, want %d", got, tt.firstWeekRuns)
			}
			off := s.WeekIndex(w.Weeks[0].Monday.Time(nil))
			for i, wk := range w.Weeks {
				full := s.Weeks[off+i]
				if !same(wk.ACWR, full.ACWR) || !same(wk.ChangePct, full.ChangePct) || wk.DistanceKm != full.DistanceKm {
					t.Errorf("week %d: ACWR %v change %v km %v; whole season %v %v %v", i, wk.ACWR, wk.ChangePct, wk.DistanceKm, full.ACWR, full.ChangePct, full.DistanceKm)
				}
				if m, f := w.CadenceBaseline(i), s.CadenceBaseline(off+i); m.Runs != f.Runs || m.Valid != f.Valid || !same(m.Intercept, f.Intercept) {
					t.Errorf("week %d: cadence baseline %+v, whole season %+v", i, w.CadenceBaseline(i), s.CadenceBaseline(off+i))
				}
				if got := w.WeekIndex((wk.Monday + 2).Time(nil)); got != i {
					t.Errorf("WeekIndex(week %d) = %d", i, got)
				}
			}
		})
	}
	// The last week's spike keeps its ratio against the 4 weeks before the
	// window: 36 km against 15 km/week.
	last := s.Window(day(8, 0), time.Time{}).Weeks[0]
	if !(last.ACWR > 2.3) || !(last.ChangePct > 100) {
		t.Errorf("spike week ACWR %v, change %v %%; want 2.4 and +140 %% from the history before the window", last.ACWR, last.ChangePct)
	}
}

// same compares figures where NaN equals NaN.
func same(a, b float64) bool { return a == b || a != a && b != b }
