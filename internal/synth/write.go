package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// FileName gives the file name a run is written under: the local date and
// the run's kind ("2026-03-03-easy.fit"); taken gives the names already
// used, and a second activity of the same kind on a day gets "-2".
func (r RunSpec) FileName(taken map[string]bool) string {
	kind := r.Kind
	if kind == "" {
		kind = "run"
	}
	base := r.Start.Format(time.DateOnly) + "-" + kind
	name := base + ".fit"
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("%s-%d.fit", base, n)
	}
	return name
}

// WriteFIT encodes every run of the season into dir (created if needed),
// one .fit file per run, and returns the paths written in run order.
func (s Season) WriteFIT(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: creating folder: %w", dir, err)
	}
	taken := map[string]bool{}
	var paths []string
	for _, r := range s.Runs {
		name := r.FileName(taken)
		taken[name] = true
		data, err := EncodeRun(r)
		if err != nil {
			return paths, fmt.Errorf("%s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return paths, fmt.Errorf("%s: writing: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
