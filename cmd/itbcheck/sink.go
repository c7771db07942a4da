package main

import (
	"bytes"
	"fmt"
	"github.com/itbcheck/itbcheck/screen"
	"io"
	"os"
	"path/filepath"

	"github.com/itbcheck/itbcheck/report"
)

// An athleteSink takes each athlete of a run as soon as its analysis is
// done (in any order) and writes the run's reports, so that the run never
// holds more than the athletes being analysed and the team's summaries.
type athleteSink interface {
	add(i int, a *screen.Athlete) error
	// close ends the reports once every athlete was added, and says on
	// stderr what was written.
	close() error
	// abort removes what was begun: the run was interrupted.
	abort()
}

// header is the report header of job j over n athletes.
func (c *cli) header(j *job, n int, opt report.Options) report.Header {
	h := report.Header{Tool: screen.Tool{Name: "itbcheck", Version: version}, GeneratedAt: j.now,
		ConfigFile: j.cfg.File, RuleConfig: &j.cfg.Rules, Athletes: n, Options: opt, ConfigHash: j.cfg.Hash()}
	if j.earlier != nil {
		h.ComparedWith = j.earlier.GeneratedAt
	}
	return h
}

// renderError is a failure to render or write a report: a usage error of
// the run, on one line.
func renderError(format string, err error) error {
	if _, ok := err.(*exitError); ok {
		return err
	}
	return &exitError{code: exitUsage, msg: fmt.Sprintf("render %s: %s", format, oneLine(err))}
}

// reportSink writes one report to stdout or to the -o file: each athlete
// goes to the format's renderer as soon as it is done (report.Stream).
// The file is written beside its path and renamed into place at close;
// stdout is held until close while the progress bar is drawn on the same
// terminal.
type reportSink struct {
	c      *cli
	j      *job
	opt    report.Options
	stream *report.Stream // started at the first athlete
	file   *tempFile      // -o FILE
	held   *bytes.Buffer  // stdout while the progress bar is drawn
	// discard is set with -q when no report was asked for on stdout.
	discard bool
	// kept and keptStream are the JSON report kept beside a -o FILE of
	// another format for the next run to compare with (keptReport).
	kept       *tempFile
	keptStream *report.Stream
}

// newReportSink is the sink of job j's report.
func (c *cli) newReportSink(j *job) *reportSink {
	toStdout := j.flags.output == ""
	s := &reportSink{c: c, j: j, opt: c.renderOptions(j, toStdout)}
	s.opt.OverviewOnly = j.command == "batch" && !toStdout // batch -o team.html: the overview alone
	s.discard = toStdout && c.quiet && !j.stdoutAsked
	return s
}

