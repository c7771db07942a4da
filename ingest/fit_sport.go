package ingest

import (
	"fmt"
	"math"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
)

// sessionlessSport is the sport of a FIT sequence without a session message
// (a file cut before its end): from a sport message, else from the first lap
// that names one; invalid when neither does.
func (s *fitSequence) sessionlessSport() (typedef.Sport, typedef.SubSport) {
	if s.hasSport {
		return s.sport, s.subSport
	}
	for _, l := range s.laps {
		if l.sport != typedef.SportInvalid {
			return l.sport, l.subSport
		}
	}
	return typedef.SportInvalid, typedef.SubSportInvalid
}

// inferFITSport guesses the sport of a FIT activity whose messages name
// none (a truncated file before its laps and session) from its records:
// running dynamics are recorded only when running; a cadence of 120 to 240
// steps a minute (already doubled from strides) at running speed is a run.
// Speed tells a run from a ride, whose 85 rpm would double into the same
// range. The guess is noted on the activity.
func inferFITSport(a *Activity) Sport { return inferSport(a, "records") }

// inferSport guesses running for an activity whose file names no sport,
// from its samples (what names the channels: "records", "columns"):
// running dynamics are recorded only by runners; else a median cadence of
// 120–240 steps/min at a running speed (1.5–6.5 m/s) when speed is known.
// The speed check keeps a ride out, whose ~85 rpm, doubled as if strides,
// would look like a runner's 170. A note says what the guess rests on.
func inferSport(a *Activity, what string) Sport {
	s := &a.Samples
	if anyValue(s.StanceTimeMs) || anyValue(s.VertOscCm) || anyValue(s.BalanceLeftPct) {
		a.Notes = append(a.Notes, "sport inferred as running from the running dynamics in the "+what)
		return SportRunning
	}
	cad, speed := median(s.CadenceSPM), median(s.SpeedMS)
	if cad >= 120 && cad <= 240 && (math.IsNaN(speed) || speed >= 1.5 && speed <= 6.5) {
		if math.IsNaN(speed) {
			a.Notes = append(a.Notes, fmt.Sprintf("sport inferred as running from the %s (median cadence %.0f spm; no speed to check)", what, cad))
		} else {
			a.Notes = append(a.Notes, fmt.Sprintf("sport inferred as running from the %s (cadence %.0f spm at %.1f m/s)", what, cad, speed))
		}
		return SportRunning
	}
	return SportUnknown
}

// fitTrainingSport is the sport of a FIT training or fitness-equipment
// session from its sub-sport: strength training is the gluteal
// strengthening the reports recommend; flexibility training, yoga and
// pilates are mobility work. Other training (cardio, HIIT) is SportOther.
func fitTrainingSport(sub typedef.SubSport) Sport {
	switch sub {
	case typedef.SubSportStrengthTraining:
		return SportStrength
	case typedef.SubSportFlexibilityTraining, typedef.SubSportYoga, typedef.SubSportPilates:
		return SportMobility
	}
	return SportOther
}

// fitEffort is the runner's own rating of a session: workout_rpe (Borg
// CR-10 × 10, so 0–100) as RPE on the CR-10 scale, and workout_feel (0
// weak … 100 strong) as is; NaN when absent or out of the profile's range.
func fitEffort(m *mesgdef.Session) (rpe, feel float64) {
	rpe, feel = math.NaN(), math.NaN()
	if m.WorkoutRpe != basetype.Uint8Invalid && m.WorkoutRpe <= 100 {
		rpe = float64(m.WorkoutRpe) / 10
	}
	if m.WorkoutFeel != basetype.Uint8Invalid && m.WorkoutFeel <= 100 {
		feel = float64(m.WorkoutFeel)
	}
	return rpe, feel
}
