package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	unicode16 "unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/itbcheck/itbcheck/internal/safeyaml"
)

// The runner's symptom log (CONTRACT.md "Inputs"): a small CSV or YAML file
// with one entry per day and site,
//
//	date,site,side,pain,flags,note
//	2026-05-14,outer-knee,left,4,,after the long run
//
// or the same keys as a YAML list of mappings. A bad row is a Problem
// naming the file and its line; the other rows are still read.

// SymptomSite is where it hurts.
type SymptomSite string

// The sites of the log.
const (
	SiteOuterKnee SymptomSite = "outer-knee"
	SiteOuterHip  SymptomSite = "outer-hip"
	SiteLowBack   SymptomSite = "low-back"
	SiteOther     SymptomSite = "other"
)

// SymptomSites lists the sites in the contract's order.
var SymptomSites = []SymptomSite{SiteOuterKnee, SiteOuterHip, SiteLowBack, SiteOther}

// IsITB reports whether the site is one where IT band trouble shows: the
// outer knee or the outer hip.
func (s SymptomSite) IsITB() bool { return s == SiteOuterKnee || s == SiteOuterHip }

// Side is the side of the body a symptom is on; "" when the log does not say.
type Side string

// The sides of the log.
const (
	SideLeft  Side = "left"
	SideRight Side = "right"
	SideBoth  Side = "both"
)

// SymptomFlag is a warning sign the runner ticks.
type SymptomFlag string

// The flags of the log: each is a red flag.
const (
	FlagNumbness  SymptomFlag = "numbness"
	FlagTingling  SymptomFlag = "tingling"
	FlagNightPain SymptomFlag = "night-pain"
	FlagRestPain  SymptomFlag = "rest-pain"
)

// Symptom is one entry of the log.
type Symptom struct {
	Date  time.Time // the day, at midnight UTC (a calendar date, no zone)
	Site  SymptomSite
	Side  Side
	Pain  float64 // 0–10
	Flags []SymptomFlag
	Note  string // printable text, at most maxSymptomNote runes
	Line  int    // line of the file the entry starts on
}

