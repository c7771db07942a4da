package rules

import (
	"fmt"
	"slices"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// previousPainDays is how far back a logged pain episode counts as previous
// pain beside a new risk pattern: 12 months.
const previousPainDays = 365

// previousPainEvidence is why previous pain is named: the strongest
// predictor of a running injury in a cohort of recreational runners.
const previousPainEvidence = "previous injury is the strongest known predictor (Malisoux 2015, HR 1.72)"

// PreviousPain is one pain episode of the symptom log named beside the
// risk patterns that began after it, within 12 months: previous pain is
// the strongest known predictor of a running injury, so the reader hears
// of it once per athlete, beside the patterns it concerns.
type PreviousPain struct {
	Episode analysis.SymptomEpisode
	// Rules are the rules of the findings it is named beside, in the
	// order of the findings, each once.
	Rules []*Rule
	// Line says it in one sentence: "You logged outer-knee pain on the
	// left in April (worst 5/10); previous injury is …".
	Line string
}

// PreviousPains finds, for each risk finding of fs, the latest pain
// episode of eps that began before it and was logged within the 12 months
// before it: on the same side for a pattern towards one side
// (gct-imbalance, asymmetry-drift; pain on both sides counts), any episode
// for the others. The symptom rules' own findings and the info notes name
// none. One entry per episode named, in the order first named.
func PreviousPains(fs []Finding, eps []analysis.SymptomEpisode) []PreviousPain {
	if len(eps) == 0 {
		return nil
	}
	var out []PreviousPain
	latest := map[int]time.Time{} // the latest finding each entry is named beside
	for _, f := range fs {
		if f.Severity < Low || f.Rule == nil || f.Rule.Family == FamilySymptoms {
			continue
		}
		at := f.Date.Time(nil) // midnight UTC, as symptom days are
		ep, ok := previousPain(eps, at, f.Side)
		if !ok {
			continue
		}
		k := slices.IndexFunc(out, func(p PreviousPain) bool { return p.Episode.Site == ep.Site && p.Episode.First.Equal(ep.First) })
		if k < 0 {
			out = append(out, PreviousPain{Episode: ep})
			k = len(out) - 1
		}
		if !slices.Contains(out[k].Rules, f.Rule) {
			out[k].Rules = append(out[k].Rules, f.Rule)
		}
		if at.After(latest[k]) {
			latest[k] = at
		}
	}
	for k := range out {
		out[k].Line = previousPainLine(out[k].Episode, latest[k])
	}
	return out
}

// previousPain finds the latest episode that began before day at and was
// logged within the 12 months before it; side, when not "", must match the
// episode's side (or "both").
func previousPain(eps []analysis.SymptomEpisode, at time.Time, side string) (analysis.SymptomEpisode, bool) {
	var found analysis.SymptomEpisode
	ok := false
	for _, ep := range eps {
		if !ep.First.Before(at) || at.Sub(ep.Last) > previousPainDays*24*time.Hour {
			continue
		}
		if side != "" && ep.Side != ingest.Side(side) && ep.Side != ingest.SideBoth {
			continue
		}
		if !ok || ep.First.After(found.First) {
			found, ok = ep, true
		}
	}
	return found, ok
}

// previousPainLine says the episode in one sentence: "You logged
// outer-knee pain on the left in March (worst 5/10); …".
func previousPainLine(ep analysis.SymptomEpisode, at time.Time) string {
	where := ""
	switch ep.Side {
	case ingest.SideLeft, ingest.SideRight:
		where = " on the " + string(ep.Side)
	case ingest.SideBoth:
		where = " on both sides"
	}
	when := ep.First.Format("January")
	if ep.First.Year() != at.Year() {
		when = ep.First.Format("January 2006")
	}
	return fmt.Sprintf("You logged %s pain%s in %s (worst %.0f/10); %s", ep.Site, where, when, ep.PeakPain, previousPainEvidence)
}
