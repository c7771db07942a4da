package layers

import (
	"os/exec"
	"strings"
	"testing"
)

// module is the module path the layer table's names are relative to.
const module = "github.com/itbcheck/itbcheck/"

// layer ranks every package of the module: a package may import only
// packages of a lower rank (never its own rank, nor a higher one). A new
// package needs a row here, so that it gets a place in the order.
var layer = map[string]int{
	"safetext":          0, // the leaf: escaping names for terminals and logs
	"internal/safeyaml": 0, // the leaf: reading hostile YAML (config, roster, expectations, symptom logs)
	"ingest":            1, // files → activities
	"analysis":          2, // activities → per-run metrics, weeks, baselines
	"rules":             3, // series → findings
	"internal/config":   4, // settings: keys, files, environment, flags
	"screen":            4, // the stages over a team: the result model and triage
	"report":            5, // renders the result model
	"internal/expect":   5, // the check --expect matcher, over the result model
	"cmd/itbcheck":      6, // flags and wiring
	// Test kits: only tests import them, so they sit above the product.
	"testkit/moddir":        7,
	"testkit/hostile":       7,
	"testkit/synth":         7,
	"testkit/synth/gen":     8,
	"testkit/bench":         8,
	"testkit/bench/peakrss": 8,
	"internal/e2e":          8,
	"internal/layers":       8,
}

// TestNoImportUpward asks the go command for each package's imports
// (tests' imports left out: a test may use the test kits) and fails on an
// import of the same or a higher layer, and on a package the table lacks.
func TestNoImportUpward(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", module+"...").Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < len(layer)/2 {
		t.Fatalf("go list gave %d packages, want about %d", len(lines), len(layer))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		rank, ok := layer[pkg]
		if !ok {
			t.Errorf("package %s has no layer: give it a row in the table", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			dep, ours := strings.CutPrefix(imp, module)
			if !ours {
				continue
			}
			if r, ok := layer[dep]; ok && r >= rank {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports must run down the layers", pkg, rank, dep, r)
			}
		}
	}
}

// TestLayerTableCatches proves the check is not blind: the table ranks
// the packages in the order the README draws.
func TestLayerTableCatches(t *testing.T) {
	order := []string{"safetext", "ingest", "analysis", "rules", "screen", "report", "cmd/itbcheck", "testkit/synth"}
	for i := 1; i < len(order); i++ {
		if layer[order[i-1]] >= layer[order[i]] {
			t.Errorf("%s (layer %d) is not below %s (layer %d)", order[i-1], layer[order[i-1]], order[i], layer[order[i]])
		}
	}
}
