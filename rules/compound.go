package rules

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// compoundPath is compound-risk's path: the whole chain, ending at the back.
var compoundPath = []Link{
	TrainingLoad, Footwear, SurfaceAsymmetry, KneeFlexionLoad, GluteFatigue,
	TFLCompensation, ITBTension, GaitCompensation, PelvicTilt, LumbarOverload,
}

// CompoundRisk flags weeks in which several risk families are open at once.
var CompoundRisk = &Rule{
	ID:     "compound-risk",
	Family: FamilyCompound,
	Title:  "Several risk patterns at once",
	Doc:    "Several risk families open within the same two weeks.",
	Computes: "For each ISO week, the distinct families (training load, cadence, asymmetry, terrain, equipment) with a finding " +
		"at low or higher covering that week or the one before (an episode covers its weeks; run findings count in their run's " +
		"week; info notes never count). Medium: at least the medium limit of families at low or higher; high: at least the high " +
		"limit of families at medium or higher. Consecutive weeks make one episode, named by its families and rules; its " +
		"mechanism joins theirs.",
	Mechanism: compoundPath,
	Evidence:  "The article's self-feeding cycle of the hip → pelvis → lower back chain.",
	Grade:     GradePlausible,
	Explanation: "Several risk patterns at the same time can feed one another: load, fatigue and compensation add up along the hip → pelvis → lower back chain. " +
		"Each link is discussed with its own finding; that they combine into a self-feeding cycle is plausible rather than proven.",
	Advice:   advise(adviceLoad, adviceHip),
	Defaults: Thresholds{Low: math.NaN(), Medium: 3, High: 2},
	Unit:     Unit{Families, "risk families"},
	Requires: []*Rule{
		LoadSpike, SessionSpike, WeeklyJump, Monotony,
		CadenceDrop, LowCadence, CadenceFade,
		GCTImbalance, AsymmetryDrift,
		DownhillLoad, TrackDirection,
		ShoeMileage,
	},
	Run:             checkCompound,
	levelsUnordered: true,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("medium: ≥ %.0f families at low or higher, high: ≥ %.0f families at medium or higher, within the same 2 weeks", t.Medium, t.High)
	},
}

// compoundWindowWeeks is how many weeks, ending with the judged one, a
// family's finding may cover to count.
const compoundWindowWeeks = 2

// family is one risk family open in a week: its highest severity, rules
// and links.
type family struct {
	name    Family
	sev     Severity
	rules   []string            // in the order first seen
	ruleSev map[string]Severity // each rule's highest severity
}

// checkCompound judges the required rules' findings week by week.
func checkCompound(p *Pass) {
	s, t := p.Season, p.Thresholds
	type span struct {
		f           Finding
		rule        *Rule
		first, last int
	}
	var spans []span
	for _, r := range p.Rule.Requires {
		for _, f := range p.ResultOf(r) {
			if f.Severity < Low {
				continue
			}
			if first, last, ok := findingWeeks(s, f); ok {
				spans = append(spans, span{f, r, first, last})
			}
		}
	}
	var marks []mark
	links := map[Link]bool{}
	for w := range s.Weeks {
		var fams []*family
		byName := map[Family]*family{}
		for _, sp := range spans {
			if sp.first > w || sp.last < w-compoundWindowWeeks+1 {
				continue
			}
			fam := byName[sp.rule.Family]
			if fam == nil {
				fam = &family{name: sp.rule.Family, ruleSev: map[string]Severity{}}
				byName[fam.name] = fam
				fams = append(fams, fam)
			}
			fam.sev = max(fam.sev, sp.f.Severity)
			if !slices.Contains(fam.rules, sp.rule.ID) {
				fam.rules = append(fam.rules, sp.rule.ID)
			}
			fam.ruleSev[sp.rule.ID] = max(fam.ruleSev[sp.rule.ID], sp.f.Severity)
		}
		atLow, atMedium := 0, 0
		for _, fam := range fams {
			atLow++
			if fam.sev >= Medium {
				atMedium++
			}
		}
		m := mark{week: w}
		switch {
		case float64(atMedium) >= t.High:
			m.sev, m.value, m.limit = High, float64(atMedium), t.High
			m.summary = familiesText(fams, Medium, "at medium or higher")
		case float64(atLow) >= t.Medium:
			m.sev, m.value, m.limit = Medium, float64(atLow), t.Medium
			m.summary = familiesText(fams, Low, "open")
		default:
			continue
		}
		marks = append(marks, m)
		for _, sp := range spans {
			if sp.first <= w && sp.last >= w-compoundWindowWeeks+1 {
				for _, l := range sp.f.Mechanism {
					links[l] = true
				}
			}
		}
	}
	before := len(p.findings)
	p.reportEpisodes("risk_families", marks)
	var path []Link
	for _, l := range compoundPath {
		if links[l] || l == LumbarOverload {
			path = append(path, l)
		}
	}
	for i := before; i < len(p.findings); i++ {
		p.findings[i].Mechanism = append([]Link(nil), path...)
	}
}

// familiesText names the families at sev or higher and their rules:
// "3 risk families open within 2 weeks: training load (load-spike); ...".
func familiesText(fams []*family, sev Severity, how string) string {
	var parts []string
	for _, fam := range fams {
		if fam.sev < sev {
			continue
		}
		var ids []string
		for _, id := range fam.rules {
			if fam.ruleSev[id] >= sev {
				ids = append(ids, id)
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", fam.name, strings.Join(ids, ", ")))
	}
	return fmt.Sprintf("%d risk families %s within 2 weeks: %s", len(parts), how, strings.Join(parts, "; "))
}
