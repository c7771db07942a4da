package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
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
	if strings.Contains(out, "<script") {
		t.Errorf("HTML holds a <script> element")
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
	r := &Report{Athletes: []*Athlete{{Name: "new"}}}
	var b bytes.Buffer
	if err := Render(&b, "html", r, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<svg") || !strings.Contains(b.String(), "No risk pattern found in 0 weeks") {
		t.Errorf("empty athlete rendered unexpectedly")
	}
}

// TestHTMLInChromium opens the report in headless Chromium, fails on
// script or console errors, and leaves a screenshot for people to look at
// (its path is logged; set ITBCHECK_SCREENSHOT to keep it elsewhere).
func TestHTMLInChromium(t *testing.T) {
	bin := "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("chromium not installed at %s (apt-get install -y chromium): %v", bin, err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, render(t, "html", Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := os.Getenv("ITBCHECK_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(dir, "report.png")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1000,3000",
		"--enable-logging=stderr", "--v=0", "file://"+page)
	logs, err := cmd.CombinedOutput()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium timed out:\n%s", logs)
	}
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, logs)
	}
	for _, l := range strings.Split(string(logs), "\n") {
		if strings.Contains(l, "Uncaught") || (strings.Contains(l, "CONSOLE") && strings.Contains(strings.ToLower(l), "error")) {
			t.Errorf("browser error: %s", l)
		}
	}
	st, err := os.Stat(shot)
	if err != nil || st.Size() < 10_000 {
		t.Fatalf("no usable screenshot at %s: %v", shot, err)
	}
	n := barPixels(t, shot)
	if n < 1000 {
		t.Errorf("screenshot %s shows %d pixels of the weekly chart's bars; the charts did not render", shot, n)
	}
	t.Logf("screenshot: %s (%d bar pixels)", shot, n)
}
