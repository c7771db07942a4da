package config

import (
	"fmt"
	"strings"
)

// Starter is the commented config `itbcheck config init` writes. Every
// value it sets is the default, so writing it changes nothing until it is
// edited. Its keys are the rows of Keys, with their comments and
// defaults; the prose between the sections and the gear and athletes
// examples are written here.
func Starter() string {
	var b strings.Builder
	b.WriteString(`# itbcheck configuration, written by "itbcheck config init".
#
# Every key is optional; the values below are the defaults. Every key can
# also be set as an environment variable ITBCHECK_<KEY>, dots and dashes as
# underscores (ITBCHECK_RULES_LOAD_SPIKE_MEDIUM=1.4); a flag wins over the
# environment, which wins over this file. "itbcheck config show" prints the
# config in force and where each value came from; "itbcheck rules ID"
# explains a rule and its thresholds.

`)
	writeTopKeys(&b)
	b.WriteString(`# Thresholds per rule, in the unit of the rule's metric ("itbcheck rules");
# "enabled: false" turns a rule off.
rules:
`)
	writeRuleKeys(&b)
	b.WriteString(`
# Shoes, named as in Strava's "Activity Gear" column: km run in them before
# the exports start, and the mileage at which to retire them.
gear: {}
#  "Old Clifton 8": {prior_km: 700, limit_km: 800}

# Optional roster for "batch" and "check --team" without a ROOT; paths are
# taken from this file's folder. Each athlete may override timezone, rules
# and gear.
athletes: []
#  - name: alice
#    paths: [exports/alice, strava/alice-export.zip]
#    timezone: America/Denver
#    rules: {gct-imbalance: {medium: 2.0}}

# Guards against hostile input.
limits:
`)
	writeLimitKeys(&b)
	return b.String()
}

// limitCommentColumn is where the comments of the limits section start.
const limitCommentColumn = 30

// writeTopKeys writes the rows of Keys that are neither limits nor rules,
// each with its comment and a blank line after; a dotted key is written
// under its section ("load:" then "  metric: auto").
func writeTopKeys(b *strings.Builder) {
	section := ""
	for _, k := range Keys {
		if strings.HasPrefix(k.Name, "limits.") || strings.HasPrefix(k.Name, "rules.") {
			continue
		}
		parent, leaf, nested := strings.Cut(k.Name, ".")
		indent := ""
		if !nested {
			parent, leaf = "", k.Name
		} else {
			indent = "  "
		}
		if parent != section && parent != "" {
			b.WriteString(parent + ":\n")
		}
		section = parent
		if k.Comment != "" {
			for _, line := range strings.Split(k.Comment, "\n") {
				b.WriteString(indent + "# " + line + "\n")
			}
		}
		value := k.Default
		if value == "" {
			value = `""`
		}
		fmt.Fprintf(b, "%s%s: %s\n\n", indent, leaf, value)
	}
}

// writeRuleKeys writes one line per rule, {field: default, ...}, leaving
// out what goes without saying: "enabled: true" and a severity the rule
// does not have ("-").
func writeRuleKeys(b *strings.Builder) {
	var id string
	var fields []string
	flush := func() {
		if id != "" {
			fmt.Fprintf(b, "  %s: {%s}\n", id, strings.Join(fields, ", "))
		}
	}
	for _, k := range Keys {
		rest, ok := strings.CutPrefix(k.Name, "rules.")
		if !ok {
			continue
		}
		rule, field, _ := strings.Cut(rest, ".")
		if rule != id {
			flush()
			id, fields = rule, nil
		}
		if k.Default == "-" || (field == "enabled" && k.Default == "true") {
			continue
		}
		fields = append(fields, field+": "+k.Default)
	}
	flush()
}

// writeLimitKeys writes the limits.* rows, their comments beside them.
func writeLimitKeys(b *strings.Builder) {
	for _, k := range Keys {
		leaf, ok := strings.CutPrefix(k.Name, "limits.")
		if !ok {
			continue
		}
		line := "  " + leaf + ": " + k.Default
		if k.Comment != "" {
			// Comments line up where a two-digit value would end.
			pad := max(1, limitCommentColumn-len("  "+leaf+": ")-2)
			line += strings.Repeat(" ", pad) + "# " + k.Comment
		}
		b.WriteString(line + "\n")
	}
}
