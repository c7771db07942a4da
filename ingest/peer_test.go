package ingest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// peerDir holds real exports with the figures an independent reader gives
// for them (../shared/corpus/public/MANIFEST.md, beside the worktree).
const peerDir = "../../shared/corpus/public"

// minPeerAgreement is the share of compared figures that must agree.
const minPeerAgreement = 0.99

// peerFile is a *.peer.json: FIT files carry the official SDK's sessions,
// TCX/GPX files the activities of a plain reader.
type peerFile struct {
	Sessions   []peerSession  `json:"sessions"`
	Activities []peerActivity `json:"activities"`
}

type peerSession struct {
	Sport        string   `json:"sport"`
	Start        string   `json:"start"`
	TimerS       *float64 `json:"timer_s"`
	ElapsedS     *float64 `json:"elapsed_s"`
	DistanceM    *float64 `json:"distance_m"`
	CadenceRaw   *float64 `json:"avg_cadence_raw"`
	CadenceFrac  *float64 `json:"avg_fractional_cadence"`
	HeartRate    *float64 `json:"avg_heart_rate_bpm"`
	StanceMs     *float64 `json:"avg_stance_time_ms"`
	BalancePct   *float64 `json:"avg_stance_time_balance_pct"`
	VertOscCm    *float64 `json:"avg_vertical_oscillation_cm"`
	VertRatioPct *float64 `json:"avg_vertical_ratio_pct"`
	StepLengthM  *float64 `json:"avg_step_length_m"`
	AscentM      *float64 `json:"ascent_m"`
	DescentM     *float64 `json:"descent_m"`
	Records      *float64 `json:"records_in_session"`
	RecCadence   *float64 `json:"rec_mean_cadence_raw"`
	RecMaxDistM  *float64 `json:"rec_max_distance_m"`
	RecHR        *float64 `json:"rec_mean_hr"`
	RecStanceMs  *float64 `json:"rec_mean_stance_time_ms"`
	RecBalance   *float64 `json:"rec_mean_stance_time_balance_pct"`
	RecVertOsc   *float64 `json:"rec_mean_vertical_oscillation_cm"`
	RecStepLen   *float64 `json:"rec_mean_step_length_m"`
}

type peerActivity struct {
	Sport        string   `json:"sport"`
	Start        *string  `json:"start"`
	Laps         *float64 `json:"laps"`
	LapTimeS     *float64 `json:"lap_time_s"`
	LapDistanceM *float64 `json:"lap_distance_m"`
	Trackpoints  float64  `json:"trackpoints"`
	SpanS        *float64 `json:"span_s"`
	MaxDistanceM *float64 `json:"max_trackpoint_distance_m"`
	HaversineM   *float64 `json:"haversine_distance_m"`
	HeartRate    *float64 `json:"trackpoint_mean_hr"`
	LapHeartRate *float64 `json:"lap_avg_hr_time_weighted"`
	CadenceSPM   *float64 `json:"mean_cadence_spm_nonzero"`
	AscentM      *float64 `json:"ascent_hyst3_m"`
	DescentM     *float64 `json:"descent_hyst3_m"`
}

// figure is one compared value: ours against the peer's.
type figure struct {
	name       string
	ours, peer float64 // NaN: absent
	absTol     float64 // agreement within max(absTol, 1 % of the peer's value)
	// own marks the peer's own arithmetic where the file carries no figure
	// of its own: plain means over records or points (zeros included) and
	// GPX point spans. DOMAIN.md defines these otherwise (moving-time
	// means, zeros absent, duration without pauses), so they are reported
	// as a cross-check, apart from the reference figures.
	own bool
}

// compared reports whether the figure is compared at all: a total the
// peer leaves null (the session lacks it and the peer derives nothing from
// the records: timer time, ascent, vertical ratio) is not; where the peer
// derives a figure from the records, its null says "absent" and is compared.
func (f figure) compared() bool {
	switch f.name {
	case "duration", "elapsed", "ascent", "descent", "vert_ratio":
		return !math.IsNaN(f.peer)
	}
	return true
}

