package analysis

import "time"

// Window gives the part of the season a report covers: from and to are
// dates (inclusive; a zero value leaves that end open). It keeps the weeks
// that overlap the window, with every figure as computed over the whole
// season, so that the ratios and baselines of the first weeks still use
// the history before from, and a week cut by from is never measured as a
// partial week; and it keeps the activities and symptom-log entries dated
// within the window. Duplicates still counts the whole season's. The
// season itself is not changed. Rules run on the whole season, before
// Window: baselines other than the cached cadence models are computed from
// the weeks a season holds.
func (s *Season) Window(from, to time.Time) *Season {
	if s == nil || from.IsZero() && to.IsZero() {
		return s
	}
	lo, hi := minDay, maxDay
	if !from.IsZero() {
		lo = dayNumber(from)
	}
	if !to.IsZero() {
		hi = dayNumber(to)
	}
	c := *s // everything the season says of itself (load metric, symptom log) carries over
	out := &c
	out.Runs, out.Weeks, out.weekRuns, out.cadenceModels, out.balanceModels, out.Symptoms = nil, nil, nil, nil, nil, nil
	for _, e := range s.Symptoms {
		if d := dayNumber(e.Date); d >= lo && d <= hi {
			out.Symptoms = append(out.Symptoms, e)
		}
	}
	index := make(map[int]int, len(s.Runs)) // old index in Runs → new
	for k, r := range s.Runs {
		if d := dayNumber(localDate(r, s.location())); d >= lo && d <= hi {
			index[k] = len(out.Runs)
			out.Runs = append(out.Runs, r)
		}
	}
	first, last := -1, -1
	for i, w := range s.Weeks {
		monday := int(w.Monday)
		if monday+6 >= lo && monday <= hi {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return out
	}
	out.Weeks = append([]Week(nil), s.Weeks[first:last+1]...)
	out.firstMonday = s.firstMonday + 7*first
	out.firstDay = max(s.firstDay, out.firstMonday)
	if len(s.cadenceModels) == len(s.Weeks) {
		out.cadenceModels = append([]CadenceModel(nil), s.cadenceModels[first:last+1]...)
	}
	if len(s.balanceModels) == len(s.Weeks) {
		out.balanceModels = append([]BalanceModel(nil), s.balanceModels[first:last+1]...)
	}
	if len(s.weekRuns) == len(s.Weeks) {
		out.weekRuns = make([][]int, len(out.Weeks))
		for i := range out.Weeks {
			for _, k := range s.weekRuns[first+i] {
				if n, ok := index[k]; ok {
					out.weekRuns[i] = append(out.weekRuns[i], n)
				}
			}
		}
	}
	return out
}

// minDay and maxDay bound an open window.
const (
	minDay = -1 << 40
	maxDay = 1 << 40
)
