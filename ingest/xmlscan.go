package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// The XML fast path.
//
// encoding/xml tokenizes at about 40 to 50 MB/s: it reads byte by byte
// through an interface, copies every name, attribute and text into new
// strings, and keeps a namespace stack. A one-hour TCX file (about 2.4 MB
// as Garmin Connect writes it, 14 elements a second) cost about 200 times
// the CPU of the same run as FIT.
//
// scanXML reads a whole document held in memory with bytes.IndexByte from
// tag to tag and calls the same xmlVisitor as walkXML, with the same
// element paths (local names, interned) and the same texts, so the TCX and
// GPX readers are unchanged and cannot drift apart. Texts and attribute
// values point into the document, which is recycled: a visitor copies
// (strings.Clone) what it keeps. It accepts only a
// plain subset of XML, one that encoding/xml reads without error and
// without translation: ASCII names, quoted attribute values, no entity or
// character references, no comments, CDATA, DOCTYPE or processing
// instructions but the XML declaration, valid UTF-8 characters in XML's
// range, element texts in one piece. Anything else, and anything
// malformed or cut short, makes it give up with errXMLFallback before the
// visitor saw a difference, and the document is read again by walkXML,
// which gives the errors and notes it always gave. (A visitor's own errors,
// such as too many samples, are returned as they are: the elements before
// them were the same.) TestXMLFastPathSameResult and FuzzXMLFastPath check
// that both ways give the same activities.

// errXMLFallback says the fast path met something outside its subset.
var errXMLFallback = errors.New("XML outside the fast path's subset")

// maxFastXMLBytes bounds the documents read whole for the fast path (about
// 7 hours of one-second TCX); longer ones stream through walkXML.
const maxFastXMLBytes = 16 << 20

// maxFastXMLText is the longest run between two '<' the fast path takes
// (a text, a tag), or the limit in force when lower; longer ones go to
// walkXML, whose xmlGuard bounds them.
const maxFastXMLText = 4096

// xmlScanner holds the fast path's working memory, recycled between files.
type xmlScanner struct {
	buf      []byte
	path     []string
	stack    []scanElement
	attrs    []xml.Attr
	intern   map[string]string
	recent   [64]string // recently interned names (see local)
	maxDepth int
}

// scanElement is an open element: its name as written, for matching the
// end tag, and its first text run.
type scanElement struct {
	raw   []byte
	text  []byte
	texts int // text runs seen directly inside it
}

var xmlScanners = sync.Pool{New: func() any { return &xmlScanner{intern: map[string]string{}} }}

// readXMLFast runs decode over r with the fast path when r holds at most
// maxFastXMLBytes: decode is called with walkFast and an emit that holds the
// activities back; when the document turns out to be outside the fast
// path's subset, the activities held back are dropped and decode runs again
// with walkXML over the whole input, emitting directly. decode must build a
// fresh visitor each time it is called.
func readXMLFast(r io.Reader, lim xmlLimits, emit emitFunc, decode func(walk func(xmlVisitor) error, emit emitFunc) error) error {
	s := xmlScanners.Get().(*xmlScanner)
	defer xmlScanners.Put(s)
	data, whole, err := readUpTo(r, s.buf[:0], maxFastXMLBytes)
	if cap(data) <= 8<<20 { // keep a buffer for files of up to a few hours
		s.buf = data[:0]
	}
	if err == nil && whole && xmlFastPath {
		var held []*Activity
		err := decode(func(v xmlVisitor) error { return s.scan(data, v, lim) }, func(a *Activity) { held = append(held, a) })
		if !errors.Is(err, errXMLFallback) {
			for _, a := range held {
				emit(a)
			}
			if xmlPoison { // tests: texts kept past their call would show
				for i := range data {
					data[i] = '#'
				}
			}
			return err
		}
		for _, a := range held {
			a.Samples.Recycle()
		}
	}
	rest := io.MultiReader(bytes.NewReader(data), r)
	if err != nil {
		rest = io.MultiReader(bytes.NewReader(data), errReader{err}) // the read error, after the bytes before it
	}
	return decode(func(v xmlVisitor) error { return walkXML(rest, v, lim) }, emit)
}

// xmlFastPath turns the fast path off in tests that compare it with
// walkXML; xmlPoison makes it overwrite the document once read, so that a
// visitor keeping a text or attribute value without copying it is caught.
var xmlFastPath, xmlPoison = true, false

