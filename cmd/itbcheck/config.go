package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cast"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
)

// envPrefix starts every environment variable itbcheck reads:
// ITBCHECK_<KEY> with dots and dashes of the key turned into underscores.
const envPrefix = "ITBCHECK"

// topLevelKeys are the config file's known top-level keys; others are
// warned about and ignored.
var topLevelKeys = []string{"timezone", "load", "rules", "gear", "athletes", "limits", "jobs"}

// ruleFields are the keys of one rules.<id> section.
var ruleFields = []string{"enabled", "low", "medium", "high"}

// limitKeys maps the limits.* keys to the ingest.Limits field they set and
// the factor from the config's unit to the field's.
var limitKeys = []struct {
	key    string
	factor int64
	set    func(l *ingest.Limits, v int64)
}{
	{"limits.max_file_mb", 1 << 20, func(l *ingest.Limits, v int64) { l.MaxFileBytes = v }},
	{"limits.max_decompressed_mb", 1 << 20, func(l *ingest.Limits, v int64) { l.MaxDecompressedBytes = v }},
	{"limits.max_ratio", 1, func(l *ingest.Limits, v int64) { l.MaxRatio = v }},
	{"limits.max_archive_entries", 1, func(l *ingest.Limits, v int64) { l.MaxArchiveEntries = int(v) }},
	{"limits.max_nesting_depth", 1, func(l *ingest.Limits, v int64) { l.MaxNestingDepth = int(v) }},
	{"limits.max_records", 1, func(l *ingest.Limits, v int64) { l.MaxRecords = int(v) }},
}

// config is the resolved configuration: defaults, then the config file,
// then ITBCHECK_* variables, then flags.
type config struct {
	File       string // the config file read; "" when none
	Timezone   string // IANA name; "" for UTC
	Location   *time.Location
	LoadMetric analysis.LoadMetric
	Rules      rules.Config
	Limits     ingest.Limits // zero fields take ingest.DefaultLimits
	Jobs       int           // 0: one per CPU
	Athletes   []rosterEntry // the athletes: roster, paths made absolute
}

// rosterEntry is one athlete of the config's athletes: list, with the
// overrides that apply to them only.
type rosterEntry struct {
	Name     string
	Paths    []string // relative paths are taken from the config file's folder
	Timezone string
	Location *time.Location // nil: the global one
	Rules    map[string]rules.Settings
	Gear     map[string]rules.Shoe
}

// rawConfig is the part of the config file read with yaml.v3 directly,
// because viper lower-cases map keys and shoe names are case-sensitive
// labels.
type rawConfig struct {
	Gear     map[string]rawShoe `yaml:"gear"`
	Athletes []rawAthlete       `yaml:"athletes"`
}

type rawShoe struct {
	PriorKm *float64 `yaml:"prior_km"`
	LimitKm *float64 `yaml:"limit_km"`
}

type rawSettings struct {
	Enabled *bool    `yaml:"enabled"`
	Low     *float64 `yaml:"low"`
	Medium  *float64 `yaml:"medium"`
	High    *float64 `yaml:"high"`
}

type rawAthlete struct {
	Name     string                 `yaml:"name"`
	Paths    []string               `yaml:"paths"`
	Timezone string                 `yaml:"timezone"`
	Rules    map[string]rawSettings `yaml:"rules"`
	Gear     map[string]rawShoe     `yaml:"gear"`
}

// configError is a configuration problem: exit 2, nothing analysed.
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

func configErrorf(format string, args ...any) error {
	return &configError{msg: fmt.Sprintf(format, args...)}
}

// findConfigFile picks the config file: the --config flag or ITBCHECK_CONFIG
// (which must exist), else ./itbcheck.yaml, else
// $XDG_CONFIG_HOME/itbcheck/config.yaml (~/.config when unset). It returns ""
// when there is none.
func findConfigFile(flagPath string) (string, error) {
	explicit := flagPath
	if explicit == "" {
		explicit = os.Getenv(envPrefix + "_CONFIG")
	}
	if explicit != "" {
		st, err := os.Stat(explicit)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", configErrorf("config %s: no such file", explicit)
			}
			return "", configErrorf("config %s: %v", explicit, err)
		}
		if st.IsDir() {
			return "", configErrorf("config %s: is a folder, want a YAML file", explicit)
		}
		return explicit, nil
	}
	candidates := []string{"itbcheck.yaml"}
	if dir := userConfigDir(); dir != "" {
		candidates = append(candidates, filepath.Join(dir, "itbcheck", "config.yaml"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c, nil
		}
	}
	return "", nil
}

// userConfigDir is $XDG_CONFIG_HOME as the contract names it, on every
// system; without it, the system's own (~/.config on Linux); "" when there
// is none.
func userConfigDir() string {
	if dir := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return dir
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return dir
}

