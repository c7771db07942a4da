package screen

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// Who has been called (CONTRACT.md "ack"): a coach records in the team
// folder that they have seen an athlete's open finding. The record names
// the episode (rule and first day or week) and its severity then; it is
// in force while that episode is no worse, so a finding that worsens, or
// a new episode of the same rule, is new again.

// AckFile is the name of the team folder's acknowledgements, a small CSV
// file a person can read and edit:
//
//	athlete,rule,episode,severity,date,note
//	bob,load-spike,2026-06-01,medium,2026-06-08,called him: easier week
const AckFile = ".itbcheck-acks.csv"

// ackColumns are AckFile's columns, in order.
var ackColumns = []string{"athlete", "rule", "episode", "severity", "date", "note"}

// ErrBadAcks is the class of an acknowledgements file that cannot be read.
var ErrBadAcks = errors.New("bad acknowledgements file")

// Bounds of the acknowledgements file: a coach's years of calls are far
// below them.
const (
	maxAckBytes = 4 << 20
	maxAckNote  = 200
)

// Ack is one acknowledgement: the coach has seen athlete's finding of
// Rule whose episode began on Episode, at Severity, on Date.
type Ack struct {
	Athlete  string
	Rule     *rules.Rule
	Episode  analysis.Day // the finding's first day or week
	Severity rules.Severity
	Date     time.Time
	Note     string
}

// ReadAcks reads an acknowledgements file (AckFile's format). A row that
// cannot be read is an error naming its line (class ErrBadAcks): the file
// is the coach's, and is not rewritten over a row it did not understand.
func ReadAcks(r io.Reader) ([]Ack, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxAckBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxAckBytes {
		return nil, fmt.Errorf("%w: over %d MB", ErrBadAcks, maxAckBytes>>20)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	var out []Ack
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrBadAcks, strings.Join(strings.Fields(err.Error()), " "))
		}
		line, _ := cr.FieldPos(0)
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), ackColumns[0]) {
			continue // the header
		}
		k, err := ackRow(rec)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrBadAcks, line, err)
		}
		out = append(out, k)
	}
}

// ackRow checks one row.
func ackRow(rec []string) (Ack, error) {
	if len(rec) < len(ackColumns)-1 {
		return Ack{}, fmt.Errorf("want %s", strings.Join(ackColumns, ","))
	}
	k := Ack{Athlete: strings.TrimSpace(rec[0]), Rule: rules.ByID(strings.TrimSpace(rec[1]))}
	if len(rec) > 5 {
		k.Note = cleanNote(rec[5])
	}
	if k.Athlete == "" {
		return k, fmt.Errorf("no athlete")
	}
	if k.Rule == nil {
		return k, fmt.Errorf("rule %q is not one of itbcheck rules", clipText(strings.TrimSpace(rec[1])))
	}
	var err error
	if k.Episode, err = analysis.ParseDay(strings.TrimSpace(rec[2])); err != nil {
		return k, fmt.Errorf("episode %q is not a day YYYY-MM-DD", clipText(strings.TrimSpace(rec[2])))
	}
	if k.Severity, err = rules.ParseSeverity(strings.TrimSpace(rec[3])); err != nil || k.Severity < rules.Low {
		return k, fmt.Errorf("severity %q is not low, medium or high", clipText(rec[3]))
	}
	if k.Date, err = time.Parse(time.DateOnly, strings.TrimSpace(rec[4])); err != nil {
		return k, fmt.Errorf("date %q is not a day YYYY-MM-DD", clipText(rec[4]))
	}
	return k, nil
}

// cleanNote keeps a note's printable text on one line, at most maxAckNote
// runes.
func cleanNote(s string) string {
	s = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxAckNote {
		s = string(r[:maxAckNote]) + "…"
	}
	return s
}

// FormatAcks writes acknowledgements in AckFile's format, with its header.
func FormatAcks(acks []Ack) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(ackColumns) // a bytes.Buffer does not fail
	for _, k := range acks {
		_ = w.Write([]string{k.Athlete, k.Rule.ID, k.Episode.String(), k.Severity.String(), k.Date.Format(time.DateOnly), cleanNote(k.Note)})
	}
	w.Flush()
	return b.Bytes()
}

// LoadAcks reads root's AckFile; none (nil, nil) when there is no such
// file.
func LoadAcks(root string) ([]Ack, error) {
	path := filepath.Join(root, AckFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: not a regular file", path, ErrBadAcks)
	}
	acks, err := ReadAcks(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return acks, nil
}

// ApplyAcks puts on athlete a the acknowledgements in force: each of a's
// findings whose episode (rule and first day) was acknowledged at the
// same or a higher severity. The latest acknowledgement of an episode
// wins.
func ApplyAcks(acks []Ack, a *Athlete) {
	for _, f := range a.Findings {
		for _, k := range acks {
			if k.Athlete != a.Name || k.Rule != f.Rule || k.Episode != f.Date || f.Severity > k.Severity || f.Severity < rules.Low {
				continue
			}
			if a.Acks == nil {
				a.Acks = map[FindingKey]Acknowledgement{}
			}
			if old, ok := a.Acks[KeyOf(f)]; !ok || !k.Date.Before(old.Date) {
				a.Acks[KeyOf(f)] = Acknowledgement{Date: k.Date, Note: k.Note}
			}
		}
	}
}

// OpenFinding is athlete a's open finding of rule (low or higher), the
// latest episode when there are several; ok is false when none is open.
func OpenFinding(a *Athlete, rule *rules.Rule) (rules.Finding, bool) {
	var found rules.Finding
	ok := false
	for _, f := range a.Findings {
		if f.Rule == rule && f.Severity >= rules.Low && a.IsOpen(f) && (!ok || f.Date >= found.Date) {
			found, ok = f, true
		}
	}
	return found, ok
}

// OpenFindings lists athlete a's open findings (low or higher).
func OpenFindings(a *Athlete) []rules.Finding {
	var out []rules.Finding
	for _, f := range a.Findings {
		if f.Severity >= rules.Low && a.IsOpen(f) {
			out = append(out, f)
		}
	}
	return out
}

// Acknowledge records that athlete a's open finding f was seen on date
// with note: acks with the record of the same episode replaced.
func Acknowledge(acks []Ack, a *Athlete, f rules.Finding, date time.Time, note string) []Ack {
	k := Ack{Athlete: a.Name, Rule: f.Rule, Episode: f.Date, Severity: f.Severity, Date: date, Note: cleanNote(note)}
	out := acks[:0:0]
	for _, old := range acks {
		if old.Athlete != k.Athlete || old.Rule != k.Rule || old.Episode != k.Episode {
			out = append(out, old)
		}
	}
	return append(out, k)
}
