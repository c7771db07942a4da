package report

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Tooltips: gonum/plot draws paths without titles, so each chart also
// gets invisible hotspots, own SVG elements with a <title>, drawn over
// the plot in the same coordinates: a week's column or a point. Their
// words are built from our own numbers and rule titles, and escaped all
// the same.

// tip is one tooltip in data coordinates: a point at X, Y or, when
// Column, the whole height of the plot over X ± 0.5 (a week's column).
type tip struct {
	X, Y   float64
	Column bool
	Text   string
}

// hotspot is a tip placed on the SVG canvas, in points from the bottom
// left (gonum's coordinates).
type hotspot struct {
	rect   vg.Rectangle // the column; for a point, the box around its circle
	circle bool
	text   string
}

// tipRadius is the radius of a point's hotspot: larger than the dot, so
// that it is easy to hover.
const tipRadius = 6

// tipLayer is a plot.Plotter that draws nothing and records where its
// tips land when the plot is drawn.
type tipLayer struct {
	tips []tip
	into *[]hotspot
}

// Plot implements plot.Plotter.
func (l tipLayer) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, t := range l.tips {
		if math.IsNaN(t.X) || t.X < p.X.Min || t.X > p.X.Max || t.Text == "" {
			continue
		}
		if t.Column {
			x0, x1 := trX(math.Max(p.X.Min, t.X-0.5)), trX(math.Min(p.X.Max, t.X+0.5))
			*l.into = append(*l.into, hotspot{rect: vg.Rectangle{Min: vg.Point{X: x0, Y: c.Min.Y}, Max: vg.Point{X: x1, Y: c.Max.Y}}, text: t.Text})
			continue
		}
		if math.IsNaN(t.Y) || t.Y < p.Y.Min || t.Y > p.Y.Max {
			continue
		}
		x, y, r := trX(t.X), trY(t.Y), vg.Length(tipRadius)
		*l.into = append(*l.into, hotspot{rect: vg.Rectangle{Min: vg.Point{X: x - r, Y: y - r}, Max: vg.Point{X: x + r, Y: y + r}}, circle: true, text: t.Text})
	}
}

// tipsSVG writes the hotspots as SVG elements for a canvas of the given
// height: transparent (so they change no pixel), each with its <title>.
func tipsSVG(spots []hotspot, height vg.Length) string {
	if len(spots) == 0 {
		return ""
	}
	num := func(v vg.Length) string { return strconv.FormatFloat(round(float64(v), 1), 'f', -1, 64) }
	var b strings.Builder
	b.WriteString(`<g class="tips" fill="transparent">`)
	for _, s := range spots {
		// SVG's y runs down from the top; gonum's up from the bottom.
		if s.circle {
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s"><title>%s</title></circle>`,
				num((s.rect.Min.X+s.rect.Max.X)/2), num(height-(s.rect.Min.Y+s.rect.Max.Y)/2), num(tipRadius), svgText(s.text))
			continue
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`,
			num(s.rect.Min.X), num(height-s.rect.Max.Y), num(s.rect.Max.X-s.rect.Min.X), num(s.rect.Max.Y-s.rect.Min.Y), svgText(s.text))
	}
	b.WriteString(`</g>`)
	return b.String()
}

// svgText escapes s for the text of an SVG element: XML's special
// characters, and the control characters XML does not allow at all.
func svgText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff {
			return '\ufffd'
		}
		return r
	}, strings.ToValidUTF8(s, "\ufffd"))
	return html.EscapeString(s)
}
