package synth

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// decodeActivity decodes FIT bytes with muktihari/fit, independently of
// itbcheck's ingest package.
func decodeActivity(t testing.TB, data []byte) (*filedef.Activity, []proto.Message) {
	t.Helper()
	fit, err := decoder.New(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("decoding: %v", err)
	}
	return filedef.NewActivity(fit.Messages...), fit.Messages
}

func baseSpec() RunSpec {
	return RunSpec{
		Start:          time.Date(2026, 3, 3, 7, 0, 0, 0, DefaultTZ),
		Kind:           "easy",
		DistanceKm:     5,
		PaceMinPerKm:   6,
		CadenceSPM:     172,
		BalanceLeftPct: 50,
		Dynamics:       true,
		Seed:           7,
	}
}

func TestEncodeRunStructure(t *testing.T) {
	tests := []struct {
		name        string
		mod         func(*RunSpec)
		wantRecords int // ±2
		wantLaps    int
		sport       typedef.Sport
		sub         typedef.SubSport
	}{
		{"1 Hz with dynamics", func(r *RunSpec) {}, 1801, 5, typedef.SportRunning, typedef.SubSportGeneric},
		{"2 s interval", func(r *RunSpec) { r.Interval = 2 * time.Second }, 901, 5, typedef.SportRunning, typedef.SubSportGeneric},
		{"no dynamics", func(r *RunSpec) { r.Dynamics = false }, 1801, 5, typedef.SportRunning, typedef.SubSportGeneric},
		{"one lap", func(r *RunSpec) { r.AutoLapKm = -1 }, 1801, 1, typedef.SportRunning, typedef.SubSportGeneric},
		{"trail", func(r *RunSpec) { r.Sport = SportTrail }, 1801, 5, typedef.SportRunning, typedef.SubSportTrail},
		{"track", func(r *RunSpec) { r.TrackLaps = 10 }, 1441, 4, typedef.SportRunning, typedef.SubSportTrack},
		{"cycling", func(r *RunSpec) { r.Sport = SportCycling; r.PaceMinPerKm = 2 }, 601, 5, typedef.SportCycling, typedef.SubSportRoad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := baseSpec()
			tt.mod(&r)
			data, err := EncodeRun(r)
			if err != nil {
				t.Fatal(err)
			}
			act, msgs := decodeActivity(t, data)
			if got := len(act.Records); math.Abs(float64(got-tt.wantRecords)) > 30 {
				t.Errorf("records = %d, want about %d", got, tt.wantRecords)
			}
			if got := len(act.Laps); got != tt.wantLaps {
				t.Errorf("laps = %d, want %d", got, tt.wantLaps)
			}
			if act.FileId.Manufacturer != typedef.ManufacturerGarmin || act.FileId.Type != typedef.FileActivity {
				t.Errorf("file_id = %v/%v, want garmin activity", act.FileId.Manufacturer, act.FileId.Type)
			}
			if len(act.DeviceInfos) != 1 || len(act.Events) != 2 {
				t.Errorf("device_info = %d, events = %d; want 1 and 2", len(act.DeviceInfos), len(act.Events))
			}
			if len(act.Sessions) != 1 || act.Activity == nil {
				t.Fatalf("sessions = %d, activity = %v", len(act.Sessions), act.Activity)
			}
			ses := act.Sessions[0]
			if ses.Sport != tt.sport || ses.SubSport != tt.sub {
				t.Errorf("sport = %v/%v, want %v/%v", ses.Sport, ses.SubSport, tt.sport, tt.sub)
			}
			// Local time: +01:00.
			if off := act.Activity.LocalTimestamp.Sub(act.Activity.Timestamp); off != time.Hour {
				t.Errorf("local_timestamp offset = %v, want 1h", off)
			}
			// The last messages are in Garmin's order.
			tail := []string{}
			for _, m := range msgs[len(msgs)-4:] {
				tail = append(tail, m.Num.String())
			}
			if want := "[event lap session activity]"; stringsOf(tail) != want {
				t.Errorf("last messages = %v, want %s", tail, want)
			}
		})
	}
}

func stringsOf(s []string) string {
	var b bytes.Buffer
	b.WriteString("[")
	for i, x := range s {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(x)
	}
	b.WriteString("]")
	return b.String()
}

