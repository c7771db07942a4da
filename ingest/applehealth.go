package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FormatAppleHealth is an Apple Health export: export.xml, alone, in its
// unpacked folder, or in the zip the Health app writes.
const FormatAppleHealth Format = "apple-health"

// The Apple Health reader.
//
// Apple writes export.xml with every Record first (years of heart rate,
// steps, running form...) and the Workouts after them, so a workout's
// samples are known only once the file has been read past them. Rather
// than hold the records, the reader reads the file twice when it can
// (a file, a zip member: both can be opened again): the first pass keeps
// the workouts only (a few hundred bytes each), the second keeps, of the
// records, only those that fall inside a workout, 24 bytes each. Memory is
// then bounded by the workouts and their records, not by the file. A stream
// that cannot be read again (an export.xml.gz) is read once, holding the
// records of the types read, 24 bytes each, until the workouts are known.

// hkKind is a record type the reader uses.
type hkKind uint8

const (
	hkNone hkKind = iota
	hkHeartRate
	hkSpeed
	hkSteps
	hkStance
	hkVertOsc
	hkStride
	hkPower
	hkEffort
	hkEffortEstimated
)

// hkKinds maps Apple's record types to the kinds read; any other type is
// skipped without a word.
var hkKinds = map[string]hkKind{
	"HKQuantityTypeIdentifierHeartRate":                   hkHeartRate,
	"HKQuantityTypeIdentifierRunningSpeed":                hkSpeed,
	"HKQuantityTypeIdentifierStepCount":                   hkSteps,
	"HKQuantityTypeIdentifierRunningGroundContactTime":    hkStance,
	"HKQuantityTypeIdentifierRunningVerticalOscillation":  hkVertOsc,
	"HKQuantityTypeIdentifierRunningStrideLength":         hkStride,
	"HKQuantityTypeIdentifierRunningPower":                hkPower,
	"HKQuantityTypeIdentifierWorkoutEffortScore":          hkEffort,
	"HKQuantityTypeIdentifierEstimatedWorkoutEffortScore": hkEffortEstimated,
}

// hkRec is one record kept: its time in seconds since its workout's start
// (or since the Unix epoch while the workouts are not known), the length
// of its interval, and its value in the contract's unit.
type hkRec struct {
	t    float64
	dur  float32
	v    float32
	kind hkKind
}

// hkWorkout is one Workout element and what was gathered for it.
type hkWorkout struct {
	start, end int64 // Unix seconds
	offset     int   // the local UTC offset written, seconds
	raw        string
	indoor     bool
	durationS  float64
	distanceM  float64
	energyKcal float64
	ascentM    float64 // HKElevationAscended
	descentM   float64 // HKElevationDescended
	avgHR      float64 // the workout's heart-rate statistics
	maxHR      float64
	device     Device
	route      string // FileReference path
	recs       []hkRec
}

// hkReader gathers the workouts and records of one export.
type hkReader struct {
	name     string
	opt      Options
	lim      xmlLimits
	ctx      context.Context
	workouts []*hkWorkout
	cur      *hkWorkout
	inRoute  bool
	pending  []hkRec // one-pass mode: records held until the workouts are known
	onePass  bool
	warnings []Problem
	warned   int
	routePos [][2]float64 // the positions of the route being merged
	lx       *hkLexer     // the pass under way
}

// maxHKWarnings bounds the malformed lines listed one by one; the rest are
// counted in the last.
const maxHKWarnings = 20

func (h *hkReader) warn(line int, msg string) {
	h.warned++
	switch {
	case h.warned < maxHKWarnings:
		h.warnings = append(h.warnings, Problem{Path: h.name, Partial: true, Err: fmt.Errorf("%w: line %d: %s (line skipped)", ErrCorrupt, line, msg)})
	case h.warned == maxHKWarnings:
		h.warnings = append(h.warnings, Problem{Path: h.name, Partial: true, Err: fmt.Errorf("%w: line %d: %s (line skipped; later malformed lines are counted at the end)", ErrCorrupt, line, msg)})
	}
}

// lex reads one pass of export.xml from r.
func (h *hkReader) lex(r io.Reader, visit func(t *hkTag, depth int) error) error {
	br := hkReaders.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); hkReaders.Put(br) }()
	h.lx = &hkLexer{br: br, ctx: h.ctx, lim: h.lim, warn: h.warn}
	return h.lx.each(visit)
}

