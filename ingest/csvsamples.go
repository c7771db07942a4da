package ingest

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
)

// sampleTimeNames are the column names a per-sample CSV's time column goes
// by, most specific first.
var sampleTimeNames = []string{
	"timestamp", "time", "datetime", "date time", "date", "time utc", "utc",
	"elapsed time", "elapsed", "elapsed s", "secs", "seconds", "time s", "sec",
}

// sampleChannel is one per-sample column a CSV may hold.
type sampleChannel struct {
	names []string                          // column names, preferred first
	dst   func(p *Sample) *float64          // where the value goes
	scale func(unit string) (float64, bool) // header unit → factor to the model's unit; false when unknown
}

func per(factors map[string]float64) func(string) (float64, bool) {
	return func(u string) (float64, bool) {
		if u == "" {
			return 1, true
		}
		f, ok := factors[u]
		return f, ok
	}
}

// sampleChannels maps column names (FIT field names that converters write,
// and common spellings) to the model. Units without a header unit are the
// FIT ones where the name is a FIT field (speed m/s, distance m) and are
// checked against the values afterwards (inferUnits).
var sampleChannels = []sampleChannel{
	{[]string{"distance", "distance m", "distancemeters", "dist", "total distance", "distance km", "km"},
		func(p *Sample) *float64 { return &p.DistanceM }, per(map[string]float64{"m": 1, "km": 1000, "mi": 1609.344, "miles": 1609.344})},
	{[]string{"enhanced speed", "speed", "velocity smooth", "velocity", "speed ms", "speed m s", "kph", "speed kmh"},
		func(p *Sample) *float64 { return &p.SpeedMS }, per(map[string]float64{"m/s": 1, "km/h": 1 / 3.6, "kph": 1 / 3.6, "mph": 0.44704})},
	{[]string{"heart rate", "heartrate", "hr", "heart rate bpm", "bpm", "heartratebpm"},
		func(p *Sample) *float64 { return &p.HeartRateBPM }, per(map[string]float64{"bpm": 1})},
	{[]string{"cadence", "run cadence", "runcadence", "cad"},
		func(p *Sample) *float64 { return &p.CadenceSPM }, per(map[string]float64{"spm": 1, "rpm": 1, "steps/min": 1})},
	{[]string{"enhanced altitude", "altitude", "altitude m", "altitudemeters", "elevation", "ele", "alt"},
		func(p *Sample) *float64 { return &p.AltitudeM }, per(map[string]float64{"m": 1, "ft": 0.3048})},
	{[]string{"position lat", "lat", "latitude", "latitudedegrees"},
		func(p *Sample) *float64 { return &p.LatDeg }, per(map[string]float64{"deg": 1, "degrees": 1, "°": 1})},
	{[]string{"position long", "lon", "lng", "long", "longitude", "longitudedegrees"},
		func(p *Sample) *float64 { return &p.LonDeg }, per(map[string]float64{"deg": 1, "degrees": 1, "°": 1})},
	{[]string{"stance time", "ground contact time", "gct", "groundcontacttime"},
		func(p *Sample) *float64 { return &p.StanceTimeMs }, per(map[string]float64{"ms": 1, "s": 1000})},
	{[]string{"stance time balance", "gct balance", "ground contact time balance"},
		func(p *Sample) *float64 { return &p.BalanceLeftPct }, per(map[string]float64{"%": 1, "percent": 1})},
	{[]string{"vertical oscillation", "vert osc", "verticaloscillation"},
		func(p *Sample) *float64 { return &p.VertOscCm }, per(map[string]float64{"cm": 1, "mm": 0.1, "m": 100})},
	{[]string{"vertical ratio", "verticalratio"},
		func(p *Sample) *float64 { return &p.VertRatioPct }, per(map[string]float64{"%": 1, "percent": 1})},
	{[]string{"step length", "steplength", "stride length"},
		func(p *Sample) *float64 { return &p.StepLengthM }, per(map[string]float64{"m": 1, "mm": 0.001, "cm": 0.01})},
	{[]string{"power", "watts", "power w"},
		func(p *Sample) *float64 { return &p.PowerW }, per(map[string]float64{"w": 1, "watts": 1})},
}

