package screen

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// Team-guess settings: how much of a season a sub-folder must hold, and
// how much two must overlap, to look like two athletes.
const (
	// TeamMinRuns is the fewest runs a sub-folder must hold.
	TeamMinRuns = 5
	// TeamMinOverlap is the smallest overlap of two sub-folders' date
	// spans, as a fraction of the shorter span.
	TeamMinOverlap = 0.5
)

// TeamFolders names the sub-folders of root that look like separate
// athletes in one athlete's runs: at least two, each holding TeamMinRuns
// runs or more, over the same weeks (spans overlapping by TeamMinOverlap).
// A runner's exports sorted by month or year never overlap; two runners'
// seasons do, unless they hold the same runs (copies merged as duplicates,
// Run.Copies, from at least TeamMinOverlap of the smaller folder's runs):
// a watch's files beside their Strava export are one athlete. It returns
// nil when the runs do not look like a team.
func TeamFolders(root string, runs []analysis.Run) []string {
	root = filepath.Clean(root)
	type span struct {
		n           int
		first, last time.Time
	}
	spans := map[string]*span{}
	shared := map[[2]string]int{} // runs read from both folders: copies of one run
	for _, r := range runs {
		if !r.IsRun {
			continue
		}
		var dirs []string
		for _, src := range append([]string{r.Source}, r.Copies...) {
			rel, err := filepath.Rel(root, filepath.Clean(src))
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			dir, _, nested := strings.Cut(filepath.ToSlash(rel), "/")
			if nested && !slices.Contains(dirs, dir) { // not a file directly in root
				dirs = append(dirs, dir)
			}
		}
		for i, dir := range dirs {
			for _, other := range dirs[i+1:] {
				shared[[2]string{dir, other}]++
				shared[[2]string{other, dir}]++
			}
			d := r.Start
			sp := spans[dir]
			if sp == nil {
				sp = &span{first: d, last: d}
				spans[dir] = sp
			}
			sp.n++
			if d.Before(sp.first) {
				sp.first = d
			}
			if d.After(sp.last) {
				sp.last = d
			}
		}
	}
	var names []string
	for _, name := range slices.Sorted(maps.Keys(spans)) {
		if spans[name].n >= TeamMinRuns {
			names = append(names, name)
		}
	}
	var out []string
	for i, a := range names {
		for j, b := range names {
			if i == j {
				continue
			}
			sa, sb := spans[a], spans[b]
			if float64(shared[[2]string{a, b}]) >= TeamMinOverlap*float64(min(sa.n, sb.n)) {
				continue // the same runs read twice (a watch's files and their export): one athlete
			}
			overlap := minTime(sa.last, sb.last).Sub(maxTime(sa.first, sb.first))
			shorter := min(sa.last.Sub(sa.first), sb.last.Sub(sb.first))
			if shorter > 0 && float64(overlap) >= TeamMinOverlap*float64(shorter) {
				out = append(out, a)
				break
			}
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
