package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourcesTracked makes the go test cache aware of the sources the
// binary under test is built from. TestMain builds itbcheck in a separate
// process, which the cache cannot see; without this, a change in rules/
// would replay an old, passing e2e result. Stat-ing every Go file, go.mod
// and go.sum during the run records them, so a change re-runs the suite.
func TestSourcesTracked(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, ".go") || p == filepath.Join(root, "go.mod") || p == filepath.Join(root, "go.sum") ||
			strings.HasPrefix(p, filepath.Join(root, "report", "assets")) {
			if _, err := os.Stat(p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("found %d source files under %s; the module layout changed", n, root)
	}
}
