package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/internal/safeyaml"
	"github.com/itbcheck/itbcheck/rules"
)

// EnvPrefix starts every environment variable itbcheck reads:
// ITBCHECK_<KEY> with the dots and dashes of the key turned into
// underscores.
const EnvPrefix = "ITBCHECK"

// TopLevelKeys are the config file's known top-level keys; others are
// warned about and ignored.
var TopLevelKeys = []string{"timezone", "load", "rules", "gear", "athletes", "limits", "jobs"}

// LoadMetrics are the values load.metric accepts.
var LoadMetrics = []analysis.LoadMetric{analysis.LoadAuto, analysis.LoadSRPE, analysis.LoadTRIMP, analysis.LoadDuration, analysis.LoadDistance}

// Config is the resolved configuration.
type Config struct {
	File       string // the config file read; "" when none
	Timezone   string // IANA name; "" for UTC
	Location   *time.Location
	LoadMetric analysis.LoadMetric
	Rules      rules.Config
	Limits     ingest.Limits // zero fields take ingest.DefaultLimits
	Jobs       int           // 0: one per CPU
	Athletes   []Athlete     // the roster, paths made absolute

	// Values lists every scalar key in force with where it came from, in
	// the order `config show` prints them.
	Values []Value
	// Lists are the gear and roster entries, with the file lines they came
	// from.
	Lists []Value
}

// Athlete is one athlete of the config's athletes: list, with the
// overrides that apply to them only.
type Athlete struct {
	Name     string
	Paths    []string // relative paths are taken from the config file's folder
	Timezone string
	Location *time.Location // nil: the global one
	Rules    map[string]rules.Settings
	Gear     map[string]rules.Shoe
	Symptoms string // the symptom log; relative to the config file's folder
}

// Error is a configuration problem: exit 2, nothing analysed.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Options say where Load looks.
type Options struct {
	// Path is the --config flag; "" to look in the default places.
	Path string
	// LookupEnv reads the environment; nil for os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// Flags, when not nil, holds the command's flags: a changed flag named
	// like a key (jobs) overrides the environment and the file.
	Flags *pflag.FlagSet
	// Warn receives warnings (unknown keys, at most MaxWarnings lines and
	// one that counts the rest); nil discards them.
	Warn io.Writer
	// Strict makes an unknown key or rule field an error (check: a CI
	// gate must not pass on a typo'd threshold).
	Strict bool
}

// MaxWarnings bounds the unknown keys warned one by one; one more line
// counts the rest.
const MaxWarnings = 20

// unknownKeys collects the warnings about unknown keys of one config.
type unknownKeys struct {
	lines []string
}

func (u *unknownKeys) add(format string, args ...any) {
	u.lines = append(u.lines, fmt.Sprintf(format, args...))
}

// settle warns (at most MaxWarnings lines and a count), or, when strict,
// fails with the first and a count of the rest.
func (u *unknownKeys) settle(o *Options) error {
	if len(u.lines) == 0 {
		return nil
	}
	if o.Strict {
		msg := u.lines[0]
		if n := len(u.lines) - 1; n > 0 {
			msg += fmt.Sprintf(" (and %d more unknown keys)", n)
		}
		return errorf("%s; check refuses a config with unknown keys", msg)
	}
	for i, l := range u.lines {
		if i == MaxWarnings {
			warnf(o.Warn, "... and %d more unknown keys ignored", len(u.lines)-i)
			break
		}
		warnf(o.Warn, "%s", l)
	}
	return nil
}

func (o *Options) lookup(name string) (string, bool) {
	if o.LookupEnv != nil {
		return o.LookupEnv(name)
	}
	return os.LookupEnv(name)
}

// EnvName is the environment variable of a key or flag:
// rules.load-spike.medium is ITBCHECK_RULES_LOAD_SPIKE_MEDIUM.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

// Find picks the config file: path (the --config flag) or ITBCHECK_CONFIG,
// which must exist, else ./itbcheck.yaml, else
// $XDG_CONFIG_HOME/itbcheck/config.yaml (~/.config when unset). It returns
// "" when there is none.
func Find(o Options) (string, error) {
	explicit := o.Path
	if explicit == "" {
		explicit, _ = o.lookup(EnvPrefix + "_CONFIG")
	}
	if explicit != "" {
		st, err := os.Stat(explicit)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", errorf("config %s: no such file", explicit)
			}
			return "", errorf("config %s: %v", explicit, err)
		}
		if st.IsDir() {
			return "", errorf("config %s: is a folder, want a YAML file", explicit)
		}
		return explicit, nil
	}
	for _, c := range Candidates(o) {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c, nil
		}
	}
	return "", nil
}

