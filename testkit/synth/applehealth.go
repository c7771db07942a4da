package synth

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// AppleHealth writes a season as the Health app's "Export All Health Data"
// does: export.xml (its internal DTD first, then every Record grouped by
// type, then the Workouts) and one GPX file per outdoor workout in
// workout-routes/. Written from Apple's published format (HealthKit's type
// identifiers and units, the export's element and attribute names), not
// from any parser.
//
// Each run becomes an HKWorkoutActivityTypeRunning workout (indoor, with
// HKIndoorWorkout 1 and no route, when the run is on a treadmill), its
// samples records at the run's interval: heart rate (count/min), running
// speed (km/hr), step count over each interval, and with Dynamics ground
// contact time (ms), vertical oscillation (cm), stride length (m) and
// running power (W); its RPE, when set, a WorkoutEffortScore record. The
// values are those the FIT file of the same run stores (asStored), so the
// two read the same. Rides and training sessions become workouts of their
// type without samples.
type AppleHealth struct {
	Season Season
	// Walks adds, on each Sunday of the season, a walking workout with
	// heart rate, and a hike on the first one.
	Walks bool
	// Unrelated is the number of records of types itbcheck does not read
	// (body mass, energy, sleep, with metadata children) spread over the
	// season, inside workouts as well as between them.
	Unrelated int
	// Between adds heart-rate, speed and running-form records outside
	// every workout (a phone carried on a walk, a run not recorded): they
	// belong to no workout and must not be read into one.
	Between bool
	// OldStyle writes the workouts' distance and energy as attributes of
	// Workout (exports before iOS 16) rather than as WorkoutStatistics.
	OldStyle bool
}

// AppleWorkout is what the generator wrote for one workout, to check a
// reader against.
type AppleWorkout struct {
	Type       string // HKWorkoutActivityType...
	Start, End time.Time
	Indoor     bool
	DurationS  float64
	DistanceM  float64
	EnergyKcal float64
	// AscentM, DescentM are the elevation totals written as workout
	// metadata (the FIT session's); AvgHR the heart-rate statistics'
	// average; NaN when not written.
	AscentM, DescentM, AvgHR float64
	MinHR, MaxHR             float64
	RPE                      float64 // 0: none written
	Route                    string  // route file name, "" for none
	Records                  int     // records written inside the workout (of the types read)
	// Means of the values written inside the workout: heart rate (bpm),
	// cadence (steps/min), ground contact time (ms), vertical oscillation
	// (cm), stride length (m), power (W); NaN when none.
	HR, Cadence, StanceMs, VertOscCm, StrideM, PowerW float64
	Samples                                           int // seconds with a value
}

// appleDevice is the device attribute a Watch writes on its samples.
const appleDevice = `&lt;&lt;HKDevice: 0x600003b2c0a0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.1, creation date:2023-10-02 07:00:00 +0000&gt;`

// appleDTD is the head of export.xml: Apple writes its DTD in the file.
const appleDTD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutEvent EMPTY>
<!ELEMENT WorkoutStatistics EMPTY>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
]>
<HealthData locale="en_CH">
 <ExportDate value="2024-06-01 12:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-04-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet"/>
