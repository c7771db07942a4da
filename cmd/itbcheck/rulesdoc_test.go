package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite docs/rules.md from the rule catalogue")

// rulesDocHeader opens docs/rules.md; the rest is `itbcheck rules --format
// markdown` with the default configuration.
const rulesDocHeader = `# The itbcheck rule catalogue

Generated from the code by ` + "`go test ./cmd/itbcheck -run TestRulesDoc -update`" + `; do not
edit by hand. ` + "`itbcheck rules`" + ` prints the same with the thresholds of your
configuration in force. Each rule's path through the hip → pelvis →
lower-back chain uses the link ids of the JSON report's ` + "`mechanism`" + ` list.
A finding is a risk pattern, not a diagnosis.

`

// TestRulesDoc keeps docs/rules.md in step with rules.All, so the
// documentation cannot drift from the thresholds the code applies.
func TestRulesDoc(t *testing.T) {
	path, err := filepath.Abs(filepath.Join("..", "..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	code, out, errOut := runCLI(t, "rules", "--format", "markdown")
	if code != exitOK {
		t.Fatalf("rules --format markdown: exit %d, stderr %q", code, errOut)
	}
	want := rulesDocHeader + out
	if *updateDocs {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/itbcheck -run TestRulesDoc -update)", err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is out of date with the rule catalogue: run go test ./cmd/itbcheck -run TestRulesDoc -update")
	}
}
