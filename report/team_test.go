package report

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/screen"
)

// teamSection is the part of out from the team overview's heading to the
// first athlete's.
func teamSection(t *testing.T, out, start, end string) string {
	t.Helper()
	i := strings.Index(out, start)
	if i < 0 {
		t.Fatalf("no team overview (%q) in:\n%s", start, out)
	}
	j := strings.Index(out[i:], end)
	if j < 0 {
		t.Fatalf("team overview does not end with %q", end)
	}
	return out[i : i+j]
}

func TestTeamOverviewRiskOrderAndWeeks(t *testing.T) {
	tests := []struct {
		format, start, end string
		alice, bob         []string // in the order they must appear in the athlete's row
	}{
		{"text", "Team overview", "══",
			// alice's load spike ended weeks ago: resolved, not open.
			[]string{"1 of 2 athletes needs attention", "alice", "–", "medium", "2", "36.0", "0.95",
				"cadence-fade, gct-imbal…", "data: 1 unreadable file; last run 58 days ago"},
			[]string{"bob *the* [bui…", "–", "–", "0", "10.0", "–", "data: last run 75 days ago"}},
		{"markdown", "## Team overview", "\n## ",
			[]string{"**1 of 2 athletes needs attention: a risk pattern open at the last run (58 days ago) or a red flag.**",
				"| alice | – | medium | cadence fading late in long runs (medium), uneven ground contact balance (low) | none | 2 | 1 unreadable file; last run 58 days ago; learning (1 rule); not enough data (1 rule) | 2026-04-20 | 36.0 | 46.0 | 0.95 |"},
			[]string{"| – | none | none | none | 0 | last run 75 days ago | 2026-04-06 | 10.0 | 15.0 | – |"}},
		{"html", `<section class="team">`, "</section>",
			[]string{"1 of 2 athletes needs attention", `>alice</a>`, `<td class="num">–</td>`, `badge medium`,
				`cadence fading late in long runs&nbsp;<span class="sev medium">(medium)</span>`, `<td class="num">2</td>`,
				`data-issue">1 unreadable file; last run 58 days ago`, "<td>2026-04-20</td>", ">36.0<", ">0.95</td></tr>"},
			[]string{`>bob *the* [builder] &lt;b&gt;</a>`, "<td>none</td>", `"open">none<`, `<td class="num">0</td>`, "last run 75 days ago", "<td>2026-04-06</td>", ">10.0<", ">–</td></tr>"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			team := teamSection(t, string(render(t, tt.format, Options{})), tt.start, tt.end)
			for _, want := range []string{"last ISO week with data", "ACWR"} {
				if !strings.Contains(strings.Join(strings.Fields(team), " "), want) {
					t.Errorf("overview lacks %q", want)
				}
			}
			pos := 0
			for _, row := range [][]string{tt.alice, tt.bob} { // alice (high) before bob (none)
				for _, want := range row {
					i := strings.Index(team[pos:], want)
					if i < 0 {
						t.Fatalf("overview lacks %q after offset %d:\n%s", want, pos, team)
					}
					pos += i + len(want)
				}
			}
		})
	}
}

func TestTeamOverviewHTMLSparklines(t *testing.T) {
	team := teamSection(t, string(render(t, "html", Options{})), `<section class="team">`, "</section>")
	rows := regexp.MustCompile(`(?s)<tr data-risk[^>]*><td>.*?</tr>`).FindAllString(team, -1)
	if len(rows) != 2 {
		t.Fatalf("%d athlete rows in the team table, want 2", len(rows))
	}
	for i, row := range rows {
		if n := strings.Count(row, `<svg class="spark"`); n != 1 {
			t.Errorf("row %d has %d sparklines, want 1", i+1, n)
		}
		if !strings.Contains(row, `role="img"><title>Weekly running km`) {
			t.Errorf("row %d: sparkline without an accessible title", i+1)
		}
	}
	// alice's 8 weeks: the spike week high, the balance week low, the
	// faded run's week medium; the bars sit at the right edge.
	for _, want := range []string{`<rect class="high" x="121"`, `<rect class="low" x="141"`, `<rect class="medium" x="151"`} {
		if !strings.Contains(rows[0], want) {
			t.Errorf("alice's sparkline lacks %s", want)
		}
	}
	// One scale for the team: bob's 15 km weeks are 15/46 of alice's 46 km
	// week (30 px), not full height.
	if !strings.Contains(rows[1], `height="9.8"`) || strings.Contains(rows[1], `height="30"`) {
		t.Errorf("bob's sparkline is not drawn to the team's scale:\n%s", rows[1])
	}
	if strings.Contains(rows[1], "<rect class=") {
		t.Errorf("bob's sparkline colours a week without findings")
	}
	if strings.Count(rows[0], "<rect") != 8 || strings.Count(rows[1], "<rect") != 5 {
		t.Errorf("sparklines do not have one bar per week")
	}
}

