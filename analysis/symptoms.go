package analysis

import (
	"math"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// SymptomGapDays is how many days without logged pain at a site end an
// episode of pain there: a runner who logs on run days only still has one
// episode.
const SymptomGapDays = 14

// SymptomEpisode is a stretch of days with pain (above 0) logged at one
// site, no more than SymptomGapDays apart.
type SymptomEpisode struct {
	Site        ingest.SymptomSite
	Side        ingest.Side // left, right, both (both sides, or left and right days), "" when never said
	First, Last time.Time   // first and last day logged with pain
	Days        int         // days logged with pain
	PeakPain    float64
	PeakDate    time.Time
	Flags       []ingest.SymptomFlag // every flag ticked in the episode, first seen first
}

// SpanDays is the number of calendar days from the first to the last day,
// both counted.
func (e SymptomEpisode) SpanDays() int {
	return int(e.Last.Sub(e.First).Hours()/24+0.5) + 1
}

// SymptomEpisodes groups the entries with pain into episodes per site, in
// order of their first day (then of the site's order in the contract).
func SymptomEpisodes(entries []ingest.Symptom) []SymptomEpisode {
	sorted := append([]ingest.Symptom(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Date.Before(sorted[j].Date) })
	var out []SymptomEpisode
	open := map[ingest.SymptomSite]int{} // index in out of the site's current episode
	days := map[ingest.SymptomSite]time.Time{}
	for _, e := range sorted {
		if !(e.Pain > 0) {
			continue
		}
		k, ok := open[e.Site]
		if !ok || e.Date.Sub(out[k].Last) > SymptomGapDays*24*time.Hour {
			out = append(out, SymptomEpisode{Site: e.Site, Side: e.Side, First: e.Date, Last: e.Date, PeakPain: -1})
			k = len(out) - 1
			open[e.Site] = k
			delete(days, e.Site)
		}
		ep := &out[k]
		ep.Last = e.Date
		if last, seen := days[e.Site]; !seen || !last.Equal(e.Date) {
			ep.Days++
			days[e.Site] = e.Date
		}
		if e.Pain > ep.PeakPain {
			ep.PeakPain, ep.PeakDate = e.Pain, e.Date
		}
		ep.Side = joinSides(ep.Side, e.Side)
		for _, f := range e.Flags {
			if !hasFlag(ep.Flags, f) {
				ep.Flags = append(ep.Flags, f)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].First.Before(out[j].First) })
	return out
}

// joinSides is the side of an episode after a day on side b.
func joinSides(a, b ingest.Side) ingest.Side {
	switch {
	case a == b || b == "":
		return a
	case a == "":
		return b
	}
	return ingest.SideBoth
}

func hasFlag(fs []ingest.SymptomFlag, f ingest.SymptomFlag) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// WeeklyPain is the highest pain logged at site in each week of the
// season, NaN for a week with nothing logged there (0 when the runner
// logged that site without pain).
func (s *Season) WeeklyPain(site ingest.SymptomSite) []float64 {
	out := make([]float64, len(s.Weeks))
	for i := range out {
		out[i] = math.NaN()
	}
	for _, e := range s.Symptoms {
		if e.Site != site {
			continue
		}
		if i := s.WeekIndex(e.Date); i >= 0 && !(e.Pain <= out[i]) {
			out[i] = e.Pain
		}
	}
	return out
}

// TrainingSessions counts the strength and mobility sessions of weeks
// [from, to] (indices into Weeks, clamped).
func (s *Season) TrainingSessions(from, to int) int {
	n := 0
	for i := max(from, 0); i <= to && i < len(s.Weeks); i++ {
		n += s.Weeks[i].StrengthSessions + s.Weeks[i].MobilitySessions
	}
	return n
}