// Has reports whether the entry carries flag f.
func (s Symptom) Has(f SymptomFlag) bool {
	for _, g := range s.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// Bounds of a symptom log: a runner's diary of years is far below them.
const (
	maxSymptomBytes   = 4 << 20
	maxSymptomEntries = 20_000
	maxSymptomNote    = 200
)

// IsSymptomLogName reports whether a file name is the symptom log that
// folder walks take beside an athlete's activities (symptoms.csv,
// symptoms.yaml or symptoms.yml, any case), never an activity file.
func IsSymptomLogName(name string) bool {
	switch strings.ToLower(filepath.Base(name)) {
	case "symptoms.csv", "symptoms.yaml", "symptoms.yml":
		return true
	}
	return false
}

// OpenSymptomLog reads the symptom log at path. Problems name the path and,
// for a bad entry, its line; the entries read are returned whatever else
// failed. Only a regular file is read: opening never waits for a FIFO's
// writer, and a link to /dev/zero is refused, not read for ever.
func OpenSymptomLog(path string) ([]Symptom, []Problem) {
	f, err := openInput(path) // read-only: inputs are never modified
	if err != nil {
		return nil, []Problem{{Path: path, Err: err}}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, []Problem{{Path: path, Err: fmt.Errorf("is a directory, want a symptom log file")}}
	} else if err == nil && !st.Mode().IsRegular() {
		return nil, []Problem{{Path: path, Err: fmt.Errorf("%w: %s, not a regular file: only regular files are read", ErrUnsupported, modeName(st.Mode()))}}
	}
	return ReadSymptomLog(f, path)
}

// modeName names a non-regular file mode in a refusal.
func modeName(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// ReadSymptomLog reads a symptom log from r; name (a path) gives its format
// by extension (.yaml/.yml is YAML, else CSV unless the content looks like
// YAML) and is the Path of every Problem. UTF-16 text (Excel's "Unicode
// text") is read as such. At most maxSymptomProblems bad lines are named;
// one more Problem counts the rest.
func ReadSymptomLog(r io.Reader, name string) ([]Symptom, []Problem) {
	data, err := io.ReadAll(io.LimitReader(r, maxSymptomBytes+1))
	if err != nil {
		return nil, []Problem{{Path: name, Err: err}}
	}
	if len(data) > maxSymptomBytes {
		return nil, []Problem{{Path: name, Err: fmt.Errorf("%w: symptom log over %d MB", ErrTooLarge, maxSymptomBytes>>20)}}
	}
	if isUTF16(data) {
		data = fromUTF16(data)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []Problem{{Path: name, Err: fmt.Errorf("%w: symptom log has no entries", ErrEmpty)}}
	}
	var entries []Symptom
	var errs []error
	if looksYAML(data, name) {
		entries, errs = readSymptomYAML(data)
	} else {
		entries, errs = readSymptomCSV(data)
	}
	probs := make([]Problem, 0, len(errs))
	for _, e := range errs {
		probs = append(probs, Problem{Path: name, Err: e, Partial: len(entries) > 0})
	}
	return entries, probs
}

// fromUTF16 decodes UTF-16 text, little-endian unless a byte order mark
// or the position of the NUL bytes says big-endian, into UTF-8.
func fromUTF16(data []byte) []byte {
	be := bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || (!bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && len(data) > 0 && data[0] == 0)
	units := make([]uint16, len(data)/2)
	for i := range units {
		if be {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	if len(units) > 0 && units[0] == 0xFEFF {
		units = units[1:]
	}
	return []byte(string(unicode16.Decode(units)))
}

// maxSymptomProblems bounds the bad lines of one symptom log named one by
// one: a file of two million bad lines costs one summary line, not two
// million.
const maxSymptomProblems = 20

// boundedErrs keeps the first maxSymptomProblems errors and counts the
// rest.
type boundedErrs struct {
	errs []error
	more int
}

func (b *boundedErrs) add(errs ...error) {
	for _, e := range errs {
		if len(b.errs) < maxSymptomProblems {
			b.errs = append(b.errs, e)
		} else {
			b.more++
		}
	}
}

// list is the errors kept and, when some were not, one that counts them.
func (b *boundedErrs) list() []error {
	if b.more > 0 {
		return append(b.errs, fmt.Errorf("... and %d more lines refused", b.more))
	}
	return b.errs
}

// looksYAML tells a YAML log from a CSV one: by extension, else by a first
// line that starts a YAML list or mapping.
func looksYAML(data []byte, name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return true
	case ".csv":
		return false
	}
	line, _, _ := bytes.Cut(bytes.TrimSpace(data), []byte("\n"))
	return bytes.HasPrefix(line, []byte("- ")) || bytes.HasPrefix(line, []byte("symptoms:")) || bytes.HasPrefix(line, []byte("---"))
}

// symptomColumns are the CSV columns in the contract's order.
var symptomColumns = []string{"date", "site", "side", "pain", "flags", "note"}

// lineError is a problem of one entry.
func lineError(line int, format string, args ...any) error {
	return fmt.Errorf("line %d: "+format, append([]any{line}, args...)...)
}

// readSymptomCSV reads the CSV log line by line, so that a bad line never
// spoils the next: a header naming the columns (any order, any case; date,
// site and pain required), or none when the first row already starts with
// a date (then the contract's column order). A comma or, when the header
// has none, a semicolon separates the fields; lines starting with # are
// comments.
func readSymptomCSV(data []byte) ([]Symptom, []error) {
	var entries []Symptom
	var errs boundedErrs
	col := map[string]int{}
	header := true
	comma := ','
	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		text := strings.TrimSpace(raw)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if header && !strings.Contains(text, ",") && strings.Contains(text, ";") {
			comma = ';'
		}
		rec, err := splitSymptomLine(text, comma)
		if err != nil {
			errs.add(lineError(line, "unreadable CSV (%s)", strings.Join(strings.Fields(err.Error()), " ")))
			continue
		}
		if header {
			header = false
			if _, ok := parseDay(rec[0]); ok {
				for i, c := range symptomColumns {
					col[c] = i
				}
			} else {
				if err := symptomHeader(rec, col); err != nil {
					return nil, []error{lineError(line, "%v", err)}
				}
				continue
			}
		}
		if len(entries) >= maxSymptomEntries {
			errs.add(lineError(line, "more than %d entries: the rest is not read", maxSymptomEntries))
			break
		}
		field := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		e, warn, err := newSymptom(line, field("date"), field("site"), field("side"), field("pain"), splitFlags(field("flags")), field("note"))
		errs.add(warn...)
		if err != nil {
			errs.add(err)
			continue
		}
		entries = append(entries, e)
	}
	return entries, errs.list()
}

// splitSymptomLine splits one line of the CSV log into its fields. A
// line without quotes is split directly: a csv.Reader for each line costs
// a 4 KiB buffer, which made a log of two million bad lines spend most
// of its time collecting garbage.
func splitSymptomLine(text string, comma rune) ([]string, error) {
	if !strings.ContainsRune(text, '"') {
		rec := strings.Split(text, string(comma))
		for i := range rec {
			rec[i] = strings.TrimLeft(rec[i], " \t")
		}
		return rec, nil
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.LazyQuotes = true
	return cr.Read()
}

// symptomHeader maps the header's column names to their index.
func symptomHeader(rec []string, col map[string]int) error {
	// Extra columns (a runner's own) are allowed and ignored.
	for i, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, c := range symptomColumns {
			if h == c {
				col[c] = i
			}
		}
	}
	var missing []string
	for _, c := range []string{"date", "site", "pain"} {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("header lacks %s (want %s)", strings.Join(missing, ", "), strings.Join(symptomColumns, ","))
	}
	return nil
}

// splitFlags splits a flags cell on ';' (the contract's separator), '|'
// or ','; a piece that is not one flag as people type it ("night pain",
// "pain at night") is split on spaces too ("numbness tingling").
func splitFlags(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == ',' }) {
		if _, ok := ParseSymptomFlag(p); ok {
			out = append(out, strings.TrimSpace(p))
			continue
		}
		out = append(out, strings.FieldsFunc(p, unicode.IsSpace)...)
	}
	return out
}

