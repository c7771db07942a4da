package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/safetext"
)

// Inspect writes what each file holds, as `itbcheck inspect` prints it, in
// format text or json. Each entry is one activity read from a file. JSON is
// one object for a single activity and an array for several (CONTRACT.md,
// "inspect --format json"); absent figures are null, never 0.
func Inspect(w io.Writer, format string, acts []*ingest.Activity) error {
	switch format {
	case "json":
		return inspectJSON(w, acts)
	case "text", "":
		return inspectText(w, acts)
	}
	return fmt.Errorf("inspect: unknown format %q (want text or json)", format)
}

// inspectEntry is the JSON of one activity. Keys beyond the contract's
// (raw_sport, elapsed_s, laps, notes, dev_fields) are additions.
type inspectEntry struct {
	Path     string         `json:"path"`
	Format   string         `json:"format"`
	Sport    string         `json:"sport"`
	RawSport *string        `json:"raw_sport"`
	Device   *inspectDevice `json:"device"`
	// DynamicsSource names the source of cadence and each running-dynamics
	// channel (CONTRACT additions to v2): wrist, chest-strap, pod,
	// footpod or none.
	DynamicsSource map[string]string `json:"dynamics_source"`
	// Sensor is the external step sensor (strap, pod, footpod), when one
	// measured a channel.
	Sensor    *inspectDevice `json:"sensor,omitempty"`
	Start     *string        `json:"start"`
	DurationS num            `json:"duration_s"`
	ElapsedS  num            `json:"elapsed_s"`
	DistanceM num            `json:"distance_m"`
	Samples   int            `json:"samples"`
	Channels  []string       `json:"channels"`
	Laps      int            `json:"laps"`
	Summary   inspectSummary `json:"summary"`
	DevFields []string       `json:"dev_fields,omitempty"`
	Notes     []string       `json:"notes,omitempty"`
	// DeviceAverages are the file's own averages (a FIT session's, a
	// summary row's) where they differ from summary's sample-based ones:
	// kept beside them, never instead (DOMAIN.md, "Units and cleaning").
	DeviceAverages *deviceAverages `json:"device_averages,omitempty"`
}

// deviceAverages are the averages a file states itself.
type deviceAverages struct {
	AvgCadenceSPM   num `json:"avg_cadence_spm"`
	AvgHeartRateBPM num `json:"avg_heart_rate_bpm"`
}

// newDeviceAverages is the file's own cadence and heart-rate averages
// when either differs from the sample-based figure (by 0.05 or more), nil
// otherwise.
func newDeviceAverages(a *ingest.Activity) *deviceAverages {
	if !differs(a.FileSummary.AvgCadenceSPM, a.Summary.AvgCadenceSPM) && !differs(a.FileSummary.AvgHeartRateBPM, a.Summary.AvgHeartRateBPM) {
		return nil
	}
	return &deviceAverages{num{a.FileSummary.AvgCadenceSPM, 1}, num{a.FileSummary.AvgHeartRateBPM, 1}}
}

// differs reports whether the file's figure exists and differs from ours
// by 0.05 or more.
func differs(file, ours float64) bool {
	return !math.IsNaN(file) && !math.IsNaN(ours) && math.Abs(file-ours) >= 0.05
}

// deviceFigure is " (the file's own: 159.4)" when the file's own average
// differs from the sample-based one as shown, else "".
func deviceFigure(file, ours float64, dec int) string {
	if !differs(file, ours) || round(file, dec) == round(ours, dec) {
		return ""
	}
	return " (the file's own: " + strconv.FormatFloat(round(file, dec), 'f', dec, 64) + ")"
}

// inspectDevice is a device as the contract's JSON names it; absent parts
// are null.
type inspectDevice struct {
	Manufacturer *string `json:"manufacturer"`
	Product      *string `json:"product"`
	Name         *string `json:"name"`
}

// newInspectDevice is d's JSON, nil when the file names nothing of it.
func newInspectDevice(d ingest.Device) *inspectDevice {
	if d == (ingest.Device{}) {
		return nil
	}
	return &inspectDevice{optString(d.Manufacturer), optString(d.Product), optString(d.Name)}
}

// dynamicsSources maps each of ingest.DynamicsChannels to its source.
func dynamicsSources(a *ingest.Activity) map[string]string {
	m := make(map[string]string, len(ingest.DynamicsChannels))
	for _, c := range ingest.DynamicsChannels {
		m[c.String()] = string(a.SourceOf(c))
	}
	return m
}

