package screen

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/itbcheck/itbcheck/ingest"
)

// splitSymptomLogs moves the symptom logs (symptoms.csv, symptoms.yaml)
// among files to found: they are the runner's log, never an activity CSV.
func splitSymptomLogs(files, found []string) (activities, logs []string) {
	activities = files[:0:0]
	for _, f := range files {
		if ingest.IsSymptomLogName(f) {
			found = append(found, f)
			continue
		}
		activities = append(activities, f)
	}
	return activities, found
}

// symptomLog picks an athlete's symptom log: the one given (--symptoms,
// roster athletes[].symptoms), else the shallowest of the logs found among
// their files (symptoms.csv before symptoms.yaml in the same folder).
// unused counts the logs found but not read, reported as skipped.
func symptomLog(given string, found []string) (path string, unused int) {
	if given != "" {
		return given, len(found)
	}
	if len(found) == 0 {
		return "", 0
	}
	sorted := append([]string(nil), found...)
	depth := func(p string) int { return strings.Count(filepath.ToSlash(filepath.Clean(p)), "/") }
	sort.SliceStable(sorted, func(i, j int) bool {
		if di, dj := depth(sorted[i]), depth(sorted[j]); di != dj {
			return di < dj
		}
		return sorted[i] < sorted[j]
	})
	return sorted[0], len(found) - 1
}

// readSymptoms reads the athlete's symptom log into their season; a bad
// entry becomes an input failure naming the file and line, and the other
// entries are still read.
func readSymptoms(a *Athlete, path string) {
	if path == "" || a.Season == nil {
		return
	}
	entries, probs := ingest.OpenSymptomLog(path)
	for _, p := range probs {
		a.InputsFailed = append(a.InputsFailed, FailedInput{Path: p.Path, Err: p.Err})
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Date.Before(entries[j].Date) })
	a.Season.Symptoms = entries
	a.Season.SymptomLog = path
}
