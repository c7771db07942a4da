package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// env is a fake environment for Options.LookupEnv.
type env map[string]string

func (e env) lookup(k string) (string, bool) { v, ok := e[k]; return v, ok }

// setup moves the test into an empty folder whose config home is inside
// it, and writes files (relative path → content).
func setup(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for rel, content := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// load resolves with environment e (XDG_CONFIG_HOME pointed into dir) and
// a --jobs flag ("" for not given).
func load(t *testing.T, dir, path string, e env, jobsFlag string) (*Config, string, error) {
	t.Helper()
	if e == nil {
		e = env{}
	}
	if _, ok := e["XDG_CONFIG_HOME"]; !ok {
		e["XDG_CONFIG_HOME"] = filepath.Join(dir, ".config")
	}
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.Int("jobs", 0, "")
	if jobsFlag != "" {
		if err := fs.Parse([]string{"--jobs", jobsFlag}); err != nil {
			t.Fatal(err)
		}
	}
	var warn bytes.Buffer
	c, err := Load(Options{Path: path, LookupEnv: e.lookup, Flags: fs, Warn: &warn})
	return c, warn.String(), err
}

func value(t *testing.T, c *Config, key string) Value {
	t.Helper()
	for _, v := range c.Values {
		if v.Key == key {
			return v
		}
	}
	t.Fatalf("no value %s in %+v", key, c.Values)
	return Value{}
}

func TestPrecedence(t *testing.T) {
	const file = "jobs: 3\ntimezone: Europe/Zurich\nload:\n  metric: duration\nrules:\n  load-spike: {medium: 1.6}\nlimits:\n  max_file_mb: 10\n"
	tests := []struct {
		name       string
		file       bool
		env        env
		jobsFlag   string
		wantJobs   int
		jobsFrom   string
		wantMedium float64 // load-spike; 0: not set
		mediumFrom string
		wantTZ     string
		wantMetric analysis.LoadMetric
		wantMaxB   int64
	}{
		{name: "defaults", wantJobs: 0, jobsFrom: "default", mediumFrom: "default", wantTZ: "UTC", wantMetric: analysis.LoadAuto},
		{name: "file", file: true, wantJobs: 3, jobsFrom: "c.yaml:1", wantMedium: 1.6, mediumFrom: "c.yaml:6", wantTZ: "Europe/Zurich", wantMetric: analysis.LoadDuration, wantMaxB: 10 << 20},
		{
			name: "env over file", file: true,
			env: env{
				"ITBCHECK_JOBS": "5", "ITBCHECK_RULES_LOAD_SPIKE_MEDIUM": "1.7", "ITBCHECK_TIMEZONE": "America/Denver",
				"ITBCHECK_LOAD_METRIC": "trimp", "ITBCHECK_LIMITS_MAX_FILE_MB": "20",
			},
			wantJobs: 5, jobsFrom: "env ITBCHECK_JOBS", wantMedium: 1.7, mediumFrom: "env ITBCHECK_RULES_LOAD_SPIKE_MEDIUM",
			wantTZ: "America/Denver", wantMetric: analysis.LoadTRIMP, wantMaxB: 20 << 20,
		},
		{name: "env without file", env: env{"ITBCHECK_RULES_LOAD_SPIKE_MEDIUM": "1.8"}, jobsFrom: "default", wantMedium: 1.8, mediumFrom: "env ITBCHECK_RULES_LOAD_SPIKE_MEDIUM", wantTZ: "UTC", wantMetric: analysis.LoadAuto},
		{name: "flag over env and file", file: true, env: env{"ITBCHECK_JOBS": "5"}, jobsFlag: "7", wantJobs: 7, jobsFrom: "flag --jobs", wantMedium: 1.6, mediumFrom: "c.yaml:6", wantTZ: "Europe/Zurich", wantMetric: analysis.LoadDuration, wantMaxB: 10 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t, map[string]string{"c.yaml": file})
			path := ""
			if tt.file {
				path = "c.yaml"
			}
			c, warn, err := load(t, dir, path, tt.env, tt.jobsFlag)
			if err != nil || warn != "" {
				t.Fatalf("Load: %v, warnings %q", err, warn)
			}
			if c.Jobs != tt.wantJobs {
				t.Errorf("jobs = %d, want %d", c.Jobs, tt.wantJobs)
			}
			if got := value(t, c, "jobs").Source.String(); got != tt.jobsFrom {
				t.Errorf("jobs from %q, want %q", got, tt.jobsFrom)
			}
			if got := value(t, c, "rules.load-spike.medium").Source.String(); got != tt.mediumFrom {
				t.Errorf("load-spike medium from %q, want %q", got, tt.mediumFrom)
			}
			st, ok := c.Rules.Rules["load-spike"]
			switch {
			case tt.wantMedium == 0 && ok && st.Medium != nil:
				t.Errorf("load-spike medium = %v, want unset", *st.Medium)
			case tt.wantMedium != 0 && (st.Medium == nil || *st.Medium != tt.wantMedium):
				t.Errorf("load-spike medium = %v, want %v", st.Medium, tt.wantMedium)
			}
			if c.Location.String() != tt.wantTZ {
				t.Errorf("location = %s, want %s", c.Location, tt.wantTZ)
			}
			if c.LoadMetric != tt.wantMetric {
				t.Errorf("load metric = %s, want %s", c.LoadMetric, tt.wantMetric)
			}
			if c.Limits.MaxFileBytes != tt.wantMaxB {
				t.Errorf("max file bytes = %d, want %d", c.Limits.MaxFileBytes, tt.wantMaxB)
			}
		})
	}
}

