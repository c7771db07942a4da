package report

import (
	"image/png"
	"os"
	"testing"
)

// barPixels counts the screenshot's pixels drawn in the weekly chart's bar
// colour (colBar, give or take anti-aliasing): a page whose SVG charts did
// not render has none, however large its PNG. It also gives the
// screenshot's width in pixels.
func barPixels(t *testing.T, path string) (n, width int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	near := func(a, b uint32) bool { d := int(a>>8) - int(b); return d > -12 && d < 12 }
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r, uint32(colBar.R)) && near(g, uint32(colBar.G)) && near(bl, uint32(colBar.B)) {
				n++
			}
		}
	}
	return n, b.Dx()
}