// workoutPass keeps the Workout elements and their metadata, statistics
// and route.
func (h *hkReader) workoutPass(t *hkTag, depth int) error {
	name := string(t.name)
	if t.end {
		switch {
		case name == "Workout" && h.cur != nil:
			h.workouts = append(h.workouts, h.cur)
			h.cur = nil
		case name == "WorkoutRoute":
			h.inRoute = false
		}
		return nil
	}
	switch name {
	case "Workout":
		h.cur = h.newWorkout(t)
	case "MetadataEntry":
		if h.cur == nil || h.inRoute {
			return nil
		}
		switch string(t.get("key")) {
		case "HKIndoorWorkout":
			v := string(t.get("value"))
			h.cur.indoor = v == "1" || strings.EqualFold(v, "true") || strings.HasPrefix(v, "1 ")
		case "HKElevationAscended":
			h.cur.ascentM = hkQuantity(t.get("value"))
		case "HKElevationDescended":
			h.cur.descentM = hkQuantity(t.get("value"))
		}
	case "WorkoutStatistics":
		if h.cur == nil {
			return nil
		}
		v := hkValue(t.get("sum"), t.get("unit"))
		switch string(t.get("type")) {
		case "HKQuantityTypeIdentifierDistanceWalkingRunning":
			if math.IsNaN(h.cur.distanceM) {
				h.cur.distanceM = v
			}
		case "HKQuantityTypeIdentifierActiveEnergyBurned":
			if math.IsNaN(h.cur.energyKcal) {
				h.cur.energyKcal = v
			}
		case "HKQuantityTypeIdentifierHeartRate":
			h.cur.avgHR = hkValue(t.get("average"), t.get("unit"))
			h.cur.maxHR = hkValue(t.get("maximum"), t.get("unit"))
		}
	case "WorkoutRoute":
		h.inRoute = h.cur != nil
	case "FileReference":
		if h.cur != nil && h.inRoute && h.cur.route == "" {
			h.cur.route = strings.Clone(string(t.get("path")))
		}
	case "Record":
		if h.onePass {
			return h.recordPass(t, depth)
		}
	}
	return nil
}

// newWorkout reads a Workout's attributes.
func (h *hkReader) newWorkout(t *hkTag) *hkWorkout {
	n := math.NaN()
	w := &hkWorkout{raw: strings.Clone(string(t.get("workoutActivityType"))), durationS: n, distanceM: n, energyKcal: n,
		ascentM: n, descentM: n, avgHR: n, maxHR: n}
	var ok1, ok2 bool
	w.start, w.offset, ok1 = hkTime(t.get("startDate"))
	w.end, _, ok2 = hkTime(t.get("endDate"))
	if !ok1 || !ok2 || w.end < w.start {
		h.warn(h.lx.line, fmt.Sprintf("workout %s without a readable start and end: not read", w.raw))
		return nil
	}
	w.durationS = hkValue(t.get("duration"), t.get("durationUnit"))
	w.distanceM = hkValue(t.get("totalDistance"), t.get("totalDistanceUnit"))
	if w.distanceM == 0 {
		w.distanceM = math.NaN() // recent exports write 0 here and the figure in WorkoutStatistics
	}
	w.energyKcal = hkValue(t.get("totalEnergyBurned"), t.get("totalEnergyBurnedUnit"))
	if w.energyKcal == 0 {
		w.energyKcal = math.NaN()
	}
	w.device = hkDevice(t.get("device"), t.get("sourceName"), t.get("sourceVersion"))
	return w
}

// recordPass keeps a Record of a type read when it falls inside a workout
// (or, in one-pass mode, until the workouts are known).
func (h *hkReader) recordPass(t *hkTag, _ int) error {
	if t.end || string(t.name) != "Record" {
		return nil
	}
	kind := hkKinds[string(t.get("type"))]
	if kind == hkNone {
		return nil
	}
	s, _, ok1 := hkTime(t.get("startDate"))
	e, _, ok2 := hkTime(t.get("endDate"))
	v := hkValue(t.get("value"), t.get("unit"))
	if !ok1 || !ok2 || e < s || math.IsNaN(v) {
		return nil
	}
	rec := hkRec{t: float64(s), dur: float32(e - s), v: float32(v), kind: kind}
	if h.onePass {
		h.pending = append(h.pending, rec)
		return nil
	}
	h.place(rec)
	return nil
}

