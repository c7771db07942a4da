package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// num is a JSON number rounded to prec decimals; NaN and ±Inf marshal as
// null (absent, never 0).
type num struct {
	v    float64
	prec int
}

// MarshalJSON writes the rounded number or null.
func (n num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(n.v) || math.IsInf(n.v, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(round(n.v, n.prec), 'f', -1, 64)), nil
}

// round rounds v to prec decimals; -0 becomes 0.
func round(v float64, prec int) float64 {
	p := math.Pow(10, float64(prec))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0
	}
	return r
}

type jsonReport struct {
	Schema      string        `json:"schema"`
	Tool        jsonTool      `json:"tool"`
	GeneratedAt string        `json:"generated_at"`
	Config      jsonConfig    `json:"config"`
	Athletes    []jsonAthlete `json:"athletes"`
	Summary     jsonSummary   `json:"summary"`
}

// jsonConfig is the config in force: the file read (null for the built-in
// defaults) and every rule of the catalogue, in catalogue order, with
// whether it runs and its thresholds in force (null where the rule has no
// such severity). A list, not an object keyed by rule id: keys are
// snake_case and rule ids are not.
type jsonConfig struct {
	File  *string          `json:"file"`
	Rules []jsonRuleConfig `json:"rules"`
}

// jsonAthleteConfig is an athlete's own rule settings (roster overrides),
// present only when they differ from the report's config.
type jsonAthleteConfig struct {
	Rules []jsonRuleConfig `json:"rules"`
}

