package ingest

import (
	"fmt"

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
func inferFITSport(a *Activity) Sport {
	s := &a.Samples
	if anyValue(s.StanceTimeMs) || anyValue(s.VertOscCm) || anyValue(s.BalanceLeftPct) {
		a.Notes = append(a.Notes, "sport inferred as running from the running dynamics in the records")
		return SportRunning
	}
	cad, speed := median(s.CadenceSPM), median(s.SpeedMS)
	if cad >= 120 && cad <= 240 && speed >= 1.5 && speed <= 6.5 {
		a.Notes = append(a.Notes, fmt.Sprintf("sport inferred as running from the records (cadence %.0f spm at %.1f m/s)", cad, speed))
		return SportRunning
	}
	return SportUnknown
}
