package report

import (
	"fmt"

	"github.com/itbcheck/itbcheck/analysis"
)

// What the reports say of the runner's own voice: the load metric in
// force and how it was chosen, and the strength and mobility sessions.

// loadText names the athlete's load metric and how it was chosen, e.g.
// "session RPE (RPE × minutes); auto: RPE on 46 of 50 runs (≥ 70 %); 4
// runs without RPE were scored with your own RPE at a similar heart
// rate"; "" without a season.
func loadText(a *Athlete) string {
	if a.Season == nil {
		return ""
	}
	s := a.Season
	txt := analysis.MetricName(s.Params.LoadMetric)
	if s.Load.Metric != "" {
		txt += "; " + s.Load.Reason()
	}
	if imp := s.Load.ImputedText(); imp != "" {
		txt += "; " + imp
	}
	return txt
}

// loadPrec is the decimals the weekly load is shown with: km to 0.1, the
// other metrics (minutes, TRIMP, sRPE units) whole.
func loadPrec(s *analysis.Season) int {
	if s == nil || s.Params.LoadMetric == analysis.LoadDistance || s.Params.LoadMetric == "" {
		return 1
	}
	return 0
}

// trainingCell is the week's strength and mobility sessions, "2/1", or
// "–" for none.
func trainingCell(wk analysis.Week) string {
	if wk.StrengthSessions == 0 && wk.MobilitySessions == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", wk.StrengthSessions, wk.MobilitySessions)
}

// symptomsJSON is the athlete's symptom log for JSON's symptoms.
func symptomsJSON(a *Athlete) []jsonSymptom {
	out := []jsonSymptom{}
	if a.Season == nil {
		return out
	}
	for _, e := range a.Season.Symptoms {
		flags := make([]string, len(e.Flags))
		for i, f := range e.Flags {
			flags[i] = string(f)
		}
		out = append(out, jsonSymptom{Date: day(e.Date), Site: string(e.Site), Side: string(e.Side),
			Pain: num{e.Pain, 1}, Flags: flags, Note: e.Note})
	}
	return out
}