// Candidates are the places Find looks when no file is named.
func Candidates(o Options) []string {
	out := []string{"itbcheck.yaml"}
	if dir := userConfigDir(o); dir != "" {
		out = append(out, filepath.Join(dir, "itbcheck", "config.yaml"))
	}
	return out
}

// userConfigDir is $XDG_CONFIG_HOME as the contract names it, on every
// system; without it, the system's own (~/.config on Linux); "" when there
// is none.
func userConfigDir(o Options) string {
	if dir, _ := o.lookup("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return dir
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return dir
}

// file is a parsed config file: its scalar values by dotted key, and the
// gear and athletes sections to decode.
type file struct {
	path     string
	scalars  map[string]*yaml.Node
	gear     *yaml.Node
	athletes *yaml.Node
}

// parse reads the config file once and flattens it.
func parse(path string, unknown *unknownKeys) (*file, error) {
	f := &file{path: path, scalars: map[string]*yaml.Node{}}
	if path == "" {
		return f, nil
	}
	data, err := safeyaml.ReadFile(path)
	if err != nil {
		return nil, errorf("config %s: %v", path, unwrapPath(err))
	}
	doc, err := safeyaml.Parse(data)
	if err != nil {
		return nil, errorf("config %s: %s", path, oneLine(err))
	}
	if len(doc.Content) == 0 {
		return f, nil // an empty file: all defaults
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, errorf("config %s:%d: want a mapping of keys such as timezone and rules", path, top.Line)
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		switch {
		case k == "gear":
			f.gear = v
		case k == "athletes":
			f.athletes = v
		case !slices.Contains(TopLevelKeys, k):
			unknown.add("config %s:%d: unknown key %q ignored (known: %s)", path, top.Content[i].Line, k, strings.Join(TopLevelKeys, ", "))
		default:
			if err := f.flatten(k, v); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// flatten records the scalars under node v as dotted keys below prefix.
func (f *file) flatten(prefix string, v *yaml.Node) error {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil // "key:" with nothing: the default
		}
		f.scalars[prefix] = v
	case yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			if err := f.flatten(prefix+"."+v.Content[i].Value, v.Content[i+1]); err != nil {
				return err
			}
		}
	case yaml.AliasNode:
		return f.flatten(prefix, v.Alias)
	default:
		return errorf("config %s:%d: %s: want a single value or a mapping, not a list", f.path, v.Line, prefix)
	}
	return nil
}

// resolver finds each key's value: flag, environment, file, default.
type resolver struct {
	o    *Options
	file *file
	seen map[string]bool // file keys that are known
}

// get gives the raw value of key and where it came from; ok is false when
// only the default applies.
func (r *resolver) get(key string) (string, Source, bool) {
	r.seen[key] = true
	if r.o.Flags != nil {
		if fl := r.o.Flags.Lookup(key); fl != nil && fl.Changed {
			if env := fl.Annotations[envAnnotation]; len(env) > 0 {
				return fl.Value.String(), Source{Kind: FromEnv, Name: env[0]}, true
			}
			return fl.Value.String(), Source{Kind: FromFlag, Name: "--" + key}, true
		}
	}
	if v, ok := r.o.lookup(EnvName(key)); ok && v != "" {
		return v, Source{Kind: FromEnv, Name: EnvName(key)}, true
	}
	if n, ok := r.file.scalars[key]; ok {
		return n.Value, Source{Kind: FromFile, Name: r.file.path, Line: n.Line}, true
	}
	return "", Source{Kind: FromDefault}, false
}

// Load resolves the configuration. Warnings (unknown keys) go to o.Warn.
func Load(o Options) (*Config, error) {
	path, err := Find(o)
	if err != nil {
		return nil, err
	}
	var unknown unknownKeys
	f, err := parse(path, &unknown)
	if err != nil {
		return nil, err
	}
	r := &resolver{o: &o, file: f, seen: map[string]bool{}}
	c := &Config{File: path}
	if err := c.resolve(r); err != nil {
		return nil, err
	}
	for _, k := range slices.Sorted(maps.Keys(f.scalars)) {
		if !r.seen[k] {
			unknown.add("%s:%d: unknown key %q ignored (see itbcheck config init)", r.where(), f.scalars[k].Line, k)
		}
	}
	if c.Rules.Gear, err = r.gear(f.gear, "gear"); err != nil {
		return nil, err
	}
	if err := validateRules(&c.Rules, r.where()); err != nil {
		return nil, err
	}
	if c.Athletes, err = c.roster(r, &unknown); err != nil {
		return nil, err
	}
	if err := unknown.settle(&o); err != nil {
		return nil, err
	}
	return c, nil
}

// where names the config in messages.
func (r *resolver) where() string {
	if r.file.path == "" {
		return "config"
	}
	return "config " + r.file.path
}

// bad is an error about key's value from src.
func (r *resolver) bad(key, value string, src Source, want string) error {
	return errorf("%s: %s: %q (from %s): %s", r.where(), key, value, src, want)
}

// add records a value in force.
func (c *Config) add(key, value string, src Source) {
	c.Values = append(c.Values, Value{Key: key, Value: value, Source: src})
}

// rawShoe and rawAthlete are the typed shapes of gear and athletes
// entries, decoded from the parsed nodes (yaml keeps shoe names as
// written: they are case-sensitive labels).
type rawShoe struct {
	PriorKm *float64 `yaml:"prior_km"`
	LimitKm *float64 `yaml:"limit_km"`
}

type rawAthlete struct {
	Name     string    `yaml:"name"`
	Paths    []string  `yaml:"paths"`
	Timezone string    `yaml:"timezone"`
	Rules    yaml.Node `yaml:"rules"`
	Gear     yaml.Node `yaml:"gear"`
	Symptoms string    `yaml:"symptoms"`
}

// gear decodes a gear section into rules.Shoe values, keeping the names as
// written.
func (r *resolver) gear(n *yaml.Node, key string) (map[string]rules.Shoe, error) {
	out := map[string]rules.Shoe{}
	if n == nil || n.Kind == 0 || n.Tag == "!!null" {
		return out, nil
	}
	var raw map[string]rawShoe
	if err := n.Decode(&raw); err != nil {
		return nil, errorf("%s:%d: %s: %s", r.where(), n.Line, key, oneLine(err))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		s := raw[name]
		var shoe rules.Shoe
		if s.PriorKm != nil {
			shoe.PriorKm = *s.PriorKm
		}
		if s.LimitKm != nil {
			shoe.LimitKm = *s.LimitKm
		}
		if math.IsNaN(shoe.PriorKm) || math.IsNaN(shoe.LimitKm) || math.IsInf(shoe.PriorKm, 0) || math.IsInf(shoe.LimitKm, 0) {
			return nil, errorf("%s:%d: %s.%s: mileages must be numbers", r.where(), n.Content[i].Line, key, name)
		}
		if shoe.PriorKm < 0 || shoe.LimitKm < 0 {
			return nil, errorf("%s:%d: %s.%s: mileages must not be negative", r.where(), n.Content[i].Line, key, name)
		}
		out[name] = shoe
	}
	return out, nil
}

// roster resolves the athletes: list.
func (c *Config) roster(r *resolver, unknown *unknownKeys) ([]Athlete, error) {
	for _, name := range slices.Sorted(maps.Keys(c.Rules.Gear)) {
		s := c.Rules.Gear[name]
		c.Lists = append(c.Lists, Value{Key: fmt.Sprintf("gear.%q", name),
			Value:  fmt.Sprintf("prior_km %s, limit_km %s", number(s.PriorKm), number(s.LimitKm)),
			Source: Source{Kind: FromFile, Name: r.file.path, Line: lineOfKey(r.file.gear, name)}})
	}
	n := r.file.athletes
	if n == nil || n.Tag == "!!null" {
		return nil, nil
	}
	var raw []rawAthlete
	if err := n.Decode(&raw); err != nil {
		return nil, errorf("%s:%d: athletes: %s", r.where(), n.Line, oneLine(err))
	}
	for i, entry := range n.Content {
		rosterUnknown(r.where(), fmt.Sprintf("athletes[%d]", i), entry, unknown)
	}
	base := "."
	if r.file.path != "" {
		base = filepath.Dir(r.file.path)
	}
	seen := map[string]bool{}
	var out []Athlete
	for i, a := range raw {
		key := fmt.Sprintf("athletes[%d]", i)
		line := n.Content[i].Line
		if strings.TrimSpace(a.Name) == "" {
			return nil, errorf("%s:%d: %s.name: missing", r.where(), line, key)
		}
		if seen[a.Name] {
			return nil, errorf("%s:%d: %s.name: %q listed twice", r.where(), line, key, a.Name)
		}
		seen[a.Name] = true
		e := Athlete{Name: a.Name, Timezone: a.Timezone}
		for _, p := range a.Paths {
			if !filepath.IsAbs(p) {
				p = filepath.Join(base, p)
			}
			e.Paths = append(e.Paths, p)
		}
		if e.Symptoms = strings.TrimSpace(a.Symptoms); e.Symptoms != "" && !filepath.IsAbs(e.Symptoms) {
			e.Symptoms = filepath.Join(base, e.Symptoms)
		}
		if a.Timezone != "" {
			loc, err := LoadLocation(a.Timezone)
			if err != nil {
				return nil, errorf("%s:%d: %s.timezone: %v", r.where(), line, key, err)
			}
			e.Location = loc
		}
		var err error
		if e.Rules, err = r.athleteRules(&a.Rules, key, line); err != nil {
			return nil, err
		}
		if e.Gear, err = r.gear(&a.Gear, key+".gear"); err != nil {
			return nil, err
		}
		merged := MergeRules(c.Rules, e)
		if err := validateRules(&merged, r.where()+": "+key); err != nil {
			return nil, err
		}
		out = append(out, e)
		c.Lists = append(c.Lists, Value{Key: key, Value: a.Name + ": " + strings.Join(a.Paths, ", "),
			Source: Source{Kind: FromFile, Name: r.file.path, Line: line}})
	}
	return out, nil
}

// athleteRules reads an athlete's rules section (n, of entry key at line)
// through the same rows of Keys as the global rules.<id>.<field> keys, so
// a value means and is refused the same in both places.
func (r *resolver) athleteRules(n *yaml.Node, key string, line int) (map[string]rules.Settings, error) {
	c := &Config{Rules: rules.Config{Rules: map[string]rules.Settings{}}}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == 0 || n.Tag == "!!null" {
		return c.Rules.Rules, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, errorf("%s:%d: %s.rules: want a mapping of rule ids", r.where(), n.Line, key)
	}
	var ids []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		ids = append(ids, n.Content[i].Value)
	}
	for _, id := range slices.Sorted(slices.Values(ids)) {
		if rules.ByID(id) == nil {
			return nil, errorf("%s:%d: %s.rules.%s: unknown rule id (see itbcheck rules)", r.where(), line, key, id)
		}
	}
	f := &file{path: r.file.path, scalars: map[string]*yaml.Node{}}
	if err := f.flatten(key+".rules", n); err != nil {
		return nil, err
	}
	for _, full := range slices.Sorted(maps.Keys(f.scalars)) {
		v, name := f.scalars[full], strings.TrimPrefix(full, key+".")
		k := keyNamed(name)
		if k == nil {
			if strings.Count(name, ".") < 2 {
				return nil, errorf("%s:%d: %s.%s: want a mapping of %s", r.where(), v.Line, key, name, strings.Join(ruleFields, ", "))
			}
			continue // an unknown field: rosterUnknown warns
		}
		if _, want := k.parse(c, strings.TrimSpace(v.Value)); want != "" {
			return nil, errorf("%s:%d: %s.%s: %q: %s", r.where(), v.Line, key, name, v.Value, want)
		}
	}
	return c.Rules.Rules, nil
}

