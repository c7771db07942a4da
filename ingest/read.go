package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// emitFunc receives each activity a decoder reads.
type emitFunc func(*Activity)

// A Reader decodes the activities of one input stream: a file of any
// supported format, gzip-compressed or not, or a zip archive of them. Like
// csv.NewReader and zip.NewReader it reads from an io.Reader; Read is a
// thin wrapper that opens a path and hands it to a Reader, and tests and
// fuzzers call it directly on bytes.
type Reader struct {
	r     io.Reader
	name  string // the path shown in problems and set as Activity.Source
	size  int64  // bytes of r when known (compressed size), else -1
	opt   Options
	depth int // enclosing archives or compressed streams
}

// NewReader returns a Reader of r, called name in problems and activities
// (a path, or "archive.zip!/member"). The format is sniffed from the content
// and, for text formats, from name's extension. When r also has a size
// (bytes.Reader, strings.Reader, io.SectionReader, os.File), empty and
// oversized inputs are refused before decoding, and a zip is read in place
// when r is an io.ReaderAt.
func NewReader(r io.Reader, name string, opt Options) *Reader {
	return &Reader{r: r, name: name, size: sizeOf(r), opt: opt}
}

// sizeOf gives the byte size of r when r can tell it, else -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Size() int64 }:
		return v.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return -1
}

// Each calls fn for each activity, in stream order, as soon as it is read,
// so a caller need not hold a whole bulk export in memory. It returns the
// problems met; one bad archive member does not stop the others.
func (rd *Reader) Each(ctx context.Context, fn func(*Activity)) (probs []Problem) {
	defer func() {
		if v := recover(); v != nil {
			probs = append(probs, Problem{Path: rd.name, Err: fmt.Errorf("%w: decoder failed on malformed input (%v)", ErrCorrupt, v)})
		}
	}()
	if rd.depth == 0 && rd.size == 0 {
		return []Problem{{Path: rd.name, Err: fmt.Errorf("%w: zero-length file", ErrEmpty)}}
	}
	br := sniffReaders.Get().(*bufio.Reader)
	br.Reset(rd.r)
	defer func() { br.Reset(nil); sniffReaders.Put(br) }()
	head, _ := br.Peek(512)
	f := sniff(head, rd.name)
	lim := rd.opt.limits()
	// Zips are read in place member by member (each within the
	// decompression limits), so a bulk export with years of photos may
	// exceed MaxFileBytes.
	// An Apple Health export.xml is streamed too.
	if rd.depth == 0 && rd.size > lim.MaxFileBytes && (f == nil || (f.kind != "zip" && f.kind != "apple-health")) {
		return []Problem{{Path: rd.name, Err: fmt.Errorf("%w: file is %d bytes, limit %d", ErrTooLarge, rd.size, lim.MaxFileBytes)}}
	}
	if f == nil {
		return []Problem{{Path: rd.name, Err: fmt.Errorf("%w: not a %s file", ErrUnsupported, formatList())}}
	}
	if f.unpack != nil {
		return f.unpack(ctx, rd, br, fn)
	}
	count := 0
	emit := func(a *Activity) {
		if a.Source == "" {
			a.Source = rd.name
		}
		count++
		fn(a)
	}
	opt := rd.opt
	if rd.depth == 0 {
		opt.fileSize = rd.size
	}
	if err := f.decode(br, rd.name, opt, emit); err != nil {
		return []Problem{{Path: rd.name, Err: err, Partial: count > 0}}
	}
	return nil
}

// Read decodes the file at path (any supported format, gzip or zip) and
// calls fn for each activity, as Reader.Each does.
func Read(ctx context.Context, path string, opt Options, fn func(*Activity)) []Problem {
	if path == "-" {
		return []Problem{{Path: path, Err: fmt.Errorf("%w: standard input is not read (pipes are not read): give the file's path", ErrUnsupported)}}
	}
	f, err := openInput(path) // read-only: inputs are never modified
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
	if !st.Mode().IsRegular() {
		// A pipe (/dev/stdin, a FIFO) or a device could block or never end.
		return []Problem{{Path: path, Err: fmt.Errorf("%w: %s", ErrUnsupported, notRegular(st.Mode()))}}
	}
	rd := NewReader(&cancellableFile{ctx: ctx, f: f}, path, opt)
	rd.size = st.Size()
	return rd.Each(ctx, fn)
}

// readStream decodes r as an inner stream (a decompressed gzip stream, a
// zip member) at depth enclosing archives. size is the compressed size when
// known (-1 otherwise).
func readStream(ctx context.Context, r io.Reader, size int64, name string, opt Options, depth int, fn func(*Activity)) []Problem {
	return (&Reader{r: r, name: name, size: size, opt: opt, depth: depth}).Each(ctx, fn)
}

// sniffReaders recycles the 64 KB sniffing buffers: one per file adds up
// over a club's archive.
var sniffReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// format is one row of the format table: how a format is recognised and
// which decoder reads it. A new format is one row here and one decoder file.
type format struct {
	kind string // "fit", "gzip", ...
	// exts are the lower-case file name endings read as this format when the
	// content does not say (walks skip names matching no row).
	exts []string
	// magic recognises the format from the first bytes of the stream (head,
	// and lower, the same bytes in lower case); nil: by extension only.
	magic func(head, lower []byte) bool
	// decode reads a file format; unpack opens a container (gzip, zip)
	// whose content is read again through the table.
	decode func(r io.Reader, name string, opt Options, emit emitFunc) error
	unpack func(ctx context.Context, rd *Reader, br *bufio.Reader, fn func(*Activity)) []Problem
}

