package analysis

import (
	"fmt"
	"math"
	"sort"

	"github.com/itbcheck/itbcheck/ingest"
)

// Load-metric choice (DOMAIN.md "What the runner says").
const (
	// AutoShare is the share of the season's runs that must carry RPE (for
	// sRPE) or heart rate (for TRIMP) for `auto` to choose that metric.
	AutoShare = 0.70
	// imputeNeighbours is how many of the athlete's rated runs nearest in
	// heart rate (or pace) give an unrated run its RPE: their median.
	imputeNeighbours = 5
	// minImputeBasis is the fewest rated runs with heart rate (or pace) for
	// imputing by it; with fewer, the median of all rated runs is used.
	minImputeBasis = 3
)

// LoadChoice says which load metric a season uses and why.
type LoadChoice struct {
	Requested LoadMetric // the config's load.metric (LoadAuto by default)
	Metric    LoadMetric // the metric in force: never LoadAuto
	Runs      int        // running activities of the season
	RatedRuns int        // of them, runs the runner rated (RPE)
	HRRuns    int        // of them, runs with heart rate
	// Imputed counts runs without RPE given an estimate in an sRPE
	// season, by heart rate (ImputedByHR) or pace (ImputedByPace), the
	// rest from the median of all the athlete's ratings.
	Imputed, ImputedByHR, ImputedByPace int
}

// Reason says in plain words how the metric was chosen, e.g. "auto: RPE
// on 46 of 50 runs (≥ 70 %)".
func (c LoadChoice) Reason() string {
	switch {
	case c.Requested != LoadAuto:
		return "set by load.metric"
	case c.Runs == 0:
		return "auto: no runs"
	case c.Metric == LoadSRPE:
		return fmt.Sprintf("auto: RPE on %d of %d runs (≥ 70 %%)", c.RatedRuns, c.Runs)
	case c.Metric == LoadTRIMP:
		return fmt.Sprintf("auto: RPE on %d of %d runs (< 70 %%), heart rate on %d", c.RatedRuns, c.Runs, c.HRRuns)
	}
	return fmt.Sprintf("auto: RPE on %d and heart rate on %d of %d runs (< 70 %%)", c.RatedRuns, c.HRRuns, c.Runs)
}

// ImputedText says how unrated runs were scored in an sRPE season, "" when
// none was.
func (c LoadChoice) ImputedText() string {
	if c.Metric != LoadSRPE || c.Imputed == 0 {
		return ""
	}
	how := ""
	switch {
	case c.ImputedByHR == c.Imputed:
		how = "at a similar heart rate"
	case c.ImputedByPace == c.Imputed:
		how = "at a similar pace"
	default:
		how = "at a similar heart rate or pace where known"
	}
	return fmt.Sprintf("%d runs without RPE were scored with your own RPE %s", c.Imputed, how)
}

// MetricName names a load metric for people, with its unit.
func MetricName(m LoadMetric) string {
	switch m {
	case LoadSRPE:
		return "session RPE (RPE × minutes)"
	case LoadTRIMP:
		return "TRIMP (heart rate × minutes)"
	case LoadDuration:
		return "minutes"
	}
	return "km"
}

// chooseLoad resolves the requested metric for the season's runs and, for
// sRPE, scores the unrated runs.
func (s *Season) chooseLoad() {
	c := LoadChoice{Requested: s.Params.LoadMetric}
	for _, r := range s.Runs {
		if !r.IsRun {
			continue
		}
		c.Runs++
		if r.Rated() {
			c.RatedRuns++
		}
		if r.HeartRateBPM > 0 {
			c.HRRuns++
		}
	}
	c.Metric = c.Requested
	if c.Requested == LoadAuto {
		switch {
		case c.Runs > 0 && float64(c.RatedRuns) >= AutoShare*float64(c.Runs):
			c.Metric = LoadSRPE
		case c.Runs > 0 && float64(c.HRRuns) >= AutoShare*float64(c.Runs):
			c.Metric = LoadTRIMP
		default:
			c.Metric = LoadDistance
		}
	}
	if c.Metric == LoadSRPE {
		s.imputeRPE(&c)
	}
	s.Params.LoadMetric = c.Metric
	s.Load = c
}

// imputeRPE gives every unrated run of an sRPE season the median RPE of
// the athlete's rated runs nearest to it in heart rate, else in pace, else
// of all rated runs. Without any rated run, nothing is imputed and the
// unrated runs load 0.
func (s *Season) imputeRPE(c *LoadChoice) {
	var rated []Run
	var withHR, withSpeed int
	for _, r := range s.Runs {
		if r.IsRun && r.Rated() {
			rated = append(rated, r)
			if r.HeartRateBPM > 0 {
				withHR++
			}
			if r.AvgSpeedMS > 0 {
				withSpeed++
			}
		}
	}
	if len(rated) == 0 {
		return
	}
	all := make([]float64, len(rated))
	for i, r := range rated {
		all[i] = r.RPE
	}
	overall := Median(all)
	for i := range s.Runs {
		r := &s.Runs[i]
		if !r.IsRun || r.Rated() {
			continue
		}
		var rpe float64
		switch {
		case r.HeartRateBPM > 0 && withHR >= minImputeBasis:
			rpe = nearestRPE(rated, func(o Run) float64 { return o.HeartRateBPM }, r.HeartRateBPM)
			c.ImputedByHR++
		case r.AvgSpeedMS > 0 && withSpeed >= minImputeBasis:
			rpe = nearestRPE(rated, func(o Run) float64 { return o.AvgSpeedMS }, r.AvgSpeedMS)
			c.ImputedByPace++
		default:
			rpe = overall
		}
		r.RPE, r.RPEImputed = rpe, true
		c.Imputed++
	}
}

// nearestRPE is the median RPE of the imputeNeighbours rated runs whose
// key (heart rate, speed) is nearest to v, among those that have one.
func nearestRPE(rated []Run, key func(Run) float64, v float64) float64 {
	type near struct{ d, rpe float64 }
	var ns []near
	for _, o := range rated {
		if k := key(o); k > 0 {
			ns = append(ns, near{math.Abs(k - v), o.RPE})
		}
	}
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].d < ns[j].d })
	ns = ns[:min(len(ns), imputeNeighbours)]
	rpes := make([]float64, len(ns))
	for i, n := range ns {
		rpes[i] = n.rpe
	}
	return Median(rpes)
}

// sessionRPE is Foster's load of one run: RPE × minutes; NaN when either
// is unknown.
func sessionRPE(r Run) float64 {
	if !(r.RPE > 0) {
		return math.NaN()
	}
	return r.RPE * r.DurationS / 60
}

// countTraining adds a strength or mobility session to its week.
func countTraining(w *Week, sp ingest.Sport) {
	switch sp {
	case ingest.SportStrength:
		w.StrengthSessions++
	case ingest.SportMobility:
		w.MobilitySessions++
	}
}
