package main

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/itbcheck/itbcheck/screen"
)

// shard is --shard K/N: the athletes whose stable id hash falls in shard
// K of N. The zero shard is the whole team.
type shard struct{ k, n int }

// parseShard reads --shard K/N (1 ≤ K ≤ N); "" is the whole team.
func parseShard(v string) (shard, error) {
	if v == "" {
		return shard{}, nil
	}
	ks, ns, ok := strings.Cut(v, "/")
	k, errK := strconv.Atoi(strings.TrimSpace(ks))
	n, errN := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || errK != nil || errN != nil || n < 1 || k < 1 || k > n {
		return shard{}, usageErrorf("--shard %s: want K/N with 1 ≤ K ≤ N, such as 2/8", v)
	}
	return shard{k: k, n: n}, nil
}

// shardOf is the shard (1 to n) an athlete's name falls in: FNV-1a (32
// bits) of the name's UTF-8 bytes, modulo n, plus 1. It depends on the
// name alone, never on the order of the folder or roster nor on the other
// athletes, so N processes given the same team split it into disjoint
// shards whose union is the team, and a shard run again writes the same.
func shardOf(name string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32()%uint32(n)) + 1
}

// filter keeps the athletes of the shard, in their order.
func (s shard) filter(athletes []screen.AthleteInput) []screen.AthleteInput {
	if s.n == 0 {
		return athletes
	}
	var out []screen.AthleteInput
	for _, a := range athletes {
		if shardOf(a.Name, s.n) == s.k {
			out = append(out, a)
		}
	}
	return out
}

func (s shard) String() string { return fmt.Sprintf("%d/%d", s.k, s.n) }
