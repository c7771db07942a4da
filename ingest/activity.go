package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Format names the kind of file an activity was read from.
type Format string

// The formats itbcheck reads. Compressed and archived files report the format
// of the file inside them.
const (
	FormatFIT        Format = "fit"
	FormatCSVSummary Format = "csv-summary"
	FormatCSVSamples Format = "csv-samples"
	FormatTCX        Format = "tcx"
	FormatGPX        Format = "gpx"
)

// Sport is the normalised sport of an activity.
type Sport string

// Normalised sports. Only the running ones count for training load.
const (
	SportRunning   Sport = "running"
	SportTrail     Sport = "trail_running"
	SportTreadmill Sport = "treadmill_running"
	SportVirtual   Sport = "virtual_running"
	SportCycling   Sport = "cycling"
	SportSwimming  Sport = "swimming"
	SportWalking   Sport = "walking"
	SportHiking    Sport = "hiking"
	// SportStrength is strength training (FIT training/strength_training,
	// Strava "Weight Training", Garmin "Strength Training"): the gluteal
	// strengthening the reports recommend.
	SportStrength Sport = "strength_training"
	// SportMobility is stretching and mobility work (FIT
	// training/flexibility_training, yoga, pilates; Strava "Yoga").
	SportMobility Sport = "mobility"
	SportOther    Sport = "other"
	SportUnknown  Sport = "unknown"
)

// IsRunning reports whether activities of this sport count as running load.
func (s Sport) IsRunning() bool {
	switch s {
	case SportRunning, SportTrail, SportTreadmill, SportVirtual:
		return true
	}
	return false
}

// Channel is one per-sample data stream. Channels is a set of them.
type Channel uint16

// The per-sample channels, named as in the JSON of `itbcheck inspect`.
const (
	ChanTime Channel = 1 << iota
	ChanDistance
	ChanSpeed
	ChanHeartRate
	ChanCadence
	ChanAltitude
	ChanPosition
	ChanStanceTime
	ChanStanceTimeBalance
	ChanVerticalOscillation
	ChanVerticalRatio
	ChanStepLength
	ChanPower
)

var channelNames = []struct {
	c    Channel
	name string
}{
	{ChanTime, "time"},
	{ChanDistance, "distance"},
	{ChanSpeed, "speed"},
	{ChanHeartRate, "heart_rate"},
	{ChanCadence, "cadence"},
	{ChanAltitude, "altitude"},
	{ChanPosition, "position"},
	{ChanStanceTime, "stance_time"},
	{ChanStanceTimeBalance, "stance_time_balance"},
	{ChanVerticalOscillation, "vertical_oscillation"},
	{ChanVerticalRatio, "vertical_ratio"},
	{ChanStepLength, "step_length"},
	{ChanPower, "power"},
}

// String is the channel's name as the JSON of `itbcheck inspect` gives it.
func (c Channel) String() string {
	for _, cn := range channelNames {
		if cn.c == c {
			return cn.name
		}
	}
	return "channel(" + strconv.Itoa(int(c)) + ")"
}

// Channels is a set of Channel values.
type Channels uint16

// Has reports whether c is in the set.
func (cs Channels) Has(c Channel) bool { return uint16(cs)&uint16(c) != 0 }

// Add puts c into the set.
func (cs *Channels) Add(c Channel) { *cs = Channels(uint16(*cs) | uint16(c)) }

// Names lists the channels in the set in the contract's order.
func (cs Channels) Names() []string {
	names := []string{}
	for _, cn := range channelNames {
		if cs.Has(cn.c) {
			names = append(names, cn.name)
		}
	}
	return names
}

// String lists the channel names separated by commas.
func (cs Channels) String() string { return strings.Join(cs.Names(), ",") }

// Device is a recording device or sensor as named in the file.
type Device struct {
	Manufacturer string // e.g. "garmin", "coros"; "" when unknown
	Product      string // e.g. "fenix3", "fr255", "hrm_pro"; "" when unknown
	// Name is the device's name as text: FIT product_name ("COROS PACE
	// 2"), TCX Creator/Name ("Forerunner 910XT"), GPX creator ("Garmin
	// Connect"); "" when the file gives none.
	Name string
}

// String gives "manufacturer product"; the name instead of a product the
// FIT profile knows only by number, or when there is no product; "" when
// nothing is known.
func (d Device) String() string {
	if d.Name != "" && (d.Product == "" || isDigits(d.Product)) {
		return d.Name
	}
	return strings.TrimSpace(d.Manufacturer + " " + d.Product)
}

