package analysis

import (
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// Run holds the metrics of one activity. Values not available are NaN.
// Totals and averages are the file's own summary's (a FIT session), else
// over the moving time of the samples (ingest.Timeline: device pauses and
// gaps without movement excluded; zeros absent), the same for every format.
type Run struct {
	Source string // file path or archive member the activity came from
	// Copies are the sources of the copies of this run merged away as
	// duplicates (NewSeason), in the order met; nil when none.
	Copies []string
	Title  string
	Gear   string
	Sport  ingest.Sport
	IsRun  bool // counts as running load
	Device string
	// CadenceSource and GaitSource say what measured the step rate and the
	// running dynamics (ingest.Activity.SourceOf): wrist, chest-strap, pod,
	// footpod, or none when the run has no such values.
	CadenceSource, GaitSource ingest.Source
	// BalanceInstrument and CadenceInstrument name what measured the run's
	// GCT balance and cadence (ingest.Activity.Instrument: "chest-strap
	// garmin hrm_pro", "wrist garmin fr255"); "" without the channel.
	BalanceInstrument, CadenceInstrument string
	// Format is the kind of file the activity was read from (the rules
	// name Apple Health when its runs lack what Apple never records).
	Format ingest.Format
	// Implausible says why a running activity's figures cannot be a run
	// (DOMAIN.md plausibility: faster than 7 m/s or slower than 20 min/km
	// over its duration, longer than 300 km, distance without duration);
	// such an activity has IsRun false: listed, never load nor cadence.
	Implausible string

	Start     time.Time // instant (UTC)
	LocalDate time.Time // start in the athlete's local time
	DurationS float64   // timer (moving) time, seconds
	ElapsedS  float64   // wall-clock time from start to end, pauses included
	// RunningS is the moving time of the samples in seconds (the time the
	// thirds and the trace divide); equal to DurationS for summary-only runs.
	RunningS   float64
	DistanceKm float64

	AvgSpeedMS       float64
	CadenceSPM       float64 // mean running cadence, steps/min
	HeartRateBPM     float64
	MaxHeartRateBPM  float64 // highest heart rate seen in the activity
	TRIMP            float64 // Banister TRIMP; NaN without heart rate
	BalanceLeftPct   float64 // mean GCT balance, % on the left foot
	StanceTimeMs     float64
	VertOscCm        float64
	VertRatioPct     float64
	StepLengthM      float64
	AscentM          float64
	DescentM         float64
	DownhillGradePct float64 // mean grade over descending stretches (negative), NaN without altitude

	// Thirds of a run ≥ 45 min (first third starting after minute 5);
	// Valid false for shorter runs or when the channels are missing.
	First, Last Segment
	// Final is the final quarter of the run's moving time (cadence-fade:
	// a fade that starts late is halved by the last third's mean).
	Final Segment

	TrackKmCW  float64 // km run on a ~400 m oval turning clockwise
	TrackKmCCW float64 // ... counter-clockwise (the usual direction)

	// Trace is a per-minute series for within-run charts of long runs
	// (empty for runs under 45 minutes or without samples).
	Trace Trace

	FromSummary bool // metrics came from a summary (no per-sample data)

	// RPE is the runner's session rating of perceived exertion (CR-10,
	// above 0; NaN or 0 when not rated). In an sRPE season a run without
	// one gets an estimate from the athlete's own ratings (RPEImputed).
	RPE        float64
	RPEImputed bool
	// Feel is the runner's feel after the session, 0–100; NaN when absent.
	Feel float64
}

// Rated reports whether the runner rated the session's effort.
func (r Run) Rated() bool { return r.RPE > 0 && !r.RPEImputed }

// Segment is the moving-time average over part of a run.
type Segment struct {
	Valid          bool
	StartS, EndS   float64 // seconds since the run's start
	CadenceSPM     float64
	SpeedMS        float64
	BalanceLeftPct float64
}

// TracePoint is one minute of a run.
type TracePoint struct {
	Minute         float64 // minutes of moving time from the start
	CadenceSPM     float64 // NaN when unknown
	BalanceLeftPct float64 // NaN when unknown
}

// Week is one ISO week (Monday to Sunday, athlete's local time) of running.
type Week struct {
	Monday     Day // the week's Monday, in the athlete's local calendar
	Runs       int
	DistanceKm float64
	DurationH  float64
	Load       float64 // in the configured load metric
	ACWR       float64 // uncoupled: this week ÷ mean of the 4 before; NaN without enough history
	ACWREWMA   float64 // EWMA variant (λa = 2/8, λc = 2/29) on daily load: the week's mean of the daily ratio
	ChangePct  float64 // km vs the week before; NaN when the week before is < 10 km
	Monotony   float64 // Foster: mean ÷ SD of the 7 daily loads
	Strain     float64 // weekly load × monotony
	CadenceSPM float64 // median of the week's run cadences
	// CadenceResidualPct is the median speed-adjusted cadence of the week's
	// runs (ResidualPct against the baseline model) minus the baseline
	// runs' median (the model's BaselineResidualPct), in percent; negative
	// when the week steps less than the previous 8 weeks at the same pace.
	// NaN without baseline.
	CadenceResidualPct float64
	// CadenceRuns counts the runs in CadenceResidualPct's median.
	CadenceRuns int
	// BalanceLeftPct is the mean GCT balance of the week's runs off the
	// track (Run.OnTrack); NaN when none has one.
	BalanceLeftPct float64
	// BalanceTrackRuns counts the track runs with a balance left out of it.
	BalanceTrackRuns int
	// BalanceOtherInstrumentRuns counts the runs whose balance another
	// instrument than the one in force measured (a pod left at home,
	// Season.WithoutUsualInstrument), left out of BalanceLeftPct.
	BalanceOtherInstrumentRuns int
	// BalanceOtherInstrumentJudged counts the runs of another instrument
	// than the one in force that are in BalanceLeftPct all the same: a
	// second instrument worn in turn with enough runs of its own to know
	// its offset from the usual one (Season.BalanceOffset), by which they
	// are brought to the usual instrument's scale.
	BalanceOtherInstrumentJudged int
	// CadenceOtherInstrumentRuns counts such runs of the cadence
	// instrument, left out of CadenceResidualPct and the baselines (an
	// instrument worn in turn with enough runs of its own counts in
	// CadenceResidualPct by Season.CadenceOffsetPct, not here).
	CadenceOtherInstrumentRuns int
	DescentM                   float64
	TrackKmCW                  float64
	TrackKmCCW                 float64
	// StrengthSessions and MobilitySessions count the week's strength
	// training and stretching/yoga/pilates sessions (not running load).
	StrengthSessions int
	MobilitySessions int
}

// LoadMetric chooses what "load" means.
type LoadMetric string

// Unit is the short unit of the metric's load, for axes and sentences:
// "km", "min", "TRIMP" or "sRPE AU".
func (m LoadMetric) Unit() string {
	switch m {
	case LoadDuration:
		return "min"
	case LoadTRIMP:
		return "TRIMP"
	case LoadSRPE:
		return "sRPE AU"
	}
	return "km"
}

// Load metrics of the config's load.metric.
const (
	LoadDistance LoadMetric = "distance" // km
	LoadDuration LoadMetric = "duration" // minutes
	LoadTRIMP    LoadMetric = "trimp"    // Banister TRIMP; runs without HR at the athlete's median HR reserve
	// LoadSRPE is Foster's session-RPE load: RPE (CR-10) × minutes, in
	// arbitrary units; runs without RPE get the athlete's own RPE at a
	// similar heart rate or pace.
	LoadSRPE LoadMetric = "srpe"
	// LoadAuto picks sRPE when at least AutoShare of the runs carry RPE,
	// else TRIMP when that share carries heart rate, else distance.
	LoadAuto LoadMetric = "auto"
)

// Params are the athlete-level settings the series depend on.
type Params struct {
	Location   *time.Location // for week boundaries when a run has no local offset
	LoadMetric LoadMetric
	MaxHR      float64 // for TRIMP; NaN to estimate from the data
	RestHR     float64
}

// CadenceModel is cadence = Intercept + Slope·speed fitted on baseline runs.
type CadenceModel struct {
	Valid         bool
	Intercept     float64 // steps/min
	Slope         float64 // steps/min per m/s
	Runs          int     // runs the fit used
	SpeedAdjusted bool    // false when speed was missing and raw values are compared
	// BaselineResidualPct is the median ResidualPct of the runs the model
	// was fitted on (0 for a median model): least squares centres the mean
	// residual, not the median that weeks are compared by.
	BaselineResidualPct float64
}

// Season is one athlete's analysed period.
type Season struct {
	Athlete string
	Params  Params
	Runs    []Run  // every activity, running or not, in start order
	Weeks   []Week // consecutive ISO weeks from the first to the last run
	// Duplicates counts the copies merged away as the same run read more
	// than once (starts within 2 min, time spans ≥ 80 % shared).
	Duplicates int
	// Load says which load metric the season uses and why (Params.LoadMetric
	// holds the metric in force, never LoadAuto).
	Load LoadChoice
	// Symptoms is the runner's symptom log in date order (nil without a
	// log); SymptomLog the file it was read from.
	Symptoms   []ingest.Symptom
	SymptomLog string
	// Instruments lists the changes of the instruments that measure GCT
	// balance and cadence, in date order (a new chest strap, a pod, another
	// watch); a channel's baselines restart at each (InstrumentEpoch).
	Instruments []InstrumentChange
	// Seasons lists every season of the athlete's folder, oldest first
	// (SplitSeasons); only those marked Current are in Runs and Weeks.
	// Nil when the season was built without splitting.
	Seasons []SeasonSpan

	// Set by NewSeason: the heart-rate range TRIMP used, the heart-rate
	// reserve that scores runs without HR, and the day numbers (see
	// dayNumber) of the first activity and of its week's Monday.
	maxHR, restHR, fallbackReserve float64
	firstDay, firstMonday          int
	// weekRuns[i] indexes the running activities of week i in Runs;
	// cadenceModels[i] and balanceModels[i] hold CadenceBaseline(i) and
	// BalanceBaseline(i) (as the rules recorded them). All are nil for a
	// Season built without NewSeason, whose methods then compute.
	weekRuns      [][]int
	cadenceModels []CadenceModel
	balanceModels []BalanceModel
	// cadenceRecorded is true once a rule recorded cadenceModels.
	cadenceRecorded bool
	// firstInstrument holds, by channel name, the instrument of the
	// first run with the channel: the one in force before any change.
	firstInstrument map[string]string
}
