package report

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

func TestHTMLSelfContained(t *testing.T) {
	out := string(render(t, "html", Options{}))
	// bob: weekly and cadence (no running dynamics: balance skipped);
	// alice: weekly, cadence, balance and the faded run; a sparkline each
	// in the team table.
	if n := strings.Count(out, "<svg"); n != 8 {
		t.Errorf("%d <svg> elements, want 8", n)
	}
	if n := strings.Count(out, "<figure>"); n != 6 {
		t.Errorf("%d figures, want 6", n)
	}
	if !strings.Contains(out, "No ground contact time balance recorded") {
		t.Errorf("the skipped balance chart of bob has no note")
	}
	// The one script is the team table's own (assets/team.js): it touches
	// nothing outside the page.
	if n := strings.Count(out, "<script"); n != 1 || !strings.Contains(out, "<script>"+teamScript+"</script>") {
		t.Errorf("HTML holds %d <script> elements, want the team table's one", n)
	}
	for _, api := range []string{"fetch(", "XMLHttpRequest", "import(", "localStorage", "http:", "https:", "src="} {
		if strings.Contains(teamScript, api) {
			t.Errorf("the team script uses %s", api)
		}
	}
	resource := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`)
	if m := resource.FindString(out); m != "" {
		t.Errorf("HTML loads an external resource: %s", m)
	}
	if strings.Contains(out, "@import") || strings.Contains(out, "url(") {
		t.Errorf("CSS loads an external resource")
	}
	for _, bad := range []string{"<script>.fit", "<b>", `href="http://evil`} {
		if strings.Contains(out, bad) {
			t.Errorf("user text %q is not escaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;.fit", "bob *the* [builder] &lt;b&gt;", "viewBox=", `width="100%"`, "@media print", "How to read this report", "screening aid"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(out, "<?xml") || strings.Contains(out, "font-face") {
		t.Errorf("inline SVG keeps its XML prolog or embeds fonts")
	}
	// Every inline SVG is well-formed XML.
	for _, m := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAllString(out, -1) {
		if err := xml.Unmarshal([]byte(m), new(struct{})); err != nil {
			t.Errorf("inline SVG is not well-formed: %v", err)
		}
	}
	if len(out) > 400_000 {
		t.Errorf("HTML is %d bytes; charts too heavy", len(out))
	}
}

func TestHTMLNoFindingsNoSeason(t *testing.T) {
	r := &screen.Report{Athletes: []*screen.Athlete{{Name: "new"}}}
	var b bytes.Buffer
	if err := Render(&b, "html", r, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<svg") || !strings.Contains(b.String(), "No risk pattern found in 0 weeks") {
		t.Errorf("empty athlete rendered unexpectedly")
	}
}

// chromiumBin is where the Chromium tests look for the browser (CI
// installs it there, .ci/run).
const chromiumBin = "/usr/bin/chromium"

// runChromium runs headless Chromium on a page with args, fails the test
// on a timeout or an error, and returns its output.
func runChromium(t *testing.T, dir, page string, args ...string) string {
	t.Helper()
	if _, err := os.Stat(chromiumBin); err != nil {
		t.Skipf("chromium not installed at %s (apt-get install -y chromium): %v", chromiumBin, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	all := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--hide-scrollbars",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0"}, args...)
	cmd := exec.CommandContext(ctx, chromiumBin, append(all, "file://"+page)...)
	var out, logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &logs
	err := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium timed out:\n%s", logs.String())
	}
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, logs.String())
	}
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "Uncaught") || (strings.Contains(l, "CONSOLE") && strings.Contains(strings.ToLower(l), "error")) {
			t.Errorf("browser error: %s", l)
		}
	}
	return out.String()
}

