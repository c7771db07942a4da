package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// FormatSuunto is a Suunto log: an .sml file (Suunto's DeviceLog, as
// Moveslink 2 and SportsTracker write it) or a Moveslink / Movescount .xml
// file (a header and samples).
const FormatSuunto Format = "suunto"

// suuntoReader turns the elements of a Suunto log into activities: one per
// DeviceLog (or Move, or the header and samples of a Moveslink file).
// Suunto's units: heart rate and cadence in Hz (per second: × 60), the
// cadence of a run counting strides (doubled to steps), positions in
// radians, temperatures in kelvin, energy in joules, times in seconds
// since the start.
type suuntoReader struct {
	name string
	opt  Options
	emit emitFunc
	a    *Activity
	b    *trackBuilder
	n    int

	inSample   bool
	t          float64 // the sample's Time
	utc        time.Time
	haveUTC    bool
	any        bool      // the sample holds a value
	first      time.Time // the first sample's UTC minus its Time
	local      time.Time // the header's DateTime (local, no zone in SML)
	localZoned bool
	actType    string
	energyJ    float64
	laps       []Lap
	lapAt      float64
	rr         bool // R-R intervals logged (<R-R>, <IBI>)
}

// decodeSuunto reads a Suunto .sml or Moveslink .xml file.
func decodeSuunto(r io.Reader, name string, opt Options, emit emitFunc) error {
	return readXMLFast(r, opt.xmlLimits(), emit, func(walk func(xmlVisitor) error, emit emitFunc) error {
		s := &suuntoReader{name: name, opt: opt, emit: emit}
		err := walk(s)
		if s.a != nil && (err != nil || s.a.Samples.Len() > 0 || !math.IsNaN(s.a.Summary.DurationS)) {
			if err != nil && s.a.Samples.Len() > 0 {
				s.a.Notes = append(s.a.Notes, cutNote(err, s.a.Samples.Len()))
			}
			s.finish()
		}
		if err == nil && s.n == 0 {
			return fmt.Errorf("%w: Suunto file holds no log (no header or samples)", ErrEmpty)
		}
		if err != nil {
			return fmt.Errorf("suunto log: %w", err)
		}
		return nil
	})
}

// open starts an activity when none is open.
func (s *suuntoReader) open() {
	if s.a != nil {
		return
	}
	s.a = &Activity{Source: s.name, Format: FormatSuunto, Sport: SportUnknown, Summary: EmptySummary()}
	s.b = newTrackBuilder(s.a, s.opt)
	s.first, s.local, s.localZoned, s.actType, s.energyJ, s.laps, s.lapAt, s.rr = time.Time{}, time.Time{}, false, "", math.NaN(), nil, 0, false
}

func (s *suuntoReader) start(path []string, el *xml.StartElement) error {
	switch strings.ToLower(el.Name.Local) {
	case "devicelog", "move":
		if s.a != nil {
			s.finish()
		}
		s.open()
	case "header", "samples":
		s.open()
	case "sample":
		if s.a == nil {
			s.open()
		}
		s.inSample, s.any, s.haveUTC, s.t = true, false, false, math.NaN()
		s.b.p = EmptySample()
	}
	return nil
}

func (s *suuntoReader) end(path []string, text string) error {
	if s.a == nil {
		return nil
	}
	name := strings.ToLower(path[len(path)-1])
	par := strings.ToLower(parent(path))
	p := &s.b.p
	if s.inSample {
		v := xmlNumber(text)
		switch {
		case name == "sample":
			s.inSample = false
			return s.flushSample()
		case par == "lap" && name == "duration":
			s.laps = append(s.laps, Lap{StartOffsetS: s.lapAt, DurationS: v, DistanceM: math.NaN()})
			s.lapAt += v
		case par == "lap" && name == "distance" && len(s.laps) > 0:
			s.laps[len(s.laps)-1].DistanceM = v
		case within(path, "Events") || within(path, "events"):
			// pause, activity and source events carry no sample values
		case name == "time" && par == "sample":
			s.t = v
		case name == "utc" && par == "sample":
			s.utc, s.haveUTC = xmlTime(text)
		case name == "hr":
			p.HeartRateBPM, s.any = suuntoHz(v), true
		case name == "cadence":
			p.CadenceSPM, s.any = suuntoHz(v), true
		case name == "distance":
			p.DistanceM, s.any = v, true
		case name == "altitude":
			p.AltitudeM, s.any = v, true
		case name == "speed":
			p.SpeedMS, s.any = v, true
		case name == "latitude":
			p.LatDeg, s.any = v*180/math.Pi, true
		case name == "longitude":
			p.LonDeg, s.any = v*180/math.Pi, true
		}
		return nil
	}
	switch {
	case name == "ibi" || (name == "data" && par == "r-r"):
		s.rr = true
		return nil
	case name == "name" && par == "device":
		s.a.Device = Device{Manufacturer: "suunto", Name: strings.Clone(text)}
		return nil
	case (par == "hr" || par == "cadence") && strings.EqualFold(parentOf(path, par), "header"):
		s.headerAvg(par, name, text)
		return nil
	case par != "header":
		return nil
	}
	sum := &s.a.Summary
	switch name {
	case "duration":
		sum.DurationS = xmlNumber(text)
	case "distance":
		sum.DistanceM = xmlNumber(text)
	case "ascent":
		sum.AscentM = xmlNumber(text)
	case "descent":
		sum.DescentM = xmlNumber(text)
	case "energy":
		s.energyJ = xmlNumber(text)
	case "activitytype":
		s.actType = strings.TrimSpace(text)
	case "activity":
		s.a.RawSport = strings.Clone(text)
	case "datetime":
		t := strings.TrimSpace(text)
		s.localZoned = strings.HasSuffix(t, "Z") || strings.ContainsAny(t[min(len(t), 19):], "+-")
		s.local, _ = xmlTime(t)
	}
	return nil
}

