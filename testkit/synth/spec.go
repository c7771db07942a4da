package synth

import (
	"fmt"
	"time"
)

// Sports a RunSpec may name. Only the running ones count for training load
// in itbcheck; the others exist to test that they are listed, not counted.
const (
	SportRunning   = "running"
	SportTrail     = "trail_running"
	SportTreadmill = "treadmill_running"
	SportCycling   = "cycling"
)

// Track geometry of a standard 400 m outdoor track (World Athletics): two
// straights of 84.39 m and two bends with a kerb radius of 36.5 m. Lane 1 is
// measured 0.30 m outside the kerb, which makes the lap exactly 400 m.
const (
	TrackStraightM   = 84.39
	TrackBendRadiusM = 36.5
	TrackLapM        = 400.0
	trackLineRadiusM = TrackBendRadiusM + 0.30
)

// RunSpec describes one recorded activity. EncodeRun turns it into a FIT
// file. Zero values of the optional fields mean "not used".
type RunSpec struct {
	// Start is the start instant; its location gives the local time written
	// to activity.local_timestamp (e.g. time.FixedZone("", 3600) for +01:00).
	Start time.Time
	// Sport is one of SportRunning, SportTrail, SportTreadmill, SportCycling;
	// empty means running.
	Sport string
	// Kind names the session in the plan ("easy", "long", "tempo", "race",
	// "track", "downhill", "ride"); it becomes the activity title.
	Kind string

	DistanceKm   float64 // total distance; replaced by TrackLaps × 0.4 km when TrackLaps > 0
	PaceMinPerKm float64 // mean pace (for cycling: the pace of the ride)
	// CadenceSPM is the mean cadence in steps per minute at this run's pace
	// (FIT stores strides per minute: half of it). Ignored for cycling,
	// which records about 85 rpm.
	CadenceSPM float64
	// BalanceLeftPct is the mean GCT balance, percent of contact time on the
	// left foot (50 = symmetric). Used only with Dynamics.
	BalanceLeftPct float64

	// CadenceFadePct is the change of cadence from the first third of the
	// run to the last third, in percent (e.g. -7). The change ramps in over
	// the middle third, so the thirds differ by exactly this amount.
	CadenceFadePct float64
	// CadenceFadeFrom, when above 0, makes the fade start late: at this
	// fraction of the distance it steps in over 3 % of the distance, so
	// the final quarter is down by about CadenceFadePct and the last third
	// by less (a last-third mean dilutes a late fade).
	CadenceFadeFrom float64
	// BalanceDriftPP is the change of GCT asymmetry (|balance - 50|) from
	// the first third to the last third, in percentage points, away from
	// 50 on the side the run already leans to (left when exactly 50).
	BalanceDriftPP float64
	// DescentM is the net descent of a point-to-point downhill run, spread
	// at a constant grade over the whole distance.
	DescentM float64
	// TrackLaps > 0 puts the whole run on a 400 m oval: GPS positions go
	// round the lane-1 line, counter-clockwise unless TrackClockwise.
	TrackLaps      int
	TrackClockwise bool
	// ClimbM > 0 makes the run a mountain out-and-back: it climbs ClimbM
	// at a constant grade over the first half and descends it over the
	// second (ascent = descent = ClimbM). The speed slows uphill and
	// quickens downhill, and cadence follows the speed.
	ClimbM float64
	// RepM > 0 makes the run an interval session: repeats of RepM at
	// about 20 % above the mean speed, each followed by RecoveryM of jog
	// at about 20 % below it; cadence follows the speed.
	RepM, RecoveryM float64

	// Dynamics adds the running-dynamics channels (stance time, GCT
	// balance, vertical oscillation and ratio, step length), as an HRM-Pro
	// or a recent Forerunner records them.
	Dynamics bool
	// Sensor is the step sensor paired with the watch, written as a FIT
	// device_info message: "" (none: the watch measures on its own),
	// SensorHRMPro, SensorRDPod, SensorStryd or SensorCorosPod.
	Sensor Sensor
	// Watch is the recording watch; the zero value is a Garmin
	// Forerunner 255.
	Watch Watch
	// Interval between records; 0 means 1 s. Whole seconds only.
	Interval time.Duration
	// AutoLapKm is the auto-lap distance; 0 means 1 km, negative means one
	// lap for the whole run.
	AutoLapKm float64
	// Gear is the shoe name (written only to the Strava CSV summary).
	Gear string
	// RPE is the runner's perceived exertion (CR-10, 1–10) written to
	// session.workout_rpe (× 10); 0 writes none. Feel (1–100) is written to
	// session.workout_feel; 0 writes none.
	RPE, Feel float64
	// Seed drives the noise; the same spec with the same seed always gives
	// the same bytes.
	Seed uint64
}

// sport returns the spec's sport, defaulting to running.
func (r RunSpec) sport() string {
	if r.Sport == "" {
		return SportRunning
	}
	return r.Sport
}

// IsRun reports whether the spec is a running activity (counts for load).
func (r RunSpec) IsRun() bool { return r.sport() != SportCycling }

// Distance gives the run's total distance in km, honouring TrackLaps.
func (r RunSpec) Distance() float64 {
	if r.TrackLaps > 0 {
		return float64(r.TrackLaps) * TrackLapM / 1000
	}
	return r.DistanceKm
}