// nameUnits gives the unit of columns whose name says it.
var nameUnits = map[string]string{"km": "km", "distance km": "km", "kph": "km/h", "speed kmh": "km/h"}

// boundColumn is a sample channel found in a CSV header.
type boundColumn struct {
	idx      int
	dst      func(p *Sample) *float64
	factor   float64
	unitSaid bool // the header named the unit
	name     string
}

// sampleTimeLayouts are the timestamp forms of per-sample CSVs.
var sampleTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006/01/02 15:04:05",
}

// decodeSampleCSV reads a per-sample CSV: one row per second or record with
// a time column (ISO timestamp, UNIX or FIT epoch seconds, or elapsed
// seconds/"h:mm:ss") and any known channel.
func decodeSampleCSV(t *csvTable, opt Options, emit emitFunc) error {
	a := &Activity{Source: t.name, Format: FormatCSVSamples, Sport: SportUnknown, Summary: EmptySummary()}
	timeCol := t.column(sampleTimeNames...)
	var cols []boundColumn
	taken := map[int]bool{timeCol: true}
	for _, ch := range sampleChannels {
		i := t.column(ch.names...)
		if i < 0 || taken[i] {
			continue
		}
		taken[i] = true
		unit := t.units[i]
		if unit == "" {
			unit = nameUnits[t.header[i]] // GoldenCheetah's "km", "kph"
		}
		f, ok := ch.scale(unit)
		if !ok {
			a.Notes = append(a.Notes, fmt.Sprintf("column %q: unknown unit %q, read as is", t.raw[i], t.units[i]))
			f = 1
		}
		cols = append(cols, boundColumn{idx: i, dst: ch.dst, factor: f, unitSaid: unit != "", name: t.header[i]})
	}
	fracCol := t.column("fractional cadence")
	lim := opt.limits()

	var (
		p         Sample // one row's values, reused: the channel setters take its address
		start     time.Time
		haveStart bool
		mode      string // "abs" or "elapsed"
		notedZone bool
	)
	t.rd.views = true // nothing of a row is kept: its cells need not be copied
	err := t.rows(func(line int, rec []string) error {
		if a.Samples.Len() >= lim.MaxRecords {
			return fmt.Errorf("%w: more than %d samples", ErrTooLarge, lim.MaxRecords)
		}
		cell := field(rec, timeCol)
		ts, elapsed, kind, zoned := parseSampleTime(cell, t.header[timeCol], t.sep)
		if kind == "" {
			return nil // a row without a readable time carries nothing we can place
		}
		if mode == "" {
			mode = kind
			if kind == "abs" && !zoned && !notedZone {
				notedZone = true
				a.Notes = append(a.Notes, fmt.Sprintf("time column %q has no zone: read as local wall-clock time", t.raw[timeCol]))
			}
			if kind == "fit" {
				mode = "abs"
				a.Notes = append(a.Notes, fmt.Sprintf("time column %q read as seconds since the FIT epoch (1989-12-31 UTC)", t.raw[timeCol]))
			}
		}
		if kind == "fit" {
			kind = "abs"
		}
		if kind != mode {
			return nil
		}
		p = EmptySample()
		if mode == "abs" {
			if !haveStart {
				start, haveStart = ts, true
			}
			p.ElapsedS = ts.Sub(start).Seconds()
		} else {
			p.ElapsedS = elapsed
		}
		for _, c := range cols {
			if v := parseNumber(field(rec, c.idx), t.sep); !math.IsNaN(v) {
				*c.dst(&p) = v * c.factor
			}
		}
		if fracCol >= 0 && !math.IsNaN(p.CadenceSPM) {
			if f := parseNumber(field(rec, fracCol), t.sep); !math.IsNaN(f) {
				p.CadenceSPM += f
			}
		}
		a.Samples.Append(p)
		return nil
	})
	if a.Samples.Len() == 0 {
		if err != nil {
			return err
		}
		return fmt.Errorf("%w: no rows with a readable time in column %q", ErrEmpty, t.raw[timeCol])
	}
	if haveStart {
		a.Start = start.UTC()
		if notedZone {
			setWallClockStart(a, start, opt)
		}
	}
	inferSampleUnits(a, cols, fracCol >= 0)
	a.Sport = inferSport(a, "columns")
	a.fillFromSamples()
	emit(a)
	return err
}