// formats is the format table, in sniffing order: binary signatures first,
// then text markers, then extensions. It is filled by init because the
// containers' rows read their content through the table again.
var formats []format

func init() {
	formats = []format{
		{kind: "gzip",
			magic: func(h, _ []byte) bool { return len(h) >= 2 && h[0] == 0x1f && h[1] == 0x8b },
			unpack: func(ctx context.Context, rd *Reader, br *bufio.Reader, fn func(*Activity)) []Problem {
				return readGzip(ctx, br, rd.size, rd.name, rd.opt, rd.depth, fn)
			}},
		{kind: "zip", exts: []string{".zip"},
			magic:  func(h, _ []byte) bool { return bytes.HasPrefix(h, []byte("PK\x03\x04")) },
			unpack: unpackZip},
		{kind: "fit", exts: []string{".fit", ".fit.gz"},
			// the extension lets the FIT decoder say what is wrong with a damaged one
			magic: func(h, _ []byte) bool {
				return len(h) >= 12 && (h[0] == 12 || h[0] == 14) && bytes.Equal(h[8:12], []byte(".FIT"))
			},
			decode: decodeFIT},
		// Apple Health's export.xml: its DOCTYPE comes first, its root
		// element after a DTD of several kilobytes.
		{kind: "apple-health", exts: []string{"export.xml", "export.xml.gz"},
			magic: func(_, l []byte) bool {
				return bytes.Contains(l, []byte("<!doctype healthdata")) || bytes.Contains(l, []byte("<healthdata"))
			},
			unpack: unpackAppleHealth},
		{kind: "tcx", exts: []string{".tcx", ".tcx.gz"},
			magic:  func(_, l []byte) bool { return bytes.Contains(l, []byte("<trainingcenterdatabase")) },
			decode: decodeTCX},
		{kind: "gpx", exts: []string{".gpx", ".gpx.gz"},
			magic:  func(_, l []byte) bool { return bytes.Contains(l, []byte("<gpx")) },
			decode: decodeGPX},
		// Suunto: .sml (<sml>), and Moveslink's .xml logs (a <header>
		// with <PeriodicInterval> or <LogItemCount>, then <samples>),
		// named log-*.xml.
		{kind: "suunto", exts: []string{".sml", ".sml.gz"},
			magic: func(_, l []byte) bool {
				return bytes.Contains(l, []byte("<sml")) ||
					(bytes.Contains(l, []byte("<header>")) && (bytes.Contains(l, []byte("<periodicinterval>")) || bytes.Contains(l, []byte("<duration>"))))
			},
			decode: decodeSuunto},
		{kind: "csv", exts: []string{".csv", ".csv.gz"}, decode: decodeCSV},
	}
}

// unpackZip reads a zip in place when the stream has random access.
func unpackZip(ctx context.Context, rd *Reader, br *bufio.Reader, fn func(*Activity)) []Problem {
	if ra, ok := rd.r.(io.ReaderAt); ok && rd.size > 0 {
		return readZip(ctx, readerAt{ra, br}, rd.size, rd.name, rd.opt, rd.depth, fn)
	}
	size := rd.size
	if b, ok := rd.r.(*boundedReader); ok && b.declared > 0 {
		size = b.declared // a zip member's declared size: the buffer's exact size
	}
	return readZip(ctx, br, size, rd.name, rd.opt, rd.depth, fn)
}

// sniff finds the format of a stream from its first bytes, falling back on
// the name's extension; nil when no row matches.
func sniff(head []byte, name string) *format {
	lower := bytes.ToLower(head)
	for i := range formats {
		if f := &formats[i]; f.magic != nil && f.magic(head, lower) {
			return f
		}
	}
	return formatByName(name)
}

// formatByName gives the row whose extension ends name, nil when none does.
func formatByName(name string) *format {
	l := strings.ToLower(name)
	if base := path.Base(strings.ReplaceAll(l, "\\", "/")); strings.HasPrefix(base, "log-") && (strings.HasSuffix(base, ".xml") || strings.HasSuffix(base, ".xml.gz")) {
		name = strings.TrimSuffix(strings.TrimSuffix(l, ".gz"), ".xml") + ".sml" // a Moveslink log
		l = name
	}
	for i := range formats {
		for _, ext := range formats[i].exts {
			if strings.HasSuffix(l, ext) {
				return &formats[i]
			}
		}
	}
	return nil
}

// formatList names the formats of the table: "FIT, TCX, GPX, CSV, gzip or zip".
func formatList() string {
	var names []string
	for _, f := range formats {
		n := f.kind
		switch {
		case f.kind == "apple-health":
			n = "Apple Health export.xml"
		case f.decode != nil:
			n = strings.ToUpper(n)
		}
		names = append(names, n)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// IsSupportedName reports whether a file name has an extension itbcheck
// reads; folder walks skip (and count) the others.
func IsSupportedName(name string) bool { return formatByName(name) != nil }

// readerAt hands a zip decoder the random access of the open file, while
// Read goes through the sniffing buffer.
type readerAt struct {
	io.ReaderAt
	io.Reader
}
