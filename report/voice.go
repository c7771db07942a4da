package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// What the reports say of the runner's own voice: the load metric in
// force and how it was chosen, and the strength and mobility sessions.

// loadText names the athlete's load metric and how it was chosen, e.g.
// "session RPE (RPE × minutes); auto: RPE on 46 of 50 runs (≥ 70 %); 4
// runs without RPE were scored with your own RPE at a similar heart
// rate"; "" without a season.
func loadText(a *screen.Athlete) string {
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
func symptomsJSON(a *screen.Athlete) []jsonSymptom {
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

// redFlagLine is a red flag in one line: "2026-05-28: the lower back (both
// sides): night pain", or with its span "2026-05-04 to 2026-05-18: the
// outer hip (left): pain logged over 15 days".
func redFlagLine(f rules.Finding) string {
	when := f.Date.String()
	if f.Until != 0 {
		when += " to " + f.Until.String()
	}
	return when + ": " + rules.RedFlagReason(f)
}

// redFlagLines are the athlete's red flags, one line each.
func redFlagLines(a *screen.Athlete) []string {
	var out []string
	for _, f := range rules.RedFlagsOf(a.Findings) {
		out = append(out, redFlagLine(f))
	}
	return out
}

// redFlagHead opens every list of red flags.
const redFlagHead = "RED FLAGS: see a physiotherapist or physician promptly"

// openSymptomWeeks is how recent a pain episode's last day must be, before
// the end of the period, to count as open in the team overview.
const openSymptomWeeks = 4

// openSymptoms lists the pain episodes still open at the end of the
// athlete's period (their last day within its last 4 weeks):
// "outer-knee pain (left) since 2026-05-14, 5/10 at worst".
func openSymptoms(a *screen.Athlete) []string {
	if a.Season == nil || len(a.Season.Symptoms) == 0 {
		return nil
	}
	end := a.To
	if end.IsZero() && len(a.Season.Weeks) > 0 {
		end = (a.Season.Weeks[len(a.Season.Weeks)-1].Monday + 6).Time(a.Season.Params.Location)
	}
	var out []string
	for _, e := range analysis.SymptomEpisodes(a.Season.Symptoms) {
		if e.Last.Before(end.AddDate(0, 0, -7*openSymptomWeeks)) {
			continue
		}
		name := strings.ToLower(string(e.Site[:1])) + strings.ReplaceAll(string(e.Site[1:]), "-", " ") + " pain"
		if e.Side != "" {
			name += " (" + string(e.Side) + ")"
		}
		out = append(out, fmt.Sprintf("%s since %s, %s/10 at worst", name, day(e.First), strconv.FormatFloat(e.PeakPain, 'f', -1, 64)))
	}
	return out
}

// teamRedFlags lists every athlete's red flags for the top of a team
// report: "alice · 2026-05-28: the lower back (both sides): night pain".
func teamRedFlags(as []*screen.Athlete) []string {
	var out []string
	for _, a := range screen.ByRisk(as) {
		for _, l := range redFlagLines(a) {
			out = append(out, a.Name+" · "+l)
		}
	}
	return out
}

// redFlagsJSON is JSON's red_flags.
func redFlagsJSON(a *screen.Athlete) []jsonRedFlag {
	out := []jsonRedFlag{}
	for _, f := range rules.RedFlagsOf(a.Findings) {
		out = append(out, jsonRedFlag{Date: f.Date.String(), Reason: rules.RedFlagReason(f)})
	}
	return out
}
