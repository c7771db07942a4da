package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// exportIndex is a summaryExport's tables keyed by folded text.
type exportIndex struct {
	export  *summaryExport
	headers map[string]summaryField
	sports  map[string]Sport
}

func newExportIndex(e *summaryExport) *exportIndex {
	x := &exportIndex{export: e, headers: map[string]summaryField{}, sports: map[string]Sport{}}
	for _, c := range e.columns {
		for _, texts := range c.headers {
			for _, h := range texts {
				x.headers[fold(h)] = c.field
			}
		}
	}
	for _, s := range e.sports {
		for _, names := range s.names {
			for _, n := range names {
				x.sports[fold(n)] = s.sport
			}
		}
	}
	return x
}

var (
	garminIndex = newExportIndex(&garminSummary)
	stravaIndex = newExportIndex(&stravaSummary)
)

// sport normalises an activity-type name: this export's table, then the
// other export's, then the English word heuristics of sportFromName.
// known is false when no table has the name.
func (x *exportIndex) sport(name string) (s Sport, known bool) {
	k := fold(name)
	if s, ok := x.sports[k]; ok {
		return s, true
	}
	for _, other := range []*exportIndex{garminIndex, stravaIndex} {
		if s, ok := other.sports[k]; ok {
			return s, true
		}
	}
	if s, ok := runWords(k); ok {
		return s, false
	}
	if swimWords(k) {
		return SportSwimming, false
	}
	return sportFromName(name), false
}

// setSummarySport sets a's sport from its activity type, and says so when
// no table knows the type and it is not read as running: a run under an
// unknown name would otherwise drop out of the load without a word.
func setSummarySport(a *Activity, x *exportIndex) (known bool) {
	s, known := x.sport(a.RawSport)
	a.Sport = s
	switch {
	case !known && a.RawSport != "" && !s.IsRunning():
		a.Notes = append(a.Notes, fmt.Sprintf("activity type %q is not in itbcheck's tables: read as %s, not running load", a.RawSport, s))
	case !known && a.RawSport != "":
		a.Notes = append(a.Notes, fmt.Sprintf("activity type %q is not in itbcheck's tables: read as %s by its words", a.RawSport, s))
	}
	return known
}

// inferSummaryRun reads a row whose activity type no table knows by what
// it holds (DOMAIN.md, nothing silent): running dynamics, or a step
// cadence of 120–240 spm at a running speed (1.5–6.5 m/s), make it a run
// (a label in a language or version itbcheck has not seen, such as
// "Laufbandtraining"); the note says so. Call it once distance is in
// metres.
func inferSummaryRun(a *Activity) {
	s := &a.Summary
	if a.Sport.IsRunning() || a.Sport == SportSwimming || a.Sport == SportCycling {
		return
	}
	speed := math.NaN()
	if s.DurationS > 0 && s.DistanceM > 0 {
		speed = s.DistanceM / s.DurationS
	}
	dynamics := s.AvgStanceTimeMs > 0 || s.AvgVertOscCm > 0
	cadence := s.AvgCadenceSPM >= 120 && s.AvgCadenceSPM <= 240
	if !(speed >= 1.5 && speed <= 6.5) || !(dynamics || cadence) {
		return
	}
	a.Sport = SportRunning
	notes := a.Notes[:0]
	for _, n := range a.Notes {
		if !strings.HasPrefix(n, fmt.Sprintf("activity type %q is not in itbcheck's tables", a.RawSport)) {
			notes = append(notes, n)
		}
	}
	a.Notes = append(notes, fmt.Sprintf("activity type %q is not in itbcheck's tables: read as running from its %s at %.1f m/s",
		a.RawSport, map[bool]string{true: "running dynamics", false: fmt.Sprintf("cadence of %.0f spm", s.AvgCadenceSPM)}[dynamics], speed))
}

// summaryColumns says which header columns hold which field.
type summaryColumns struct {
	idx   [numSummaryFields][]int // column indices per field, in header order
	exact [numSummaryFields]bool  // found by the table's text, not by meaning
	// byMeaning lists the headers mapped by their words, "header → field".
	byMeaning []string
	// unmapped lists the headers no field took, as written.
	unmapped []string
}

// at is the column of the n-th (0-based) occurrence of f, -1 if none.
func (c *summaryColumns) at(f summaryField, n int) int {
	if n < len(c.idx[f]) {
		return c.idx[f][n]
	}
	return -1
}

