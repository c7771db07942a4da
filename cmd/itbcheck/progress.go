package main

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws a bar of files read on stderr (only when it is a
// terminal), with github.com/schollz/progressbar/v3: on a terminal the
// library fits the bar to the width at every redraw, so a narrower window
// never leaves wrapped, stale lines; the line is cleared with the ANSI
// erase-line sequence, which also works when the window shrank.
type progress struct {
	bar *progressbar.ProgressBar
}

// progressLayout gives the bar's width and which figures fit in width
// columns: the figures stay short enough that the line fits even when
// the library cannot measure the terminal.
func progressLayout(width int) (bar int, opts []progressbar.Option) {
	if width <= 0 {
		width = 80
	}
	switch {
	case width >= 72: // itbcheck  45% |█████      | (252/560, 120 files/s) [2s:2s]
		return min(40, width-56), []progressbar.Option{progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetPredictTime(true)}
	case width >= 48: // itbcheck  45% |████  | (252/560) [2s:2s]
		return width - 42, []progressbar.Option{progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true)}
	default: // itbcheck  45% |███  |
		return max(1, width-20), []progressbar.Option{progressbar.OptionSetPredictTime(false), progressbar.OptionSetElapsedTime(false)}
	}
}

// newProgress makes the bar for a terminal of width columns (0: unknown).
func newProgress(w io.Writer, width int) *progress {
	barWidth, opts := progressLayout(width)
	opts = append(opts,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("itbcheck"),
		progressbar.OptionSetWidth(barWidth),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(false),
	)
	return &progress{bar: progressbar.NewOptions(-1, opts...)}
}

// update is the pipeline's Progress callback: files done of total.
func (p *progress) update(done, total int, _ int64) {
	if p.bar.GetMax() != total {
		p.bar.ChangeMax(total)
	}
	_ = p.bar.Set(done)
}

// clear erases the bar.
func (p *progress) clear() {
	_ = p.bar.Clear()
	_ = p.bar.Exit()
}
