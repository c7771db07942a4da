package bench

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// teamVersion names the generated team in its cache folder; change it
// whenever the team (or testkit/synth's output) changes so that a stale
// cache is not measured.
const teamVersion = "v1"

// The benchmark team: one athlete per pattern, 80 one-hour runs each at 1 Hz.
const runsPerAthlete = 80

var teamPatterns = []synth.Pattern{
	synth.Steady, synth.LoadSpike, synth.CadenceDrop, synth.CadenceFade,
	synth.GCTImbalance, synth.Downhill, synth.Compound,
}

// team is a generated team on disk.
type team struct {
	root     string     // one sub-folder per athlete
	athletes [][]string // each athlete's files, in order
	files    []string   // all files, athlete by athlete
	bytes    int64      // their total size
}

var (
	teamOnce sync.Once
	theTeam  *team
	teamErr  error
)

// benchTeam returns the shared team, generating it on first use (or taking
// it from the cache under os.TempDir()). Generation is never timed: callers
// call this before b.Loop.
func benchTeam(b testing.TB) *team {
	b.Helper()
	teamOnce.Do(func() {
		root := filepath.Join(os.TempDir(), "itbcheck-bench-team-"+teamVersion)
		if _, err := os.Stat(filepath.Join(root, ".complete")); err != nil {
			teamErr = generateTeam(root, len(teamPatterns), runsPerAthlete)
		}
		if teamErr == nil {
			theTeam, teamErr = loadTeam(root)
		}
	})
	if teamErr != nil {
		b.Fatal(teamErr)
	}
	return theTeam
}

// generateTeam writes athletes × runs one-hour runs under root, built in a
// temporary folder renamed into place so that an interrupted generation is
// never taken for a complete one.
func generateTeam(root string, athletes, runs int) error {
	tmp := root + ".tmp-" + strconv.Itoa(os.Getpid())
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	errs := make([]error, athletes)
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i := 0; i < athletes; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s := hourSeason(teamPatterns[i%len(teamPatterns)], i, runs)
			_, errs[i] = s.WriteFIT(filepath.Join(tmp, s.Athlete))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("generating the benchmark team: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return err
	}
	os.RemoveAll(root)
	return os.Rename(tmp, root)
}

// hourSeason is pattern p's season for athlete i with every session made a
// one-hour run, repeated season after season until it has n runs. The rides
// are left out: the team is runners.
func hourSeason(p synth.Pattern, i, n int) synth.Season {
	s := synth.Plan(p, synth.WithAthlete(fmt.Sprintf("athlete%d-%s", i+1, p)),
		synth.WithSeed(uint64(i+1)), synth.WithInterval(time.Second))
	planned := s.Runs
	s.Runs = nil
	for k := 0; len(s.Runs) < n; k++ {
		r := planned[k%len(planned)]
		if !r.IsRun() {
			continue
		}
		r.Start = r.Start.AddDate(0, 0, 7*s.Weeks*(k/len(planned)))
		r.TrackLaps = 0
		r.DistanceKm = math.Round(6000/r.PaceMinPerKm) / 100 // 60 minutes at the run's pace
		if r.DescentM > 0 {
			r.DescentM = math.Round(50 * r.DistanceKm)
		}
		s.Runs = append(s.Runs, r)
	}
	s.Weeks *= 1 + (n-1)/len(planned)
	return s
}

// loadTeam lists the files of a team folder.
func loadTeam(root string) (*team, error) {
	dirs, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	t := &team{root: root}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(root, d.Name(), "*.fit"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			st, err := os.Stat(f)
			if err != nil {
				return nil, err
			}
			t.bytes += st.Size()
		}
		t.athletes = append(t.athletes, files)
		t.files = append(t.files, files...)
	}
	if len(t.files) == 0 {
		return nil, fmt.Errorf("%s: no FIT files", root)
	}
	return t, nil
}

// replicated returns a team folder holding k copies of t (athletes renamed
// copy2-…, copy3-…), made of hard links where the file system allows, so
// that memory can be measured as the number of files grows.
func (t *team) replicated(k int) (string, error) {
	if k == 1 {
		return t.root, nil
	}
	root := fmt.Sprintf("%s-x%d", t.root, k)
	if _, err := os.Stat(filepath.Join(root, ".complete")); err == nil {
		return root, nil
	}
	os.RemoveAll(root)
	for c := 1; c <= k; c++ {
		for _, files := range t.athletes {
			name := filepath.Base(filepath.Dir(files[0]))
			if c > 1 {
				name = fmt.Sprintf("copy%d-%s", c, name)
			}
			dir := filepath.Join(root, name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", err
			}
			for _, f := range files {
				if err := linkOrCopy(f, filepath.Join(dir, filepath.Base(f))); err != nil {
					return "", err
				}
			}
		}
	}
	return root, os.WriteFile(filepath.Join(root, ".complete"), nil, 0o644)
}

func linkOrCopy(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
