package expect

import (
	"github.com/itbcheck/itbcheck/screen"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

func TestExpectations(t *testing.T) {
	dir := t.TempDir()
	got := &screen.Report{Athletes: []*screen.Athlete{
		{Name: "alice", Findings: []rules.Finding{
			{Rule: rules.ByID("load-spike"), Severity: rules.High, Date: mustDay("2026-05-11"), Summary: "Acute load 62% above"},
			{Rule: rules.ByID("low-cadence"), Severity: rules.Low, Date: mustDay("2026-05-13")},
		}},
		{Name: "bob", Findings: []rules.Finding{
			{Rule: rules.ByID("gct-imbalance"), Severity: rules.Medium, Date: mustDay("2026-05-04")},
		}},
	}}
	tests := []struct {
		name string
		yaml string
		want []string // diff lines; nil when met
	}{
		{
			name: "met",
			yaml: `athletes:
  alice:
    findings:
      - {rule: load-spike, severity: high, week: 2026-W20}
      - {rule: low-cadence, date: 2026-05-13}
    max_other: none
  bob:
    max: medium`,
		},
		{
			name: "severity at least",
			yaml: "athletes:\n  alice:\n    findings: [{rule: load-spike, severity: medium}]\n",
		},
		{
			name: "wrong week",
			yaml: "athletes:\n  alice:\n    findings: [{rule: load-spike, severity: high, week: 2026-W21}]\n",
			want: []string{
				"- alice: load-spike at least high in 2026-W21",
				"+ alice: load-spike high on 2026-05-11 (2026-W20): Acute load 62% above",
			},
		},
		{
			name: "missing rule",
			yaml: "athletes:\n  alice:\n    findings: [{rule: weekly-jump}]\n",
			want: []string{"- alice: weekly-jump at least low", "+ alice: no weekly-jump finding"},
		},
		{
			name: "max",
			yaml: "athletes:\n  bob:\n    max: low\n",
			want: []string{"- bob: no finding above low", "+ bob: gct-imbalance medium on 2026-05-04 (2026-W19)"},
		},
		{
			name: "max_other",
			yaml: "athletes:\n  alice:\n    findings: [{rule: low-cadence}]\n    max_other: low\n",
			want: []string{
				"- alice: no other finding above low",
				"+ alice: load-spike high on 2026-05-11 (2026-W20): Acute load 62% above",
			},
		},
		{
			name: "absent athlete",
			yaml: "athletes:\n  carol:\n    max: low\n",
			want: []string{"- carol: in the report", "+ carol: not in the report"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".yaml", tt.yaml)
			exp, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			diff := exp.Compare(got)
			if strings.Join(diff, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diff =\n%s\nwant\n%s", strings.Join(diff, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestExpectationsInvalid(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "athletes:\n  alice:\n    maximum: low\n", "maximum"},
		{"unknown rule", "athletes:\n  alice:\n    findings: [{rule: knee-pain}]\n", "knee-pain"},
		{"bad severity", "athletes:\n  alice:\n    findings: [{rule: load-spike, severity: huge}]\n", "severity"},
		{"bad week", "athletes:\n  alice:\n    findings: [{rule: load-spike, week: 2026-20}]\n", "week"},
		{"bad date", "athletes:\n  alice:\n    findings: [{rule: load-spike, date: 2026-05-32}]\n", "date"},
		{"bad max", "athletes:\n  alice:\n    max: lots\n", "max"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(writeFile(t, dir, "e.yaml", tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one naming %q", err, tt.want)
			}
		})
	}
}

// writeFile writes content to dir/name.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// mustDay reads a YYYY-MM-DD day (zero for ""), panicking on a malformed
// literal.
func mustDay(s string) analysis.Day {
	if s == "" {
		return 0
	}
	d, err := analysis.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}
