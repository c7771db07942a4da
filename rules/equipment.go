package rules

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// shoePath is the chain path of shoe-mileage.
var shoePath = []Link{Footwear, KneeFlexionLoad, ITBTension, PelvicTilt, LumbarOverload}

// shoeHighMarginKm is how far past a shoe's own limit high begins.
const shoeHighMarginKm = 200

// ShoeMileage flags shoes run past their mileage.
var ShoeMileage = &Rule{
	ID:     "shoe-mileage",
	Family: FamilyEquipment,
	Title:  "Worn-out shoes",
	Doc:    "Worn-out footwear: cumulative km per pair of shoes.",
	Computes: "Cumulative running km per shoe (the run's gear, as in Strava's Activity Gear column) plus the config's " +
		"gear.<name>.prior_km. A shoe's limit_km, when set, replaces the medium limit, high becomes limit + 200 km and low " +
		"at most limit − 200 km. One finding per shoe, at the run where it crossed its highest limit. One pair for every " +
		"run of the last 8 weeks (at least 8 runs, every one naming its shoe) is an info note: alternating pairs was linked " +
		"to fewer injuries.",
	Mechanism: shoePath,
	Evidence: "No outcome evidence for mileage limits; foam ages in lab studies only. Runners using more than one pair in parallel " +
		"had fewer injuries (Malisoux L et al., Scand J Med Sci Sports 2015;25(1):110–15: 264 runners, HR 0.61, 0.39–0.97). An equipment note.",
	Grade: GradeWeak,
	Explanation: "Worn-out shoes absorb and guide less; foam ages in lab studies, but no study links a mileage limit to injury, so this is an equipment note. " +
		"Less guidance may keep the knee longer near 20–30° of flexion, where the IT band presses the outer knee hardest, " +
		"and band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	Advice:   advise(adviceShoes),
	Defaults: Thresholds{Low: 600, Medium: 800, High: 1000},
	Unit:     Unit{Kilometres, "km per shoe"},
	Run:      checkShoeMileage,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.0f", " km") + noteText("per shoe", "a shoe's limit_km replaces medium, high = limit + 200 km")
	},
}

// shoeThresholds are the limits for one shoe: its own limit_km, when set,
// replaces the medium limit.
func shoeThresholds(t Thresholds, shoe Shoe) Thresholds {
	if shoe.LimitKm <= 0 {
		return t
	}
	return Thresholds{
		Low:    math.Min(t.Low, math.Max(shoe.LimitKm-shoeHighMarginKm, 0)),
		Medium: shoe.LimitKm,
		High:   shoe.LimitKm + shoeHighMarginKm,
	}
}

// shoeConfig finds a shoe in the config by name, exactly or ignoring case.
func shoeConfig(cfg *Config, name string) Shoe {
	if cfg == nil {
		return Shoe{}
	}
	if s, ok := cfg.Gear[name]; ok {
		return s
	}
	for n, s := range cfg.Gear {
		if strings.EqualFold(strings.TrimSpace(n), name) {
			return s
		}
	}
	return Shoe{}
}

// shoeState tracks one shoe's mileage through the season.
type shoeState struct {
	km    float64      // km so far, prior_km included
	prior float64      // the config's prior_km
	t     Thresholds   // this shoe's limits (shoeThresholds)
	sev   Severity     // highest severity reached so far
	at    analysis.Run // the run on which sev was reached
	atKm  float64      // km at the end of that run
	limit float64      // the limit sev was graded on
}

// checkShoeMileage adds up each shoe's km run by run and reports the run at
// which it crossed its highest limit.
func checkShoeMileage(p *Pass) {
	s, t := p.Season, p.Thresholds
	cfg := p.Config
	shoes := make(map[string]*shoeState)
	var order []string
	eachShoeRun(s, cfg, func(name string, shoe Shoe, r analysis.Run, km float64) {
		st, ok := shoes[name]
		if !ok {
			st = &shoeState{prior: shoe.PriorKm, t: shoeThresholds(t, shoe)}
			shoes[name] = st
			order = append(order, name)
		}
		st.km = km
		if sev, limit := grade(st.km, st.t); sev > st.sev {
			st.sev, st.at, st.atKm, st.limit = sev, r, st.km, limit
		}
	})
	if len(order) == 0 {
		p.NoData("no shoes named (Strava gear)")
		return
	}
	reportRotation(p)
	for _, name := range order {
		st := shoes[name]
		if st.sev == None {
			continue
		}
		summary := fmt.Sprintf("Shoe %q passed %.0f km on this run (%.0f km; %.0f km by the end of the period)", name, st.limit, st.atKm, st.km)
		if st.prior > 0 {
			summary = fmt.Sprintf("Shoe %q passed %.0f km on this run (%.0f km including %.0f km before the exports; %.0f km by the end of the period)",
				name, st.limit, st.atKm, st.prior, st.km)
		}
		p.Report(Finding{Severity: st.sev, Date: dayOf(runDay(s, st.at)), Activity: st.at.Source, Metric: "shoe_km", Value: st.atKm, Threshold: st.limit, Summary: summary})
	}
}

