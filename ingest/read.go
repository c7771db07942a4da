package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// emitFunc receives each activity a decoder reads.
type emitFunc func(*Activity)

// Read decodes the file at path (any supported format, gzip or zip) and
// calls fn for each activity, in file order, as soon as it is read, so a
// caller need not hold a whole bulk export in memory. It returns the
// problems met; one bad archive member does not stop the others.
func Read(ctx context.Context, path string, opt Options, fn func(*Activity)) []Problem {
	f, err := os.Open(path) // read-only: inputs are never modified
	if err != nil {
		return []Problem{{Path: path, Err: err}}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return []Problem{{Path: path, Err: err}}
	}
	if st.IsDir() {
		return []Problem{{Path: path, Err: fmt.Errorf("is a directory")}}
	}
	lim := opt.limits()
	if st.Size() > lim.MaxFileBytes && !isZipFile(f) {
		return []Problem{{Path: path, Err: fmt.Errorf("%w: file is %d bytes, limit %d", ErrTooLarge, st.Size(), lim.MaxFileBytes)}}
	}
	if st.Size() == 0 {
		return []Problem{{Path: path, Err: fmt.Errorf("%w: zero-length file", ErrEmpty)}}
	}
	return readStream(ctx, f, st.Size(), path, opt, 0, fn)
}

// readStream sniffs r and hands it to the decoder for its format. name is
// the path shown in problems and activities; size is the compressed size
// when known (-1 otherwise); depth counts enclosing archives.
func readStream(ctx context.Context, r io.Reader, size int64, name string, opt Options, depth int, fn func(*Activity)) (probs []Problem) {
	defer func() {
		if v := recover(); v != nil {
			probs = append(probs, Problem{Path: name, Err: fmt.Errorf("%w: decoder failed on malformed input (%v)", ErrCorrupt, v)})
		}
	}()
	br := sniffReaders.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); sniffReaders.Put(br) }()
	head, _ := br.Peek(512)
	kind := sniff(head, name)
	count := 0
	emit := func(a *Activity) {
		if a.Source == "" {
			a.Source = name
		}
		count++
		fn(a)
	}
	var err error
	switch kind {
	case "gzip":
		return readGzip(ctx, br, size, name, opt, depth, fn)
	case "zip":
		if ra, ok := r.(io.ReaderAt); ok && size > 0 {
			return readZip(ctx, readerAt{ra, br}, size, name, opt, depth, fn)
		}
		return readZip(ctx, br, size, name, opt, depth, fn)
	case "fit":
		err = decodeFIT(br, name, opt, emit)
	case "tcx":
		err = decodeTCX(br, name, opt, emit)
	case "gpx":
		err = decodeGPX(br, name, opt, emit)
	case "csv":
		err = decodeCSV(br, name, opt, emit)
	default:
		err = fmt.Errorf("%w: not a FIT, CSV, TCX, GPX, gzip or zip file", ErrUnsupported)
	}
	if err != nil {
		return []Problem{{Path: name, Err: err, Partial: count > 0}}
	}
	return nil
}

// sniffReaders recycles readStream's 64 KB buffers: one per file adds up
// over a club's archive.
var sniffReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// sniff names the format of a stream from its first bytes, falling back on
// the file name's extension for text formats.
func sniff(head []byte, name string) string {
	lower := strings.ToLower(name)
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return "gzip"
	case len(head) >= 4 && bytes.Equal(head[:4], []byte("PK\x03\x04")):
		return "zip"
	case len(head) >= 12 && (head[0] == 12 || head[0] == 14) && bytes.Equal(head[8:12], []byte(".FIT")):
		return "fit"
	}
	text := bytes.ToLower(head)
	switch {
	case bytes.Contains(text, []byte("<trainingcenterdatabase")):
		return "tcx"
	case bytes.Contains(text, []byte("<gpx")):
		return "gpx"
	}
	switch filepath.Ext(strings.TrimSuffix(lower, ".gz")) {
	case ".fit":
		return "fit" // let the FIT decoder say what is wrong with it
	case ".tcx":
		return "tcx"
	case ".gpx":
		return "gpx"
	case ".csv":
		return "csv"
	}
	return ""
}

// IsSupportedName reports whether a file name has an extension itbcheck
// reads; folder walks skip (and count) the others.
func IsSupportedName(name string) bool {
	l := strings.ToLower(name)
	for _, ext := range []string{".fit", ".fit.gz", ".csv", ".csv.gz", ".tcx", ".tcx.gz", ".gpx", ".gpx.gz", ".zip"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

// readerAt hands a zip decoder the random access of the open file, while
// Read goes through the sniffing buffer.
type readerAt struct {
	io.ReaderAt
	io.Reader
}

// isZipFile reports whether f starts like a zip archive. Zips are read in
// place member by member (each within the decompression limits), so a bulk
// export with years of photos may exceed MaxFileBytes.
func isZipFile(f *os.File) bool {
	head := make([]byte, 4)
	n, _ := f.ReadAt(head, 0)
	return n == 4 && bytes.Equal(head, []byte("PK\x03\x04"))
}
