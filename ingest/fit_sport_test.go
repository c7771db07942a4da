package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// recordsOnlyFIT is a FIT file of n records (cadence in strides or rpm,
// speed in mm/s, stance time in ms when not zero) and no lap, session or
// sport message: what is left of a file cut before its end.
func recordsOnlyFIT(t *testing.T, n int, cadence uint8, speed uint32, stanceMs uint16) []byte {
	t.Helper()
	start := time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC)
	msgs := []proto.Message{mesgdef.NewFileId(nil).SetType(typedef.FileActivity).
		SetManufacturer(typedef.ManufacturerGarmin).SetTimeCreated(start).ToMesg(nil)}
	for i := 0; i < n; i++ {
		r := mesgdef.NewRecord(nil).SetTimestamp(start.Add(time.Duration(i) * time.Second)).
			SetDistance(uint32(i) * speed / 10).SetEnhancedSpeed(speed).SetCadence(cadence).SetHeartRate(140)
		if stanceMs > 0 {
			r.SetStanceTime(stanceMs * 10)
		}
		msgs = append(msgs, r.ToMesg(nil))
	}
	var buf bytes.Buffer
	if err := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	return b[:len(b)-40] // cut: the last records and the CRC are gone
}

// TestTruncatedFITSport: a run whose session message was cut off is still
// a run, from its laps, else from what its records hold; a ride is not.
func TestTruncatedFITSport(t *testing.T) {
	run, err := synth.EncodeRun(synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC), Kind: "easy",
		DistanceKm: 5, PaceMinPerKm: 6, CadenceSPM: 172, BalanceLeftPct: 50, Sport: synth.SportTrail, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		wantSport Sport
		wantNote  string
	}{
		{"laps before the cut", run[:len(run)*3/4], SportTrail, "sport taken from the lap messages"},
		{"cadence and speed", recordsOnlyFIT(t, 120, 85, 3000, 0), SportRunning, "sport inferred as running from the records (cadence 170 spm at 3.0 m/s)"},
		{"running dynamics", recordsOnlyFIT(t, 120, 60, 2000, 250), SportRunning, "sport inferred as running from the running dynamics"},
		{"ride", recordsOnlyFIT(t, 120, 85, 8000, 0), SportUnknown, ""},
		{"no cadence", recordsOnlyFIT(t, 120, 0xFF, 3000, 0), SportUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var acts []*Activity
			err := decodeFIT(bytes.NewReader(tt.data), "cut.fit", Options{}, func(a *Activity) { acts = append(acts, a) })
			if !errors.Is(err, ErrTruncated) {
				t.Fatalf("err = %v, want a truncation", err)
			}
			if len(acts) != 1 {
				t.Fatalf("%d activities, want the part before the cut", len(acts))
			}
			a := acts[0]
			notes := strings.Join(a.Notes, "; ")
			if a.Sport != tt.wantSport || !strings.Contains(notes, tt.wantNote) {
				t.Errorf("sport %q, notes %q; want %q noting %q", a.Sport, notes, tt.wantSport, tt.wantNote)
			}
			if tt.wantSport == SportUnknown && strings.Contains(notes, "inferred") {
				t.Errorf("notes %q claim an inference", notes)
			}
		})
	}
}
