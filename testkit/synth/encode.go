package synth

import (
	"bytes"
	"fmt"
	"math"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// The recording device written to file_id and device_info: a Forerunner 255.
const (
	deviceSerial   = 3_420_897_194
	deviceSoftware = 2006 // version 20.06
)

// EncodeRun encodes one run as a FIT activity file laid out as a Garmin
// watch writes it: file_id, device_info, timer start event, records (laps
// interleaved where they end), timer stop event, the last lap, session and
// activity. It returns an error when the spec is out of range.
func EncodeRun(r RunSpec) ([]byte, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	samples := simulate(r)
	msgs := buildMessages(r, samples)
	var buf bytes.Buffer
	enc := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2))
	if err := enc.Encode(&proto.FIT{Messages: msgs}); err != nil {
		return nil, fmt.Errorf("run %s: encoding FIT: %w", r.Start.Format(time.DateOnly), err)
	}
	return buf.Bytes(), nil
}

// fitSport maps the spec's sport to FIT sport and sub_sport.
func fitSport(r RunSpec) (typedef.Sport, typedef.SubSport) {
	switch r.sport() {
	case SportTrail:
		return typedef.SportRunning, typedef.SubSportTrail
	case SportTreadmill:
		return typedef.SportRunning, typedef.SubSportTreadmill
	case SportCycling:
		return typedef.SportCycling, typedef.SubSportRoad
	}
	if r.TrackLaps > 0 {
		return typedef.SportRunning, typedef.SubSportTrack
	}
	return typedef.SportRunning, typedef.SubSportGeneric
}

// buildMessages lays out the FIT messages of a run in file order.
func buildMessages(r RunSpec, ss []sample) []proto.Message {
	start := r.Start.UTC().Truncate(time.Second)
	at := func(t int) time.Time { return start.Add(time.Duration(t) * time.Second) }
	end := at(ss[len(ss)-1].t)
	sport, subSport := fitSport(r)
	_, offsetS := r.Start.Zone()

	msgs := make([]proto.Message, 0, len(ss)+32)
	manu, product, productName := watchIDs(r.Watch)
	msgs = append(msgs,
		mesgdef.NewFileId(nil).
			SetType(typedef.FileActivity).
			SetManufacturer(manu).
			SetProduct(product).
			SetProductName(productName).
			SetSerialNumber(deviceSerial).
			SetTimeCreated(start).ToMesg(nil),
		mesgdef.NewDeviceInfo(nil).
			SetTimestamp(start).
			SetDeviceIndex(typedef.DeviceIndexCreator).
			SetManufacturer(manu).
			SetProduct(product).
			SetProductName(productName).
			SetSerialNumber(deviceSerial).
			SetSoftwareVersion(deviceSoftware).
			SetSourceType(typedef.SourceTypeLocal).ToMesg(nil))
	if m, ok := sensorInfo(r.Sensor, start); ok {
		msgs = append(msgs, m)
	}
	msgs = append(msgs,
		mesgdef.NewEvent(nil).
			SetTimestamp(start).
			SetEvent(typedef.EventTimer).
			SetEventType(typedef.EventTypeStart).
			SetEventGroup(0).ToMesg(nil),
	)

	var laps []proto.Message
	ranges := lapRanges(r, ss)
	for i, s := range ss {
		msgs = append(msgs, recordMesg(r, s, at(s.t)))
		if l := ranges[len(laps)]; i == l[1] {
			last := i == len(ss)-1
			trigger := typedef.LapTriggerDistance
			if last {
				trigger = typedef.LapTriggerSessionEnd
			}
			m := lapMesg(summarise(r, ss[l[0]:i+1]), uint16(len(laps)), at(ss[l[0]].t), at(s.t), sport, subSport, trigger)
			laps = append(laps, m)
			if !last {
				msgs = append(msgs, m)
			}
		}
	}
	msgs = append(msgs, mesgdef.NewEvent(nil).
		SetTimestamp(end).
		SetEvent(typedef.EventTimer).
		SetEventType(typedef.EventTypeStopAll).
		SetEventGroup(0).ToMesg(nil))
	msgs = append(msgs, laps[len(laps)-1])

	total := summarise(r, ss)
	msgs = append(msgs, withEffort(sessionMesg(total, len(laps), start, end, sport, subSport, ss[0]), r.RPE, r.Feel))
	msgs = append(msgs, mesgdef.NewActivity(nil).
		SetTimestamp(end).
		SetTotalTimerTime(uint32(math.Round(total.timerS*1000))).
		SetNumSessions(1).
		SetType(typedef.ActivityManual).
		SetEvent(typedef.EventActivity).
		SetEventType(typedef.EventTypeStop).
		SetLocalTimestamp(end.Add(time.Duration(offsetS)*time.Second)).ToMesg(nil))
	return msgs
}

