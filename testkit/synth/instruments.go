package synth

import "sort"

// InTurn returns a copy of the season in which the runner wears two
// instruments in turn, run by run: every other run (the 1st, 3rd, ... of
// the runs) is recorded with sensor a, the others with sensor b ("" is
// wrist-based dynamics). An instrument change needs 3 runs in a row, so
// such a season never has one: a runner with two watches, or an old watch
// kept for some days. Each sensor reads GCT balance with its own offset
// (an HRM-Pro about 1.2 pp more to the left than the wrist).
func (s Season) InTurn(a, b Sensor) Season {
	s.Runs = append([]RunSpec(nil), s.Runs...)
	var order []int // the runs in start order
	for i := range s.Runs {
		if s.Runs[i].IsRun() {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return s.Runs[order[x]].Start.Before(s.Runs[order[y]].Start) })
	for n, i := range order {
		s.Runs[i].Sensor = a
		if n%2 == 1 {
			s.Runs[i].Sensor = b
		}
	}
	return s
}
