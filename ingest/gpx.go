package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
)

// gpxReader turns the elements of a GPX 1.1 (or 1.0) file into one
// activity: every trkpt of every trk, in file order, each <trkseg> (and
// each <trk>) after the first a segment of its own: a device pause, summed
// segment by segment (DOMAIN.md: no line across the gap).
type gpxReader struct {
	a  *Activity
	b  *trackBuilder
	pt int // open trkpt elements: within(path, "trkpt") without walking the path
}

// segment marks that the next point starts a new segment.
func (g *gpxReader) segment() {
	if n := g.a.Samples.Len(); n > 0 && (len(g.a.Resumes) == 0 || g.a.Resumes[len(g.a.Resumes)-1] != n) {
		g.a.Resumes = append(g.a.Resumes, n)
	}
}

// decodeGPX reads a GPX file with a streaming XML decoder. Distance and
// speed are computed from the positions (haversine); heart rate and cadence
// come from Garmin's TrackPointExtension (gpxtpx:hr, gpxtpx:cad, cadence of
// a run in strides/min, doubled); the sport from the trk's type element
// ("running", "9"); the device from the creator attribute.
func decodeGPX(r io.Reader, name string, opt Options, emit emitFunc) error {
	return readXMLFast(r, opt.xmlLimits(), emit, func(walk func(xmlVisitor) error, emit emitFunc) error {
		return decodeGPXWith(walk, name, opt, emit)
	})
}

// decodeGPXWith reads a GPX document through walk (scanXML or walkXML).
func decodeGPXWith(walk func(xmlVisitor) error, name string, opt Options, emit emitFunc) error {
	a := &Activity{Source: name, Format: FormatGPX, Sport: SportUnknown, Summary: EmptySummary()}
	g := &gpxReader{a: a, b: newTrackBuilder(a, opt)}
	err := walk(g)
	if a.Samples.Len() == 0 {
		if err != nil {
			return fmt.Errorf("GPX: %w", err)
		}
		return fmt.Errorf("%w: GPX file holds no track points", ErrEmpty)
	}
	if err != nil {
		a.Notes = append(a.Notes, cutNote(err, a.Samples.Len()))
	}
	fillTrackDistance(a)
	finishTrack(a)
	emit(a)
	if err != nil {
		return fmt.Errorf("GPX: %w", err)
	}
	return nil
}

func (g *gpxReader) start(path []string, el *xml.StartElement) error {
	switch el.Name.Local {
	case "gpx":
		if c := attr(el, "creator"); c != "" {
			g.a.Device = deviceFromName(strings.Clone(c))
		}
	case "trkseg", "trk":
		g.segment()
	case "trkpt":
		g.pt++
		g.b.p.LatDeg = xmlNumber(attr(el, "lat"))
		g.b.p.LonDeg = xmlNumber(attr(el, "lon"))
	}
	return nil
}

func (g *gpxReader) end(path []string, text string) error {
	name, par := path[len(path)-1], parent(path)
	b := g.b
	inTrkpt := g.pt > 0
	if name == "trkpt" {
		g.pt--
	}
	if inTrkpt {
		switch trkptField(name) {
		case "trkpt":
			return b.flush()
		case "ele":
			b.p.AltitudeM = xmlNumber(text)
		case "time":
			if par == "trkpt" {
				b.ts, b.haveTS = b.time(text)
			}
		case "hr", "heartrate":
			b.p.HeartRateBPM = xmlNumber(text)
		case "cad", "cadence", "runcadence":
			b.p.CadenceSPM = xmlNumber(text)
		case "power", "watts":
			b.p.PowerW = xmlNumber(text)
		}
		return nil
	}
	switch {
	case name == "type" && par == "trk" && g.a.RawSport == "":
		g.a.RawSport = strings.Clone(text)
		g.a.Sport = sportFromName(text)
	case name == "name" && par == "trk" && g.a.Title == "":
		g.a.Title = strings.Clone(text)
	}
	return nil
}

// plan compiles a recorded trkpt into the steps start and end would take
// for its values (xmlPlanner). Any other element, or one that opens a
// gpx, trk, trkseg or another trkpt, is left to the calls.
func (g *gpxReader) plan(k *xmlSkeleton, steps []trackStep) ([]trackStep, bool) {
	ok := k.walkRecord(func(ev *skelEvent, name, par string) bool {
		if !ev.end {
			if par == "" {
				if name != "trkpt" {
					return false
				}
				steps = append(steps, trackStep{opLat, k.attrHole(ev, "lat")}, trackStep{opLon, k.attrHole(ev, "lon")})
				return true
			}
			switch name {
			case "gpx", "trk", "trkseg", "trkpt":
				return false
			}
			return true
		}
		var op trackOp
		switch trkptField(name) {
		case "trkpt":
			op = opFlush
		case "ele":
			op = opAlt
		case "time":
			if par != "trkpt" {
				return true
			}
			op = opTime
		case "hr", "heartrate":
			op = opHR
		case "cad", "cadence", "runcadence":
			op = opCad
		case "power", "watts":
			op = opPower
		default:
			return true
		}
		steps = append(steps, trackStep{op, ev.text})
		return true
	})
	return steps, ok
}

// replayPlan is the effect of a planned trkpt's calls.
func (g *gpxReader) replayPlan(k *xmlSkeleton, data []byte) error {
	return g.b.replay(k, data)
}

// trkptField is the lower-case name of an element inside a trkpt, without
// lower-casing a copy for the names exports write (in lower case, or
// Garmin's TrackPointExtension, which means nothing here).
func trkptField(name string) string {
	switch name {
	case "trkpt", "ele", "time", "hr", "cad", "extensions", "TrackPointExtension":
		return name
	}
	return strings.ToLower(name)
}

// fillTrackDistance computes cumulative distance from the positions with
// the haversine formula, segment by segment (nothing is added across a
// segment break), and speed from distance over time between consecutive
// timed points of a segment.
func fillTrackDistance(a *Activity) {
	s := &a.Samples
	total := 0.0
	prev := -1
	prevCos := 0.0 // math.Cos of prev's latitude in radians
	next := 0      // index in a.Resumes of the next segment start
	for i := range s.LatDeg {
		if next < len(a.Resumes) && a.Resumes[next] <= i {
			next++
			if prev >= 0 {
				prev = -2 // a segment starts: do not join it to the last point
			}
		}
		if math.IsNaN(s.LatDeg[i]) || math.IsNaN(s.LonDeg[i]) || math.Abs(s.LatDeg[i]) > 90 || math.Abs(s.LonDeg[i]) > 180 {
			s.LatDeg[i], s.LonDeg[i] = math.NaN(), math.NaN()
			continue
		}
		cos := math.Cos(s.LatDeg[i] * haversineRad)
		if prev >= 0 {
			d := haversineCosM(s.LatDeg[prev], s.LonDeg[prev], s.LatDeg[i], s.LonDeg[i], prevCos, cos)
			total += d
			if dt := s.ElapsedS[i] - s.ElapsedS[prev]; dt > 0 {
				s.SpeedMS[i] = d / dt
			}
		}
		s.DistanceM[i] = total
		prev, prevCos = i, cos
	}
	if prev != -1 {
		a.Notes = append(a.Notes, "distance and speed computed from positions (haversine)")
	}
}
