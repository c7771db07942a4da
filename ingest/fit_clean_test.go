package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// summaryFirst encodes act with its session, laps and activity messages
// before the records, as Strava's app writes them.
func summaryFirst(t *testing.T, records int) []byte {
	t.Helper()
	fit := synthRun(true).ToFIT(nil)
	var head, recs, tail []proto.Message
	for _, m := range fit.Messages {
		switch m.Num {
		case mesgnum.Record:
			recs = append(recs, m)
		case mesgnum.Session, mesgnum.Lap, mesgnum.Activity:
			tail = append(tail, m)
		default:
			head = append(head, m)
		}
	}
	fit.Messages = append(append(head, tail...), recs[:records]...)
	var buf bytesBuffer
	if err := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2)).Encode(&fit); err != nil {
		t.Fatal(err)
	}
	return buf.b
}

type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

// damageAfter appends to a FIT file, before its CRC, a data message of a
// local type never defined (what a half-written file holds) and fixes the
// header's size, as a file damaged after its last good record looks.
func damageAfter(t *testing.T, good []byte) []byte {
	t.Helper()
	hsize := int(good[0])
	body := append([]byte{}, good[:len(good)-2]...)
	body = append(body, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8)
	binary.LittleEndian.PutUint32(body[4:8], uint32(len(body)-hsize))
	if hsize == 14 {
		body[12], body[13] = 0, 0
	}
	return append(body, 0, 0)
}

// Issue 13 item 10: "message without definition after 473 records" lost a
// whole run the official SDK recovers: the records before the damage and
// the session written before them.
func TestFITDamagedKeepsRecordsAndSession(t *testing.T) {
	data := damageAfter(t, summaryFirst(t, 473))
	acts, err := NewReader(bytes.NewReader(data), "damaged.fit", Options{}).ReadAll()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("error %v, want ErrCorrupt", err)
	}
	if len(acts) != 1 {
		t.Fatalf("%d activities, want the session's", len(acts))
	}
	a := acts[0]
	if a.Samples.Len() != 473 {
		t.Errorf("%d samples, want the 473 records before the damage", a.Samples.Len())
	}
	if a.Summary.DurationS != 599 || a.Summary.DistanceM != 1797 || a.Sport != SportRunning {
		t.Errorf("session lost: duration %v distance %v sport %s", a.Summary.DurationS, a.Summary.DistanceM, a.Sport)
	}
	var p Problem
	if !errors.As(err, &p) || !p.Partial {
		t.Errorf("problem %v not marked partial", err)
	}
}

