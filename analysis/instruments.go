package analysis

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// InstrumentChange is one change of the instrument that measures a channel
// (DOMAIN.md, "Units and cleaning", Instruments): from the first run of
// the new instrument on, the channel's baseline restarts.
type InstrumentChange struct {
	Date     time.Time // local date of the first run of the new instrument
	Channel  string    // "stance_time_balance" or "cadence"
	From, To string    // ingest.Activity.Instrument of the old and new
}

// instrumentConfirmRuns is how many runs in a row with the channel must
// use a new instrument for it to be a change: a single run without the
// usual pod (forgotten at home) is no new instrument.
const instrumentConfirmRuns = 3

// instrumentChanges finds the changes of one channel's instrument over the
// runs (in start order): a run whose instrument differs from the current
// one starts a change when the next runs with the channel (
// instrumentConfirmRuns in all) use it too.
func instrumentChanges(runs []Run, loc *time.Location, channel string, of func(Run) string) []InstrumentChange {
	var seq []Run
	for _, r := range runs {
		if r.IsRun && of(r) != "" {
			seq = append(seq, r)
		}
	}
	var out []InstrumentChange
	cur := ""
	for k, r := range seq {
		in := of(r)
		if cur == "" {
			cur = in
			continue
		}
		if in == cur {
			continue
		}
		// The runs left must hold the whole confirmation: one or two runs
		// of another instrument at the end of the data (the pod left at
		// home on the last run, the second watch worn in turn) are no
		// change, only runs without the usual instrument.
		confirmed := k+instrumentConfirmRuns <= len(seq)
		for j := k + 1; confirmed && j < k+instrumentConfirmRuns; j++ {
			if of(seq[j]) != in {
				confirmed = false
				break
			}
		}
		if confirmed {
			out = append(out, InstrumentChange{Date: localDate(r, loc), Channel: channel, From: cur, To: in})
			cur = in
		}
	}
	return out
}

// findInstruments fills s.Instruments from the runs: the changes of the
// GCT-balance and cadence instruments, in date order.
func (s *Season) findInstruments() {
	loc := s.location()
	s.firstInstrument = map[string]string{}
	for _, r := range s.Runs {
		for ch, in := range map[ingest.Channel]string{ingest.ChanStanceTimeBalance: r.BalanceInstrument, ingest.ChanCadence: r.CadenceInstrument} {
			if _, ok := s.firstInstrument[ch.String()]; !ok && r.IsRun && in != "" {
				s.firstInstrument[ch.String()] = in
			}
		}
	}
	s.Instruments = append(
		instrumentChanges(s.Runs, loc, ingest.ChanStanceTimeBalance.String(), func(r Run) string { return r.BalanceInstrument }),
		instrumentChanges(s.Runs, loc, ingest.ChanCadence.String(), func(r Run) string { return r.CadenceInstrument })...)
	sort.SliceStable(s.Instruments, func(a, b int) bool { return s.Instruments[a].Date.Before(s.Instruments[b].Date) })
}

// InstrumentInForce names the instrument that measures channel ch on day
// d: the last change's at or before d, else the first run's with the
// channel; "" when no run has it.
func (s *Season) InstrumentInForce(ch ingest.Channel, d Day) string {
	in := s.firstInstrument[ch.String()]
	for _, c := range s.Instruments {
		if c.Channel == ch.String() && DayOf(c.Date) <= d {
			in = c.To
		}
	}
	return in
}

// WithoutUsualInstrument reports whether another instrument than the one
// in force on the run's day measured its channel ch: a single run with
// the pod left at home (DOMAIN.md, Instruments). Such a run is judged
// against its own instrument or not at all: its figure of the channel
// stays out of the week's figure and the baselines of the instrument in
// force (Week.BalanceOtherInstrumentRuns, CadenceOtherInstrumentRuns).
func (s *Season) WithoutUsualInstrument(r Run, ch ingest.Channel) bool {
	in := r.BalanceInstrument
	if ch == ingest.ChanCadence {
		in = r.CadenceInstrument
	}
	if in == "" || s.firstInstrument == nil {
		return false
	}
	usual := s.InstrumentInForce(ch, RunDay(r, s.location()))
	return usual != "" && in != usual
}