// writePage writes an HTML report into dir and returns its path.
func writePage(t *testing.T, dir, name string, html []byte) string {
	t.Helper()
	page := filepath.Join(dir, name)
	if err := os.WriteFile(page, html, 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

// TestHTMLInChromium opens the team report in headless Chromium at a
// desktop (1280 px) and a phone (390 px) width, fails on script or console
// errors, checks in the screenshots that the charts rendered, and leaves
// the screenshots for people to look at (their paths are logged; set
// ITBCHECK_SCREENSHOT to a folder to keep them).
func TestHTMLInChromium(t *testing.T) {
	dir := t.TempDir()
	page := writePage(t, dir, "report.html", render(t, "html", Options{}))
	shots := os.Getenv("ITBCHECK_SCREENSHOT")
	if shots == "" {
		shots = dir
	}
	for _, width := range []int{1280, 390} {
		shot := filepath.Join(shots, "report-"+strconv.Itoa(width)+".png")
		runChromium(t, dir, page, "--screenshot="+shot, "--window-size="+strconv.Itoa(width)+",7000")
		st, err := os.Stat(shot)
		if err != nil || st.Size() < 10_000 {
			t.Fatalf("no usable screenshot at %s: %v", shot, err)
		}
		// The weekly km chart's blue bars: at 390 px they are smaller, but
		// there.
		n, w := barPixels(t, shot)
		if w != width {
			t.Errorf("the %d px screenshot %s is %d px wide", width, shot, w)
		}
		if n < 1000 {
			t.Errorf("%d px: screenshot %s shows %d pixels of the weekly chart's bars; the charts did not render", width, shot, n)
		} else {
			t.Logf("%d px: screenshot %s (%d bar pixels)", width, shot, n)
		}
	}
}

// layout is what measureScript finds in the laid-out page.
type layout struct {
	ViewportPx, PageWidthPx float64 // the window, and the page's scroll width
	Charts                  int
	ChartWidthPx            float64 // the narrowest chart
	MinTextPx               float64 // the smallest chart text: font size × the SVG's scale
	MinTextBoxPx            float64 // the smallest chart text's rendered box height
	CutTables               []string
	// TeamTableScrolls says the team table is wider than its box.
	TeamTableScrolls bool
	// TipsHit counts the charts whose first tooltip hotspot is what the
	// pointer finds at its centre: the tooltips are on top and hoverable.
	TipsHit int
}

// measureScript measures the report laid out in the iframe #r and writes
// the numbers as JSON into a <pre id="measure"> for --dump-dom. It lives
// in a test page around the report: reports carry no scripts.
const measureScript = `<script>
const frame = document.getElementById("r");
function measure() {
  const w = frame.contentWindow, d = w.document;
  const m = {ViewportPx: w.innerWidth, PageWidthPx: d.documentElement.scrollWidth, Charts: 0,
    ChartWidthPx: 1e9, MinTextPx: 1e9, MinTextBoxPx: 1e9, CutTables: []};
  for (const svg of d.querySelectorAll("figure svg")) {
    m.Charts++;
    m.ChartWidthPx = Math.min(m.ChartWidthPx, svg.getBoundingClientRect().width);
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll("text")) {
      m.MinTextPx = Math.min(m.MinTextPx, parseFloat(w.getComputedStyle(t).fontSize) * scale);
      m.MinTextBoxPx = Math.min(m.MinTextBoxPx, t.getBoundingClientRect().height);
    }
  }
  for (const tb of d.querySelectorAll("table")) {
    const box = tb.parentElement, style = w.getComputedStyle(box);
    const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
    const right = (scrolls ? box : tb).getBoundingClientRect().right;
    if (right > w.innerWidth + 0.5) m.CutTables.push(tb.querySelector("th").textContent);
  }
  const team = d.querySelector(".teamtable");
  m.TeamTableScrolls = !!team && team.parentElement.scrollWidth > team.parentElement.clientWidth + 1;
  m.TipsHit = 0;
  for (const svg of d.querySelectorAll("figure svg")) {
    const tip = svg.querySelector(".tips > *");
    if (!tip) continue;
    tip.scrollIntoView({block: "center", inline: "nearest"});
    const r = tip.getBoundingClientRect();
    if (d.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === tip) m.TipsHit++;
  }
  const pre = document.createElement("pre");
  pre.id = "measure";
  pre.textContent = JSON.stringify(m);
  document.body.append(pre);
}
// The report may have loaded before this script ran (not its initial
// empty document: that one is not about:srcdoc).
const doc = frame.contentDocument;
if (doc && doc.URL === "about:srcdoc" && doc.readyState === "complete") measure();
else frame.addEventListener("load", measure, {once: true});
</script>`

// measure lays out an HTML report in Chromium in a frame of the given
// width (headless windows are at least 500 px wide; a frame can be a
// phone's) and returns what measureScript found.
func measure(t *testing.T, dir string, report []byte, width int) layout {
	t.Helper()
	frame := `<!DOCTYPE html><html><body style="margin:0"><iframe id="r" style="border:0;width:` + strconv.Itoa(width) +
		`px;height:900px" srcdoc="` + html.EscapeString(string(report)) + `"></iframe>` + measureScript + `</body></html>`
	page := writePage(t, dir, "measure-"+strconv.Itoa(width)+".html", []byte(frame))
	dom := runChromium(t, dir, page, "--dump-dom", "--window-size="+strconv.Itoa(max(width, 800))+",1000")
	m := regexp.MustCompile(`<pre id="measure">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no measurement in the dumped DOM at %d px:\n%.2000s", width, dom)
	}
	var l layout
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &l); err != nil {
		t.Fatalf("measurement %q: %v", m[1], err)
	}
	if l.ViewportPx != float64(width) {
		t.Fatalf("the report was laid out %v px wide, want %d", l.ViewportPx, width)
	}
	return l
}

// TestHTMLReadableOnAPhone lays the team report out at 390 px, a phone's
// width, and at 1280 px: the charts' smallest text must stay readable
// (≥ 10 CSS px, measured as the browser draws it; viewBox scaling would
// make it 6 px), and no table may be cut off: the page never scrolls
// sideways, a wide table scrolls inside its own box, and the team table
// stacks into one card per athlete. The pointer must find each chart's
// tooltips.
func TestHTMLReadableOnAPhone(t *testing.T) {
	dir := t.TempDir()
	report := render(t, "html", Options{})
	for _, width := range []int{390, 1280} {
		l := measure(t, dir, report, width)
		t.Logf("%d px: %+v", width, l)
		if l.Charts != 6 {
			t.Errorf("%d px: %d charts laid out, want 6", width, l.Charts)
		}
		if l.MinTextPx < 10 || l.MinTextBoxPx < 10 {
			t.Errorf("%d px: the smallest chart text is %.1f px (box %.1f px), want ≥ 10", width, l.MinTextPx, l.MinTextBoxPx)
		}
		if l.MinTextPx > 20 {
			t.Errorf("%d px: the smallest chart text is %.1f px: charts blown up", width, l.MinTextPx)
		}
		if l.PageWidthPx > l.ViewportPx+0.5 {
			t.Errorf("%d px: the page is %.0f px wide: it scrolls sideways and cuts content off", width, l.PageWidthPx)
		}
		if len(l.CutTables) > 0 {
			t.Errorf("%d px: tables cut off at the right edge: %q", width, l.CutTables)
		}
		if l.TeamTableScrolls && width < 640 {
			t.Errorf("%d px: the team table is wider than the screen (it should stack)", width)
		}
		if l.TipsHit != l.Charts {
			t.Errorf("%d px: the pointer finds the tooltip of %d of %d charts", width, l.TipsHit, l.Charts)
		}
	}
}

// sampleAthletePage is the sample team's carol (symptom log, cadence
// drop) as the CLI writes her HTML report, pinned and kept current by
// cmd/itbcheck's TestStreamGolden.
const sampleAthletePage = "../cmd/itbcheck/testdata/stream/analyze.html"

// TestHTMLPrintsOnFewPages prints one athlete's report to PDF on Letter
// and on A4 and counts the pages: at most 4 (the sample's athletes took 11 or 12, mostly blank,
// when blocks were kept whole and each athlete began a page): the
// fixture's alice, and the sample's carol with her four-panel symptom
// chart.
func TestHTMLPrintsOnFewPages(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := Render(&b, "html", alone(), Options{}); err != nil {
		t.Fatal(err)
	}
	reports := map[string][]byte{"fixture-alice": b.Bytes()}
	if sample, err := os.ReadFile(sampleAthletePage); err == nil {
		reports["sample-carol"] = sample
	} else {
		t.Errorf("the sample's athlete report: %v", err)
	}
	// Letter is Chromium's default paper; A4 is the paper the browser
	// chooses in most of the world, here set by a stylesheet of the test.
	papers := map[string]string{"letter": "", "a4": "<style>@page { size: A4; }</style></head>"}
	for name, report := range reports {
		for paper, style := range papers {
			printed := report
			if style != "" {
				printed = bytes.Replace(report, []byte("</head>"), []byte(style), 1)
			}
			page := writePage(t, dir, name+"-"+paper+".html", printed)
			pdf := filepath.Join(dir, name+"-"+paper+".pdf")
			runChromium(t, dir, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
			data, err := os.ReadFile(pdf)
			if err != nil {
				t.Fatal(err)
			}
			// The paper's width in points: Letter 612, A4 595.
			box := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+)`).FindSubmatch(data)
			want := map[string]float64{"letter": 612, "a4": 595}[paper]
			if box == nil {
				t.Fatalf("%s on %s: no /MediaBox in the PDF", name, paper)
			}
			if w, _ := strconv.ParseFloat(string(box[1]), 64); math.Abs(w-want) > 2 {
				t.Errorf("%s on %s: paper %.0f pt wide, want %.0f", name, paper, w, want)
			}
			// Each page is one object of /Type /Page (the page tree is /Pages).
			pages := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(data, -1))
			t.Logf("%s: %d pages", pdf, pages)
			if pages < 1 || pages > 4 {
				t.Errorf("%s prints on %d %s pages, want 1 to 4", name, pages, paper)
			}
		}
	}
}