// Issue 13 item 10: a session without start_time takes its first record's.
func TestFITSessionWithoutStartTime(t *testing.T) {
	act := synthRun(true)
	act.Sessions[0].StartTime = time.Time{}
	acts, err := decodeBytes(t, encodeFIT(t, act, false), Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	a := acts[0]
	if !a.Start.Equal(synthStart) || a.Samples.Len() != 600 || a.Summary.DistanceM != 1797 {
		t.Errorf("start %v, %d samples, distance %v", a.Start, a.Samples.Len(), a.Summary.DistanceM)
	}
}

// The device's timer stop/start events are pauses: the interval across
// one is not moving time even when the position moved (the runner walked
// to the car with the timer stopped).
func TestFITTimerEventsArePauses(t *testing.T) {
	act := synthRun(false) // pauses 30 s after record 300
	at := func(i int) time.Time { return act.Records[i].Timestamp }
	act.Events = append(act.Events,
		mesgdef.NewEvent(nil).SetTimestamp(at(299).Add(time.Second)).SetEvent(typedef.EventTimer).SetEventType(typedef.EventTypeStopAll),
		mesgdef.NewEvent(nil).SetTimestamp(at(300)).SetEvent(typedef.EventTimer).SetEventType(typedef.EventTypeStart))
	for i := 300; i < len(act.Records); i++ { // 200 m moved during the pause
		act.Records[i].SetDistanceScaled(act.Records[i].DistanceScaled() + 200)
		act.Records[i].SetPositionLatDegrees(act.Records[i].PositionLatDegrees() + 200.0/111195)
	}
	acts, err := decodeBytes(t, encodeFIT(t, act, true), Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	a := acts[0]
	if len(a.Resumes) != 1 || a.Resumes[0] != 300 {
		t.Fatalf("resumes = %v, want [300]", a.Resumes)
	}
	tl := a.Timeline()
	for i := 1; i < a.Samples.Len(); i++ {
		dt, d, paused := tl.Step(i)
		if paused != (i == 300) {
			t.Fatalf("interval %d: paused %v", i, paused)
		}
		if i == 300 && (dt != 0 || d != 0) {
			t.Errorf("across the pause: %v s, %v m counted", dt, d)
		}
	}
	if math.Abs(a.Summary.DurationS-599) > 1e-9 {
		t.Errorf("duration %v, want the session's 599", a.Summary.DurationS)
	}
}

// Issue 13 item 4: a Coros run without a dynamics pod stores 0 for ground
// contact time, balance and oscillation in its session (and heart rate 0
// elsewhere): absent, not measurements.
func TestFITSessionZerosAreAbsent(t *testing.T) {
	act := synthRun(true)
	act.Sessions[0].SetAvgStanceTimeScaled(0).SetAvgStanceTimeBalanceScaled(0).
		SetAvgVerticalOscillationScaled(0).SetAvgHeartRate(0)
	for _, r := range act.Records {
		r.SetStanceTimeScaled(0).SetStanceTimeBalanceScaled(0).SetVerticalOscillationScaled(0).SetHeartRate(0)
	}
	acts, err := decodeBytes(t, encodeFIT(t, act, false), Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	s := acts[0].Summary
	for name, v := range map[string]float64{"stance": s.AvgStanceTimeMs, "balance": s.AvgBalanceLeftPct,
		"oscillation": s.AvgVertOscCm, "heart rate": s.AvgHeartRateBPM} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v, want absent", name, v)
		}
	}
	if c := acts[0].Channels; c.Has(ChanStanceTime) || c.Has(ChanStanceTimeBalance) || c.Has(ChanHeartRate) {
		t.Errorf("channels %v list sensors that recorded only zeros", c)
	}
	if math.Abs(s.AvgCadenceSPM-169) > 0.01 {
		t.Errorf("cadence %v, want the session's 169", s.AvgCadenceSPM)
	}
}

// Issue 13 item 10, in a file of two sessions: the second lacks its
// start_time; each still gets its own records (the first no longer
// swallows the second's, nor does the second come out empty).
func TestFITSecondSessionWithoutStartTime(t *testing.T) {
	act := synthRun(true) // 600 records from synthStart, 1 s apart
	first := act.Sessions[0]
	mid := synthStart.Add(300 * time.Second)
	first.SetTimestamp(mid.Add(-time.Second)).SetTotalElapsedTimeScaled(299).SetTotalTimerTimeScaled(299).SetTotalDistanceScaled(897)
	second := mesgdef.NewSession(nil).SetTimestamp(synthStart.Add(599 * time.Second)).
		SetSport(typedef.SportRunning).SetTotalElapsedTimeScaled(299).SetTotalTimerTimeScaled(299).SetTotalDistanceScaled(897)
	act.Sessions = append(act.Sessions, second)
	acts, err := decodeBytes(t, encodeFIT(t, act, false), Options{})
	if err != nil || len(acts) != 2 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	if n0, n1 := acts[0].Samples.Len(), acts[1].Samples.Len(); n0 != 300 || n1 != 300 {
		t.Errorf("records split %d + %d, want 300 + 300", n0, n1)
	}
	if !acts[1].Start.Equal(mid) {
		t.Errorf("second session starts %v, want its first record's time %v", acts[1].Start, mid)
	}
}
