package config

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/rules"
)

// notKeys are the Config fields that no key row sets: they are derived
// (Location from timezone), the roster, or the record of what is in force.
var notKeys = []string{"File", "Location", "Athletes", "Values", "Lists"}

// sample is a valid value for key k that is not its default (top-level
// keys name theirs here: a new top-level row fails until it has one).
func sample(t *testing.T, k Key) string {
	t.Helper()
	switch {
	case strings.HasPrefix(k.Name, "limits."):
		return "7"
	case strings.HasSuffix(k.Name, ".enabled"):
		if k.Default == "true" {
			return "false"
		}
		return "true"
	case strings.HasPrefix(k.Name, "rules."):
		return "0.5"
	}
	s, ok := map[string]string{"timezone": "Europe/Zurich", "load.metric": "trimp", "jobs": "3"}[k.Name]
	if !ok {
		t.Fatalf("key %s: no sample value in TestKeyTable: add one", k.Name)
	}
	return s
}

// freshConfig is a Config before resolution.
func freshConfig() *Config { return &Config{Rules: rules.Config{Rules: map[string]rules.Settings{}}} }

// TestKeyTable checks that Keys is the one list of scalar keys: every
// Config field a key sets has a row that sets it, every row resolves from
// the environment, `config show` lists exactly the rows in order, and the
// starter config writes exactly the rows (less what goes without saying).
func TestKeyTable(t *testing.T) {
	names := map[string]bool{}
	for _, k := range Keys {
		if names[k.Name] {
			t.Errorf("key %s: two rows", k.Name)
		}
		names[k.Name] = true
	}

	// Every row sets one Config field, and every Config field but notKeys
	// is set by a row.
	typ := reflect.TypeFor[Config]()
	set := map[string]bool{}
	for _, k := range Keys {
		c := freshConfig()
		before := *c
		before.Rules.Rules = maps.Clone(c.Rules.Rules)
		v := sample(t, k)
		shown, want := k.parse(c, v)
		if want != "" {
			t.Errorf("key %s: sample %q refused: %s", k.Name, v, want)
			continue
		}
		if shown != v {
			t.Errorf("key %s = %q shown as %q", k.Name, v, shown)
		}
		var changed []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			if slices.Contains(notKeys, f.Name) {
				continue
			}
			if !reflect.DeepEqual(reflect.ValueOf(*c).Field(i).Interface(), reflect.ValueOf(before).Field(i).Interface()) {
				changed = append(changed, f.Name)
				set[f.Name] = true
			}
		}
		if len(changed) != 1 {
			t.Errorf("key %s = %q changes Config fields %v, want one", k.Name, v, changed)
		}
		if k.Default != "-" {
			shown, want := k.parse(freshConfig(), k.Default)
			if want != "" {
				t.Errorf("key %s: default %q refused: %s", k.Name, k.Default, want)
			}
			if k.zeroIsDefault && shown != k.Default {
				t.Errorf("key %s: default %q shown as %q", k.Name, k.Default, shown)
			}
		}
		top, _, _ := strings.Cut(k.Name, ".")
		if !slices.Contains(TopLevelKeys, top) {
			t.Errorf("key %s: %s is not in TopLevelKeys", k.Name, top)
		}
	}
	for i := range typ.NumField() {
		if f := typ.Field(i); !slices.Contains(notKeys, f.Name) && !set[f.Name] {
			t.Errorf("Config.%s: no row of Keys sets it (add one, or list it in notKeys)", f.Name)
		}
	}
	for _, top := range TopLevelKeys {
		if top == "gear" || top == "athletes" {
			continue // lists, not keys
		}
		if !slices.ContainsFunc(Keys, func(k Key) bool { return k.Name == top || strings.HasPrefix(k.Name, top+".") }) {
			t.Errorf("TopLevelKeys has %s, Keys no row under it", top)
		}
	}

	// Every row resolves from its ITBCHECK_* variable, and config show
	// lists the rows in table order.
	dir := setup(t, nil)
	e := env{}
	for _, k := range Keys {
		if k.Default != "-" {
			e[EnvName(k.Name)] = sample(t, k)
			if strings.HasPrefix(k.Name, "rules.") && !strings.HasSuffix(k.Name, ".enabled") {
				e[EnvName(k.Name)] = k.Default // keeps low ≤ medium ≤ high
			}
		}
	}
	c, warn, err := load(t, dir, "", e, "")
	if err != nil || warn != "" {
		t.Fatalf("every key from the environment: %v, warnings %q", err, warn)
	}
	if len(c.Values) != len(Keys) {
		t.Fatalf("config show lists %d values, Keys has %d rows", len(c.Values), len(Keys))
	}
	for i, v := range c.Values {
		k := Keys[i]
		if v.Key != k.Name {
			t.Fatalf("config show line %d is %s, Keys row %s", i, v.Key, k.Name)
		}
		if env, ok := e[EnvName(k.Name)]; ok && (v.Source.Kind != FromEnv || v.Source.Name != EnvName(k.Name) || v.Value != env) {
			t.Errorf("%s=%s: config show says %s from %s", EnvName(k.Name), env, v.Value, v.Source)
		}
	}

	// The starter writes every row, but a rule's "enabled: true" and the
	// severities it does not have.
	p := filepath.Join(dir, "starter.yaml")
	if err := os.WriteFile(p, []byte(Starter()), 0o644); err != nil {
		t.Fatal(err)
	}
	var unknown unknownKeys
	f, err := parse(p, &unknown)
	if err != nil || len(unknown.lines) > 0 {
		t.Fatalf("starter: %v %v", err, unknown.lines)
	}
	for key, n := range f.scalars {
		if !names[key] {
			t.Errorf("starter line %d: %s is not a row of Keys", n.Line, key)
		}
	}
	for _, k := range Keys {
		n, written := f.scalars[k.Name]
		implied := k.Default == "-" || (strings.HasSuffix(k.Name, ".enabled") && k.Default == "true")
		if written == implied {
			t.Errorf("key %s (default %q): written in the starter %v", k.Name, k.Default, written)
		}
		if written && n.Value != k.Default {
			t.Errorf("starter sets %s: %q, default %q", k.Name, n.Value, k.Default)
		}
	}
}
