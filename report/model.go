package report

import (
	"fmt"

	"github.com/itbcheck/itbcheck/screen"
)

// Schema is the versioned name of the JSON report.
const Schema = screen.ReportSchema

// mergedText says how many duplicate copies were merged: "3 duplicate
// copies merged (the same run in two files counts once)"; "" for
// none.
func mergedText(a *screen.Athlete) string {
	switch n := a.DuplicatesMerged(); n {
	case 0:
		return ""
	case 1:
		return "1 duplicate copy merged (the same run in two files counts once)"
	default:
		return fmt.Sprintf("%d duplicate copies merged (the same run in two files counts once)", n)
	}
}

// activitiesText is the text and Markdown reports' activities line: "29
// read, 8 weeks analysed; 2 duplicate copies merged (...)".
func activitiesText(a *screen.Athlete) string {
	s := fmt.Sprintf("%d read, %d weeks analysed", a.Activities(), weeksOf(a))
	if m := mergedText(a); m != "" {
		s += "; " + m
	}
	return s
}