`

// appleTypes are the record types written for each run's samples, in the
// order the export groups them.
var appleTypes = []struct{ id, unit string }{
	{"HKQuantityTypeIdentifierHeartRate", "count/min"},
	{"HKQuantityTypeIdentifierStepCount", "count"},
	{"HKQuantityTypeIdentifierRunningSpeed", "km/hr"},
	{"HKQuantityTypeIdentifierRunningGroundContactTime", "ms"},
	{"HKQuantityTypeIdentifierRunningVerticalOscillation", "cm"},
	{"HKQuantityTypeIdentifierRunningStrideLength", "m"},
	{"HKQuantityTypeIdentifierRunningPower", "W"},
}

// appleTime writes Apple's "2024-05-01 07:30:01 +0200".
func appleTime(t time.Time) string { return t.Format("2006-01-02 15:04:05 -0700") }

// applePower is the running power the generator writes for a sample: a
// 65 kg runner's ~1.04 J/kg/m.
func applePower(speedMS float64) float64 { return math.Round(65 * 1.04 * speedMS) }

// appleRun is one run with its stored samples.
type appleRun struct {
	r  RunSpec
	ss []sample
	w  AppleWorkout
}

// Write writes export.xml to xw and each route through route (file name,
// bytes), and returns what was written for each workout, in time order.
func (e AppleHealth) Write(xw io.Writer, route func(name string, data []byte) error) ([]AppleWorkout, error) {
	bw := bufio.NewWriterSize(xw, 256<<10)
	bw.WriteString(appleDTD)
	var runs []*appleRun
	for _, r := range e.Season.Runs {
		if err := r.validate(); err != nil {
			return nil, err
		}
		ss := simulate(r)
		for i := range ss {
			ss[i] = asStored(r, ss[i])
		}
		// The span of the FIT file's records: its timer time.
		end := r.Start.Add(time.Duration(ss[len(ss)-1].t) * time.Second)
		w := AppleWorkout{Type: "HKWorkoutActivityTypeRunning", Start: r.Start.Truncate(time.Second), End: end.Truncate(time.Second),
			DurationS: float64(ss[len(ss)-1].t), DistanceM: ss[len(ss)-1].distM, RPE: r.RPE,
			HR: math.NaN(), Cadence: math.NaN(), StanceMs: math.NaN(), VertOscCm: math.NaN(), StrideM: math.NaN(), PowerW: math.NaN()}
		w.EnergyKcal = math.Round(w.DistanceM / 1000 * 65)
		w.AscentM, w.DescentM, w.AvgHR = math.NaN(), math.NaN(), math.NaN()
		if r.IsRun() {
			tot := summarise(r, ss)
			w.AvgHR, w.MinHR, w.MaxHR = tot.avgHR, math.Inf(1), tot.maxHR
			for _, x := range ss {
				w.MinHR = math.Min(w.MinHR, x.hrBPM)
			}
			if r.sport() != SportTreadmill {
				w.AscentM, w.DescentM = math.Round(tot.ascentM*100)/100, math.Round(tot.descentM*100)/100
			}
		}
		switch {
		case !r.IsRun():
			w.Type = "HKWorkoutActivityTypeCycling"
		case r.sport() == SportTreadmill:
			w.Indoor = true
		default:
			w.Route = "route_" + r.Start.Format("2006-01-02_3.04pm") + ".gpx"
		}
		runs = append(runs, &appleRun{r: r, ss: ss, w: w})
	}
	rng := rand.New(rand.NewPCG(e.Season.Seed, 0xa991e))
	// Records, grouped by type as Apple writes them.
	for k, ty := range appleTypes {
		for _, ar := range runs {
			if !ar.r.IsRun() || (k >= 3 && !ar.r.Dynamics) {
				continue
			}
			e.writeSamples(bw, ar, k, ty.id, ty.unit)
		}
		if e.Between {
			// Records between workouts: an hour before each run.
			for _, ar := range runs {
				t0 := ar.w.Start.Add(-time.Hour)
				for i := 0; i < 5; i++ {
					at := t0.Add(time.Duration(i) * time.Minute)
					v := []float64{72, 5, 4.2, 300, 9.5, 0.9, 180}[k]
					end := at
					if ty.id == "HKQuantityTypeIdentifierStepCount" {
						end = at.Add(time.Minute)
					}
					writeRecord(bw, ty.id, ty.unit, at, end, v, false)
				}
			}
		}
	}
	for _, ar := range runs {
		if ar.r.RPE > 0 && ar.r.IsRun() {
			writeRecord(bw, "HKQuantityTypeIdentifierWorkoutEffortScore", "appleEffortScore", ar.w.Start, ar.w.End, ar.r.RPE, false)
		}
	}
	var walks []AppleWorkout
	if e.Walks {
		for wk := 0; wk < e.Season.Weeks; wk++ {
			at := e.Season.WeekStart(wk).AddDate(0, 0, 6).Add(16 * time.Hour)
			ty := "HKWorkoutActivityTypeWalking"
			if wk == 0 {
				ty = "HKWorkoutActivityTypeHiking"
			}
			w := AppleWorkout{Type: ty, Start: at, End: at.Add(50 * time.Minute), DurationS: 3000, DistanceM: 4200, EnergyKcal: 180,
				AscentM: math.NaN(), DescentM: math.NaN(), AvgHR: math.NaN(),
				HR: 96, Cadence: math.NaN(), StanceMs: math.NaN(), VertOscCm: math.NaN(), StrideM: math.NaN(), PowerW: math.NaN()}
			for t := 0; t < 3000; t += 60 {
				writeRecord(bw, "HKQuantityTypeIdentifierHeartRate", "count/min", at.Add(time.Duration(t)*time.Second), at.Add(time.Duration(t)*time.Second), 96, false)
				w.Records++
				w.Samples++
			}
			walks = append(walks, w)
		}
	}
	e.writeUnrelated(bw, rng)
	// Workouts.
	var out []AppleWorkout
	for _, ar := range runs {
		if err := e.writeWorkout(bw, ar.w); err != nil {
			return nil, err
		}
		if ar.w.Route != "" && route != nil {
			if err := route(ar.w.Route, appleRoute(ar)); err != nil {
				return nil, err
			}
		}
		out = append(out, ar.w)
	}
	for _, w := range walks {
		if err := e.writeWorkout(bw, w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	for _, t := range e.Season.Training {
		ty := map[string]string{TrainingStrength: "HKWorkoutActivityTypeTraditionalStrengthTraining", TrainingYoga: "HKWorkoutActivityTypeYoga",
			TrainingPilates: "HKWorkoutActivityTypePilates", TrainingFlexibility: "HKWorkoutActivityTypeFlexibility"}[t.Kind]
		w := AppleWorkout{Type: ty, Start: t.Start.Truncate(time.Second), End: t.Start.Add(time.Duration(t.Minutes * float64(time.Minute))).Truncate(time.Second),
			DurationS: t.Minutes * 60, DistanceM: math.NaN(), EnergyKcal: math.Round(t.Minutes * 5),
			AscentM: math.NaN(), DescentM: math.NaN(), AvgHR: math.NaN(),
			HR: math.NaN(), Cadence: math.NaN(), StanceMs: math.NaN(), VertOscCm: math.NaN(), StrideM: math.NaN(), PowerW: math.NaN()}
		if err := e.writeWorkout(bw, w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	bw.WriteString(" <ActivitySummary dateComponents=\"2024-05-31\" activeEnergyBurned=\"512\" activeEnergyBurnedGoal=\"600\" activeEnergyBurnedUnit=\"kcal\"/>\n</HealthData>\n")
	sortWorkouts(out)
	return out, bw.Flush()
}

// sortWorkouts orders workouts by start.
func sortWorkouts(ws []AppleWorkout) {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && ws[j].Start.Before(ws[j-1].Start); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
}

// writeSamples writes the records of type k of one run and adds them to
// its truth.
func (e AppleHealth) writeSamples(bw *bufio.Writer, ar *appleRun, k int, id, unit string) {
	dt := ar.r.interval()
	sum, n := 0.0, 0
	for _, s := range ar.ss {
		at := ar.w.Start.Add(time.Duration(s.t) * time.Second)
		end, v := at, math.NaN()
		switch k {
		case 0:
			v = s.hrBPM
		case 1:
			// Steps over the interval: the stored cadence (strides/min) doubled.
			end = at.Add(time.Duration(dt) * time.Second)
			v = math.Round(s.cadence*2*float64(dt)/60*10000) / 10000
			sum += v / float64(dt) * 60
			n++
			writeRecord(bw, id, unit, at, end, v, s.t == 0)
			continue
		case 2:
			v = math.Round(s.speedMS*3.6*1000) / 1000
		case 3:
			v = s.stanceMs
		case 4:
			v = s.vertOscCm
		case 5:
			v = s.stepLenM
		case 6:
			v = applePower(s.speedMS)
		}
		sum += v
		n++
		writeRecord(bw, id, unit, at, end, v, s.t == 0)
	}
	ar.w.Records += n
	if k == 0 {
		ar.w.Samples = n
	}
	mean := sum / float64(n)
	switch k {
	case 0:
		ar.w.HR = mean
	case 1:
		ar.w.Cadence = mean
	case 3:
		ar.w.StanceMs = mean
	case 4:
		ar.w.VertOscCm = mean
	case 5:
		ar.w.StrideM = mean
	case 6:
		ar.w.PowerW = mean
	}
}

// writeRecord writes one Record line (with a metadata child when meta).
func writeRecord(bw *bufio.Writer, id, unit string, start, end time.Time, v float64, meta bool) {
	bw.WriteString(` <Record type="`)
	bw.WriteString(id)
	bw.WriteString(`" sourceName="Ann’s Apple Watch" sourceVersion="10.1" device="`)
	bw.WriteString(appleDevice)
	bw.WriteString(`" unit="`)
	bw.WriteString(unit)
	bw.WriteString(`" creationDate="`)
	bw.WriteString(appleTime(end))
	bw.WriteString(`" startDate="`)
	bw.WriteString(appleTime(start))
	bw.WriteString(`" endDate="`)
	bw.WriteString(appleTime(end))
	bw.WriteString(`" value="`)
	bw.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	if !meta {
		bw.WriteString("\"/>\n")
		return
	}
	bw.WriteString("\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"2\"/>\n </Record>\n")
}