// agrees reports whether the two readings of a figure agree. Absent agrees
// with absent; the peer's 0 for a sensor average is the file's "no sensor"
// and agrees with our absent (DOMAIN.md: absent is not zero).
func (f figure) agrees() bool {
	ours, peer := f.ours, f.peer
	if sensorFigure(f.name) && peer == 0 {
		peer = math.NaN()
	}
	if math.IsNaN(ours) || math.IsNaN(peer) {
		return math.IsNaN(ours) == math.IsNaN(peer)
	}
	return math.Abs(ours-peer) <= math.Max(f.absTol, 0.01*math.Abs(peer))
}

func sensorFigure(name string) bool {
	switch name {
	case "cadence", "heart_rate", "stance_time", "balance", "vert_osc", "vert_ratio", "step_length":
		return true
	}
	return false
}

func opt(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// orRecords is the session's figure, else the peer's mean over the records
// (the MANIFEST's "record means where the session lacks a field"); own
// tells which.
func orRecords(session, records *float64) (v float64, own bool) {
	if session != nil {
		return *session, false
	}
	return opt(records), records != nil
}

// fig builds a figure from a value and its origin.
func fig(name string, ours float64, peer float64, own bool, tol float64) figure {
	return figure{name: name, ours: ours, peer: peer, absTol: tol, own: own}
}

func startSeconds(a *Activity) float64 {
	if !a.HasStart() {
		return math.NaN()
	}
	return float64(a.Start.Unix())
}

func peerStart(s string) float64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return math.NaN()
	}
	return float64(t.Unix())
}

// fitFigures compares like with like: the file's own session figures
// (Activity.FileSummary, the device's averages) with the SDK's reading of
// the same session (reference), and where the session lacks a figure, our
// sample-based average (Activity.Summary) with the peer's mean over the
// records (cross-check).
func fitFigures(a *Activity, p peerSession) []figure {
	s, fs := a.Summary, a.FileSummary
	sport := 0.0
	if strings.EqualFold(strings.ReplaceAll(strings.SplitN(a.RawSport, "/", 2)[0], "_", ""), p.Sport) {
		sport = 1
	}
	// Cadence: the SDK's session avg_cadence + avg_fractional_cadence, in
	// steps for the foot sports only (DOMAIN.md; the peer's avg_cadence_spm
	// doubles fitness equipment too), else the record mean.
	factor := 1.0
	switch p.Sport {
	case "running", "walking", "hiking":
		factor = 2
	}
	var cadence *float64
	if p.CadenceRaw != nil {
		c := (*p.CadenceRaw + opt(p.CadenceFrac)) * factor
		if p.CadenceFrac == nil {
			c = *p.CadenceRaw * factor
		}
		cadence = &c
	}
	var recCadence *float64
	if p.RecCadence != nil {
		c := *p.RecCadence * factor
		recCadence = &c
	}
	rec := func(name string, file, samples float64, session, records *float64, tol float64) figure {
		v, own := orRecords(session, records)
		if own || session == nil {
			return fig(name, samples, v, own, tol)
		}
		return fig(name, file, v, own, tol)
	}
	return []figure{
		{name: "sport", ours: sport, peer: 1},
		{name: "start", ours: startSeconds(a), peer: peerStart(p.Start), absTol: 1},
		{name: "duration", ours: s.DurationS, peer: opt(p.TimerS), absTol: 1},
		{name: "elapsed", ours: s.ElapsedS, peer: opt(p.ElapsedS), absTol: 1},
		rec("distance", fs.DistanceM, s.DistanceM, p.DistanceM, p.RecMaxDistM, 1),
		{name: "records", ours: float64(a.Samples.Len()), peer: opt(p.Records)},
		rec("cadence", fs.AvgCadenceSPM, s.AvgCadenceSPM, cadence, recCadence, 1),
		rec("heart_rate", fs.AvgHeartRateBPM, s.AvgHeartRateBPM, p.HeartRate, p.RecHR, 1),
		rec("stance_time", fs.AvgStanceTimeMs, s.AvgStanceTimeMs, p.StanceMs, p.RecStanceMs, 1),
		rec("balance", fs.AvgBalanceLeftPct, s.AvgBalanceLeftPct, p.BalancePct, p.RecBalance, 0.1),
		rec("vert_osc", fs.AvgVertOscCm, s.AvgVertOscCm, p.VertOscCm, p.RecVertOsc, 0.1),
		{name: "vert_ratio", ours: fs.AvgVertRatioPct, peer: opt(p.VertRatioPct), absTol: 0.1},
		rec("step_length", fs.AvgStepLengthM, s.AvgStepLengthM, p.StepLengthM, p.RecStepLen, 0.01),
		{name: "ascent", ours: s.AscentM, peer: opt(p.AscentM), absTol: 1},
		{name: "descent", ours: s.DescentM, peer: opt(p.DescentM), absTol: 1},
	}
}