// loadConfig resolves the configuration. flags holds the command's flags;
// those bound to keys (jobs) override everything else when set. Warnings
// (unknown keys) go to warn.
func loadConfig(flagPath string, flags *pflag.FlagSet, warn io.Writer) (*config, error) {
	file, err := findConfigFile(flagPath)
	if err != nil {
		return nil, err
	}
	v := viper.New()
	v.SetConfigType("yaml")
	v.SetEnvPrefix(envPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()
	v.SetDefault("timezone", "")
	v.SetDefault("load.metric", string(analysis.LoadDistance))
	v.SetDefault("jobs", 0)
	for _, l := range limitKeys {
		_ = v.BindEnv(l.key)
	}
	for _, r := range rules.All {
		for _, f := range ruleFields {
			_ = v.BindEnv("rules." + r.ID + "." + f)
		}
	}
	if flags != nil {
		if f := flags.Lookup("jobs"); f != nil {
			_ = v.BindPFlag("jobs", f)
		}
	}

	var raw rawConfig
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, configErrorf("config %s: %v", file, err)
		}
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			return nil, configErrorf("config %s: not valid YAML: %s", file, oneLine(err))
		}
		if err := yaml.Unmarshal(data, &raw); err != nil {
			return nil, configErrorf("config %s: %s", file, oneLine(err))
		}
		var top map[string]any
		_ = yaml.Unmarshal(data, &top)
		for _, k := range sortedKeys(top) {
			if !contains(topLevelKeys, k) {
				fmt.Fprintf(warn, "itbcheck: warning: config %s: unknown key %q ignored (known: %s)\n", file, k, strings.Join(topLevelKeys, ", "))
			}
		}
	}
	where := "config"
	if file != "" {
		where = "config " + file
	}

	c := &config{File: file}
	c.Timezone = strings.TrimSpace(v.GetString("timezone"))
	if c.Location, err = loadLocation(c.Timezone); err != nil {
		return nil, configErrorf("%s: timezone: %v", where, err)
	}
	c.LoadMetric = analysis.LoadMetric(strings.ToLower(strings.TrimSpace(v.GetString("load.metric"))))
	switch c.LoadMetric {
	case analysis.LoadDistance, analysis.LoadDuration, analysis.LoadTRIMP:
	default:
		return nil, configErrorf("%s: load.metric: %q is not distance, duration or trimp", where, v.GetString("load.metric"))
	}
	if c.Jobs, err = cast.ToIntE(v.Get("jobs")); err != nil || c.Jobs < 0 {
		return nil, configErrorf("%s: jobs: %q is not a number ≥ 0", where, fmt.Sprint(v.Get("jobs")))
	}
	for _, l := range limitKeys {
		if !v.IsSet(l.key) {
			continue
		}
		n, err := cast.ToInt64E(v.Get(l.key))
		if err != nil || n < 0 {
			return nil, configErrorf("%s: %s: %q is not a whole number ≥ 0", where, l.key, fmt.Sprint(v.Get(l.key)))
		}
		l.set(&c.Limits, n*l.factor)
	}

	if c.Rules.Rules, err = ruleSettings(v, where, warn); err != nil {
		return nil, err
	}
	if c.Rules.Gear, err = shoes(raw.Gear, "gear", where); err != nil {
		return nil, err
	}
	if err := validateRules(&c.Rules, where); err != nil {
		return nil, err
	}
	if c.Athletes, err = roster(raw.Athletes, c, file, where); err != nil {
		return nil, err
	}
	return c, nil
}

// validateRules checks thresholds and gear with the rules package.
func validateRules(rc *rules.Config, where string) error {
	if err := rc.Validate(); err != nil {
		return configErrorf("%s: %v", where, err)
	}
	return nil
}

// ruleSettings reads rules.<id>.{enabled,low,medium,high} from the file and
// the environment.
func ruleSettings(v *viper.Viper, where string, warn io.Writer) (map[string]rules.Settings, error) {
	out := map[string]rules.Settings{}
	fileRules := v.GetStringMap("rules")
	for _, id := range sortedKeys(fileRules) {
		if rules.ByID(id) == nil {
			return nil, configErrorf("%s: rules.%s: unknown rule id (see itbcheck rules)", where, id)
		}
		fields, ok := fileRules[id].(map[string]any)
		if !ok {
			return nil, configErrorf("%s: rules.%s: want a mapping of enabled, low, medium, high", where, id)
		}
		for _, f := range sortedKeys(fields) {
			if !contains(ruleFields, f) {
				fmt.Fprintf(warn, "itbcheck: warning: %s: rules.%s.%s: unknown key ignored (known: %s)\n", where, id, f, strings.Join(ruleFields, ", "))
			}
		}
	}
	for _, r := range rules.All {
		var st rules.Settings
		set := false
		for _, f := range ruleFields {
			key := "rules." + r.ID + "." + f
			if !v.IsSet(key) {
				continue
			}
			set = true
			val := v.Get(key)
			if f == "enabled" {
				b, err := cast.ToBoolE(val)
				if err != nil {
					return nil, configErrorf("%s: %s: %q is not true or false", where, key, fmt.Sprint(val))
				}
				st.Enabled = &b
				continue
			}
			x, err := cast.ToFloat64E(val)
			if err != nil {
				return nil, configErrorf("%s: %s: %q is not a number", where, key, fmt.Sprint(val))
			}
			switch f {
			case "low":
				st.Low = &x
			case "medium":
				st.Medium = &x
			case "high":
				st.High = &x
			}
		}
		if set {
			out[r.ID] = st
		}
	}
	return out, nil
}