// symptomYAML is one entry of a YAML log; the flags are a list or one
// ';'-separated string.
type symptomYAML struct {
	Date  string    `yaml:"date"`
	Site  string    `yaml:"site"`
	Side  string    `yaml:"side"`
	Pain  string    `yaml:"pain"`
	Flags yaml.Node `yaml:"flags"`
	Note  string    `yaml:"note"`
}

// readSymptomYAML reads a YAML log: a list of entries, or a mapping whose
// "symptoms" key holds the list.
func readSymptomYAML(data []byte) ([]Symptom, []error) {
	doc, err := safeyaml.Parse(data) // bounded: size, aliases counted as they expand
	if err != nil {
		if errors.Is(err, safeyaml.ErrTooLarge) {
			return nil, []error{fmt.Errorf("%w: YAML symptom log over %d KiB, the fixed bound of a YAML file", ErrTooLarge, safeyaml.MaxBytes>>10)}
		}
		if errors.Is(err, safeyaml.ErrAliases) {
			return nil, []error{fmt.Errorf("%w: YAML symptom log: %v", ErrTooLarge, err)}
		}
		return nil, []error{fmt.Errorf("not a YAML symptom log: %s", strings.TrimPrefix(err.Error(), "not valid YAML: "))}
	}
	list := doc
	if list.Kind == yaml.DocumentNode && len(list.Content) > 0 {
		list = list.Content[0]
	}
	if list.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			if list.Content[i].Value == "symptoms" {
				found = list.Content[i+1]
			}
		}
		if found == nil {
			return nil, []error{lineError(list.Line, "want a list of entries, or a symptoms: key holding one")}
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode {
		return nil, []error{lineError(max(list.Line, 1), "want a list of entries (- date: ..., site: ..., pain: ...)")}
	}
	var entries []Symptom
	var errs boundedErrs
	for _, item := range list.Content {
		if len(entries) >= maxSymptomEntries {
			errs.add(lineError(item.Line, "more than %d entries: the rest is not read", maxSymptomEntries))
			break
		}
		var y symptomYAML
		if item.Kind != yaml.MappingNode {
			errs.add(lineError(item.Line, "want an entry with date, site and pain"))
			continue
		}
		if err := item.Decode(&y); err != nil {
			errs.add(lineError(item.Line, "%s", strings.Join(strings.Fields(err.Error()), " ")))
			continue
		}
		var flags []string
		switch y.Flags.Kind {
		case yaml.SequenceNode:
			for _, f := range y.Flags.Content {
				flags = append(flags, splitFlags(f.Value)...)
			}
		case yaml.ScalarNode:
			flags = splitFlags(y.Flags.Value)
		}
		e, warn, err := newSymptom(item.Line, y.Date, y.Site, y.Side, y.Pain, flags, y.Note)
		errs.add(warn...)
		if err != nil {
			errs.add(err)
			continue
		}
		entries = append(entries, e)
	}
	return entries, errs.list()
}