// recognised reports whether every required column of the export was
// found, by the table's text when exactOnly.
func (c *summaryColumns) recognised(e *summaryExport, exactOnly bool) bool {
	for _, f := range e.required {
		if len(c.idx[f]) == 0 || exactOnly && !c.exact[f] {
			return false
		}
	}
	return true
}

// mapHeader assigns the header's columns to fields: by the table's texts
// first, then, for fields still without a column, by meaning.
func (x *exportIndex) mapHeader(raw []string) *summaryColumns {
	c := &summaryColumns{}
	taken := make([]bool, len(raw))
	keys := make([]string, len(raw))
	for i, h := range raw {
		keys[i] = fold(h)
		f, ok := x.headers[keys[i]]
		if !ok {
			base, _ := normHeader(h) // without a bracketed unit: "Distance (km)"
			f, ok = x.headers[fold(base)]
		}
		if ok {
			c.idx[f] = append(c.idx[f], i)
			c.exact[f] = true
			taken[i] = true
		}
	}
	for _, col := range x.export.columns {
		if len(c.idx[col.field]) > 0 {
			continue
		}
		for i := range raw {
			if !taken[i] && col.meaning.matches(keys[i]) {
				c.idx[col.field] = append(c.idx[col.field], i)
				c.byMeaning = append(c.byMeaning, strings.TrimSpace(raw[i])+" → "+fieldNames[col.field])
				taken[i] = true
			}
		}
	}
	for i, h := range raw {
		if !taken[i] && strings.TrimSpace(h) != "" {
			c.unmapped = append(c.unmapped, strings.TrimSpace(h))
		}
	}
	return c
}

// matches reports whether a folded header carries the meaning.
func (m meaning) matches(key string) bool {
	if len(m.all) == 0 {
		return false
	}
	words := strings.Fields(key)
	has := func(stems []string) bool {
		for _, s := range stems {
			if whole, ok := strings.CutPrefix(s, "="); ok || len(s) <= 2 {
				for _, w := range words {
					if w == whole {
						return true
					}
				}
			} else if strings.Contains(key, s) {
				return true
			}
		}
		return false
	}
	for _, g := range m.all {
		if !has(g) {
			return false
		}
	}
	return !has(m.none)
}

// foldRunes spell letters without their accents.
var foldRunes = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u",
	'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss", 'œ': "oe",
	// Polish and Hungarian: "Średnie tętno" is "srednie tetno", "Idő" is "ido".
	'ą': "a", 'ć': "c", 'ę': "e", 'ł': "l", 'ń': "n", 'ś': "s", 'ź': "z", 'ż': "z", 'ő': "o", 'ű': "u",
}

