package ingest

import (
	"errors"
	"fmt"
	"time"
)

// Error classes. Problems wrap one of these where it applies, so callers can
// tell an unsupported file from a damaged one with errors.Is.
var (
	// ErrUnsupported marks a file whose type itbcheck does not read.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrTruncated marks a file that ends before its declared size.
	ErrTruncated = errors.New("truncated")
	// ErrCorrupt marks a file whose content is damaged (bad CRC, bad header).
	ErrCorrupt = errors.New("corrupt")
	// ErrEmpty marks a zero-length file or one with no activity in it.
	ErrEmpty = errors.New("empty")
	// ErrTooLarge marks an input beyond a configured limit.
	ErrTooLarge = errors.New("too large")
	// ErrNothingReadable marks an athlete whose inputs held no activity at
	// all (no activity files, or none with an activity in it).
	ErrNothingReadable = errors.New("nothing readable")
)

// Problem is an input that could not be read, fully or in part.
type Problem struct {
	Path string // file path, or "archive.zip!/member"
	Err  error  // the reason; wraps an Err* class where one applies
	// Partial is true when activities were still read from the input
	// (e.g. the complete records before a truncation).
	Partial bool
}

// Error gives "path: reason" on one line.
func (p Problem) Error() string { return fmt.Sprintf("%s: %v", p.Path, p.Err) }

// Unwrap returns the reason.
func (p Problem) Unwrap() error { return p.Err }

// Limits bound the resources one input may use. Zero fields take the
// defaults of DefaultLimits.
type Limits struct {
	MaxFileBytes         int64 // largest input file read
	MaxDecompressedBytes int64 // largest gzip stream or zip member after decompression
	MaxRatio             int64 // largest decompressed:compressed ratio
	MaxArchiveEntries    int   // most members of one zip
	MaxNestingDepth      int   // zips inside zips
	MaxRecords           int   // most samples per activity
	// MaxArchiveBytes bounds the bytes decompressed from one archive, all
	// its members (nested ones included) together: the work a zip may cost,
	// however its members are counted.
	MaxArchiveBytes int64
	// MaxZipDirectoryBytes bounds a zip's central directory, checked
	// before it is parsed (parsing holds all of it).
	MaxZipDirectoryBytes int64
	MaxSessions          int   // most FIT sessions (activities) in one FIT file
	MaxSummaryRows       int   // most activity rows in one summary CSV
	MaxXMLTextBytes      int64 // longest run of XML between two '<': text, a tag, a comment
	MaxXMLDepth          int   // deepest element nesting of a TCX or GPX file
	// MaxLaps bounds the laps of one FIT file: each is kept until its
	// activity is built (2 million laps once cost 400 MiB).
	MaxLaps int
	// MaxBufferedZipBytes bounds a zip that must be held in memory to be
	// read: deflated inside a zip, or inside a gzip stream (a zip needs
	// its end first). A stored zip in a zip is read in place.
	MaxBufferedZipBytes int64
}

// DefaultLimits are generous for real exports and small enough to stop
// decompression bombs and absurd headers: each LimitTable row's Default.
var DefaultLimits = func() Limits {
	var l Limits
	for _, k := range LimitTable {
		k.set(&l, k.Default)
	}
	return l
}()

// Options tune reading.
type Options struct {
	Limits Limits
	// SummaryOnly lets decoders skip per-sample data they would otherwise
	// keep (inspect needs samples; a summary-only consumer does not).
	SummaryOnly bool
	// Location is the athlete's timezone, for files that write local time
	// without a zone (Garmin Connect's Activities.csv, some sample CSVs).
	// Nil keeps the written wall-clock time as the local time with offset
	// zero (see Activity.LocalWallClock).
	Location *time.Location
	// Workers, when not nil, is the run's pool of decoding slots: a zip's
	// members are decoded in parallel on the slots that are free (the
	// caller holds one for the zip itself). Nil reads members one by one.
	Workers *Workers

	// archive is the budget of the outermost archive being read, shared by
	// its members and nested archives; nil outside an archive.
	archive *archiveBudget
	// fileSize is the size of the file being decoded when it is read
	// directly (0 otherwise): the XML fast path reads it whole into a
	// buffer of that size instead of growing one.
	fileSize int64
}

func (o Options) limits() Limits {
	l := o.Limits
	for _, k := range LimitTable {
		if k.Get(l) <= 0 {
			k.set(&l, k.Default)
		}
	}
	return l
}
