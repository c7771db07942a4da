package main

import (
	"testing"

	"github.com/itbcheck/itbcheck/report"
)

func TestUnreadableLine(t *testing.T) {
	nothing := report.NothingReadable + ": no activity files (FIT, CSV, TCX, GPX or zip) found"
	tests := []struct {
		name, athlete string
		in            report.FailedInput
		want          string
	}{
		{"a bad file", "alice", report.FailedInput{Path: "alice/bad.fit", Error: "truncated FIT file"},
			"itbcheck: cannot read alice/bad.fit: truncated FIT file"},
		{"empty folder named as its athlete", "empty", report.FailedInput{Path: "empty", Error: nothing},
			"itbcheck: empty: " + nothing},
		{"the same with a trailing slash", "empty", report.FailedInput{Path: "empty/", Error: nothing},
			"itbcheck: empty/: " + nothing},
		{"empty folder of a named athlete", "carol", report.FailedInput{Path: "/data/team/carol", Error: nothing},
			"itbcheck: carol: /data/team/carol: " + nothing},
		{"a control character in a name is escaped", "bo\x1bb", report.FailedInput{Path: "x/bo\x1bb", Error: nothing},
			`itbcheck: bo\x1bb: x/bo\x1bb: ` + nothing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unreadableLine(tt.athlete, tt.in); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