func TestTeamOverviewHTMLLinks(t *testing.T) {
	var b bytes.Buffer
	pages := map[string]string{"alice": "alice.html"}
	if err := Render(&b, "html", fixture(), Options{AthletePages: pages}); err != nil {
		t.Fatal(err)
	}
	team := teamSection(t, b.String(), `<section class="team">`, "</section>")
	for _, want := range []string{`<a href="alice.html">alice</a>`, `<a href="#athlete-1">bob`} {
		if !strings.Contains(team, want) {
			t.Errorf("team table lacks %s", want)
		}
	}
}

// TestTeamOverviewMarkdownLinks: the Markdown index of batch -o DIR
// links each athlete with a page to it, the path escaped for a link.
func TestTeamOverviewMarkdownLinks(t *testing.T) {
	r := fixture()
	pages := map[string]string{"alice": "alice.md", "bob *the* [builder] <b>": "bob (2).md"}
	var b bytes.Buffer
	if err := Render(&b, "markdown", r, Options{AthletePages: pages, OverviewOnly: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| [alice](alice.md) |", "](bob%20%282%29.md) |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Markdown overview lacks %s:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "## alice") {
		t.Error("the overview alone has alice's section")
	}
}

func TestTeamOverviewTextWidth(t *testing.T) {
	r := fixture()
	r.Athletes[0].Name = strings.Repeat("Maximiliane von Hohenzollern-Sigmaringen ", 2)
	var b bytes.Buffer
	if err := Render(&b, "text", r, Options{}); err != nil {
		t.Fatal(err)
	}
	team := teamSection(t, b.String(), "Team overview", "══")
	for _, l := range strings.Split(team, "\n") {
		if n := utf8.RuneCountInString(l); n > defaultWidth {
			t.Errorf("overview line is %d columns wide: %q", n, l)
		}
	}
	if !strings.Contains(team, "  Maximiliane vo…      –") {
		t.Errorf("long name not shortened to fit:\n%s", team)
	}
	// One line per athlete.
	if n := strings.Count(team, "\n  alice "); n != 1 {
		t.Errorf("alice has %d lines in the overview, want 1:\n%s", n, team)
	}
}

// TestTeamNothingRead: a team of which nothing could be read is never
// told that no one needs attention; each athlete's data status says why,
// and a stale or learning athlete is not shown like a healthy one.
func TestTeamNothingRead(t *testing.T) {
	now := time.Date(2026, 6, 22, 10, 0, 0, 0, time.UTC)
	blind := func(name string) *screen.Athlete {
		return &screen.Athlete{Name: name, InputsFailed: []screen.FailedInput{{Path: name + "/a.fit", Err: errors.New("truncated")}, {Path: name + "/b.fit", Err: errors.New("truncated")}}}
	}
	rows := teamRows([]*screen.Athlete{blind("ann"), blind("ben")}, now)
	got := attentionText(rows)
	if strings.Contains(got, "None") || !strings.Contains(got, "No athlete could be judged") {
		t.Errorf("headline for a team with nothing read: %q", got)
	}
	if d := rows[0].dataText(); d != "no run read; 2 unreadable files" {
		t.Errorf("data status %q", d)
	}
	r := fixture()
	r.Athletes = append(r.Athletes, blind("cy"))
	rows = teamRows(r.Athletes, now)
	if got := attentionText(rows); got != "1 of 3 athletes needs attention: a risk pattern open at the last run (58 days ago) or a red flag; 1 could not be judged: no run read" {
		t.Errorf("headline %q", got)
	}
	quiet := fixture()
	quiet.Athletes[1].Findings = nil
	quiet.Athletes = append(quiet.Athletes, blind("cy"))
	if got := attentionText(teamRows(quiet.Athletes, now)); strings.Contains(got, "None") || !strings.Contains(got, "1 could not be judged") {
		t.Errorf("headline with no risk but an athlete not judged: %q", got)
	}
	for _, format := range []string{"text", "markdown", "html"} {
		var b bytes.Buffer
		rep := &screen.Report{GeneratedAt: now, Athletes: []*screen.Athlete{blind("ann"), blind("ben")}}
		if err := Render(&b, format, rep, Options{}); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); strings.Contains(out, "needs attention") || !strings.Contains(out, "no run read; 2 unreadable files") {
			t.Errorf("%s team of nothing read:\n%s", format, out)
		}
	}
}

// TestOpenWhen: the overview's headline never says "now" of data that
// ended long ago: all stale, some stale, none, athletes without runs aside.
func TestOpenWhen(t *testing.T) {
	for _, tt := range []struct {
		rows []teamRow
		want string
	}{
		{[]teamRow{{}, {}}, "now"},
		{[]teamRow{{Stale: 183}}, "at the last run (183 days ago)"},
		{[]teamRow{{Stale: 183}, {Stale: 183}, {NoRuns: true}}, "at their last runs (183 days ago)"},
		{[]teamRow{{Stale: 20}, {Stale: 183}}, "at their last runs (20 to 183 days ago)"},
		{[]teamRow{{}, {Stale: 40}, {Stale: 183}}, "now, or at the last run for 2 of them (40 to 183 days ago)"},
	} {
		if got := openWhen(tt.rows); got != tt.want {
			t.Errorf("openWhen(%+v) = %q, want %q", tt.rows, got, tt.want)
		}
	}
}
