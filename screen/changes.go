package screen

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// What changed since an earlier report (CONTRACT.md "changes"): the JSON
// report of an earlier run is read back, and each athlete of this run is
// compared with their part of it, episode by episode (a finding is named
// by its rule and first day or week).

// ReportSchema is the versioned name of the JSON report that report
// writes and Compare reads back (report.Schema).
const ReportSchema = "itbcheck.report/v2"

// ErrNotReport is the class of an earlier report that cannot be compared
// with: not JSON, another schema, or malformed.
var ErrNotReport = errors.New("not an itbcheck.report/v2 JSON report")

// maxEarlierBytes bounds the earlier report read back: a season of a
// large team's JSON is far below it.
const maxEarlierBytes = 256 << 20

// Earlier is an earlier report, as far as a comparison needs it.
type Earlier struct {
	GeneratedAt time.Time
	Athletes    map[string]*EarlierAthlete
}

// EarlierAthlete is one athlete of an earlier report.
type EarlierAthlete struct {
	Runs int
	// open is the athlete's Athlete with the period and last week of
	// then, for IsOpen: what was open then is judged as it is now.
	open     *Athlete
	Findings []rules.Finding
}

// earlierJSON is the part of itbcheck.report/v2 read back.
type earlierJSON struct {
	Schema      string `json:"schema"`
	GeneratedAt string `json:"generated_at"`
	Athletes    []struct {
		Athlete string `json:"athlete"`
		Runs    *int   `json:"runs"`
		Period  *struct {
			From *string `json:"from"`
			To   *string `json:"to"`
		} `json:"period"`
		Weeks []struct {
			Week string `json:"week"`
		} `json:"weeks"`
		Findings []struct {
			Rule     string  `json:"rule"`
			Severity string  `json:"severity"`
			Date     string  `json:"date"`
			Until    *string `json:"until"`
			Metric   string  `json:"metric"`
			Summary  string  `json:"summary"`
		} `json:"findings"`
	} `json:"athletes"`
}

// OpenEarlier reads the earlier report at path; see ReadEarlier.
func OpenEarlier(path string) (*Earlier, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: not a regular file", path, ErrNotReport)
	}
	e, err := ReadEarlier(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

// ReadEarlier reads an earlier JSON report from r. A document that is not
// an itbcheck.report/v2 report with a generated_at time is an error of
// class ErrNotReport; its unknown findings' rules are left out.
func ReadEarlier(r io.Reader) (*Earlier, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxEarlierBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxEarlierBytes {
		return nil, fmt.Errorf("%w: over %d MB", ErrNotReport, maxEarlierBytes>>20)
	}
	var doc earlierJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNotReport, strings.Join(strings.Fields(err.Error()), " "))
	}
	if doc.Schema != ReportSchema {
		return nil, fmt.Errorf("%w: schema %q", ErrNotReport, clipText(doc.Schema))
	}
	at, err := time.Parse(time.RFC3339, doc.GeneratedAt)
	if err != nil {
		return nil, fmt.Errorf("%w: generated_at %q is not a time", ErrNotReport, clipText(doc.GeneratedAt))
	}
	e := &Earlier{GeneratedAt: at, Athletes: map[string]*EarlierAthlete{}}
	for _, a := range doc.Athletes {
		if a.Runs == nil || e.Athletes[a.Athlete] != nil {
			return nil, fmt.Errorf("%w: athlete %q without runs, or twice", ErrNotReport, clipText(a.Athlete))
		}
		ea := &EarlierAthlete{Runs: *a.Runs, open: &Athlete{Name: a.Athlete}}
		if a.Period != nil && a.Period.To != nil {
			ea.open.To, _ = time.Parse(time.DateOnly, *a.Period.To)
		}
		if n := len(a.Weeks); n > 0 {
			if m, err := analysis.ParseDay(a.Weeks[n-1].Week); err == nil {
				ea.open.Season = &analysis.Season{Weeks: []analysis.Week{{Monday: m}}}
			}
		}
		for _, f := range a.Findings {
			sev, err := rules.ParseSeverity(f.Severity)
			r := rules.ByID(f.Rule)
			if err != nil || r == nil {
				continue
			}
			day, err := analysis.ParseDay(f.Date)
			if err != nil {
				continue
			}
			fi := rules.Finding{Rule: r, Severity: sev, Date: day, Metric: f.Metric, Summary: f.Summary}
			if f.Until != nil {
				fi.Until, _ = analysis.ParseDay(*f.Until) // zero, no span, when malformed
			}
			ea.Findings = append(ea.Findings, fi)
		}
		e.Athletes[a.Athlete] = ea
	}
	return e, nil
}