// rosterFields are the keys of one athletes[] entry.
var rosterFields = []string{"name", "paths", "timezone", "rules", "gear", "symptoms"}

// rosterUnknown collects the unknown keys of one roster entry and of its
// rules sections (a typo'd "mediun" would otherwise be dropped by the
// decoder without a word).
func rosterUnknown(where, key string, entry *yaml.Node, unknown *unknownKeys) {
	if entry.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(entry.Content); i += 2 {
		k, v := entry.Content[i], entry.Content[i+1]
		if !slices.Contains(rosterFields, k.Value) {
			unknown.add("%s:%d: %s: unknown key %q ignored (known: %s)", where, k.Line, key, k.Value, strings.Join(rosterFields, ", "))
			continue
		}
		if k.Value != "rules" || v.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			id, fields := v.Content[j].Value, v.Content[j+1]
			if fields.Kind != yaml.MappingNode {
				continue
			}
			for m := 0; m < len(fields.Content); m += 2 {
				if f := fields.Content[m]; !slices.Contains(ruleFields, f.Value) {
					unknown.add("%s:%d: %s.rules.%s: unknown field %q ignored (known: %s)", where, f.Line, key, id, f.Value, strings.Join(ruleFields, ", "))
				}
			}
		}
	}
}

// lineOfKey is the line of key in mapping node n; 0 when absent.
func lineOfKey(n *yaml.Node, key string) int {
	if n == nil {
		return 0
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i].Line
		}
	}
	return 0
}