// start makes the stream and what it writes to.
func (s *reportSink) start() error {
	var w io.Writer
	switch {
	case s.discard:
		w = io.Discard
	case s.j.flags.output == "" && s.c.showsProgress(s.j) && isTerminal(s.c.stdout):
		s.held = &bytes.Buffer{}
		w = s.held
	case s.j.flags.output == "":
		w = &stdoutWriter{c: s.c}
	default:
		removeStaleTemps(filepath.Dir(s.j.flags.output)) // left by a run killed mid-write
		f, err := newTempFile(s.j.flags.output)
		if err != nil {
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		s.file, w = f, f
		if path := keptReport(s.j); path != "" {
			if s.kept, err = newTempFile(path); err != nil {
				return &exitError{code: exitUsage, msg: oneLine(err)}
			}
			if s.keptStream, err = report.NewStream(s.kept, "json", s.c.header(s.j, len(s.j.athletes), report.Options{})); err != nil {
				return renderError("json", err)
			}
		}
	}
	stream, err := report.NewStream(w, s.j.format, s.c.header(s.j, len(s.j.athletes), s.opt))
	if err != nil {
		return renderError(s.j.format, err)
	}
	s.stream = stream
	return nil
}

func (s *reportSink) add(i int, a *screen.Athlete) error {
	if s.stream == nil {
		if err := s.start(); err != nil {
			return err
		}
	}
	if err := s.stream.Add(i, a); err != nil {
		return renderError(s.j.format, err)
	}
	if s.keptStream != nil {
		if err := s.keptStream.Add(i, a); err != nil {
			return renderError("json", err)
		}
	}
	return nil
}

func (s *reportSink) close() error {
	if s.stream == nil {
		if err := s.start(); err != nil {
			return err
		}
	}
	if err := s.stream.Close(); err != nil {
		s.abort()
		return renderError(s.j.format, err)
	}
	if s.held != nil {
		if _, err := s.c.stdout.Write(s.held.Bytes()); err != nil {
			return err
		}
	}
	if s.file == nil {
		return nil
	}
	if err := s.file.finish(); err != nil {
		s.abort()
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	files := []*tempFile{s.file}
	if s.keptStream != nil {
		err := s.keptStream.Close()
		if err == nil {
			err = s.kept.finish()
		}
		if err != nil {
			s.abort()
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		files = append(files, s.kept)
	}
	if err := renameAll(files); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	what := fmt.Sprintf("%s report", s.j.format)
	if n := len(s.j.athletes); s.opt.OverviewOnly && n > 1 {
		what = fmt.Sprintf("%s team overview of %d athletes", s.j.format, n)
	}
	s.c.notef("wrote %s (%s)", s.j.flags.output, what)
	return nil
}

func (s *reportSink) abort() {
	if s.file != nil {
		s.file.discard()
		s.file = nil
	}
	if s.kept != nil {
		s.kept.discard()
		s.kept = nil
	}
}

// stdoutWriter writes to the CLI's stdout and remembers that it did, so
// that an interrupted run does not claim that nothing was written.
type stdoutWriter struct{ c *cli }

func (w *stdoutWriter) Write(p []byte) (int, error) {
	w.c.wroteStdout = w.c.wroteStdout || len(p) > 0
	return w.c.stdout.Write(p)
}

// folderSink writes batch -o DIR: each athlete's own report
// (DIR/<athlete>.<ext>) as soon as that athlete is done, and the team
// summary (DIR/index.<ext>, or DIR/team.csv) streamed beside them. Every
// file is written beside its name and all are renamed into place only
// once all are on disk.
type folderSink struct {
	c     *cli
	j     *job
	dir   string
	opt   report.Options
	names []string // each athlete's file name, in the team's order
	index string   // the team summary's file name
	// made is set when the sink created dir, which abort then removes.
	made      bool
	started   bool
	indexFile *tempFile
	indexTeam *report.Stream
	// csvFile and csvTeam write DIR/team.csv beside an index of another
	// format: the team table is in every folder; nil for --format csv.
	csvFile *tempFile
	csvTeam *report.Stream
	pages   []*tempFile // the athletes' reports written so far
	// stateFile and state are DIR/itbcheck-report.json, the JSON report
	// the next run into DIR compares with.
	stateFile *tempFile
	state     *report.Stream
}

// teamCSV is the team table's file name in a batch folder.
const teamCSV = "team.csv"

// newFolderSink is the sink of batch -o DIR. It refuses a DIR that is a
// file before anything is analysed.
func (c *cli) newFolderSink(j *job) (*folderSink, error) {
	dir := j.flags.output
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("-o %s: batch writes a folder, and this is a file", dir)}
	}
	s := &folderSink{c: c, j: j, dir: dir, opt: c.renderOptions(j, false)}
	ext := report.FileExt(j.format)
	used := map[string]bool{}
	pages := map[string]string{}
	for _, a := range j.athletes {
		name := uniqueName(fileName(a.Name), ext, used)
		s.names = append(s.names, name)
		pages[a.Name] = name
	}
	s.index = "index." + ext
	if j.format == "csv" {
		s.index = teamCSV
	}
	s.opt.AthletePages = pages // the index links to each athlete's own page
	return s, nil
}

// start makes the folder and begins the team summary.
func (s *folderSink) start() error {
	s.started = true
	if _, err := os.Stat(s.dir); os.IsNotExist(err) {
		s.made = true
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("-o %s: %v", s.dir, unwrapPath(err))}
	}
	removeStaleTemps(s.dir) // left by a run killed mid-write
	f, err := newTempFile(filepath.Join(s.dir, s.index))
	if err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	s.indexFile = f
	opt := s.opt
	opt.OverviewOnly = true // the index links to the athletes' pages beside it, never embeds them
	stream, err := report.NewStream(f, s.j.format, s.c.header(s.j, len(s.j.athletes), opt))
	if err != nil {
		return renderError(s.j.format, err)
	}
	s.indexTeam = stream
	if s.j.format != "csv" {
		if s.csvFile, err = newTempFile(filepath.Join(s.dir, teamCSV)); err != nil {
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		if s.csvTeam, err = report.NewStream(s.csvFile, "csv", s.c.header(s.j, len(s.j.athletes), opt)); err != nil {
			return renderError("csv", err)
		}
	}
	path := filepath.Join(s.dir, stateName)
	if !isRegularOrAbsent(path) {
		s.c.warnf("%s is not a regular file: not replaced, and the next run has nothing to compare with", path)
		return nil
	}
	if s.stateFile, err = newTempFile(path); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	if s.state, err = report.NewStream(s.stateFile, "json", s.c.header(s.j, len(s.j.athletes), report.Options{})); err != nil {
		return renderError("json", err)
	}
	return nil
}

func (s *folderSink) add(i int, a *screen.Athlete) error {
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	f, err := newTempFile(filepath.Join(s.dir, s.names[i]))
	if err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	s.pages = append(s.pages, f)
	one, err := report.NewStream(f, s.j.format, s.c.header(s.j, 1, s.opt))
	if err == nil {
		err = one.Add(0, a)
	}
	if err == nil {
		err = one.Close()
	}
	if err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("render %s for %s: %s", s.j.format, s.names[i], oneLine(err))}
	}
	if err := f.finish(); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	if err := s.indexTeam.Add(i, a); err != nil {
		return renderError(s.j.format, err)
	}
	if s.csvTeam != nil {
		if err := s.csvTeam.Add(i, a); err != nil {
			return renderError("csv", err)
		}
	}
	if s.state != nil {
		if err := s.state.Add(i, a); err != nil {
			return renderError("json", err)
		}
	}
	return nil
}