// fold lower-cases s, drops accents and turns every run of other than
// letters and digits into one space: "Ø Schrittfrequenz (Laufen)" is
// "o schrittfrequenz laufen", "Type d'activité" is "type d activite".
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch rep, ok := foldRunes[r]; {
		case ok:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(rep)
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// summaryExportFor finds the summary export a header belongs to: by the
// tables' texts first (Strava before Garmin: both have an activity type
// and a date, only Strava an activity id), then by meaning.
func summaryExportFor(raw []string) (*exportIndex, *summaryColumns) {
	maps := map[*exportIndex]*summaryColumns{}
	for _, exactOnly := range []bool{true, false} {
		for _, x := range []*exportIndex{stravaIndex, garminIndex} {
			c := maps[x]
			if c == nil {
				c = x.mapHeader(raw)
				maps[x] = c
			}
			if c.recognised(x.export, exactOnly) {
				return x, c
			}
		}
	}
	return nil, nil
}

// unmappedError is the error for a header that no export explains: it
// names the columns that no table maps.
func unmappedError(raw []string) error {
	c := garminIndex.mapHeader(raw)
	s := stravaIndex.mapHeader(raw)
	var names []string
	for _, h := range c.unmapped {
		for _, h2 := range s.unmapped {
			if h == h2 {
				names = append(names, strconv.Quote(h))
				break
			}
		}
	}
	const shown = 12
	more := ""
	if len(names) > shown {
		more = fmt.Sprintf(" and %d more", len(names)-shown)
		names = names[:shown]
	}
	return fmt.Errorf("%w: CSV header matches no known export (no Strava or Garmin summary columns in any of %d languages, no time column); columns not mapped: %s%s",
		ErrUnsupported, len(summaryLanguages), strings.Join(names, ", "), more)
}

// summaryRows are the data rows of a summary export, read whole (one row
// per activity: a few thousand at most) so that the number dialect can be
// decided from all of them before any is read.
type summaryRows struct {
	lines   []int
	recs    [][]string
	dialect []numDialect // per column
}

// textFields hold words, not numbers; their cells say nothing about the
// number dialect.
var textFields = []summaryField{colType, colDate, colTitle, colGear, colFile, colID}

// readSummaryRows reads every data row and decides each column's number
// dialect.
func readSummaryRows(t *csvTable, c *summaryColumns, opt Options) (*summaryRows, error) {
	r := &summaryRows{}
	maxRows := opt.limits().MaxSummaryRows // the rows are held: a million once took 2.2 GB
	err := t.rows(func(line int, rec []string) error {
		if len(r.recs) >= maxRows {
			return fmt.Errorf("%w: more than %d activity rows in one summary CSV (limits.max_summary_rows); the rest is not read", ErrTooLarge, maxRows)
		}
		r.lines = append(r.lines, line)
		r.recs = append(r.recs, append([]string(nil), rec...))
		return nil
	})
	text := make([]bool, len(t.raw))
	for _, f := range textFields {
		for _, i := range c.idx[f] {
			text[i] = true
		}
	}
	r.dialect = decideDialects(r.recs, len(t.raw), text, t.sep)
	return r, err
}

// summaryRow reads one row's cells by field.
type summaryRow struct {
	rec  []string
	c    *summaryColumns
	rows *summaryRows
}

func (r summaryRow) text(f summaryField) string { return field(r.rec, r.c.at(f, 0)) }

// num is the n-th column of f as a number in that column's dialect.
func (r summaryRow) num(f summaryField, n int) float64 {
	i := r.c.at(f, n)
	if i < 0 {
		return math.NaN()
	}
	return parseNumberIn(field(r.rec, i), r.rows.dialectOf(i))
}

// clock is the column of f as a duration.
func (r summaryRow) clock(f summaryField) float64 {
	i := r.c.at(f, 0)
	if i < 0 {
		return math.NaN()
	}
	return parseClockIn(field(r.rec, i), r.rows.dialectOf(i))
}

func (r *summaryRows) dialectOf(i int) numDialect {
	if i < len(r.dialect) {
		return r.dialect[i]
	}
	return dialectPoint
}

// firstPositive is the first value above zero, NaN when none is: a time
// of 0 s is Garmin's "not recorded".
func firstPositive(vs ...float64) float64 {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return math.NaN()
}

// firstValue is the first value that is not NaN.
func firstValue(vs ...float64) float64 {
	for _, v := range vs {
		if !math.IsNaN(v) {
			return v
		}
	}
	return math.NaN()
}

// stravaDateLayouts are the ways Strava writes "Activity Date" (UTC) with
// numbers only; dates with month names in any language read through
// parseWordDate.
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
	if t, ok := parseLayouts(s, stravaDateLayouts); ok {
		return t, true
	}
	return parseWordDate(s)
}

// newSummaryActivity is an activity read from one summary CSV row.
func newSummaryActivity(name string) *Activity {
	return &Activity{Source: name, Format: FormatCSVSummary, Sport: SportUnknown, Summary: EmptySummary()}
}

// noteByMeaning adds to a the headers that were mapped by their words.
func noteByMeaning(a *Activity, c *summaryColumns) {
	if len(c.byMeaning) > 0 {
		a.Notes = append(a.Notes, "columns read by meaning (header text not in itbcheck's tables): "+strings.Join(c.byMeaning, "; "))
	}
}

// stravaStrides are the sports whose Strava "Average Cadence" is in
// strides per minute (one foot): runs, walks and hikes. Rides give rpm,
// rowing and paddling strokes: never doubled.
func stravaStrides(s Sport) bool {
	return s.IsRunning() || s == SportWalking || s == SportHiking
}

