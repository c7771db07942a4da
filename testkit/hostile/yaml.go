package hostile

import (
	"fmt"
	"io"
	"strings"
)

// AliasBombYAML is a config of about 700 bytes whose aliases expand to
// 9^levels scalars under the key "rules": each level is a list of nine
// uses of the level before (the "billion laughs" of YAML).
func AliasBombYAML(levels int) []byte {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for k := 0; k < 9; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	fmt.Fprintf(&b, "rules: {load-spike: *a%d}\n", levels)
	return []byte(b.String())
}

// AliasMapBombYAML is the same bomb built of mappings, which a config's
// flattening walks key by key: 9^levels scalars under "rules".
func AliasMapBombYAML(levels int) []byte {
	var b strings.Builder
	b.WriteString("x0: &x0 {a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1, i: 1}\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "x%d: &x%d {", i, i)
		for k := 0; k < 9; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%c: *x%d", 'a'+k, i-1)
		}
		b.WriteString("}\n")
	}
	fmt.Fprintf(&b, "rules: *x%d\n", levels)
	return []byte(b.String())
}

// BadSymptomLines writes a symptoms.csv of a header and n lines that are
// each refused ("x").
func BadSymptomLines(w io.Writer, n int) error {
	if _, err := io.WriteString(w, "date,site,side,pain,flags,note\n"); err != nil {
		return err
	}
	_, err := io.WriteString(w, strings.Repeat("x\n", n))
	return err
}

// BadSymptomYAML is a YAML symptom log of n entries that are each refused
// (a scalar where an entry belongs).
func BadSymptomYAML(n int) []byte {
	return []byte(strings.Repeat("- x\n", n))
}

// UnknownKeysConfig is a config of n unknown top-level keys.
func UnknownKeysConfig(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "unknown_%d: 1\n", i)
	}
	return []byte(b.String())
}
