package synth

import (
	"bytes"
	"testing"
	"time"

	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
)

// EncodeRecorded keeps a point every 1–20 s, pauses the timer for the given
// time (timer events, a second TCX Track, a second GPX trkseg), and gives
// the watch's totals from every second.
func TestEncodeRecorded(t *testing.T) {
	spec := RunSpec{Start: time.Date(2026, 6, 2, 6, 30, 0, 0, time.UTC), DistanceKm: 5, PaceMinPerKm: 5, CadenceSPM: 170, Seed: 4}
	rec := Recording{SmartMaxS: 20, PauseAtKm: 2, PauseS: 90}
	data, err := EncodeRecorded(spec, FIT, rec)
	if err != nil {
		t.Fatal(err)
	}
	act, msgs := decodeActivity(t, data)
	seconds := int(spec.Duration().Seconds())
	if n := len(act.Records); n < seconds/20 || n > seconds/5 {
		t.Errorf("%d records for %d s: not smart recording", n, seconds)
	}
	stops, starts := 0, 0
	for _, m := range msgs {
		if m.Num != mesgnum.Event {
			continue
		}
		switch typedef.EventType(m.FieldValueByNum(1).Uint8()) {
		case typedef.EventTypeStopAll:
			stops++
		case typedef.EventTypeStart:
			starts++
		}
	}
	if stops != 2 || starts != 2 {
		t.Errorf("timer events: %d stops, %d starts; want 2 and 2", stops, starts)
	}
	s := act.Sessions[0]
	if d := s.TotalElapsedTimeScaled() - s.TotalTimerTimeScaled(); d < 89 || d > 91 {
		t.Errorf("elapsed - timer = %.0f s, want the 90 s pause", d)
	}
	for f, sep := range map[Format]string{TCX: "<Track>", GPX: "<trkseg>"} {
		text, err := EncodeRecorded(spec, f, rec)
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(text, []byte(sep)); n != 2 {
			t.Errorf("%s: %d %s, want 2 (a break at the pause)", f, n, sep)
		}
		again, _ := EncodeRecorded(spec, f, rec)
		if !bytes.Equal(text, again) {
			t.Errorf("%s: not deterministic", f)
		}
	}
}