// Duration is the expected moving time of the run.
func (r RunSpec) Duration() time.Duration {
	return time.Duration(r.Distance() * r.PaceMinPerKm * float64(time.Minute))
}

// interval returns the record interval in whole seconds.
func (r RunSpec) interval() int {
	if r.Interval <= 0 {
		return 1
	}
	return int(r.Interval / time.Second)
}

// validate reports the first reason the spec cannot be encoded.
// Sensor is a step sensor a run was recorded with (RunSpec.Sensor).
type Sensor string

// The sensors the simulator pairs.
const (
	SensorHRMPro   Sensor = "hrm-pro"   // Garmin HRM-Pro chest strap
	SensorRDPod    Sensor = "rd-pod"    // Garmin Running Dynamics Pod
	SensorStryd    Sensor = "stryd"     // Stryd footpod (ANT+ stride sensor)
	SensorCorosPod Sensor = "coros-pod" // COROS POD 2
)

// Watch is the watch a run was recorded with (RunSpec.Watch).
type Watch string

// The watches the simulator records with.
const (
	WatchFR255     Watch = ""             // Garmin Forerunner 255 (the default)
	WatchFenix7    Watch = "fenix7"       // Garmin fēnix 7
	WatchCorosPace Watch = "coros-pace-2" // COROS PACE 2
)

func (r RunSpec) validate() error {
	switch {
	case r.Start.IsZero():
		return fmt.Errorf("run spec: no start time")
	case r.Distance() <= 0 || r.Distance() > 200:
		return fmt.Errorf("run spec %s: distance %.3f km out of range", r.Start.Format(time.DateOnly), r.Distance())
	case r.PaceMinPerKm < 1 || r.PaceMinPerKm > 20:
		return fmt.Errorf("run spec %s: pace %.2f min/km out of range", r.Start.Format(time.DateOnly), r.PaceMinPerKm)
	case r.IsRun() && (r.CadenceSPM < 100 || r.CadenceSPM > 240):
		return fmt.Errorf("run spec %s: cadence %.1f spm out of range", r.Start.Format(time.DateOnly), r.CadenceSPM)
	case r.Interval < 0 || r.Interval%time.Second != 0:
		return fmt.Errorf("run spec %s: interval %v is not whole seconds", r.Start.Format(time.DateOnly), r.Interval)
	case r.ClimbM < 0 || r.ClimbM > 0.3*r.Distance()*1000/2:
		return fmt.Errorf("run spec %s: climb %.0f m out of range", r.Start.Format(time.DateOnly), r.ClimbM)
	case r.RepM < 0 || r.RecoveryM < 0 || (r.RepM > 0 && r.RecoveryM == 0):
		return fmt.Errorf("run spec %s: intervals %.0f m / %.0f m out of range", r.Start.Format(time.DateOnly), r.RepM, r.RecoveryM)
	case r.Dynamics && (r.BalanceLeftPct < 40 || r.BalanceLeftPct > 60):
		return fmt.Errorf("run spec %s: GCT balance %.2f %% out of range", r.Start.Format(time.DateOnly), r.BalanceLeftPct)
	}
	switch r.Sensor {
	case "", SensorHRMPro, SensorRDPod, SensorStryd, SensorCorosPod:
	default:
		return fmt.Errorf("run spec %s: unknown sensor %q", r.Start.Format(time.DateOnly), r.Sensor)
	}
	switch r.Watch {
	case WatchFR255, WatchFenix7, WatchCorosPace:
	default:
		return fmt.Errorf("run spec %s: unknown watch %q", r.Start.Format(time.DateOnly), r.Watch)
	}
	switch r.sport() {
	case SportRunning, SportTrail, SportTreadmill, SportCycling:
	default:
		return fmt.Errorf("run spec %s: unknown sport %q", r.Start.Format(time.DateOnly), r.Sport)
	}
	return nil
}

// Season is one athlete's block of training: the runs in date order.
type Season struct {
	Athlete string
	Start   time.Time // the Monday (local midnight) of the first week
	Weeks   int
	Seed    uint64
	TZ      *time.Location
	// Dynamics tells whether the runs record running dynamics.
	Dynamics bool
	Runs     []RunSpec
	// Expect lists the findings the season was designed to produce
	// (empty for the controls).
	Expect []Expectation
	// Training lists strength and mobility sessions (FIT sport training),
	// written by WriteFIT beside the runs.
	Training []TrainingSpec
	// Symptoms is the runner's symptom log, written by WriteSymptoms.
	Symptoms []SymptomSpec
}

// WeekStart gives the Monday of week i (0-based) of the season.
func (s Season) WeekStart(i int) time.Time { return s.Start.AddDate(0, 0, 7*i) }

// WeeklyKm sums the running distance of each week of the season (other
// sports excluded), the load series the plan was designed against.
func (s Season) WeeklyKm() []float64 {
	km := make([]float64, s.Weeks)
	for _, r := range s.Runs {
		if !r.IsRun() {
			continue
		}
		if r.Start.Before(s.Start) {
			continue
		}
		w := int(r.Start.Sub(s.Start) / (7 * 24 * time.Hour))
		if w < s.Weeks {
			km[w] += r.Distance()
		}
	}
	return km
}
