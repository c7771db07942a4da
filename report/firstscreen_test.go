package report

import (
	"bytes"
	"encoding/json"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// realisticPage is the realistic season's HTML report (synth's creep with a
// red flag, open and resolved patterns, notes) as the CLI writes it,
// pinned and kept current by internal/e2e's TestRealisticReportGolden.
const realisticPage = "../internal/e2e/testdata/realistic/realistic.html"

// firstScreen is what firstScreenScript finds in the laid-out page.
type firstScreen struct {
	ViewportW, ViewportH float64
	// RedFlagBottom and FirstActionBottom are the bottoms of the
	// athlete's red-flag box and of the first item of the action list,
	// ActionsHeadTop the top of its heading; -1 when absent.
	RedFlagBottom, ActionsHeadTop, FirstActionBottom float64
	// Overflowing names the charts wider than their box (they scroll).
	Overflowing []string
	Charts      int
	// TeamTableScrolls says the team table is wider than its box.
	TeamTableScrolls bool
}

// firstScreenScript measures the report in the iframe #r and writes the
// numbers as JSON into <pre id="measure"> for --dump-dom.
const firstScreenScript = `<script>
const frame = document.getElementById("r");
function measure() {
  const w = frame.contentWindow, d = w.document;
  const bottom = (el) => el ? el.getBoundingClientRect().bottom : -1;
  const m = {ViewportW: w.innerWidth, ViewportH: w.innerHeight,
    RedFlagBottom: bottom(d.querySelector(".athlete .redflag")),
    ActionsHeadTop: d.querySelector(".actions h3") ? d.querySelector(".actions h3").getBoundingClientRect().top : -1,
    FirstActionBottom: bottom(d.querySelector(".actions li")), Overflowing: [], Charts: 0};
  for (const c of d.querySelectorAll(".chart")) {
    m.Charts++;
    if (c.scrollWidth > c.clientWidth + 1) m.Overflowing.push(c.closest("figure").querySelector("figcaption strong").textContent);
  }
  const team = d.querySelector(".teamtable");
  m.TeamTableScrolls = !!team && team.parentElement.scrollWidth > team.parentElement.clientWidth + 1;
  const pre = document.createElement("pre");
  pre.id = "measure";
  pre.textContent = JSON.stringify(m);
  document.body.append(pre);
}
const doc = frame.contentDocument;
if (doc && doc.URL === "about:srcdoc" && doc.readyState === "complete") measure();
else frame.addEventListener("load", measure, {once: true});
</script>`

// measureFirstScreen lays report out in a frame of width × height.
func measureFirstScreen(t *testing.T, dir string, report []byte, width, height int) firstScreen {
	t.Helper()
	frame := `<!DOCTYPE html><html><body style="margin:0"><iframe id="r" style="border:0;width:` + strconv.Itoa(width) +
		`px;height:` + strconv.Itoa(height) + `px" srcdoc="` + html.EscapeString(string(report)) + `"></iframe>` + firstScreenScript + `</body></html>`
	page := writePage(t, dir, "first-"+strconv.Itoa(width)+".html", []byte(frame))
	dom := runChromium(t, dir, page, "--dump-dom", "--window-size="+strconv.Itoa(max(width, 800))+","+strconv.Itoa(height+100))
	m := regexp.MustCompile(`<pre id="measure">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no measurement in the dumped DOM at %d px:\n%.2000s", width, dom)
	}
	var s firstScreen
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &s); err != nil {
		t.Fatalf("measurement %q: %v", m[1], err)
	}
	if s.ViewportW != float64(width) || s.ViewportH != float64(height) {
		t.Fatalf("laid out %v × %v px, want %d × %d", s.ViewportW, s.ViewportH, width, height)
	}
	return s
}

// TestHTMLFirstScreen opens the realistic season's report on a 390 × 844
// px phone and a 1280 × 800 px screen: the red flag and the action list's
// heading and first item (the professional) are on the first screen, and
// no chart is wider than its box; the team table fits 1280 px. ITBCHECK_SCREENSHOT
// set to a folder keeps the 390 px first screen there (docs/first-screen-390.png
// was taken so).
func TestHTMLFirstScreen(t *testing.T) {
	report, err := os.ReadFile(realisticPage)
	if err != nil {
		t.Fatalf("%v (go test ./internal/e2e -run TestRealisticReportGolden -update writes it)", err)
	}
	dir := t.TempDir()
	for _, sz := range [][2]int{{390, 844}, {1280, 800}} {
		s := measureFirstScreen(t, dir, report, sz[0], sz[1])
		t.Logf("%d × %d px: %+v", sz[0], sz[1], s)
		if s.RedFlagBottom < 0 || s.RedFlagBottom > s.ViewportH {
			t.Errorf("%d px: the red flag ends at %.0f px, below the first screen (%.0f px)", sz[0], s.RedFlagBottom, s.ViewportH)
		}
		if s.ActionsHeadTop < 0 || s.FirstActionBottom < 0 || s.FirstActionBottom > s.ViewportH {
			t.Errorf("%d px: the action list's first item ends at %.0f px, below the first screen (%.0f px)", sz[0], s.FirstActionBottom, s.ViewportH)
		}
		if s.Charts < 4 {
			t.Errorf("%d px: %d charts laid out, want the season's (≥ 4)", sz[0], s.Charts)
		}
		if len(s.Overflowing) > 0 {
			t.Errorf("%d px: charts wider than the screen: %q", sz[0], s.Overflowing)
		}
	}
	if shots := os.Getenv("ITBCHECK_SCREENSHOT"); shots != "" {
		page := writePage(t, dir, "realistic.html", report)
		runChromium(t, dir, page, "--screenshot="+filepath.Join(shots, "first-screen-390.png"), "--window-size=390,844")
	}
	// The team table of the fixture's team fits a 1280 px screen.
	if s := measureFirstScreen(t, dir, render(t, "html", Options{}), 1280, 800); s.TeamTableScrolls {
		t.Errorf("1280 px: the team table is wider than the page")
	}
}

// TestHTMLRealisticPrintsOnFewPages prints the realistic season on Letter
// and A4: at most 4 pages each, as README promises.
func TestHTMLRealisticPrintsOnFewPages(t *testing.T) {
	report, err := os.ReadFile(realisticPage)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for paper, style := range map[string]string{"letter": "", "a4": "<style>@page { size: A4; }</style></head>"} {
		printed := report
		if style != "" {
			printed = bytes.Replace(report, []byte("</head>"), []byte(style), 1)
		}
		page := writePage(t, dir, "realistic-"+paper+".html", printed)
		pdf := filepath.Join(dir, "realistic-"+paper+".pdf")
		runChromium(t, dir, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		box := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+)`).FindSubmatch(data)
		if want := map[string]float64{"letter": 612, "a4": 595}[paper]; box == nil {
			t.Fatalf("%s: no /MediaBox in the PDF", paper)
		} else if w, _ := strconv.ParseFloat(string(box[1]), 64); math.Abs(w-want) > 2 {
			t.Errorf("%s: paper %.0f pt wide, want %.0f", paper, w, want)
		}
		pages := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(data, -1))
		t.Logf("realistic season on %s: %d pages", paper, pages)
		if pages < 1 || pages > 4 {
			t.Errorf("the realistic season prints on %d %s pages, want 1 to 4", pages, paper)
		}
	}
}