func (s *folderSink) close() error {
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	if err := s.indexTeam.Close(); err != nil {
		s.abort()
		return renderError(s.j.format, err)
	}
	if err := s.indexFile.finish(); err != nil {
		s.abort()
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	files := append(s.pages, s.indexFile)
	if s.csvTeam != nil {
		if err := s.csvTeam.Close(); err != nil {
			s.abort()
			return renderError("csv", err)
		}
		if err := s.csvFile.finish(); err != nil {
			s.abort()
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		files = append(files, s.csvFile)
	}
	if s.state != nil {
		if err := s.state.Close(); err != nil {
			s.abort()
			return renderError("json", err)
		}
		if err := s.stateFile.finish(); err != nil {
			s.abort()
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		files = append(files, s.stateFile)
	}
	if err := renameAll(files); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	summary := s.index
	if s.csvTeam != nil {
		summary += ", " + teamCSV
	}
	s.c.notef("wrote %d files to %s (%s)", len(files), filepath.Clean(s.dir)+string(filepath.Separator), summary)
	return nil
}

func (s *folderSink) abort() {
	for _, f := range s.pages {
		f.discard()
	}
	if s.indexFile != nil {
		s.indexFile.discard()
	}
	if s.csvFile != nil {
		s.csvFile.discard()
	}
	if s.stateFile != nil {
		s.stateFile.discard()
	}
	s.pages, s.indexFile, s.csvFile, s.stateFile = nil, nil, nil, nil
	if s.made {
		os.Remove(s.dir) // only when empty: nothing of another's is removed
	}
}