// writeUnrelated writes records of types itbcheck does not read, spread
// over the season.
func (e AppleHealth) writeUnrelated(bw *bufio.Writer, rng *rand.Rand) {
	if e.Unrelated <= 0 {
		return
	}
	span := time.Duration(e.Season.Weeks) * 7 * 24 * time.Hour
	step := span / time.Duration(e.Unrelated)
	types := []struct{ id, unit string }{
		{"HKQuantityTypeIdentifierActiveEnergyBurned", "kcal"},
		{"HKQuantityTypeIdentifierBasalEnergyBurned", "kcal"},
		{"HKQuantityTypeIdentifierBodyMass", "kg"},
		{"HKQuantityTypeIdentifierFlightsClimbed", "count"},
		{"HKQuantityTypeIdentifierEnvironmentalAudioExposure", "dBASPL"},
	}
	at := e.Season.Start.In(e.Season.TZ)
	if e.Season.TZ == nil {
		at = e.Season.Start
	}
	for i := 0; i < e.Unrelated; i++ {
		ty := types[i%len(types)]
		t := at.Add(time.Duration(i) * step)
		if i%97 == 0 {
			bw.WriteString(` <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Ann’s Apple Watch" sourceVersion="10.1" startDate="`)
			bw.WriteString(appleTime(t))
			bw.WriteString(`" endDate="`)
			bw.WriteString(appleTime(t.Add(time.Hour)))
			bw.WriteString("\" value=\"HKCategoryValueSleepAnalysisAsleepCore\">\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Zurich\"/>\n </Record>\n")
			continue
		}
		writeRecord(bw, ty.id, ty.unit, t, t.Add(step/2), math.Round(rng.Float64()*1000)/10, i%13 == 0)
	}
}