// place adds a record, timed in Unix seconds, to the workout whose span
// holds its start (a step count's interval may end after the workout); a
// record outside every workout is dropped.
func (h *hkReader) place(rec hkRec) {
	mid := rec.t
	ws := h.workouts
	i, _ := slices.BinarySearchFunc(ws, mid, func(w *hkWorkout, t float64) int {
		switch {
		case float64(w.start) > t:
			return 1
		case float64(w.start) < t:
			return -1
		}
		return 0
	})
	// ws[i-1] is the last workout starting at or before mid (or ws[i]
	// starts exactly at mid).
	for _, k := range []int{i, i - 1} {
		if k < 0 || k >= len(ws) {
			continue
		}
		if w := ws[k]; float64(w.start) <= mid && mid <= float64(w.end) {
			rec.t -= float64(w.start)
			w.recs = append(w.recs, rec)
			return
		}
	}
}

// hkTime reads Apple's "2024-05-01 07:30:01 +0200": Unix seconds and the
// offset in seconds.
func hkTime(b []byte) (unix int64, offset int, ok bool) {
	b = bytes.TrimSpace(b)
	if len(b) != 25 || b[4] != '-' || b[7] != '-' || b[10] != ' ' || b[13] != ':' || b[16] != ':' || b[19] != ' ' || (b[20] != '+' && b[20] != '-') {
		return 0, 0, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range b[i : i+n] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, hh, mm, ss, oh, om := num(0, 4), num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2), num(21, 2), num(23, 2)
	if y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || oh < 0 || oh > 14 || om < 0 || om > 59 {
		return 0, 0, false
	}
	offset = oh*3600 + om*60
	if b[20] == '-' {
		offset = -offset
	}
	return time.Date(y, time.Month(mo), d, hh, mm, ss, 0, time.UTC).Unix() - int64(offset), offset, true
}

// hkValue reads a quantity in the unit Apple wrote and gives it in the
// contract's unit for its kind (metres, seconds, m/s, ms, cm, W, kcal,
// bpm, steps); NaN when unreadable or the unit is unknown.
func hkValue(v, unit []byte) float64 {
	x, err := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	switch string(unit) {
	case "", "count", "count/min", "W", "ms", "cm", "m", "kcal", "Cal", "s", "m/s", "appleEffortScore":
		return x
	case "km":
		return x * 1000
	case "mi":
		return x * 1609.344
	case "ft":
		return x * 0.3048
	case "in":
		return x * 2.54 // only vertical oscillation is written in inches: cm
	case "yd":
		return x * 0.9144
	case "km/hr", "km/h":
		return x / 3.6
	case "mi/hr", "mph":
		return x * 1609.344 / 3600
	case "min":
		return x * 60
	case "hr", "h":
		return x * 3600
	case "kJ":
		return x / 4.184
	}
	return math.NaN()
}

// hkQuantity reads a metadata quantity with its unit, "3200 cm", in the
// contract's unit (metres for lengths).
func hkQuantity(b []byte) float64 {
	num, unit, _ := bytes.Cut(bytes.TrimSpace(b), []byte(" "))
	v := hkValue(num, unit)
	if string(unit) == "cm" {
		v /= 100 // a length in metres, unlike vertical oscillation
	}
	return v
}

