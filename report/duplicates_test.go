package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/screen"
)

// TestDuplicatesMergedInReports: every report says how many duplicate
// copies were merged for an athlete, in the singular for one, and nothing
// for none (JSON: 0, a count).
func TestDuplicatesMergedInReports(t *testing.T) {
	tests := []struct {
		n    int
		want string // "" for no mention
	}{
		{0, ""},
		{1, "1 duplicate copy merged"},
		{73, "73 duplicate copies merged"},
	}
	for _, tt := range tests {
		r := &screen.Report{Athletes: []*screen.Athlete{{Name: "alice", Season: &analysis.Season{Athlete: "alice", Duplicates: tt.n}}}}
		for _, format := range []string{"text", "markdown", "html"} {
			var b bytes.Buffer
			if err := Render(&b, format, r, Options{Verbose: format == "text"}); err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(b.String()), " ")
			if tt.want == "" && strings.Contains(flat, "duplicate cop") {
				t.Errorf("%d merged: %s mentions duplicates:\n%s", tt.n, format, flat)
			}
			if tt.want != "" && !strings.Contains(flat, tt.want) {
				t.Errorf("%d merged: %s lacks %q:\n%s", tt.n, format, tt.want, flat)
			}
		}
		var b bytes.Buffer
		if err := Render(&b, "json", r, Options{}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Athletes []struct {
				DuplicatesMerged *int `json:"duplicates_merged"`
			} `json:"athletes"`
		}
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if got := doc.Athletes[0].DuplicatesMerged; got == nil || *got != tt.n {
			t.Errorf("%d merged: JSON duplicates_merged = %v", tt.n, got)
		}
	}
	// The brief text (the default view) says it too.
	var b bytes.Buffer
	r := &screen.Report{Athletes: []*screen.Athlete{{Name: "alice", Season: &analysis.Season{Athlete: "alice", Duplicates: 3}}}}
	if err := Render(&b, "text", r, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), "3 duplicate copies merged") {
		t.Errorf("brief text lacks the merged copies:\n%s", b.String())
	}
}