// readUpTo appends r's bytes to buf until EOF (whole is true) or until
// more than max bytes (whole is false: buf holds what was read).
func readUpTo(r io.Reader, buf []byte, max int) (data []byte, whole bool, err error) {
	for {
		if len(buf) == cap(buf) {
			if len(buf) > max {
				return buf, false, nil
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, true, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
}

// xmlNameByte marks the bytes of ASCII XML names: 1 for any name byte, 2
// for one that may also start a name.
var xmlNameByte = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 2, 2
	}
	t['_'], t[':'] = 2, 2
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	t['.'], t['-'] = 1, 1
	return t
}()

func isXMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// plainXMLRun reports whether a run of text or an attribute value holds
// only characters encoding/xml accepts (valid UTF-8 in XML's character
// range).
func plainXMLRun(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c >= 0x20 && c < 0x80, c == '\n', c == '\t', c == '\r':
			i++
		case c < 0x20:
			return false
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
				return false
			}
			i += n
		}
	}
	return true
}

// isXMLChar is encoding/xml's isInCharacterRange for runes above ASCII.
func isXMLChar(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// scan walks data through v as walkXML would, or returns errXMLFallback
// (or the visitor's error). Characters are checked where encoding/xml
// checks them, in texts and attribute values; names must be ASCII.
func (s *xmlScanner) scan(data []byte, v xmlVisitor, lim xmlLimits) error {
	// References are left to walkXML, and "]]>" outside CDATA is an error
	// there.
	if bytes.IndexByte(data, '&') >= 0 || bytes.Contains(data, []byte("]]>")) {
		return errXMLFallback
	}
	if len(s.intern) > 512 { // a document of many names must not grow it for ever
		clear(s.intern)
		s.recent = [64]string{}
	}
	s.path, s.stack, s.maxDepth = s.path[:0], s.stack[:0], lim.maxDepth
	maxRun := min(maxFastXMLText, int(min(lim.maxText, 1<<30)))
	i, lt := 0, 0 // lt: where the last '<' was
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			if len(s.stack) > 0 || len(data)-lt >= maxRun || !plainXMLRun(data[i:]) {
				return errXMLFallback // ends inside an element
			}
			return nil
		}
		if i+j-lt >= maxRun {
			return errXMLFallback // a long tag or text: walkXML bounds it
		}
		lt = i + j
		if j > 0 {
			if len(s.stack) == 0 {
				if !plainXMLRun(data[i : i+j]) {
					return errXMLFallback
				}
			} else if err := s.text(data[i : i+j]); err != nil {
				return err
			}
		}
		i += j + 1
		if i >= len(data) {
			return errXMLFallback
		}
		var err error
		switch data[i] {
		case '/':
			i, err = s.endTag(data, i+1, v)
		case '?':
			i, err = s.declaration(data, i+1)
		case '!':
			return errXMLFallback // comment, CDATA, DOCTYPE
		default:
			i, err = s.startTag(data, i, v)
		}
		if err != nil {
			return err
		}
	}
}

// text records a run of character data inside the open element. Only the
// first run may hold more than white space: walkXML joins the runs, and an
// element whose text is split by children is left to it.
func (s *xmlScanner) text(run []byte) error {
	e := &s.stack[len(s.stack)-1]
	e.texts++
	if e.texts == 1 {
		if !plainXMLRun(run) {
			return errXMLFallback
		}
		e.text = run
		return nil
	}
	for _, c := range run {
		if !isXMLSpace(c) {
			return errXMLFallback // text split by a child
		}
	}
	return nil // white space after a child changes no text
}

// xmlName reads an XML name at data[i:]: its end, and its local part (after
// the prefix). ok is false for a name the fast path leaves to walkXML (not
// ASCII, more than one colon, a colon first or last).
func xmlName(data []byte, i int) (end int, local []byte, ok bool) {
	if i >= len(data) || xmlNameByte[data[i]] != 2 {
		return i, nil, false
	}
	start, colon := i, -1
	for i++; i < len(data) && xmlNameByte[data[i]] != 0; i++ {
		if data[i] == ':' {
			if colon >= 0 {
				return i, nil, false
			}
			colon = i
		}
	}
	if data[start] == ':' || colon == i-1 || i < len(data) && data[i] >= 0x80 {
		return i, nil, false
	}
	if colon < 0 {
		return i, data[start:i], true
	}
	return i, data[colon+1 : i], true
}

// local interns a local name, so that paths hold one string per name: a
// small direct-mapped cache before the map, since the same few names
// repeat all through a track.
func (s *xmlScanner) local(b []byte) string {
	slot := &s.recent[(len(b)*7+int(b[0])+int(b[len(b)-1])*3)%len(s.recent)]
	if *slot == string(b) {
		return *slot
	}
	v, ok := s.intern[string(b)]
	if !ok {
		v = string(b)
		s.intern[v] = v
	}
	*slot = v
	return v
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isXMLSpace(data[i]) {
		i++
	}
	return i
}

