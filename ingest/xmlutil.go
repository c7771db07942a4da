package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// xmlVisitor receives the elements of an XML file as a streaming decoder
// meets them. path holds the local names (namespaces dropped) of the open
// elements, the current one last. The names, the text and the attribute
// values are valid during the call only (the fast path hands out views of
// a recycled buffer): a visitor keeps a copy (strings.Clone).
type xmlVisitor interface {
	start(path []string, el *xml.StartElement) error
	end(path []string, text string) error
}

// walkXML streams r through v without holding the document: files can hold
// hours of one-second trackpoints. Character data is collected per element
// (only the text directly inside it) and capped at 4 KiB. The limits of
// xmlguard.go apply: nesting depth, text runs, declared encodings.
func walkXML(r io.Reader, v xmlVisitor, lim xmlLimits) error {
	guard := guardXML(r, lim)
	d := xml.NewDecoder(guard)
	d.CharsetReader = xmlCharset
	var path []string
	var texts [][]byte
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if len(path) > 0 {
				return fmt.Errorf("%w: XML ends inside <%s>", ErrTruncated, path[len(path)-1])
			}
			return nil
		}
		if err != nil {
			if guard.err != nil {
				return guard.err
			}
			line, _ := d.InputPos()
			if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
				return fmt.Errorf("%w: XML ends early at line %d", ErrTruncated, line)
			}
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg // without a second "on line N"
			}
			msg = strings.TrimPrefix(xmlEncodingHint(msg), "xml: ")
			return fmt.Errorf("%w: XML line %d: %s", ErrCorrupt, line, strings.Join(strings.Fields(msg), " "))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) >= lim.maxDepth {
				line, _ := d.InputPos()
				return fmt.Errorf("%w: XML line %d: elements nested more than %d deep", ErrCorrupt, line, lim.maxDepth)
			}
			path = append(path, t.Name.Local)
			texts = append(texts, nil)
			if err := v.start(path, &t); err != nil {
				return err
			}
		case xml.CharData:
			if n := len(texts); n > 0 && len(texts[n-1]) < 4096 {
				texts[n-1] = append(texts[n-1], t...)
			}
		case xml.EndElement:
			n := len(path)
			if n == 0 {
				continue
			}
			if err := v.end(path, strings.TrimSpace(string(texts[n-1]))); err != nil {
				return err
			}
			path, texts = path[:n-1], texts[:n-1]
		}
	}
}

// parent is the name of the element enclosing the current one, "" at the root.
func parent(path []string) string {
	if len(path) < 2 {
		return ""
	}
	return path[len(path)-2]
}

// within reports whether an element named name is open.
func within(path []string, name string) bool {
	for _, p := range path {
		if p == name {
			return true
		}
	}
	return false
}

