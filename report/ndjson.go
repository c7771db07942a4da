package report

import (
	"encoding/json"
	"io"

	"github.com/itbcheck/itbcheck/screen"
)

// ndjsonAthlete is one line of --format ndjson: the JSON report's athlete
// object, the table columns every row carries, and the athlete's
// activities as rows of the runs table (run_rows: the JSON's runs is a
// count).
type ndjsonAthlete struct {
	Schema      string `json:"schema"`
	ToolVersion string `json:"tool_version"`
	ConfigHash  string `json:"config_hash"`
	jsonAthlete
	RunRows []runRow `json:"run_rows"`
}

// ndjsonRenderer writes one athlete object a line (schema
// itbcheck.tables/v1), for tools that read JSON lines: nothing before the
// first athlete, nothing after the last.
type ndjsonRenderer struct {
	w    io.Writer
	head Header
	hash string
}

func newNDJSONRenderer(w io.Writer) Renderer { return &ndjsonRenderer{w: w} }

// Begin keeps the header: the lines carry its version and config hash.
func (x *ndjsonRenderer) Begin(h Header) error {
	x.head, x.hash = h, h.configHash()
	return nil
}

// Athlete writes a's line.
func (x *ndjsonRenderer) Athlete(a *screen.Athlete) error {
	line := ndjsonAthlete{Schema: TablesSchema, ToolVersion: x.head.Tool.Version, ConfigHash: x.hash,
		jsonAthlete: athleteJSON(a, x.head.GeneratedAt)}
	if a.RuleConfig != nil && !sameRuleConfig(a.RuleConfig, x.head.RuleConfig) {
		line.Config = &jsonAthleteConfig{Rules: rulesConfigJSON(a.RuleConfig)}
	}
	line.RunRows = runRows(tableKey{athlete: a.Name, version: x.head.Tool.Version, hash: x.hash}, a)
	if line.RunRows == nil {
		line.RunRows = []runRow{}
	}
	b, err := json.Marshal(line)
	if err != nil {
		return err
	}
	_, err = x.w.Write(append(b, '\n'))
	return err
}

// End writes nothing: every line is an athlete.
func (x *ndjsonRenderer) End([]*screen.Athlete) error { return nil }