// startTag reads <name attr="value"...> or <name .../> at data[i:] (after
// the '<') and calls v.start (and v.end for an empty element).
func (s *xmlScanner) startTag(data []byte, i int, v xmlVisitor) (int, error) {
	if len(s.path) >= s.maxDepth {
		return i, errXMLFallback // walkXML reports the depth
	}
	start := i
	i, local, ok := xmlName(data, i)
	if !ok {
		return i, errXMLFallback
	}
	raw := data[start:i]
	s.attrs = s.attrs[:0]
	empty := false
	for {
		j := skipSpace(data, i)
		if j >= len(data) {
			return j, errXMLFallback
		}
		if data[j] == '>' {
			i = j + 1
			break
		}
		if data[j] == '/' {
			if j+1 >= len(data) || data[j+1] != '>' {
				return j, errXMLFallback
			}
			i, empty = j+2, true
			break
		}
		if j == i {
			return j, errXMLFallback // no space before an attribute
		}
		j, aLocal, ok := xmlName(data, j)
		if !ok {
			return j, errXMLFallback
		}
		j = skipSpace(data, j)
		if j >= len(data) || data[j] != '=' {
			return j, errXMLFallback
		}
		j = skipSpace(data, j+1)
		if j >= len(data) || data[j] != '"' && data[j] != '\'' {
			return j, errXMLFallback
		}
		q := data[j]
		k := bytes.IndexByte(data[j+1:], q)
		if k < 0 {
			return j, errXMLFallback
		}
		val := data[j+1 : j+1+k]
		if bytes.IndexByte(val, '<') >= 0 || bytes.IndexByte(val, '\r') >= 0 || !plainXMLRun(val) { // an error, a line end to normalise
			return j, errXMLFallback
		}
		var value string
		if len(val) > 0 {
			value = unsafe.String(&val[0], len(val)) // valid during the call only: see xmlVisitor
		}
		s.attrs = append(s.attrs, xml.Attr{Name: xml.Name{Local: s.local(aLocal)}, Value: value})
		i = j + 2 + k
	}
	loc := s.local(local)
	s.path = append(s.path, loc)
	s.stack = append(s.stack, scanElement{raw: raw})
	if err := v.start(s.path, xml.StartElement{Name: xml.Name{Local: loc}, Attr: s.attrs}); err != nil {
		return i, err
	}
	if empty {
		return i, s.close(v)
	}
	return i, nil
}

// endTag reads </name> at data[i:] (after the "</"), which must close the
// open element, and calls v.end.
func (s *xmlScanner) endTag(data []byte, i int, v xmlVisitor) (int, error) {
	if len(s.stack) == 0 {
		return i, errXMLFallback
	}
	// The open element's name, then a byte that cannot continue a name.
	raw := s.stack[len(s.stack)-1].raw
	if !bytes.HasPrefix(data[i:], raw) {
		return i, errXMLFallback
	}
	i += len(raw)
	if i < len(data) && (xmlNameByte[data[i]] != 0 || data[i] >= 0x80) {
		return i, errXMLFallback
	}
	i = skipSpace(data, i)
	if i >= len(data) || data[i] != '>' {
		return i, errXMLFallback
	}
	return i + 1, s.close(v)
}

// close ends the open element: v.end with its text, as walkXML gives it.
func (s *xmlScanner) close(v xmlVisitor) error {
	e := s.stack[len(s.stack)-1]
	text := bytes.TrimSpace(e.text)
	if bytes.IndexByte(text, '\r') >= 0 {
		return errXMLFallback // walkXML turns line ends into '\n'
	}
	var str string
	if len(text) > 0 {
		str = unsafe.String(&text[0], len(text)) // valid during the call only: see xmlVisitor
	}
	if err := v.end(s.path, str); err != nil {
		return err
	}
	s.path, s.stack = s.path[:len(s.path)-1], s.stack[:len(s.stack)-1]
	return nil
}

// declaration reads the XML declaration <?xml ...?> at data[i:] (after the
// "<?"): it passes when encoding/xml accepts its version. Other processing
// instructions go to walkXML.
func (s *xmlScanner) declaration(data []byte, i int) (int, error) {
	j, _, ok := xmlName(data, i)
	if !ok || string(data[i:j]) != "xml" {
		return j, errXMLFallback
	}
	k := bytes.Index(data[j:], []byte("?>"))
	if k < 0 || k > 0 && !isXMLSpace(data[j]) {
		return j, errXMLFallback
	}
	content := string(data[j : j+k])
	if v := procInstParam("version", content); v != "" && v != "1.0" || !plainXMLRun(data[j:j+k]) {
		return j, errXMLFallback
	}
	if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
		return j, errXMLFallback // walkXML decides what other encodings mean
	}
	return j + k + 2, nil
}

// procInstParam is encoding/xml's procInst: the value of param="..." in a
// processing instruction's content, read the same (loose) way, so that a
// declaration passes here exactly when it passes there.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := bytes.Index([]byte(sub), []byte(param))
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := bytes.IndexByte([]byte(s[i:]), sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}
