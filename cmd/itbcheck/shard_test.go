package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/screen"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want shard
		ok   bool
	}{
		{"", shard{}, true},
		{"1/1", shard{1, 1}, true},
		{"2/8", shard{2, 8}, true},
		{"8/8", shard{8, 8}, true},
		{"0/3", shard{}, false},
		{"4/3", shard{}, false},
		{"1/0", shard{}, false},
		{"-1/3", shard{}, false},
		{"1", shard{}, false},
		{"a/b", shard{}, false},
		{"1/3/5", shard{}, false},
	}
	for _, tt := range tests {
		got, err := parseShard(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseShard(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "1 ≤ K ≤ N") {
			t.Errorf("parseShard(%q): %v does not say what is allowed", tt.in, err)
		}
	}
}

// TestShardOf pins the hash: a shard run on another machine, or by a
// later version, must pick the same athletes (FNV-1a 32 of the name, the
// published test vectors' values for "a" and "foobar").
func TestShardOf(t *testing.T) {
	// FNV-1a 32: "a" = 0xe40c292c, "foobar" = 0xbf9cf968.
	if got, want := shardOf("a", 1000), int(0xe40c292c%1000)+1; got != want {
		t.Errorf("shardOf(a, 1000) = %d, want %d", got, want)
	}
	if got, want := shardOf("foobar", 7), int(0xbf9cf968%7)+1; got != want {
		t.Errorf("shardOf(foobar, 7) = %d, want %d", got, want)
	}
	// N shards of a team: disjoint, their union the team, each athlete
	// where shardOf puts it whatever the team's order.
	var team []screen.AthleteInput
	for i := range 50 {
		team = append(team, screen.AthleteInput{Name: fmt.Sprintf("athlete-%02d", i)})
	}
	reversed := slices.Clone(team)
	slices.Reverse(reversed)
	seen := map[string]int{}
	for k := 1; k <= 3; k++ {
		s := shard{k, 3}
		in, inRev := s.filter(team), s.filter(reversed)
		if len(in) == 0 || len(in) != len(inRev) {
			t.Errorf("shard %s: %d athletes, %d from the reversed team", s, len(in), len(inRev))
		}
		for _, a := range in {
			seen[a.Name]++
		}
	}
	for _, a := range team {
		if seen[a.Name] != 1 {
			t.Errorf("%s is in %d shards, want 1", a.Name, seen[a.Name])
		}
	}
}
