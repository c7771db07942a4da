package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// reportSchema is the JSON Schema of itbcheck.report/v2 that docs/ publishes.
var reportSchema = filepath.Join("..", "..", "docs", "report-v2.schema.json")

// compileReportSchema compiles docs/report-v2.schema.json (draft 2020-12).
func compileReportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(origDir, reportSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", reportSchema, err)
	}
	return sch
}

// validateReport checks a JSON report against the schema.
func validateReport(sch *jsonschema.Schema, out []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return sch.Validate(doc)
}

// TestJSONSchema validates what the program really writes against the
// published schema: the sample team; an athlete with nothing readable; and
// a roster under a config file, with an athlete's own thresholds and a red
// flag in her log, so that the config and red_flags branches are not empty.
func TestJSONSchema(t *testing.T) {
	sch := compileReportSchema(t)
	sample, err := filepath.Abs(filepath.Join(origDir, "..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	empty := filepath.Join(dir, "new-runner")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	carol := filepath.Join(dir, "carol")
	if err := os.CopyFS(carol, os.DirFS(filepath.Join(sample, "carol"))); err != nil {
		t.Fatal(err)
	}
	log, err := os.ReadFile(filepath.Join(carol, "symptoms.csv"))
	if err != nil {
		t.Fatal(err)
	}
	log = append(log, "2026-05-30,low-back,both,5,night-pain;tingling,woke at 3\n"...)
	writeFile(t, carol, "symptoms.csv", string(log))
	cfg := writeFile(t, dir, "itbcheck.yaml", "rules:\n  load-spike: {high: 1.8}\n  monotony: {enabled: false}\n"+
		"athletes:\n  - name: carol\n    paths: ["+carol+"]\n    rules: {gct-imbalance: {medium: 2.0}}\n"+
		"  - name: bob\n    paths: ["+filepath.Join(sample, "bob")+"]\n")

	tests := []struct {
		name  string
		args  []string
		codes []int // accepted exit codes
		check func(t *testing.T, doc map[string]any)
	}{
		{"sample team", []string{"batch", "--format", "json", "--no-progress", sample}, []int{exitOK}, func(t *testing.T, doc map[string]any) {
			if n := len(doc["athletes"].([]any)); n != 3 {
				t.Errorf("%d athletes, want the sample's 3", n)
			}
		}},
		{"nothing readable", []string{"analyze", "--format", "json", "--no-progress", empty}, []int{exitInputs}, func(t *testing.T, doc map[string]any) {
			a := doc["athletes"].([]any)[0].(map[string]any)
			if a["period"] != nil || len(a["weeks"].([]any)) != 0 {
				t.Errorf("empty athlete: period %v, %d weeks; want null and none", a["period"], len(a["weeks"].([]any)))
			}
		}},
		{"roster with overrides and a red flag", []string{"check", "--team", "--format", "json", "--no-progress", "--config", cfg}, []int{exitOK, exitFindings}, func(t *testing.T, doc map[string]any) {
			if f := doc["config"].(map[string]any)["file"]; f == nil || !strings.HasSuffix(f.(string), "itbcheck.yaml") {
				t.Errorf("config.file = %v, want the config file", f)
			}
			athletes := doc["athletes"].([]any)
			c, b := athletes[0].(map[string]any), athletes[1].(map[string]any)
			if c["athlete"] != "carol" || c["config"] == nil || b["config"] != nil {
				t.Errorf("%v config %v, %v config %v: want carol's own and bob's null", c["athlete"], c["config"], b["athlete"], b["config"])
			}
			if len(c["red_flags"].([]any)) == 0 {
				t.Errorf("carol has no red flag; the log's night pain and tingling should give one")
			}
		}},
	}
	// The changes and acknowledged branches: the sample compared with its
	// own report of three weeks before, with one of alice's open findings
	// acknowledged.
	team := filepath.Join(dir, "team")
	if err := os.CopyFS(team, os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	earlier := filepath.Join(dir, "earlier.json")
	if code, _, stderr := runCLI(t, "batch", "--format", "json", "--no-progress", "--until", "2026-05-10", "-o", earlier, team); code != exitOK {
		t.Fatalf("earlier report: exit %d\n%s", code, stderr)
	}
	acked := ""
	for _, id := range []string{"load-spike", "weekly-jump", "cadence-drop", "gct-imbalance", "cadence-fade", "asymmetry-drift", "compound-risk", "downhill-load"} {
		if code, _, _ := runCLI(t, "ack", "--team", team, "alice", id, "--note", "called"); code == exitOK {
			acked = id
			break
		}
	}
	if acked == "" {
		t.Fatal("alice has no open finding to acknowledge")
	}
	tests = append(tests, struct {
		name  string
		args  []string
		codes []int
		check func(t *testing.T, doc map[string]any)
	}{"compared, with an acknowledgement", []string{"batch", "--format", "json", "--no-progress", "--compare", earlier, team}, []int{exitOK}, func(t *testing.T, doc map[string]any) {
		sum := doc["summary"].(map[string]any)["changes"].(map[string]any)
		if sum["compared_with"] != doc["generated_at"] || sum["runs_added"].(float64) == 0 {
			t.Errorf("summary changes %v", sum)
		}
		found := false
		for _, a := range doc["athletes"].([]any) {
			for _, f := range a.(map[string]any)["findings"].([]any) {
				if k, ok := f.(map[string]any)["acknowledged"].(map[string]any); ok && k["note"] == "called" {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("no finding acknowledged; %s was acked", acked)
		}
	}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, tt.args...)
			ok := false
			for _, c := range tt.codes {
				ok = ok || c == code
			}
			if !ok {
				t.Fatalf("exit %d, want one of %v\n%s", code, tt.codes, stderr)
			}
			if err := validateReport(sch, []byte(out)); err != nil {
				t.Fatalf("output does not match %s: %v", reportSchema, err)
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			tt.check(t, doc)
		})
	}
}

// TestJSONSchemaRejects: the schema is strict enough to catch drift: an
// unlisted key, a 0 where null means absent, a missing key, an unknown rule.
func TestJSONSchemaRejects(t *testing.T) {
	sch := compileReportSchema(t)
	isolate(t)
	code, out, stderr := runCLI(t, "analyze", "--format", "json", "--no-progress", filepath.Join(origDir, sampleAlice))
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if err := validateReport(sch, []byte(out)); err != nil {
		t.Fatalf("alice's report does not validate: %v", err)
	}
	tests := []struct {
		name   string
		change func(doc map[string]any)
	}{
		{"an unlisted key", func(doc map[string]any) { athlete(doc)["duplicates"] = 2 }},
		{"0 for an absent period", func(doc map[string]any) { athlete(doc)["period"] = 0 }},
		{"a missing key", func(doc map[string]any) { delete(athlete(doc), "red_flags") }},
		{"an unknown rule in config", func(doc map[string]any) {
			doc["config"].(map[string]any)["rules"].([]any)[0].(map[string]any)["rule"] = "load_spike"
		}},
		{"a shoe without its limit", func(doc map[string]any) {
			athlete(doc)["shoes"] = []any{map[string]any{"name": "Clifton", "km": 512.4, "runs_last_8_weeks": 9}}
		}},
		{"a shoe with negative km", func(doc map[string]any) {
			athlete(doc)["shoes"] = []any{map[string]any{"name": "Clifton", "km": -1, "limit_km": 800, "runs_last_8_weeks": 9}}
		}},
		{"previous pain named beside no pattern", func(doc map[string]any) {
			athlete(doc)["previous_pain"] = []any{previousPain("left", []any{})}
		}},
		{"previous pain on an unknown side", func(doc map[string]any) {
			athlete(doc)["previous_pain"] = []any{previousPain("up", []any{"session-spike"})}
		}},
		{"a week without its Monday", func(doc map[string]any) {
			athlete(doc)["weeks"].([]any)[0].(map[string]any)["week"] = "week 1"
		}},
	}
	// A named shoe, as a report with Strava gear lists it, is valid.
	var withShoe map[string]any
	if err := json.Unmarshal([]byte(out), &withShoe); err != nil {
		t.Fatal(err)
	}
	athlete(withShoe)["shoes"] = []any{map[string]any{"name": "Clifton", "km": 512.4, "limit_km": 800, "runs_last_8_weeks": 9}}
	athlete(withShoe)["previous_pain"] = []any{previousPain("left", []any{"session-spike", "gct-imbalance"}), previousPain(nil, []any{"load-spike"})}
	if b, err := json.Marshal(withShoe); err != nil {
		t.Fatal(err)
	} else if err := validateReport(sch, b); err != nil {
		t.Errorf("a report listing a shoe and previous pain does not validate: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			tt.change(doc)
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateReport(sch, b); err == nil {
				t.Errorf("the schema accepts a report with %s", tt.name)
			}
		})
	}
}

// athlete is the first athlete of a decoded report.
func athlete(doc map[string]any) map[string]any {
	return doc["athletes"].([]any)[0].(map[string]any)
}

// previousPain is one previous_pain entry of a JSON report, on side (a
// string or nil), named beside rules.
func previousPain(side any, rules []any) map[string]any {
	return map[string]any{"site": "outer-knee", "side": side, "month": "2026-04", "worst": 5,
		"text": "You logged outer-knee pain on the left in April (worst 5/10)", "findings": rules}
}
