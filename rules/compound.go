package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// compoundPath is compound-risk's path: the whole chain, ending at the back.
var compoundPath = []Link{
	TrainingLoad, Footwear, SurfaceAsymmetry, KneeFlexionLoad, GluteFatigue,
	TFLCompensation, ITBTension, GaitCompensation, PelvicTilt, LumbarOverload,
}

// CompoundRisk flags weeks in which several risk families reach medium.
var CompoundRisk = &Rule{
	ID:     "compound-risk",
	Family: "compound",
	Doc:    "Several risk families at medium or higher in the same ISO week.",
	Computes: "Counts the distinct families (training load, cadence, asymmetry, terrain, equipment) with a finding at medium " +
		"or higher in the same ISO week (run findings count in their run's week). At least the high limit of families " +
		"gives one high finding dated that Monday, naming the families and rules; its mechanism joins theirs.",
	Mechanism: compoundPath,
	Evidence:  "The self-feeding cycle of the hip → pelvis → lower back chain; plausible, not proven.",
	Defaults:  Thresholds{Low: math.NaN(), Medium: math.NaN(), High: 2},
	Unit:      "risk families",
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.0f", " families") + noteText("at medium or higher in the same week", "")
	},
}

func init() {
	// Set here, not in the literal: checkCompound runs the whole catalogue,
	// which lists CompoundRisk itself.
	CompoundRisk.Check = checkCompound
}

// checkCompound runs the other enabled rules and judges their findings.
func checkCompound(s *analysis.Season, t Thresholds, cfg *Config) []Finding {
	return compoundFindings(evaluateBase(s, cfg), t)
}

// compoundFindings judges the other rules' findings week by week.
func compoundFindings(fs []Finding, t Thresholds) []Finding {
	weeks := make(map[string][]Finding)
	for _, f := range fs {
		if f.Severity < Medium || f.Rule == CompoundRisk.ID {
			continue
		}
		d, err := time.Parse("2006-01-02", f.Date)
		if err != nil {
			continue
		}
		m := dayText(mondayOf(d))
		weeks[m] = append(weeks[m], f)
	}
	mondays := make([]string, 0, len(weeks))
	for m := range weeks {
		mondays = append(mondays, m)
	}
	sort.Strings(mondays)
	var out []Finding
	for _, m := range mondays {
		if f, ok := compoundWeek(m, weeks[m], t); ok {
			out = append(out, f)
		}
	}
	return out
}

// compoundWeek builds the compound finding of one week, if it has one.
func compoundWeek(monday string, fs []Finding, t Thresholds) (Finding, bool) {
	rulesOf := make(map[string][]string) // family → rule ids
	var families []string
	seen := make(map[Link]bool)
	for _, r := range All {
		for _, f := range fs {
			if f.Rule != r.ID {
				continue
			}
			if _, ok := rulesOf[r.Family]; !ok {
				families = append(families, r.Family)
			}
			rulesOf[r.Family] = append(rulesOf[r.Family], r.ID) // each rule once: the loop breaks below
			for _, l := range f.Mechanism {
				seen[l] = true
			}
			break
		}
	}
	n := float64(len(families))
	sev, limit := grade(n, t)
	if sev == None {
		return Finding{}, false
	}
	var parts []string
	for _, fam := range families {
		parts = append(parts, fmt.Sprintf("%s (%s)", fam, strings.Join(rulesOf[fam], ", ")))
	}
	var path []Link
	for _, l := range compoundPath {
		if seen[l] || l == LumbarOverload {
			path = append(path, l)
		}
	}
	summary := fmt.Sprintf("%d risk families at medium or higher in the same week: %s", len(families), strings.Join(parts, "; "))
	return newFinding(CompoundRisk.ID, path, sev, monday, "", "risk_families", n, limit, summary), true
}