// watchIDs gives the file_id of the watch: manufacturer, product number
// and product name (COROS writes its name; Garmin writes none).
func watchIDs(w Watch) (typedef.Manufacturer, uint16, string) {
	switch w {
	case WatchFenix7:
		return typedef.ManufacturerGarmin, typedef.GarminProductFenix7.Uint16(), ""
	case WatchCorosPace:
		return typedef.ManufacturerCoros, 802, "COROS PACE 2"
	}
	return typedef.ManufacturerGarmin, typedef.GarminProductFr255.Uint16(), ""
}

// sensorInfo is the device_info message a watch writes for a paired step
// sensor (as a Forerunner writes an HRM-Pro: device index 1, ANT+ source,
// the ANT+ device type of the sensor); ok is false without a sensor.
func sensorInfo(s Sensor, at time.Time) (proto.Message, bool) {
	m := mesgdef.NewDeviceInfo(nil).SetTimestamp(at).SetDeviceIndex(1).
		SetSourceType(typedef.SourceTypeAntplus).SetSerialNumber(deviceSerial + 1)
	switch s {
	case SensorHRMPro:
		m.SetManufacturer(typedef.ManufacturerGarmin).SetProduct(typedef.GarminProductHrmPro.Uint16()).
			SetDeviceType(uint8(typedef.AntplusDeviceTypeHeartRate))
	case SensorRDPod:
		m.SetManufacturer(typedef.ManufacturerGarmin).SetProduct(typedef.GarminProductRunningDynamicsPod.Uint16()).
			SetDeviceType(uint8(typedef.AntplusDeviceTypeStrideSpeedDistance))
	case SensorStryd:
		m.SetManufacturer(typedef.ManufacturerStryd).SetProduct(1).
			SetDeviceType(uint8(typedef.AntplusDeviceTypeStrideSpeedDistance))
	case SensorCorosPod:
		m.SetManufacturer(typedef.ManufacturerCoros).SetProductName("COROS POD 2").
			SetDeviceType(uint8(typedef.AntplusDeviceTypeStrideSpeedDistance)).SetSourceType(typedef.SourceTypeBluetoothLowEnergy)
	default:
		return proto.Message{}, false
	}
	return m.ToMesg(nil), true
}

// lapRanges splits the samples into the run's auto laps: the first and
// last sample index of each lap (a lap's last sample is the next lap's
// first), the last lap ending with the run.
func lapRanges(r RunSpec, ss []sample) [][2]int {
	lapM := 1000 * r.AutoLapKm
	if r.AutoLapKm == 0 {
		lapM = 1000
	}
	var out [][2]int
	lapStart := 0
	for i, s := range ss {
		last := i == len(ss)-1
		if last || (lapM > 0 && i > lapStart && math.Floor(s.distM/lapM) > math.Floor(ss[lapStart].distM/lapM)) {
			out = append(out, [2]int{lapStart, i})
			lapStart = i
		}
	}
	return out
}

