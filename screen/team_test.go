package screen

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

func TestTeamFolders(t *testing.T) {
	start := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	// runs gives n runs every other day from day `from` in root/dir.
	runs := func(dir string, from, n int) []analysis.Run {
		var out []analysis.Run
		for i := 0; i < n; i++ {
			out = append(out, analysis.Run{IsRun: true, Source: filepath.Join("root", dir, "r"+string(rune('a'+i))+".fit"),
				Start: start.AddDate(0, 0, from+2*i)})
		}
		return out
	}
	// copied gives runs of dir whose copies were read from other too and
	// merged away (every second kept copy is other's, as a tie keeps it).
	copied := func(dir, other string, n int) []analysis.Run {
		out := runs(dir, 0, n)
		for i := range out {
			c := strings.Replace(out[i].Source, dir, other, 1)
			if i%2 == 1 {
				out[i].Source, c = c, out[i].Source
			}
			out[i].Copies = []string{c}
		}
		return out
	}
	tests := []struct {
		name string
		runs []analysis.Run
		want []string
	}{
		{"a watch's files beside their Strava export", copied("watch", "export_1", 30), nil},
		{"two athletes, a few runs together", append(append(runs("alice", 0, 30), runs("bob", 3, 30)...), copied("alice", "bob", 3)...), []string{"alice", "bob"}},
		{"two athletes over the same weeks", append(runs("alice", 0, 30), runs("bob", 3, 30)...), []string{"alice", "bob"}},
		{"one runner's months", append(append(runs("2026-03", 0, 14), runs("2026-04", 31, 14)...), runs("2026-05", 61, 14)...), nil},
		{"a folder with too few runs", append(runs("alice", 0, 30), runs("bob", 3, 4)...), nil},
		{"files directly in root", []analysis.Run{{IsRun: true, Source: "root/a.fit", Start: start}, {IsRun: true, Source: "root/b.fit", Start: start}}, nil},
		{"three, one apart", append(append(runs("a", 0, 20), runs("b", 1, 20)...), runs("old", -200, 20)...), []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TeamFolders("root", tt.runs); !slices.Equal(got, tt.want) {
				t.Errorf("TeamFolders = %q, want %q", got, tt.want)
			}
		})
	}
}