// InstrumentEpoch is the index of the first week measured with the
// instrument that measures channel in week i: the week of the last change
// of that channel's instrument at or before week i's end, 0 when there was
// none. Baselines of the channel look no further back than it.
func (s *Season) InstrumentEpoch(channel ingest.Channel, i int) int {
	if i < 0 || i >= len(s.Weeks) {
		return 0
	}
	end := int(s.Weeks[i].Monday) + 6
	epoch := 0
	for _, c := range s.Instruments {
		if c.Channel != channel.String() || dayNumber(c.Date) > end {
			continue
		}
		if w := s.WeekIndex(c.Date); w > epoch {
			epoch = w
		}
	}
	return epoch
}

// LastInstrumentChange is the last change of channel's instrument at or
// before week i's end; ok false when there was none.
func (s *Season) LastInstrumentChange(channel ingest.Channel, i int) (InstrumentChange, bool) {
	if i < 0 || i >= len(s.Weeks) {
		return InstrumentChange{}, false
	}
	end := int(s.Weeks[i].Monday) + 6
	var last InstrumentChange
	ok := false
	for _, c := range s.Instruments {
		if c.Channel == channel.String() && dayNumber(c.Date) <= end {
			last, ok = c, true
		}
	}
	return last, ok
}

// SinceInstrumentChange is what channel ch's baseline has gathered since
// the last change of its instrument at or before the end of week i: the
// change, the weeks from its week through week i with the channel's
// weekly figure, and the runs whose channel that instrument measured (the
// runs the baselines take: track runs aside for balance, treadmill runs
// aside for cadence). ok is false when there was no change.
func (s *Season) SinceInstrumentChange(ch ingest.Channel, i int) (c InstrumentChange, weeks, runs int, ok bool) {
	c, ok = s.LastInstrumentChange(ch, i)
	if !ok {
		return c, 0, 0, false
	}
	for k := max(s.WeekIndex(c.Date), 0); k <= i; k++ {
		n := 0
		for _, r := range s.WeekRuns(k) {
			if s.WithoutUsualInstrument(r, ch) {
				continue
			}
			switch ch {
			case ingest.ChanStanceTimeBalance:
				if !math.IsNaN(r.BalanceLeftPct) && !r.OnTrack() {
					n++
				}
			case ingest.ChanCadence:
				if !math.IsNaN(r.CadenceSPM) && !r.Treadmill() {
					n++
				}
			}
		}
		runs += n
		if n > 0 {
			weeks++
		}
	}
	return c, weeks, runs, true
}

// Treadmill reports whether the run was on a treadmill (FIT sub-sport
// treadmill, Strava's and Garmin's treadmill types): belt speed from a
// wrist or footpod is unreliable and runners step faster on a belt, so its
// cadence is compared only with other treadmill runs.
func (r Run) Treadmill() bool { return r.Sport == ingest.SportTreadmill }

// TrackRunShare is the share of a run's distance on a track oval from which
// it is a track run: on the bends the inside leg stays longer on the
// ground, so its GCT balance is judged apart from the other runs'.
const TrackRunShare = 0.25

// OnTrack reports whether at least TrackRunShare of the run's distance was
// on a track oval (either direction).
func (r Run) OnTrack() bool {
	km := 0.0
	for _, v := range []float64{r.TrackKmCW, r.TrackKmCCW} {
		if !math.IsNaN(v) {
			km += v
		}
	}
	return km > 0 && !(r.DistanceKm > 0 && km < TrackRunShare*r.DistanceKm)
}

// OtherInstrumentRuns counts, for one instrument, the runs of the weeks
// whose channel it measured while another was in force (WithoutUsualInstrument).
type OtherInstrumentRuns struct {
	Instrument, Usual string // the run's instrument and the one in force
	Runs              int
}

