package config

import (
	"fmt"
	"math"
	"strings"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
)

// Starter is the commented config `itbcheck config init` writes. Every
// value it sets is the default, so writing it changes nothing until it is
// edited; the rules section lists every rule of rules.All with its
// default thresholds.
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

# Time zone for week boundaries when a file carries no local time (an IANA
# name); empty is UTC.
timezone: ""

load:
  # What "load" means for the training-load rules: auto (session RPE
  # when at least 70 % of the runs carry your rating of perceived
  # exertion, else trimp when they carry heart rate, else distance),
  # srpe (RPE x minutes), trimp (Banister, from heart rate), duration
  # (minutes) or distance (km).
  metric: auto

# Parallel decoders; 0 is one per CPU (the --jobs flag).
jobs: 0

# Thresholds per rule, in the unit of the rule's metric ("itbcheck rules");
# "enabled: false" turns a rule off.
rules:
`)
	for _, r := range rules.All {
		var fields []string
		if r.DisabledByDefault {
			fields = append(fields, "enabled: false")
		}
		d := r.Defaults
		for _, f := range []struct {
			name string
			v    float64
		}{{"low", d.Low}, {"medium", d.Medium}, {"high", d.High}} {
			if !math.IsNaN(f.v) {
				fields = append(fields, f.name+": "+number(f.v))
			}
		}
		fmt.Fprintf(&b, "  %s: {%s}\n", r.ID, strings.Join(fields, ", "))
	}
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
	for _, l := range ingest.LimitTable {
		line := fmt.Sprintf("  %s: %d", l.Key, l.Default/l.Unit)
		if l.Comment != "" {
			// Comments line up where a two-digit value would end.
			pad := max(1, limitCommentColumn-len("  "+l.Key+": ")-2)
			line += strings.Repeat(" ", pad) + "# " + l.Comment
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// limitCommentColumn is where the comments of the limits section start.
const limitCommentColumn = 30
