package report

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// TestFormatTable checks every name, alias and extension of the format
// table against what the contract and the CLI expect of it.
func TestFormatTable(t *testing.T) {
	tests := []struct {
		name     string
		aliases  []string
		exts     []string
		commands []string
		fileExt  string
	}{
		{"text", []string{"txt"}, []string{".txt"}, []string{"analyze", "batch", "check"}, "txt"},
		{"json", nil, []string{".json"}, []string{"analyze", "batch", "check"}, "json"},
		{"markdown", []string{"md"}, []string{".md", ".markdown"}, []string{"analyze", "batch", "check"}, "md"},
		{"html", nil, []string{".html", ".htm"}, []string{"analyze", "batch", "check"}, "html"},
		{"csv", nil, []string{".csv"}, []string{"analyze", "batch", "check"}, "csv"},
		{"ndjson", nil, []string{".ndjson", ".jsonl"}, []string{"analyze", "batch", "check"}, "ndjson"},
		{"parquet", nil, nil, []string{"analyze", "batch", "check"}, "txt"},
		{"junit", []string{"xml"}, []string{".xml"}, []string{"check"}, "xml"},
		{"github", nil, nil, []string{"check"}, "txt"},
	}
	if len(Formats) != len(tests) {
		t.Fatalf("%d formats in the table, the test knows %d", len(Formats), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range append([]string{tt.name, strings.ToUpper(tt.name)}, tt.aliases...) {
				f, ok := LookupFormat(n)
				if !ok || f.Name != tt.name {
					t.Errorf("LookupFormat(%q) = %q, %v; want %q", n, f.Name, ok, tt.name)
				}
			}
			for _, e := range tt.exts {
				for _, path := range []string{"out/r" + e, "R" + strings.ToUpper(e)} {
					if got, ok := FormatFromExt(path); !ok || got != tt.name {
						t.Errorf("FormatFromExt(%q) = %q, %v; want %q", path, got, ok, tt.name)
					}
				}
			}
			for _, cmd := range []string{"analyze", "batch", "check", "inspect"} {
				want := slices.Contains(tt.commands, cmd)
				if got := slices.Contains(FormatNames(cmd), tt.name); got != want {
					t.Errorf("FormatNames(%s) has %s: %v, want %v", cmd, tt.name, got, want)
				}
			}
			if got := FileExt(tt.name); got != tt.fileExt {
				t.Errorf("FileExt(%s) = %q, want %q", tt.name, got, tt.fileExt)
			}
			f, _ := LookupFormat(tt.name)
			if (f.New == nil) == (f.NewFiles == nil) {
				t.Errorf("%s: want one renderer, of a document (New) or of a folder of tables (NewFiles)", tt.name)
			}
		})
	}
	for _, bad := range []string{"pdf", "", "htm", "jsonl"} {
		if f, ok := LookupFormat(bad); ok {
			t.Errorf("LookupFormat(%q) = %q, want none", bad, f.Name)
		}
	}
	// The contract's -o extensions, one per format that writes a file.
	want := []string{".csv", ".html", ".json", ".md", ".ndjson", ".txt", ".xml"}
	got := slices.Sorted(slices.Values(ReportExts))
	if !slices.Equal(got, want) {
		t.Errorf("ReportExts = %v, want %v", ReportExts, want)
	}
}

// TestResolveOutputEveryFormat applies the -o rule to every format, by
// name, alias and extension, for every command: a command takes the
// formats of its table row and refuses the others.
func TestResolveOutputEveryFormat(t *testing.T) {
	for _, cmd := range []string{"analyze", "batch", "check"} {
		allowed := FormatNames(cmd)
		for _, f := range Formats {
			writes := slices.Contains(f.Commands, cmd)
			if f.NewFiles != nil { // a folder of tables: -o DIR, never stdout
				if out, err := ResolveOutput(f.Name, "", allowed, cmd == "batch"); err == nil {
					t.Errorf("%s --format %s to stdout: %+v, want an error", cmd, f.Name, out)
				}
				out, err := ResolveOutput(f.Name, "tables", allowed, cmd == "batch")
				if writes && (err != nil || out.Format != f.Name || !out.Folder) {
					t.Errorf("%s --format %s -o tables: %+v, %v; want the folder", cmd, f.Name, out, err)
				}
				continue
			}
			for _, n := range append([]string{f.Name}, f.Aliases...) {
				out, err := ResolveOutput(n, "", allowed, cmd == "batch")
				if writes && (err != nil || out.Format != f.Name) {
					t.Errorf("%s --format %s: %+v, %v; want %s on stdout", cmd, n, out, err, f.Name)
				}
				if !writes && err == nil {
					t.Errorf("%s --format %s: %+v, want an error", cmd, n, out)
				}
			}
			for _, e := range f.Exts {
				out, err := ResolveOutput("", "r"+e, allowed, cmd == "batch")
				if writes && (err != nil || out.Format != f.Name || out.Folder) {
					t.Errorf("%s -o r%s: %+v, %v; want the file in %s", cmd, e, out, err, f.Name)
				}
				if !writes && err == nil {
					t.Errorf("%s -o r%s: %+v, want an error", cmd, e, out)
				}
			}
		}
	}
}

