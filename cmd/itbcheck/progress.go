package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws "files done/total, rate, ETA" on one terminal line,
// redrawn at most ten times a second and cleared at the end.
type progress struct {
	w       io.Writer
	start   time.Time
	last    time.Time
	width   int // of the last line drawn, to clear it
	clock   func() time.Time
	minStep time.Duration
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, clock: time.Now, start: time.Now(), minStep: 100 * time.Millisecond}
}

// update is the pipeline's Progress callback.
func (p *progress) update(done, total int, bytes int64) {
	t := p.clock()
	if done < total && t.Sub(p.last) < p.minStep {
		return
	}
	p.last = t
	el := t.Sub(p.start).Seconds()
	line := fmt.Sprintf("itbcheck: %d/%d files", done, total)
	if el > 0 {
		rate := float64(done) / el
		line += fmt.Sprintf(", %.1f files/s, %.1f MB/s", rate, float64(bytes)/el/(1<<20))
		if rate > 0 && done < total {
			eta := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
			line += fmt.Sprintf(", ETA %s", eta)
		}
	}
	pad := ""
	if n := p.width - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.width = len(line)
}

// clear erases the progress line.
func (p *progress) clear() {
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}
