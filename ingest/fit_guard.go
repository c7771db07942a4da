package ingest

import (
	"bytes"
	"fmt"
	"io"

	"github.com/muktihari/fit/profile/typedef"
)

// The limits of FIT decoding that hold per file, beyond the records per
// activity: sessions (each becomes an activity), messages of any kind (a
// file of 1-byte messages is 2 GiB of work), and data that is mostly zero
// bytes (a sparse or wiped file).

// fitGuard counts what one FIT file costs across its sequences and stops
// the decoder at the first limit passed.
type fitGuard struct {
	maxSessions int
	maxMessages int
	maxLaps     int
	sessions    int
	messages    int
	laps        int
	cancel      func() // stops the decoder; set by the path that decodes
	err         error  // the limit passed, nil while within them

	fileType    typedef.File // file_id.type of the last sequence
	hasFileType bool
}

// fitMessagesPerRecord bounds the messages of a file to a multiple of its
// records limit: a real activity has a few dozen messages besides one
// record a second (events, laps, HRV, device info).
const fitMessagesPerRecord = 4

func newFITGuard(lim Limits) *fitGuard {
	return &fitGuard{
		maxSessions: lim.MaxSessions,
		maxLaps:     lim.MaxLaps,
		maxMessages: fitMessagesPerRecord*lim.MaxRecords + 100_000,
		cancel:      func() {},
	}
}

// stop records the first limit passed and cancels the decoding.
func (g *fitGuard) stop(err error) {
	if g.err == nil {
		g.err = err
		g.cancel()
	}
}

// message counts one decoded message; false once over the limit.
func (g *fitGuard) message() bool {
	if g == nil {
		return true
	}
	if g.messages++; g.messages > g.maxMessages {
		g.stop(fmt.Errorf("%w: more than %d messages in one FIT file (limits.max_records × %d)", ErrTooLarge, g.maxMessages, fitMessagesPerRecord))
	}
	return g.err == nil
}

// session counts one session message; false once over the limit.
func (g *fitGuard) session() bool {
	if g == nil {
		return true
	}
	if g.sessions++; g.sessions > g.maxSessions {
		g.stop(fmt.Errorf("%w: more than %d sessions in one FIT file (limits.max_sessions)", ErrTooLarge, g.maxSessions))
	}
	return g.err == nil
}

// lap counts one lap message; false once over the limit.
func (g *fitGuard) lap() bool {
	if g == nil {
		return true
	}
	if g.laps++; g.laps > g.maxLaps {
		g.stop(fmt.Errorf("%w: more than %d laps in one FIT file (limits.max_laps)", ErrTooLarge, g.maxLaps))
	}
	return g.err == nil
}

// fitFileKinds names the FIT file types that hold no activity, as a
// runner would say them.
var fitFileKinds = map[typedef.File]string{
	typedef.FileDevice:          "device description",
	typedef.FileSettings:        "settings",
	typedef.FileSport:           "sport settings",
	typedef.FileWorkout:         "workout",
	typedef.FileCourse:          "course",
	typedef.FileSchedules:       "schedules",
	typedef.FileWeight:          "weight",
	typedef.FileTotals:          "totals",
	typedef.FileGoals:           "goals",
	typedef.FileBloodPressure:   "blood pressure",
	typedef.FileMonitoringA:     "monitoring",
	typedef.FileActivitySummary: "activity summary",
	typedef.FileMonitoringDaily: "monitoring",
	typedef.FileMonitoringB:     "monitoring",
	typedef.FileSegment:         "segment",
	typedef.FileSegmentList:     "segment list",
}

// noActivity says what a FIT file that yielded no activity holds, e.g. "a
// monitoring file (FIT file type monitoring_b), no activity": it counts as
// unread, not as a file with nothing to say.
func (g *fitGuard) noActivity() error {
	switch kind, ok := fitFileKinds[g.fileType]; {
	case !g.hasFileType:
		return fmt.Errorf("%w: FIT file without a file_id or any session or record, no activity", ErrEmpty)
	case ok:
		return fmt.Errorf("%w: a %s file (FIT file type %s), no activity", ErrEmpty, kind, g.fileType)
	case g.fileType == typedef.FileActivity:
		return fmt.Errorf("%w: an activity file with no session and no record, no activity", ErrEmpty)
	default:
		return fmt.Errorf("%w: a FIT file of type %s, no activity", ErrEmpty, g.fileType)
	}
}

// Zero-byte check: a window of FIT data this large that is almost all
// zero bytes is not activity data (records carry timestamps, and absent
// values are 0xFF, not 0).
const (
	zeroWindow  = 4 << 20
	zeroPercent = 98
)

// zeroGuard passes a FIT stream through and fails it at the first window
// of zeroWindow bytes of which zeroPercent or more are zero, so that a
// sparse 2 GiB file of 1-byte messages is refused after 4 MiB, not after
// minutes of decoding.
type zeroGuard struct {
	r      io.Reader
	window int // bytes of the current window seen
	zeros  int // zero bytes among them
	err    error
}

func (z *zeroGuard) Read(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	n, err := z.r.Read(p)
	for b := p[:n]; len(b) > 0; {
		k := min(len(b), zeroWindow-z.window)
		z.zeros += bytes.Count(b[:k], []byte{0})
		z.window += k
		b = b[k:]
		if z.window < zeroWindow {
			break
		}
		if z.zeros*100 >= zeroWindow*zeroPercent {
			z.err = fmt.Errorf("%w: FIT data is mostly zero bytes (%d of %d in a row): a sparse or wiped file, not activity data", ErrCorrupt, z.zeros, zeroWindow)
			return n, z.err
		}
		z.window, z.zeros = 0, 0
	}
	return n, err
}