// hkDevice names the recording device (manufacturer "apple", the model's
// hardware identifier as product, "Apple Watch (watchOS 10.1)" as name)
// from the device attribute ("<<HKDevice:
// 0x...>, name:Apple Watch, manufacturer:Apple Inc., model:Watch,
// hardware:Watch6,1, software:10.1>"), else from sourceName and
// sourceVersion. The owner's name in sourceName ("Ann's Apple Watch") is
// left out.
func hkDevice(dev, source, version []byte) Device {
	field := func(key string) string {
		i := bytes.Index(dev, []byte(key+":"))
		if i < 0 {
			return ""
		}
		v := dev[i+len(key)+1:]
		if j := bytes.IndexAny(v, ",>"); j >= 0 {
			if key == "hardware" && j+1 < len(v) && v[j] == ',' && v[j+1] >= '0' && v[j+1] <= '9' {
				// "Watch6,1": the comma is part of the identifier
				k := bytes.IndexAny(v[j+1:], ",>")
				if k >= 0 {
					j += 1 + k
				} else {
					j = len(v)
				}
			}
			v = v[:j]
		}
		return strings.ToValidUTF8(strings.TrimSpace(string(v)), "?")
	}
	d := Device{}
	name, maker, hw, sw := field("name"), field("manufacturer"), field("hardware"), field("software")
	src := strings.ToValidUTF8(string(source), "?")
	switch {
	case strings.Contains(strings.ToLower(src), "apple watch"):
		name = "Apple Watch"
	case name == "" && strings.Contains(strings.ToLower(src), "iphone"):
		name = "iPhone"
	}
	if sw == "" {
		sw = strings.ToValidUTF8(string(version), "?")
	}
	if strings.HasPrefix(maker, "Apple") || strings.HasPrefix(name, "Apple") || name == "iPhone" {
		maker = "apple"
	}
	d.Manufacturer = strings.ToLower(maker)
	// The model (hardware identifier) is the product; the OS version goes
	// with the name, so that an update does not make a new instrument.
	d.Product = hw
	d.Name = name
	if sw != "" {
		os := "watchOS"
		if strings.Contains(name, "iPhone") || strings.HasPrefix(hw, "iPhone") {
			os = "iOS"
		}
		d.Name = strings.TrimSpace(name + " (" + os + " " + sw + ")")
	}
	return d
}

// hkSport maps Apple's workout type to a sport.
func hkSport(raw string, indoor bool) Sport {
	switch strings.TrimPrefix(raw, "HKWorkoutActivityType") {
	case "Running":
		if indoor {
			return SportTreadmill
		}
		return SportRunning
	case "Walking":
		return SportWalking
	case "Hiking":
		return SportHiking
	case "Cycling":
		return SportCycling
	case "Swimming":
		return SportSwimming
	case "TraditionalStrengthTraining", "FunctionalStrengthTraining":
		return SportStrength
	case "Yoga", "Pilates", "Flexibility", "MindAndBody":
		return SportMobility
	}
	return SportOther
}

// hkRoutes opens the route file a workout names ("/workout-routes/
// route_2024-05-01_7.30am.gpx"), relative to the export's folder; nil when
// the routes are not at hand (export.xml alone).
type hkRoutes func(ref string) (io.ReadCloser, string, error)

// build turns a workout and its records into an activity.
func (h *hkReader) build(w *hkWorkout, routes hkRoutes) *Activity {
	a := &Activity{Source: h.name, Format: FormatAppleHealth, Sport: hkSport(w.raw, w.indoor), Summary: EmptySummary(), Device: w.device}
	a.RawSport = strings.TrimPrefix(w.raw, "HKWorkoutActivityType")
	if w.indoor {
		a.RawSport += " (indoor)"
	}
	a.Start = time.Unix(w.start, 0).UTC()
	a.LocalOffset, a.HasLocalOffset = time.Duration(w.offset)*time.Second, true
	a.Summary.DurationS = w.durationS
	a.Summary.ElapsedS = float64(w.end - w.start)
	a.Summary.DistanceM = w.distanceM
	a.Summary.AscentM, a.Summary.DescentM = w.ascentM, w.descentM
	a.Summary.AvgHeartRateBPM, a.Summary.MaxHeartRateBPM = w.avgHR, w.maxHR
	if !math.IsNaN(w.energyKcal) {
		a.Notes = append(a.Notes, fmt.Sprintf("energy %.0f kcal (Apple Health)", w.energyKcal))
	}
	var ev []hkRec
	if w.route != "" && !h.opt.SummaryOnly {
		ev = h.route(a, w, routes)
	}
	effort, estimated := math.NaN(), math.NaN()
	for _, r := range w.recs {
		switch r.kind {
		case hkEffort:
			effort = float64(r.v)
		case hkEffortEstimated:
			estimated = float64(r.v)
		}
	}
	switch {
	case effort >= 1 && effort <= 10:
		a.Summary.RPE = effort
		a.Notes = append(a.Notes, "RPE from the workout's effort rating")
	case estimated >= 1 && estimated <= 10:
		a.Summary.RPE = estimated
		a.Notes = append(a.Notes, "RPE from Apple's estimated effort score")
	}
	if !h.opt.SummaryOnly {
		h.samples(a, append(ev, w.recs...))
	}
	a.fillFromSamples()
	return a
}

