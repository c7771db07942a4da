package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// isStravaHeader reports whether a CSV header is Strava's bulk export
// activities.csv.
func isStravaHeader(h []string) bool {
	return hasAll(h, "activity id", "activity date", "activity type")
}

// isGarminHeader reports whether a CSV header is Garmin Connect's
// Activities.csv (the list export of connect.garmin.com).
func isGarminHeader(h []string) bool {
	return hasAll(h, "activity type", "date") &&
		(hasAll(h, "title") || hasAll(h, "avg run cadence") || hasAll(h, "avg hr"))
}

func hasAll(h []string, names ...string) bool {
	for _, n := range names {
		found := false
		for _, x := range h {
			if x == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// stravaDateLayouts are the ways Strava writes "Activity Date" (UTC),
// depending on the account's locale.
var stravaDateLayouts = []string{
	"Jan 2, 2006, 3:04:05 PM",
	"Jan 2, 2006 3:04:05 PM",
	"2 Jan 2006, 15:04:05",
	"2 Jan 2006 15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05Z",
	"02.01.2006, 15:04:05",
	"02/01/2006 15:04:05",
}

// parseStravaDate reads an "Activity Date" cell, UTC. The narrow and
// non-breaking spaces newer exports put before "AM"/"PM" are folded.
func parseStravaDate(s string) (time.Time, bool) {
	s = strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(strings.TrimSpace(s))
	return parseLayouts(s, stravaDateLayouts)
}

// newSummaryActivity is an activity read from one summary CSV row.
func newSummaryActivity(name string) *Activity {
	return &Activity{Source: name, Format: FormatCSVSummary, Sport: SportUnknown, Summary: EmptySummary()}
}

// decodeStravaCSV reads Strava's activities.csv. Strava repeats column
// names: the first "Distance" is in km (a display value), the second in
// metres; both "Elapsed Time" columns are in seconds. "Average Cadence" of
// runs is in strides per minute and is doubled.
func decodeStravaCSV(t *csvTable, opt Options, emit emitFunc) error {
	c := struct {
		date, title, typ, gear, file, elapsed1, elapsed2, moving, dist1, dist2,
		maxHR1, maxHR2, avgHR, avgSpeed, gain, loss, cadence, watts int
	}{
		date: t.column("Activity Date"), title: t.column("Activity Name"), typ: t.column("Activity Type"),
		gear: t.column("Activity Gear"), file: t.column("Filename"),
		elapsed1: t.nthColumn("Elapsed Time", 0), elapsed2: t.nthColumn("Elapsed Time", 1),
		moving: t.column("Moving Time"), dist1: t.nthColumn("Distance", 0), dist2: t.nthColumn("Distance", 1),
		maxHR1: t.nthColumn("Max Heart Rate", 0), maxHR2: t.nthColumn("Max Heart Rate", 1),
		avgHR: t.column("Average Heart Rate"), avgSpeed: t.column("Average Speed"),
		gain: t.column("Elevation Gain"), loss: t.column("Elevation Loss"),
		cadence: t.column("Average Cadence"), watts: t.column("Average Watts"),
	}
	num := func(rec []string, i int) float64 { return parseNumber(field(rec, i), t.sep) }
	first := func(vs ...float64) float64 {
		for _, v := range vs {
			if !math.IsNaN(v) {
				return v
			}
		}
		return math.NaN()
	}
	return t.rows(func(line int, rec []string) error {
		a := newSummaryActivity(t.name)
		a.RawSport = field(rec, c.typ)
		a.Sport = sportFromName(a.RawSport)
		a.Title = field(rec, c.title)
		a.Gear = field(rec, c.gear)
		a.SourceFile = field(rec, c.file)
		if ts, ok := parseStravaDate(field(rec, c.date)); ok {
			a.Start = ts
		} else {
			a.Notes = append(a.Notes, "line "+itoa(line)+": Activity Date unreadable")
		}
		s := &a.Summary
		s.ElapsedS = first(num(rec, c.elapsed2), num(rec, c.elapsed1))
		s.DurationS = first(num(rec, c.moving), s.ElapsedS)
		s.DistanceM = num(rec, c.dist2)
		if math.IsNaN(s.DistanceM) {
			s.DistanceM = num(rec, c.dist1) * 1000
		}
		s.AvgSpeedMS = num(rec, c.avgSpeed)
		if math.IsNaN(s.AvgSpeedMS) && s.DurationS > 0 {
			s.AvgSpeedMS = s.DistanceM / s.DurationS
		}
		s.AvgHeartRateBPM = num(rec, c.avgHR)
		s.MaxHeartRateBPM = first(num(rec, c.maxHR2), num(rec, c.maxHR1))
		s.AscentM = num(rec, c.gain)
		s.DescentM = num(rec, c.loss)
		s.AvgPowerW = num(rec, c.watts)
		s.AvgCadenceSPM = num(rec, c.cadence)
		if a.Sport.IsRunning() && s.AvgCadenceSPM > 0 && s.AvgCadenceSPM <= 110 {
			s.AvgCadenceSPM *= 2
			a.Notes = append(a.Notes, "average cadence in strides/min doubled to steps/min")
		}
		emit(a)
		return nil
	})
}

// garminDateLayouts are the ways Garmin Connect writes "Date": local time
// without a zone.
var garminDateLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"01/02/2006 15:04:05",
	"01/02/2006 15:04",
}

// decodeGarminCSV reads Garmin Connect's Activities.csv (newest first, one
// row per activity, "--" for missing values). Distances are in km unless
// the header names miles; Garmin does not write the unit, so the km
// assumption is noted. Cadence is already in steps per minute.
func decodeGarminCSV(t *csvTable, opt Options, emit emitFunc) error {
	col := t.column
	c := struct {
		typ, date, title, dist, time, moving, elapsed, avgHR, maxHR, cad, ascent, descent,
		stride, vratio, vosc, gct, bal, power, speed int
	}{
		typ: col("Activity Type"), date: col("Date"), title: col("Title"), dist: col("Distance"),
		time: col("Time"), moving: col("Moving Time"), elapsed: col("Elapsed Time"),
		avgHR: col("Avg HR"), maxHR: col("Max HR"), cad: col("Avg Run Cadence", "Avg Cadence"),
		ascent: col("Total Ascent"), descent: col("Total Descent"), stride: col("Avg Stride Length"),
		vratio: col("Avg Vertical Ratio"), vosc: col("Avg Vertical Oscillation"),
		gct: col("Avg Ground Contact Time"), bal: col("Avg GCT Balance"),
		power: col("Avg Power"), speed: col("Avg Speed"),
	}
	explicit := ""
	if c.dist >= 0 {
		switch u := t.units[c.dist]; {
		case u == "km":
			explicit = "metric"
		case u == "mi" || strings.HasPrefix(u, "mile"):
			explicit = "statute"
		}
	}
	num := func(rec []string, i int) float64 { return parseNumber(field(rec, i), t.sep) }
	clock := func(rec []string, i int) float64 { return parseClock(field(rec, i), t.sep) }
	var acts []*Activity
	var votes unitVotes
	err := t.rows(func(line int, rec []string) error {
		a := newSummaryActivity(t.name)
		a.RawSport = field(rec, c.typ)
		a.Sport = sportFromName(a.RawSport)
		a.Title = field(rec, c.title)
		if ts, ok := parseLayouts(field(rec, c.date), garminDateLayouts); ok {
			setWallClockStart(a, ts, opt)
		} else {
			a.Notes = append(a.Notes, "line "+itoa(line)+": Date unreadable")
		}
		s := &a.Summary
		s.DistanceM = num(rec, c.dist) // in the export's unit until finishGarmin
		s.DurationS = clock(rec, c.moving)
		if math.IsNaN(s.DurationS) {
			s.DurationS = clock(rec, c.time)
		}
		s.ElapsedS = clock(rec, c.elapsed)
		if math.IsNaN(s.ElapsedS) {
			s.ElapsedS = clock(rec, c.time)
		}
		s.AvgHeartRateBPM = num(rec, c.avgHR)
		s.MaxHeartRateBPM = num(rec, c.maxHR)
		s.AvgCadenceSPM = num(rec, c.cad)
		s.AscentM = num(rec, c.ascent)
		s.DescentM = num(rec, c.descent)
		s.AvgStepLengthM = num(rec, c.stride)
		s.AvgVertRatioPct = num(rec, c.vratio)
		s.AvgVertOscCm = num(rec, c.vosc)
		s.AvgStanceTimeMs = num(rec, c.gct)
		s.AvgBalanceLeftPct = parseBalanceLeft(field(rec, c.bal), t.sep)
		s.AvgPowerW = num(rec, c.power)
		if a.Sport.IsRunning() {
			votes.add(s)
		}
		acts = append(acts, a)
		return nil
	})
	system, note := votes.decide(explicit)
	for _, a := range acts {
		s := &a.Summary
		if system == "statute" {
			s.DistanceM *= 1609.344
			s.AscentM *= 0.3048
			s.DescentM *= 0.3048
			s.AvgStepLengthM *= 0.3048
		} else {
			s.DistanceM *= 1000
		}
		if s.DurationS > 0 {
			s.AvgSpeedMS = s.DistanceM / s.DurationS
		}
		if note != "" && !math.IsNaN(s.DistanceM) {
			a.Notes = append(a.Notes, note)
		}
		emit(a)
	}
	return err
}

// unitVotes tells a metric Garmin export (km, m) from a statute one (miles,
// feet), which the header does not say: on a run, step length × cadence is
// the speed, and only one unit system makes it agree with distance ÷ time.
type unitVotes struct{ metric, statute int }

// add counts the vote of one run still in the export's units.
func (v *unitVotes) add(s *Summary) {
	step, cad, dist, dur := s.AvgStepLengthM, s.AvgCadenceSPM, s.DistanceM, s.DurationS
	if !(step > 0 && cad > 0 && dist > 0 && dur > 0) {
		return
	}
	off := func(stepM, distM float64) float64 {
		want := distM / dur
		return math.Abs(stepM*cad/60-want) / want
	}
	m, st := off(step, dist*1000), off(step*0.3048, dist*1609.344)
	switch {
	case m < st && m < 0.25:
		v.metric++
	case st < m && st < 0.25:
		v.statute++
	}
}

// decide picks the unit system and the note that says how.
func (v unitVotes) decide(explicit string) (system, note string) {
	switch {
	case explicit != "":
		return explicit, ""
	case v.statute > v.metric:
		return "statute", "distance in miles, ascent and step length in feet: inferred from step length × cadence against pace"
	case v.metric > 0:
		return "metric", "distance in km: inferred from step length × cadence against pace"
	}
	return "metric", "Distance read as km (the export does not name its unit)"
}

// parseBalanceLeft reads a GCT balance cell: "49.6% L / 50.4% R",
// "50.4% R / 49.6% L" or a plain number (percent left).
func parseBalanceLeft(s string, sep rune) float64 {
	if i := strings.Index(s, "/"); i >= 0 {
		for _, part := range []string{s[:i], s[i+1:]} {
			p := strings.ToUpper(strings.TrimSpace(part))
			if strings.HasSuffix(p, "L") {
				return parseNumber(p, sep)
			}
			if strings.HasSuffix(p, "R") {
				if v := parseNumber(p, sep); !math.IsNaN(v) {
					return 100 - v
				}
			}
		}
		return math.NaN()
	}
	return parseNumber(s, sep)
}

// parseLayouts parses s with the first layout that fits, as UTC.
func parseLayouts(s string, layouts []string) (time.Time, bool) {
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func itoa(i int) string { return strconv.Itoa(i) }