// rotationWeeks and minRotationRuns: one pair for every run of the last
// rotationWeeks weeks (at least minRotationRuns runs) is a rotation note.
const rotationWeeks, minRotationRuns = 8, 8

// reportRotation adds an info note when every run of the season's last 8
// weeks was in the same pair (Malisoux 2015: parallel use of more than one
// pair, HR 0.61). A run without a named shoe leaves it unknown: no note.
func reportRotation(p *Pass) {
	s := p.Season
	if len(s.Weeks) < rotationWeeks {
		return
	}
	from := s.Weeks[len(s.Weeks)-rotationWeeks].Monday.Time(s.Params.Location)
	var runs []analysis.Run
	for _, r := range s.Runs {
		if !r.IsRun || runDay(s, r).Before(from) {
			continue
		}
		if strings.TrimSpace(r.Gear) == "" || (len(runs) > 0 && !strings.EqualFold(strings.TrimSpace(r.Gear), strings.TrimSpace(runs[0].Gear))) {
			return
		}
		runs = append(runs, r)
	}
	if len(runs) < minRotationRuns {
		return
	}
	first, last := runs[0], runs[len(runs)-1]
	f := Finding{Severity: Info, Date: dayOf(runDay(s, first)), Until: dayOf(runDay(s, last)), Metric: "shoe_pairs", Value: 1, Threshold: 2,
		Summary: fmt.Sprintf("All %d runs of the last %d weeks in one pair (%q): runners who alternated more than one pair had fewer injuries "+
			"(Malisoux 2015, 264 runners, HR 0.61)", len(runs), rotationWeeks, strings.TrimSpace(first.Gear)),
		Explanation: "Alternating two or more pairs varies the load on the legs a little from run to run; in 264 recreational runners " +
			"those who used more than one pair in parallel had fewer running injuries (Malisoux 2015, HR 0.61). One cohort, not ITBS-specific: a note, not a risk.",
		Advice: advise("Consider alternating two or more pairs of running shoes."),
	}
	p.Report(f)
}

// eachShoeRun walks the season's runs that name a shoe, in order, and calls
// visit with the shoe's name (trimmed), its config and its km so far (its
// prior_km plus every run up to and including r). It is the one place
// where shoe km are added up: the rule and the reports' shoe list use it.
func eachShoeRun(s *analysis.Season, cfg *Config, visit func(name string, shoe Shoe, r analysis.Run, km float64)) {
	km := make(map[string]float64)
	for _, r := range s.Runs {
		name := strings.TrimSpace(r.Gear)
		if !r.IsRun || name == "" {
			continue
		}
		shoe := shoeConfig(cfg, name)
		k, ok := km[name]
		if !ok {
			k = shoe.PriorKm
		}
		if finite(r.DistanceKm) {
			k += r.DistanceKm
		}
		km[name] = k
		visit(name, shoe, r, k)
	}
}

// ShoeKm is one shoe's mileage at the end of the period, for the reports.
type ShoeKm struct {
	Name string
	// Km is the shoe's km: the config's prior_km plus every run in it.
	Km float64
	// LimitKm is the km at which shoe-mileage calls it worn (medium): the
	// shoe's own limit_km, else the rule's medium threshold in force.
	LimitKm float64
	// RecentRuns counts its runs in the last 8 weeks of the season.
	RecentRuns int
}

// Shoes lists every shoe the season's runs name, in the order first worn,
// with its km (the same sum shoe-mileage grades); nil when no run names one.
func Shoes(s *analysis.Season, cfg *Config) []ShoeKm {
	if s == nil {
		return nil
	}
	t := cfg.Thresholds(ShoeMileage)
	var from time.Time
	if len(s.Weeks) > 0 {
		from = s.Weeks[max(len(s.Weeks)-rotationWeeks, 0)].Monday.Time(s.Params.Location)
	}
	var out []ShoeKm
	at := make(map[string]int)
	eachShoeRun(s, cfg, func(name string, shoe Shoe, r analysis.Run, km float64) {
		i, ok := at[name]
		if !ok {
			i = len(out)
			at[name] = i
			out = append(out, ShoeKm{Name: name, LimitKm: shoeThresholds(t, shoe).Medium})
		}
		out[i].Km = km
		if !runDay(s, r).Before(from) {
			out[i].RecentRuns++
		}
	})
	return out
}