// hkLat, hkLon, hkAlt tag the route's points among the records.
const (
	hkLat hkKind = 100 + iota
	hkLon
	hkAlt
	hkDist
	hkRouteSpeed
)

// route reads the workout's route file into timed events (hkRec times in
// seconds since the workout's start; positions kept in full precision in
// the float64 t-paired slice below).
func (h *hkReader) route(a *Activity, w *hkWorkout, routes hkRoutes) []hkRec {
	if routes == nil {
		a.Notes = append(a.Notes, "route "+path.Base(w.route)+" not at hand (export.xml read alone): no positions")
		return nil
	}
	rc, name, err := routes(w.route)
	if err != nil {
		a.Notes = append(a.Notes, fmt.Sprintf("route %s not read: %s", path.Base(w.route), oneLine(err)))
		return nil
	}
	defer rc.Close()
	var ra *Activity
	gerr := decodeGPX(rc, name, h.opt, func(x *Activity) { ra = x })
	if ra == nil {
		a.Notes = append(a.Notes, fmt.Sprintf("route %s not read: %s", path.Base(w.route), oneLine(gerr)))
		return nil
	}
	if gerr != nil {
		a.Notes = append(a.Notes, fmt.Sprintf("route %s read in part: %s", path.Base(w.route), oneLine(gerr)))
	}
	shift := float64(ra.Start.Unix() - w.start)
	s := &ra.Samples
	var ev []hkRec
	h.routePos = h.routePos[:0]
	for i := range s.ElapsedS {
		t := s.ElapsedS[i] + shift
		if math.IsNaN(t) {
			continue
		}
		if !math.IsNaN(s.LatDeg[i]) {
			h.routePos = append(h.routePos, [2]float64{s.LatDeg[i], s.LonDeg[i]})
			ev = append(ev, hkRec{t: t, v: float32(len(h.routePos) - 1), kind: hkLat})
			ev = append(ev, hkRec{t: t, v: float32(s.DistanceM[i]), kind: hkDist})
			if !math.IsNaN(s.SpeedMS[i]) {
				ev = append(ev, hkRec{t: t, v: float32(s.SpeedMS[i]), kind: hkRouteSpeed})
			}
		}
		if !math.IsNaN(s.AltitudeM[i]) {
			ev = append(ev, hkRec{t: t, v: float32(s.AltitudeM[i]), kind: hkAlt})
		}
	}
	ra.Samples.Recycle()
	return ev
}

// samples merges the route's points and the records into one sample per
// second that has any: each value at the second it was taken (an interval
// record at its start), NaN elsewhere. Step counts become cadence (steps
// over the record's interval, per minute); vertical ratio is computed from
// vertical oscillation and stride length where both are taken.
func (h *hkReader) samples(a *Activity, ev []hkRec) {
	if len(ev) == 0 {
		return
	}
	slices.SortStableFunc(ev, func(x, y hkRec) int {
		return cmpFloat(math.Floor(x.t), math.Floor(y.t))
	})
	lim := h.opt.limits().MaxRecords
	p := EmptySample()
	cur := math.Inf(-1)
	flush := func() {
		if !math.IsNaN(p.VertOscCm) && !math.IsNaN(p.StepLengthM) && p.StepLengthM > 0 {
			p.VertRatioPct = p.VertOscCm / p.StepLengthM
		}
		if a.Samples.Len() < lim {
			a.Samples.Append(p)
		}
		p = EmptySample()
	}
	speedFromRecords := false
	for _, e := range ev {
		if e.kind == hkSpeed {
			speedFromRecords = true
		}
	}
	for _, e := range ev {
		sec := math.Floor(e.t)
		if sec != cur {
			if !math.IsInf(cur, -1) {
				flush()
			}
			cur = sec
			p.ElapsedS = sec
		}
		v := float64(e.v)
		switch e.kind {
		case hkHeartRate:
			p.HeartRateBPM = v
		case hkSpeed:
			p.SpeedMS = v
		case hkRouteSpeed:
			if !speedFromRecords {
				p.SpeedMS = v
			}
		case hkSteps:
			if e.dur > 0 {
				p.CadenceSPM = v / float64(e.dur) * 60
			}
		case hkStance:
			p.StanceTimeMs = v
		case hkVertOsc:
			p.VertOscCm = v
		case hkStride:
			p.StepLengthM = v
		case hkPower:
			p.PowerW = v
		case hkLat:
			pos := h.routePos[int(e.v)]
			p.LatDeg, p.LonDeg = pos[0], pos[1]
		case hkDist:
			p.DistanceM = v
		case hkAlt:
			p.AltitudeM = v
		}
	}
	flush()
	if a.Samples.Len() >= lim {
		a.Notes = append(a.Notes, fmt.Sprintf("read up to a limit (more than %d samples; limits.max_records): the first %d samples kept", lim, lim))
	}
	a.Notes = append(a.Notes, "samples from the Apple Health records within the workout, one per second that has any")
}