// parseSampleTime reads a time cell. kind is "abs" (ts is an instant; zoned
// tells whether the cell named its zone), "fit" (an instant from FIT epoch
// seconds), "elapsed" (seconds since the start), or "" when unreadable.
// Numbers in a column named like a timestamp are instants: above 1e12 UNIX
// milliseconds, from 1.3e9 UNIX seconds (2011 on), from 1e8 FIT epoch
// seconds (1993 to 2031); smaller numbers are elapsed seconds.
func parseSampleTime(s, colName string, sep rune) (ts time.Time, elapsed float64, kind string, zoned bool) {
	if isMissing(s) {
		return time.Time{}, 0, "", false
	}
	if t, zoned, ok := parseUnixDate(s); ok {
		return t, 0, "abs", zoned
	}
	if strings.ContainsAny(s, "-/T") && len(s) >= 10 {
		if t, ok := fastRFC3339(s); ok { // the first layout's own form, read faster
			return t, 0, "abs", true
		}
		for _, l := range sampleTimeLayouts {
			if v, err := time.Parse(l, s); err == nil {
				return v.UTC(), 0, "abs", strings.Contains(l, "Z07")
			}
		}
		return time.Time{}, 0, "", false
	}
	if strings.Contains(s, ":") {
		if v := parseClock(s, sep); !math.IsNaN(v) {
			return time.Time{}, v, "elapsed", false
		}
		return time.Time{}, 0, "", false
	}
	v := parseNumber(s, sep)
	if math.IsNaN(v) || v < 0 {
		return time.Time{}, 0, "", false
	}
	isElapsedName := strings.Contains(colName, "elapsed") || strings.HasPrefix(colName, "sec")
	switch {
	case isElapsedName || v < 1e8:
		return time.Time{}, v, "elapsed", false
	case v >= 1e12:
		return time.UnixMilli(int64(v)).UTC(), 0, "abs", true
	case v >= 1.3e9:
		return time.Unix(0, int64(v*1e9)).UTC(), 0, "abs", true
	default:
		return fitEpoch.Add(time.Duration(v * float64(time.Second))), 0, "fit", true
	}
}

// zoneAbbrevs are the offsets (hours east of UTC) of the zone names that
// Unix date and Java's Date.toString write; Go reads an unknown name as
// UTC, which would shift a Pacific run by seven hours.
var zoneAbbrevs = map[string]float64{
	"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
	"MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "ACST": 9.5, "AWST": 8, "NZST": 12, "NZDT": 13,
	"HST": -10, "AKST": -9, "AKDT": -8, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5,
	"EST": -5, "EDT": -4, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5,
}

// parseUnixDate reads the form of Unix date and Java's Date.toString,
// "Sun Jun 11 07:34:09 PDT 2017" (a real per-sample CSV of the shared
// corpus writes it). zoned is false when the zone name is not a known
// one: the time is then local wall-clock time.
func parseUnixDate(s string) (t time.Time, zoned, ok bool) {
	f := strings.Fields(s)
	if len(f) != 6 || len(f[0]) != 3 || len(f[4]) < 1 || f[4][0] < 'A' || f[4][0] > 'Z' {
		return time.Time{}, false, false
	}
	wall, err := time.Parse("Jan 2 15:04:05 2006", strings.Join([]string{f[1], f[2], f[3], f[5]}, " "))
	if err != nil {
		return time.Time{}, false, false
	}
	off, known := zoneAbbrevs[f[4]]
	if !known {
		return wall, false, true
	}
	return wall.Add(-time.Duration(off * float64(time.Hour))), true, true
}

