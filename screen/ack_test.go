package screen

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// ackAthlete is an athlete whose period ends in the week of 2026-06-08,
// with the findings given.
func ackAthlete(name string, fs ...rules.Finding) *Athlete {
	monday := time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)
	return &Athlete{Name: name, Findings: fs, From: monday.AddDate(0, 0, -70), To: monday.AddDate(0, 0, 6),
		Season: &analysis.Season{Weeks: []analysis.Week{{Monday: analysis.DayOf(monday)}}}}
}

func finding(rule *rules.Rule, sev rules.Severity, date string) rules.Finding {
	return rules.Finding{Rule: rule, Severity: sev, Date: mustDay(date)}
}

// TestApplyAcks: an ack is in force for its episode at its severity or
// lower; a worsened finding or a new episode of the rule is new again;
// notes are never acknowledged; an acked athlete ranks below an unacked
// one with a finding of the same severity, above one of a lower severity.
func TestApplyAcks(t *testing.T) {
	day := time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC)
	acks := []Ack{
		{Athlete: "bob", Rule: rules.LoadSpike, Episode: mustDay("2026-06-01"), Severity: rules.Medium, Date: day, Note: "called him"},
		{Athlete: "bob", Rule: rules.CadenceDrop, Episode: mustDay("2026-06-01"), Severity: rules.Low, Date: day},
		{Athlete: "bob", Rule: rules.GCTImbalance, Episode: mustDay("2026-05-25"), Severity: rules.High, Date: day},
		{Athlete: "ann", Rule: rules.DownhillLoad, Episode: mustDay("2026-06-01"), Severity: rules.High, Date: day},
	}
	bob := ackAthlete("bob",
		finding(rules.LoadSpike, rules.Medium, "2026-06-01"),   // acked as it is
		finding(rules.LoadSpike, rules.Info, "2026-06-01"),     // a note: never
		finding(rules.CadenceDrop, rules.Medium, "2026-06-01"), // worse than acked
		finding(rules.GCTImbalance, rules.High, "2026-06-08"),  // a new episode
		finding(rules.DownhillLoad, rules.High, "2026-06-01"),  // ann's ack
	)
	ApplyAcks(acks, bob)
	want := []bool{true, false, false, false, false}
	for i, f := range bob.Findings {
		k, ok := bob.Acknowledged(f)
		if ok != want[i] {
			t.Errorf("%s %s %s: acknowledged %v, want %v", f.Rule.ID, f.Severity, f.Date, ok, want[i])
		}
		if ok && (k.Note != "called him" || !k.Date.Equal(day)) {
			t.Errorf("%s: acknowledgement %+v", f.Rule.ID, k)
		}
	}
	acked := ackAthlete("acked", finding(rules.LoadSpike, rules.High, "2026-06-01"))
	ApplyAcks([]Ack{{Athlete: "acked", Rule: rules.LoadSpike, Episode: mustDay("2026-06-01"), Severity: rules.High, Date: day}}, acked)
	unacked := ackAthlete("unacked", finding(rules.LoadSpike, rules.High, "2026-06-01"))
	medium := ackAthlete("medium", finding(rules.LoadSpike, rules.Medium, "2026-06-01"))
	var order []string
	for _, a := range ByRisk([]*Athlete{medium, acked, unacked}) {
		order = append(order, a.Name)
	}
	if strings.Join(order, " ") != "unacked acked medium" {
		t.Errorf("ranking %v, want unacked, acked, medium", order)
	}
}

// TestReadAcks reads the file FormatAcks writes back as itself, and
// refuses a bad row with its line.
func TestReadAcks(t *testing.T) {
	day := time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC)
	acks := []Ack{
		{Athlete: "bob, jr", Rule: rules.LoadSpike, Episode: mustDay("2026-06-01"), Severity: rules.Medium, Date: day, Note: "called him: \"easier\" week"},
		{Athlete: "ann", Rule: rules.Symptom, Episode: mustDay("2026-05-28"), Severity: rules.High, Date: day},
	}
	data := FormatAcks(acks)
	if !strings.HasPrefix(string(data), "athlete,rule,episode,severity,date,note\n") {
		t.Errorf("no header: %q", data)
	}
	got, err := ReadAcks(strings.NewReader(string(data)))
	if err != nil || len(got) != 2 || got[0] != acks[0] || got[1] != acks[1] {
		t.Fatalf("read back %+v, %v; want %+v", got, err, acks)
	}
	for _, tt := range []struct{ file, want string }{
		{"athlete,rule,episode,severity,date,note\nbob,no-such-rule,2026-06-01,low,2026-06-09,\n", `line 2: rule "no-such-rule" is not one of itbcheck rules`},
		{"bob,load-spike,June,low,2026-06-09,\n", `line 1: episode "June" is not a day YYYY-MM-DD`},
		{"bob,load-spike,2026-06-01,info,2026-06-09,\n", `line 1: severity "info" is not low, medium or high`},
		{"bob,load-spike\n", "line 1: want athlete,rule,episode,severity,date,note"},
		{"bob,load-spike,2026-06-01,low,2026-06-09,\"open quote\n", "bad acknowledgements file"},
	} {
		_, err := ReadAcks(strings.NewReader(tt.file))
		if !errors.Is(err, ErrBadAcks) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadAcks(%q) = %v, want %q", tt.file, err, tt.want)
		}
	}
}
