package report

import (
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"

	"github.com/itbcheck/itbcheck/analysis"
)

// maxDateLabels is the most date labels an x axis gets: at the charts'
// width and tick font, more would run into each other.
const maxDateLabels = 8

// denseTicks label about N values of an axis at a round step (1, 2, 2.5
// or 5 times a power of ten: the one whose label count is nearest N, the
// smaller on a tie), with an unlabelled tick between two labels, so that
// a value can be read off the axis; gonum's default gives 2 or 3.
type denseTicks struct{ N int }

// Ticks implements plot.Ticker.
func (d denseTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) || d.N < 2 {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(d.N))))
	step, best := 0.0, math.Inf(1)
	for _, m := range []float64{0.5, 1, 2, 2.5, 5, 10, 20} {
		st := m * mag
		n := math.Floor(hi/st+1e-9) - math.Ceil(lo/st-1e-9) + 1
		if miss := math.Abs(n - float64(d.N)); miss < best {
			step, best = st, miss
		}
	}
	minor := step / 2
	var ticks []plot.Tick
	for k := math.Ceil(lo/minor - 1e-9); k*minor <= hi+minor*1e-9; k++ {
		v := k * minor
		t := plot.Tick{Value: v}
		if math.Mod(k, 2) == 0 {
			t.Label = strconv.FormatFloat(round(v, 6), 'f', -1, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// weekTicks are the ticks of an axis of week indexes: one per week,
// labelled with its Monday every few weeks (at most maxDateLabels).
func weekTicks(weeks []analysis.Week) plot.ConstantTicks {
	k := labelEvery(len(weeks))
	var ticks plot.ConstantTicks
	for i, wk := range weeks {
		label := ""
		if i%k == 0 {
			label = wk.Monday.Time(nil).Format("Jan 2")
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
	}
	return ticks
}

// labelEvery is how many weeks apart the labels of n weeks go.
func labelEvery(n int) int { return max(1, (n+maxDateLabels-1)/maxDateLabels) }

// mondayTicks are the ticks of a time axis in dayTime seconds: one per
// Monday, labelled every few weeks like weekTicks, so that the run charts
// read on the same dates as the weekly ones.
type mondayTicks struct{}

// Ticks implements plot.Ticker.
func (mondayTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	first := mondayOf(time.Unix(int64(lo), 0).UTC())
	if dayTime(first) < lo {
		first = first.AddDate(0, 0, 7)
	}
	var mondays []time.Time
	for m := first; dayTime(m) <= hi; m = m.AddDate(0, 0, 7) {
		mondays = append(mondays, m)
	}
	k := labelEvery(len(mondays))
	ticks := make([]plot.Tick, len(mondays))
	for i, m := range mondays {
		ticks[i].Value = dayTime(m)
		if i%k == 0 {
			ticks[i].Label = m.Format("Jan 2")
		}
	}
	return ticks
}

// yearsText names the years that weeks span: "2026", "2025–2026".
func yearsText(weeks []analysis.Week) string {
	if len(weeks) == 0 {
		return ""
	}
	a, b := weeks[0].Monday.Time(nil).Year(), (weeks[len(weeks)-1].Monday + 6).Time(nil).Year()
	if a == b {
		return strconv.Itoa(a)
	}
	return strconv.Itoa(a) + "–" + strconv.Itoa(b)
}
