package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/profile/typedef"
)

// tcxReader turns the elements of a Garmin Training Center (TCX) file into
// activities: one per <Activity>, samples from its Trackpoints, laps from
// its Laps.
type tcxReader struct {
	name  string
	opt   Options
	emit  emitFunc
	a     *Activity
	b     *trackBuilder
	lap   Lap
	lapAt time.Time
	laps  []time.Time
	n     int
	tp    int // open Trackpoint elements: within(path, "Trackpoint") without walking the path
}

// decodeTCX reads a TCX file with a streaming XML decoder. Sport comes from
// the Activity's Sport attribute, the device from Creator/Name; running
// cadence (RunCadence, or Cadence of a run) is strides/min and is doubled.
func decodeTCX(r io.Reader, name string, opt Options, emit emitFunc) error {
	return readXMLFast(r, opt.xmlLimits(), emit, func(walk func(xmlVisitor) error, emit emitFunc) error {
		return decodeTCXWith(walk, name, opt, emit)
	})
}

// decodeTCXWith reads a TCX document through walk (scanXML or walkXML).
func decodeTCXWith(walk func(xmlVisitor) error, name string, opt Options, emit emitFunc) error {
	t := &tcxReader{name: name, opt: opt, emit: emit}
	err := walk(t)
	if err != nil && t.a != nil && t.a.Samples.Len() > 0 {
		t.a.Notes = append(t.a.Notes, cutNote(err, t.a.Samples.Len()))
		t.finish()
	}
	if err == nil && t.n == 0 {
		return fmt.Errorf("%w: TCX file holds no activity", ErrEmpty)
	}
	if err != nil {
		return fmt.Errorf("TCX: %w", err)
	}
	return nil
}

func (t *tcxReader) start(path []string, el *xml.StartElement) error {
	switch el.Name.Local {
	case "Trackpoint":
		t.tp++
	case "Activity":
		if !tcxActivity(parent(path)) {
			return nil
		}
		raw := strings.Clone(attr(el, "Sport"))
		t.a = &Activity{Source: t.name, Format: FormatTCX, RawSport: raw, Sport: sportFromName(raw), Summary: EmptySummary()}
		if raw == "Other" || raw == "" {
			t.a.Sport = SportUnknown
		}
		t.b = newTrackBuilder(t.a, t.opt)
	case "Lap":
		if t.a != nil {
			t.lap = Lap{StartOffsetS: math.NaN(), DurationS: math.NaN(), DistanceM: math.NaN()}
			t.lapAt, _ = xmlTime(attr(el, "StartTime"))
		}
	}
	return nil
}

func (t *tcxReader) end(path []string, text string) error {
	name := path[len(path)-1]
	inTrackpoint := t.tp > 0
	if name == "Trackpoint" {
		t.tp--
	}
	if t.a == nil {
		return nil
	}
	b := t.b
	if inTrackpoint {
		switch name {
		case "Trackpoint":
			return b.flush()
		case "Time":
			b.ts, b.haveTS = b.time(text)
		case "LatitudeDegrees":
			b.p.LatDeg = xmlNumber(text)
		case "LongitudeDegrees":
			b.p.LonDeg = xmlNumber(text)
		case "AltitudeMeters":
			b.p.AltitudeM = xmlNumber(text)
		case "DistanceMeters":
			b.p.DistanceM = xmlNumber(text)
		case "Value":
			if parent(path) == "HeartRateBpm" {
				b.p.HeartRateBPM = xmlNumber(text)
			}
		case "Cadence", "RunCadence":
			if v := xmlNumber(text); !math.IsNaN(v) {
				b.p.CadenceSPM = v
			}
		case "Speed":
			b.p.SpeedMS = xmlNumber(text)
		case "Watts":
			b.p.PowerW = xmlNumber(text)
		}
		return nil
	}
	par := parent(path)
	switch {
	case name == "Id" && par == "Activity":
		if ts, ok := xmlTime(text); ok {
			t.a.Start = ts
		}
	case name == "Name" && par == "Creator" && within(path, "Activity"):
		prod := t.a.Device.Product
		t.a.Device = deviceFromName(strings.Clone(text))
		if prod != "" {
			t.a.Device.Manufacturer, t.a.Device.Product = "garmin", prod
		}
	case name == "ProductID" && par == "Creator" && within(path, "Activity"):
		// TCX is Garmin's format: ProductID is a Garmin product number.
		if n, err := strconv.ParseUint(strings.TrimSpace(text), 10, 16); err == nil {
			if p := typedef.GarminProduct(n).String(); !strings.Contains(p, "Invalid(") {
				t.a.Device.Manufacturer, t.a.Device.Product = "garmin", p
			}
		}
	case name == "Notes" && par == "Activity":
		t.a.Title = strings.Clone(text)
	case par == "Lap" && name == "TotalTimeSeconds":
		t.lap.DurationS = xmlNumber(text)
	case par == "Lap" && name == "DistanceMeters":
		t.lap.DistanceM = xmlNumber(text)
	case name == "Lap":
		t.a.Laps = append(t.a.Laps, t.lap)
		t.laps = append(t.laps, t.lapAt)
	case name == "Activity" && tcxActivity(par):
		t.finish()
	}
	return nil
}