// TestStreamOrder feeds the fixture's athletes in reverse order: every
// format writes the bytes of the report rendered in order.
func TestStreamOrder(t *testing.T) {
	for _, f := range Formats {
		if f.New == nil {
			continue // a folder of tables: TestParquetTables
		}
		for _, opt := range []Options{{}, {Weekly: true}, {OverviewOnly: true}, {Verbose: true}} {
			r := fixture()
			var want, got bytes.Buffer
			if err := Render(&want, f.Name, r, opt); err != nil {
				t.Fatal(err)
			}
			s, err := NewStream(&got, f.Name, Header{Tool: r.Tool, GeneratedAt: r.GeneratedAt, ConfigFile: r.ConfigFile,
				RuleConfig: r.RuleConfig, Athletes: len(r.Athletes), Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			for i := len(r.Athletes) - 1; i >= 0; i-- {
				if err := s.Add(i, r.Athletes[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s %+v: athletes in reverse order give other bytes", f.Name, opt)
			}
			if n := len(s.Team()); n != len(r.Athletes) {
				t.Errorf("%s: %d summaries, want %d", f.Name, n, len(r.Athletes))
			}
		}
	}
}

// TestStreamMisuse: an athlete given twice or out of range, or a report
// closed before its last athlete, is an error, not a wrong report.
func TestStreamMisuse(t *testing.T) {
	r := fixture()
	h := Header{Tool: r.Tool, GeneratedAt: r.GeneratedAt, Athletes: len(r.Athletes)}
	s, err := NewStream(&bytes.Buffer{}, "json", h)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(0, r.Athletes[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(0, r.Athletes[0]); err == nil {
		t.Error("athlete 0 given twice: no error")
	}
	s, _ = NewStream(&bytes.Buffer{}, "json", h)
	if err := s.Add(len(r.Athletes), r.Athletes[0]); err == nil {
		t.Error("athlete out of range: no error")
	}
	s, _ = NewStream(&bytes.Buffer{}, "json", h)
	_ = s.Add(1, r.Athletes[1])
	if err := s.Close(); err == nil {
		t.Error("closed with athlete 0 missing: no error")
	}
	if _, err := NewStream(&bytes.Buffer{}, "pdf", h); err == nil {
		t.Error("NewStream(pdf): no error")
	}
}

// TestSummary: a summary keeps what the overview reads and drops the runs
// and all but the last weeks, without changing the athlete.
func TestSummary(t *testing.T) {
	a := fixture().Athletes[0]
	runs, weeks, acts := len(a.Season.Runs), len(a.Season.Weeks), a.Activities()
	s := screen.Summary(a)
	if len(a.Season.Runs) != runs || len(a.Season.Weeks) != weeks {
		t.Fatal("Summary changed the athlete")
	}
	if s.Season.Runs != nil || len(s.Season.Weeks) != min(weeks, screen.SummaryWeeks) {
		t.Errorf("summary keeps %d runs and %d weeks, want 0 and %d", len(s.Season.Runs), len(s.Season.Weeks), min(weeks, screen.SummaryWeeks))
	}
	if s.Activities() != acts || s.Runs() != a.Runs() || s.OpenRisk() != a.OpenRisk() || s.OpenSince() != a.OpenSince() {
		t.Errorf("summary: %d activities, %d runs, risk %v since %s; want %d, %d, %v, %s",
			s.Activities(), s.Runs(), s.OpenRisk(), s.OpenSince(), acts, a.Runs(), a.OpenRisk(), a.OpenSince())
	}
	if screen.Summary(s) != s {
		t.Error("a summary's summary is a new copy")
	}
	if a.SessionSpikes = []rules.SpikeRun{{Source: "long.fit", DistanceKm: 30, LongestKm: 20, Pct: 50}}; screen.Summary(&[]screen.Athlete{*a}[0]).SessionSpikes != nil {
		t.Error("the summary keeps the per-run spike figures: they are the athlete's charts', and grew the team's memory with every athlete")
	}
	a.SessionSpikes = nil

	// A season longer than the sparkline: the summary keeps its last
	// weeks, and the overview's row and sparkline are the same.
	if screen.Summary(a) != s {
		t.Error("a second summary of the athlete is a new copy: the reports of a run would each hold one")
	}
	long := *a.Season
	for len(long.Weeks) < screen.SummaryWeeks+5 {
		w := long.Weeks[0]
		w.Monday -= 7
		long.Weeks = append([]analysis.Week{w}, long.Weeks...)
	}
	b := *a // a copy is summarised afresh
	a = &b
	a.Season = &long
	s = screen.Summary(a)
	if len(s.Season.Weeks) != screen.SummaryWeeks {
		t.Errorf("summary of %d weeks keeps %d, want %d", len(long.Weeks), len(s.Season.Weeks), screen.SummaryWeeks)
	}
	top := sparkTop([]*screen.Athlete{a})
	if !reflect.DeepEqual(teamSparkline(s, top), teamSparkline(a, top)) || !reflect.DeepEqual(teamRows([]*screen.Athlete{s}, time.Time{})[0].Open, teamRows([]*screen.Athlete{a}, time.Time{})[0].Open) {
		t.Error("the summary's sparkline or open patterns differ from the athlete's")
	}
	if got, want := teamCSVRow(s), teamCSVRow(a); !slices.Equal(got, want) {
		t.Errorf("team CSV row of the summary %q, of the athlete %q", got, want)
	}
}
