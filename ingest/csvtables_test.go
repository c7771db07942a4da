package ingest

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSummaryStrengthMobility: strength and mobility sessions are
// classified in every language of both tables.
func TestSummaryStrengthMobility(t *testing.T) {
	for _, x := range []*exportIndex{garminIndex, stravaIndex} {
		for _, sp := range x.export.sports {
			if sp.sport != SportStrength && sp.sport != SportMobility {
				continue
			}
			for _, l := range summaryLanguages {
				if len(sp.names[l.code]) == 0 {
					t.Errorf("%s: no %s name in %s", x.export.name, sp.sport, l.name)
				}
				for _, n := range sp.names[l.code] {
					got, _ := x.sport(n)
					wantEq(t, x.export.name+" "+n, got, sp.sport)
				}
			}
		}
	}
	workout, _ := stravaIndex.sport("Workout")
	wantEq(t, "Strava Workout is no strength session", workout, SportOther)
}

// TestSummaryTables: every column has a text in every language, running
// has a name in every language, and no text means two things within one
// export.
func TestSummaryTables(t *testing.T) {
	for _, e := range []*summaryExport{&garminSummary, &stravaSummary} {
		fields := map[string]summaryField{}
		for _, c := range e.columns {
			for _, l := range summaryLanguages {
				if len(c.headers[l.code]) == 0 {
					t.Errorf("%s: %s has no %s header", e.name, fieldNames[c.field], l.name)
				}
			}
			for _, texts := range c.headers {
				for _, h := range texts {
					if f, ok := fields[fold(h)]; ok && f != c.field {
						t.Errorf("%s: %q means both %s and %s", e.name, h, fieldNames[f], fieldNames[c.field])
					}
					fields[fold(h)] = c.field
				}
			}
		}
		sports := map[string]Sport{}
		for _, s := range e.sports {
			// Only running must have a name in every language: another
			// sport's name is listed where a real export shows it (or
			// the words read it the same way), not guessed.
			for _, l := range summaryLanguages {
				if s.sport == SportRunning && len(s.names[l.code]) == 0 {
					t.Errorf("%s: %s has no %s name", e.name, s.sport, l.name)
				}
			}
			for _, names := range s.names {
				for _, n := range names {
					if old, ok := sports[fold(n)]; ok && old != s.sport {
						t.Errorf("%s: %q is both %s and %s", e.name, n, old, s.sport)
					}
					sports[fold(n)] = s.sport
				}
			}
		}
		// A column mapped by its text must not also be claimed by another
		// column's meaning words: then by-meaning reading would be ambiguous.
		for _, c := range e.columns {
			for _, other := range e.columns {
				if other.field == c.field {
					continue
				}
				for _, texts := range c.headers {
					for _, h := range texts {
						if other.meaning.matches(fold(h)) && !c.meaning.matches(fold(h)) {
							t.Errorf("%s: header %q (%s) carries the meaning of %s", e.name, h, fieldNames[c.field], fieldNames[other.field])
						}
					}
				}
			}
		}
	}
}

