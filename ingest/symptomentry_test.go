package ingest

import (
	"errors"
	"strings"
	"testing"
)

// TestParseSymptomFlag reads the red-flag words as people type them.
func TestParseSymptomFlag(t *testing.T) {
	tests := []struct {
		in   string
		want SymptomFlag
		ok   bool
	}{
		{"night pain", FlagNightPain, true},
		{"Night Pain", FlagNightPain, true},
		{"pain at night", FlagNightPain, true},
		{" night-pain ", FlagNightPain, true},
		{"night_pain", FlagNightPain, true},
		{"Numbness", FlagNumbness, true},
		{"pins and needles", FlagTingling, true},
		{"tingling", FlagTingling, true},
		{"pain at rest", FlagRestPain, true},
		{"rest-pain", FlagRestPain, true},
		{"numbnes", "", false},
		{"pain", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseSymptomFlag(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseSymptomFlag(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSymptomLogPhrases: a log typed by hand with "night pain" (two
// words) keeps the flag instead of dropping it.
func TestSymptomLogPhrases(t *testing.T) {
	log := "date,site,side,pain,flags,note\n" +
		"2026-05-28,low-back,both,5,night pain,\n" +
		"2026-05-29,low-back,both,5,Pain at night;numbness tingling,\n"
	entries, probs := ReadSymptomLog(strings.NewReader(log), "symptoms.csv")
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	var got []string
	for _, e := range entries {
		got = append(got, entryText(e))
	}
	want := []string{
		`2 2026-05-28 low-back both 5 [night-pain] ""`,
		`3 2026-05-29 low-back both 5 [night-pain;numbness;tingling] ""`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckSymptom refuses every bad value with one line saying what is
// allowed, and a checked entry written by AppendSymptomCSV reads back as
// itself, under the log's own header.
func TestCheckSymptom(t *testing.T) {
	good := SymptomInput{Date: "2026-06-01", Site: "Outer knee", Side: "left", Pain: "4", Flags: "Night Pain, pain at rest", Note: "after intervals, 8 km"}
	bad := []struct {
		edit func(*SymptomInput)
		want string
	}{
		{func(in *SymptomInput) { in.Date = "01/06/2026" }, `--date "01/06/2026": want a day YYYY-MM-DD`},
		{func(in *SymptomInput) { in.Date = "2026-06-01T10:00" }, `--date "2026-06-01T10:00": want a day YYYY-MM-DD`},
		{func(in *SymptomInput) { in.Site = "shin" }, `--site "shin": want outer-knee, outer-hip, low-back or other`},
		{func(in *SymptomInput) { in.Side = "up" }, `--side "up": want left, right or both`},
		{func(in *SymptomInput) { in.Pain = "11" }, `--pain "11": want a number from 0 to 10`},
		{func(in *SymptomInput) { in.Pain = "" }, `--pain missing: want a number from 0 to 10`},
		{func(in *SymptomInput) { in.Flags = "night pain, sore" }, `--flags "sore": want red-flag words among numbness, tingling, night-pain, rest-pain (such as "night pain")`},
		{func(in *SymptomInput) { in.Note = "two\nlines" }, `--note: want one line of text`},
	}
	for _, tt := range bad {
		in := good
		tt.edit(&in)
		_, err := CheckSymptom(in)
		if !errors.Is(err, ErrBadSymptom) || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("CheckSymptom(%+v) = %v, want %q", in, err, tt.want)
		}
	}
	e, err := CheckSymptom(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, before, want string }{
		{"new", "", "date,site,side,pain,flags,note\n2026-06-01,outer-knee,left,4,night-pain;rest-pain,\"after intervals, 8 km\"\n"},
		{"no final newline", "date,site,pain\n2026-05-01,low-back,3", "date,site,pain\n2026-05-01,low-back,3\n2026-06-01,outer-knee,4\n"},
		{"semicolons", "Date;Pain;Site;Flags\n", "Date;Pain;Site;Flags\n2026-06-01;4;outer-knee;night-pain;rest-pain\n"},
	} {
		got := string(AppendSymptomCSV([]byte(tt.before), e))
		if tt.name != "semicolons" && got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
		entries, probs := ReadSymptomLog(strings.NewReader(got), "symptoms.csv")
		if len(probs) > 0 || len(entries) == 0 {
			t.Fatalf("%s: read back %v, %v", tt.name, entries, probs)
		}
		last := entries[len(entries)-1]
		if last.Date != e.Date || last.Site != e.Site || last.Pain != e.Pain {
			t.Errorf("%s: read back %s, want %s", tt.name, entryText(last), entryText(e))
		}
		if strings.Contains(tt.before, "Flags") && (!last.Has(FlagNightPain) || !last.Has(FlagRestPain)) {
			t.Errorf("%s: flags lost: %s", tt.name, entryText(last))
		}
	}
}