type jsonRuleConfig struct {
	Rule    string `json:"rule"`
	Enabled bool   `json:"enabled"`
	Low     num    `json:"low"`
	Medium  num    `json:"medium"`
	High    num    `json:"high"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonAthlete struct {
	Athlete      string             `json:"athlete"`
	Period       *jsonPeriod        `json:"period"`
	Activities   int                `json:"activities"`
	Runs         int                `json:"runs"`
	LoadMetric   *string            `json:"load_metric"`
	InputsFailed []jsonFailedInput  `json:"inputs_failed"`
	Weeks        []jsonWeek         `json:"weeks"`
	Findings     []jsonFinding      `json:"findings"`
	Rules        []jsonRuleStatus   `json:"rules"`
	Symptoms     []jsonSymptom      `json:"symptoms"`
	RedFlags     []jsonRedFlag      `json:"red_flags"`
	Config       *jsonAthleteConfig `json:"config"`

	// DuplicatesMerged counts the run copies merged away (the same run
	// read from two files): an addition to v2.
	DuplicatesMerged int `json:"duplicates_merged"`

	// Seasons, Window and LastRun are additions to v2 (issue 23): every
	// season of the folder (only the current ones analysed), the
	// reporting window in force, and the last run with its age on the
	// report's date.
	Seasons []jsonSeason `json:"seasons"`
	// NotRuns counts the activities read that contributed no run, by
	// reason (an addition to v2, issue 23).
	NotRuns jsonNotRuns `json:"not_runs"`
	// Accounting holds the counts that, with runs, not_runs and
	// duplicates_merged, account for every activity read (an addition to
	// v2, issue 23).
	Accounting jsonAccounting `json:"accounting"`
	Window     *jsonWindow    `json:"window"`
	// Instruments is the timeline of changes of the instruments that
	// measure GCT balance and cadence (an addition to v2, issue 23).
	Instruments []jsonInstrumentChange `json:"instruments"`
	LastRun     *jsonLastRun           `json:"last_run"`
	// Changes is what changed since the earlier report compared with: an
	// addition to v2, left out when there was none.
	Changes *jsonChanges `json:"changes,omitempty"`

	// Actions is the one list of what to do, in the human reports' order
	// (the red flags' professional first): an addition to v2.
	Actions []jsonAction `json:"actions"`
	// Shoes are the pairs the runs name, with their km (the sum
	// shoe-mileage grades), in the order first worn; empty when no run
	// names one: an addition to v2.
	Shoes []jsonShoe `json:"shoes"`
	// PreviousPain is the pain of the symptom log named beside the risk
	// patterns that followed it within 12 months, once per episode: an
	// addition to v2 (issue 24).
	PreviousPain []jsonPreviousPain `json:"previous_pain"`
}

// jsonPreviousPain is one pain episode named beside later risk patterns:
// where, which side (null when never said), the month it began, its worst
// pain (0–10), the sentence the reports say, and the rules of the
// patterns it is named beside.
type jsonPreviousPain struct {
	Site  string   `json:"site"`
	Side  *string  `json:"side"`
	Month string   `json:"month"`
	Worst float64  `json:"worst"`
	Text  string   `json:"text"`
	Rules []string `json:"findings"`
}

// jsonShoe is one pair of shoes: its km so far (the config's prior_km
// included), the km at which shoe-mileage calls it worn, and its runs in the
// season's last 8 weeks.
type jsonShoe struct {
	Name       string  `json:"name"`
	Km         float64 `json:"km"`
	LimitKm    float64 `json:"limit_km"`
	RecentRuns int     `json:"runs_last_8_weeks"`
}

// jsonAction is one thing to do and the rules whose open patterns it
// answers ("red_flag" true for the red flags' call to see a professional).
type jsonAction struct {
	Text    string   `json:"text"`
	Rules   []string `json:"rules"`
	RedFlag bool     `json:"red_flag"`
}

// jsonInstrumentChange is one change of a channel's instrument.
type jsonInstrumentChange struct {
	Date    string `json:"date"`
	Channel string `json:"channel"`
	From    string `json:"from"`
	To      string `json:"to"`
}

// jsonNotRuns counts activities that are no run, by reason.
type jsonNotRuns struct {
	UnknownSport int `json:"unknown_sport"`
	Implausible  int `json:"implausible"`
	OtherSport   int `json:"other_sport"`
}

// jsonAccounting is screen.Accounting: activities_read = runs + not_runs
// + duplicates_merged + undated + misdated + earlier_seasons +
// outside_window.
type jsonAccounting struct {
	ActivitiesRead int `json:"activities_read"`
	Undated        int `json:"undated"`
	Misdated       int `json:"misdated"`
	EarlierSeasons int `json:"earlier_seasons"`
	OutsideWindow  int `json:"outside_window"`
}

// jsonSeason is one season of an athlete's folder.
type jsonSeason struct {
	First   string `json:"first"`
	Last    string `json:"last"`
	Runs    int    `json:"runs"`
	Current bool   `json:"current"`
}

// jsonWindow is the reporting window: the dates the report covers.
type jsonWindow struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// jsonLastRun is the last run's local date and its age in days on the
// report's date.
type jsonLastRun struct {
	Date    string `json:"date"`
	DaysAgo int    `json:"days_ago"`
}

// seasonsJSON fills the season, window and last-run additions of ja; now
// is the report's date.
func seasonsJSON(ja *jsonAthlete, a *screen.Athlete, now time.Time) {
	n := screen.CountNotRuns(a)
	ja.NotRuns = jsonNotRuns{n.UnknownSport, n.Implausible, n.OtherSport}
	c := a.Accounting
	ja.Accounting = jsonAccounting{c.Read, c.Undated, c.Misdated, c.EarlierSeasons, c.OutsideWindow}
	ja.Seasons = []jsonSeason{}
	ja.Instruments = []jsonInstrumentChange{}
	if a.Season != nil {
		for _, c := range a.Season.Instruments {
			ja.Instruments = append(ja.Instruments, jsonInstrumentChange{c.Date.Format(time.DateOnly), c.Channel, c.From, c.To})
		}
		for _, s := range a.Season.Seasons {
			ja.Seasons = append(ja.Seasons, jsonSeason{s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly), s.Runs, s.Current})
		}
	}
	if !a.From.IsZero() && !a.To.IsZero() {
		ja.Window = &jsonWindow{a.From.Format(time.DateOnly), a.To.Format(time.DateOnly)}
	}
	if last, ok := screen.LastRun(a); ok && !now.IsZero() {
		ja.LastRun = &jsonLastRun{last.Format(time.DateOnly), screen.DaysBetween(last, now)}
	}
}

// jsonRuleStatus is what one rule could judge; reason is left out when
// there is none, as in the contract's example.
type jsonRuleStatus struct {
	Rule   string `json:"rule"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// jsonSymptom is one entry of the runner's symptom log.
type jsonSymptom struct {
	Date  string   `json:"date"`
	Site  string   `json:"site"`
	Side  string   `json:"side"`
	Pain  num      `json:"pain"`
	Flags []string `json:"flags"`
	Note  string   `json:"note"`
}

// jsonRedFlag is a reason to see a professional promptly.
type jsonRedFlag struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

type jsonPeriod struct {
	From *string `json:"from"`
	To   *string `json:"to"`
}

type jsonFailedInput struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

type jsonWeek struct {
	Week              string `json:"week"`
	Runs              int    `json:"runs"`
	DistanceKm        num    `json:"distance_km"`
	DurationH         num    `json:"duration_h"`
	Load              num    `json:"load"`
	ACWR              num    `json:"acwr"`
	ACWREWMA          num    `json:"acwr_ewma"`
	ChangePct         num    `json:"change_pct"`
	Monotony          num    `json:"monotony"`
	Strain            num    `json:"strain"`
	CadenceSPM        num    `json:"cadence_spm"`
	GCTBalanceLeftPct num    `json:"gct_balance_left_pct"`
	// GCTBalanceBasePct is the balance gct-imbalance judged the week
	// against (BalanceModel.JudgedPct), GCTBalanceTrendFrom the Monday of
	// the trend it was judged by, if one: additions to v2 (issue 24).
	GCTBalanceBasePct   num     `json:"gct_balance_baseline_pct"`
	GCTBalanceTrendFrom *string `json:"gct_balance_trend_from"`
	// CadenceVsBasePct is the week's median run against the cadence
	// model cadence-drop judged the week by, %: an addition to v2.
	CadenceVsBasePct num `json:"cadence_vs_baseline_pct"`
	// GCTBalanceTrackRuns counts the week's track runs with a balance,
	// left out of gct_balance_left_pct and judged against track runs: an
	// addition to v2.
	GCTBalanceTrackRuns int `json:"gct_balance_track_runs"`
	DescentM            num `json:"descent_m"`
	StrengthSessions    int `json:"strength_sessions"`
	MobilitySessions    int `json:"mobility_sessions"`
}

type jsonFinding struct {
	Rule        string         `json:"rule"`
	Severity    rules.Severity `json:"severity"`
	Date        string         `json:"date"`
	Until       *string        `json:"until"`
	Activity    *string        `json:"activity"`
	Metric      string         `json:"metric"`
	Value       num            `json:"value"`
	Threshold   num            `json:"threshold"`
	Summary     string         `json:"summary"`
	Mechanism   []rules.Link   `json:"mechanism"`
	Explanation string         `json:"explanation"`
	Advice      string         `json:"advice"`
	// Open says whether the finding is open now (its last day or week in
	// the athlete's last 2 weeks); null for an info note, which is never a
	// risk: an addition to v2.
	Open *bool `json:"open"`
	// Acknowledged is the coach's acknowledgement in force (itbcheck
	// ack): an addition to v2, left out when there is none.
	Acknowledged *jsonAck `json:"acknowledged,omitempty"`
}

type jsonSummary struct {
	Athletes     int `json:"athletes"`
	Activities   int `json:"activities"`
	InputsFailed int `json:"inputs_failed"`
	// ActivitiesRead is the sum of the athletes' accounting
	// activities_read: an addition to v2.
	ActivitiesRead int          `json:"activities_read"`
	Findings       jsonSeverity `json:"findings"`
	// Changes adds up the athletes' changes: an addition to v2, left out
	// when the report was compared with none.
	Changes *jsonTeamChanges `json:"changes,omitempty"`
}

// jsonChanges is what changed for one athlete since an earlier report.
type jsonChanges struct {
	ComparedWith  string               `json:"compared_with"`
	NewAthlete    bool                 `json:"new_athlete"`
	New           []jsonChangedFinding `json:"new"`
	Worse         []jsonChangedFinding `json:"worse"`
	Resolved      []jsonChangedFinding `json:"resolved"`
	NewRedFlags   []jsonChangedFinding `json:"new_red_flags"`
	RunsAdded     int                  `json:"runs_added"`
	NoNewRunsDays *int                 `json:"no_new_runs_days"`
}

// jsonChangedFinding names a finding's episode, with its severity now
// and, for a worsened one, then (null otherwise).
type jsonChangedFinding struct {
	Rule     *rules.Rule     `json:"rule"`
	Date     string          `json:"date"`
	Severity rules.Severity  `json:"severity"`
	Was      *rules.Severity `json:"was"`
	Summary  string          `json:"summary"`
}

// jsonTeamChanges adds up the team's changes: counts, and the athletes
// without a new run for report.StaleDays days or more.
type jsonTeamChanges struct {
	ComparedWith  string          `json:"compared_with"`
	New           int             `json:"new"`
	Worse         int             `json:"worse"`
	Resolved      int             `json:"resolved"`
	NewRedFlags   int             `json:"new_red_flags"`
	RunsAdded     int             `json:"runs_added"`
	NoNewRunsDays []jsonStaleData `json:"no_new_runs_days"`
}

// jsonStaleData is an athlete whose runs stopped arriving.
type jsonStaleData struct {
	Athlete string `json:"athlete"`
	Days    int    `json:"days"`
}

// jsonAck is a coach's acknowledgement of a finding.
type jsonAck struct {
	Date string `json:"date"`
	Note string `json:"note"`
}

// changesJSON is c in JSON; nil for nil.
func changesJSON(c *screen.Changes) *jsonChanges {
	if c == nil {
		return nil
	}
	list := func(fs []screen.ChangedFinding) []jsonChangedFinding {
		out := []jsonChangedFinding{}
		for _, f := range fs {
			jf := jsonChangedFinding{Rule: f.Rule, Date: f.Date.String(), Severity: f.Severity, Summary: f.Summary}
			if f.Was != rules.None {
				was := f.Was
				jf.Was = &was
			}
			out = append(out, jf)
		}
		return out
	}
	jc := &jsonChanges{ComparedWith: timeJSON(c.ComparedWith), NewAthlete: c.NewAthlete, New: list(c.New), Worse: list(c.Worse),
		Resolved: list(c.Resolved), NewRedFlags: list(c.NewRedFlags), RunsAdded: c.RunsAdded}
	if c.NoNewRuns {
		d := c.NoNewRunsDays
		jc.NoNewRunsDays = &d
	}
	return jc
}

// teamChangesJSON is t in JSON; nil for nil.
func teamChangesJSON(t *screen.TeamChanges) *jsonTeamChanges {
	if t == nil {
		return nil
	}
	jt := &jsonTeamChanges{ComparedWith: timeJSON(t.ComparedWith), New: t.New, Worse: t.Worse, Resolved: t.Resolved,
		NewRedFlags: t.NewRedFlags, RunsAdded: t.Runs, NoNewRunsDays: []jsonStaleData{}}
	for _, st := range t.NoNewRuns {
		jt.NoNewRunsDays = append(jt.NoNewRunsDays, jsonStaleData{Athlete: st.Name, Days: st.Days})
	}
	return jt
}

// timeJSON writes a time as generated_at is written.
func timeJSON(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

type jsonSeverity struct {
	High   int `json:"high"`
	Medium int `json:"medium"`
	Low    int `json:"low"`
	Info   int `json:"info"`
}

// jsonRenderer writes the report in the contract's schema
// itbcheck.report/v2, as json.Encoder with two-space indents would write
// the whole document, one athlete at a time: the document's head at
// Begin, each athlete's object as it comes, the summary at End. Only the
// athlete being written is ever held as JSON.
type jsonRenderer struct {
	w       io.Writer
	head    Header
	written int // athletes written so far
}

func newJSONRenderer(w io.Writer) Renderer { return &jsonRenderer{w: w} }

// jsonAthletesKey opens the athletes array in the indented document.
const jsonAthletesKey = "\n  \"athletes\": ["

// Begin writes the document up to the athletes array's opening bracket.
func (x *jsonRenderer) Begin(h Header) error {
	x.head = h
	r := h.report(nil)
	doc := jsonReport{
		Schema:      Schema,
		Tool:        jsonTool{Name: r.Tool.Name, Version: r.Tool.Version},
		GeneratedAt: r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"),
		Config:      jsonConfig{Rules: rulesConfigJSON(r.RuleConfig)},
		Athletes:    []jsonAthlete{},
	}
	if r.ConfigFile != "" {
		f := r.ConfigFile
		doc.Config.File = &f
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	// Strings never hold a raw newline, so the key's first match is the key.
	i := bytes.Index(b, []byte(jsonAthletesKey))
	if i < 0 {
		return fmt.Errorf("json: no athletes array in %.40q", b)
	}
	_, err = x.w.Write(b[:i+len(jsonAthletesKey)])
	return err
}

// Athlete writes a's object as an element of the athletes array.
func (x *jsonRenderer) Athlete(a *screen.Athlete) error {
	ja := athleteJSON(a, x.head.GeneratedAt)
	seasonsJSON(&ja, a, x.head.GeneratedAt)
	if a.RuleConfig != nil && !sameRuleConfig(a.RuleConfig, x.head.RuleConfig) {
		ja.Config = &jsonAthleteConfig{Rules: rulesConfigJSON(a.RuleConfig)}
	}
	b, err := json.MarshalIndent(ja, "    ", "  ")
	if err != nil {
		return err
	}
	sep := "\n    "
	if x.written > 0 {
		sep = "," + sep
	}
	x.written++
	if _, err := io.WriteString(x.w, sep); err != nil {
		return err
	}
	_, err = x.w.Write(b)
	return err
}

// End closes the athletes array and writes the summary.
func (x *jsonRenderer) End(team []*screen.Athlete) error {
	r := x.head.report(team)
	var sum jsonSummary
	for _, a := range r.Athletes {
		sum.Activities += a.Activities()
		sum.InputsFailed += len(a.InputsFailed)
		sum.ActivitiesRead += a.Accounting.Read
	}
	sum.Athletes = len(r.Athletes)
	sum.Findings = jsonSeverity(r.Counts())
	sum.Changes = teamChangesJSON(screen.TeamChangesOf(r.Athletes))
	b, err := json.MarshalIndent(sum, "  ", "  ")
	if err != nil {
		return err
	}
	end := "],\n  \"summary\": "
	if x.written > 0 {
		end = "\n  " + end
	}
	if _, err := io.WriteString(x.w, end); err != nil {
		return err
	}
	if _, err := x.w.Write(b); err != nil {
		return err
	}
	_, err = io.WriteString(x.w, "\n}\n")
	return err
}

func athleteJSON(a *screen.Athlete, now time.Time) jsonAthlete {
	ja := jsonAthlete{
		Athlete:      a.Name,
		Activities:   a.Activities(),
		Runs:         a.Runs(),
		InputsFailed: []jsonFailedInput{},
		Weeks:        []jsonWeek{},
		Findings:     []jsonFinding{},
		Rules:        []jsonRuleStatus{},
		Symptoms:     symptomsJSON(a),
		RedFlags:     redFlagsJSON(a),
	}
	ja.DuplicatesMerged = a.DuplicatesMerged()
	if a.Season != nil && a.Season.Params.LoadMetric != "" {
		m := string(a.Season.Params.LoadMetric)
		ja.LoadMetric = &m
	}
	for _, st := range a.Rules {
		ja.Rules = append(ja.Rules, jsonRuleStatus{Rule: st.Rule, Status: string(st.State), Reason: st.Reason})
	}
	if !a.From.IsZero() || !a.To.IsZero() {
		ja.Period = &jsonPeriod{From: optDay(a.From), To: optDay(a.To)}
	}
	for _, fi := range a.InputsFailed {
		ja.InputsFailed = append(ja.InputsFailed, jsonFailedInput{Path: fi.Path, Error: fi.Reason()})
	}
	if a.Season != nil {
		for i := range a.Season.Weeks {
			ja.Weeks = append(ja.Weeks, weekJSON(a.Season, i))
		}
	}
	for _, f := range a.Findings {
		jf := findingJSON(f)
		if f.Severity >= rules.Low {
			open := a.IsOpen(f)
			jf.Open = &open
		}
		if k, ok := a.Acknowledged(f); ok {
			jf.Acknowledged = &jsonAck{Date: day(k.Date), Note: k.Note}
		}
		ja.Findings = append(ja.Findings, jf)
	}
	v := athleteView(a, now)
	ja.Actions = []jsonAction{}
	for _, ac := range v.Actions {
		ja.Actions = append(ja.Actions, jsonAction{Text: ac.Text, Rules: append([]string{}, ac.Rules...), RedFlag: ac.RedFlag})
	}
	ja.PreviousPain = []jsonPreviousPain{}
	for _, p := range v.PreviousPain {
		jp := jsonPreviousPain{Site: string(p.Episode.Site), Side: nil, Month: p.Episode.First.Format("2006-01"),
			Worst: round(p.Episode.PeakPain, 1), Text: p.Line, Rules: []string{}}
		if p.Episode.Side != "" {
			side := string(p.Episode.Side)
			jp.Side = &side
		}
		for _, r := range p.Rules {
			jp.Rules = append(jp.Rules, r.ID)
		}
		ja.PreviousPain = append(ja.PreviousPain, jp)
	}
	ja.Shoes = []jsonShoe{}
	for _, sh := range v.Shoes {
		ja.Shoes = append(ja.Shoes, jsonShoe{Name: sh.Name, Km: round(sh.Km, 1), LimitKm: round(sh.LimitKm, 1), RecentRuns: sh.RecentRuns})
	}
	ja.Changes = changesJSON(a.Changes)
	return ja
}

// rulesConfigJSON lists every rule's settings in force under c (nil: the
// defaults).
func rulesConfigJSON(c *rules.Config) []jsonRuleConfig {
	out := make([]jsonRuleConfig, 0, len(rules.All))
	for _, r := range rules.All {
		t := c.Thresholds(r)
		out = append(out, jsonRuleConfig{Rule: r.ID, Enabled: c.Enabled(r), Low: num{t.Low, 4}, Medium: num{t.Medium, 4}, High: num{t.High, 4}})
	}
	return out
}

func optDay(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := day(t)
	return &s
}

func weekJSON(s *analysis.Season, i int) jsonWeek {
	wk, m := s.Weeks[i], s.BalanceBaseline(i)
	var from *string
	if m.Trend != nil {
		d := m.Trend.Start.String()
		from = &d
	}
	return jsonWeek{
		Week:                wk.Monday.String(),
		Runs:                wk.Runs,
		DistanceKm:          num{wk.DistanceKm, 1},
		DurationH:           num{wk.DurationH, 2},
		Load:                num{wk.Load, 1},
		ACWR:                num{wk.ACWR, 2},
		ACWREWMA:            num{wk.ACWREWMA, 2},
		ChangePct:           num{wk.ChangePct, 1},
		Monotony:            num{wk.Monotony, 2},
		Strain:              num{wk.Strain, 1},
		CadenceSPM:          num{wk.CadenceSPM, 1},
		GCTBalanceLeftPct:   num{wk.BalanceLeftPct, 1},
		GCTBalanceBasePct:   num{m.JudgedPct(), 1},
		GCTBalanceTrendFrom: from,
		CadenceVsBasePct:    num{wk.CadenceResidualPct, 1},
		GCTBalanceTrackRuns: wk.BalanceTrackRuns,
		DescentM:            num{wk.DescentM, 0},
		StrengthSessions:    wk.StrengthSessions,
		MobilitySessions:    wk.MobilitySessions,
	}
}

func findingJSON(f rules.Finding) jsonFinding {
	jf := jsonFinding{
		Rule:        f.Rule.ID,
		Severity:    f.Severity,
		Date:        f.Date.String(),
		Metric:      f.Metric,
		Value:       num{f.Value, 2},
		Threshold:   num{f.Threshold, 2},
		Summary:     f.Summary,
		Mechanism:   append([]rules.Link{}, f.Mechanism...),
		Explanation: f.Explanation,
		Advice:      f.Advice,
	}
	if f.Activity != "" {
		s := f.Activity
		jf.Activity = &s
	}
	if f.Until != 0 {
		s := f.Until.String()
		jf.Until = &s
	}
	return jf
}