// TestSummaryMeaningCoversTexts: every table text of a column with
// meaning words carries its own meaning, so a language whose texts differ
// slightly still maps.
func TestSummaryMeaningCoversTexts(t *testing.T) {
	for _, e := range []*summaryExport{&garminSummary, &stravaSummary} {
		for _, c := range e.columns {
			if len(c.meaning.all) == 0 {
				continue
			}
			for lang, texts := range c.headers {
				for _, h := range texts {
					if !c.meaning.matches(fold(h)) {
						t.Errorf("%s %s: %q (%s) lacks the column's meaning words", e.name, lang, h, fieldNames[c.field])
					}
				}
			}
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Ø Schrittfrequenz (Laufen)": "o schrittfrequenz laufen", "Type d'activité": "type d activite",
		"Gennemsnit kadence løb": "gennemsnit kadence lob", "Training Stress Score®": "training stress score",
		"  Maks. puls ": "maks puls", "Højdeforøgelse": "hojdeforogelse", "Straße": "strasse",
		"Średnie tętno": "srednie tetno", "Upłynęło czasu": "uplynelo czasu", "Eltelt idő": "eltelt ido",
	} {
		wantEq(t, in, fold(in), want)
	}
}

func TestParseWordDate(t *testing.T) {
	at := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	for in, want := range map[string]time.Time{
		"lun., 30 juin 2014 7:03":         at(2014, 6, 30, 7, 3, 0),
		"Mar 3, 2026, 6:30:00 PM":         at(2026, 3, 3, 18, 30, 0),
		"Mar 3, 2026, 12:05:00 AM":        at(2026, 3, 3, 0, 5, 0),
		"3 de mar. de 2026 06:30:00":      at(2026, 3, 3, 6, 30, 0),
		"30 giu 2014, 07:03:00":           at(2014, 6, 30, 7, 3, 0),
		"3. mar. 2026 06.30.00":           at(2026, 3, 3, 6, 30, 0),
		"30. juni 2014 kl. 07:03":         at(2014, 6, 30, 7, 3, 0),
		"3 mrt 2026, 06:30:00":            at(2026, 3, 3, 6, 30, 0),
		"3 mär. 2026, 06:30:00":           at(2026, 3, 3, 6, 30, 0),
		"30.6.2014, 07:03":                at(2014, 6, 30, 7, 3, 0),
		"2014-06-30 7:03":                 at(2014, 6, 30, 7, 3, 0),
		"3 dic 2025 18:04:05":             at(2025, 12, 3, 18, 4, 5),
		"mié, 3 dic. 2025 6:04:05 p. m.":  at(2025, 12, 3, 18, 4, 5),
		"sön 7 sep. 2025 07:00":           at(2025, 9, 7, 7, 0, 0),
		"3 out. 2025 07:00":               at(2025, 10, 3, 7, 0, 0),
		"Dienstag, 3. März 2026 um 06:30": at(2026, 3, 3, 6, 30, 0),
	} {
		got, ok := parseWordDate(in)
		if !ok || !got.Equal(want) {
			t.Errorf("parseWordDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "31 juin 2014 7:03", "30 juin 7:03", "30 juin 2014 25:03", "12:30", "1.2.3"} {
		if got, ok := parseWordDate(bad); ok {
			t.Errorf("parseWordDate(%q) = %v, want no date", bad, got)
		}
	}
}

func TestParseNumberIn(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		in         string
		point, cma float64 // read in a decimal-point and a decimal-comma column
	}{
		{"12,80", 12.8, 12.8}, {"3,7", 3.7, 3.7}, {"1,234", 1234, 1.234}, {"1.234", 1.234, 1234},
		{"1,234.5", 1234.5, 1234.5}, {"1.234,5", 1234.5, 1234.5}, {"1,234,567", 1234567, 1234567},
		{"1.234.567", 1234567, 1234567}, {"49,6% L", 49.6, 49.6}, {"--", nan, nan}, {"0,98", 0.98, 0.98},
		{"12", 12, 12}, {"-3,5", -3.5, -3.5}, {"1\u00a0234,5", 1234.5, 1234.5}, {"abc", nan, nan},
	}
	for _, tt := range tests {
		wantNum(t, tt.in+" (point)", parseNumberIn(tt.in, dialectPoint), tt.point)
		wantNum(t, tt.in+" (comma)", parseNumberIn(tt.in, dialectComma), tt.cma)
	}
}

func TestCellDialect(t *testing.T) {
	for in, want := range map[string]int{ // 0 point, 1 comma, -1 says nothing
		"12,80": 1, "1.234,5": 1, "1.234.567": 1, "3.76": 0, "1,234.5": 0, "1,234,567": 0, "1,234": -1,
		"1.234": -1, "42": -1, "03.03.2026": -1, "2026-03-04 06:30:00": -1, "00:55:00": -1, "Run 5,5": -1,
		"49.6% L / 50.4% R": -1, "245 ms": -1, "8,9 cm": 1, "--": -1, "12,3,4": -1,
	} {
		d, ok := cellDialect(in)
		got := -1
		if ok {
			got = int(d)
		}
		wantEq(t, in, got, want)
	}
}

// TestDecideDialects: a column's own cells decide it; columns that show
// nothing follow the file; a file that shows nothing follows its separator.
func TestDecideDialects(t *testing.T) {
	recs := [][]string{
		{"Run", "9,55", "9550.0", "1,234"},
		{"Run", "1,234", "1234.0", "2,345"},
		{"Run", "5,00", "5000.0", "3.5"},
	}
	text := []bool{true, false, false, false}
	d := decideDialects(recs, 4, text, ',')
	wantEq(t, "display km column", d[1], dialectComma)
	wantEq(t, "raw metres column", d[2], dialectPoint)
	wantEq(t, "mixed column by its own evidence", d[3], dialectPoint)
	amb := [][]string{{"1,234"}, {"2,345"}}
	wantEq(t, "comma separator, nothing shown", decideDialects(amb, 1, []bool{false}, ',')[0], dialectPoint)
	wantEq(t, "semicolon separator, nothing shown", decideDialects(amb, 1, []bool{false}, ';')[0], dialectComma)
	file := [][]string{{"1,234", "0,98"}, {"2,345", "1,01"}}
	wantEq(t, "ambiguous column follows the file", decideDialects(file, 2, []bool{false, false}, ',')[0], dialectComma)
}

// FuzzSummaryCells: the cell readers of summary CSVs never panic, never
// give infinities, and a date they accept is a real one.
func FuzzSummaryCells(f *testing.F) {
	for _, s := range []string{"12,80", "1.234,5", "1,234", "lun., 30 juin 2014 7:03", "3. mar. 2026 06.30.00",
		"Mar 3, 2026, 6:30:00 PM", "00:30:00,75", "49.6% L / 50.4% R", "-", "1e308", strings.Repeat("9", 400)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range []numDialect{dialectPoint, dialectComma} {
			if v := parseNumberIn(s, d); math.IsInf(v, 0) {
				t.Fatalf("parseNumberIn(%q) = %v", s, v)
			}
			_ = parseClockIn(s, d)
			_ = parseBalanceLeftIn(s, d)
		}
		_, _ = cellDialect(s)
		if ts, ok := parseWordDate(s); ok && (ts.Year() < 1900 || ts.Location() != time.UTC) {
			t.Fatalf("parseWordDate(%q) = %v", s, ts)
		}
	})
}

// TestReadmeLanguageTable: README's format table says for each language
// what summaryLanguages says.
func TestReadmeLanguageTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range summaryLanguages {
		row := "| " + l.name + " | " + l.garmin + " | " + l.strava + " |"
		if !strings.Contains(string(b), row) {
			t.Errorf("README lacks the row %q", row)
		}
	}
}