// cmpFloat orders two numbers.
func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// hkReaders recycles the line readers (64 KB each).
var hkReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// readAppleHealth reads one export.xml: first is its stream; reopen, when
// not nil, opens it again for the second pass (else the one-pass mode);
// routes opens the route files (nil when export.xml is read alone).
func readAppleHealth(ctx context.Context, name string, opt Options, first io.Reader, reopen func() (io.ReadCloser, error), routes hkRoutes, fn func(*Activity)) []Problem {
	h := &hkReader{name: name, opt: opt, lim: opt.xmlLimits(), ctx: ctx, onePass: reopen == nil}
	var probs []Problem
	err := h.lex(first, h.workoutPass)
	if err != nil {
		probs = append(probs, Problem{Path: name, Err: err})
	}
	slices.SortStableFunc(h.workouts, func(x, y *hkWorkout) int { return cmpFloat(float64(x.start), float64(y.start)) })
	if err == nil && len(h.workouts) > 0 {
		if h.onePass {
			for _, r := range h.pending {
				h.place(r)
			}
			h.pending = nil
		} else if rc, oerr := reopen(); oerr != nil {
			probs = append(probs, Problem{Path: name, Err: fmt.Errorf("opening export.xml again for its records: %w", oerr)})
		} else {
			h.warned, h.warnings = 0, nil // the second pass meets the same lines
			if rerr := h.lex(rc, h.recordPass); rerr != nil {
				probs = append(probs, Problem{Path: name, Err: fmt.Errorf("reading export.xml again for its records: %w", rerr)})
			}
			rc.Close()
		}
	}
	n := 0
	for _, w := range h.workouts {
		if ctx.Err() != nil {
			break
		}
		fn(h.build(w, routes))
		n++
		w.recs = nil
	}
	for i := range probs {
		probs[i].Partial = n > 0
	}
	if h.warned > maxHKWarnings {
		h.warnings = append(h.warnings, Problem{Path: name, Partial: true, Err: fmt.Errorf("%w: %d malformed lines in all, each skipped", ErrCorrupt, h.warned)})
	}
	probs = append(probs, h.warnings...)
	if n == 0 && err == nil {
		probs = append(probs, Problem{Path: name, Err: fmt.Errorf("%w: Apple Health export holds no workout", ErrEmpty)})
	}
	return probs
}

// unpackAppleHealth is the format table's reader of an export.xml given as
// a file (two passes, routes from its folder) or as a stream (one pass, no
// routes).
func unpackAppleHealth(ctx context.Context, rd *Reader, br *bufio.Reader, fn func(*Activity)) []Problem {
	var reopen func() (io.ReadCloser, error)
	if ra, ok := rd.r.(io.ReaderAt); ok && rd.size > 0 {
		reopen = func() (io.ReadCloser, error) { return io.NopCloser(io.NewSectionReader(ra, 0, rd.size)), nil }
	}
	var routes hkRoutes
	if cf, ok := rd.r.(*cancellableFile); ok && rd.depth == 0 {
		dir := filepath.Dir(rd.name)
		routes = func(ref string) (io.ReadCloser, string, error) {
			rel := strings.TrimPrefix(strings.ReplaceAll(ref, "\\", "/"), "/")
			if !safeMemberName(rel) {
				return nil, "", fmt.Errorf("%w: route path %q leaves the export's folder", ErrCorrupt, hkClip([]byte(ref), 80))
			}
			p := filepath.Join(dir, filepath.FromSlash(rel))
			f, err := openInput(p)
			if err != nil {
				return nil, "", statError(err)
			}
			return &cancellableFileCloser{cancellableFile{ctx: cf.ctx, f: f}}, p, nil
		}
	}
	return readAppleHealth(ctx, rd.name, rd.opt, br, reopen, routes, fn)
}

