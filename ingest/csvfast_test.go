package ingest

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// generalNumber is parseNumber without the plain-number fast path: what
// every cell went through before. A plain number has no comma, so it
// took the decimal-point dialect.
func generalNumber(s string, sep rune) float64 {
	if _, ok := plainNumber(s); !ok {
		return parseNumber(s, sep)
	}
	return parseNumberIn(s, dialectPoint)
}

func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

func TestPlainNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"172", 172, true},
		{" -12.345\t", -12.345, true},
		{"+3.5", 3.5, true},
		{".5", 0.5, true},
		{"5.", 5, true},
		{"-0", math.Copysign(0, -1), true},
		{"47.3700123456789", 47.3700123456789, true},
		{"0.1", 0.1, true},
		{"9007199254740993", 9007199254740993, true}, // above 2^53: through strconv
		{"47.36999988555908", 47.36999988555908, true},
		{"1" + strings.Repeat("0", 400), math.NaN(), true}, // out of range, as parseNumber reads it
		{"1e5", 0, false},
		{"1,5", 0, false},
		{"1.2.3", 0, false},
		{"-", 0, false},
		{".", 0, false},
		{"", 0, false},
		{"49.6%", 0, false},
		{"5-3", 0, false},
		{"\u00a05", 0, false},
	}
	for _, tt := range tests {
		v, ok := plainNumber(tt.in)
		if ok != tt.ok || ok && !sameFloat(v, tt.want) {
			t.Errorf("plainNumber(%q) = %v, %v; want %v, %v", tt.in, v, ok, tt.want, tt.ok)
		}
	}
}

// TestPlainNumberSameAsParseFloat compares the fast path with
// strconv.ParseFloat, bit for bit, on many random decimals of the lengths
// exports write.
func TestPlainNumberSameAsParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		digits := 1 + rng.IntN(20)
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteByte('-')
		}
		dot := rng.IntN(digits + 1)
		for d := 0; d < digits; d++ {
			if d == dot && rng.IntN(2) == 0 {
				b.WriteByte('.')
			}
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		s := b.String()
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got, ok := plainNumber(s); !ok || !sameFloat(got, want) {
			t.Fatalf("plainNumber(%q) = %v, ParseFloat %v", s, got, want)
		}
	}
}

// FuzzPlainNumber: for any cell, parseNumber gives what it gave before the
// fast path.
func FuzzPlainNumber(f *testing.F) {
	for _, s := range []string{"172", "-12.345", "1.234,5", "0.1", "9007199254740993", " 7 ", "nan", "1e300"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sep := range []rune{',', ';'} {
			got, want := parseNumber(s, sep), generalNumber(s, sep)
			if !sameFloat(got, want) {
				t.Fatalf("parseNumber(%q, %q) = %v, want %v", s, sep, got, want)
			}
		}
	})
}

func TestIsMissing(t *testing.T) {
	for _, s := range []string{"", "-", "--", "n/a", "N/A", "na", "NA", "nan", "NaN", "null", "NULL", "none", "None"} {
		if !isMissing(s) {
			t.Errorf("isMissing(%q) = false", s)
		}
	}
	for _, s := range []string{"0", "n", "---", "nana", "nulls", "2026-03-03T06:30:00Z", "5"} {
		if isMissing(s) {
			t.Errorf("isMissing(%q) = true", s)
		}
	}
}

// TestMedianSameAsSort checks the selection against sorting on random
// data with many repeated values, and on sorted and reversed input.
func TestMedianSameAsSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		n := 1 + rng.IntN(300)
		v := make([]float64, n)
		for j := range v {
			switch i % 4 {
			case 0:
				v[j] = float64(rng.IntN(5))
			case 1:
				v[j] = float64(j)
			case 2:
				v[j] = float64(n - j)
			default:
				v[j] = rng.NormFloat64()
			}
			if rng.IntN(10) == 0 {
				v[j] = math.NaN()
			}
		}
		var kept []float64
		for _, x := range v {
			if !math.IsNaN(x) {
				kept = append(kept, x)
			}
		}
		want := math.NaN()
		if len(kept) > 0 {
			slices.Sort(kept)
			want = kept[len(kept)/2]
		}
		orig := slices.Clone(v)
		if got := median(v); !sameFloat(got, want) {
			t.Fatalf("median(%v) = %v, want %v", orig, got, want)
		}
		if !slices.EqualFunc(v, orig, sameFloat) {
			t.Fatal("median changed its input")
		}
	}
}
