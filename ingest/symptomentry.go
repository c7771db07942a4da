package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The writing side of the symptom log (`itbcheck log`): one entry checked
// by the same parsers that read the log, so that what is written is what
// the next report reads.

// ErrBadSymptom is the class of a symptom entry refused by CheckSymptom.
var ErrBadSymptom = errors.New("bad symptom entry")

// flagPhrases are the ways people type the red-flag words, normalised by
// normWord (lower case, words joined by dashes), beside the flags' own
// names.
var flagPhrases = map[string]SymptomFlag{
	"numb":             FlagNumbness,
	"numbness":         FlagNumbness,
	"tingle":           FlagTingling,
	"tingling":         FlagTingling,
	"tingly":           FlagTingling,
	"pins-and-needles": FlagTingling,
	"night":            FlagNightPain,
	"night-pain":       FlagNightPain,
	"pain-at-night":    FlagNightPain,
	"nightly-pain":     FlagNightPain,
	"hurts-at-night":   FlagNightPain,
	"wakes-me-up":      FlagNightPain,
	"rest":             FlagRestPain,
	"rest-pain":        FlagRestPain,
	"pain-at-rest":     FlagRestPain,
	"resting-pain":     FlagRestPain,
	"hurts-at-rest":    FlagRestPain,
}

// ParseSymptomFlag reads one red-flag word as people type it: "night
// pain", "Night Pain", "pain at night" and "night-pain" are all
// FlagNightPain. ok is false for anything else.
func ParseSymptomFlag(s string) (SymptomFlag, bool) {
	f, ok := flagPhrases[normWord(s)]
	return f, ok
}

// SymptomFlagWords lists the red-flag words the log knows, for messages.
const SymptomFlagWords = "numbness, tingling, night-pain, rest-pain"

// SymptomInput is an entry as typed on the command line, before checking.
type SymptomInput struct {
	Date  string // YYYY-MM-DD
	Site  string
	Side  string
	Pain  string // 0–10
	Flags string // comma- or semicolon-separated red-flag words
	Note  string
}

// CheckSymptom checks an entry typed by hand with the log's own parsers,
// strictly: unlike a log being read, where an unknown flag is ignored with
// a warning, every value must be one the log knows. The error (class
// ErrBadSymptom) says in one line what is allowed.
func CheckSymptom(in SymptomInput) (Symptom, error) {
	bad := func(format string, args ...any) (Symptom, error) {
		return Symptom{}, fmt.Errorf("%w: "+format, append([]any{ErrBadSymptom}, args...)...)
	}
	var e Symptom
	var ok bool
	if e.Date, ok = parseDay(in.Date); !ok || len(strings.TrimSpace(in.Date)) != len(time.DateOnly) {
		return bad("--date %q: want a day YYYY-MM-DD", clip(in.Date))
	}
	if e.Site, ok = parseSite(in.Site); !ok {
		return bad("--site %q: want outer-knee, outer-hip, low-back or other", clip(in.Site))
	}
	if e.Side, ok = parseSide(in.Side); !ok {
		return bad("--side %q: want left, right or both", clip(in.Side))
	}
	if strings.TrimSpace(in.Pain) == "" {
		return bad("--pain missing: want a number from 0 to 10")
	}
	if e.Pain, ok = parsePain(in.Pain); !ok {
		return bad("--pain %q: want a number from 0 to 10", clip(in.Pain))
	}
	for _, w := range strings.FieldsFunc(in.Flags, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		if strings.TrimSpace(w) == "" {
			continue
		}
		f, ok := ParseSymptomFlag(w)
		if !ok {
			return bad("--flags %q: want red-flag words among %s (such as \"night pain\")", clip(w), SymptomFlagWords)
		}
		if !e.Has(f) {
			e.Flags = append(e.Flags, f)
		}
	}
	if strings.ContainsAny(in.Note, "\n\r") {
		return bad("--note: want one line of text")
	}
	e.Note = cleanNote(in.Note)
	return e, nil
}

// SymptomCSVHeader is the header line a new log starts with.
const SymptomCSVHeader = "date,site,side,pain,flags,note\n"

// AppendSymptomCSV returns the CSV log data with e appended as one row:
// data as it is (a missing final newline added), or a new log with its
// header when data is empty. The row follows data's header (its column
// order and a ';' separator when it uses one), so that the reader maps it
// back; a log without a header gets the contract's column order.
func AppendSymptomCSV(data []byte, e Symptom) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte(SymptomCSVHeader)
	}
	cols, comma := csvLayout(data)
	flags := make([]string, len(e.Flags))
	for i, f := range e.Flags {
		flags[i] = string(f)
	}
	value := map[string]string{
		"date":  e.Date.Format(time.DateOnly),
		"site":  string(e.Site),
		"side":  string(e.Side),
		"pain":  strconv.FormatFloat(e.Pain, 'f', -1, 64),
		"flags": strings.Join(flags, ";"),
		"note":  e.Note,
	}
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = value[c]
	}
	var b bytes.Buffer
	b.Write(data)
	if !bytes.HasSuffix(data, []byte("\n")) {
		b.WriteByte('\n')
	}
	w := csv.NewWriter(&b)
	w.Comma = comma
	_ = w.Write(row) // a bytes.Buffer does not fail
	w.Flush()
	return b.Bytes()
}

// csvLayout finds the columns and separator of a CSV log as the reader
// does: the first line that is neither blank nor a comment is the header,
// unless it starts with a day.
func csvLayout(data []byte) ([]string, rune) {
	for _, raw := range strings.Split(string(data), "\n") {
		text := strings.TrimSpace(raw)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		comma := ','
		if !strings.Contains(text, ",") && strings.Contains(text, ";") {
			comma = ';'
		}
		cr := csv.NewReader(strings.NewReader(text))
		cr.Comma = comma
		cr.LazyQuotes = true
		rec, err := cr.Read()
		if err != nil || len(rec) == 0 {
			break
		}
		if _, ok := parseDay(rec[0]); ok {
			return symptomColumns, comma
		}
		cols := make([]string, len(rec))
		for i, h := range rec {
			cols[i] = strings.ToLower(strings.TrimSpace(h))
		}
		return cols, comma
	}
	return symptomColumns, ','
}
