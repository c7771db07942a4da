package analysis

import "math"

// terrain accumulates ascent and descent with hysteresis, and the grade of
// descending stretches over windows of GradeWindowM, one sample at a time.
// The hysteresis follows the altitude's extremes: a climb or descent counts
// in full once it exceeds AltitudeHysteresisM, reversals smaller than that
// are ignored.
type terrain struct {
	seen              bool // at least one altitude value
	ascentM, descentM float64

	// hysteresis state: dir is 0 before the first confirmed move, +1
	// climbing, -1 descending; ext is the running extreme in dir (or the
	// base altitude while dir is 0).
	dir int
	ext float64

	// grade window: start altitude and distance into the window.
	winAltM, winDistM float64
	winOpen           bool
	// descending windows: total drop and distance.
	dropM, dropDistM float64
}

// reset starts a new continuous stretch (after a pause) without losing the
// totals.
func (t *terrain) reset() {
	t.dir = 0
	t.ext = math.NaN()
	t.winOpen = false
}

// add takes the altitude at a sample and the distance moved since the
// previous one (NaN when unknown).
func (t *terrain) add(altM, dM float64) {
	if math.IsNaN(altM) {
		return
	}
	t.seen = true
	t.hysteresis(altM)
	// Grades use the hysteresis-filtered altitude, so that wiggles below
	// AltitudeHysteresisM neither make nor dilute a descending stretch.
	altM = t.ext
	if math.IsNaN(dM) {
		t.winOpen = false
		return
	}
	if !t.winOpen {
		t.winAltM, t.winDistM, t.winOpen = altM, 0, true
		return
	}
	t.winDistM += dM
	if t.winDistM < GradeWindowM {
		return
	}
	if g := (altM - t.winAltM) / t.winDistM * 100; g <= DescendingGradePct {
		t.dropM += t.winAltM - altM
		t.dropDistM += t.winDistM
	}
	t.winAltM, t.winDistM = altM, 0
}

func (t *terrain) hysteresis(altM float64) {
	switch {
	case math.IsNaN(t.ext):
		t.ext = altM
	case t.dir == 0 && altM-t.ext >= AltitudeHysteresisM:
		t.ascentM += altM - t.ext
		t.dir, t.ext = 1, altM
	case t.dir == 0 && t.ext-altM >= AltitudeHysteresisM:
		t.descentM += t.ext - altM
		t.dir, t.ext = -1, altM
	case t.dir > 0 && altM > t.ext:
		t.ascentM += altM - t.ext
		t.ext = altM
	case t.dir > 0 && t.ext-altM >= AltitudeHysteresisM:
		t.descentM += t.ext - altM
		t.dir, t.ext = -1, altM
	case t.dir < 0 && altM < t.ext:
		t.descentM += t.ext - altM
		t.ext = altM
	case t.dir < 0 && altM-t.ext >= AltitudeHysteresisM:
		t.ascentM += altM - t.ext
		t.dir, t.ext = 1, altM
	}
}

// gradePct is the mean grade of the descending windows in percent
// (negative), NaN when there were none.
func (t *terrain) gradePct() float64 {
	if t.dropDistM <= 0 {
		return math.NaN()
	}
	return -t.dropM / t.dropDistM * 100
}
