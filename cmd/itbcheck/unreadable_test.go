package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/screen"
)

func TestUnreadableLine(t *testing.T) {
	nothingErr := fmt.Errorf("%w: no activity files (FIT, CSV, TCX, GPX or zip) found", ingest.ErrNothingReadable)
	nothing := nothingErr.Error()
	tests := []struct {
		name, athlete string
		in            screen.FailedInput
		want          string
	}{
		{"a bad file", "alice", screen.FailedInput{Path: "alice/bad.fit", Err: errors.New("truncated FIT file")},
			"itbcheck: cannot read alice/bad.fit: truncated FIT file"},
		{"empty folder named as its athlete", "empty", screen.FailedInput{Path: "empty", Err: nothingErr},
			"itbcheck: empty: " + nothing},
		{"the same with a trailing slash", "empty", screen.FailedInput{Path: "empty/", Err: nothingErr},
			"itbcheck: empty/: " + nothing},
		{"empty folder of a named athlete", "carol", screen.FailedInput{Path: "/data/team/carol", Err: nothingErr},
			"itbcheck: carol: /data/team/carol: " + nothing},
		{"a control character in a name is escaped", "bo\x1bb", screen.FailedInput{Path: "x/bo\x1bb", Err: nothingErr},
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