// recordMesg scales one sample into a FIT record. Cadence is written as a
// Garmin watch does: integer strides per minute in cadence plus the
// fraction in fractional_cadence (1/128 stride).
func recordMesg(r RunSpec, s sample, ts time.Time) proto.Message {
	rec := mesgdef.NewRecord(nil).
		SetTimestamp(ts).
		SetDistance(uint32(math.Round(s.distM * 100))).
		SetEnhancedSpeed(uint32(math.Round(s.speedMS * 1000))).
		SetHeartRate(uint8(math.Round(s.hrBPM))).
		SetEnhancedAltitude(uint32(math.Round((s.altM + 500) * 5)))
	if !math.IsNaN(s.latDeg) {
		rec.SetPositionLat(semicircles(s.latDeg)).SetPositionLong(semicircles(s.lonDeg))
	}
	cad := s.cadence
	if r.IsRun() {
		cad /= 2 // steps → strides
	}
	whole := math.Floor(cad)
	rec.SetCadence(uint8(whole)).SetFractionalCadence(uint8(math.Min(127, math.Round((cad-whole)*128))))
	if r.Dynamics && r.IsRun() {
		rec.SetStanceTime(uint16(math.Round(s.stanceMs * 10))).
			SetStanceTimeBalance(uint16(math.Round(s.balanceL * 100))).
			SetVerticalOscillation(uint16(math.Round(s.vertOscCm * 100))). // mm, scale 10
			SetVerticalRatio(uint16(math.Round(s.vertRatio * 100))).
			SetStepLength(uint16(math.Round(s.stepLenM * 10000))) // mm, scale 10
	}
	return rec.ToMesg(nil)
}

// semicircles converts degrees to FIT semicircles.
func semicircles(deg float64) int32 { return int32(math.Round(deg * (1 << 31) / 180)) }

// totals are the summary figures of a lap or a session.
type totals struct {
	timerS, distM                 float64
	avgSpeed, maxSpeed            float64
	avgHR, maxHR                  float64
	avgCadence, maxCadence        float64 // strides (runs) or rpm
	ascentM, descentM             float64
	stanceMs, balanceL, vertOscCm float64
	vertRatio, stepLenM           float64
	dynamics                      bool
}

// summarise computes the totals over consecutive samples, as the watch
// would from its own records.
func summarise(r RunSpec, ss []sample) totals {
	var t totals
	n := float64(len(ss))
	t.timerS = float64(ss[len(ss)-1].t - ss[0].t)
	t.distM = ss[len(ss)-1].distM - ss[0].distM
	if t.timerS > 0 {
		t.avgSpeed = t.distM / t.timerS
	}
	t.dynamics = r.Dynamics && r.IsRun()
	// Altitudes as stored (0.2 m resolution), so the totals match what a
	// decoder sums from the records.
	prevAlt := math.Round((ss[0].altM+500)*5)/5 - 500
	for _, s := range ss {
		cad := s.cadence
		if r.IsRun() {
			cad /= 2
		}
		t.maxSpeed = math.Max(t.maxSpeed, s.speedMS)
		t.avgHR += math.Round(s.hrBPM) / n
		t.maxHR = math.Max(t.maxHR, math.Round(s.hrBPM))
		t.avgCadence += cad / n
		t.maxCadence = math.Max(t.maxCadence, cad)
		alt := math.Round((s.altM+500)*5)/5 - 500
		if alt > prevAlt {
			t.ascentM += alt - prevAlt
		} else {
			t.descentM += prevAlt - alt
		}
		prevAlt = alt
		if t.dynamics {
			t.stanceMs += s.stanceMs / n
			t.balanceL += s.balanceL / n
			t.vertOscCm += s.vertOscCm / n
			t.vertRatio += s.vertRatio / n
			t.stepLenM += s.stepLenM / n
		}
	}
	return t
}

// splitCadence gives the integer and fractional (1/128) parts of a cadence.
func splitCadence(c float64) (uint8, uint8) {
	whole := math.Floor(c)
	return uint8(whole), uint8(math.Min(127, math.Round((c-whole)*128)))
}