// shoes turns a raw gear section into rules.Shoe values, keeping the names
// as written.
func shoes(raw map[string]rawShoe, key, where string) (map[string]rules.Shoe, error) {
	out := map[string]rules.Shoe{}
	for _, name := range sortedKeys(raw) {
		s := raw[name]
		var shoe rules.Shoe
		if s.PriorKm != nil {
			shoe.PriorKm = *s.PriorKm
		}
		if s.LimitKm != nil {
			shoe.LimitKm = *s.LimitKm
		}
		if shoe.PriorKm < 0 || shoe.LimitKm < 0 {
			return nil, configErrorf("%s: %s.%s: mileages must not be negative", where, key, name)
		}
		out[name] = shoe
	}
	return out, nil
}

// roster resolves the athletes: list.
func roster(raw []rawAthlete, c *config, file, where string) ([]rosterEntry, error) {
	base := "."
	if file != "" {
		base = filepath.Dir(file)
	}
	seen := map[string]bool{}
	var out []rosterEntry
	for i, a := range raw {
		key := fmt.Sprintf("athletes[%d]", i)
		if strings.TrimSpace(a.Name) == "" {
			return nil, configErrorf("%s: %s.name: missing", where, key)
		}
		if seen[a.Name] {
			return nil, configErrorf("%s: %s.name: %q listed twice", where, key, a.Name)
		}
		seen[a.Name] = true
		e := rosterEntry{Name: a.Name, Timezone: a.Timezone}
		for _, p := range a.Paths {
			if !filepath.IsAbs(p) {
				p = filepath.Join(base, p)
			}
			e.Paths = append(e.Paths, p)
		}
		if a.Timezone != "" {
			loc, err := loadLocation(a.Timezone)
			if err != nil {
				return nil, configErrorf("%s: %s.timezone: %v", where, key, err)
			}
			e.Location = loc
		}
		e.Rules = map[string]rules.Settings{}
		for _, id := range sortedKeys(a.Rules) {
			if rules.ByID(id) == nil {
				return nil, configErrorf("%s: %s.rules.%s: unknown rule id (see itbcheck rules)", where, key, id)
			}
			s := a.Rules[id]
			e.Rules[id] = rules.Settings{Enabled: s.Enabled, Low: s.Low, Medium: s.Medium, High: s.High}
		}
		var err error
		if e.Gear, err = shoes(a.Gear, key+".gear", where); err != nil {
			return nil, err
		}
		merged := mergeRules(c.Rules, e)
		if err := validateRules(&merged, where+": "+key); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// mergeRules lays an athlete's rule settings and shoes over the global ones:
// a setting field given for the athlete wins; a shoe of the same name
// (compared without regard to case) replaces the global one.
func mergeRules(global rules.Config, e rosterEntry) rules.Config {
	out := rules.Config{Rules: map[string]rules.Settings{}, Gear: map[string]rules.Shoe{}}
	for id, s := range global.Rules {
		out.Rules[id] = s
	}
	for id, s := range e.Rules {
		m := out.Rules[id]
		if s.Enabled != nil {
			m.Enabled = s.Enabled
		}
		if s.Low != nil {
			m.Low = s.Low
		}
		if s.Medium != nil {
			m.Medium = s.Medium
		}
		if s.High != nil {
			m.High = s.High
		}
		out.Rules[id] = m
	}
	for name, s := range global.Gear {
		out.Gear[name] = s
	}
	for name, s := range e.Gear {
		for g := range out.Gear {
			if strings.EqualFold(g, name) {
				delete(out.Gear, g)
			}
		}
		out.Gear[name] = s
	}
	return out
}

// params gives the analysis parameters for an athlete (nil: the global
// settings only).
func (c *config) params(e *rosterEntry) analysis.Params {
	p := analysis.Params{Location: c.Location, LoadMetric: c.LoadMetric, MaxHR: math.NaN(), RestHR: math.NaN()}
	if e != nil && e.Location != nil {
		p.Location = e.Location
	}
	return p
}

// rulesFor gives the rules config for an athlete (nil: the global one).
func (c *config) rulesFor(e *rosterEntry) *rules.Config {
	if e == nil {
		rc := c.Rules
		return &rc
	}
	rc := mergeRules(c.Rules, *e)
	return &rc
}

// entry finds the roster entry of an athlete by name, or nil.
func (c *config) entry(name string) *rosterEntry {
	for i := range c.Athletes {
		if c.Athletes[i].Name == name {
			return &c.Athletes[i]
		}
	}
	return nil
}

// ingestOptions gives the decoders' options.
func (c *config) ingestOptions() ingest.Options { return ingest.Options{Limits: c.Limits} }

// loadLocation loads an IANA time zone; "" is UTC.
func loadLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (want an IANA name such as Europe/Zurich)", name)
	}
	return loc, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// oneLine joins the lines of an error message.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
