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

// catalogueIDs lists the rule ids in catalogue order (rules.All), then ids
// only seen in findings.
func catalogueIDs(fs []rules.Finding) []string {
	var ids []string
	seen := map[string]bool{}
	for _, r := range rules.All {
		if !seen[r.ID] {
			ids = append(ids, r.ID)
			seen[r.ID] = true
		}
	}
	for _, f := range fs {
		if !seen[f.Rule.ID] {
			ids = append(ids, f.Rule.ID)
			seen[f.Rule.ID] = true
		}
	}
	return ids
}