// plan compiles a recorded Trackpoint into the steps end would take for
// its values (xmlPlanner). Any other element, or one that opens an
// Activity, a Lap or another Trackpoint, is left to the calls.
func (t *tcxReader) plan(k *xmlSkeleton, steps []trackStep) ([]trackStep, bool) {
	ok := k.walkRecord(func(ev *skelEvent, name, par string) bool {
		if !ev.end {
			switch name {
			case "Trackpoint":
				return par == ""
			case "Activity", "Lap":
				return false
			}
			return par != ""
		}
		var op trackOp
		switch name {
		case "Trackpoint":
			op = opFlush
		case "Time":
			op = opTime
		case "LatitudeDegrees":
			op = opLat
		case "LongitudeDegrees":
			op = opLon
		case "AltitudeMeters":
			op = opAlt
		case "DistanceMeters":
			op = opDist
		case "Value":
			if par != "HeartRateBpm" {
				return true
			}
			op = opHR
		case "Cadence", "RunCadence":
			op = opCadKnown
		case "Speed":
			op = opSpeed
		case "Watts":
			op = opPower
		default:
			return true
		}
		steps = append(steps, trackStep{op, ev.text})
		return true
	})
	return steps, ok
}

// replayPlan is the effect of a planned Trackpoint's calls: its values
// inside an activity, nothing outside one (the open Trackpoints count is
// back where it was after the element).
func (t *tcxReader) replayPlan(k *xmlSkeleton, data []byte) error {
	if t.a == nil {
		return nil
	}
	return t.b.replay(k, data)
}

// tcxActivity reports whether an <Activity> under parent is one: a plain
// one under <Activities>, or one sport of a multisport session
// (<MultiSportSession><FirstSport><Activity> … <NextSport><Transition/>
// <Activity>): each sport's laps become an activity of their own, so the
// run of a triathlon counts as a run.
func tcxActivity(parent string) bool {
	return parent == "Activities" || parent == "FirstSport" || parent == "NextSport"
}

// finish completes the open activity and emits it.
func (t *tcxReader) finish() {
	a := t.a
	if a == nil {
		return
	}
	if t.b.started {
		a.Start = t.b.start
	}
	for i := range a.Laps {
		if !t.laps[i].IsZero() && !a.Start.IsZero() {
			a.Laps[i].StartOffsetS = t.laps[i].Sub(a.Start).Seconds()
		}
	}
	lapTotals(a)
	finishTrack(a)
	t.emit(a)
	t.n++
	t.a, t.b, t.laps = nil, nil, nil
}

// lapTotals takes the device's own totals from the laps: timer time is the
// sum of the laps' TotalTimeSeconds (the time the device was not paused,
// DOMAIN.md), distance the sum of their DistanceMeters, when every lap
// gives them.
func lapTotals(a *Activity) {
	if len(a.Laps) == 0 {
		return
	}
	timer, dist := 0.0, 0.0
	for _, l := range a.Laps {
		timer += l.DurationS
		dist += l.DistanceM
	}
	if timer > 0 {
		a.Summary.DurationS = timer
	}
	if dist > 0 {
		a.Summary.DistanceM = dist
	}
}