// isDigits reports whether s is a non-empty string of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Samples holds the per-sample streams of an activity as parallel slices
// (struct of arrays), all of length Len(). A value not recorded at a sample is
// NaN. Units are the contract's output units.
type Samples struct {
	ElapsedS       []float64 // seconds since Activity.Start (wall clock, pauses included)
	DistanceM      []float64 // cumulative distance in metres
	SpeedMS        []float64 // metres per second
	HeartRateBPM   []float64
	CadenceSPM     []float64 // steps per minute (FIT strides/min doubled)
	AltitudeM      []float64
	LatDeg         []float64
	LonDeg         []float64
	StanceTimeMs   []float64 // ground contact time
	BalanceLeftPct []float64 // GCT balance: percent of contact time on the LEFT foot
	VertOscCm      []float64 // vertical oscillation
	VertRatioPct   []float64 // vertical ratio
	StepLengthM    []float64
	PowerW         []float64
}

// Len is the number of samples.
func (s *Samples) Len() int { return len(s.ElapsedS) }

// Append adds one sample. Pass NaN for values that were not recorded.
// The first sample takes recycled storage (see Recycle) when there is some.
func (s *Samples) Append(p Sample) { s.appendFrom(&p) }

// appendFrom is Append of *p, read field by field: a Sample passed whole
// is copied with 16-byte moves, which stall on reading back the 8-byte
// fields a decoder has just written (a store-forwarding failure; perf put
// half of the XML readers' flush on it).
func (s *Samples) appendFrom(p *Sample) {
	if s.ElapsedS == nil {
		s.presize(channelRound)
	}
	s.ElapsedS = append(s.ElapsedS, p.ElapsedS)
	s.DistanceM = append(s.DistanceM, p.DistanceM)
	s.SpeedMS = append(s.SpeedMS, p.SpeedMS)
	s.HeartRateBPM = append(s.HeartRateBPM, p.HeartRateBPM)
	s.CadenceSPM = append(s.CadenceSPM, p.CadenceSPM)
	s.AltitudeM = append(s.AltitudeM, p.AltitudeM)
	s.LatDeg = append(s.LatDeg, p.LatDeg)
	s.LonDeg = append(s.LonDeg, p.LonDeg)
	s.StanceTimeMs = append(s.StanceTimeMs, p.StanceTimeMs)
	s.BalanceLeftPct = append(s.BalanceLeftPct, p.BalanceLeftPct)
	s.VertOscCm = append(s.VertOscCm, p.VertOscCm)
	s.VertRatioPct = append(s.VertRatioPct, p.VertRatioPct)
	s.StepLengthM = append(s.StepLengthM, p.StepLengthM)
	s.PowerW = append(s.PowerW, p.PowerW)
}

// At returns sample i.
func (s *Samples) At(i int) Sample {
	return Sample{
		ElapsedS: s.ElapsedS[i], DistanceM: s.DistanceM[i], SpeedMS: s.SpeedMS[i],
		HeartRateBPM: s.HeartRateBPM[i], CadenceSPM: s.CadenceSPM[i], AltitudeM: s.AltitudeM[i],
		LatDeg: s.LatDeg[i], LonDeg: s.LonDeg[i], StanceTimeMs: s.StanceTimeMs[i],
		BalanceLeftPct: s.BalanceLeftPct[i], VertOscCm: s.VertOscCm[i], VertRatioPct: s.VertRatioPct[i],
		StepLengthM: s.StepLengthM[i], PowerW: s.PowerW[i],
	}
}

// Sample is one row of Samples.
type Sample struct {
	ElapsedS, DistanceM, SpeedMS, HeartRateBPM, CadenceSPM, AltitudeM float64
	LatDeg, LonDeg, StanceTimeMs, BalanceLeftPct, VertOscCm           float64
	VertRatioPct, StepLengthM, PowerW                                 float64
}

// EmptySample returns a Sample with every value absent (NaN).
func EmptySample() Sample {
	var p Sample
	p.clear()
	return p
}

// clear makes every value of p absent (NaN), field by field (see
// appendFrom).
func (p *Sample) clear() {
	n := math.NaN()
	p.ElapsedS, p.DistanceM, p.SpeedMS, p.HeartRateBPM, p.CadenceSPM, p.AltitudeM = n, n, n, n, n, n
	p.LatDeg, p.LonDeg, p.StanceTimeMs, p.BalanceLeftPct, p.VertOscCm = n, n, n, n, n
	p.VertRatioPct, p.StepLengthM, p.PowerW = n, n, n
}

// Lap is one lap as the device recorded it.
type Lap struct {
	StartOffsetS float64 // seconds since Activity.Start
	DurationS    float64 // timer time
	DistanceM    float64 // NaN when absent
}

