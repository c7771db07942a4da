package report

import (
	"math"
	"regexp"
	"strconv"
	"testing"
)

// luminance is the WCAG 2 relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		x := float64(v) / 255
		if x <= 0.03928 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestSeverityContrast computes, from the stylesheet's own colours, that
// the severity badges (white on the colour) and severity words (the
// colour on the page) reach WCAG AA for normal text, 4.5:1.
func TestSeverityContrast(t *testing.T) {
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z]+): (#[0-9a-fA-F]{6});`).FindAllStringSubmatch(htmlCSS, -1) {
		vars[m[1]] = m[2]
	}
	for _, name := range []string{"high", "medium", "low", "muted", "bg"} {
		if vars[name] == "" {
			t.Fatalf("report.css defines no --%s colour", name)
		}
	}
	for _, name := range []string{"high", "medium", "low", "muted"} {
		for _, bg := range []string{"#ffffff", vars["bg"]} {
			if r := contrast(t, vars[name], bg); r < 4.5 {
				t.Errorf("--%s %s on %s: contrast %.2f:1, want ≥ 4.5:1 (WCAG AA)", name, vars[name], bg, r)
			}
		}
	}
	// The measurement: the old medium and low were below AA.
	if r := contrast(t, "#d35400", "#ffffff"); math.Abs(r-4.17) > 0.01 {
		t.Errorf("contrast of the old medium = %.2f, want 4.17 (the formula is off)", r)
	}
}