// decodeStravaCSV reads Strava's activities.csv. Strava repeats column
// names: the first "Distance" is in km (a display value), the second in
// metres; both "Elapsed Time" columns are in seconds. "Average Cadence" of
// runs, walks and hikes is in strides per minute and is doubled.
// "Perceived Exertion" (1–10) is the runner's RPE.
func decodeStravaCSV(t *csvTable, c *summaryColumns, opt Options, emit emitFunc) error {
	rows, err := readSummaryRows(t, c, opt)
	for k, rec := range rows.recs {
		r := summaryRow{rec, c, rows}
		a := newSummaryActivity(t.name)
		a.RawSport = r.text(colType)
		setSummarySport(a, stravaIndex)
		a.Title = r.text(colTitle)
		a.Gear = r.text(colGear)
		a.SourceFile = r.text(colFile)
		if ts, ok := parseStravaDate(r.text(colDate)); ok {
			a.Start = ts
		} else {
			a.Notes = append(a.Notes, "line "+itoa(rows.lines[k])+": Activity Date unreadable")
		}
		noteByMeaning(a, c)
		s := &a.Summary
		s.ElapsedS = firstValue(r.num(colElapsed, 1), r.num(colElapsed, 0))
		s.DurationS = firstPositive(r.num(colMoving, 0), s.ElapsedS)
		s.DistanceM = r.num(colDistance, 1)
		if math.IsNaN(s.DistanceM) {
			s.DistanceM = r.num(colDistance, 0) * 1000
		}
		s.AvgSpeedMS = r.num(colAvgSpeed, 0)
		if math.IsNaN(s.AvgSpeedMS) && s.DurationS > 0 {
			s.AvgSpeedMS = s.DistanceM / s.DurationS
		}
		s.AvgHeartRateBPM = r.num(colAvgHR, 0)
		s.MaxHeartRateBPM = firstValue(r.num(colMaxHR, 1), r.num(colMaxHR, 0))
		s.AscentM = r.num(colAscent, 0)
		s.DescentM = r.num(colDescent, 0)
		s.AvgPowerW = r.num(colPower, 0)
		s.AvgCadenceSPM = r.num(colCadence, 0)
		if stravaStrides(a.Sport) && s.AvgCadenceSPM > 0 && s.AvgCadenceSPM <= 110 {
			s.AvgCadenceSPM *= 2
			a.Notes = append(a.Notes, "average cadence in strides/min doubled to steps/min")
		}
		if rpe := r.num(colRPE, 0); rpe >= 1 && rpe <= 10 {
			s.RPE = rpe
		}
		a.FileSummary = a.Summary // a summary row is the file's own figures only
		emit(a)
	}
	return err
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
// assumption is noted. Swims are in metres (pool and open water). Cadence
// is already in steps per minute. A moving time of 0 is "not recorded" and
// falls back on Time.
func decodeGarminCSV(t *csvTable, c *summaryColumns, opt Options, emit emitFunc) error {
	explicit := ""
	if i := c.at(colDistance, 0); i >= 0 {
		switch u := t.units[i]; {
		case u == "km":
			explicit = "metric"
		case u == "mi" || strings.HasPrefix(u, "mile"):
			explicit = "statute"
		}
	}
	rows, err := readSummaryRows(t, c, opt)
	acts := make([]*Activity, 0, len(rows.recs))
	var votes unitVotes
	unknownType := map[*Activity]bool{} // rows whose type no table knows
	for k, rec := range rows.recs {
		r := summaryRow{rec, c, rows}
		a := newSummaryActivity(t.name)
		a.RawSport = r.text(colType)
		if !setSummarySport(a, garminIndex) {
			unknownType[a] = true
		}
		a.Title = r.text(colTitle)
		date := r.text(colDate)
		if ts, ok := parseLayouts(date, garminDateLayouts); ok {
			setWallClockStart(a, ts, opt)
		} else if ts, ok := parseWordDate(date); ok {
			setWallClockStart(a, ts, opt)
		} else {
			a.Notes = append(a.Notes, "line "+itoa(rows.lines[k])+": Date unreadable")
		}
		noteByMeaning(a, c)
		s := &a.Summary
		s.DistanceM = r.num(colDistance, 0) // in the export's unit until below
		timer := r.clock(colTime)
		s.DurationS = firstPositive(r.clock(colMoving), timer)
		s.ElapsedS = firstPositive(r.clock(colElapsed), timer)
		s.AvgHeartRateBPM = r.num(colAvgHR, 0)
		s.MaxHeartRateBPM = r.num(colMaxHR, 0)
		s.AvgCadenceSPM = r.num(colCadence, 0)
		s.AscentM = r.num(colAscent, 0)
		s.DescentM = r.num(colDescent, 0)
		s.AvgStepLengthM = r.num(colStride, 0)
		s.AvgVertRatioPct = r.num(colVertRatio, 0)
		s.AvgVertOscCm = r.num(colVertOsc, 0)
		s.AvgStanceTimeMs = r.num(colGCT, 0)
		if i := c.at(colBalance, 0); i >= 0 {
			s.AvgBalanceLeftPct = parseBalanceLeftIn(field(rec, i), rows.dialectOf(i))
		}
		s.AvgPowerW = r.num(colPower, 0)
		bikeCadence(a, r.num(colBikeCadence, 0), a.Sport.IsRunning() || unknownType[a])
		if a.Sport.IsRunning() {
			votes.add(s)
		}
		acts = append(acts, a)
	}
	system, note := votes.decide(explicit)
	for _, a := range acts {
		s := &a.Summary
		swim := a.Sport == SportSwimming
		switch {
		case swim:
			swimDistance(a, system)
		case system == "statute":
			s.DistanceM *= 1609.344
		default:
			s.DistanceM *= 1000
		}
		if !swim && !a.Sport.IsRunning() && s.DistanceM/s.DurationS > maxRowSpeedMS && s.DistanceM/1000/s.DurationS <= maxRowSpeedMS {
			// An activity of another sport written in metres (a swim
			// under a name no table has): 1,214 m in 30 min, not 1,214 km.
			s.DistanceM /= 1000
			a.Notes = append(a.Notes, fmt.Sprintf("distance read as metres: as km it would be %.0f km/h", s.DistanceM/s.DurationS*3600))
		}
		if system == "statute" {
			s.AscentM *= 0.3048
			s.DescentM *= 0.3048
			s.AvgStepLengthM *= 0.3048
		}
		if unknownType[a] {
			inferSummaryRun(a)
		}
		if s.DurationS > 0 {
			s.AvgSpeedMS = s.DistanceM / s.DurationS
		}
		if note != "" && !swim && !math.IsNaN(s.DistanceM) {
			a.Notes = append(a.Notes, note)
		}
		a.FileSummary = a.Summary // a summary row is the file's own figures only
		emit(a)
	}
	return err
}

// maxRowSpeedMS is the fastest average (m/s) a summary row of a
// human-powered sport can have; a row faster as km is in metres.
const maxRowSpeedMS = 30

// swimDistance puts a swim row's distance into metres. Garmin writes swims
// in the pool's unit, not the export's: metres, or yards in an export in
// miles (US accounts swim 25-yard pools); "1,214" is 1,214 m, never km. A
// value below 20 with a fraction ("1.50") is km, as some layouts write it.
// The note says which.
func swimDistance(a *Activity, system string) {
	s := &a.Summary
	switch v := s.DistanceM; {
	case math.IsNaN(v):
	case v < 20 && v != math.Trunc(v):
		s.DistanceM = v * 1000
		a.Notes = append(a.Notes, fmt.Sprintf("swim distance %.2f read as km (%.0f m): no swim is %.2f m", v, s.DistanceM, v))
	case system == "statute":
		s.DistanceM = v * 0.9144
		a.Notes = append(a.Notes, fmt.Sprintf("swim distance %.0f read as yards (%.0f m): the export is in miles, and Garmin writes swims in the pool's unit", v, s.DistanceM))
	default:
		a.Notes = append(a.Notes, "swim distance read as metres (Garmin writes swims in metres)")
	}
}

// bikeCadence takes a run's cadence from a Garmin cadence column named
// for another sport (bike, swim) when the run cadence is empty and the
// value is a step rate (120–240 per minute): a newer layout writes a
// run's cadence there. Anything else in that column on a run is left
// out, and the note says so.
func bikeCadence(a *Activity, v float64, run bool) {
	s := &a.Summary
	if !run || s.AvgCadenceSPM > 0 || !(v > 0) {
		return
	}
	if v >= 120 && v <= 240 {
		s.AvgCadenceSPM = v
		a.Notes = append(a.Notes, fmt.Sprintf("cadence %.0f spm read from the cadence column named for another sport (bike or swim; a step rate, and the run cadence column is empty)", v))
		return
	}
	if a.Sport.IsRunning() {
		a.Notes = append(a.Notes, fmt.Sprintf("the cadence column named for another sport (bike or swim) holds %.0f on a run: not a step rate (120–240 spm), not used", v))
	}
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

// parseBalanceLeftIn reads a GCT balance cell: "49.6% L / 50.4% R",
// "50.4% R / 49.6% L" or a plain number (percent left).
func parseBalanceLeftIn(s string, d numDialect) float64 {
	if i := strings.Index(s, "/"); i >= 0 {
		for _, part := range []string{s[:i], s[i+1:]} {
			p := strings.ToUpper(strings.TrimSpace(part))
			if strings.HasSuffix(p, "L") {
				return parseNumberIn(p, d)
			}
			if strings.HasSuffix(p, "R") {
				if v := parseNumberIn(p, d); !math.IsNaN(v) {
					return 100 - v
				}
			}
		}
		return math.NaN()
	}
	return parseNumberIn(s, d)
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

// parseWordDate reads a date and time as the exports' languages write
// them, as UTC: with a month name ("lun., 30 juin 2014 7:03",
// "30 de jun. de 2014 07:03:00", "Mar 3, 2026, 6:30 PM") or with numbers
// only, day first unless the year is ("30.6.2014, 07:03", "30. 6. 2014
// 07.03.00", "2014-06-30 7:03"). Weekday names and words such as "de",
// "um", "à" are skipped.
func parseWordDate(s string) (time.Time, bool) {
	var words, nums []string
	var clock []int
	tok := []rune{}
	flush := func() {
		if len(tok) == 0 {
			return
		}
		t := string(tok)
		switch {
		case strings.Contains(t, ":"):
			for _, p := range strings.Split(t, ":") {
				n, err := strconv.Atoi(p)
				if err != nil {
					clock = nil
					break
				}
				clock = append(clock, n)
			}
		case unicode.IsDigit(tok[0]):
			nums = append(nums, t)
		default:
			words = append(words, fold(t))
		}
		tok = tok[:0]
	}
	for _, r := range s {
		isDigit := unicode.IsDigit(r) || r == ':' && len(tok) > 0 && unicode.IsDigit(tok[0])
		switch {
		case isDigit && (len(tok) == 0 || unicode.IsDigit(tok[0])):
			tok = append(tok, r)
		case unicode.IsLetter(r) && (len(tok) == 0 || !unicode.IsDigit(tok[0])):
			tok = append(tok, r)
		default:
			flush()
			if isDigit || unicode.IsLetter(r) {
				tok = append(tok, r)
			}
		}
	}
	flush()

	month, pm, am := 0, false, false
	for i, w := range words {
		if m, ok := monthNames[w]; ok && month == 0 {
			month = m
		}
		switch {
		case w == "pm" || w == "p" && i+1 < len(words) && words[i+1] == "m":
			pm = true
		case w == "am" || w == "a" && i+1 < len(words) && words[i+1] == "m":
			am = true
		}
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	var year, day int
	var rest []string
	if month > 0 {
		var left []string
		for _, n := range nums {
			switch {
			case len(n) == 4 && year == 0:
				year = atoi(n)
			case len(n) <= 2 && day == 0:
				day = atoi(n)
			default:
				left = append(left, n)
			}
		}
		rest = left
	} else {
		if len(nums) < 3 {
			return time.Time{}, false
		}
		a, b, c := nums[0], nums[1], nums[2]
		if len(a) == 4 {
			year, month, day = atoi(a), atoi(b), atoi(c)
		} else if len(c) == 4 {
			day, month, year = atoi(a), atoi(b), atoi(c)
		} else {
			return time.Time{}, false
		}
		rest = nums[3:]
	}
	if clock == nil {
		for _, n := range rest {
			if len(n) > 2 {
				return time.Time{}, false
			}
			clock = append(clock, atoi(n))
		}
	}
	if len(clock) == 1 || len(clock) > 3 {
		return time.Time{}, false
	}
	for len(clock) < 3 {
		clock = append(clock, 0)
	}
	h, m, sec := clock[0], clock[1], clock[2]
	if pm && h < 12 {
		h += 12
	} else if am && h == 12 {
		h = 0
	}
	if year < 1900 || month < 1 || month > 12 || day < 1 || h > 23 || m > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, h, m, sec, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 June
	}
	return t, true
}

func itoa(i int) string { return strconv.Itoa(i) }
