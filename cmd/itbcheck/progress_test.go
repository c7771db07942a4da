package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/internal/expect"
	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/rules"
)

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	now := time.Date(2026, 6, 22, 10, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, start: now, clock: func() time.Time { return now }, minStep: 100 * time.Millisecond}
	steps := []struct {
		after time.Duration
		done  int
		want  string // "" when nothing is drawn
	}{
		{time.Second, 1, "\ritbcheck: 1/4 files, 1.0 files/s, 1.0 MB/s, ETA 3s"},
		{10 * time.Millisecond, 2, ""}, // too soon to redraw
		{time.Second, 3, "\ritbcheck: 3/4 files, 1.5 files/s, 1.5 MB/s, ETA 1s"},
		{time.Millisecond, 4, "\ritbcheck: 4/4 files, 2.0 files/s, 2.0 MB/s"}, // the last is always drawn
	}
	for _, s := range steps {
		buf.Reset()
		now = now.Add(s.after)
		p.update(s.done, 4, int64(s.done)<<20)
		got := strings.TrimRight(buf.String(), " ")
		if got != s.want {
			t.Errorf("after %d files: drew %q, want %q", s.done, got, s.want)
		}
	}
	buf.Reset()
	p.clear()
	if got := buf.String(); strings.Trim(got, "\r ") != "" || !strings.HasPrefix(got, "\r") {
		t.Errorf("clear drew %q, want blanks between carriage returns", got)
	}
}

func TestInterruptedWritesNothing(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"analyze", "--format", "json", "-o", filepath.Join(out, "r.json"), in},
		{"batch", "--format", "json", "-o", out, dir},
	} {
		var stdout, stderr bytes.Buffer
		code := run(ctx, args, strings.NewReader(""), &stdout, &stderr)
		if code != exitInterrupted || stdout.Len() != 0 || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 130, nothing, a note", args, code, stdout.String(), stderr.String())
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output folder exists after an interrupted run (%v)", err)
	}
}

func TestCheckExit(t *testing.T) {
	finding := func(s rules.Severity) rules.Finding {
		return rules.Finding{Rule: "load-spike", Severity: s, Date: "2026-05-11"}
	}
	met, err := expect.Parse("met.yaml", []byte("athletes:\n  a: {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	unmet, err := expect.Parse("unmet.yaml", []byte("athletes:\n  a: {max: none}\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		findings []rules.Finding
		failed   bool
		failOn   rules.Severity
		exp      *expect.Expectations
		given    bool
		want     int
	}{
		{name: "nothing", failOn: rules.High, want: exitOK},
		{name: "below fail-on", findings: []rules.Finding{finding(rules.Medium)}, failOn: rules.High, want: exitOK},
		{name: "at fail-on", findings: []rules.Finding{finding(rules.Medium)}, failOn: rules.Medium, want: exitFindings},
		{name: "unreadable, no finding", failed: true, failOn: rules.High, want: exitInputs},
		{name: "finding wins over unreadable", findings: []rules.Finding{finding(rules.High)}, failed: true, failOn: rules.High, want: exitFindings},
		{name: "expectations met decide", findings: []rules.Finding{finding(rules.High)}, failOn: rules.High, exp: met, want: exitOK},
		{name: "expectations met, fail-on given", findings: []rules.Finding{finding(rules.High)}, failOn: rules.High, exp: met, given: true, want: exitFindings},
		{name: "expectations unmet", findings: []rules.Finding{finding(rules.Low)}, failOn: rules.High, exp: unmet, want: exitFindings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &report.Athlete{Name: "a", Findings: tt.findings}
			if tt.failed {
				a.InputsFailed = []report.FailedInput{{Path: "x.fit", Error: "empty"}}
			}
			var stderr bytes.Buffer
			c := &cli{ctx: context.Background(), stderr: &stderr}
			got := c.checkExit(&job{failOn: tt.failOn}, &report.Report{Athletes: []*report.Athlete{a}}, tt.exp, tt.given)
			if got != tt.want {
				t.Errorf("exit = %d, want %d (stderr %q)", got, tt.want, stderr.String())
			}
		})
	}
}