// attr is the value of the attribute with the local name, "" when absent.
func attr(el *xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// xmlNumber reads a decimal number, NaN when unreadable.
func xmlNumber(s string) float64 {
	if v, ok := plainNumber(s); ok { // the same value, without strconv's general path
		return v
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

// xmlTime reads an xsd:dateTime; a time without a zone is read as UTC, the
// convention of GPX and TCX.
func xmlTime(s string) (time.Time, bool) {
	if t, ok := fastRFC3339(s); ok { // the first layout's own form, read faster
		return t, true
	}
	return xmlTimeLayouts(s)
}

// xmlTimeLayouts is xmlTime for the strings fastRFC3339 refuses.
func xmlTimeLayouts(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// trackBuilder collects the samples of one XML track and turns absolute
// sample times into seconds since the first.
type trackBuilder struct {
	a       *Activity
	p       Sample
	ts      time.Time
	haveTS  bool
	start   time.Time
	started bool
	maxRecs int
	minutes minuteCache // of the trackpoints' times
}

// time reads a trackpoint's time as xmlTime does, the minute of the last
// one remembered.
func (b *trackBuilder) time(s string) (time.Time, bool) {
	if t, ok := b.minutes.read(s); ok {
		return t, true
	}
	return xmlTimeLayouts(s) // minutes.read is fastRFC3339: not tried again
}

// secondsSince is t.Sub(start).Seconds() without Sub's overflow check (a
// call to Add and Equal) for the times of a track, which lie within a
// few centuries of each other; Sub itself for the others.
func secondsSince(t, start time.Time) float64 {
	const century = 100 * 365 * 86400
	if sec := t.Unix() - start.Unix(); sec > -century && sec < century {
		return (time.Duration(sec)*time.Second + time.Duration(t.Nanosecond()-start.Nanosecond())).Seconds()
	}
	return t.Sub(start).Seconds()
}

func newTrackBuilder(a *Activity, opt Options) *trackBuilder {
	return &trackBuilder{a: a, p: EmptySample(), maxRecs: opt.limits().MaxRecords}
}

// flush appends the point collected so far as a sample.
func (b *trackBuilder) flush() error {
	if b.a.Samples.Len() >= b.maxRecs {
		return fmt.Errorf("%w: more than %d samples", ErrTooLarge, b.maxRecs)
	}
	if b.haveTS {
		if !b.started {
			b.start, b.started = b.ts, true
			b.a.Start = b.ts
		}
		b.p.ElapsedS = secondsSince(b.ts, b.start)
	}
	b.a.Samples.appendFrom(&b.p)
	b.p.clear()
	b.haveTS = false
	return nil
}

// finishTrack applies what XML exports leave implicit, then computes the
// channels and missing summary figures: cadence of a run in strides/min
// (median below 110) is doubled; a track without a sport is taken as
// running when its cadence or dynamics say so.
func finishTrack(a *Activity) {
	if a.Sport.IsRunning() || a.Sport == SportUnknown {
		doubleStrides(a, "cadence")
	}
	if a.Sport == SportUnknown {
		a.Sport = inferSport(a, "track points")
	}
	a.fillFromSamples()
}

// haversineM is the great-circle distance in metres between two points
// given in degrees (mean Earth radius 6371 km).
func haversineM(lat1, lon1, lat2, lon2 float64) float64 {
	return haversineCosM(lat1, lon1, lat2, lon2, math.Cos(lat1*haversineRad), math.Cos(lat2*haversineRad))
}

// haversineRad converts degrees to radians in haversineM.
const haversineRad = math.Pi / 180

// haversineCosM is haversineM given the cosines of both latitudes (in
// radians), so that a track computes each point's cosine once, not twice:
// the same operations on the same values, hence the same metres to the
// bit (TestHaversineCosSame), each sine computed once instead of twice.
func haversineCosM(lat1, lon1, lat2, lon2, cos1, cos2 float64) float64 {
	const r = 6371008.8
	rad := haversineRad
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	sLat, sLon := math.Sin(dLat/2), math.Sin(dLon/2)
	h := sLat*sLat + cos1*cos2*sLon*sLon
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// trackOp is what a step of a replay plan does with its value: the effect
// of the visitor's call for one element of a trackpoint.
type trackOp uint8

const (
	opTime     trackOp = iota // the point's time (trackBuilder.time)
	opLat                     // latitude, degrees
	opLon                     // longitude, degrees
	opAlt                     // altitude, m
	opDist                    // distance, m
	opHR                      // heart rate, bpm
	opCad                     // cadence, NaN when unreadable
	opCadKnown                // cadence, left as it was when unreadable
	opSpeed                   // speed, m/s
	opPower                   // power, W
	opFlush                   // the point is complete (flush)
)

// trackStep is one step of a replay plan: op with the value of hole
// (xmlSkeleton.value; -1 for none, read as "").
type trackStep struct {
	op   trackOp
	hole int16
}

// replay applies the steps of a plan to the point being built, with the
// values of the element k matched in data: the same functions the
// visitor's calls use, on the same texts, in the same order.
func (b *trackBuilder) replay(k *xmlSkeleton, data []byte) error {
	for _, st := range k.steps {
		text := k.value(data, st.hole)
		switch st.op {
		case opTime:
			b.ts, b.haveTS = b.time(text)
		case opLat:
			b.p.LatDeg = xmlNumber(text)
		case opLon:
			b.p.LonDeg = xmlNumber(text)
		case opAlt:
			b.p.AltitudeM = xmlNumber(text)
		case opDist:
			b.p.DistanceM = xmlNumber(text)
		case opHR:
			b.p.HeartRateBPM = xmlNumber(text)
		case opCad:
			b.p.CadenceSPM = xmlNumber(text)
		case opCadKnown:
			if v := xmlNumber(text); !math.IsNaN(v) {
				b.p.CadenceSPM = v
			}
		case opSpeed:
			b.p.SpeedMS = xmlNumber(text)
		case opPower:
			b.p.PowerW = xmlNumber(text)
		case opFlush:
			if err := b.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}
