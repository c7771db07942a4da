package analysis

import "math"

// Trace is the per-minute series of a long run that the HTML report draws
// within the run: point i is minute i of running time. It is kept for every
// long run of a batch, so it is stored compactly, 4 bytes a minute: cadence
// in hundredths of a step per minute and GCT balance in steps of 0.002 %,
// as uint16 fixed point in one slice. Values are rounded to that grid when
// appended (at most 0.005 spm and 0.001 %, far below what a chart can show)
// and read back as the nearest float64 to the grid value, so what At yields
// is exactly what was kept.
type Trace struct {
	v []uint16 // cadence, balance, cadence, balance, ...
}

// Fixed-point scales of Trace. The largest uint16 marks an unknown value.
const (
	traceCadenceScale = 100 // units per step/min: 0 to 655.34 spm
	traceBalanceScale = 500 // units per %: 0 to 131.068 %
	traceNaN          = math.MaxUint16
)

// MakeTrace returns an empty trace with room for minutes points.
func MakeTrace(minutes int) Trace {
	return Trace{v: make([]uint16, 0, 2*max(minutes, 0))}
}

// Len is the number of minutes in the trace.
func (t Trace) Len() int { return len(t.v) / 2 }

// At returns minute i.
func (t Trace) At(i int) TracePoint {
	return TracePoint{
		Minute:         float64(i),
		CadenceSPM:     traceValue(t.v[2*i], traceCadenceScale),
		BalanceLeftPct: traceValue(t.v[2*i+1], traceBalanceScale),
	}
}

// Append adds the next minute. Values outside the stored range (negative,
// cadence above 655.34 spm, balance above 131.068 %: none a watch records)
// are clamped to it.
func (t *Trace) Append(cadenceSPM, balanceLeftPct float64) {
	t.v = append(t.v, traceUnit(cadenceSPM, traceCadenceScale), traceUnit(balanceLeftPct, traceBalanceScale))
}

func traceUnit(x, scale float64) uint16 {
	if math.IsNaN(x) {
		return traceNaN
	}
	u := math.Round(x * scale)
	return uint16(math.Min(math.Max(u, 0), traceNaN-1))
}

func traceValue(u uint16, scale float64) float64 {
	if u == traceNaN {
		return math.NaN()
	}
	return float64(u) / scale
}