// writeWorkout writes one Workout element with its children.
func (e AppleHealth) writeWorkout(bw *bufio.Writer, w AppleWorkout) error {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	fmt.Fprintf(bw, ` <Workout workoutActivityType="%s" duration="%s" durationUnit="min"`, w.Type, f(w.DurationS/60))
	if e.OldStyle {
		if !math.IsNaN(w.DistanceM) {
			fmt.Fprintf(bw, ` totalDistance="%s" totalDistanceUnit="km"`, f(w.DistanceM/1000))
		}
		fmt.Fprintf(bw, ` totalEnergyBurned="%s" totalEnergyBurnedUnit="kcal"`, f(w.EnergyKcal))
	}
	fmt.Fprintf(bw, ` sourceName="Ann’s Apple Watch" sourceVersion="10.1" device="%s" creationDate="%s" startDate="%s" endDate="%s">`+"\n",
		appleDevice, appleTime(w.End), appleTime(w.Start), appleTime(w.End))
	indoor := "0"
	if w.Indoor {
		indoor = "1"
	}
	fmt.Fprintf(bw, "  <MetadataEntry key=\"HKIndoorWorkout\" value=\"%s\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Zurich\"/>\n", indoor)
	if !math.IsNaN(w.AscentM) {
		fmt.Fprintf(bw, "  <MetadataEntry key=\"HKElevationAscended\" value=\"%s cm\"/>\n  <MetadataEntry key=\"HKElevationDescended\" value=\"%s cm\"/>\n", f(math.Round(w.AscentM*100)), f(math.Round(w.DescentM*100)))
	}
	fmt.Fprintf(bw, "  <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"%s\" duration=\"%s\" durationUnit=\"min\"/>\n", appleTime(w.Start), f(w.DurationS/60))
	if !e.OldStyle {
		fmt.Fprintf(bw, "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierActiveEnergyBurned\" startDate=\"%s\" endDate=\"%s\" sum=\"%s\" unit=\"kcal\"/>\n", appleTime(w.Start), appleTime(w.End), f(w.EnergyKcal))
		if !math.IsNaN(w.AvgHR) {
			fmt.Fprintf(bw, "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"%s\" endDate=\"%s\" average=\"%s\" minimum=\"%s\" maximum=\"%s\" unit=\"count/min\"/>\n", appleTime(w.Start), appleTime(w.End), f(w.AvgHR), f(w.MinHR), f(w.MaxHR))
		}
		if !math.IsNaN(w.DistanceM) {
			fmt.Fprintf(bw, "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"%s\" endDate=\"%s\" sum=\"%s\" unit=\"km\"/>\n", appleTime(w.Start), appleTime(w.End), f(w.DistanceM/1000))
		}
	}
	if w.Route != "" {
		fmt.Fprintf(bw, "  <WorkoutRoute sourceName=\"Ann’s Apple Watch\" sourceVersion=\"10.1\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <FileReference path=\"/workout-routes/%s\"/>\n  </WorkoutRoute>\n",
			appleTime(w.End), appleTime(w.Start), appleTime(w.End), w.Route)
	}
	_, err := bw.WriteString(" </Workout>\n")
	return err
}