func TestFileDiscovery(t *testing.T) {
	tests := []struct {
		name     string
		local    bool // ./itbcheck.yaml
		xdg      bool // $XDG_CONFIG_HOME/itbcheck/config.yaml
		env      bool // ITBCHECK_CONFIG
		wantJobs int
	}{
		{name: "none", wantJobs: 0},
		{name: "xdg", xdg: true, wantJobs: 2},
		{name: "local over xdg", local: true, xdg: true, wantJobs: 1},
		{name: "ITBCHECK_CONFIG over local", local: true, xdg: true, env: true, wantJobs: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"elsewhere.yaml": "jobs: 4\n"}
			if tt.local {
				files["itbcheck.yaml"] = "jobs: 1\n"
			}
			if tt.xdg {
				files[".config/itbcheck/config.yaml"] = "jobs: 2\n"
			}
			dir := setup(t, files)
			e := env{}
			if tt.env {
				e["ITBCHECK_CONFIG"] = "elsewhere.yaml"
			}
			c, _, err := load(t, dir, "", e, "")
			if err != nil {
				t.Fatal(err)
			}
			if c.Jobs != tt.wantJobs {
				t.Errorf("jobs = %d, want %d (file %q)", c.Jobs, tt.wantJobs, c.File)
			}
		})
	}
}

