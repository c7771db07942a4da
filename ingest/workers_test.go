package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// readAll reads path with opt and lists what came out, in order.
func readAll(t *testing.T, path string, opt Options) (acts []string, probs []string) {
	t.Helper()
	ps := Read(context.Background(), path, opt, func(a *Activity) {
		acts = append(acts, fmt.Sprintf("%s %s %d", a.Source, a.Start.Format(time.RFC3339), a.Samples.Len()))
	})
	for _, p := range ps {
		probs = append(probs, p.Error())
	}
	return acts, probs
}

// TestZipMembersParallel: a zip read with free worker slots decodes its
// members in parallel and gives what reading them one by one gives, in
// the same order, problems included; when the archive's budget runs out
// mid-way, the problem saying so is reported either way.
func TestZipMembersParallel(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	var members []member
	for i := range 40 {
		data := tinyFIT(t, start.AddDate(0, 0, i), 200+i)
		switch i % 13 {
		case 5:
			data = data[:len(data)/2] // cut short: a problem, partly read
		case 9:
			data = []byte("not a fit file at all")
		}
		members = append(members, member{fmt.Sprintf("activities/%02d.fit", i), data})
	}
	path := writeFile(t, dir, "export.zip", makeZip(t, members))
	oneByOne, oneProbs := readAll(t, path, Options{})
	if len(oneByOne) < 30 || len(oneProbs) < 3 {
		t.Fatalf("one by one: %d activities, %d problems; the zip should give 30+ and 3+", len(oneByOne), len(oneProbs))
	}
	for _, slots := range []int{2, 4, 16} {
		acts, probs := readAll(t, path, Options{Workers: NewWorkers(slots)})
		if strings.Join(acts, "\n") != strings.Join(oneByOne, "\n") || strings.Join(probs, "\n") != strings.Join(oneProbs, "\n") {
			t.Errorf("%d slots: %d activities, %d problems; one by one %d, %d (or another order)",
				slots, len(acts), len(probs), len(oneByOne), len(oneProbs))
		}
	}
	// A budget that runs out after some members: reading stops there,
	// and says why, with or without helpers.
	small := Limits{MaxArchiveBytes: int64(len(members[0].data)) * 10}
	for _, w := range []*Workers{nil, NewWorkers(4)} {
		var acts int
		ps := Read(context.Background(), path, Options{Limits: small, Workers: w}, func(*Activity) { acts++ })
		var spent bool
		for _, p := range ps {
			spent = spent || (errors.Is(p.Err, ErrTooLarge) && strings.Contains(p.Error(), "limits.max_archive_mb"))
		}
		if !spent || acts == 0 || acts >= len(oneByOne) {
			t.Errorf("budget of 10 members, %d slots: %d activities, problems %v; want some, and the budget named", w.Size(), acts, ps)
		}
	}
	// Cancelled while members are being handed on: it returns (no helper
	// left waiting) and says the read was cut.
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	ps := Read(ctx, path, Options{Workers: NewWorkers(4)}, func(*Activity) {
		if n++; n == 5 {
			cancel()
		}
	})
	if len(ps) == 0 || !errors.Is(ps[len(ps)-1].Err, context.Canceled) || n >= len(oneByOne) {
		t.Errorf("cancelled after 5 activities: %d read, problems %v; want the read cut, ending in the cancellation", n, ps)
	}
}