// clipText shortens a foreign value for an error line.
func clipText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Compare says what changed for athlete a since the earlier report e,
// as of now (the run's time): findings new, worse or resolved since,
// new red flags, the runs added, and whether the runs stopped arriving
// (none for StaleDays days). It sets a.Changes; e nil leaves it
// nil.
func Compare(e *Earlier, a *Athlete, now time.Time) {
	if e == nil || a == nil {
		return
	}
	c := &Changes{ComparedWith: e.GeneratedAt}
	then := e.Athletes[a.Name]
	if then == nil {
		then = &EarlierAthlete{open: &Athlete{Name: a.Name}}
		c.NewAthlete = true
	}
	was := map[FindingKey]rules.Finding{}
	openThen := map[*rules.Rule]rules.Severity{} // the highest open severity of each rule then
	for _, f := range then.Findings {
		if f.Severity < rules.Low {
			continue // a note shares its rule and day with a finding, and is none
		}
		was[KeyOf(f)] = f
		if f.Severity >= rules.Low && then.open.IsOpen(f) && f.Severity > openThen[f.Rule] {
			openThen[f.Rule] = f.Severity
		}
	}
	seen := map[FindingKey]bool{}
	worse := map[*rules.Rule]bool{}
	var resolved []rules.Finding
	for _, f := range a.Findings {
		if f.Severity < rules.Low {
			continue
		}
		k := KeyOf(f)
		seen[k] = true
		old, found := was[k]
		switch {
		case rules.IsRedFlag(f) && (!found || !rules.IsRedFlag(old)):
			c.NewRedFlags = append(c.NewRedFlags, changed(f, rules.None))
		case found && f.Severity > old.Severity:
			c.Worse, worse[f.Rule] = append(c.Worse, changed(f, old.Severity)), true
		case found:
			if then.open.IsOpen(old) && !a.IsOpen(f) {
				resolved = append(resolved, f)
			}
		case openThen[f.Rule] >= rules.Low && openThen[f.Rule] < f.Severity:
			// A new episode of a rule that was open at a lower severity:
			// the pattern worsened.
			c.Worse, worse[f.Rule] = append(c.Worse, changed(f, openThen[f.Rule])), true
		default:
			c.New = append(c.New, changed(f, rules.None))
		}
	}
	for _, f := range then.Findings {
		if !seen[KeyOf(f)] && f.Severity >= rules.Low && then.open.IsOpen(f) {
			resolved = append(resolved, f)
		}
	}
	for _, f := range resolved {
		if !worse[f.Rule] { // an episode closed by a worse one did not resolve
			c.Resolved = append(c.Resolved, changed(f, rules.None))
		}
	}
	c.RunsAdded = max(0, a.Runs()-then.Runs)
	if days, ok := daysSinceLastRun(a, now); ok && c.RunsAdded == 0 && days >= StaleDays {
		c.NoNewRuns, c.NoNewRunsDays = true, days
	}
	a.Changes = c
}

// changed names finding f for a Changes list.
func changed(f rules.Finding, was rules.Severity) ChangedFinding {
	return ChangedFinding{Rule: f.Rule, Date: f.Date, Severity: f.Severity, Was: was, Summary: f.Summary}
}

// daysSinceLastRun counts whole days from the athlete's last run to now;
// ok is false without a run.
func daysSinceLastRun(a *Athlete, now time.Time) (int, bool) {
	if a.Season == nil {
		return 0, false
	}
	var last time.Time
	for _, r := range a.Season.Runs {
		if r.IsRun && r.Start.After(last) {
			last = r.Start
		}
	}
	if last.IsZero() || now.Before(last) {
		return 0, false
	}
	return int(math.Floor(now.Sub(last).Hours() / 24)), true
}
