package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
)

// The limits every XML tokenizer of ingest reads TCX and GPX under,
// whichever tokenizer it is: nesting depth, the longest run of text, and
// the declared encodings it decodes. Entities are never expanded: a
// reference other than the five predefined ones (&amp; &lt; &gt; &apos;
// &quot;) and numeric ones is an error, so a billion-laughs DOCTYPE costs
// nothing. The hostile cases of badinput_test.go (laughs.*, deep.gpx,
// hugetext.gpx, latin1.gpx) hold any tokenizer to them.

// xmlLimits are the XML limits in force for one file.
type xmlLimits struct {
	maxDepth int   // deepest element nesting
	maxText  int64 // longest run of bytes between two '<'
	fileSize int64 // the file's size when known (Options.fileSize), to size the fast path's buffer
}

func (o Options) xmlLimits() xmlLimits {
	l := o.limits()
	return xmlLimits{maxDepth: l.MaxXMLDepth, maxText: l.MaxXMLTextBytes, fileSize: o.fileSize}
}

// xmlGuard passes an XML stream through and fails it when a run of bytes
// without '<' (a text node, a tag with its attributes, a comment) grows
// past the limit: a tokenizer holds such a run whole (encoding/xml held a
// 1 GB <name> at four times its size), so it is refused while streaming,
// before it is held.
type xmlGuard struct {
	r   io.Reader
	max int64
	run int64 // bytes since the last '<'
	err error
}

func guardXML(r io.Reader, lim xmlLimits) *xmlGuard { return &xmlGuard{r: r, max: lim.maxText} }

func (g *xmlGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for b := p[:n]; ; {
		i := bytes.IndexByte(b, '<')
		if i < 0 || g.run+int64(i) > g.max {
			g.run += int64(len(b))
			break
		}
		g.run = 0
		b = b[i+1:]
	}
	if g.run > g.max {
		g.err = fmt.Errorf("%w: XML holds more than %d bytes without markup (a text node, tag or comment; limits.max_xml_text_kb)", ErrTooLarge, g.max)
		return 0, g.err
	}
	return n, err
}

// xmlCharset decodes the encoding an XML declaration names into UTF-8:
// UTF-8 and US-ASCII pass through; ISO-8859-1 (Latin-1), Windows-1252 and
// the other single-byte charsets of golang.org/x/text are decoded. Latin-1
// is read as Windows-1252, its superset, as browsers do: files that
// declare Latin-1 are written by Windows programs with its curly quotes.
func xmlCharset(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819", "iso_8859-1":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil || !singleByte(enc) {
		return nil, fmt.Errorf("declared encoding %q is not read (UTF-8, ISO-8859-1, Windows-1252 and other single-byte charsets are)", label)
	}
	return enc.NewDecoder().Reader(in), nil
}

// singleByte reports whether enc is one of the single-byte charsets
// (charmap), the only non-UTF-8 encodings an XML export may stream in
// without a byte order mark that the sniffing would have seen.
func singleByte(enc encoding.Encoding) bool {
	_, ok := enc.(*charmap.Charmap)
	return ok
}

// xmlEncodingHint says what to do about text that is not UTF-8.
func xmlEncodingHint(msg string) string {
	if strings.Contains(msg, "invalid UTF-8") {
		return msg + " (the file declares no encoding, or UTF-8; a Latin-1 or Windows-1252 file must say so in its <?xml ... encoding=\"...\"?> line)"
	}
	return msg
}

// cutNote says why a track read in part stops where it does: at the
// samples limit, or where the file breaks off.
func cutNote(err error, samples int) string {
	if errors.Is(err, ErrTooLarge) {
		return fmt.Sprintf("read up to a limit (%s): the first %d samples kept, the rest of the file not read", strings.TrimPrefix(err.Error(), ErrTooLarge.Error()+": "), samples)
	}
	return "file ends early: samples up to the break kept"
}
