package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"strconv"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// TablesSchema is the versioned name of the research tables (Parquet and
// NDJSON): every row carries it in its schema column. README's "Research
// tables" documents each column.
const TablesSchema = "itbcheck.tables/v1"

// The file names of the Parquet tables, in the order they are written.
const (
	RunsTable     = "runs.parquet"
	WeeksTable    = "weeks.parquet"
	FindingsTable = "findings.parquet"
)

// TableFiles are the files a tables format writes into its folder.
var TableFiles = []string{RunsTable, WeeksTable, FindingsTable}

// tableDate is a calendar day as the Parquet DATE type stores it: days
// since 1970-01-01. In JSON it is "YYYY-MM-DD".
type tableDate int32

// MarshalJSON writes the day as "YYYY-MM-DD".
func (d tableDate) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)), nil
}

// optDate is day d as a table date; nil for the zero day (a finding
// without until).
func optDate(d analysis.Day) *tableDate {
	if d == 0 {
		return nil
	}
	td := tableDate(d)
	return &td
}

// opt is v, or nil (null) when v is NaN or infinite: absent, never 0.
func opt(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// runRow is one activity of runs.parquet and of an NDJSON athlete's
// run_rows. Figures are not rounded (the JSON report rounds them).
type runRow struct {
	Athlete     string `parquet:"athlete,dict" json:"athlete"`
	ToolVersion string `parquet:"tool_version,dict" json:"tool_version"`
	Schema      string `parquet:"schema,dict" json:"schema"`
	ConfigHash  string `parquet:"config_hash,dict" json:"config_hash"`

	Source string     `parquet:"source" json:"source"`
	Start  *time.Time `parquet:"start,timestamp(millisecond),optional" json:"start"`
	Date   tableDate  `parquet:"date,date" json:"date"`
	Week   tableDate  `parquet:"week,date" json:"week"`
	Sport  string     `parquet:"sport,dict" json:"sport"`
	IsRun  bool       `parquet:"is_run" json:"is_run"`

	DistanceKm  *float64 `parquet:"distance_km,optional" json:"distance_km"`
	MovingTimeS *float64 `parquet:"moving_time_s,optional" json:"moving_time_s"`
	ElapsedS    *float64 `parquet:"elapsed_time_s,optional" json:"elapsed_time_s"`

	LoadMetric   string   `parquet:"load_metric,dict" json:"load_metric"`
	Load         *float64 `parquet:"load,optional" json:"load"`
	LoadKm       *float64 `parquet:"load_distance_km,optional" json:"load_distance_km"`
	LoadMin      *float64 `parquet:"load_duration_min,optional" json:"load_duration_min"`
	LoadTRIMP    *float64 `parquet:"load_trimp,optional" json:"load_trimp"`
	LoadSRPE     *float64 `parquet:"load_srpe,optional" json:"load_srpe"`
	RPE          *float64 `parquet:"rpe,optional" json:"rpe"`
	RPEImputed   bool     `parquet:"rpe_imputed" json:"rpe_imputed"`
	SpeedMS      *float64 `parquet:"avg_speed_ms,optional" json:"avg_speed_ms"`
	HeartRateBPM *float64 `parquet:"avg_heart_rate_bpm,optional" json:"avg_heart_rate_bpm"`

	CadenceSPM     *float64 `parquet:"cadence_spm,optional" json:"cadence_spm"`
	GCTMs          *float64 `parquet:"gct_ms,optional" json:"gct_ms"`
	BalanceLeftPct *float64 `parquet:"gct_balance_left_pct,optional" json:"gct_balance_left_pct"`
	VertOscCm      *float64 `parquet:"vertical_oscillation_cm,optional" json:"vertical_oscillation_cm"`
	StepLengthM    *float64 `parquet:"step_length_m,optional" json:"step_length_m"`
	AscentM        *float64 `parquet:"ascent_m,optional" json:"ascent_m"`
	DescentM       *float64 `parquet:"descent_m,optional" json:"descent_m"`
	TrackKmCW      *float64 `parquet:"track_km_cw,optional" json:"track_km_cw"`
	TrackKmCCW     *float64 `parquet:"track_km_ccw,optional" json:"track_km_ccw"`

	Device         *string `parquet:"device,optional,dict" json:"device"`
	CadenceSource  *string `parquet:"cadence_source,optional,dict" json:"cadence_source"`
	DynamicsSource *string `parquet:"dynamics_source,optional,dict" json:"dynamics_source"`

	FromSummary bool    `parquet:"from_summary" json:"from_summary"`
	Implausible *string `parquet:"implausible,optional" json:"implausible"`
}

// weekRow is one row of weeks.parquet: the JSON report's weeks row,
// unrounded.
type weekRow struct {
	Athlete     string `parquet:"athlete,dict" json:"athlete"`
	ToolVersion string `parquet:"tool_version,dict" json:"tool_version"`
	Schema      string `parquet:"schema,dict" json:"schema"`
	ConfigHash  string `parquet:"config_hash,dict" json:"config_hash"`

	Week              tableDate `parquet:"week,date" json:"week"`
	Runs              int32     `parquet:"runs" json:"runs"`
	DistanceKm        float64   `parquet:"distance_km" json:"distance_km"`
	DurationH         float64   `parquet:"duration_h" json:"duration_h"`
	LoadMetric        string    `parquet:"load_metric,dict" json:"load_metric"`
	Load              float64   `parquet:"load" json:"load"`
	ACWR              *float64  `parquet:"acwr,optional" json:"acwr"`
	ACWREWMA          *float64  `parquet:"acwr_ewma,optional" json:"acwr_ewma"`
	ChangePct         *float64  `parquet:"change_pct,optional" json:"change_pct"`
	Monotony          *float64  `parquet:"monotony,optional" json:"monotony"`
	Strain            *float64  `parquet:"strain,optional" json:"strain"`
	CadenceSPM        *float64  `parquet:"cadence_spm,optional" json:"cadence_spm"`
	GCTBalanceLeftPct *float64  `parquet:"gct_balance_left_pct,optional" json:"gct_balance_left_pct"`
	DescentM          *float64  `parquet:"descent_m,optional" json:"descent_m"`
	StrengthSessions  int32     `parquet:"strength_sessions" json:"strength_sessions"`
	MobilitySessions  int32     `parquet:"mobility_sessions" json:"mobility_sessions"`
}

// findingRow is one row of findings.parquet: the JSON report's finding.
type findingRow struct {
	Athlete     string `parquet:"athlete,dict" json:"athlete"`
	ToolVersion string `parquet:"tool_version,dict" json:"tool_version"`
	Schema      string `parquet:"schema,dict" json:"schema"`
	ConfigHash  string `parquet:"config_hash,dict" json:"config_hash"`

	Rule        string     `parquet:"rule,dict" json:"rule"`
	Severity    string     `parquet:"severity,dict" json:"severity"`
	Date        *tableDate `parquet:"date,date,optional" json:"date"`
	Until       *tableDate `parquet:"until,date,optional" json:"until"`
	Activity    *string    `parquet:"activity,optional" json:"activity"`
	Metric      string     `parquet:"metric,dict" json:"metric"`
	Value       *float64   `parquet:"value,optional" json:"value"`
	Threshold   *float64   `parquet:"threshold,optional" json:"threshold"`
	Summary     string     `parquet:"summary" json:"summary"`
	Mechanism   []string   `parquet:"mechanism,list" json:"mechanism"`
	Explanation string     `parquet:"explanation" json:"explanation"`
	Advice      string     `parquet:"advice" json:"advice"`
}

// tableKey is the four columns every table row begins with.
type tableKey struct{ athlete, version, hash string }

// configHash is the config_hash column: the Header's (the CLI's hash of
// the whole config in force), else a hash of the rule settings in force.
func (h Header) configHash() string {
	if h.ConfigHash != "" {
		return h.ConfigHash
	}
	b, _ := json.Marshal(rulesConfigJSON(h.RuleConfig))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// runRows are a's activities as table rows, in start order.
func runRows(k tableKey, a *screen.Athlete) []runRow {
	if a.Season == nil {
		return nil
	}
	s := a.Season
	metric := string(s.Params.LoadMetric)
	out := make([]runRow, 0, len(s.Runs))
	for _, r := range s.Runs {
		day := analysis.RunDay(r, s.Params.Location) // the day and week the weekly table counts it in
		row := runRow{
			Athlete: k.athlete, ToolVersion: k.version, Schema: TablesSchema, ConfigHash: k.hash,
			Source: r.Source, Date: tableDate(day), Week: tableDate(day.Monday()),
			Sport: string(r.Sport), IsRun: r.IsRun,
			DistanceKm: opt(r.DistanceKm), MovingTimeS: opt(r.DurationS), ElapsedS: opt(r.ElapsedS),
			LoadMetric: metric, RPEImputed: r.RPEImputed,
			SpeedMS: opt(r.AvgSpeedMS), HeartRateBPM: opt(r.HeartRateBPM),
			CadenceSPM: opt(r.CadenceSPM), GCTMs: opt(r.StanceTimeMs), BalanceLeftPct: opt(r.BalanceLeftPct),
			VertOscCm: opt(r.VertOscCm), StepLengthM: opt(r.StepLengthM),
			AscentM: opt(r.AscentM), DescentM: opt(r.DescentM),
			TrackKmCW: opt(r.TrackKmCW), TrackKmCCW: opt(r.TrackKmCCW),
			Device: optString(r.Device), FromSummary: r.FromSummary, Implausible: optString(r.Implausible),
			CadenceSource: optString(string(r.CadenceSource)), DynamicsSource: optString(string(r.GaitSource)),
		}
		if !r.Start.IsZero() {
			t := r.Start.UTC()
			row.Start = &t
		}
		if r.RPE > 0 {
			row.RPE = opt(r.RPE)
		}
		if r.IsRun {
			row.Load = opt(s.RunLoad(r))
			row.LoadKm = opt(r.DistanceKm)
			row.LoadMin = opt(r.DurationS / 60)
			row.LoadTRIMP = opt(s.RunLoadIn(r, analysis.LoadTRIMP))
			if r.RPE > 0 {
				row.LoadSRPE = opt(s.RunLoadIn(r, analysis.LoadSRPE))
			}
		}
		out = append(out, row)
	}
	return out
}

// weekRows are a's weekly table as rows.
func weekRows(k tableKey, a *screen.Athlete) []weekRow {
	if a.Season == nil {
		return nil
	}
	metric := string(a.Season.Params.LoadMetric)
	out := make([]weekRow, 0, len(a.Season.Weeks))
	for _, w := range a.Season.Weeks {
		out = append(out, weekRow{
			Athlete: k.athlete, ToolVersion: k.version, Schema: TablesSchema, ConfigHash: k.hash,
			Week: tableDate(w.Monday), Runs: int32(w.Runs), DistanceKm: w.DistanceKm, DurationH: w.DurationH,
			LoadMetric: metric, Load: w.Load,
			ACWR: opt(w.ACWR), ACWREWMA: opt(w.ACWREWMA), ChangePct: opt(w.ChangePct),
			Monotony: opt(w.Monotony), Strain: opt(w.Strain),
			CadenceSPM: opt(w.CadenceSPM), GCTBalanceLeftPct: opt(w.BalanceLeftPct), DescentM: opt(w.DescentM),
			StrengthSessions: int32(w.StrengthSessions), MobilitySessions: int32(w.MobilitySessions),
		})
	}
	return out
}

// findingRows are a's findings as rows, in the report's order.
func findingRows(k tableKey, a *screen.Athlete) []findingRow {
	out := make([]findingRow, 0, len(a.Findings))
	for _, f := range a.Findings {
		row := findingRow{
			Athlete: k.athlete, ToolVersion: k.version, Schema: TablesSchema, ConfigHash: k.hash,
			Rule: f.Rule.ID, Severity: f.Severity.String(), Date: optDate(f.Date), Until: optDate(f.Until),
			Activity: optString(f.Activity), Metric: f.Metric, Value: opt(f.Value), Threshold: opt(f.Threshold),
			Summary: f.Summary, Mechanism: linkNames(f.Mechanism), Explanation: f.Explanation, Advice: f.Advice,
		}
		out = append(out, row)
	}
	return out
}

// linkNames are the mechanism chain's links as strings; never nil.
func linkNames(links []rules.Link) []string {
	out := make([]string, 0, len(links))
	for _, l := range links {
		out = append(out, string(l))
	}
	return out
}