// parentOf gives the name of the element enclosing the innermost one
// named (case-insensitively) name, "" when none.
func parentOf(path []string, name string) string {
	for i := len(path) - 1; i > 0; i-- {
		if strings.EqualFold(path[i], name) {
			return path[i-1]
		}
	}
	return ""
}

// headerAvg reads the header's heart-rate and cadence averages and maxima
// (Hz).
func (s *suuntoReader) headerAvg(group, name, text string) {
	v := suuntoHz(xmlNumber(text))
	sum := &s.a.Summary
	switch {
	case group == "hr" && name == "avg":
		sum.AvgHeartRateBPM = v
	case group == "hr" && name == "max":
		sum.MaxHeartRateBPM = v
	case group == "cadence" && name == "avg":
		sum.AvgCadenceSPM = v
	}
}

// suuntoHz turns a per-second rate into a per-minute one. Values above 5
// are taken as already per minute (no heart beats or strides 5 times a
// second).
func suuntoHz(v float64) float64 {
	if v > 5 {
		return v
	}
	return v * 60
}

// flushSample appends the sample just closed when it holds a value.
func (s *suuntoReader) flushSample() error {
	if s.haveUTC && !math.IsNaN(s.t) && s.first.IsZero() {
		s.first = s.utc.Add(-time.Duration(s.t * float64(time.Second)))
	}
	if !s.any || math.IsNaN(s.t) {
		return nil
	}
	if s.a.Samples.Len() >= s.b.maxRecs {
		return fmt.Errorf("%w: more than %d samples", ErrTooLarge, s.b.maxRecs)
	}
	s.b.p.ElapsedS = s.t
	s.a.Samples.Append(s.b.p)
	s.b.p = EmptySample()
	return nil
}

// suuntoSports maps Movescount's activity ids to sports.
var suuntoSports = map[string]Sport{
	"3": SportRunning, "82": SportTrail, "4": SportCycling, "5": SportCycling,
	"6": SportSwimming, "11": SportWalking,
}

// finish completes the open activity and emits it.
func (s *suuntoReader) finish() {
	a := s.a
	s.a = nil
	if a == nil {
		return
	}
	switch {
	case !s.local.IsZero() && s.localZoned:
		a.Start = s.local // Moveslink's DateTime, in UTC: the start the watch logged
	case !s.first.IsZero():
		a.Start = s.first
		if !s.local.IsZero() && !s.localZoned {
			off := s.local.Sub(s.first).Round(15 * time.Minute)
			if off.Abs() <= 14*time.Hour {
				a.LocalOffset, a.HasLocalOffset = off, true
			}
		}
	case !s.local.IsZero():
		a.Start = s.local
		if !s.localZoned {
			a.LocalWallClock, a.HasLocalOffset = true, true
		}
	}
	if sp, ok := suuntoSports[s.actType]; ok {
		a.Sport = sp
	} else if sp := sportFromName(a.RawSport); sp != SportUnknown {
		a.Sport = sp
	}
	if a.RawSport == "" {
		a.RawSport = s.actType
	}
	a.Laps = s.laps
	if !math.IsNaN(s.energyJ) {
		a.Notes = append(a.Notes, fmt.Sprintf("energy %.0f kcal (Suunto header)", s.energyJ/4184))
	}
	if a.Sport == SportUnknown {
		a.Sport = inferSport(a, "samples")
	}
	if a.Sport.IsRunning() || a.Sport == SportWalking || a.Sport == SportHiking {
		for i, c := range a.Samples.CadenceSPM {
			a.Samples.CadenceSPM[i] = c * 2
		}
		a.Summary.AvgCadenceSPM *= 2
		if a.Samples.Len() > 0 || !math.IsNaN(a.Summary.AvgCadenceSPM) {
			a.Notes = append(a.Notes, "cadence in strides (Suunto) doubled to steps/min")
		}
	}
	a.fillFromSamples()
	if s.rr && !a.Channels.Has(ChanHeartRate) {
		a.Notes = append(a.Notes, "heart rate logged only as R-R intervals, which are not read: the header's averages kept")
	}
	s.emit(a)
	s.n++
}
