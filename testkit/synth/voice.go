package synth

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// The runner's own voice in generated seasons: perceived effort on the
// sessions, strength and mobility sessions, and a symptom log.

// Training kinds a TrainingSpec may name, with the FIT sub-sport written.
const (
	TrainingStrength    = "strength"    // training/strength_training
	TrainingFlexibility = "flexibility" // training/flexibility_training
	TrainingYoga        = "yoga"        // training/yoga
	TrainingPilates     = "pilates"     // fitness_equipment/pilates
)

// TrainingSpec is one strength or mobility session: no distance, a heart
// rate every 10 s.
type TrainingSpec struct {
	Start   time.Time
	Kind    string // TrainingStrength, TrainingFlexibility, TrainingYoga or TrainingPilates
	Minutes float64
	RPE     float64 // CR-10; 0 writes none
	Seed    uint64
}

// fitSport is the FIT sport and sub-sport of the session's kind.
func (t TrainingSpec) fitSport() (typedef.Sport, typedef.SubSport, error) {
	switch t.Kind {
	case TrainingStrength:
		return typedef.SportTraining, typedef.SubSportStrengthTraining, nil
	case TrainingFlexibility:
		return typedef.SportTraining, typedef.SubSportFlexibilityTraining, nil
	case TrainingYoga:
		return typedef.SportTraining, typedef.SubSportYoga, nil
	case TrainingPilates:
		return typedef.SportFitnessEquipment, typedef.SubSportPilates, nil
	}
	return 0, 0, fmt.Errorf("training %s: unknown kind %q", t.Start.Format(time.DateOnly), t.Kind)
}

// EncodeTraining encodes a strength or mobility session as a FIT activity
// file: file_id, timer start, heart-rate records, one lap, the session
// (with workout_rpe when RPE is set) and the activity.
func EncodeTraining(t TrainingSpec) ([]byte, error) {
	sport, sub, err := t.fitSport()
	if err != nil {
		return nil, err
	}
	if t.Start.IsZero() || !(t.Minutes > 0 && t.Minutes <= 300) {
		return nil, fmt.Errorf("training %s: start or duration (%g min) out of range", t.Start.Format(time.DateOnly), t.Minutes)
	}
	rng := rand.New(rand.NewPCG(t.Seed, 0x7a1))
	start := t.Start.UTC().Truncate(time.Second)
	secs := int(math.Round(t.Minutes * 60))
	end := start.Add(time.Duration(secs) * time.Second)
	_, offsetS := t.Start.Zone()
	msgs := []proto.Message{
		mesgdef.NewFileId(nil).SetType(typedef.FileActivity).SetManufacturer(typedef.ManufacturerGarmin).
			SetProduct(typedef.GarminProductFr255.Uint16()).SetSerialNumber(deviceSerial).SetTimeCreated(start).ToMesg(nil),
		mesgdef.NewEvent(nil).SetTimestamp(start).SetEvent(typedef.EventTimer).SetEventType(typedef.EventTypeStart).ToMesg(nil),
	}
	var sumHR, maxHR float64
	n := 0
	for s := 0; s <= secs; s += 10 {
		hr := math.Round(105 + 10*math.Sin(float64(s)/90) + 3*rng.NormFloat64())
		sumHR += hr
		maxHR = math.Max(maxHR, hr)
		n++
		msgs = append(msgs, mesgdef.NewRecord(nil).SetTimestamp(start.Add(time.Duration(s)*time.Second)).SetHeartRate(uint8(hr)).ToMesg(nil))
	}
	ms := uint32(secs * 1000)
	msgs = append(msgs,
		mesgdef.NewEvent(nil).SetTimestamp(end).SetEvent(typedef.EventTimer).SetEventType(typedef.EventTypeStopAll).ToMesg(nil),
		mesgdef.NewLap(nil).SetMessageIndex(0).SetTimestamp(end).SetStartTime(start).SetSport(sport).SetSubSport(sub).
			SetTotalElapsedTime(ms).SetTotalTimerTime(ms).ToMesg(nil),
		withEffort(mesgdef.NewSession(nil).SetMessageIndex(0).SetTimestamp(end).SetStartTime(start).
			SetEvent(typedef.EventSession).SetEventType(typedef.EventTypeStop).SetSport(sport).SetSubSport(sub).
			SetTotalElapsedTime(ms).SetTotalTimerTime(ms).SetAvgHeartRate(uint8(math.Round(sumHR/float64(n)))).
			SetMaxHeartRate(uint8(maxHR)).SetFirstLapIndex(0).SetNumLaps(1).ToMesg(nil), t.RPE, 0),
		mesgdef.NewActivity(nil).SetTimestamp(end).SetTotalTimerTime(ms).SetNumSessions(1).
			SetType(typedef.ActivityManual).SetEvent(typedef.EventActivity).SetEventType(typedef.EventTypeStop).
			SetLocalTimestamp(end.Add(time.Duration(offsetS)*time.Second)).ToMesg(nil),
	)
	var buf bytes.Buffer
	if err := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: msgs}); err != nil {
		return nil, fmt.Errorf("training %s: encoding FIT: %w", t.Start.Format(time.DateOnly), err)
	}
	return buf.Bytes(), nil
}