// OtherInstrumentRuns groups the runs of the season's weeks whose channel
// ch another instrument than the one in force measured, by that instrument
// and the usual one, in order of first run: the runs the channel's rules
// leave out (track runs aside for balance, which are judged apart). Empty
// when there are none. Runs of an instrument whose offset is known
// (BalanceOffset, CadenceOffsetPct; outdoor runs for cadence) are
// judged, so not among them.
func (s *Season) OtherInstrumentRuns(ch ingest.Channel) []OtherInstrumentRuns {
	var out []OtherInstrumentRuns
	for i := range s.Weeks {
		for _, r := range s.WeekRuns(i) {
			in := r.CadenceInstrument
			if ch == ingest.ChanStanceTimeBalance {
				if math.IsNaN(r.BalanceLeftPct) || r.OnTrack() {
					continue
				}
				in = r.BalanceInstrument
			} else if math.IsNaN(r.CadenceSPM) {
				continue
			}
			if !s.WithoutUsualInstrument(r, ch) {
				continue
			}
			// Judged by its own baseline: only the channel's own offset is
			// asked for (each rescans the weeks before i).
			judged := false
			if ch == ingest.ChanStanceTimeBalance {
				_, judged = s.BalanceOffset(i, in)
			} else if !r.Treadmill() {
				_, judged = s.CadenceOffsetPct(i, in, s.CadenceBaseline(i))
			}
			if judged {
				continue
			}
			usual := s.InstrumentInForce(ch, RunDay(r, s.location()))
			k := slices.IndexFunc(out, func(o OtherInstrumentRuns) bool { return o.Instrument == in && o.Usual == usual })
			if k < 0 {
				out = append(out, OtherInstrumentRuns{Instrument: in, Usual: usual})
				k = len(out) - 1
			}
			out[k].Runs++
		}
	}
	return out
}

// BalanceOffset is how many pp more to the left instrument in reads GCT
// balance than the instrument in force in week i: the median balance of
// in's runs minus the median of the usual instrument's runs, over the
// weeks from the usual instrument's first week (InstrumentEpoch), at most
// BalanceLookbackWeeks, before week i (track runs aside). ok only when
// each instrument has there the minimum data of a baseline after a sensor
// change (MinBalanceRuns runs over MinBalanceWeeks weeks). A second
// instrument worn in turn with the usual one (two watches, an old watch
// kept for trail days) is so judged against its own runs' baseline: its
// run minus its own median is its departure, added to the usual median
// (DOMAIN.md, Instruments). A pod left at home once has no such baseline.
func (s *Season) BalanceOffset(i int, in string) (off float64, ok bool) {
	if i < 0 || i >= len(s.Weeks) || in == "" {
		return math.NaN(), false
	}
	var own, usual []float64
	ownWeeks, usualWeeks := 0, 0
	for k := max(s.InstrumentEpoch(ingest.ChanStanceTimeBalance, i), i-BalanceLookbackWeeks); k < i; k++ {
		o, u := len(own), len(usual)
		for _, r := range s.WeekRuns(k) {
			if math.IsNaN(r.BalanceLeftPct) || r.OnTrack() {
				continue
			}
			switch {
			case !s.WithoutUsualInstrument(r, ingest.ChanStanceTimeBalance):
				usual = append(usual, r.BalanceLeftPct)
			case r.BalanceInstrument == in:
				own = append(own, r.BalanceLeftPct)
			}
		}
		if len(own) > o {
			ownWeeks++
		}
		if len(usual) > u {
			usualWeeks++
		}
	}
	if len(own) < MinBalanceRuns || ownWeeks < MinBalanceWeeks || len(usual) < MinBalanceRuns || usualWeeks < MinBalanceWeeks {
		return math.NaN(), false
	}
	return Median(own) - Median(usual), true
}

// CadenceOffsetPct is how many percent instrument in's cadence reads above
// the instrument in force in week i's, against model m (the week's
// outdoor cadence model): the median residual of in's outdoor runs minus
// the median of the usual instrument's, over the weeks from the usual
// instrument's first week, at most 2×BaselineWeeks, before week i. ok only
// when each has MinBaselineRuns such runs there, the minimum of a cadence
// baseline after a sensor change. A second instrument worn in turn is so
// judged by its own runs (BalanceOffset for balance).
func (s *Season) CadenceOffsetPct(i int, in string, m CadenceModel) (off float64, ok bool) {
	if i < 0 || i >= len(s.Weeks) || in == "" || !m.Valid {
		return math.NaN(), false
	}
	var own, usual []float64
	for k := max(s.InstrumentEpoch(ingest.ChanCadence, i), i-2*BaselineWeeks); k < i; k++ {
		for _, r := range s.WeekRuns(k) {
			v := m.ResidualPct(r)
			if math.IsNaN(v) || r.Treadmill() {
				continue
			}
			switch {
			case !s.WithoutUsualInstrument(r, ingest.ChanCadence):
				usual = append(usual, v)
			case r.CadenceInstrument == in:
				own = append(own, v)
			}
		}
	}
	if len(own) < MinBaselineRuns || len(usual) < MinBaselineRuns {
		return math.NaN(), false
	}
	return Median(own) - Median(usual), true
}