// validateRules checks thresholds and gear with the rules package.
func validateRules(rc *rules.Config, where string) error {
	if err := rc.Validate(); err != nil {
		return errorf("%s: %v", where, err)
	}
	return nil
}

// MergeRules lays an athlete's rule settings and shoes over the global
// ones: a setting field given for the athlete wins; a shoe of the same name
// (compared without regard to case) replaces the global one.
func MergeRules(global rules.Config, e Athlete) rules.Config {
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

// Params gives the analysis parameters for an athlete (nil: the global
// settings only).
func (c *Config) Params(e *Athlete) analysis.Params {
	p := analysis.Params{Location: c.Location, LoadMetric: c.LoadMetric, MaxHR: math.NaN(), RestHR: math.NaN()}
	if e != nil && e.Location != nil {
		p.Location = e.Location
	}
	return p
}

// RulesFor gives the rules config for an athlete (nil: the global one).
func (c *Config) RulesFor(e *Athlete) *rules.Config {
	if e == nil {
		rc := c.Rules
		return &rc
	}
	rc := MergeRules(c.Rules, *e)
	return &rc
}

// Athlete finds the roster entry of an athlete by name, or nil.
func (c *Config) Athlete(name string) *Athlete {
	for i := range c.Athletes {
		if c.Athletes[i].Name == name {
			return &c.Athletes[i]
		}
	}
	return nil
}

// IngestOptions gives the decoders' options.
func (c *Config) IngestOptions() ingest.Options { return ingest.Options{Limits: c.Limits} }

// LoadLocation loads an IANA time zone; "" is UTC.
func LoadLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (want an IANA name such as Europe/Zurich)", name)
	}
	return loc, nil
}

