package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/rules"
)

// ruleEntry is one rule of the catalogue as `itbcheck rules` prints it.
type ruleEntry struct {
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
}

// rulesCommand is `itbcheck rules`.
func (c *cli) rulesCommand() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "rules [flags]",
		Short: "List the rule catalogue with the thresholds in force",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := chooseFormat(format, output, []string{"text", "json", "markdown"})
			if err != nil {
				return err
			}
			cfg, err := c.loadConfig(nil)
			if err != nil {
				return err
			}
			entries := catalogue(&cfg.Rules)
			var buf bytes.Buffer
			switch f {
			case "json":
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				if err := enc.Encode(entries); err != nil {
					return err
				}
			case "markdown":
				writeRulesMarkdown(&buf, entries)
			default:
				writeRulesText(&buf, entries)
			}
			if output != "" {
				if err := writeAtomic(output, buf.Bytes()); err != nil {
					return &exitError{code: exitUsage, msg: oneLine(err)}
				}
				return nil
			}
			_, err = c.stdout.Write(buf.Bytes())
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: text, json or markdown (default text)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of stdout")
	return cmd
}

// catalogue lists rules.All with the thresholds of cfg.
func catalogue(cfg *rules.Config) []ruleEntry {
	entries := []ruleEntry{}
	for _, r := range rules.All {
		t := cfg.Thresholds(r)
		e := ruleEntry{
			ID: r.ID, Title: r.Title, Family: r.Family, Detects: r.Doc, Computes: r.Computes,
			ThresholdText: r.ThresholdText(t), Enabled: cfg.Enabled(r), Evidence: r.Evidence, Grade: string(r.Grade),
			Mechanism: []string{}, Requires: []string{},
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
	return entries
}

// optional is nil for NaN.
func optional(v float64) *float64 {
	if v != v {
		return nil
	}
	return &v
}

func enabledText(on bool) string {
	if on {
		return "enabled"
	}
	return "disabled"
}

// writeRulesText prints the catalogue for a terminal.
func writeRulesText(buf *bytes.Buffer, entries []ruleEntry) {
	for i, e := range entries {
		if i > 0 {
			buf.WriteString("\n")
		}
		fmt.Fprintf(buf, "%s: %s (%s, %s)\n", e.ID, e.Title, e.Family, enabledText(e.Enabled))
		fmt.Fprintf(buf, "  detects:    %s\n", e.Detects)
		fmt.Fprintf(buf, "  computes:   %s\n", e.Computes)
		fmt.Fprintf(buf, "  thresholds: %s\n", e.ThresholdText)
		fmt.Fprintf(buf, "  mechanism:  %s\n", strings.Join(e.Mechanism, " → "))
		fmt.Fprintf(buf, "  evidence:   %s (%s)\n", e.Evidence, e.Grade)
		if len(e.Requires) > 0 {
			fmt.Fprintf(buf, "  builds on:  %s\n", strings.Join(e.Requires, ", "))
		}
	}
}

// writeRulesMarkdown prints the catalogue as a Markdown table.
func writeRulesMarkdown(buf *bytes.Buffer, entries []ruleEntry) {
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
