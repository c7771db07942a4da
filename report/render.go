package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/rules"
)

// Options tune rendering.
type Options struct {
	// Color turns on ANSI colour in text output. The CLI sets it when
	// stdout is a terminal and NO_COLOR is unset.
	Color bool
	// FailOn is the lowest severity that is a JUnit failure; lower findings
	// are reported as output of a passing test. The zero value (rules.None)
	// means rules.High.
	FailOn rules.Severity
	// Weekly makes the csv format write one row per athlete-week instead of
	// one row per athlete.
	Weekly bool
	// AthletePages maps an athlete's name to the relative path of their own
	// report. When set, the HTML team overview links to those pages (the
	// batch -o DIR index) instead of to sections of the same page.
	AthletePages map[string]string
}

// failOn is the effective failure threshold.
func (o Options) failOn() rules.Severity {
	if o.FailOn == rules.None {
		return rules.High
	}
	return o.FailOn
}

// Formats lists the names Render accepts, for the CLI's help and checks.
var Formats = []string{"text", "json", "markdown", "html", "csv", "junit"}

// FormatFromExt gives the format an output file's extension asks for, and
// false when the extension names none.
func FormatFromExt(path string) (string, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json", true
	case ".md", ".markdown":
		return "markdown", true
	case ".html", ".htm":
		return "html", true
	case ".csv":
		return "csv", true
	case ".xml":
		return "junit", true
	case ".txt":
		return "text", true
	}
	return "", false
}

// Render writes r in format: text, json, markdown, html, csv or junit.
func Render(w io.Writer, format string, r *Report, opt Options) error {
	if r == nil {
		return fmt.Errorf("render %s: no report", format)
	}
	switch strings.ToLower(format) {
	case "text", "txt":
		return renderText(w, r, opt)
	case "json":
		return renderJSON(w, r)
	case "markdown", "md":
		return renderMarkdown(w, r)
	case "html":
		return renderHTML(w, r, opt)
	case "csv":
		return renderCSV(w, r, opt)
	case "junit", "xml":
		return renderJUnit(w, r, opt)
	}
	return fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// SortByRisk orders athletes by risk: highest severity first, then more
// findings first, then by name.
func SortByRisk(as []*Athlete) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if ha, hb := a.Highest(), b.Highest(); ha != hb {
			return ha > hb
		}
		if len(a.Findings) != len(b.Findings) {
			return len(a.Findings) > len(b.Findings)
		}
		return a.Name < b.Name
	})
}

// Highest is the highest severity among the athlete's findings, rules.None
// when there is none.
func (a *Athlete) Highest() rules.Severity {
	h := rules.None
	for _, f := range a.Findings {
		if f.Severity > h {
			h = f.Severity
		}
	}
	return h
}

// Counts is the number of findings per severity.
type Counts struct {
	High, Medium, Low int
}

// Total is the number of findings counted.
func (c Counts) Total() int { return c.High + c.Medium + c.Low }

func (c *Counts) add(s rules.Severity) {
	switch s {
	case rules.High:
		c.High++
	case rules.Medium:
		c.Medium++
	case rules.Low:
		c.Low++
	}
}

// Counts gives the number of the athlete's findings per severity.
func (a *Athlete) Counts() Counts {
	var c Counts
	for _, f := range a.Findings {
		c.add(f.Severity)
	}
	return c
}

// Counts gives the number of findings per severity over all athletes.
func (r *Report) Counts() Counts {
	var c Counts
	for _, a := range r.Athletes {
		for _, f := range a.Findings {
			c.add(f.Severity)
		}
	}
	return c
}

// Activities is the number of activities read for the athlete, running or
// not.
func (a *Athlete) Activities() int {
	if a.Season == nil {
		return 0
	}
	return len(a.Season.Runs)
}

// byRisk returns a copy of the athletes sorted by SortByRisk.
func byRisk(as []*Athlete) []*Athlete {
	out := append([]*Athlete(nil), as...)
	SortByRisk(out)
	return out
}

// day formats t as YYYY-MM-DD, "" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// periodText describes the athlete's period for people.
func periodText(a *Athlete) string {
	if a.From.IsZero() && a.To.IsZero() {
		return "no activity"
	}
	return day(a.From) + " to " + day(a.To)
}

// weeksOf returns the athlete's weeks, nil without a season.
func weeksOf(a *Athlete) int {
	if a.Season == nil {
		return 0
	}
	return len(a.Season.Weeks)
}

// flaggedWeeks gives the Mondays (YYYY-MM-DD) of weeks that have a finding,
// with the highest severity found in them.
func flaggedWeeks(fs []rules.Finding) map[string]rules.Severity {
	m := map[string]rules.Severity{}
	for _, f := range fs {
		t, err := time.Parse("2006-01-02", f.Date)
		if err != nil {
			continue
		}
		k := day(mondayOf(t))
		if f.Severity > m[k] {
			m[k] = f.Severity
		}
	}
	return m
}

// mondayOf is the Monday of t's ISO week, at midnight in t's location.
func mondayOf(t time.Time) time.Time {
	off := (int(t.Weekday()) + 6) % 7
	y, mo, d := t.Date()
	return time.Date(y, mo, d-off, 0, 0, 0, 0, t.Location())
}
