package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// render renders the fixture in format or fails the test.
func render(t *testing.T, format string, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, format, fixture(), opt); err != nil {
		t.Fatalf("Render(%s): %v", format, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		file   string
		format string
		opt    Options
	}{
		{"report.txt", "text", Options{}},
		{"report-verbose.txt", "text", Options{Verbose: true}},
		{"report-color.txt", "text", Options{Color: true}},
		{"report.md", "markdown", Options{}},
		{"report.json", "json", Options{}},
		{"report.html", "html", Options{}},
		{"team.csv", "csv", Options{}},
		{"weekly.csv", "csv", Options{Weekly: true}},
		{"report.xml", "junit", Options{}},
		{"report-medium.xml", "junit", Options{FailOn: rules.Medium}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := render(t, tt.format, tt.opt)
			if again := render(t, tt.format, tt.opt); !bytes.Equal(got, again) {
				t.Fatalf("two renderings differ: output is not deterministic")
			}
			path := filepath.Join("testdata", "golden", tt.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; inspect and run go test ./report -update if intended\n%s", tt.file, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

func TestRenderUnknownFormat(t *testing.T) {
	if err := Render(&bytes.Buffer{}, "pdf", fixture(), Options{}); err == nil {
		t.Fatal("Render(pdf) succeeded, want an error")
	}
	if err := Render(&bytes.Buffer{}, "json", nil, Options{}); err == nil {
		t.Fatal("Render(nil report) succeeded, want an error")
	}
}

func TestFormatFromExt(t *testing.T) {
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"out/report.json", "json", true},
		{"r.MD", "markdown", true},
		{"r.markdown", "markdown", true},
		{"r.html", "html", true},
		{"r.htm", "html", true},
		{"team.csv", "csv", true},
		{"junit.xml", "junit", true},
		{"r.txt", "text", true},
		{"team.ndjson", "ndjson", true},
		{"team.jsonl", "ndjson", true},
		{"r.pdf", "", false},
		{"report", "", false},
	}
	for _, tt := range tests {
		got, ok := FormatFromExt(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("FormatFromExt(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	for _, f := range Formats {
		err := Render(&bytes.Buffer{}, f.Name, fixture(), Options{})
		if f.New == nil && err == nil {
			t.Errorf("Render(%s) to one writer: no error, want one asking for -o DIR", f.Name)
		}
		if f.New != nil && err != nil {
			t.Errorf("Render(%s): %v", f.Name, err)
		}
	}
}

func TestSortByRisk(t *testing.T) {
	f := func(s rules.Severity) rules.Finding { return rules.Finding{Severity: s} }
	as := []*screen.Athlete{
		{Name: "zoe"},
		{Name: "carl", Findings: []rules.Finding{f(rules.Low), f(rules.Low)}},
		{Name: "bea", Findings: []rules.Finding{f(rules.Medium)}},
		{Name: "abe", Findings: []rules.Finding{f(rules.Medium), f(rules.Low)}},
		{Name: "amy"},
		{Name: "dan", Findings: []rules.Finding{f(rules.Low), f(rules.High)}},
	}
	screen.SortByRisk(as)
	var got []string
	for _, a := range as {
		got = append(got, a.Name)
	}
	want := "dan abe bea carl amy zoe"
	if strings.Join(got, " ") != want {
		t.Errorf("SortByRisk = %v, want %s", got, want)
	}
}

func TestJSON(t *testing.T) {
	out := render(t, "json", Options{})
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JSON does not parse: %v", err)
	}
	if doc["schema"] != "itbcheck.report/v2" {
		t.Errorf("schema = %v", doc["schema"])
	}
	athletes := doc["athletes"].([]any)
	if len(athletes) != 2 {
		t.Fatalf("%d athletes, want 2", len(athletes))
	}
	bob := athletes[0].(map[string]any)
	if fi, ok := bob["inputs_failed"].([]any); !ok || len(fi) != 0 {
		t.Errorf("bob inputs_failed = %#v, want []", bob["inputs_failed"])
	}
	if fs, ok := bob["findings"].([]any); !ok || len(fs) != 0 {
		t.Errorf("bob findings = %#v, want []", bob["findings"])
	}
	week := bob["weeks"].([]any)[0].(map[string]any)
	for _, k := range []string{"acwr", "acwr_ewma", "change_pct", "gct_balance_left_pct", "descent_m", "monotony"} {
		v, present := week[k]
		if !present || v != nil {
			t.Errorf("bob week %s = %v (present %v), want null", k, v, present)
		}
	}
	alice := athletes[1].(map[string]any)
	if alice["activities"].(float64) != 29 {
		t.Errorf("alice activities = %v, want 29 (running or not)", alice["activities"])
	}
	fs := alice["findings"].([]any)
	f0, note := fs[1].(map[string]any), fs[0].(map[string]any)
	if f0["activity"] != nil || f0["until"] != nil || f0["value"].(float64) != 1.49 || f0["severity"] != "high" {
		t.Errorf("first finding = %v", f0)
	}
	if note["severity"] != "info" || note["until"] != "2026-04-20" || note["threshold"] != nil {
		t.Errorf("info note = %v", note)
	}
	if alice["runs"].(float64) != 28 || alice["load_metric"] != nil || bob["runs"].(float64) != 12 {
		t.Errorf("runs %v/%v, load_metric %v: want 28 and 12 runs, null metric for a hand-built season", alice["runs"], bob["runs"], alice["load_metric"])
	}
	wantRules := `[{"rule":"load-spike","status":"judged"},{"rule":"gct-imbalance","status":"judged","reason":"3 runs recorded with wrist garmin fr255 (not the usual chest-strap garmin hrm_pro) were not judged for balance"},{"rule":"cadence-drop","status":"learning","reason":"5 of 8 runs with cadence in the 6 weeks before"},{"rule":"track-direction","status":"no-data","reason":"no GPS"},{"rule":"monotony","status":"disabled"}]`
	var wantDoc any
	if err := json.Unmarshal([]byte(wantRules), &wantDoc); err != nil {
		t.Fatal(err)
	}
	if got, want := mustJSON(t, alice["rules"]), mustJSON(t, wantDoc); got != want {
		t.Errorf("rules = %s, want %s", got, want)
	}
	for _, k := range []string{"symptoms", "red_flags", "rules"} {
		if v, ok := bob[k].([]any); !ok || (k != "rules" && len(v) != 0) {
			t.Errorf("bob %s = %#v, want an array", k, bob[k])
		}
	}
	if p := alice["period"].(map[string]any); p["from"] != "2026-03-02" || p["to"] != "2026-04-26" {
		t.Errorf("period = %v", p)
	}
	sum := doc["summary"].(map[string]any)
	if sum["activities"].(float64) != 41 || sum["inputs_failed"].(float64) != 1 {
		t.Errorf("summary = %v", sum)
	}
	if fs := sum["findings"].(map[string]any); fs["high"].(float64) != 1 || fs["medium"].(float64) != 2 || fs["low"].(float64) != 1 || fs["info"].(float64) != 1 {
		t.Errorf("summary findings = %v", fs)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !snake.MatchString(k) {
					t.Errorf("key %q is not snake_case", k)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if bytes.Contains(out, []byte(`"null"`)) || bytes.Contains(out, []byte("NaN")) {
		t.Errorf("JSON holds a quoted null or NaN")
	}
}

func TestJSONNoActivity(t *testing.T) {
	r := &screen.Report{Athletes: []*screen.Athlete{{Name: "new"}}}
	var b bytes.Buffer
	if err := Render(&b, "json", r, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"period": null`, `"activities": 0`, `"runs": 0`, `"load_metric": null`, `"weeks": []`, `"findings": []`,
		`"inputs_failed": []`, `"rules": []`, `"symptoms": []`, `"red_flags": []`, `"info": 0`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b.String())
		}
	}
}

func TestText(t *testing.T) {
	out := string(render(t, "text", Options{Verbose: true}))
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"No risk pattern found in 5 weeks",
		"Open at the last run, 58 days ago: 2 risk patterns (in the weeks since 13 Apr)",
		"- Still learning your baseline for cadence down from your baseline (5 of 8 runs with cadence in the 6 weeks before).",
		"- Could not judge track laps run one way (no GPS).",
		"[LOW] 2026-04-13 to 2026-04-20 Ground contact time balance",
		"Uneven ground contact balance: weeks of 13 Apr to 20 Apr, 0.9 pp",
		"Notes (context, no action needed) - Downhill load, 2026-03-02 to 2026-04-20: Rolling terrain every week",
		"[HIGH] Training load spike: week of 30 Mar, 1.49×",
		"[HIGH] Training load spike (load-spike), 1 finding",
		"[HIGH] 2026-03-30 Acute load 49% above the 4-week average (42.0 km vs 28.3 km) · 1.49× (limit 1.30×)",
		"[MEDIUM] 2026-04-21 Cadence fell 5.7% from the first to the last third (174 → 164 spm) · -5.7 % (limit -5 %) · run alice/2026-04-21-long.fit",
		"training load spike → gluteus medius fatigue → TFL compensation → IT band tension → pelvic tilt → lower back overload",
		"screening aid, not a diagnosis",
		"1 input could not be read: =cmd|' /C calc'!A0 <script>.fit: truncated FIT file",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("text without Color holds ANSI escapes")
	}
	for i, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > defaultWidth {
			t.Errorf("line %d is %d columns wide: %q", i+1, n, l)
		}
	}
	// Team overview: alice (high) before bob (none).
	if a, b := strings.Index(out, "  alice"), strings.Index(out, "  bob"); a < 0 || b < 0 || a > b {
		t.Errorf("team overview not sorted by risk")
	}
	// One block per rule, open before resolved, then highest severity
	// first, then first date.
	last := -1
	for _, head := range []string{
		"[MEDIUM] Cadence fading late in long runs (cadence-fade)", "[LOW] Uneven ground contact balance (gct-imbalance)",
		"[HIGH] Training load spike (load-spike)", "[MEDIUM] Weekly distance jump (weekly-jump)",
	} {
		i := strings.Index(out, head)
		if i <= last {
			t.Errorf("block %q missing or out of order", head)
		}
		last = i
	}
	// The old evidence line (metric name, two decimals) is gone.
	if strings.Contains(out, "threshold 1.30") || strings.Contains(out, "acwr 1.49") {
		t.Errorf("text still prints the raw metric and threshold")
	}
	colour := string(render(t, "text", Options{Color: true}))
	if !strings.Contains(colour, ansiRed+"[HIGH]") {
		t.Errorf("coloured text lacks a red [HIGH] tag")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	out := string(render(t, "markdown", Options{}))
	for _, bad := range []string{"<b>", "<script>", "[builder]", "*the*"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown holds unescaped user text %q", bad)
		}
	}
	if !strings.Contains(out, `bob \*the\* \[builder\] &lt;b&gt;`) {
		t.Errorf("markdown lacks the escaped athlete name")
	}
	if !strings.Contains(out, "| 2026-03-30 ! | 3 | 42.0 | 42.0 | 1.49 |") {
		t.Errorf("markdown weekly table lacks the flagged spike week")
	}
}

func TestCSVInjection(t *testing.T) {
	tests := map[string]string{
		"=cmd|' /C calc'!A0":          "'=cmd|' /C calc'!A0",
		"+1+2":                        "'+1+2",
		"-2+3":                        "'-2+3",
		"@SUM(A1)":                    "'@SUM(A1)",
		"\tx":                         `\tx`, // escaped: no tab, so nothing to neutralise
		"\x1b]8;;http://evil\x07name": `\x1b]8;;http://evil\aname`,
		"bidi\u202etxt.exe":           `bidi\u202etxt.exe`,
		"-3.2":                        "-3.2",
		"+4":                          "+4",
		"12":                          "12",
		"alice":                       "alice",
		"":                            "",
		"-Inf":                        "'-Inf",
	}
	for in, want := range tests {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
	r := fixture()
	r.Athletes[1].Name = "=HYPERLINK(\"http://evil\")"
	var b bytes.Buffer
	if err := Render(&b, "csv", r, Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(teamColumns, ",") {
		t.Fatalf("rows = %v", rows)
	}
	if rows[1][0] != `'=HYPERLINK("http://evil")` {
		t.Errorf("first row athlete = %q, want it neutralised and sorted first", rows[1][0])
	}
	// Open now (in the last 2 weeks) apart from resolved.
	if rows[1][8] != "gct-imbalance@2026-04-13;cadence-fade@2026-04-21" {
		t.Errorf("open findings = %q", rows[1][8])
	}
	if rows[1][10] != "medium" || rows[1][11] != "load-spike@2026-03-30;weekly-jump@2026-03-30" {
		t.Errorf("open severity, resolved findings = %q, %q", rows[1][10], rows[1][11])
	}
	weekly, err := csv.NewReader(bytes.NewReader(render(t, "csv", Options{Weekly: true}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(weekly) != 1+5+8 {
		t.Errorf("weekly CSV has %d rows, want 14", len(weekly))
	}
	for _, row := range weekly[1:] {
		if strings.HasPrefix(row[8], "'") {
			t.Errorf("negative change_pct %q was quoted as text", row[8])
		}
	}
}

func TestJUnit(t *testing.T) {
	tests := []struct {
		failOn              rules.Severity
		failures, failures2 int
	}{
		{rules.None, 1, 0},   // high only: load-spike
		{rules.High, 1, 0},   // same
		{rules.Medium, 3, 0}, // + weekly-jump, cadence-fade
		{rules.Low, 4, 0},    // + gct-imbalance
	}
	for _, tt := range tests {
		var doc junitSuites
		if err := xml.Unmarshal(render(t, "junit", Options{FailOn: tt.failOn}), &doc); err != nil {
			t.Fatalf("junit does not parse: %v", err)
		}
		if len(doc.Suites) != 2 {
			t.Fatalf("%d suites, want 2", len(doc.Suites))
		}
		bob, alice := doc.Suites[0], doc.Suites[1]
		if alice.Name != "alice" || alice.Failures != tt.failures || alice.Errors != 1 || bob.Failures != tt.failures2 || bob.Errors != 0 {
			t.Errorf("fail-on %v: alice %d failures %d errors, bob %d failures", tt.failOn, alice.Failures, alice.Errors, bob.Failures)
		}
		if doc.Tests != alice.Tests+bob.Tests || doc.Failures != alice.Failures+bob.Failures || doc.Errors != 1 {
			t.Errorf("totals %d/%d/%d do not add up", doc.Tests, doc.Failures, doc.Errors)
		}
		n := 0
		for _, c := range alice.Cases {
			if len(c.Failures) > 0 {
				n++
			}
			if c.ClassName != "alice" {
				t.Errorf("classname %q", c.ClassName)
			}
		}
		if n != alice.Failures || alice.Tests != len(alice.Cases) || alice.Cases[0].Name != "load-spike" {
			t.Errorf("counted %d failing cases of %d, attribute says %d; first case %q", n, len(alice.Cases), alice.Failures, alice.Cases[0].Name)
		}
	}
}

// mustJSON marshals v (maps with sorted keys).
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
