package ingest

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

var update = flag.Bool("update", false, "rewrite golden files")

// synthStart is the start of every generated activity.
var synthStart = time.Date(2026, 3, 2, 6, 30, 0, 0, time.UTC)

// synthFile describes one small FIT file the tests generate with
// muktihari/fit's encoder. They live in testdata/fit/ (regenerated with
// -update), seed FuzzFIT, and feed report's inspect golden tests.
type synthFile struct {
	name  string
	build func() *filedef.Activity
	// compressed writes records with compressed timestamp headers.
	compressed bool
}

var synthFiles = []synthFile{
	{"run_dynamics.fit", func() *filedef.Activity { return synthRun(true) }, false},
	{"run_plain.fit", func() *filedef.Activity { return synthRun(false) }, true},
	{"ride.fit", synthRide, false},
}

// synthRun is a 10-minute run at 3 m/s. With dynamics it has running
// dynamics, a Stryd-like developer "Power" field, full session averages and
// the local offset UTC+1; without, it is a trail run whose session lacks
// averages (they must come from the samples) and which pauses 30 s.
func synthRun(dynamics bool) *filedef.Activity {
	act := filedef.NewActivity()
	act.FileId.SetType(typedef.FileActivity).SetTimeCreated(synthStart).
		SetManufacturer(typedef.ManufacturerGarmin).SetProduct(uint16(typedef.GarminProductFenix3)).SetSerialNumber(1234)
	if dynamics {
		act.DeveloperDataIds = append(act.DeveloperDataIds, mesgdef.NewDeveloperDataId(nil).
			SetDeveloperDataIndex(0).SetApplicationId(make([]byte, 16)))
		act.FieldDescriptions = append(act.FieldDescriptions, mesgdef.NewFieldDescription(nil).
			SetDeveloperDataIndex(0).SetFieldDefinitionNumber(0).SetFitBaseTypeId(basetype.Uint16).
			SetFieldName([]string{"Power"}).SetUnits([]string{"Watts"}),
			mesgdef.NewFieldDescription(nil).
				SetDeveloperDataIndex(0).SetFieldDefinitionNumber(1).SetFitBaseTypeId(basetype.Uint8).
				SetFieldName([]string{"Form Power"}).SetUnits([]string{"Watts"}))
	}
	const n = 600
	t := synthStart
	dist := 0.0
	for i := 0; i < n; i++ {
		if !dynamics && i == 300 {
			t = t.Add(30 * time.Second) // a pause: no records for 30 s
		}
		alt := 400 + 20*math.Sin(float64(i)/n*2*math.Pi)
		rec := mesgdef.NewRecord(nil).SetTimestamp(t).
			SetPositionLatDegrees(47.37 + float64(i)*1e-5).SetPositionLongDegrees(8.54).
			SetDistanceScaled(dist).SetEnhancedSpeedScaled(3.0).SetEnhancedAltitudeScaled(alt).
			SetHeartRate(uint8(140 + i%10)).SetCadence(84).SetFractionalCadenceScaled(0.5)
		if dynamics {
			bal := 49.6
			if i%2 == 1 {
				bal = 49.8
			}
			rec.SetStanceTimeScaled(250).SetStanceTimeBalanceScaled(bal).
				SetVerticalOscillationScaled(85).SetVerticalRatioScaled(7.5).SetStepLengthScaled(1060)
			rec.DeveloperFields = []proto.DeveloperField{
				{Num: 0, DeveloperDataIndex: 0, Value: proto.Uint16(uint16(250 + i%5))},
				{Num: 1, DeveloperDataIndex: 0, Value: proto.Uint8(60)},
			}
		}
		act.Records = append(act.Records, rec)
		t = t.Add(time.Second)
		dist += 3
	}
	end := t.Add(-time.Second)
	for lap := 0; lap < 2; lap++ {
		ls := synthStart.Add(time.Duration(lap*300) * time.Second)
		act.Laps = append(act.Laps, mesgdef.NewLap(nil).SetTimestamp(ls.Add(300*time.Second)).
			SetStartTime(ls).SetTotalTimerTimeScaled(300).SetTotalDistanceScaled(900))
	}
	sess := mesgdef.NewSession(nil).SetTimestamp(end).SetStartTime(synthStart).
		SetEvent(typedef.EventSession).SetEventType(typedef.EventTypeStop).
		SetSport(typedef.SportRunning).SetTotalElapsedTimeScaled(end.Sub(synthStart).Seconds()).
		SetTotalTimerTimeScaled(n - 1).SetTotalDistanceScaled(dist - 3)
	if dynamics {
		sess.SetSubSport(typedef.SubSportGeneric).SetEnhancedAvgSpeedScaled(3.0).
			SetAvgCadence(84).SetAvgFractionalCadenceScaled(0.5).SetAvgHeartRate(145).SetMaxHeartRate(149).
			SetAvgStanceTimeScaled(250).SetAvgStanceTimeBalanceScaled(49.7).SetAvgVerticalOscillationScaled(85).
			SetAvgVerticalRatioScaled(7.5).SetAvgStepLengthScaled(1060).SetTotalAscent(40).SetTotalDescent(40)
	} else {
		sess.SetSubSport(typedef.SubSportTrail)
	}
	act.Sessions = append(act.Sessions, sess)
	act.Activity = mesgdef.NewActivity(nil).SetTimestamp(end).SetNumSessions(1).
		SetType(typedef.ActivityManual)
	if dynamics {
		act.Activity.SetLocalTimestamp(end.Add(time.Hour))
	}
	return act
}

