package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/screen"
)

// newSink is the sink of job j's output: the research tables (--format
// parquet -o DIR), batch's folder of reports (-o DIR), or one report.
func (c *cli) newSink(j *job) (athleteSink, error) {
	switch {
	case report.WritesFolder(j.format):
		return c.newTablesSink(j)
	case j.out.Folder:
		return c.newFolderSink(j)
	}
	return c.newReportSink(j), nil
}

// tablesSink writes a format of tables (parquet) into -o DIR: each table
// (report.TableFiles) is written beside its name as the athletes come and
// all are renamed into place together at close, so that DIR holds either
// the earlier run's tables or this run's, never a mix.
type tablesSink struct {
	c      *cli
	j      *job
	dir    string
	made   bool // the sink created dir, which abort then removes
	files  []*tempFile
	stream *report.Stream
}

// newTablesSink refuses a DIR that is a file before anything is analysed.
func (c *cli) newTablesSink(j *job) (*tablesSink, error) {
	dir := j.flags.output
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("-o %s: --format %s writes a folder of tables, and this is a file", dir, j.format)}
	}
	return &tablesSink{c: c, j: j, dir: dir}, nil
}

// start makes the folder and the tables' files.
func (s *tablesSink) start() error {
	if _, err := os.Stat(s.dir); os.IsNotExist(err) {
		s.made = true
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("-o %s: %v", s.dir, unwrapPath(err))}
	}
	removeStaleTemps(s.dir) // left by a run killed mid-write
	f, _ := report.LookupFormat(s.j.format)
	var ws []io.Writer
	for _, name := range f.Files {
		t, err := newTempFile(filepath.Join(s.dir, name))
		if err != nil {
			s.abort()
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		s.files = append(s.files, t)
		ws = append(ws, t)
	}
	stream, err := report.NewFilesStream(ws, s.j.format, s.c.header(s.j, len(s.j.athletes), report.Options{}))
	if err != nil {
		s.abort()
		return renderError(s.j.format, err)
	}
	s.stream = stream
	return nil
}

func (s *tablesSink) add(i int, a *screen.Athlete) error {
	if s.stream == nil {
		if err := s.start(); err != nil {
			return err
		}
	}
	if err := s.stream.Add(i, a); err != nil {
		return renderError(s.j.format, err)
	}
	return nil
}

func (s *tablesSink) close() error {
	if s.stream == nil {
		if err := s.start(); err != nil {
			return err
		}
	}
	if err := s.stream.Close(); err != nil {
		s.abort()
		return renderError(s.j.format, err)
	}
	for _, f := range s.files {
		if err := f.finish(); err != nil {
			s.abort()
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
	}
	if err := renameAll(s.files); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	s.c.notef("wrote %d tables to %s (%s, %d athletes)", len(s.files), filepath.Clean(s.dir)+string(filepath.Separator),
		report.TablesSchema, len(s.j.athletes))
	return nil
}

func (s *tablesSink) abort() {
	for _, f := range s.files {
		f.discard()
	}
	s.files = nil
	if s.made {
		os.Remove(s.dir) // only when empty: nothing of another's is removed
	}
}
