package analysis

import (
	"strings"
	"testing"
	"time"
)

func TestSplitSeasons(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(7 * time.Hour)
	}
	run := func(s string) Run { return Run{Start: day(s), IsRun: true} }
	ride := func(s string) Run { return Run{Start: day(s), Sport: "cycling"} }
	runs := []Run{
		run("2014-05-04"), run("2014-05-11"), // a season of 2014
		run("2023-01-08"), ride("2023-02-01"), run("2023-02-05"), // 2023
		ride("2026-01-05"),                                      // a ride in the gap: not a run
		run("2026-01-20"), run("2026-02-28"), run("2026-03-01"), // 2026: 38 days between its first two runs
	}
	tests := []struct {
		name      string
		since     string
		kept      int
		spans     int
		current   int
		firstKept string
	}{
		{"the last season", "", 3, 3, 1, "2026-01-20"},
		{"since inside 2023", "2023-02-01", 7, 3, 2, "2023-01-08"},
		{"since before everything", "2010-01-01", 9, 3, 3, "2014-05-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var since time.Time
			if tt.since != "" {
				since = day(tt.since)
			}
			kept, spans := SplitSeasons(runs, since, time.UTC)
			if len(kept) != tt.kept || len(spans) != tt.spans {
				t.Fatalf("%d kept, %d seasons; want %d, %d", len(kept), len(spans), tt.kept, tt.spans)
			}
			cur := 0
			for _, s := range spans {
				if s.Current {
					cur++
				}
			}
			if cur != tt.current {
				t.Errorf("%d current seasons, want %d", cur, tt.current)
			}
			// The kept activities start with the first kept season's first
			// run: a ride in the gap before it is no part of it.
			if got := kept[0].Start.Format(time.DateOnly); got != tt.firstKept {
				t.Errorf("first kept %s, want %s", got, tt.firstKept)
			}
		})
	}
	_, spans := SplitSeasons(runs, time.Time{}, time.UTC)
	line := EarlierSeasonsLine(spans)
	want := "2 earlier seasons left out of the analysis (2014-05-04 to 2014-05-11, 2 runs; 2023-01-08 to 2023-02-05, 2 runs)"
	if !strings.HasPrefix(line, want) {
		t.Errorf("line %q, want it to start %q", line, want)
	}
	if s := spans[2]; s.First.Format(time.DateOnly) != "2026-01-20" || s.Runs != 3 {
		t.Errorf("current season %+v, want from 2026-01-20 with 3 runs", s)
	}
	if EarlierSeasonsLine(spans[2:]) != "" {
		t.Error("a single season names no earlier season")
	}
}