// cancellableFileCloser is a route file opened for one read.
type cancellableFileCloser struct{ cancellableFile }

func (c *cancellableFileCloser) Close() error { return c.f.Close() }

// isAppleExport reports whether a zip member is an Apple Health export.xml.
func isAppleExport(name string) bool {
	return strings.EqualFold(path.Base(strings.ReplaceAll(name, "\\", "/")), "export.xml")
}

// isAppleRoute reports whether a member lies in the workout-routes folder
// beside the export.xml at exportDir.
func isAppleRoute(name, exportDir string) bool {
	n := strings.ReplaceAll(name, "\\", "/")
	return strings.HasPrefix(n, path.Join(exportDir, "workout-routes")+"/") || (exportDir == "." && strings.HasPrefix(n, "workout-routes/"))
}

// readAppleZip reads the export.xml member f of a zip in two passes (it is
// opened twice), its routes from the zip's workout-routes folder. The
// member is streamed, so the limit on its size is the archive's
// (limits.max_archive_bytes), not the member's.
func readAppleZip(ctx context.Context, f *zip.File, zr *zip.Reader, archive string, opt Options, fn func(*Activity)) []Problem {
	lim := opt.limits()
	name := archive + "!/" + displayName(f.Name)
	if !safeMemberName(f.Name) {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: unsafe member name (absolute or with ..)", ErrCorrupt)}}
	}
	if encrypted(f) {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: member is encrypted (a password-protected zip); not read", ErrUnsupported)}}
	}
	var last *boundedReader
	open := func(budget *archiveBudget) (io.ReadCloser, error) {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%w: zip member unreadable: %s", ErrCorrupt, oneLine(err))
		}
		compressed := int64(f.CompressedSize64)
		last = &boundedReader{r: rc, maxBytes: lim.MaxArchiveBytes, maxRatio: lim.MaxRatio, compressed: func() int64 { return compressed }, budget: budget}
		return struct {
			io.Reader
			io.Closer
		}{last, rc}, nil
	}
	first, err := open(opt.archive)
	if err != nil {
		return []Problem{{Path: name, Err: err}}
	}
	defer first.Close()
	byName := map[string]*zip.File{}
	dir := path.Dir(strings.ReplaceAll(f.Name, "\\", "/"))
	for _, m := range zr.File {
		if isAppleRoute(m.Name, dir) {
			byName[strings.ToLower(path.Base(strings.ReplaceAll(m.Name, "\\", "/")))] = m
		}
	}
	routes := func(ref string) (io.ReadCloser, string, error) {
		m := byName[strings.ToLower(path.Base(strings.ReplaceAll(ref, "\\", "/")))]
		if m == nil {
			return nil, "", fmt.Errorf("not in the archive")
		}
		if m.UncompressedSize64 > uint64(lim.MaxDecompressedBytes) {
			return nil, "", fmt.Errorf("%w: member declares %d bytes, limit %d", ErrTooLarge, m.UncompressedSize64, lim.MaxDecompressedBytes)
		}
		rc, err := m.Open()
		if err != nil {
			return nil, "", err
		}
		compressed := int64(m.CompressedSize64)
		b := &boundedReader{r: rc, maxBytes: lim.MaxDecompressedBytes, maxRatio: lim.MaxRatio, compressed: func() int64 { return compressed }, budget: opt.archive, declared: int64(m.UncompressedSize64)}
		return struct {
			io.Reader
			io.Closer
		}{b, rc}, archive + "!/" + displayName(m.Name), nil
	}
	probs := readAppleHealth(ctx, name, opt, first, func() (io.ReadCloser, error) { return open(nil) }, routes, fn)
	if last != nil && last.err != nil {
		probs = append(probs, Problem{Path: name, Err: last.err, Partial: true})
	}
	return probs
}