func TestGearAndRoster(t *testing.T) {
	dir := setup(t, map[string]string{"team/itbcheck.yaml": `
timezone: Europe/Zurich
rules:
  gct-imbalance: {medium: 1.8}
gear:
  "Old Clifton 8": {prior_km: 700, limit_km: 800}
athletes:
  - name: Alice
    paths: [exports/alice, /abs/alice.zip]
    timezone: America/Denver
    rules: {gct-imbalance: {high: 3.0}}
    gear:
      "old clifton 8": {prior_km: 100}
  - name: bob
    paths: [bob]
`})
	c, warn, err := load(t, dir, "team/itbcheck.yaml", nil, "")
	if err != nil || warn != "" {
		t.Fatalf("Load: %v, warnings %q", err, warn)
	}
	if shoe, ok := c.Rules.Gear["Old Clifton 8"]; !ok || shoe.PriorKm != 700 || shoe.LimitKm != 800 {
		t.Errorf("gear = %+v, want \"Old Clifton 8\" with its case and mileages", c.Rules.Gear)
	}
	if len(c.Athletes) != 2 {
		t.Fatalf("athletes = %+v, want 2", c.Athletes)
	}
	alice := c.Athlete("Alice")
	if alice == nil {
		t.Fatal("no roster entry Alice")
	}
	wantPaths := []string{filepath.Join("team", "exports", "alice"), "/abs/alice.zip"}
	if len(alice.Paths) != 2 || alice.Paths[0] != wantPaths[0] || alice.Paths[1] != wantPaths[1] {
		t.Errorf("alice paths = %q, want %q (relative to the config's folder)", alice.Paths, wantPaths)
	}
	if p := c.Params(alice); p.Location.String() != "America/Denver" {
		t.Errorf("alice location = %s, want America/Denver", p.Location)
	}
	if p := c.Params(c.Athlete("bob")); p.Location.String() != "Europe/Zurich" {
		t.Errorf("bob location = %s, want the global Europe/Zurich", p.Location)
	}
	rc := c.RulesFor(alice)
	st := rc.Rules["gct-imbalance"]
	if st.Medium == nil || *st.Medium != 1.8 || st.High == nil || *st.High != 3.0 {
		t.Errorf("alice gct-imbalance = %+v, want global medium 1.8 and her high 3.0", st)
	}
	if len(rc.Gear) != 1 || rc.Gear["old clifton 8"].PriorKm != 100 {
		t.Errorf("alice gear = %+v, want her own entry replacing the global one (case-insensitive)", rc.Gear)
	}
	if g := c.RulesFor(nil).Gear["Old Clifton 8"]; g.PriorKm != 700 {
		t.Errorf("global gear changed by the merge: %+v", g)
	}
	var show bytes.Buffer
	if err := Show(&show, c, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`gear."Old Clifton 8"`, "team/itbcheck.yaml:6", "athletes[1]", "team/itbcheck.yaml:14"} {
		if !strings.Contains(show.String(), want) {
			t.Errorf("config show lacks %q:\n%s", want, show.String())
		}
	}
}

func TestBadConfig(t *testing.T) {
	tests := []struct {
		name, file string
		env        env
		wantErr    string // substring; "" for no error
		wantWarn   string // substring; "" for no warning
	}{
		{name: "unknown top-level key", file: "jobz: 2\n", wantWarn: `c.yaml:1: unknown key "jobz" ignored`},
		{name: "unknown nested key", file: "load:\n  metrik: trimp\n", wantWarn: `c.yaml:2: unknown key "load.metrik"`},
		{name: "unknown rule field", file: "rules:\n  load-spike: {mediun: 1.4}\n", wantWarn: `"rules.load-spike.mediun"`},
		{name: "unknown rule id", file: "rules:\n  load-spiek: {medium: 1.4}\n", wantErr: "c.yaml:2: rules.load-spiek: unknown rule id"},
		{name: "two unknown rule ids, the first named", file: "rules:\n  zz-nope: {low: 1}\n  aa-nope: {low: 1}\n", wantErr: "c.yaml:3: rules.aa-nope: unknown rule id"},
		{name: "rule not a mapping", file: "rules:\n  load-spike: 1.4\n", wantErr: "rules.load-spike: want a mapping"},
		{name: "bad metric", file: "load: {metric: watts}\n", wantErr: `load.metric: "watts" (from c.yaml:1): want one of auto, srpe, trimp, duration, distance`},
		{name: "bad env number", env: env{"ITBCHECK_RULES_LOAD_SPIKE_HIGH": "lots"}, wantErr: `rules.load-spike.high: "lots" (from env ITBCHECK_RULES_LOAD_SPIKE_HIGH): want a number`},
		{name: "negative jobs", file: "jobs: -1\n", wantErr: "jobs: \"-1\" (from c.yaml:1)"},
		{name: "bad time zone", file: "timezone: Mars/Olympus\n", wantErr: `unknown time zone "Mars/Olympus"`},
		{name: "list for a value", file: "timezone: [a, b]\n", wantErr: "c.yaml:1: timezone: want a single value"},
		{name: "not YAML", file: "rules: [\n", wantErr: "not valid YAML"},
		{name: "twice the same athlete", file: "athletes:\n  - {name: a}\n  - {name: a}\n", wantErr: `c.yaml:3: athletes[1].name: "a" listed twice`},
		// An athlete's rules.<id>.<field> is read by the same Keys row as
		// the global key: the same values are refused, naming the key.
		{name: "athlete bad threshold", file: "athletes:\n  - name: a\n    rules: {load-spike: {low: abc}}\n", wantErr: `c.yaml:3: athletes[0].rules.load-spike.low: "abc": want a number`},
		{name: "athlete NaN threshold", file: "athletes:\n  - name: a\n    rules: {load-spike: {low: .nan}}\n", wantErr: `athletes[0].rules.load-spike.low: ".nan": want a number`},
		{name: "athlete hex threshold", file: "athletes:\n  - name: a\n    rules: {load-spike: {low: 0x10}}\n", wantErr: `athletes[0].rules.load-spike.low: "0x10": want a number`},
		{name: "athlete enabled yes", file: "athletes:\n  - name: a\n    rules: {load-spike: {enabled: yes}}\n", wantErr: `athletes[0].rules.load-spike.enabled: "yes": want true or false`},
		{name: "global enabled yes", file: "rules:\n  load-spike: {enabled: yes}\n", wantErr: `rules.load-spike.enabled: "yes" (from c.yaml:2): want true or false`},
		{name: "athlete rule not a mapping", file: "athletes:\n  - name: a\n    rules: {load-spike: 3}\n", wantErr: "c.yaml:3: athletes[0].rules.load-spike: want a mapping of enabled, low, medium, high"},
		{name: "athlete rules a list", file: "athletes:\n  - name: a\n    rules: [1]\n", wantErr: "c.yaml:3: athletes[0].rules: want a mapping of rule ids"},
		{name: "athlete unknown rule", file: "athletes:\n  - name: a\n    rules: {nope: {}}\n", wantErr: "athletes[0].rules.nope: unknown rule id"},
		{name: "athlete unknown field", file: "athletes:\n  - name: a\n    rules: {load-spike: {mediun: 2}}\n", wantWarn: `athletes[0].rules.load-spike: unknown field "mediun" ignored`},
		{name: "negative mileage", file: "gear:\n  x: {prior_km: -1}\n", wantErr: "c.yaml:2: gear.x: mileages must not be negative"},
		{name: "empty file", file: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t, map[string]string{"c.yaml": tt.file})
			_, warn, err := load(t, dir, "c.yaml", tt.env, "")
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one with %q", err, tt.wantErr)
			}
			if (tt.wantWarn == "") != (warn == "") || !strings.Contains(warn, tt.wantWarn) {
				t.Errorf("warnings %q, want %q", warn, tt.wantWarn)
			}
			if _, ok := err.(*Error); err != nil && !ok {
				t.Errorf("error %T, want *config.Error", err)
			}
		})
	}
}

