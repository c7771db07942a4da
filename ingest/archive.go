package ingest

import (
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/itbcheck/itbcheck/safetext"
)

// ratioFloor is the output size below which the decompression ratio is not
// checked: small, very repetitive files legitimately compress far.
const ratioFloor = 1 << 20

// boundedReader stops a decompression stream at the configured limits. It
// remembers the limit it hit so the caller can report that, whatever the
// decoder made of the short read.
type boundedReader struct {
	r          io.Reader
	maxBytes   int64
	maxRatio   int64
	compressed func() int64   // compressed bytes consumed so far (or declared)
	budget     *archiveBudget // of the enclosing archive; nil outside one
	declared   int64          // the size a zip member declares (archive/zip holds it to it); 0 when unknown
	n          int64
	err        error
	srcErr     error // what went wrong decompressing, in plain words
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	switch c := b.compressed(); {
	case b.n > b.maxBytes:
		b.err = fmt.Errorf("%w: decompresses to more than %s (limits.max_decompressed_mb)", ErrTooLarge, sizeText(b.maxBytes))
	case b.n > ratioFloor && c > 0 && b.n > b.maxRatio*c:
		b.err = fmt.Errorf("%w: decompresses to more than %d times its compressed size (%d bytes from %d; limits.max_ratio)", ErrTooLarge, b.maxRatio, b.n, c)
	}
	if b.err == nil {
		b.err = b.budget.spend(int64(n))
	}
	if b.err != nil {
		return n, b.err
	}
	if err != nil && !errors.Is(err, io.EOF) && b.srcErr == nil {
		b.srcErr = decompressError(err)
	}
	return n, err
}

// decompressError says in plain words what a gzip or zip stream error
// means.
func decompressError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: compressed data ends early (file cut short)", ErrTruncated)
	case errors.Is(err, zip.ErrFormat):
		return fmt.Errorf("%w: member data does not match the sizes in the zip directory (damaged or forged archive)", ErrCorrupt)
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("%w: checksum mismatch in compressed data (damaged file)", ErrCorrupt)
	case errors.Is(err, gzip.ErrHeader), errors.As(err, &corrupt):
		return fmt.Errorf("%w: compressed data is damaged", ErrCorrupt)
	}
	return fmt.Errorf("%w: reading compressed data: %s", ErrCorrupt, oneLine(err))
}

// sizeText gives a limit in the unit of its config key: "256 MB" for
// whole mebibytes, else bytes.
func sizeText(n int64) string {
	if n > 0 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readBounded decodes the decompressed stream src as the stream called name
// and reports a limit it hit instead of what the decoder made of the cut.
func readBounded(ctx context.Context, src *boundedReader, name string, opt Options, depth int, fn func(*Activity)) []Problem {
	count := 0
	probs := readStream(ctx, src, -1, name, opt, depth, func(a *Activity) { count++; fn(a) })
	if src.err != nil {
		return []Problem{{Path: name, Err: src.err, Partial: count > 0}}
	}
	if len(probs) > 0 && src.srcErr != nil {
		// The decoder's view of a cut or damaged stream ("XML ends early")
		// hides the cause.
		return []Problem{{Path: name, Err: src.srcErr, Partial: count > 0}}
	}
	return probs
}

// readGzip decompresses a gzip stream (.fit.gz, .tcx.gz, .gpx.gz, .csv.gz)
// and decodes what it holds, within the decompression limits.
func readGzip(ctx context.Context, r io.Reader, size int64, name string, opt Options, depth int, fn func(*Activity)) []Problem {
	lim := opt.limits()
	if depth >= lim.MaxNestingDepth {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: compressed more than %d levels deep", ErrTooLarge, lim.MaxNestingDepth)}}
	}
	in := &countingReader{r: r}
	zr, err := gzip.NewReader(in)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return []Problem{{Path: name, Err: fmt.Errorf("%w: gzip file ends inside its header", ErrTruncated)}}
		}
		return []Problem{{Path: name, Err: fmt.Errorf("%w: bad gzip header (not a gzip file, or damaged)", ErrCorrupt)}}
	}
	defer zr.Close()
	src := &boundedReader{r: zr, maxBytes: lim.MaxDecompressedBytes, maxRatio: lim.MaxRatio, compressed: func() int64 { return in.n }, budget: opt.archive}
	return readBounded(ctx, src, name, opt, depth+1, fn)
}

