package analysis

import (
	"math"
	"testing"

	"github.com/itbcheck/itbcheck/ingest"
)

// TestWithoutUsualInstrument: a single run without the usual pod (its
// balance and cadence from the wrist) stays out of its week's balance
// mean, is counted apart, and is no part of the pod's cadence baseline;
// three runs in a row with a new sensor are a change, whose runs are the
// usual ones from then on.
func TestWithoutUsualInstrument(t *testing.T) {
	const pod, wrist, strap = "pod garmin running_dynamics_pod", "wrist garmin fr255", "chest-strap garmin hrm_pro"
	var runs []Run
	for w := 0; w < 12; w++ {
		for d := 0; d < 4; d++ {
			r := run(monday0.AddDate(0, 0, 7*w+2*d), 8)
			r.Source = r.Source + string(rune('a'+d))
			r.BalanceLeftPct, r.BalanceInstrument, r.CadenceInstrument = 50.0+0.1*float64(d), pod, pod
			r.CadenceSPM = 170 + float64(d)
			if w >= 9 { // a strap from week 9 on: a real change
				r.BalanceInstrument, r.CadenceInstrument, r.BalanceLeftPct = strap, strap, 51.2+0.1*float64(d)
			}
			runs = append(runs, r)
		}
	}
	lone := &runs[4*5+1] // week 5, the pod left at home
	lone.BalanceInstrument, lone.CadenceInstrument = wrist, wrist
	lone.BalanceLeftPct, lone.CadenceSPM = 49.0, 160
	s := NewSeason("pat", runs, Params{})

	if len(s.Instruments) != 2 || s.Instruments[0].To != strap || s.Instruments[1].To != strap {
		t.Fatalf("instrument changes %+v: want only the strap's (balance and cadence)", s.Instruments)
	}
	w := s.Weeks[5]
	if want := (50.0 + 50.2 + 50.3) / 3; math.Abs(w.BalanceLeftPct-want) > 1e-9 || w.BalanceOtherInstrumentRuns != 1 {
		t.Errorf("week 5: balance %.3f with %d runs left out; want %.3f (the pod runs) and 1", w.BalanceLeftPct, w.BalanceOtherInstrumentRuns, want)
	}
	if w.CadenceOtherInstrumentRuns != 1 {
		t.Errorf("week 5: %d cadence runs without the usual pod, want 1", w.CadenceOtherInstrumentRuns)
	}
	for i, wk := range s.Weeks {
		if i != 5 && (wk.BalanceOtherInstrumentRuns != 0 || wk.CadenceOtherInstrumentRuns != 0) {
			t.Errorf("week %d: %d/%d runs counted without the usual pod, want none (the strap's runs are the usual ones from its change)", i, wk.BalanceOtherInstrumentRuns, wk.CadenceOtherInstrumentRuns)
		}
	}
	if !s.WithoutUsualInstrument(*lone, ingest.ChanCadence) || s.WithoutUsualInstrument(runs[4*10], ingest.ChanStanceTimeBalance) {
		t.Errorf("the lone wrist run must be without the usual instrument, a strap run after the change not")
	}
	// What the strap's baseline has gathered by the last week: weeks 9-11.
	if c, weeks, n, ok := s.SinceInstrumentChange(ingest.ChanStanceTimeBalance, 11); !ok || c.To != strap || weeks != 3 || n != 12 {
		t.Errorf("since the strap: %+v, %d weeks, %d runs, %v; want the strap's change, 3 weeks, 12 runs", c, weeks, n, ok)
	}
	if _, _, _, ok := s.SinceInstrumentChange(ingest.ChanCadence, 8); ok {
		t.Errorf("a change found by week 8, before the strap")
	}
	// The pod's cadence baseline of week 7 is fitted without the wrist run.
	m := s.FitCadenceBaseline(7, nil)
	if m.Runs != 4*7-1 {
		t.Errorf("week 7's cadence baseline fits %d runs, want %d (every pod run of weeks 0-6)", m.Runs, 4*7-1)
	}
	if b := s.FitBalanceBaseline(7, nil); b.Runs != 4*7-1 {
		t.Errorf("week 7's balance baseline counts %d runs, want %d", b.Runs, 4*7-1)
	}
}