// TestHTMLSaysLinksAndAdviceOnce: a mechanism link's explanation and an
// advice sentence appear at most once per athlete, as in the text report;
// a later block names the link, and no block points away ("As above.").
func TestHTMLSaysLinksAndAdviceOnce(t *testing.T) {
	r := alone()
	a := r.Athletes[0]
	for i := range a.Findings {
		if a.Findings[i].Rule == rules.WeeklyJump {
			a.Findings[i].Advice = a.Findings[i-1].Advice // load-spike's, word for word
		}
	}
	var b bytes.Buffer
	if err := Render(&b, "html", r, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// load-spike and weekly-jump share the training-load chain.
	if n := strings.Count(out, html.EscapeString(linkText(rules.TrainingLoad))); n != 1 {
		t.Errorf("the training-load link is explained %d times, want 1", n)
	}
	if n := strings.Count(out, "<strong>"+linkLabel(rules.TrainingLoad)+"</strong>"); n != 2 {
		t.Errorf("the training-load link is named %d times, want 2 (both load blocks)", n)
	}
	if n := strings.Count(out, "keep an easy day between hard ones"); n > 1 {
		t.Errorf("the shared advice is given %d times, want at most 1", n)
	}
	if strings.Contains(out, "As above.") {
		t.Errorf("a block points away to advice said elsewhere")
	}
}

// TestHTMLStackedTeamLabels: on a phone the team table stacks and each
// cell is labelled from the stylesheet; the labels are the header's words,
// column by column.
func TestHTMLStackedTeamLabels(t *testing.T) {
	team := teamSection(t, string(render(t, "html", Options{})), `<section class="team">`, "</section>")
	var heads []string
	for _, m := range regexp.MustCompile(`<th[^>]*>(.*?)</th>`).FindAllStringSubmatch(team, -1) {
		heads = append(heads, strings.ReplaceAll(m[1], "&shy;", ""))
	}
	labels := map[int]string{}
	for _, m := range regexp.MustCompile(`\.teamtable td:nth-child\((\d+)\)::before \{ content: "(.*?): "; \}`).FindAllStringSubmatch(htmlCSS, -1) {
		n, _ := strconv.Atoi(m[1])
		labels[n] = m[2]
	}
	if len(heads) != 11 || len(labels) != len(heads)-1 {
		t.Fatalf("%d header cells, %d labels: %q %v", len(heads), len(labels), heads, labels)
	}
	for i, h := range heads[1:] { // the athlete's name needs no label
		if labels[i+2] != h {
			t.Errorf("column %d: header %q, stacked label %q", i+2, h, labels[i+2])
		}
	}
}