// readZip reads a zip archive in place (a Strava or Garmin bulk export):
// every member with a supported name is decoded, nested zips included, and
// one bad member becomes a Problem while the others are still read. r must
// be an io.ReaderAt of size bytes (the open file) or is buffered in memory
// within MaxDecompressedBytes (a zip inside a zip).
//
// A Strava export's activities.csv is joined with the activity files it
// names: each activity is emitted once, with samples from its file and
// title, gear and sport from its row; rows without a readable file are
// emitted as summary activities after the files.
func readZip(ctx context.Context, r io.Reader, size int64, name string, opt Options, depth int, fn func(*Activity)) []Problem {
	lim := opt.limits()
	if depth >= lim.MaxNestingDepth {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: archives nested more than %d levels deep", ErrTooLarge, lim.MaxNestingDepth)}}
	}
	ra, ok := r.(io.ReaderAt)
	if !ok || size <= 0 {
		// A deflated zip inside a zip, or a zip inside a gzip: held in
		// memory in chunks of 1 MiB, never more than it holds (a doubling
		// buffer once made a 1.5 MB gzip of a zip cost 531 MiB), and at
		// most MaxBufferedZipBytes.
		// The smaller of the two limits bites, and the message names it.
		most, key := lim.MaxBufferedZipBytes, "limits.max_buffered_zip_mb"
		if lim.MaxDecompressedBytes < most {
			most, key = lim.MaxDecompressedBytes, "limits.max_decompressed_mb"
		}
		buf, err := readChunks(r, most)
		if err != nil {
			return []Problem{{Path: name, Err: fmt.Errorf("reading zip: %w", err)}}
		}
		if buf.size > most {
			return []Problem{{Path: name, Err: fmt.Errorf("%w: a zip inside a gzip or deflated inside a zip is held in memory to be read: more than %d MiB (%s)", ErrTooLarge, most>>20, key)}}
		}
		ra, size = buf, buf.size
	}
	if err := checkZipDirectory(ra, size, lim); err != nil {
		return []Problem{{Path: name, Err: err}}
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && zr == nil {
		if errors.Is(err, zip.ErrFormat) {
			return []Problem{{Path: name, Err: fmt.Errorf("%w: not a readable zip archive (directory missing or damaged; truncated download?)", ErrCorrupt)}}
		}
		return []Problem{{Path: name, Err: fmt.Errorf("%w: zip directory unreadable: %s", ErrCorrupt, oneLine(err))}}
	}
	if len(zr.File) > lim.MaxArchiveEntries {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: zip has %d members, limit %d", ErrTooLarge, len(zr.File), lim.MaxArchiveEntries)}}
	}
	// An Apple Health export: export.xml is read with the routes of its
	// workout-routes folder, which are not read again as activities.
	var appleDirs []string
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() && isAppleExport(f.Name) {
			appleDirs = append(appleDirs, path.Dir(strings.ReplaceAll(f.Name, "\\", "/")))
		}
	}
	isRoute := func(n string) bool {
		for _, d := range appleDirs {
			if isAppleRoute(n, d) {
				return true
			}
		}
		return false
	}
	var wanted []*zip.File
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() && IsSupportedName(f.Name) && !ResourceFork(f.Name) {
			wanted = append(wanted, f)
		}
	}
	if err := checkOverlap(wanted); err != nil {
		return []Problem{{Path: name, Err: err}}
	}
	opt = withArchive(opt, name)
	var probs []Problem
	j := &stravaJoin{byFile: map[string]*stravaRow{}}
	index := -1
	for i, f := range zr.File {
		if strings.EqualFold(path.Base(f.Name), "activities.csv") && !strings.Contains(strings.Trim(path.Dir(f.Name), "./"), "/") {
			index = i
			probs = append(probs, readMember(ctx, f, ra, name, opt, depth, j.addRow)...)
			break
		}
	}
	var members []*zip.File
	for i, f := range zr.File {
		if i != index && !f.FileInfo().IsDir() && IsSupportedName(f.Name) && !isRoute(f.Name) && !ResourceFork(f.Name) {
			members = append(members, f)
		}
	}
	// An Apple Health export's activities are handed on as they are; the
	// others are joined with a Strava export's activities.csv.
	var appleMu sync.Mutex
	apple := map[*Activity]bool{}
	read := func(f *zip.File, fn func(*Activity)) []Problem {
		if isAppleExport(f.Name) {
			return readAppleZip(ctx, f, zr, name, opt, func(a *Activity) {
				appleMu.Lock()
				apple[a] = true
				appleMu.Unlock()
				fn(a)
			})
		}
		return readMember(ctx, f, ra, name, opt, depth, fn)
	}
	handOn := func(a *Activity) {
		appleMu.Lock()
		isApple := apple[a]
		delete(apple, a)
		appleMu.Unlock()
		if isApple {
			fn(a)
			return
		}
		fn(j.join(a))
	}
	// Once the archive's budget is spent (the member's problem says so),
	// no later member is begun.
	spent := func() bool { return opt.archive.left.Load() < 0 }
	probs = append(probs, readMembers(ctx, members, opt, read, handOn, spent)...)
	if err := ctx.Err(); err != nil {
		return append(probs, Problem{Path: name, Err: err, Partial: true})
	}
	if len(probs) > maxArchiveProblems {
		rest := len(probs) - maxArchiveProblems + 1
		last := probs[maxArchiveProblems-1]
		probs = append(probs[:maxArchiveProblems-1], Problem{Path: last.Path, Partial: last.Partial,
			Err: fmt.Errorf("%w (and %d more unreadable members after this one)", last.Err, rest-1)})
	}
	for _, row := range j.rows {
		if !row.used {
			if row.a.SourceFile != "" && j.failed(row.a.SourceFile, probs) {
				row.a.Notes = append(row.a.Notes, "activity file could not be read: figures from activities.csv only")
			}
			fn(row.a)
		}
	}
	return probs
}

