package config

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
)

// Key is one row of Keys: everything about one scalar config key. Load
// resolves each row (flag, ITBCHECK_* variable, file, default) through
// its parse, `config show` prints the rows in table order with where each
// value came from, and `config init` writes them with their comments.
type Key struct {
	// Name is the dotted key: "jobs", "load.metric", "limits.max_file_mb",
	// "rules.load-spike.medium". Its environment variable is EnvName(Name);
	// a flag of the same name overrides it.
	Name string
	// Default is the value in force when the key is not given, as
	// `config show` and `config init` print it ("-" for a severity a rule
	// does not have).
	Default string
	// Unit is what the value counts ("MiB", "decoders", a rule's unit);
	// "" for a name or a choice.
	Unit string
	// Comment is what the starter config says about the key: the lines
	// above it (top-level keys) or the text beside it (limits); "" for
	// none.
	Comment string

	// parse sets the key in c from v (trimmed); it gives the value as
	// `config show` prints it, or want ("want a number") when v is refused.
	parse func(c *Config, v string) (shown, want string)
	// zeroIsDefault says that c's zero value already is the default (a
	// zero limit takes ingest's default; an unset rule setting the rule's
	// own), so Load does not parse Default.
	zeroIsDefault bool
}

// Keys is the one table of the config's scalar keys, in the order
// `config show` prints them: the top-level keys, then one row per
// ingest.LimitTable row, then rules.<id>.{enabled,low,medium,high} for
// every rule of rules.All. Adding a key is one row here (and a Config
// field); gear and athletes are lists, not keys (see Config.Lists).
var Keys = keyTable()

// keyNamed is the row of Keys named name, or nil.
func keyNamed(name string) *Key {
	for i := range Keys {
		if Keys[i].Name == name {
			return &Keys[i]
		}
	}
	return nil
}

// topKeys are the rows that are neither limits nor rules.
var topKeys = []Key{
	{Name: "timezone", Default: "",
		Comment: "Time zone for week boundaries when a file carries no local time (an IANA\nname); empty is UTC.",
		parse: func(c *Config, v string) (string, string) {
			loc, err := LoadLocation(v)
			if err != nil {
				return "", err.Error()
			}
			c.Timezone, c.Location = v, loc
			return cmpOr(v, "UTC"), ""
		}},
	{Name: "load.metric", Default: string(analysis.LoadAuto),
		Comment: "What \"load\" means for the training-load rules: auto (session RPE\n" +
			"when at least 70 % of the runs carry your rating of perceived\n" +
			"exertion, else trimp when they carry heart rate, else distance),\n" +
			"srpe (RPE x minutes), trimp (Banister, from heart rate), duration\n" +
			"(minutes) or distance (km).",
		parse: func(c *Config, v string) (string, string) {
			m := analysis.LoadMetric(strings.ToLower(v))
			if !slices.Contains(LoadMetrics, m) {
				return "", "want one of " + joinMetrics()
			}
			c.LoadMetric = m
			return string(m), ""
		}},
	{Name: "jobs", Default: "0", Unit: "decoders",
		Comment: "Parallel decoders; 0 is one per CPU (the --jobs flag).",
		parse: func(c *Config, v string) (string, string) {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return "", "want a whole number ≥ 0 (0: one per CPU)"
			}
			c.Jobs = n
			return strconv.Itoa(n), ""
		}},
}

// ruleFields are the keys of one rules.<id> section.
var ruleFields = []string{"enabled", "low", "medium", "high"}

func keyTable() []Key {
	keys := slices.Clone(topKeys)
	for _, l := range ingest.LimitTable {
		keys = append(keys, limitKey(l))
	}
	for _, r := range rules.All {
		for _, f := range ruleFields {
			keys = append(keys, ruleKey(r, f))
		}
	}
	return keys
}

// limitKey is the row of limits.<key>: whole units of l.Unit.
func limitKey(l ingest.Limit) Key {
	unit := map[int64]string{1: "", 1 << 10: "KiB", 1 << 20: "MiB"}[l.Unit]
	return Key{Name: "limits." + l.Key, Default: strconv.FormatInt(l.Default/l.Unit, 10),
		Unit: unit, Comment: l.Comment, zeroIsDefault: true,
		parse: func(c *Config, v string) (string, string) {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return "", "want a whole number ≥ 0"
			}
			if most := limitMost(l.Unit); n > most {
				// 2^44+1 MB once wrapped round to a 1 MiB limit.
				return "", fmt.Sprintf("too large (at most %d)", most)
			}
			l.Set(&c.Limits, n*l.Unit)
			return strconv.FormatInt(n, 10), ""
		}}
}

// ruleKey is the row of rules.<id>.<field>: enabled, or a threshold in
// the rule's unit.
func ruleKey(r *rules.Rule, field string) Key {
	k := Key{Name: "rules." + r.ID + "." + field, zeroIsDefault: true}
	set := func(c *Config, f func(*rules.Settings)) {
		st := c.Rules.Rules[r.ID]
		f(&st)
		c.Rules.Rules[r.ID] = st
	}
	if field == "enabled" {
		k.Default = strconv.FormatBool(!r.DisabledByDefault)
		k.parse = func(c *Config, v string) (string, string) {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return "", "want true or false"
			}
			set(c, func(s *rules.Settings) { s.Enabled = &b })
			return strconv.FormatBool(b), ""
		}
		return k
	}
	d := map[string]float64{"low": r.Defaults.Low, "medium": r.Defaults.Medium, "high": r.Defaults.High}[field]
	k.Default, k.Unit = number(d), r.Unit.Text
	k.parse = func(c *Config, v string) (string, string) {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return "", "want a number"
		}
		set(c, func(s *rules.Settings) {
			switch field {
			case "low":
				s.Low = &x
			case "medium":
				s.Medium = &x
			case "high":
				s.High = &x
			}
		})
		return number(x), ""
	}
	return k
}

// resolve sets every key of Keys in c, in table order, and records where
// each value came from.
func (c *Config) resolve(r *resolver) error {
	c.Rules.Rules = map[string]rules.Settings{}
	checked := false
	for _, k := range Keys {
		if !checked && strings.HasPrefix(k.Name, "rules.") {
			if err := checkRuleIDs(r); err != nil {
				return err
			}
			checked = true
		}
		v, src, ok := r.get(k.Name)
		shown := k.Default
		switch {
		case ok:
			var want string
			if shown, want = k.parse(c, strings.TrimSpace(v)); want != "" {
				return r.bad(k.Name, v, src, want)
			}
		case !k.zeroIsDefault:
			var want string
			if shown, want = k.parse(c, k.Default); want != "" {
				panic(fmt.Sprintf("config key %s: default %q: %s", k.Name, k.Default, want))
			}
		}
		c.add(k.Name, shown, src)
	}
	return nil
}

// checkRuleIDs refuses a rules.<id> section of the file whose id is not a
// rule's, or that is not a mapping; the first in key order is named.
func checkRuleIDs(r *resolver) error {
	for _, k := range slices.Sorted(maps.Keys(r.file.scalars)) {
		n := r.file.scalars[k]
		rest, ok := strings.CutPrefix(k, "rules.")
		if !ok {
			continue
		}
		id, field, _ := strings.Cut(rest, ".")
		if rules.ByID(id) == nil {
			return errorf("%s:%d: rules.%s: unknown rule id (see itbcheck rules)", r.where(), n.Line, id)
		}
		if field == "" {
			return errorf("%s:%d: rules.%s: want a mapping of enabled, low, medium, high", r.where(), n.Line, id)
		}
	}
	return nil
}
