package main

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/itbcheck/itbcheck/analysis"
)

// resolve loads the config as analyze would, with the given --jobs flag
// ("" for not given).
func resolve(t *testing.T, configFlag, jobsFlag string) (*config, error) {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.Int("jobs", 0, "")
	if jobsFlag != "" {
		if err := fs.Parse([]string{"--jobs", jobsFlag}); err != nil {
			t.Fatal(err)
		}
	}
	return loadConfig(configFlag, fs, io.Discard)
}

func TestConfigPrecedence(t *testing.T) {
	const file = "jobs: 3\ntimezone: Europe/Zurich\nload:\n  metric: duration\nrules:\n  load-spike: {medium: 1.6}\nlimits:\n  max_file_mb: 10\n"
	tests := []struct {
		name       string
		file       bool
		env        map[string]string
		jobsFlag   string
		wantJobs   int
		wantMedium float64 // load-spike; 0: not set
		wantTZ     string
		wantMetric analysis.LoadMetric
		wantMaxB   int64
	}{
		{name: "defaults", wantJobs: 0, wantTZ: "UTC", wantMetric: analysis.LoadDistance},
		{name: "file", file: true, wantJobs: 3, wantMedium: 1.6, wantTZ: "Europe/Zurich", wantMetric: analysis.LoadDuration, wantMaxB: 10 << 20},
		{
			name: "env over file", file: true,
			env: map[string]string{
				"ITBCHECK_JOBS": "5", "ITBCHECK_RULES_LOAD_SPIKE_MEDIUM": "1.7", "ITBCHECK_TIMEZONE": "America/Denver",
				"ITBCHECK_LOAD_METRIC": "trimp", "ITBCHECK_LIMITS_MAX_FILE_MB": "20",
			},
			wantJobs: 5, wantMedium: 1.7, wantTZ: "America/Denver", wantMetric: analysis.LoadTRIMP, wantMaxB: 20 << 20,
		},
		{name: "env without file", env: map[string]string{"ITBCHECK_RULES_LOAD_SPIKE_MEDIUM": "1.8"}, wantMedium: 1.8, wantTZ: "UTC", wantMetric: analysis.LoadDistance},
		{name: "flag over env and file", file: true, env: map[string]string{"ITBCHECK_JOBS": "5"}, jobsFlag: "7", wantJobs: 7, wantMedium: 1.6, wantTZ: "Europe/Zurich", wantMetric: analysis.LoadDuration, wantMaxB: 10 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			cfgPath := ""
			if tt.file {
				cfgPath = writeFile(t, dir, "c.yaml", file)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := resolve(t, cfgPath, tt.jobsFlag)
			if err != nil {
				t.Fatal(err)
			}
			if c.Jobs != tt.wantJobs {
				t.Errorf("jobs = %d, want %d", c.Jobs, tt.wantJobs)
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

func TestConfigFileDiscovery(t *testing.T) {
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
			dir := isolate(t)
			if tt.local {
				writeFile(t, dir, "itbcheck.yaml", "jobs: 1\n")
			}
			if tt.xdg {
				writeFile(t, dir, ".config/itbcheck/config.yaml", "jobs: 2\n")
			}
			if tt.env {
				t.Setenv("ITBCHECK_CONFIG", writeFile(t, dir, "elsewhere.yaml", "jobs: 4\n"))
			}
			c, err := resolve(t, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if c.Jobs != tt.wantJobs {
				t.Errorf("jobs = %d, want %d (file %q)", c.Jobs, tt.wantJobs, c.File)
			}
		})
	}
}

func TestConfigGearAndRoster(t *testing.T) {
	dir := isolate(t)
	cfgPath := writeFile(t, dir, "team/itbcheck.yaml", `
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
`)
	c, err := resolve(t, cfgPath, "")
	if err != nil {
		t.Fatal(err)
	}
	if shoe, ok := c.Rules.Gear["Old Clifton 8"]; !ok || shoe.PriorKm != 700 || shoe.LimitKm != 800 {
		t.Errorf("gear = %+v, want \"Old Clifton 8\" with its case and mileages", c.Rules.Gear)
	}
	if len(c.Athletes) != 2 {
		t.Fatalf("athletes = %+v, want 2", c.Athletes)
	}
	alice := c.entry("Alice")
	if alice == nil {
		t.Fatal("no roster entry Alice")
	}
	wantPaths := []string{filepath.Join(dir, "team", "exports", "alice"), "/abs/alice.zip"}
	if len(alice.Paths) != 2 || alice.Paths[0] != wantPaths[0] || alice.Paths[1] != wantPaths[1] {
		t.Errorf("alice paths = %q, want %q (relative to the config's folder)", alice.Paths, wantPaths)
	}
	p := c.params(alice)
	if p.Location.String() != "America/Denver" {
		t.Errorf("alice location = %s, want America/Denver", p.Location)
	}
	if p := c.params(c.entry("bob")); p.Location.String() != "Europe/Zurich" {
		t.Errorf("bob location = %s, want the global Europe/Zurich", p.Location)
	}
	rc := c.rulesFor(alice)
	st := rc.Rules["gct-imbalance"]
	if st.Medium == nil || *st.Medium != 1.8 || st.High == nil || *st.High != 3.0 {
		t.Errorf("alice gct-imbalance = %+v, want global medium 1.8 and her high 3.0", st)
	}
	if len(rc.Gear) != 1 || rc.Gear["old clifton 8"].PriorKm != 100 {
		t.Errorf("alice gear = %+v, want her own entry replacing the global one (case-insensitive)", rc.Gear)
	}
	if g := c.rulesFor(nil).Gear["Old Clifton 8"]; g.PriorKm != 700 {
		t.Errorf("global gear changed by the merge: %+v", g)
	}
}

func TestParseDay(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"", "0001-01-01", false},
		{"2026-05-11", "2026-05-11", false},
		{"2026-02-30", "", true},
		{"11.05.2026", "", true},
		{"2026-5-1", "", true},
	}
	for _, tt := range tests {
		got, err := parseDay("--since", tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseDay(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && got.Format(time.DateOnly) != tt.want {
			t.Errorf("parseDay(%q) = %s, want %s", tt.in, got.Format(time.DateOnly), tt.want)
		}
	}
}