func TestEncodeRunChannels(t *testing.T) {
	tests := []struct {
		name     string
		dynamics bool
		sport    string
	}{
		{"with dynamics", true, SportRunning},
		{"without dynamics", false, SportRunning},
		{"treadmill", true, SportTreadmill},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := baseSpec()
			r.Dynamics, r.Sport = tt.dynamics, tt.sport
			data, err := EncodeRun(r)
			if err != nil {
				t.Fatal(err)
			}
			act, _ := decodeActivity(t, data)
			var withBal, withPos int
			var stepsSum float64
			for _, rec := range act.Records {
				if rec.StanceTimeBalance != math.MaxUint16 {
					withBal++
				}
				if rec.PositionLat != math.MaxInt32 {
					withPos++
				}
				if rec.Cadence == math.MaxUint8 {
					t.Fatalf("record without cadence")
				}
				stepsSum += 2 * (float64(rec.Cadence) + float64(rec.FractionalCadence)/128)
			}
			n := len(act.Records)
			if tt.dynamics != (withBal == n) || (!tt.dynamics && withBal != 0) {
				t.Errorf("stance_time_balance in %d of %d records, dynamics %v", withBal, n, tt.dynamics)
			}
			if wantPos := tt.sport != SportTreadmill; wantPos != (withPos == n) {
				t.Errorf("positions in %d of %d records, sport %s", withPos, n, tt.sport)
			}
			// cadence is strides/min: doubled it gives the spec's steps/min.
			if mean := stepsSum / float64(n); math.Abs(mean-r.CadenceSPM) > 1 {
				t.Errorf("mean cadence = %.1f steps/min from strides, want %.1f", mean, r.CadenceSPM)
			}
			if tt.dynamics {
				bal := act.Sessions[0].AvgStanceTimeBalanceScaled()
				if math.Abs(bal-50) > 0.2 {
					t.Errorf("session GCT balance = %.2f, want 50", bal)
				}
			} else if act.Sessions[0].AvgStanceTimeBalance != math.MaxUint16 {
				t.Errorf("session has GCT balance without dynamics")
			}
		})
	}
}

func TestSessionMatchesRecords(t *testing.T) {
	r := baseSpec()
	r.DistanceKm, r.DescentM, r.Sport = 8, 400, SportTrail
	data, err := EncodeRun(r)
	if err != nil {
		t.Fatal(err)
	}
	act, _ := decodeActivity(t, data)
	ses := act.Sessions[0]
	recs := act.Records
	last := recs[len(recs)-1]
	if got := ses.TotalDistanceScaled(); math.Abs(got-8000) > 0.01 || math.Abs(last.DistanceScaled()-8000) > 0.01 {
		t.Errorf("session distance %.2f m, last record %.2f m, want 8000", got, last.DistanceScaled())
	}
	if got, want := ses.TotalTimerTimeScaled(), last.Timestamp.Sub(recs[0].Timestamp).Seconds(); got != want {
		t.Errorf("session timer time %.0f s, records span %.0f s", got, want)
	}
	var descent, hr float64
	for i, rec := range recs {
		hr += float64(rec.HeartRate) / float64(len(recs))
		if i > 0 {
			descent += math.Max(0, recs[i-1].EnhancedAltitudeScaled()-rec.EnhancedAltitudeScaled())
		}
	}
	if math.Abs(descent-float64(ses.TotalDescent)) > 1 || math.Abs(descent-400) > 10 {
		t.Errorf("descent: records %.1f m, session %d m, want ~400", descent, ses.TotalDescent)
	}
	if math.Abs(hr-float64(ses.AvgHeartRate)) > 1 {
		t.Errorf("heart rate: records %.1f, session %d", hr, ses.AvgHeartRate)
	}
	var lapDist float64
	for _, l := range act.Laps {
		lapDist += l.TotalDistanceScaled()
	}
	if math.Abs(lapDist-8000) > 0.1 {
		t.Errorf("laps sum to %.2f m, want 8000", lapDist)
	}
}

