package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// A start the file wrote as zone-less local time is shown as that clock
// time, never with an offset the file did not give.
func TestInspectZonelessStart(t *testing.T) {
	a := &ingest.Activity{Source: "run.csv", Format: ingest.FormatCSVSamples, Sport: ingest.SportRunning,
		Start: time.Date(2016, 8, 25, 20, 5, 16, 0, time.UTC), HasLocalOffset: true, LocalWallClock: true,
		Summary: ingest.EmptySummary()}
	var js, txt bytes.Buffer
	if err := Inspect(&js, "json", []*ingest.Activity{a}); err != nil {
		t.Fatal(err)
	}
	if err := Inspect(&txt, "text", []*ingest.Activity{a}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"start": "2016-08-25T20:05:16"`) {
		t.Errorf("json start: %s", js.String())
	}
	if !strings.Contains(txt.String(), "2016-08-25T20:05:16 (local time; the file names no zone)") {
		t.Errorf("text start: %s", txt.String())
	}
}
