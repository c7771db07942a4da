package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/rules"
)

// RuleEntry is one rule of the catalogue as `itbcheck rules` prints it,
// with the thresholds in force under a config.
type RuleEntry struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Family     string   `json:"family"`
	Detects    string   `json:"detects"`
	Computes   string   `json:"computes"`
	Thresholds struct { // in force under the config; null when a severity has none
		Low    *float64 `json:"low"`
		Medium *float64 `json:"medium"`
		High   *float64 `json:"high"`
	} `json:"thresholds"`
	ThresholdText string   `json:"threshold_text"`
	Enabled       bool     `json:"enabled"`
	Evidence      string   `json:"evidence"`
	Grade         string   `json:"evidence_grade"`
	Mechanism     []string `json:"mechanism"`
	Requires      []string `json:"requires"`
	// Explanation and Advice are printed for one rule (`itbcheck rules ID`).
	Explanation string `json:"explanation"`
	Advice      string `json:"advice"`
}

// Catalogue lists the rules of ids (every rule of rules.All when none) with
// the thresholds of cfg. An unknown id is an error naming the known ones.
func Catalogue(cfg *rules.Config, ids ...string) ([]RuleEntry, error) {
	list := rules.All
	if len(ids) > 0 {
		list = nil
		for _, id := range ids {
			r := rules.ByID(id)
			if r == nil {
				known := make([]string, len(rules.All))
				for i, k := range rules.All {
					known[i] = k.ID
				}
				return nil, fmt.Errorf("%s: unknown rule id (known: %s)", id, strings.Join(known, ", "))
			}
			list = append(list, r)
		}
	}
	entries := []RuleEntry{}
	for _, r := range list {
		t := cfg.Thresholds(r)
		e := RuleEntry{
			ID: r.ID, Title: r.Title, Family: string(r.Family), Detects: r.Doc, Computes: r.Computes,
			ThresholdText: r.ThresholdText(t), Enabled: cfg.Enabled(r), Evidence: r.Evidence, Grade: string(r.Grade),
			Mechanism: []string{}, Requires: []string{}, Explanation: r.Explanation, Advice: r.Advice,
		}
		for _, req := range r.Requires {
			e.Requires = append(e.Requires, req.ID)
		}
		e.Thresholds.Low, e.Thresholds.Medium, e.Thresholds.High = optional(t.Low), optional(t.Medium), optional(t.High)
		for _, l := range r.Mechanism {
			e.Mechanism = append(e.Mechanism, string(l))
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// optional is nil for NaN.
func optional(v float64) *float64 {
	if v != v {
		return nil
	}
	return &v
}

// RenderCatalogue writes entries as text (wrapped at width columns; 0 for
// textWidth), json or markdown. The text of one rule adds its explanation
// and advice.
func RenderCatalogue(w io.Writer, format string, entries []RuleEntry, width int) error {
	var buf bytes.Buffer
	switch format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(entries); err != nil {
			return err
		}
	case "markdown":
		catalogueMarkdown(&buf, entries)
	case "text":
		catalogueText(&buf, entries, width)
	default:
		return fmt.Errorf("rules: unknown format %q (want text, json or markdown)", format)
	}
	_, err := buf.WriteTo(w)
	return err
}

func enabledText(on bool) string {
	if on {
		return "enabled"
	}
	return "disabled"
}

// catalogueText prints the catalogue for a terminal of width columns.
func catalogueText(buf *bytes.Buffer, entries []RuleEntry, width int) {
	if width <= 0 {
		width = defaultWidth
	}
	width = max(width, 40)
	const indent = "              " // under the field's value
	field := func(name, value string) {
		lead := fmt.Sprintf("  %-12s", name+":")
		for i, l := range wrap(value, width-utf8.RuneCountInString(lead), width-len(indent)) {
			if i == 0 {
				fmt.Fprintf(buf, "%s%s\n", lead, l)
			} else {
				fmt.Fprintf(buf, "%s%s\n", indent, l)
			}
		}
	}
	for i, e := range entries {
		if i > 0 {
			buf.WriteString("\n")
		}
		for _, l := range wrap(fmt.Sprintf("%s: %s (%s, %s)", e.ID, e.Title, e.Family, enabledText(e.Enabled)), width, width-2) {
			if !strings.HasPrefix(l, e.ID) {
				l = "  " + l
			}
			buf.WriteString(l + "\n")
		}
		field("detects", e.Detects)
		field("computes", e.Computes)
		field("thresholds", e.ThresholdText)
		field("mechanism", strings.Join(e.Mechanism, " → "))
		field("evidence", fmt.Sprintf("%s (%s)", e.Evidence, e.Grade))
		if len(e.Requires) > 0 {
			field("builds on", strings.Join(e.Requires, ", "))
		}
		if len(entries) == 1 {
			field("why", e.Explanation)
			field("what to do", e.Advice)
		}
	}
}

// catalogueMarkdown prints the catalogue as a Markdown table.
func catalogueMarkdown(buf *bytes.Buffer, entries []RuleEntry) {
	buf.WriteString("| id | family | detects | computes | thresholds in force | enabled | mechanism | evidence (grade) |\n")
	buf.WriteString("|---|---|---|---|---|---|---|---|\n")
	cell := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }
	for _, e := range entries {
		detects := "**" + cell(e.Title) + "**: " + cell(e.Detects)
		if len(e.Requires) > 0 {
			detects += " Builds on " + cell(strings.Join(e.Requires, ", ")) + "."
		}
		fmt.Fprintf(buf, "| `%s` | %s | %s | %s | %s | %s | %s | %s (%s) |\n", e.ID, cell(e.Family), detects,
			cell(e.Computes), cell(e.ThresholdText), enabledText(e.Enabled), cell(strings.Join(e.Mechanism, " → ")), cell(e.Evidence), cell(e.Grade))
	}
}
