package report

import (
	"encoding/csv"
	"github.com/itbcheck/itbcheck/rules"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// cell is s as a CSV cell (safetext.CSVCell): escaped, with formulas and
// GitHub workflow commands neutralised.
func cell(s string) string { return safetext.CSVCell(s) }

// csvNum is n as a CSV cell: the number as the JSON report writes it,
// empty when absent.
// optText is s, or empty for nil.
func optText(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func csvNum(n num) string {
	b, _ := n.MarshalJSON()
	if string(b) == "null" {
		return ""
	}
	return string(b)
}

// teamColumns are the header of the per-athlete CSV.
var teamColumns = []string{
	"athlete", "highest_severity", "findings_high", "findings_medium", "findings_low",
	"this_week_km", "last_week_km", "acwr", "open_findings", "inputs_failed",
	"open_severity", "resolved_findings",
}

// weeklyColumns are the header of the per-athlete-week CSV (the JSON
// weeks[] keys after the athlete).
var weeklyColumns = []string{
	"athlete", "week", "runs", "distance_km", "duration_h", "load", "acwr", "acwr_ewma",
	"change_pct", "monotony", "strain", "cadence_spm", "gct_balance_left_pct", "descent_m",
	"gct_balance_baseline_pct", "gct_balance_trend_from", "cadence_vs_baseline_pct", "gct_balance_track_runs",
}

// csvRenderer writes a CSV table: with Options.Weekly one row per
// athlete-week, each athlete's rows as it comes; else one row per athlete,
// highest risk first, at End from the summaries.
type csvRenderer struct {
	cw   *csv.Writer
	head Header
}

func newCSVRenderer(w io.Writer) Renderer { return &csvRenderer{cw: csv.NewWriter(w)} }

// write writes one row, its cells made safe for spreadsheets; the error
// is kept by the csv.Writer and returned by End.
func (x *csvRenderer) write(row []string) {
	for i := range row {
		row[i] = cell(row[i])
	}
	_ = x.cw.Write(row)
}

// Begin writes the header row.
func (x *csvRenderer) Begin(h Header) error {
	x.head = h
	if h.Options.Weekly {
		x.write(append([]string(nil), weeklyColumns...))
	} else {
		cols := append([]string(nil), teamColumns...)
		if !h.ComparedWith.IsZero() {
			cols = append(cols, "changes") // what changed since the earlier report
		}
		x.write(cols)
	}
	return nil
}

// Athlete writes a's weeks in the weekly table.
func (x *csvRenderer) Athlete(a *screen.Athlete) error {
	if !x.head.Options.Weekly || a.Season == nil {
		return nil
	}
	for i := range a.Season.Weeks {
		jw := weekJSON(a.Season, i) // the same figures, rounded alike
		x.write([]string{
			a.Name, jw.Week, strconv.Itoa(jw.Runs),
			csvNum(jw.DistanceKm), csvNum(jw.DurationH), csvNum(jw.Load),
			csvNum(jw.ACWR), csvNum(jw.ACWREWMA), csvNum(jw.ChangePct),
			csvNum(jw.Monotony), csvNum(jw.Strain), csvNum(jw.CadenceSPM),
			csvNum(jw.GCTBalanceLeftPct), csvNum(jw.DescentM),
			csvNum(jw.GCTBalanceBasePct), optText(jw.GCTBalanceTrendFrom), csvNum(jw.CadenceVsBasePct), strconv.Itoa(jw.GCTBalanceTrackRuns),
		})
	}
	x.cw.Flush() // the rows go out as each athlete is done
	return x.cw.Error()
}

// End writes the team table's rows.
func (x *csvRenderer) End(team []*screen.Athlete) error {
	if !x.head.Options.Weekly {
		for _, a := range screen.ByRisk(team) {
			row := teamCSVRow(a)
			if !x.head.ComparedWith.IsZero() {
				row = append(row, changeCell(a))
			}
			x.write(row)
		}
	}
	x.cw.Flush()
	return x.cw.Error()
}

// teamCSVRow is a's row of the team table.
func teamCSVRow(a *screen.Athlete) []string {
	c := a.Counts()
	thisKm, lastKm, acwr := num{math.NaN(), 1}, num{math.NaN(), 1}, num{math.NaN(), 2}
	if a.Season != nil {
		if n := len(a.Season.Weeks); n > 0 {
			this := weekJSON(a.Season, n-1)
			thisKm, acwr = this.DistanceKm, this.ACWR
			if n > 1 {
				lastKm = weekJSON(a.Season, n-2).DistanceKm
			}
		}
	}
	// open_findings are the findings open now; resolved_findings the
	// ones that ended before the athlete's last 2 weeks.
	open := make([]string, 0, len(a.Findings))
	var resolved []string
	openSev := rules.None
	for _, f := range a.Findings {
		switch {
		case f.Severity < rules.Low: // info notes are not findings to act on
		case a.IsOpen(f):
			open = append(open, f.Rule.ID+"@"+f.Date.String())
			openSev = max(openSev, f.Severity)
		default:
			resolved = append(resolved, f.Rule.ID+"@"+f.Date.String())
		}
	}
	return []string{
		a.Name, a.Highest().String(), strconv.Itoa(c.High), strconv.Itoa(c.Medium), strconv.Itoa(c.Low),
		csvNum(thisKm), csvNum(lastKm), csvNum(acwr),
		strings.Join(open, ";"), strconv.Itoa(len(a.InputsFailed)),
		openSev.String(), strings.Join(resolved, ";"),
	}
}