// ResourceFork reports whether a path names macOS metadata rather than a
// file: AppleDouble "._name" companions (a Finder copy to a FAT drive, a
// zip made by macOS's Archive Utility) and anything under "__MACOSX/". They
// carry the original's name and extension but hold no activity, so they
// are skipped, never read as corrupt files.
func ResourceFork(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	if strings.HasPrefix(path.Base(p), "._") {
		return true
	}
	for _, part := range strings.Split(p, "/") {
		if part == "__MACOSX" {
			return true
		}
	}
	return false
}

// chunks is data held in memory as chunks of chunkSize bytes: it grows by
// one chunk at a time, never by doubling.
type chunks struct {
	parts [][]byte
	size  int64
}

const chunkSize = 1 << 20

// readChunks reads r to its end, or to one byte past most.
func readChunks(r io.Reader, most int64) (*chunks, error) {
	c := &chunks{}
	for c.size <= most {
		part := make([]byte, chunkSize)
		n, err := io.ReadFull(r, part)
		if n > 0 {
			c.parts = append(c.parts, part[:n])
			c.size += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return c, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// ReadAt reads from the chunks as from one slice.
func (c *chunks) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	n := 0
	for n < len(p) {
		at := off + int64(n)
		if at >= c.size {
			return n, io.EOF
		}
		part := c.parts[at/chunkSize]
		n += copy(p[n:], part[at%chunkSize:])
	}
	return n, nil
}

// maxArchiveProblems bounds the problems listed for one archive; the rest
// are counted in the last one.
const maxArchiveProblems = 20

// readMember decodes one zip member of the archive outer within the limits.
func readMember(ctx context.Context, f *zip.File, outer io.ReaderAt, archive string, opt Options, depth int, fn func(*Activity)) []Problem {
	lim := opt.limits()
	name := archive + "!/" + displayName(f.Name)
	if !safeMemberName(f.Name) {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: unsafe member name (absolute or with ..)", ErrCorrupt)}}
	}
	if f.UncompressedSize64 > uint64(lim.MaxDecompressedBytes) {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: member declares %d bytes, more than %s (limits.max_decompressed_mb); not read", ErrTooLarge, f.UncompressedSize64, sizeText(lim.MaxDecompressedBytes))}}
	}
	if encrypted(f) {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: member is encrypted (a password-protected zip); not read", ErrUnsupported)}}
	}
	if f.Method == zip.Store && strings.HasSuffix(strings.ToLower(f.Name), ".zip") && outer != nil {
		// A stored zip inside a zip is read in place, like the outer one:
		// nothing is held in memory.
		if off, err := f.DataOffset(); err == nil {
			sr := io.NewSectionReader(outer, off, int64(f.CompressedSize64))
			return readStream(ctx, sr, sr.Size(), name, opt, depth+1, fn)
		}
	}
	rc, err := f.Open()
	if errors.Is(err, zip.ErrAlgorithm) {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: zip compression method %d", ErrUnsupported, f.Method)}}
	}
	if err != nil {
		return []Problem{{Path: name, Err: fmt.Errorf("%w: zip member unreadable: %s", ErrCorrupt, oneLine(err))}}
	}
	defer rc.Close()
	compressed := int64(f.CompressedSize64)
	src := &boundedReader{r: rc, maxBytes: lim.MaxDecompressedBytes, maxRatio: lim.MaxRatio, compressed: func() int64 { return compressed },
		budget: opt.archive, declared: int64(f.UncompressedSize64)}
	return readBounded(ctx, src, name, opt, depth+1, fn)
}

// safeMemberName rejects absolute member names and names that climb out of
// the archive ("../"): they mark a hostile or broken archive.
func safeMemberName(n string) bool {
	n = strings.ReplaceAll(n, "\\", "/")
	if strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') {
		return false
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}

// displayName makes a member name safe to print: control characters,
// bidi overrides and invalid UTF-8 are escaped (safetext).
func displayName(n string) string { return safetext.Escape(n) }

// stravaRow is one row of a Strava export's activities.csv.
type stravaRow struct {
	a    *Activity
	used bool
}

// stravaJoin matches the activity files of an export with the rows of its
// activities.csv: by the row's Filename, else by start within 2 minutes.
type stravaJoin struct {
	rows   []*stravaRow
	byFile map[string]*stravaRow
}

// joinWindow is how far apart a row's start and a file's start may be.
const joinWindow = 2 * time.Minute

func fileKey(p string) string { return strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/"))) }

func (j *stravaJoin) addRow(a *Activity) {
	row := &stravaRow{a: a}
	j.rows = append(j.rows, row)
	if a.SourceFile != "" {
		j.byFile[fileKey(a.SourceFile)] = row
	}
}

// join completes a from its row, when one matches, and marks the row used.
func (j *stravaJoin) join(a *Activity) *Activity {
	if len(j.rows) == 0 {
		return a
	}
	member := a.Source
	if i := strings.LastIndex(member, "!/"); i >= 0 {
		member = member[i+2:]
	}
	row := j.byFile[fileKey(member)]
	if row != nil && row.used {
		row = nil
	}
	if row == nil && !a.Start.IsZero() {
		best := joinWindow + 1
		for _, r := range j.rows {
			if r.used || r.a.Start.IsZero() || (r.a.LocalWallClock && !a.HasLocalOffset) {
				continue
			}
			d := r.a.Start.Sub(a.Start)
			if r.a.LocalWallClock { // compare wall clocks: the row had no zone
				d = r.a.Start.Add(r.a.LocalOffset).Sub(a.Start.Add(a.LocalOffset))
			}
			if d < 0 {
				d = -d
			}
			if d <= joinWindow && d < best {
				row, best = r, d
			}
		}
	}
	if row == nil {
		return a
	}
	row.used = true
	ra := row.a
	if ra.Title != "" {
		a.Title = ra.Title
	}
	a.Gear = ra.Gear
	if ra.Sport != SportUnknown {
		a.Sport, a.RawSport = ra.Sport, ra.RawSport
	}
	a.SourceFile = ra.SourceFile
	fillMissing(&a.Summary, ra.Summary)
	a.Notes = append(a.Notes, "title, sport and gear from activities.csv")
	return a
}

// failed reports whether a problem was reported for the member file.
func (j *stravaJoin) failed(file string, probs []Problem) bool {
	for _, p := range probs {
		if fileKey(p.Path) == fileKey(file) {
			return true
		}
	}
	return false
}

// fillMissing copies into s the figures of from that s lacks.
func fillMissing(s *Summary, from Summary) {
	pairs := []struct{ dst, src *float64 }{
		{&s.DurationS, &from.DurationS}, {&s.ElapsedS, &from.ElapsedS}, {&s.DistanceM, &from.DistanceM},
		{&s.AvgSpeedMS, &from.AvgSpeedMS}, {&s.AvgCadenceSPM, &from.AvgCadenceSPM},
		{&s.AvgHeartRateBPM, &from.AvgHeartRateBPM}, {&s.MaxHeartRateBPM, &from.MaxHeartRateBPM},
		{&s.AvgPowerW, &from.AvgPowerW}, {&s.AscentM, &from.AscentM}, {&s.DescentM, &from.DescentM},
	}
	for _, p := range pairs {
		if math.IsNaN(*p.dst) {
			*p.dst = *p.src
		}
	}
}
