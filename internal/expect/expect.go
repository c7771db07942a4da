// Package expect compares a report with the findings a CI run expects
// (`itbcheck check --expect FILE`): the matcher behind the gate that pins
// what a set of sample exports must produce.
package expect

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/internal/safeyaml"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// Expectations are what `itbcheck check --expect FILE` compares a report
// with. The file is YAML:
//
//	athletes:
//	  alice:
//	    findings:
//	      - {rule: load-spike, severity: high, week: 2026-W20}
//	      - {rule: low-cadence, date: 2026-05-11}
//	    max_other: low   # no other finding above low
//	  bob:
//	    max: low         # no finding above low at all
//
// Each expected finding needs a finding of that rule with at least that
// severity (default low) on that day (date: YYYY-MM-DD, the finding's date)
// or in that ISO week (week: YYYY-Www, the week holding the finding's date);
// without date or week any day matches. max_other bounds the severity of
// the findings no expected finding matched; max bounds every finding (use
// "none" for no finding at all). Every athlete named must be in the report;
// athletes not named are not checked.
type Expectations struct {
	Athletes map[string]Athlete `yaml:"athletes"`
}

// Athlete is one athlete's expected findings and bounds.
type Athlete struct {
	Findings []expectedFinding `yaml:"findings"`
	MaxOther string            `yaml:"max_other"`
	Max      string            `yaml:"max"`

	maxOther, max rules.Severity // parsed; -1 when not given
}

// expectedFinding is one finding that must be in the report.
type expectedFinding struct {
	Rule     string `yaml:"rule"`
	Severity string `yaml:"severity"`
	Week     string `yaml:"week"`
	Date     string `yaml:"date"`

	severity rules.Severity
	day      analysis.Day // Date, read
}

var isoWeek = regexp.MustCompile(`^(\d{4})-[Ww](\d{2})$`)

// Error is a problem with an expectations file: a usage error of check.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Read reads and checks an expectations file.
func Read(path string) (*Expectations, error) {
	data, err := safeyaml.ReadFile(path) // a regular file, bounded: never a FIFO that blocks
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, errorf("--expect %s: %v", path, err)
	}
	return Parse(path, data)
}