// appleRoute writes a run's route as the Health app does: GPX 1.1, one
// trkseg, times in UTC, speed and accuracy in the extensions.
func appleRoute(ar *appleRun) []byte {
	var b []byte
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <metadata>
  <time>`+ar.w.Start.UTC().Format(time.RFC3339)+`</time>
 </metadata>
 <trk>
  <name>Route `+ar.w.Start.Format("2006-01-02 3:04pm")+`</name>
  <trkseg>
`...)
	for _, s := range ar.ss {
		if math.IsNaN(s.latDeg) {
			continue
		}
		at := ar.w.Start.Add(time.Duration(s.t) * time.Second).UTC()
		b = fmt.Appendf(b, "   <trkpt lon=\"%s\" lat=\"%s\"><ele>%s</ele><time>%s</time><extensions><speed>%s</speed><course>-1.0</course><hAcc>2.1</hAcc><vAcc>1.4</vAcc></extensions></trkpt>\n",
			strconv.FormatFloat(s.lonDeg, 'f', 9, 64), strconv.FormatFloat(s.latDeg, 'f', 9, 64), strconv.FormatFloat(s.altM, 'f', -1, 64),
			at.Format(time.RFC3339), strconv.FormatFloat(s.speedMS, 'f', 3, 64))
	}
	return append(b, "  </trkseg>\n </trk>\n</gpx>\n"...)
}

// WriteZip writes the export as the Health app shares it: export.zip
// holding apple_health_export/export.xml and
// apple_health_export/workout-routes/*.gpx.
func (e AppleHealth) WriteZip(path string) ([]AppleWorkout, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	var routes [][2]any
	xw, err := zw.Create("apple_health_export/export.xml")
	if err != nil {
		return nil, err
	}
	ws, err := e.Write(xw, func(name string, data []byte) error {
		routes = append(routes, [2]any{name, data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range routes {
		w, err := zw.Create("apple_health_export/workout-routes/" + r[0].(string))
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(r[1].([]byte)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return ws, f.Close()
}

// WriteDir writes the export unpacked: dir/apple_health_export/export.xml
// and its workout-routes folder; it returns the path of export.xml.
func (e AppleHealth) WriteDir(dir string) (string, []AppleWorkout, error) {
	root := filepath.Join(dir, "apple_health_export")
	if err := os.MkdirAll(filepath.Join(root, "workout-routes"), 0o755); err != nil {
		return "", nil, err
	}
	p := filepath.Join(root, "export.xml")
	f, err := os.Create(p)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	ws, err := e.Write(f, func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(root, "workout-routes", name), data, 0o644)
	})
	if err != nil {
		return "", nil, err
	}
	return p, ws, f.Close()
}