// TestBalanceOffsetInTurn: a runner wears a strap and the wrist in turn
// (never a change). Once the wrist has 20 runs over 6 weeks of its own
// (and the strap too) in the weeks before, a wrist run counts in the
// week's balance brought to the strap's scale by the two medians; before,
// it is left out and counted.
func TestBalanceOffsetInTurn(t *testing.T) {
	const wrist, strap = "wrist garmin fr255", "chest-strap garmin hrm_pro"
	var runs []Run
	for w := 0; w < 14; w++ {
		for d := 0; d < 6; d++ {
			r := run(monday0.AddDate(0, 0, 7*w+d), 8)
			r.Source = r.Source + string(rune('a'+d))
			r.BalanceLeftPct, r.BalanceInstrument = 51.2+0.1*float64(d%3), strap
			if d%2 == 1 {
				r.BalanceLeftPct, r.BalanceInstrument = 50.0+0.1*float64(d%3), wrist
			}
			runs = append(runs, r)
		}
	}
	s := NewSeason("pat", runs, Params{})
	if len(s.Instruments) != 0 {
		t.Fatalf("instrument changes %+v: two instruments in turn make none", s.Instruments)
	}
	judgedFrom := -1
	for i, w := range s.Weeks {
		off, ok := s.BalanceOffset(i, wrist)
		if w.BalanceOtherInstrumentRuns+w.BalanceOtherInstrumentJudged != 3 {
			t.Errorf("week %d: %d wrist runs left out + %d judged, want 3 in all", i, w.BalanceOtherInstrumentRuns, w.BalanceOtherInstrumentJudged)
		}
		if !ok {
			if w.BalanceOtherInstrumentJudged != 0 || math.Abs(w.BalanceLeftPct-51.3) > 1e-9 {
				t.Errorf("week %d without an offset: balance %.3f with %d wrist runs judged; want the strap's 51.3 alone", i, w.BalanceLeftPct, w.BalanceOtherInstrumentJudged)
			}
			continue
		}
		if judgedFrom < 0 {
			judgedFrom = i
		}
		if math.Abs(off-(-1.2)) > 1e-9 || w.BalanceOtherInstrumentJudged != 3 || math.Abs(w.BalanceLeftPct-51.3) > 1e-9 {
			t.Errorf("week %d: offset %.3f, %d wrist runs judged, balance %.3f; want -1.2, 3, 51.3 (the wrist runs on the strap's scale)", i, off, w.BalanceOtherInstrumentJudged, w.BalanceLeftPct)
		}
	}
	// 3 wrist runs a week: 20 runs in the 7 weeks before week 7.
	if judgedFrom != 7 {
		t.Errorf("wrist runs judged from week %d, want 7 (the first with 20 runs over 6 weeks of each before it)", judgedFrom)
	}
	if got := s.OtherInstrumentRuns(ingest.ChanStanceTimeBalance); len(got) != 1 || got[0].Runs != 7*3 || got[0].Instrument != wrist || got[0].Usual != strap {
		t.Errorf("runs not judged %+v, want the 21 wrist runs of weeks 0-6 (usual: the strap)", got)
	}
}

// TestCadenceOffsetInTurn: the wrist, worn in turn with a pod, reads
// cadence 2 spm higher. Once each has 8 outdoor runs before the week, the
// wrist runs count in the week's cadence residual by their own baseline,
// so a steady runner's residual stays at 0; before, they are left out.
func TestCadenceOffsetInTurn(t *testing.T) {
	const wrist, pod = "wrist garmin fr255", "pod garmin running_dynamics_pod"
	var runs []Run
	for w := 0; w < 12; w++ {
		for d := 0; d < 4; d++ {
			r := run(monday0.AddDate(0, 0, 7*w+d), 8)
			r.Source = r.Source + string(rune('a'+d))
			r.CadenceSPM, r.CadenceInstrument = 170+0.5*float64(d/2), pod
			if d%2 == 1 {
				r.CadenceSPM, r.CadenceInstrument = 172+0.5*float64(d/2), wrist
			}
			runs = append(runs, r)
		}
	}
	s := NewSeason("pat", runs, Params{})
	judged := 0
	for i, w := range s.Weeks {
		if _, ok := s.CadenceOffsetPct(i, wrist, s.CadenceBaseline(i)); !ok {
			continue
		}
		judged++
		if w.CadenceOtherInstrumentRuns != 0 || w.CadenceRuns != 4 || math.Abs(w.CadenceResidualPct) > 0.2 {
			t.Errorf("week %d: %d wrist runs left out, %d runs in the residual %.2f %%; want 0, 4 and about 0", i, w.CadenceOtherInstrumentRuns, w.CadenceRuns, w.CadenceResidualPct)
		}
	}
	if judged == 0 {
		t.Fatal("the wrist runs are never judged by their own baseline")
	}
	t.Logf("%d of %d weeks judged the wrist runs by their own baseline", judged, len(s.Weeks))
}
