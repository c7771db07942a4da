package report

import (
	"strings"

	"github.com/itbcheck/itbcheck/rules"
)

// linkLabel is a 2–4 word label of a mechanism link.
func linkLabel(l rules.Link) string { return rules.LinkLabel(l) }

// linkText is the plain-words sentence of a mechanism link, capitalised.
func linkText(l rules.Link) string {
	t := rules.LinkText(l)
	if t == "" {
		return linkLabel(l)
	}
	return strings.ToUpper(t[:1]) + t[1:] + "."
}

// chainLabels joins a mechanism path as "a → b → c".
func chainLabels(ls []rules.Link) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = linkLabel(l)
	}
	return strings.Join(parts, " → ")
}

// disclaimer says what the report is and is not.
func disclaimer() string { return rules.Disclaimer }

// redFlags lists when to see a professional.
func redFlags() []string { return []string{rules.RedFlags} }

// ruleOrder is the contract's catalogue order, used when rules.All is
// empty.
var ruleOrder = []string{
	"load-spike", "weekly-jump", "monotony", "cadence-drop", "low-cadence",
	"cadence-fade", "gct-imbalance", "asymmetry-drift", "downhill-load",
	"track-direction", "shoe-mileage", "compound-risk",
}

// catalogueIDs lists the rule ids in catalogue order: from rules.All when
// it is filled, else the contract's list; ids only seen in findings follow.
func catalogueIDs(fs []rules.Finding) []string {
	var ids []string
	seen := map[string]bool{}
	if len(rules.All) > 0 {
		for _, r := range rules.All {
			if !seen[r.ID] {
				ids = append(ids, r.ID)
				seen[r.ID] = true
			}
		}
	} else {
		for _, id := range ruleOrder {
			ids = append(ids, id)
			seen[id] = true
		}
	}
	for _, f := range fs {
		if !seen[f.Rule] {
			ids = append(ids, f.Rule)
			seen[f.Rule] = true
		}
	}
	return ids
}