// xmlFigures compares one TCX activity, or a whole GPX file against the
// sum of the peer's per-track figures (one GPX file is one activity).
func xmlFigures(a *Activity, ps []peerActivity) []figure {
	s := a.Summary
	var points, dist, asc, desc, span, hrSum, hrN, cadSum, cadN float64
	haveAlt, haveSpan := false, false
	spanOwn, hrOwn := false, false
	first := math.NaN()
	for _, p := range ps {
		if p.Trackpoints == 0 {
			continue
		}
		points += p.Trackpoints
		d := opt(p.LapDistanceM)
		if math.IsNaN(d) {
			d = opt(p.MaxDistanceM)
		}
		if math.IsNaN(d) {
			d = opt(p.HaversineM)
		}
		dist += d
		if p.AscentM != nil {
			asc, desc, haveAlt = asc+*p.AscentM, desc+opt(p.DescentM), true
		}
		if p.LapTimeS != nil {
			span, haveSpan = span+*p.LapTimeS, true
		} else if p.SpanS != nil {
			span, haveSpan, spanOwn = span+*p.SpanS, true, true
		}
		// The device's own lap averages are the reference (DOMAIN.md: the
		// file's averages first), else the peer's mean over the points.
		if p.LapHeartRate != nil {
			hrSum, hrN = hrSum+*p.LapHeartRate*p.Trackpoints, hrN+p.Trackpoints
		} else if p.HeartRate != nil {
			hrSum, hrN, hrOwn = hrSum+*p.HeartRate*p.Trackpoints, hrN+p.Trackpoints, true
		}
		if p.CadenceSPM != nil {
			cadSum, cadN = cadSum+*p.CadenceSPM*p.Trackpoints, cadN+p.Trackpoints
		}
		if p.Start != nil && math.IsNaN(first) {
			first = peerStart(*p.Start)
		}
	}
	nan := math.NaN()
	ratio := func(a, b float64) float64 {
		if b == 0 {
			return nan
		}
		return a / b
	}
	if !haveAlt {
		asc, desc = nan, nan
	}
	if !haveSpan {
		span = nan
	}
	return []figure{
		{name: "start", ours: startSeconds(a), peer: first, absTol: 1},
		{name: "records", ours: float64(a.Samples.Len()), peer: points},
		fig("duration", s.DurationS, span, spanOwn, 1),
		{name: "distance", ours: s.DistanceM, peer: dist, absTol: 1},
		fig("heart_rate", s.AvgHeartRateBPM, ratio(hrSum, hrN), hrOwn, 1),
		fig("cadence", s.AvgCadenceSPM, ratio(cadSum, cadN), true, 1),
		{name: "ascent", ours: s.AscentM, peer: asc, absTol: 1},
		{name: "descent", ours: s.DescentM, peer: desc, absTol: 1},
	}
}