// inferSampleUnits converts columns whose header gave no unit when their
// values show the unit, and notes each inference:
// cadence below 110 (median) is strides/min → doubled; step length above 10
// is mm, above 3 cm; vertical oscillation above 20 is mm; coordinates
// beyond ±180 are FIT semicircles; GCT balance below 1 is a fraction.
func inferSampleUnits(a *Activity, cols []boundColumn, fractional bool) {
	said := map[string]bool{}
	for _, c := range cols {
		if c.unitSaid {
			said[c.name] = true
		}
	}
	s := &a.Samples
	scale := func(v []float64, f float64) {
		for i := range v {
			v[i] *= f
		}
	}
	note := func(format string, args ...any) { a.Notes = append(a.Notes, fmt.Sprintf(format, args...)) }
	if !said[firstBound(cols, "cadence", "run cadence", "runcadence", "cad")] {
		if fractional {
			doubleStrides(a, "cadence + fractional_cadence")
		} else {
			doubleStrides(a, "cadence")
		}
	}
	if m := median(s.StepLengthM); !math.IsNaN(m) && !said[firstBound(cols, "step length", "steplength", "stride length")] {
		switch {
		case m > 10:
			scale(s.StepLengthM, 0.001)
			note("step length read as mm (median %.0f)", m)
		case m > 3:
			scale(s.StepLengthM, 0.01)
			note("step length read as cm (median %.0f)", m)
		}
	}
	if m := median(s.VertOscCm); !math.IsNaN(m) && m > 20 && !said[firstBound(cols, "vertical oscillation", "vert osc", "verticaloscillation")] {
		scale(s.VertOscCm, 0.1)
		note("vertical oscillation read as mm (median %.0f)", m)
	}
	if m := median(s.StanceTimeMs); !math.IsNaN(m) && m < 2 {
		scale(s.StanceTimeMs, 1000)
		note("stance time read as seconds (median %.3f)", m)
	}
	if m := median(s.BalanceLeftPct); !math.IsNaN(m) && m <= 1 {
		scale(s.BalanceLeftPct, 100)
		note("GCT balance read as a fraction (median %.3f)", m)
	}
	if maxAbs(s.LatDeg) > 180 || maxAbs(s.LonDeg) > 180 {
		scale(s.LatDeg, semicircleDeg)
		scale(s.LonDeg, semicircleDeg)
		note("positions read as FIT semicircles")
	}
	for i := range s.LatDeg { // a coordinate outside the globe is no position
		if math.Abs(s.LatDeg[i]) > 90 || math.Abs(s.LonDeg[i]) > 180 {
			s.LatDeg[i], s.LonDeg[i] = math.NaN(), math.NaN()
		}
	}
}

// maxStridesSPM is the highest median cadence of a run read as strides
// per minute: a runner's 150 to 200 steps a minute are 75 to 100 strides.
const maxStridesSPM = 110

// doubleStrides doubles a.Samples.CadenceSPM into steps per minute when its
// median (below maxStridesSPM) shows strides per minute, and notes it,
// naming the cadence as what.
func doubleStrides(a *Activity, what string) {
	c := a.Samples.CadenceSPM
	m := median(c)
	if math.IsNaN(m) || m >= maxStridesSPM {
		return
	}
	for i := range c {
		c[i] *= 2
	}
	a.Notes = append(a.Notes, fmt.Sprintf("%s in strides/min (median %.0f) doubled to steps/min", what, m))
}

func firstBound(cols []boundColumn, names ...string) string {
	for _, c := range cols {
		for _, n := range names {
			if c.name == n {
				return n
			}
		}
	}
	return ""
}

// median of the non-NaN values, NaN when there is none: the value at
// index n/2 of the n values sorted, found by selection on a recycled copy
// (it is called for several channels of every text file).
func median(v []float64) float64 {
	vals := channelSlice(len(v))
	defer func() {
		if cap(vals) >= channelRound {
			channelPool.Put(&vals)
		}
	}()
	for _, x := range v {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	if len(vals) == 0 {
		return math.NaN()
	}
	return nthSmallest(vals, len(vals)/2)
}

// nthSmallest reorders v (without NaN) so that v[k] holds the value
// sorting would put there, and returns it: quickselect with a median of
// three pivot, falling back to sorting what is left after a bounded
// number of rounds, so that no input makes it quadratic.
func nthSmallest(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	for rounds := 2 * bits.Len(uint(len(v))); hi > lo; rounds-- {
		if rounds == 0 {
			slices.Sort(v[lo : hi+1])
			break
		}
		a, b, c := v[lo], v[lo+(hi-lo)/2], v[hi]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k] // between the two parts: equal to the pivot
		}
	}
	return v[k]
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if !math.IsNaN(x) && math.Abs(x) > m {
			m = math.Abs(x)
		}
	}
	return m
}