// TestStarter checks that the starter config loads without a warning and
// that every value it sets is the default.
func TestStarter(t *testing.T) {
	dir := setup(t, map[string]string{"itbcheck.yaml": Starter()})
	withFile, warn, err := load(t, dir, "itbcheck.yaml", nil, "")
	if err != nil || warn != "" {
		t.Fatalf("starter: %v, warnings %q\n%s", err, warn, Starter())
	}
	if _, _, err := load(t, dir, filepath.Join(t.TempDir(), "none.yaml"), nil, ""); err == nil {
		t.Fatal("a missing --config file loaded")
	}
	os.Remove(filepath.Join(dir, "itbcheck.yaml"))
	defaults, _, err := load(t, dir, "", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(withFile.Values) != len(defaults.Values) {
		t.Fatalf("%d values with the starter, %d without", len(withFile.Values), len(defaults.Values))
	}
	fromFile := 0
	for i, v := range withFile.Values {
		if d := defaults.Values[i]; v.Key != d.Key || v.Value != d.Value {
			t.Errorf("starter sets %s = %s, default %s", v.Key, v.Value, d.Value)
		}
		if v.Source.Kind == FromFile {
			fromFile++
		}
	}
	for _, r := range rules.All {
		if !strings.Contains(Starter(), "  "+r.ID+": {") {
			t.Errorf("starter lacks rule %s", r.ID)
		}
	}
	if fromFile < len(withFile.Values)/2 {
		t.Errorf("only %d of %d values come from the starter file", fromFile, len(withFile.Values))
	}
}

func TestFlagsFromEnv(t *testing.T) {
	fs := pflag.NewFlagSet("check", pflag.ContinueOnError)
	failOn := fs.String("fail-on", "", "")
	jobs := fs.Int("jobs", 0, "")
	quiet := fs.Bool("no-progress", false, "")
	format := fs.String("format", "", "")
	if err := fs.Parse([]string{"--format", "json"}); err != nil {
		t.Fatal(err)
	}
	e := env{"ITBCHECK_FAIL_ON": "medium", "ITBCHECK_JOBS": "3", "ITBCHECK_NO_PROGRESS": "true", "ITBCHECK_FORMAT": "junit"}
	if err := FlagsFromEnv(fs, e.lookup); err != nil {
		t.Fatal(err)
	}
	if *failOn != "medium" || *jobs != 3 || !*quiet || *format != "json" {
		t.Errorf("fail-on %q, jobs %d, no-progress %v, format %q; want medium, 3, true and the command line's json", *failOn, *jobs, *quiet, *format)
	}
	t.Chdir(t.TempDir())
	c, err := Load(Options{Path: "", LookupEnv: env{"XDG_CONFIG_HOME": t.TempDir()}.lookup, Flags: fs})
	if err != nil {
		t.Fatal(err)
	}
	if got := value(t, c, "jobs").Source.String(); got != "env ITBCHECK_JOBS" {
		t.Errorf("jobs from %q, want env ITBCHECK_JOBS", got)
	}
	bad := pflag.NewFlagSet("check", pflag.ContinueOnError)
	bad.Int("jobs", 0, "")
	err = FlagsFromEnv(bad, env{"ITBCHECK_JOBS": "many"}.lookup)
	if err == nil || !strings.Contains(err.Error(), "ITBCHECK_JOBS=many") {
		t.Errorf("error %v, want one naming ITBCHECK_JOBS=many", err)
	}
}

// TestHashIgnoresPaths: the research tables' config_hash is the same for
// rosters that differ only in where the files are (relative or absolute
// paths, another folder, another symptom log path, another jobs), so the
// shards of one study run on other machines carry one hash; and it
// changes with what changes the results.
func TestHashIgnoresPaths(t *testing.T) {
	const base = "rules:\n  load-spike: {medium: 1.6}\ngear:\n  Pegasus: {prior_km: 100}\nathletes:\n"
	roster := func(paths, symptoms, extra string) string {
		return base + "  - name: ana\n    paths: [" + paths + "]\n    symptoms: " + symptoms + "\n    timezone: Europe/Zurich\n" + extra +
			"  - name: ben\n    paths: [" + paths + "]\n"
	}
	hash := func(file string) string {
		t.Helper()
		dir := setup(t, map[string]string{"c.yaml": file})
		c, _, err := load(t, dir, filepath.Join(dir, "c.yaml"), nil, "")
		if err != nil {
			t.Fatal(err)
		}
		return c.Hash()
	}
	ref := hash(roster("runs/ana", "ana.csv", ""))
	for _, tc := range []struct {
		name, file string
		same       bool
	}{
		{"absolute paths", roster("/srv/club/ana, /mnt/b", "/srv/club/ana/symptoms.csv", ""), true},
		{"another folder and jobs", "jobs: 7\n" + roster("../elsewhere/ana", "x/y.csv", ""), true},
		{"the athletes in another order", base + "  - name: ben\n    paths: [b]\n  - name: ana\n    paths: [a]\n    symptoms: s.csv\n    timezone: Europe/Zurich\n", true},
		{"an athlete's rule override", roster("runs/ana", "ana.csv", "    rules: {load-spike: {high: 2.5}}\n"), false},
		{"an athlete's gear", roster("runs/ana", "ana.csv", "    gear: {Clifton: {prior_km: 50}}\n"), false},
		{"an athlete's timezone", strings.Replace(roster("runs/ana", "ana.csv", ""), "Europe/Zurich", "Europe/Paris", 1), false},
		{"another athlete", strings.Replace(roster("runs/ana", "ana.csv", ""), "name: ben", "name: bea", 1), false},
		{"a global rule", strings.Replace(roster("runs/ana", "ana.csv", ""), "1.6", "1.7", 1), false},
		{"the team's gear", strings.Replace(roster("runs/ana", "ana.csv", ""), "prior_km: 100", "prior_km: 90", 1), false},
	} {
		if got := hash(tc.file); (got == ref) != tc.same {
			t.Errorf("%s: hash %s, reference %s, want the same: %v", tc.name, got, ref, tc.same)
		}
	}
}