// TestPeerAgreement reads the public real exports and compares what
// inspect would show with the figures of the official Garmin FIT SDK (FIT)
// or a plain independent reader (TCX, GPX). Repeat with
//
//	go test ./ingest -run TestPeerAgreement -v
func TestPeerAgreement(t *testing.T) {
	peers, _ := filepath.Glob(filepath.Join(peerDir, "*.peer.json"))
	if len(peers) == 0 {
		skipWithoutShared(t, "peer figures at "+peerDir+" (peer agreement NOT measured)", os.ErrNotExist)
	}
	sort.Strings(peers)
	var total, agreed, ownTotal, ownAgreed int
	var table, misses []string
	for _, pj := range peers {
		file := strings.TrimSuffix(pj, ".peer.json")
		base := filepath.Base(file)
		raw, err := os.ReadFile(pj)
		if err != nil {
			t.Fatal(err)
		}
		var peer peerFile
		if err := json.Unmarshal(raw, &peer); err != nil {
			t.Fatalf("%s: %v", pj, err)
		}
		if len(peer.Sessions) == 0 && len(peer.Activities) == 0 {
			table = append(table, fmt.Sprintf("%-50s  no peer figures", base))
			continue
		}
		acts, err := Open(file, Options{})
		var figs []figure
		var labels []string
		add := func(label string, fs []figure) {
			for _, f := range fs {
				figs = append(figs, f)
				labels = append(labels, label)
			}
		}
		switch {
		case len(peer.Sessions) > 0:
			for i, ps := range peer.Sessions {
				if i >= len(acts) {
					add(fmt.Sprintf("session %d", i+1), []figure{{name: "session", ours: math.NaN(), peer: 1}})
					continue
				}
				add(fmt.Sprintf("session %d", i+1), fitFigures(acts[i], ps))
			}
		case strings.HasSuffix(base, ".gpx"):
			if len(acts) != 1 {
				add("file", []figure{{name: "activities", ours: float64(len(acts)), peer: 1}})
				break
			}
			add("file", xmlFigures(acts[0], peer.Activities))
		default:
			for i, pa := range peer.Activities {
				if i >= len(acts) {
					add(fmt.Sprintf("activity %d", i+1), []figure{{name: "activity", ours: math.NaN(), peer: 1}})
					continue
				}
				add(fmt.Sprintf("activity %d", i+1), xmlFigures(acts[i], []peerActivity{pa}))
			}
		}
		n, ok, on, ook := 0, 0, 0, 0
		for i, f := range figs {
			if !f.compared() {
				continue
			}
			kind := "reference"
			if f.own {
				kind = "cross-check"
			}
			if f.own {
				on++
			} else {
				n++
			}
			if f.agrees() {
				if f.own {
					ook++
				} else {
					ok++
				}
				continue
			}
			misses = append(misses, fmt.Sprintf("%-11s %s %s %s: ours %.4g, peer %.4g", kind, base, labels[i], f.name, f.ours, f.peer))
		}
		total, agreed = total+n, agreed+ok
		ownTotal, ownAgreed = ownTotal+on, ownAgreed+ook
		note := ""
		if err != nil {
			note = "  (read with: " + strings.SplitN(err.Error(), "\n", 2)[0] + ")"
		}
		table = append(table, fmt.Sprintf("%-50s %3d/%3d   %2d/%2d%s", base, ok, n, ook, on, note))
	}
	share := float64(agreed) / float64(total)
	t.Logf("peer agreement per file (reference figures agreeing/compared, then record-mean cross-checks).\n"+
		"Like with like: FIT reference figures are the file's own session figures (Activity.FileSummary) against the SDK's reading of the session;\n"+
		"FIT cross-checks are our sample-based averages (Activity.Summary) against the peer's means over the records where the session lacks a figure;\n"+
		"TCX/GPX compare our sample-based figures with the plain reader's over the track points (the lap's figures where the file has them):\n%s", strings.Join(table, "\n"))
	t.Logf("disagreements:\n%s", strings.Join(misses, "\n"))
	t.Logf("REFERENCE: %d of %d figures agree (%.1f %%) over %d files", agreed, total, 100*share, len(peers))
	t.Logf("CROSS-CHECK (peer's own means over records/points, spans): %d of %d agree (%.1f %%)", ownAgreed, ownTotal, 100*float64(ownAgreed)/float64(ownTotal))
	if share < minPeerAgreement {
		t.Errorf("peer agreement %.1f %% < %.0f %%", 100*share, 100*minPeerAgreement)
	}
}