// Parse reads expectations from data; name says where they came from in
// messages.
func Parse(path string, data []byte) (*Expectations, error) {
	var e Expectations
	if _, err := safeyaml.Parse(data); err != nil { // size, aliases, duplicate keys
		return nil, errorf("--expect %s: %s", path, strings.Join(strings.Fields(err.Error()), " "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&e)
	if err != nil {
		return nil, errorf("--expect %s: %s", path, strings.Join(strings.Fields(err.Error()), " "))
	}
	for name, a := range e.Athletes {
		where := fmt.Sprintf("--expect %s: athletes.%s", path, name)
		if a.maxOther, err = parseBound(a.MaxOther); err != nil {
			return nil, errorf("%s.max_other: %v", where, err)
		}
		if a.max, err = parseBound(a.Max); err != nil {
			return nil, errorf("%s.max: %v", where, err)
		}
		for i := range a.Findings {
			f := &a.Findings[i]
			fw := fmt.Sprintf("%s.findings[%d]", where, i)
			if rules.ByID(f.Rule) == nil {
				return nil, errorf("%s.rule: unknown rule id %q", fw, f.Rule)
			}
			f.severity = rules.Low
			if f.Severity != "" {
				if f.severity, err = rules.ParseSeverity(f.Severity); err != nil {
					return nil, errorf("%s.severity: %v", fw, err)
				}
			}
			if f.Week != "" && !isoWeek.MatchString(f.Week) {
				return nil, errorf("%s.week: %q is not an ISO week such as 2026-W20", fw, f.Week)
			}
			if f.Date != "" {
				if f.day, err = analysis.ParseDay(f.Date); err != nil {
					return nil, errorf("%s.date: %q is not a date (want YYYY-MM-DD)", fw, f.Date)
				}
			}
			if f.Week != "" && f.Date != "" {
				return nil, errorf("%s: give week or date, not both", fw)
			}
		}
		e.Athletes[name] = a
	}
	return &e, nil
}

// parseBound reads max or max_other: "" is no bound (-1), "none" is None.
func parseBound(v string) (rules.Severity, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return -1, nil
	case "none":
		return rules.None, nil
	}
	return rules.ParseSeverity(v)
}

// Compare gives the differences between the expectations and r, as lines
// "- athlete: expected" and "+ athlete: got"; none when all are met.
func (e *Expectations) Compare(r *screen.Report) []string {
	var diff []string
	names := slices.Sorted(maps.Keys(e.Athletes))
	for _, name := range names {
		exp := e.Athletes[name]
		var got *screen.Athlete
		for _, a := range r.Athletes {
			if a.Name == name {
				got = a
			}
		}
		if got == nil {
			diff = append(diff, "- "+name+": in the report", "+ "+name+": not in the report")
			continue
		}
		diff = append(diff, exp.compare(name, got.Findings)...)
	}
	return diff
}

// compare checks one athlete's findings.
func (x Athlete) compare(name string, got []rules.Finding) []string {
	var diff []string
	matched := make([]bool, len(got))
	for _, want := range x.Findings {
		k := -1
		for i, f := range got {
			if want.matches(f) && (k < 0 || matched[k] && !matched[i]) {
				k = i
			}
		}
		if k >= 0 {
			matched[k] = true
			continue
		}
		diff = append(diff, fmt.Sprintf("- %s: %s", name, want.describe()))
		same := 0
		for _, f := range got {
			if f.Rule.ID == want.Rule {
				diff = append(diff, fmt.Sprintf("+ %s: %s", name, describeFinding(f)))
				same++
			}
		}
		if same == 0 {
			diff = append(diff, fmt.Sprintf("+ %s: no %s finding", name, want.Rule))
		}
	}
	diff = append(diff, bound(name, "no finding above", x.max, got, nil)...)
	diff = append(diff, bound(name, "no other finding above", x.maxOther, got, matched)...)
	return diff
}

// bound lists the findings above limit (skipping matched ones when given).
func bound(name, what string, limit rules.Severity, got []rules.Finding, matched []bool) []string {
	if limit < 0 {
		return nil
	}
	var diff []string
	for i, f := range got {
		if f.Severity <= limit || f.Severity == rules.Info || matched != nil && matched[i] {
			continue
		}
		if diff == nil {
			diff = append(diff, fmt.Sprintf("- %s: %s %s", name, what, limit))
		}
		diff = append(diff, fmt.Sprintf("+ %s: %s", name, describeFinding(f)))
	}
	return diff
}

// matches reports whether finding f meets the expected one.
func (w expectedFinding) matches(f rules.Finding) bool {
	if f.Rule.ID != w.Rule || f.Severity < w.severity {
		return false
	}
	switch {
	case w.Date != "":
		return f.Date == w.day
	case w.Week != "":
		return strings.EqualFold(weekOf(f.Date), w.Week)
	}
	return true
}

// describe gives an expected finding in words.
func (w expectedFinding) describe() string {
	s := fmt.Sprintf("%s at least %s", w.Rule, w.severity)
	switch {
	case w.Date != "":
		s += " on " + w.Date
	case w.Week != "":
		s += " in " + strings.ToUpper(w.Week)
	}
	return s
}

// describeFinding gives a finding in the words of describe.
func describeFinding(f rules.Finding) string {
	s := fmt.Sprintf("%s %s on %s (%s)", f.Rule.ID, f.Severity, f.Date, weekOf(f.Date))
	if f.Summary != "" {
		s += ": " + f.Summary
	}
	return s
}

// weekOf gives the ISO week (2026-W20) of day d.
func weekOf(d analysis.Day) string {
	y, w := d.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}