func TestFadeAndDrift(t *testing.T) {
	r := baseSpec()
	r.DistanceKm, r.CadenceFadePct, r.BalanceDriftPP = 10, -7, 2
	data, err := EncodeRun(r)
	if err != nil {
		t.Fatal(err)
	}
	act, _ := decodeActivity(t, data)
	n := len(act.Records)
	third := func(k int) (cad, bal float64) {
		rs := act.Records[k*n/3 : (k+1)*n/3]
		for _, rec := range rs {
			cad += 2 * (float64(rec.Cadence) + float64(rec.FractionalCadence)/128) / float64(len(rs))
			bal += rec.StanceTimeBalanceScaled() / float64(len(rs))
		}
		return cad, bal
	}
	c0, b0 := third(0)
	c2, b2 := third(2)
	if fade := 100 * (c2 - c0) / c0; math.Abs(fade+7) > 0.7 {
		t.Errorf("cadence fade = %.2f %%, want -7", fade)
	}
	if drift := b2 - b0; math.Abs(drift-2) > 0.2 {
		t.Errorf("balance drift = %.2f pp, want +2", drift)
	}
}

func TestTrackOval(t *testing.T) {
	tests := []struct {
		clockwise bool
		wantSign  float64
	}{{false, 1}, {true, -1}}
	for _, tt := range tests {
		r := baseSpec()
		r.TrackLaps, r.TrackClockwise, r.PaceMinPerKm = 5, tt.clockwise, 5
		data, err := EncodeRun(r)
		if err != nil {
			t.Fatal(err)
		}
		act, _ := decodeActivity(t, data)
		// One lap: records of the first 400 m.
		var xs, ys []float64
		lat0 := act.Records[0].PositionLatDegrees()
		for _, rec := range act.Records {
			if rec.DistanceScaled() > TrackLapM {
				break
			}
			xs = append(xs, (rec.PositionLongDegrees()-act.Records[0].PositionLongDegrees())*metresPerDeg*math.Cos(lat0*math.Pi/180))
			ys = append(ys, (rec.PositionLatDegrees()-lat0)*metresPerDeg)
		}
		var area, perim float64
		for i := range xs {
			j := (i + 1) % len(xs)
			area += (xs[i]*ys[j] - xs[j]*ys[i]) / 2
			perim += math.Hypot(xs[j]-xs[i], ys[j]-ys[i])
		}
		// Area of the oval: rectangle of the straights plus the two bends.
		wantArea := TrackStraightM*2*trackLineRadiusM + math.Pi*trackLineRadiusM*trackLineRadiusM
		if math.Abs(area-tt.wantSign*wantArea) > 0.02*wantArea {
			t.Errorf("clockwise %v: signed area %.0f m², want %.0f", tt.clockwise, area, tt.wantSign*wantArea)
		}
		if math.Abs(perim-TrackLapM) > 6 {
			t.Errorf("clockwise %v: lap polygon %.1f m, want ~400", tt.clockwise, perim)
		}
	}
}

func TestOvalLength(t *testing.T) {
	var length float64
	px, py := ovalXY(0)
	for k := 1; k <= 4000; k++ {
		x, y := ovalXY(math.Mod(float64(k)*0.1, TrackLapM))
		length += math.Hypot(x-px, y-py)
		px, py = x, y
	}
	if math.Abs(length-TrackLapM) > 0.05 {
		t.Errorf("oval lane-1 length = %.3f m, want 400", length)
	}
}

func TestDeterminism(t *testing.T) {
	r := baseSpec()
	a, err := EncodeRun(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := EncodeRun(r)
	if !bytes.Equal(a, b) {
		t.Error("same spec gave different bytes")
	}
	r.Seed++
	c, _ := EncodeRun(r)
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same bytes")
	}
}

func TestEncodeRunRejects(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*RunSpec)
	}{
		{"no start", func(r *RunSpec) { r.Start = time.Time{} }},
		{"zero distance", func(r *RunSpec) { r.DistanceKm = 0 }},
		{"zero pace", func(r *RunSpec) { r.PaceMinPerKm = 0 }},
		{"strides not steps", func(r *RunSpec) { r.CadenceSPM = 86 }},
		{"sub-second interval", func(r *RunSpec) { r.Interval = 500 * time.Millisecond }},
		{"balance out of range", func(r *RunSpec) { r.BalanceLeftPct = 0 }},
		{"unknown sport", func(r *RunSpec) { r.Sport = "curling" }},
	}
	for _, tt := range tests {
		r := baseSpec()
		tt.mod(&r)
		if _, err := EncodeRun(r); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func BenchmarkEncodeRunHour(b *testing.B) {
	r := baseSpec()
	r.DistanceKm = 10 // 60 min at 6:00/km, 3600 records
	for b.Loop() {
		if _, err := EncodeRun(r); err != nil {
			b.Fatal(err)
		}
	}
}