// lapMesg builds a lap message from its totals.
func lapMesg(t totals, index uint16, start, end time.Time, sport typedef.Sport, sub typedef.SubSport, trigger typedef.LapTrigger) proto.Message {
	cad, frac := splitCadence(t.avgCadence)
	maxCad, _ := splitCadence(t.maxCadence)
	lap := mesgdef.NewLap(nil).
		SetMessageIndex(typedef.MessageIndex(index)).
		SetTimestamp(end).
		SetStartTime(start).
		SetEvent(typedef.EventLap).
		SetEventType(typedef.EventTypeStop).
		SetLapTrigger(trigger).
		SetSport(sport).
		SetSubSport(sub).
		SetTotalElapsedTime(uint32(math.Round(t.timerS * 1000))).
		SetTotalTimerTime(uint32(math.Round(t.timerS * 1000))).
		SetTotalDistance(uint32(math.Round(t.distM * 100))).
		SetEnhancedAvgSpeed(uint32(math.Round(t.avgSpeed * 1000))).
		SetEnhancedMaxSpeed(uint32(math.Round(t.maxSpeed * 1000))).
		SetAvgHeartRate(uint8(math.Round(t.avgHR))).
		SetMaxHeartRate(uint8(t.maxHR)).
		SetAvgCadence(cad).
		SetAvgFractionalCadence(frac).
		SetMaxCadence(maxCad).
		SetTotalAscent(uint16(math.Round(t.ascentM))).
		SetTotalDescent(uint16(math.Round(t.descentM)))
	if t.dynamics {
		lap.SetAvgStanceTime(uint16(math.Round(t.stanceMs * 10))).
			SetAvgStanceTimeBalance(uint16(math.Round(t.balanceL * 100))).
			SetAvgVerticalOscillation(uint16(math.Round(t.vertOscCm * 100))).
			SetAvgVerticalRatio(uint16(math.Round(t.vertRatio * 100))).
			SetAvgStepLength(uint16(math.Round(t.stepLenM * 10000)))
	}
	return lap.ToMesg(nil)
}

// sessionMesg builds the session message from the whole-run totals.
func sessionMesg(t totals, numLaps int, start, end time.Time, sport typedef.Sport, sub typedef.SubSport, first sample) proto.Message {
	cad, frac := splitCadence(t.avgCadence)
	maxCad, _ := splitCadence(t.maxCadence)
	s := mesgdef.NewSession(nil).
		SetMessageIndex(0).
		SetTimestamp(end).
		SetStartTime(start).
		SetEvent(typedef.EventSession).
		SetEventType(typedef.EventTypeStop).
		SetTrigger(typedef.SessionTriggerActivityEnd).
		SetSport(sport).
		SetSubSport(sub).
		SetTotalElapsedTime(uint32(math.Round(t.timerS * 1000))).
		SetTotalTimerTime(uint32(math.Round(t.timerS * 1000))).
		SetTotalDistance(uint32(math.Round(t.distM * 100))).
		SetEnhancedAvgSpeed(uint32(math.Round(t.avgSpeed * 1000))).
		SetEnhancedMaxSpeed(uint32(math.Round(t.maxSpeed * 1000))).
		SetAvgHeartRate(uint8(math.Round(t.avgHR))).
		SetMaxHeartRate(uint8(t.maxHR)).
		SetAvgCadence(cad).
		SetAvgFractionalCadence(frac).
		SetMaxCadence(maxCad).
		SetTotalAscent(uint16(math.Round(t.ascentM))).
		SetTotalDescent(uint16(math.Round(t.descentM))).
		SetFirstLapIndex(0).
		SetNumLaps(uint16(numLaps)).
		SetTotalCalories(uint16(math.Round(t.distM / 1000 * 68)))
	if !math.IsNaN(first.latDeg) {
		s.SetStartPositionLat(semicircles(first.latDeg)).SetStartPositionLong(semicircles(first.lonDeg))
	}
	if t.dynamics {
		s.SetAvgStanceTime(uint16(math.Round(t.stanceMs * 10))).
			SetAvgStanceTimeBalance(uint16(math.Round(t.balanceL * 100))).
			SetAvgVerticalOscillation(uint16(math.Round(t.vertOscCm * 100))).
			SetAvgVerticalRatio(uint16(math.Round(t.vertRatio * 100))).
			SetAvgStepLength(uint16(math.Round(t.stepLenM * 10000)))
	}
	return s.ToMesg(nil)
}