// synthRide is a 5-minute ride with native power and pedalling cadence.
func synthRide() *filedef.Activity {
	act := filedef.NewActivity()
	act.FileId.SetType(typedef.FileActivity).SetTimeCreated(synthStart).
		SetManufacturer(typedef.ManufacturerBryton).SetProduct(1901).SetSerialNumber(99)
	t := synthStart
	const n = 300
	for i := 0; i < n; i++ {
		act.Records = append(act.Records, mesgdef.NewRecord(nil).SetTimestamp(t).
			SetDistanceScaled(float64(i)*8).SetEnhancedSpeedScaled(8).SetCadence(uint8(88+i%5)).
			SetPower(200).SetHeartRate(130))
		t = t.Add(time.Second)
	}
	end := t.Add(-time.Second)
	act.Sessions = append(act.Sessions, mesgdef.NewSession(nil).SetTimestamp(end).SetStartTime(synthStart).
		SetSport(typedef.SportCycling).SetSubSport(typedef.SubSportRoad).
		SetTotalElapsedTimeScaled(n-1).SetTotalTimerTimeScaled(n-1).SetTotalDistanceScaled(8*(n-1)).
		SetAvgCadence(90).SetAvgPower(200).SetAvgHeartRate(130))
	act.Activity = mesgdef.NewActivity(nil).SetTimestamp(end).SetNumSessions(1)
	return act
}

// encodeFIT writes act as FIT bytes.
func encodeFIT(t testing.TB, act *filedef.Activity, compressed bool) []byte {
	t.Helper()
	fit := act.ToFIT(nil)
	var buf bytes.Buffer
	opts := []encoder.Option{encoder.WithProtocolVersion(proto.V2)}
	if compressed {
		opts = append(opts, encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 3))
	}
	if err := encoder.New(&buf, opts...).Encode(&fit); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

// TestSynthFilesUpToDate regenerates testdata/fit/*.fit with -update and
// otherwise checks the committed files still match their generators.
func TestSynthFilesUpToDate(t *testing.T) {
	for _, sf := range synthFiles {
		t.Run(sf.name, func(t *testing.T) {
			path := filepath.Join("testdata", "fit", sf.name)
			got := encodeFIT(t, sf.build(), sf.compressed)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go test ./ingest -run TestSynthFilesUpToDate -update", path)
			}
		})
	}
}