func joinMetrics() string {
	s := make([]string, len(LoadMetrics))
	for i, m := range LoadMetrics {
		s[i] = string(m)
	}
	return strings.Join(s, ", ")
}

// number prints a threshold or mileage; "-" for NaN (no such severity).
func number(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func warnf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "itbcheck: warning: "+format+"\n", args...)
	}
}

// unwrapPath drops the operation and path of an *os.PathError, which the
// message names already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// oneLine joins the lines of an error message.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// limitMost is the largest value a limits.* key may take: sizes whose
// bytes still fit an int64, counts that fit an int32.
func limitMost(factor int64) int64 {
	if factor > 1 {
		return math.MaxInt64 / factor
	}
	return math.MaxInt32
}

// Hash identifies the config in force for the research tables'
// config_hash column: the first 16 hex digits of the SHA-256 of what
// changes the results, so that two runs with the same hash screened with
// the same settings, and the shards of one study (run on other machines,
// with rosters in other folders) carry the same hash. It covers every
// scalar key `config show` lists (timezone, load.metric, limits.*,
// rules.*) but jobs, the gear entries, and for each athlete of the roster
// (by name, in name order) its name, timezone, rule overrides and gear.
// It leaves out what only says where things are or how fast they run:
// jobs, the config file's path, the athletes' paths and symptom-log paths
// (what the files hold is in the report, not in its settings), and where
// each value came from.
func (c *Config) Hash() string {
	h := sha256.New()
	for _, v := range c.Values {
		if v.Key == "jobs" {
			continue
		}
		fmt.Fprintf(h, "%s=%s\n", v.Key, v.Value)
	}
	for _, v := range c.Lists {
		if strings.HasPrefix(v.Key, "gear.") {
			fmt.Fprintf(h, "%s=%s\n", v.Key, v.Value)
		}
	}
	athletes := slices.SortedFunc(slices.Values(c.Athletes), func(a, b Athlete) int { return strings.Compare(a.Name, b.Name) })
	for _, a := range athletes {
		fmt.Fprintf(h, "athlete %q timezone=%q\n", a.Name, a.Timezone)
		for _, id := range slices.Sorted(maps.Keys(a.Rules)) {
			st := a.Rules[id]
			fmt.Fprintf(h, "  rules.%s enabled=%s low=%s medium=%s high=%s\n", id,
				optionalText(st.Enabled), optionalNumber(st.Low), optionalNumber(st.Medium), optionalNumber(st.High))
		}
		for _, name := range slices.Sorted(maps.Keys(a.Gear)) {
			g := a.Gear[name]
			fmt.Fprintf(h, "  gear %q prior_km=%s limit_km=%s\n", name, number(g.PriorKm), number(g.LimitKm))
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// optionalText and optionalNumber write an override for Hash, "-" when
// it is not set.
func optionalText(b *bool) string {
	if b == nil {
		return "-"
	}
	return strconv.FormatBool(*b)
}

func optionalNumber(v *float64) string {
	if v == nil {
		return "-"
	}
	return number(*v)
}