// withEffort adds workout_rpe (CR-10 × 10) and workout_feel to a session
// message when they are set (> 0).
func withEffort(m proto.Message, rpe, feel float64) proto.Message {
	if !(rpe > 0) && !(feel > 0) {
		return m
	}
	s := mesgdef.NewSession(&m)
	if rpe > 0 {
		s.SetWorkoutRpe(uint8(math.Round(math.Min(rpe, 10) * 10)))
	}
	if feel > 0 {
		s.SetWorkoutFeel(uint8(math.Round(math.Min(feel, 100))))
	}
	return s.ToMesg(nil)
}

// writeTraining writes the season's training sessions into dir after the
// runs (paths so far), named like the runs ("2026-03-04-strength.fit").
func (s Season) writeTraining(dir string, taken map[string]bool, paths []string) ([]string, error) {
	for _, t := range s.Training {
		name := RunSpec{Start: t.Start, Kind: t.Kind}.FileName(taken)
		taken[name] = true
		var err error
		if paths, err = writeEncoded(dir, name, paths, func() ([]byte, error) { return EncodeTraining(t) }); err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// SymptomSpec is one day's entry of the runner's symptom log, in the
// contract's terms: site outer-knee, outer-hip, low-back or other; side
// left, right or both; pain 0–10; flags numbness, tingling, night-pain,
// rest-pain.
type SymptomSpec struct {
	Date  time.Time
	Site  string
	Side  string
	Pain  int
	Flags []string
	Note  string
}

// SymptomCSV is the season's symptom log as the contract's CSV.
func (s Season) SymptomCSV() []byte {
	var b bytes.Buffer
	b.WriteString("date,site,side,pain,flags,note\n")
	for _, e := range s.Symptoms {
		note := e.Note
		if strings.ContainsAny(note, ",\"\n") {
			note = `"` + strings.ReplaceAll(note, `"`, `""`) + `"`
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s\n", e.Date.Format(time.DateOnly), e.Site, e.Side,
			strconv.Itoa(e.Pain), strings.Join(e.Flags, ";"), note)
	}
	return b.Bytes()
}

// WriteSymptoms writes the symptom log to dir/symptoms.csv; with no entry
// it writes nothing and returns "".
func (s Season) WriteSymptoms(dir string) (string, error) {
	if len(s.Symptoms) == 0 {
		return "", nil
	}
	path := filepath.Join(dir, "symptoms.csv")
	if err := os.WriteFile(path, s.SymptomCSV(), 0o644); err != nil {
		return "", fmt.Errorf("%s: writing: %w", path, err)
	}
	return path, nil
}

// PainDays logs pain at a site on consecutive days from first: pains[i] on
// day i (a day with pain 0 is left out), a convenience for tests and the
// sample.
func PainDays(first time.Time, site, side string, pains ...int) []SymptomSpec {
	var out []SymptomSpec
	for i, p := range pains {
		if p == 0 {
			continue
		}
		out = append(out, SymptomSpec{Date: first.AddDate(0, 0, i), Site: site, Side: side, Pain: p})
	}
	return out
}