// Summary holds whole-activity figures. From a FIT session message, a summary
// CSV row, or computed from the samples when the file has no summary. NaN
// when absent.
type Summary struct {
	DurationS         float64 // moving/timer time in seconds
	ElapsedS          float64 // wall-clock time in seconds
	DistanceM         float64
	AvgSpeedMS        float64
	AvgCadenceSPM     float64
	AvgHeartRateBPM   float64
	MaxHeartRateBPM   float64
	AvgStanceTimeMs   float64
	AvgBalanceLeftPct float64
	AvgVertOscCm      float64
	AvgVertRatioPct   float64
	AvgStepLengthM    float64
	AvgPowerW         float64
	AscentM           float64
	DescentM          float64
	// RPE is the runner's perceived exertion on Foster's CR-10 scale (1–10):
	// FIT session.workout_rpe ÷ 10, Strava's "Perceived Exertion".
	RPE float64
	// Feel is the runner's feel after the session, 0–100 (FIT
	// session.workout_feel: 0 weak … 100 strong).
	Feel float64
}

// EmptySummary returns a Summary with every figure absent (NaN).
func EmptySummary() Summary {
	n := math.NaN()
	return Summary{n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n}
}

// Activity is one recorded activity in itbcheck's normalised model.
type Activity struct {
	Source   string // file path; for archive members "archive.zip!/inner/path"
	Format   Format
	Sport    Sport
	RawSport string // sport as the file names it ("running/trail", "Trail Run")
	Device   Device // the watch (or app) that recorded the file
	// Dynamics says what measured the cadence and the running dynamics
	// (wrist, chest strap, pod, footpod); see SourceOf and Instrument.
	Dynamics Dynamics
	Title    string // activity name, when the file has one
	Gear     string // shoe name (Strava "Activity Gear"), when known

	Start time.Time // start instant (UTC)
	// LocalOffset is the offset of the athlete's local time from UTC at
	// Start, valid when HasLocalOffset (FIT activity.local_timestamp, or a
	// local time written without a zone in a summary or per-sample CSV).
	LocalOffset    time.Duration
	HasLocalOffset bool
	// LocalWallClock is true when the file wrote the start as local time
	// without a zone (Garmin Connect's Activities.csv, per-sample CSVs such
	// as fit2gpx's). The
	// decoder then sets HasLocalOffset so that LocalStart gives the written
	// wall-clock time: with Options.Location, Start is that wall-clock time
	// in the location and LocalOffset its offset; without, Start is the
	// wall-clock time read as UTC (off by the athlete's UTC offset) and
	// LocalOffset is zero.
	LocalWallClock bool
	// SourceFile is the activity file a summary row names (Strava's
	// "Filename" column, e.g. "activities/1234.fit.gz"), used to join the
	// row with that file in a bulk export; "" when not known.
	SourceFile string

	Samples  Samples
	Channels Channels // which per-sample channels hold at least one value
	Laps     []Lap
	// Resumes lists, in increasing order, the samples recorded first after
	// a pause the device marked (FIT timer start after a stop, the first
	// point of each GPX <trkseg> after the first): the interval before each
	// is paused time, and no distance is drawn across it (see Timeline).
	Resumes []int
	Summary Summary
	// FileSummary is the file's own summary as written (FIT session, TCX
	// lap totals, a summary CSV row), zeros cleared as absent, before any
	// figure was computed from the samples: the device's figures, kept
	// beside Summary's sample-based averages for comparison with other
	// readers; NaN where the file gives none.
	FileSummary Summary

	// DevFields lists developer (Connect IQ) fields found, by name, e.g.
	// "Power" from Stryd; their per-sample values are mapped into Samples
	// where a channel matches (power), otherwise only named here.
	DevFields []string
	// Notes says what was inferred or repaired while reading (units guessed
	// from values, strides doubled, records after truncation dropped).
	Notes []string
}

// IsRun reports whether the activity counts as running load.
func (a *Activity) IsRun() bool { return a.Sport.IsRunning() }

// LocalStart is the start in the athlete's local time: the file's own offset
// when it has one, else the given fallback location.
func (a *Activity) LocalStart(fallback *time.Location) time.Time {
	if a.HasLocalOffset {
		return a.Start.In(time.FixedZone("", int(a.LocalOffset/time.Second)))
	}
	if fallback == nil {
		fallback = time.UTC
	}
	return a.Start.In(fallback)
}

// fitEpoch is 1989-12-31T00:00:00Z, time zero of FIT timestamps (FIT
// files and per-sample CSVs that write FIT epoch seconds).
var fitEpoch = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)

// HasStart reports whether the activity carries a real start time, without
// which it cannot be placed in a day or week. A start at or before the FIT
// epoch means the file recorded no real time (a zero timestamp) rather
// than a run in 1989.
func (a *Activity) HasStart() bool { return a.Start.After(fitEpoch) }