// dynamicsText is the text line of the step sensors: the cadence's
// source, the running dynamics' source and the sensor's name.
func dynamicsText(a *ingest.Activity) string {
	gait := ingest.SourceNone
	for _, c := range ingest.DynamicsChannels[1:] {
		if src := a.SourceOf(c); src != ingest.SourceNone {
			gait = src
		}
	}
	t := "cadence " + string(a.SourceOf(ingest.ChanCadence)) + ", running dynamics " + string(gait)
	if d := a.Dynamics.Sensor.String(); d != "" {
		t += " (sensor: " + d + ")"
	}
	return t
}

// inspectSummary is the contract's summary object plus a few extra figures.
type inspectSummary struct {
	AvgCadenceSPM     num `json:"avg_cadence_spm"`
	AvgHeartRateBPM   num `json:"avg_heart_rate_bpm"`
	AvgStanceTimeMs   num `json:"avg_stance_time_ms"`
	AvgBalanceLeftPct num `json:"avg_stance_time_balance_left_pct"`
	AvgVertOscCm      num `json:"avg_vertical_oscillation_cm"`
	AvgStepLengthM    num `json:"avg_step_length_m"`
	AscentM           num `json:"ascent_m"`
	DescentM          num `json:"descent_m"`
	AvgVertRatioPct   num `json:"avg_vertical_ratio_pct"`
	AvgSpeedMS        num `json:"avg_speed_m_s"`
	MaxHeartRateBPM   num `json:"max_heart_rate_bpm"`
	AvgPowerW         num `json:"avg_power_w"`
}

func newInspectEntry(a *ingest.Activity) inspectEntry {
	s := a.Summary
	e := inspectEntry{
		Path:           a.Source,
		Format:         string(a.Format),
		Sport:          string(a.Sport),
		RawSport:       optString(a.RawSport),
		Device:         newInspectDevice(a.Device),
		DynamicsSource: dynamicsSources(a),
		Sensor:         newInspectDevice(a.Dynamics.Sensor),
		DurationS:      num{s.DurationS, 1},
		ElapsedS:       num{s.ElapsedS, 1},
		DistanceM:      num{s.DistanceM, 1},
		Samples:        a.Samples.Len(),
		Channels:       a.Channels.Names(),
		Laps:           len(a.Laps),
		Summary: inspectSummary{
			AvgCadenceSPM:     num{s.AvgCadenceSPM, 1},
			AvgHeartRateBPM:   num{s.AvgHeartRateBPM, 1},
			AvgStanceTimeMs:   num{s.AvgStanceTimeMs, 1},
			AvgBalanceLeftPct: num{s.AvgBalanceLeftPct, 2},
			AvgVertOscCm:      num{s.AvgVertOscCm, 2},
			AvgStepLengthM:    num{s.AvgStepLengthM, 2},
			AscentM:           num{s.AscentM, 1},
			DescentM:          num{s.DescentM, 1},
			AvgVertRatioPct:   num{s.AvgVertRatioPct, 2},
			AvgSpeedMS:        num{s.AvgSpeedMS, 2},
			MaxHeartRateBPM:   num{s.MaxHeartRateBPM, 0},
			AvgPowerW:         num{s.AvgPowerW, 1},
		},
		DevFields:      a.DevFields,
		Notes:          a.Notes,
		DeviceAverages: newDeviceAverages(a),
	}
	if st := startText(a); st != "" {
		e.Start = &st
	}
	return e
}

// startText is the start in RFC 3339 with the file's local offset when
// known (else UTC); a start the file wrote as zone-less local time is that
// clock time with no offset (ISO 8601 local time); "" when the file has
// no start.
func startText(a *ingest.Activity) string {
	if a.Start.IsZero() {
		return ""
	}
	if a.LocalWallClock {
		// The file wrote local time without a zone: say so rather than
		// print an offset the file never gave.
		return a.LocalStart(time.UTC).Format("2006-01-02T15:04:05")
	}
	if a.HasLocalOffset && a.LocalOffset%time.Minute != 0 {
		// RFC 3339 offsets have no seconds: the layout would drop them
		// and the written time would read back seconds off. A FIT
		// file's local offset is whatever local_timestamp minus
		// timestamp says: kept whole (ISO 8601 hh:mm:ss offset).
		return a.LocalStart(time.UTC).Format("2006-01-02T15:04:05-07:00:00")
	}
	return a.LocalStart(time.UTC).Format(time.RFC3339)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func inspectJSON(w io.Writer, acts []*ingest.Activity) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if len(acts) == 1 {
		return enc.Encode(newInspectEntry(acts[0]))
	}
	entries := make([]inspectEntry, len(acts))
	for i, a := range acts {
		entries[i] = newInspectEntry(a)
	}
	return enc.Encode(entries)
}

