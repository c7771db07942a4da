package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// junitSuites is the document: its totals are those the Jenkins junit-10
// schema allows on <testsuites> (no skipped: each <testsuite> counts its
// own).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string `xml:"name,attr"`
	Tests     int    `xml:"tests,attr"`
	Failures  int    `xml:"failures,attr"`
	Errors    int    `xml:"errors,attr"`
	Skipped   int    `xml:"skipped,attr"`
	Timestamp string `xml:"timestamp,attr"`
	// Properties say which config file and thresholds were in force.
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

// junitProperty is one name=value pair of a test suite's <properties>.
type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	ClassName string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	Failures  []junitProblem `xml:"failure"`
	Errors    []junitProblem `xml:"error"`
	Skipped   *junitSkipped  `xml:"skipped"`
	SystemOut string         `xml:"system-out,omitempty"`
}

// junitSkipped marks a rule that could not judge the athlete: still
// learning their baseline, without the data it reads, or disabled. A
// passing test case would read as "judged and fine".
type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// junitRenderer writes the JUnit report at End, from the summaries: the
// document opens with the totals, and its test cases are the rules of
// every athlete's findings, so nothing can be written before the last
// athlete; the findings and statuses it reads are all a summary keeps.
type junitRenderer struct {
	w    io.Writer
	head Header
}

func newJUnitRenderer(w io.Writer) Renderer { return &junitRenderer{w: w} }

// Begin keeps the header.
func (x *junitRenderer) Begin(h Header) error {
	x.head = h
	return nil
}

// Athlete has nothing to do: End reads the summaries.
func (x *junitRenderer) Athlete(*screen.Athlete) error { return nil }

// End writes the report.
func (x *junitRenderer) End(team []*screen.Athlete) error {
	return renderJUnit(x.w, x.head.report(team), x.head.Options)
}

// renderJUnit writes one test suite per athlete and one test case per rule
// of the catalogue. Findings at or above opt.FailOn are failures, lower
// ones are the case's output; unreadable inputs are errors of a test case
// named "inputs". A rule that could not judge the athlete (learning,
// no-data, disabled) and found nothing is a skipped case with the reason.
// The failures, errors and skipped counts are numbers of test cases.
func renderJUnit(w io.Writer, r *screen.Report, opt Options) error {
	failOn := opt.failOn()
	all := junitSuites{Name: "itbcheck"}
	var every []rules.Finding
	for _, a := range r.Athletes {
		every = append(every, a.Findings...)
	}
	ids := catalogueIDs(every)
	for _, a := range r.Athletes {
		s := junitSuite{Name: a.Name, Timestamp: r.GeneratedAt.UTC().Format("2006-01-02T15:04:05"), Properties: configProperties(r, a)}
		for _, id := range ids {
			tc := junitCase{ClassName: a.Name, Name: id}
			var out []string
			for _, f := range a.Findings {
				if f.Rule.ID != id {
					continue
				}
				if f.Severity >= failOn {
					tc.Failures = append(tc.Failures, junitProblem{Message: f.Summary, Type: f.Severity.String(), Body: findingBody(f)})
				} else {
					out = append(out, strings.ToUpper(f.Severity.String())+" (below --fail-on "+failOn.String()+")\n"+findingBody(f))
				}
			}
			tc.SystemOut = strings.Join(out, "\n")
			if len(tc.Failures) > 0 {
				s.Failures++
			} else if st, ok := statusOf(a, id); ok && st.State != rules.Judged {
				tc.Skipped = &junitSkipped{Message: statusText(st)}
				s.Skipped++
			}
			s.Cases = append(s.Cases, tc)
		}
		inputs := junitCase{ClassName: a.Name, Name: "inputs"}
		for _, fi := range a.InputsFailed {
			inputs.Errors = append(inputs.Errors, junitProblem{Message: fi.Path + ": " + fi.Reason(), Type: "unreadable-input", Body: fi.Path + "\n" + fi.Reason()})
		}
		if len(inputs.Errors) > 0 {
			s.Errors++
		}
		s.Cases = append(s.Cases, inputs)
		s.Tests = len(s.Cases)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Suites = append(all.Suites, s)
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	b.WriteString("\n")
	// encoding/xml keeps bidi controls and C1 controls of names as they
	// are: a CI's test view would show them raw.
	_, err := io.WriteString(w, safetext.EscapeKeepLines(b.String()))
	return err
}

// configProperties lists the config in force for athlete a: config.file
// ("none" for the built-in defaults), then rules.<id>.enabled and
// rules.<id>.low/medium/high for every rule (a severity the rule does not
// have is left out). The athlete's own overrides, when set, are in force.
func configProperties(r *screen.Report, a *screen.Athlete) []junitProperty {
	file := r.ConfigFile
	if file == "" {
		file = "none"
	}
	props := []junitProperty{{Name: "config.file", Value: file}}
	c := r.RuleConfig
	if a.RuleConfig != nil {
		c = a.RuleConfig
	}
	for _, rule := range rules.All {
		key := "rules." + rule.ID + "."
		props = append(props, junitProperty{Name: key + "enabled", Value: strconv.FormatBool(c.Enabled(rule))})
		t := c.Thresholds(rule)
		for _, l := range []struct {
			name string
			v    float64
		}{{"low", t.Low}, {"medium", t.Medium}, {"high", t.High}} {
			if !math.IsNaN(l.v) {
				props = append(props, junitProperty{Name: key + l.name, Value: strconv.FormatFloat(l.v, 'f', -1, 64)})
			}
		}
	}
	return props
}

// status is the athlete's status of rule id, when screened.
func statusOf(a *screen.Athlete, id string) (rules.Status, bool) {
	for _, st := range a.Rules {
		if st.Rule == id {
			return st, true
		}
	}
	return rules.Status{}, false
}

// statusText says why a rule could not judge: "learning: 3 of 8 weeks of
// balance data".
func statusText(st rules.Status) string {
	if st.Reason == "" {
		return string(st.State)
	}
	return string(st.State) + ": " + st.Reason
}

// findingBody is the text of a finding for a JUnit failure or output.
func findingBody(f rules.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n", spanText(f), f.Rule.ID, f.Summary)
	if f.Metric != "" {
		fmt.Fprintf(&b, "%s = %s (threshold %s)\n", f.Metric, fmtNum(f.Value, 2), fmtNum(f.Threshold, 2))
	}
	if f.Activity != "" {
		fmt.Fprintf(&b, "run: %s\n", f.Activity)
	}
	if len(f.Mechanism) > 0 {
		fmt.Fprintf(&b, "why it matters: %s\n", chainLabels(f.Mechanism))
	}
	if f.Advice != "" {
		fmt.Fprintf(&b, "what to do: %s\n", f.Advice)
	}
	return b.String()
}