// newSymptom checks and builds one entry. err drops the entry; warn lists
// what was ignored in an entry that is kept (an unknown flag).
func newSymptom(line int, date, site, side, pain string, flags []string, note string) (Symptom, []error, error) {
	e := Symptom{Line: line}
	var ok bool
	if e.Date, ok = parseDay(date); !ok {
		return e, nil, lineError(line, "date %q is not a day YYYY-MM-DD", clip(date))
	}
	if e.Site, ok = parseSite(site); !ok {
		return e, nil, lineError(line, "site %q is not outer-knee, outer-hip, low-back or other", clip(site))
	}
	if e.Side, ok = parseSide(side); !ok {
		return e, nil, lineError(line, "side %q is not left, right or both", clip(side))
	}
	if e.Pain, ok = parsePain(pain); !ok {
		return e, nil, lineError(line, "pain %q is not a number from 0 to 10", clip(pain))
	}
	var warn []error
	for _, f := range flags {
		fl, ok := parseFlag(f)
		if !ok {
			warn = append(warn, lineError(line, "flag %q ignored (known: numbness, tingling, night-pain, rest-pain)", clip(f)))
			continue
		}
		if !e.Has(fl) {
			e.Flags = append(e.Flags, fl)
		}
	}
	e.Note = cleanNote(note)
	return e, warn, nil
}

// parseDay reads YYYY-MM-DD (a date-time keeps its date).
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1990 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// normWord lower-cases a word and turns spaces and underscores into dashes:
// "Outer knee", "outer_knee" and "outer-knee" are one site.
func normWord(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
}

func parseSite(s string) (SymptomSite, bool) {
	w := normWord(s)
	for _, site := range SymptomSites {
		if w == string(site) {
			return site, true
		}
	}
	return "", false
}

func parseSide(s string) (Side, bool) {
	switch normWord(s) {
	case "":
		return "", true
	case "left", "l":
		return SideLeft, true
	case "right", "r":
		return SideRight, true
	case "both", "b":
		return SideBoth, true
	}
	return "", false
}

// parsePain reads 0–10, with a decimal point or comma, or "4/10".
func parsePain(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "/10")
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > 10 {
		return 0, false
	}
	return v, true
}

func parseFlag(s string) (SymptomFlag, bool) { return ParseSymptomFlag(s) }

// cleanNote keeps the printable text of a note, on one line, at most
// maxSymptomNote runes.
func cleanNote(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			continue
		}
		if n == maxSymptomNote {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// clip shortens a bad value for an error line.
func clip(s string) string {
	s = cleanNote(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
