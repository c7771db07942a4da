package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/itbcheck/itbcheck/screen"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/internal/expect"
	"github.com/itbcheck/itbcheck/rules"
)

// TestProgress draws the bar at several terminal widths and checks that
// no line is wider than the terminal (a wider one wraps, and the carriage
// return then leaves stale lines behind), that nothing starts a new line,
// and that the bar is erased at the end.
func TestProgress(t *testing.T) {
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")
	for _, width := range []int{30, 50, 80, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var buf bytes.Buffer
			p := newProgress(&buf, width)
			const total = 560
			for _, done := range []int{1, 140, 280, 559} {
				p.update(done, total, int64(done)<<20)
				time.Sleep(110 * time.Millisecond) // past the redraw throttle
			}
			p.clear()
			out := buf.String()
			if strings.Contains(out, "\n") {
				t.Errorf("the bar wrote a newline: %q", out)
			}
			drawn := 0
			for _, seg := range strings.Split(ansi.ReplaceAllString(out, "\r"), "\r") {
				if n := utf8.RuneCountInString(seg); n > width {
					t.Errorf("line of %d columns on a %d-column terminal: %q", n, width, seg)
				}
				if strings.Contains(seg, "itbcheck") {
					drawn++
				}
			}
			if drawn < 3 {
				t.Errorf("drew %d times, want the bar at each update: %q", drawn, out)
			}
			if !strings.HasSuffix(out, "\x1b[2K\r") {
				t.Errorf("the bar is not erased at the end: %q", out[max(0, len(out)-40):])
			}
			if width >= 72 && !strings.Contains(out, "/560") {
				t.Errorf("no count of files on a wide terminal: %q", out)
			}
		})
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
		return rules.Finding{Rule: rules.ByID("load-spike"), Severity: s, Date: mustDay("2026-05-11")}
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
		{name: "info never fails, even with --fail-on low", findings: []rules.Finding{finding(rules.Info)}, failOn: rules.Low, want: exitOK},
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
			a := &screen.Athlete{Name: "a", Findings: tt.findings}
			if tt.failed {
				a.InputsFailed = []screen.FailedInput{{Path: "x.fit", Err: errors.New("empty")}}
			}
			var stderr bytes.Buffer
			c := &cli{ctx: context.Background(), stderr: &stderr}
			got := c.checkExit(&job{failOn: tt.failOn}, &screen.Report{Athletes: []*screen.Athlete{a}}, tt.exp, tt.given)
			if got != tt.want {
				t.Errorf("exit = %d, want %d (stderr %q)", got, tt.want, stderr.String())
			}
		})
	}
}

// mustDay reads a YYYY-MM-DD day (zero for ""), panicking on a malformed
// literal.
func mustDay(s string) analysis.Day {
	if s == "" {
		return 0
	}
	d, err := analysis.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}
