package analysis

import (
	"math"
	"testing"
)

// TestTraceRoundTrip checks that a trace keeps values to its grid (0.01 spm,
// 0.002 %), gives back grid values exactly, keeps NaN and clamps values it
// cannot hold.
func TestTraceRoundTrip(t *testing.T) {
	tr := MakeTrace(4)
	tr.Append(172.345, 50.4567)
	tr.Append(math.NaN(), 49.9)
	tr.Append(175-3*0.12, math.NaN())
	tr.Append(900, -1)
	tr.Append(-5, 140)
	want := []TracePoint{
		{0, 172.35, 50.456},
		{1, math.NaN(), 49.9},
		{2, 174.64, math.NaN()},
		{3, 655.34, 0},
		{4, 0, 131.068},
	}
	if tr.Len() != len(want) {
		t.Fatalf("Len %d, want %d", tr.Len(), len(want))
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for i, w := range want {
		got := tr.At(i)
		if !same(got.Minute, w.Minute) || !same(got.CadenceSPM, w.CadenceSPM) || !same(got.BalanceLeftPct, w.BalanceLeftPct) {
			t.Errorf("At(%d) = %+v, want %+v", i, got, w)
		}
	}
	var empty Trace
	if empty.Len() != 0 {
		t.Errorf("zero Trace has %d points", empty.Len())
	}
}
