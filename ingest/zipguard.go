package ingest

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync/atomic"
)

// The guards of zip reading that hold per archive, not per member: a
// hostile zip can list one member 20 000 times, or carry a central
// directory of 80 MB, and each member on its own stays within the limits.

// archiveBudget is what one outermost archive may still cost: bytes
// decompressed from all its members together, nested archives included.
type archiveBudget struct {
	name  string // the outermost archive
	left  atomic.Int64
	limit int64
}

// spend takes n decompressed bytes from the budget and reports the error
// once it is exhausted. Members decoded in parallel spend at once.
func (b *archiveBudget) spend(n int64) error {
	if b == nil {
		return nil
	}
	if b.left.Add(-n) < 0 {
		return fmt.Errorf("%w: the archive decompresses to more than %d bytes in all (limits.max_archive_mb); the rest is not read", ErrTooLarge, b.limit)
	}
	return nil
}

// withArchive gives the options for reading the members of the archive
// called name: the budget of the outermost archive, started here when
// this is it.
func withArchive(opt Options, name string) Options {
	if opt.archive == nil {
		lim := opt.limits()
		opt.archive = &archiveBudget{name: name, limit: lim.MaxArchiveBytes}
		opt.archive.left.Store(lim.MaxArchiveBytes)
	}
	return opt
}

// zipDirectory is what the end of a zip says of its central directory.
type zipDirectory struct {
	entries uint64
	bytes   uint64
}

// Signatures of the zip end records (APPNOTE 4.3.14 to 4.3.16).
const (
	sigEndOfDirectory   = 0x06054b50
	sigZip64End         = 0x06064b50
	sigZip64EndLocator  = 0x07064b50
	endOfDirectoryLen   = 22
	zip64EndLocatorLen  = 20
	maxZipCommentLength = 0xffff
)

// readZipDirectory reads the size and entry count of a zip's central
// directory from its end records, without parsing the directory: enough
// to refuse one too large to hold before archive/zip reads all of it.
// ok is false when no end record is found (archive/zip then says what is
// wrong).
func readZipDirectory(r io.ReaderAt, size int64) (d zipDirectory, ok bool) {
	n := int64(endOfDirectoryLen + maxZipCommentLength)
	if n > size {
		n = size
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-n); err != nil && !errors.Is(err, io.EOF) {
		return d, false
	}
	at := -1
	for i := len(buf) - endOfDirectoryLen; i >= 0; i-- {
		if binary.LittleEndian.Uint32(buf[i:]) == sigEndOfDirectory {
			at = i
			break
		}
	}
	if at < 0 {
		return d, false
	}
	end := buf[at:]
	d.entries = uint64(binary.LittleEndian.Uint16(end[10:]))
	d.bytes = uint64(binary.LittleEndian.Uint32(end[12:]))
	if d.entries != 0xffff && d.bytes != 0xffffffff {
		return d, true
	}
	// Zip64: the locator just before the end record points at the zip64
	// end record, which holds the real figures.
	loc := size - n + int64(at) - zip64EndLocatorLen
	if loc < 0 {
		return d, true
	}
	lb := make([]byte, zip64EndLocatorLen)
	if _, err := r.ReadAt(lb, loc); err != nil || binary.LittleEndian.Uint32(lb) != sigZip64EndLocator {
		return d, true
	}
	off := int64(binary.LittleEndian.Uint64(lb[8:]))
	eb := make([]byte, 56)
	if off < 0 || off > size-56 {
		return d, true
	}
	if _, err := r.ReadAt(eb, off); err != nil || binary.LittleEndian.Uint32(eb) != sigZip64End {
		return d, true
	}
	d.entries = binary.LittleEndian.Uint64(eb[32:])
	d.bytes = binary.LittleEndian.Uint64(eb[40:])
	return d, true
}

// checkZipDirectory refuses a zip whose directory is too large to parse
// or lists more members than allowed, before archive/zip holds it.
func checkZipDirectory(r io.ReaderAt, size int64, lim Limits) error {
	d, ok := readZipDirectory(r, size)
	if !ok {
		return nil
	}
	if d.bytes > uint64(lim.MaxZipDirectoryBytes) {
		return fmt.Errorf("%w: zip directory is %d bytes, limit %d (limits.max_zip_directory_mb)", ErrTooLarge, d.bytes, lim.MaxZipDirectoryBytes)
	}
	if d.entries > uint64(lim.MaxArchiveEntries) {
		return fmt.Errorf("%w: zip has %d members, limit %d", ErrTooLarge, d.entries, lim.MaxArchiveEntries)
	}
	return nil
}

// checkOverlap refuses a zip whose directory entries share member data:
// a real archive stores each member once, a forged one lists one
// compressed member thousands of times (or overlaps them) so that reading
// it costs thousands of times its size. Only the members to be read are
// looked at.
func checkOverlap(files []*zip.File) error {
	type span struct {
		from, to int64
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			continue // the member's own read reports it
		}
		spans = append(spans, span{off, off + int64(f.CompressedSize64)})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	shared := 0
	for i := 1; i < len(spans); i++ {
		if spans[i].from < spans[i-1].to || spans[i].from == spans[i-1].from {
			shared++
		}
	}
	if shared > 0 {
		return fmt.Errorf("%w: %d zip directory entries point into the data of another member (a forged archive, a zip bomb); not read", ErrCorrupt, shared)
	}
	return nil
}

// encrypted reports whether a member is stored encrypted (general purpose
// flag bit 0): itbcheck has no password to read it with.
func encrypted(f *zip.File) bool { return f.Flags&0x1 != 0 }