// inspectText writes one aligned block per activity, blank line between.
func inspectText(w io.Writer, acts []*ingest.Activity) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, a := range acts {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		s := a.Summary
		fmt.Fprintf(tw, "%s\n", safetext.Escape(a.Source))
		// Every value may come from the file (device, creator, sport
		// names, developer fields): escaped, so that no control
		// character or bidi override reaches the terminal.
		line := func(label, value string) { fmt.Fprintf(tw, "  %s\t%s\n", label, safetext.Escape(value)) }
		sport := string(a.Sport)
		if a.RawSport != "" && a.RawSport != sport {
			sport += " (" + a.RawSport + ")"
		}
		line("format", string(a.Format))
		line("sport", sport)
		line("device", orDash(a.Device.String()))
		start := orDash(startText(a))
		if a.LocalWallClock && !a.Start.IsZero() {
			start += " (local time; the file names no zone)"
		}
		line("start", start)
		line("duration", duration(s.DurationS, s.ElapsedS))
		line("distance", unit(s.DistanceM/1000, 2, "km"))
		line("samples", strconv.Itoa(a.Samples.Len()))
		line("channels", orDash(strings.Join(a.Channels.Names(), ", ")))
		line("step sensors", dynamicsText(a))
		line("laps", strconv.Itoa(len(a.Laps)))
		line("cadence", unit(s.AvgCadenceSPM, 1, cadenceUnit(a.Sport))+deviceFigure(a.FileSummary.AvgCadenceSPM, s.AvgCadenceSPM, 1))
		line("heart rate", unit(s.AvgHeartRateBPM, 0, "bpm avg")+maxHR(s.MaxHeartRateBPM)+deviceFigure(a.FileSummary.AvgHeartRateBPM, s.AvgHeartRateBPM, 0))
		line("speed", unit(s.AvgSpeedMS, 2, "m/s"))
		line("GCT", unit(s.AvgStanceTimeMs, 1, "ms"))
		line("GCT balance", unit(s.AvgBalanceLeftPct, 2, "% left"))
		line("vert. oscillation", unit(s.AvgVertOscCm, 2, "cm"))
		line("vert. ratio", unit(s.AvgVertRatioPct, 2, "%"))
		line("step length", unit(s.AvgStepLengthM, 2, "m"))
		line("power", unit(s.AvgPowerW, 0, "W"))
		line("ascent", unit(s.AscentM, 0, "m"))
		line("descent", unit(s.DescentM, 0, "m"))
		if len(a.DevFields) > 0 {
			line("developer fields", strings.Join(a.DevFields, ", "))
		}
		for _, n := range a.Notes {
			line("note", n)
		}
	}
	return tw.Flush()
}

// cadenceUnit is spm for foot sports; FIT cycling and swimming cadence is
// revolutions (or strokes) per minute and is not doubled by ingest.
func cadenceUnit(sp ingest.Sport) string {
	if sp == ingest.SportCycling || sp == ingest.SportSwimming {
		return "rpm"
	}
	return "spm"
}

// unit formats v with dec decimals and a unit, "-" when absent.
func unit(v float64, dec int, u string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(round(v, dec), 'f', dec, 64) + " " + u
}

func maxHR(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return ", " + unit(v, 0, "max")
}

// duration formats timer time as h:mm:ss, with the wall-clock time when it
// differs (pauses).
func duration(timerS, elapsedS float64) string {
	if math.IsNaN(timerS) {
		return "-"
	}
	s := clock(timerS)
	if !math.IsNaN(elapsedS) && math.Abs(elapsedS-timerS) >= 1 {
		s += " (" + clock(elapsedS) + " elapsed)"
	}
	return s
}

func clock(sec float64) string {
	t := int(math.Round(sec))
	return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
