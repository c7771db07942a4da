package report

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// weekTeam is a team compared with last Monday's report: ann's load spike
// is new and high, bo's cadence drop worsened, cy stopped uploading, di's
// balance finding is acknowledged and unchanged.
func weekTeam() *screen.Report {
	then := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	f := func(r *rules.Rule, sev rules.Severity) rules.Finding {
		return rules.Finding{Rule: r, Severity: sev, Date: mustDay("2026-06-01"), Summary: r.ID + " " + sev.String()}
	}
	changed := func(fi rules.Finding, was rules.Severity) screen.ChangedFinding {
		return screen.ChangedFinding{Rule: fi.Rule, Date: fi.Date, Severity: fi.Severity, Was: was}
	}
	ann := &screen.Athlete{Name: "ann", Findings: []rules.Finding{f(rules.LoadSpike, rules.High)}}
	ann.Changes = &screen.Changes{ComparedWith: then, New: []screen.ChangedFinding{changed(ann.Findings[0], rules.None)}, RunsAdded: 5}
	bo := &screen.Athlete{Name: "bo", Findings: []rules.Finding{f(rules.CadenceDrop, rules.Medium)}}
	bo.Changes = &screen.Changes{ComparedWith: then, Worse: []screen.ChangedFinding{changed(bo.Findings[0], rules.Low)}, RunsAdded: 4}
	cy := &screen.Athlete{Name: "cy", Findings: []rules.Finding{f(rules.CadenceFade, rules.Low)}}
	cy.Changes = &screen.Changes{ComparedWith: then, NoNewRuns: true, NoNewRunsDays: 20}
	di := &screen.Athlete{Name: "di", Findings: []rules.Finding{f(rules.GCTImbalance, rules.High)}}
	di.Changes = &screen.Changes{ComparedWith: then, RunsAdded: 3}
	screen.ApplyAcks([]screen.Ack{{Athlete: "di", Rule: rules.GCTImbalance, Episode: mustDay("2026-06-01"), Severity: rules.High,
		Date: then.AddDate(0, 0, 1), Note: "called"}}, di)
	return &screen.Report{Tool: screen.Tool{Name: "itbcheck", Version: "test"}, GeneratedAt: then.AddDate(0, 0, 7),
		Athletes: []*screen.Athlete{ann, bo, cy, di}}
}

// pageScript drives the team page's sorting and filtering as a coach
// would (choosing from its menus) and writes the names of the rows shown
// after each step into <pre id="result"> for --dump-dom.
const pageScript = `<script>
var tools = document.querySelector(".teamtools");
function shown() {
  return Array.prototype.filter.call(document.querySelectorAll(".teamtable tbody tr"), function (r) {
    return getComputedStyle(r).display !== "none";
  }).map(function (r) { return r.getAttribute("data-name"); });
}
function choose(sel, v) { sel.value = v; sel.dispatchEvent(new Event("change")); }
function menu(k) { return tools.querySelector('select[data-filter="' + k + '"]'); }
var sort = tools.querySelector("select[name=sort]"), out = {Tools: !tools.hidden, Printed: shown()};
choose(sort, "name"); out.ByName = shown();
choose(sort, "changerank"); out.ByChange = shown();
choose(sort, "sevrank"); out.BySeverity = shown();
choose(sort, "risk");
choose(menu("severity"), "high"); out.High = shown();
choose(menu("family"), "asymmetry"); out.HighAsymmetry = shown(); out.Count = tools.querySelector(".shown").textContent;
choose(menu("severity"), ""); choose(menu("family"), "");
choose(menu("change"), "stale"); out.Stale = shown(); choose(menu("change"), "");
choose(menu("status"), "no new runs"); out.NoNewRuns = shown(); choose(menu("status"), "");
out.All = shown();
var pre = document.createElement("pre"); pre.id = "result"; pre.textContent = JSON.stringify(out); document.body.append(pre);
</script>`

// TestTeamPageSortsAndFilters opens a compared team page from file:// in
// headless Chromium and sorts and filters it with its own menus.
func TestTeamPageSortsAndFilters(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "html", weekTeam(), Options{OverviewOnly: true}); err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(b.String(), "</body>", pageScript+"</body>", 1)
	dir := t.TempDir()
	dom := runChromium(t, dir, writePage(t, dir, "index.html", []byte(page)), "--dump-dom", "--window-size=1280,1000")
	m := regexp.MustCompile(`<pre id="result">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no result in the dumped DOM:\n%.3000s", dom)
	}
	var got struct {
		Tools                                                      bool
		Printed, ByName, ByChange, BySeverity, High, HighAsymmetry []string
		Stale, NoNewRuns, All                                      []string
		Count                                                      string
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
		t.Fatalf("result %q: %v", m[1], err)
	}
	// Printed highest open risk first: ann's unacknowledged high above
	// di's acknowledged one.
	for _, tt := range []struct {
		what      string
		got, want []string
	}{
		{"printed", got.Printed, []string{"ann", "di", "bo", "cy"}},
		{"by name", got.ByName, []string{"ann", "bo", "cy", "di"}},
		{"by change", got.ByChange, []string{"bo", "ann", "cy", "di"}},
		{"by severity", got.BySeverity, []string{"ann", "di", "bo", "cy"}},
		{"high", got.High, []string{"ann", "di"}},
		{"high asymmetry", got.HighAsymmetry, []string{"di"}},
		{"stale", got.Stale, []string{"cy"}},
		{"no new runs", got.NoNewRuns, []string{"cy"}},
		{"all again", got.All, []string{"ann", "di", "bo", "cy"}},
	} {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: rows %q, want %q", tt.what, tt.got, tt.want)
		}
	}
	if !got.Tools || got.Count != "1 of 4 athletes shown" {
		t.Errorf("menus shown %v, count %q", got.Tools, got.Count)
	}
	// Each row says what changed (the links: TestCoachWeek's index.html).
	for _, want := range []string{`<td>ann<div class="change new">1 new (high load-spike), 5 runs added</div>`,
		`<div class="change stale">no new run for 20 days</div>`, `<span class="ack">acknowledged 2026-06-02: called</span>`,
		"<h3>Changes since 2026-06-01</h3>"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
