package report

import (
	"fmt"
	"io"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// Header is what a renderer knows before the first athlete: the run's
// tool and time, the config in force, the options, and how many athletes
// the report will hold (one: an athlete's report; more: a team's).
type Header struct {
	Tool        screen.Tool
	GeneratedAt time.Time
	// ConfigFile is the config file in force, "" when none was read.
	ConfigFile string
	// RuleConfig is the rule settings in force for the whole report (nil
	// for the defaults).
	RuleConfig *rules.Config
	Athletes   int
	Options    Options
	// ConfigHash identifies the whole config in force (the research
	// tables' config_hash column); "" to hash the rule settings alone.
	ConfigHash string
	// ComparedWith is the generated_at of the earlier report the run
	// compares with (each athlete's Changes); zero when none.
	ComparedWith time.Time
}

// overviewOnly reports whether the report is the team overview alone.
func (h Header) overviewOnly() bool { return h.Options.OverviewOnly && h.Athletes > 1 }

// report is the Report of the header over athletes (full athletes or
// their summaries), for the parts of a renderer that read one.
func (h Header) report(athletes []*screen.Athlete) *screen.Report {
	return &screen.Report{Tool: h.Tool, GeneratedAt: h.GeneratedAt, Athletes: athletes,
		ConfigFile: h.ConfigFile, RuleConfig: h.RuleConfig}
}

// A Renderer writes one report in one format as the run goes, so that no
// more than one athlete's season need be held at once: Begin once, then
// Athlete for each athlete in the report's order as soon as its analysis
// is done, then End with every athlete's Summary in the same order (the
// team overview and the totals come from those). A renderer writes what
// it can at each step and keeps only what it rendered or the summaries;
// it must not keep an Athlete past the call.
type Renderer interface {
	Begin(h Header) error
	Athlete(a *screen.Athlete) error
	End(team []*screen.Athlete) error
}

// Stream feeds one report to its format's renderer as athletes finish, in
// any order: an athlete that finishes before one listed earlier waits
// until that one is rendered, so the output is that of the whole report.
type Stream struct {
	renderer Renderer
	head     Header
	next     int                     // the index of the next athlete to render
	waiting  map[int]*screen.Athlete // finished before an athlete listed earlier
	team     []*screen.Athlete       // the summaries of the athletes rendered
	err      error                   // the first error: later calls return it
}

// NewStream starts a report of h.Athletes athletes in format on w.
func NewStream(w io.Writer, format string, h Header) (*Stream, error) {
	r, err := newRenderer(w, format)
	if err != nil {
		return nil, err
	}
	s := &Stream{renderer: r, head: h, waiting: map[int]*screen.Athlete{}}
	if err := r.Begin(h); err != nil {
		return nil, fmt.Errorf("render %s: %w", format, err)
	}
	return s, nil
}

// NewFilesStream starts a report of h.Athletes athletes in a format that
// writes a folder of tables (Format.Files), with one writer per file in
// the format's order.
func NewFilesStream(files []io.Writer, format string, h Header) (*Stream, error) {
	f, ok := LookupFormat(format)
	if !ok || f.NewFiles == nil {
		return nil, fmt.Errorf("render %s: not a format of tables", format)
	}
	if len(files) != len(f.Files) {
		return nil, fmt.Errorf("render %s: %d writers for %d files", format, len(files), len(f.Files))
	}
	r := f.NewFiles(files)
	if err := r.Begin(h); err != nil {
		return nil, fmt.Errorf("render %s: %w", format, err)
	}
	return &Stream{renderer: r, head: h, waiting: map[int]*screen.Athlete{}}, nil
}

// Add gives the stream athlete i (counting from 0 in the report's order).
// The athlete is rendered now when every athlete before it has been, else
// when they have; the stream keeps only its Summary after that.
func (s *Stream) Add(i int, a *screen.Athlete) error {
	if s.err != nil {
		return s.err
	}
	if i < s.next || i >= s.head.Athletes || s.waiting[i] != nil {
		s.err = fmt.Errorf("render: athlete %d of %d given twice or out of range", i+1, s.head.Athletes)
		return s.err
	}
	s.waiting[i] = a
	for s.waiting[s.next] != nil {
		a := s.waiting[s.next]
		delete(s.waiting, s.next)
		s.next++
		if err := s.renderer.Athlete(a); err != nil {
			s.err = err
			return err
		}
		s.team = append(s.team, screen.Summary(a))
	}
	return nil
}

// Close ends the report once every athlete was added: the renderer writes
// the team overview, the totals and whatever it kept.
func (s *Stream) Close() error {
	if s.err != nil {
		return s.err
	}
	if s.next != s.head.Athletes {
		s.err = fmt.Errorf("render: %d of %d athletes given", s.next, s.head.Athletes)
		return s.err
	}
	s.err = s.renderer.End(s.team)
	return s.err
}

// Team is the summaries of the athletes rendered so far, in the report's
// order.
func (s *Stream) Team() []*screen.Athlete { return s.team }
