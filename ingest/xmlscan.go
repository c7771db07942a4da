package ingest

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"math/bits"
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
// scanXML reads a whole document held in memory from tag to tag and
// calls the same xmlVisitor as walkXML, with the same element paths
// (local names) and the same texts, so the TCX and GPX readers are
// unchanged and cannot drift apart. Nothing is copied or allocated per
// element: names, texts and attribute values are views of the document,
// which is recycled (a visitor copies, strings.Clone, what it keeps); the
// indentation between tags is skipped eight bytes at a time, a name seen
// before is recognised by comparing words (nameCache), the open elements
// are offsets into the document. It accepts only a
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
	path  []string
	stack []scanElement
	attrs []xml.Attr
	el    xml.StartElement // the one handed to the visitor, by pointer (an interface call copies less)
	buf   []byte
	skel  xmlSkeleton // the repeated element being recorded or replayed (xmlreplay.go)
	// replayed counts the elements replayed in the last scan, planned
	// those of them a visitor took in one call (tests).
	replayed, planned int
}

// scanElement is an open element: where its name is written, for matching
// the end tag, and its first text run, as offsets into the document (no
// pointers: pushing and popping elements costs no write barrier).
type scanElement struct {
	name, nameEnd int32
	text, textEnd int32
	texts         int32 // text runs seen directly inside it
}

var xmlScanners = sync.Pool{New: func() any { return &xmlScanner{} }}

// readXMLFast runs decode over r with the fast path when r holds at most
// maxFastXMLBytes: decode is called with walkFast and an emit that holds the
// activities back; when the document turns out to be outside the fast
// path's subset, the activities held back are dropped and decode runs again
// with walkXML over the whole input, emitting directly. decode must build a
// fresh visitor each time it is called.
func readXMLFast(r io.Reader, lim xmlLimits, emit emitFunc, decode func(walk func(xmlVisitor) error, emit emitFunc) error) error {
	s := xmlScanners.Get().(*xmlScanner)
	defer xmlScanners.Put(s)
	if n := int(lim.fileSize) + 512; lim.fileSize > 0 && n <= maxFastXMLBytes && cap(s.buf) < n {
		s.buf = make([]byte, 0, n+n/4) // the whole file at once, not grown (and copied) step by step; room for the next, a little longer
	}
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

// xmlRunByte classes the bytes of texts: 0 for ASCII that needs no check
// (printable, tab, line feed, carriage return), 1 for a byte the fast path
// refuses (a control character encoding/xml refuses, the '&' of a
// reference), 2 for the first byte of a multi-byte character, 3 for ']'
// (refused in "]]>"). xmlTextByte refuses a carriage return
// too (walkXML turns line ends into '\n' inside a text), xmlValueByte also
// '<' (an error in an attribute value).
var xmlRunByte, xmlTextByte, xmlValueByte = func() (run, text, value [256]uint8) {
	for c := 0; c < 0x20; c++ {
		run[c] = 1
	}
	run['\t'], run['\n'], run['\r'] = 0, 0, 0
	for c := 0x80; c < 0x100; c++ {
		run[c] = 2
	}
	run['&'] = 1 // a reference: walkXML resolves it (or refuses it)
	run[']'] = 3 // "]]>" is an error outside CDATA
	text = run
	text['\r'] = 1
	value = text
	value['<'] = 1
	return run, text, value
}()

// plainXMLRun reports whether a run of text holds only characters
// encoding/xml accepts (valid UTF-8 in XML's character range).
func plainXMLRun(b []byte) bool { return plainRun(b, &xmlRunByte) }

// plainRun reports whether b holds only characters encoding/xml accepts
// and none that class refuses.
func plainRun(b []byte, class *[256]uint8) bool {
	i := 0
	for i+8 <= len(b) && plainWord(load64(b, i)) { // numbers and times: eight bytes at a time
		i += 8
	}
	for i < len(b) {
		switch class[b[i]] {
		case 0:
			i++
		case 1:
			return false
		case 3:
			if bytes.HasPrefix(b[i:], []byte("]]>")) {
				return false
			}
			i++
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

// lows and highs are a word's bytes with their lowest or highest bit set.
const lows, highs = 0x0101010101010101, 0x8080808080808080

// plainWord reports whether the eight bytes of x are printable ASCII
// other than '&', '<' and ']' (0x20 to 0x7f): bytes every class of plainRun
// takes as they are. It may refuse a word plainRun takes (a tab, a line
// end), never the other way: plainRun then reads it byte by byte.
func plainWord(x uint64) bool {
	zero := func(v uint64) uint64 { return (v - lows) &^ v & highs } // a high bit where some byte may be 0, none when none is
	return (x&highs)|(x-0x20*lows)&^x&highs|zero(x^'&'*lows)|zero(x^'<'*lows)|zero(x^']'*lows) == 0
}

// elementText is the text walkXML gives an element whose first text run
// is run, which starts with a byte other than white space: run[:hi], the
// run with white space trimmed as bytes.TrimSpace does. ok is false when
// the fast path leaves it to walkXML.
func elementText(run []byte) (hi int, ok bool) {
	hi = len(run)
	for hi > 0 && isXMLSpace(run[hi-1]) {
		hi--
	}
	t := run[:hi]
	if (t[0] >= 0x80 || t[len(t)-1] >= 0x80) && len(bytes.TrimSpace(t)) != len(t) {
		return hi, false // Unicode white space: left to walkXML
	}
	return hi, plainRun(t, &xmlTextByte)
}

// spaces8 is eight spaces read as one word.
const spaces8 = 0x2020202020202020

// skipSpaceFast is skipSpace for the runs that indent tags (a line end,
// then spaces): eight bytes at a time.
func skipSpaceFast(data []byte, i int) int {
	for i+8 <= len(data) {
		x := load64(data, i) ^ spaces8 // a zero byte for each space
		if x == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(x) >> 3 // the first byte other than a space
		if c := data[i]; c != '\n' && c != '\t' && c != '\r' {
			return i
		}
		i++
	}
	return skipSpace(data, i)
}

// load64 is the little-endian word at data[i:i+8]. It checks i once
// (binary.LittleEndian.Uint64(data[i:]) costs a slice and two checks, a
// third of a name's comparison) and panics outside data as an index would.
func load64(data []byte, i int) uint64 {
	if i < 0 || i > len(data)-8 {
		panic("ingest: load64 outside the document")
	}
	return binary.LittleEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(data)), i)), 8))
}

// equalAt reports whether data[i:i+n] and data[at:at+n] hold the same
// bytes: names against the names seen before (gpxtpx:TrackPointExtension
// is 26 bytes), end tags against their start, a repeated element's bytes
// against its record. Under 16 bytes it compares eight at a time; from 16
// on (a track's tags with their indentation between two values, 40 to 60
// bytes) the runtime's vector compare is faster: 7 % of the CPU time of
// `analyze` on one-hour TCX files, measured side by side.
func equalAt(data []byte, i, at, n int) bool {
	if n < 0 || i+n+8 > len(data) || at+n+8 > len(data) || i < 0 || at < 0 {
		return n >= 0 && i >= 0 && at >= 0 && i+n <= len(data) && at+n <= len(data) && bytes.Equal(data[i:i+n], data[at:at+n])
	}
	if n >= 16 {
		return string(data[i:i+n]) == string(data[at:at+n])
	}
	for ; n >= 8; n -= 8 {
		if load64(data, i) != load64(data, at) {
			return false
		}
		i, at = i+8, at+8
	}
	if n == 0 {
		return true
	}
	x := load64(data, i) ^ load64(data, at)
	return x&(^uint64(0)>>(64-8*n)) == 0
}

// nameCache remembers where the names of a document were first read, so
// that the same name at a later tag (a track repeats a dozen names for
// hours) is recognised by comparing words instead of reading it byte by
// byte: four names per first two bytes (ns3:Speed, ns3:RunCadence...).
// Before those, it tries the name that followed the last name read the
// last time it was read: a track repeats its names in the same order
// (trkpt, lat, lon, ele, time, ..., gpxtpx:hr, gpxtpx:cad), which costs
// one comparison, where names with one prefix (gpxtpx:) share a set.
type nameCache struct {
	sets   [64][4]nameEntry
	follow [64]struct {
		prev int32 // the at of a name
		e    nameEntry
	} // the name read after it, the last time
	last int32 // the at of the name read last
}

// nameEntry is a name first read at data[at:at+n], its local part at
// data[at+local:at+n].
type nameEntry struct{ at, n, local int32 }

// match reports whether the name at data[i:] is e's.
func (e *nameEntry) match(data []byte, i int) bool {
	n := int(e.n)
	return n > 0 && i+n < len(data) && equalAt(data, i, int(e.at), n) && data[i+n] < 0x80 && xmlNameByte[data[i+n]] == 0
}

// read reads the element or attribute name at data[i:] as xmlName does:
// where it ends and where its local part starts.
func (c *nameCache) read(data []byte, i int) (end, local int, ok bool) {
	if i+1 >= len(data) {
		return i, i, false
	}
	f := &c.follow[(uint32(c.last)*0x9E3779B1)>>26]
	if f.prev == c.last && f.e.match(data, i) {
		c.last = f.e.at
		return i + int(f.e.n), i + int(f.e.local), true
	}
	set := &c.sets[(uint(data[i])*5+uint(data[i+1]))%uint(len(c.sets))]
	for k := range set {
		e := &set[k]
		if e.n == 0 {
			break
		}
		if e.match(data, i) {
			f.prev, f.e, c.last = c.last, *e, e.at
			return i + int(e.n), i + int(e.local), true
		}
	}
	end, l, ok := xmlName(data, i)
	if !ok {
		return end, end, false
	}
	local = end - len(l)
	copy(set[1:], set[:len(set)-1]) // the newest first
	set[0] = nameEntry{at: int32(i), n: int32(end - i), local: int32(local - i)}
	f.prev, f.e, c.last = c.last, set[0], set[0].at
	return end, local, true
}

// isXMLChar is encoding/xml's isInCharacterRange for runes above ASCII.
func isXMLChar(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// scan walks data through v as walkXML would, or returns errXMLFallback
// (or the visitor's error). Characters are checked where encoding/xml
// checks them, in texts and attribute values; names must be ASCII.
// Element names and paths are views into data, valid during the scan.
// It is one loop, tags read in place, for speed: a one-hour TCX file has
// about 50 000 elements.
func (s *xmlScanner) scan(data []byte, v xmlVisitor, lim xmlLimits) error {
	// Every byte outside white space, names and tag syntax is checked by
	// plainRun, which leaves references and "]]>" to walkXML.
	if len(data) >= 1<<31 {
		return errXMLFallback
	}
	path, stack := s.path[:0], s.stack[:0]
	defer func() {
		s.path, s.stack = path, stack // kept for the next file
		s.skel.forget()
	}()
	var names nameCache
	pv, _ := v.(xmlPlanner)
	if !xmlPlans {
		pv = nil
	}
	maxRun := min(maxFastXMLText, int(min(lim.maxText, 1<<30)))
	i, lt := 0, 0 // lt: where the last '<' was
	sk := &s.skel
	sk.ok, sk.recording, s.replayed, s.planned = false, false, 0, 0
	// The element closed last: its depth (open elements around it) and
	// name, data[lastAt:lastAt+lastN]. A start tag of the same name at
	// the same depth is a repeated element, recorded for replay.
	lastDepth, lastAt, lastN := -1, 0, 0
	for {
		// The run up to the next '<': mostly the white space that indents
		// the next tag, skipped eight bytes at a time.
		k := skipSpaceFast(data, i)
		j := k - i
		if k >= len(data) || data[k] != '<' {
			x := bytes.IndexByte(data[k:], '<')
			if x < 0 {
				if len(stack) > 0 || len(data)-lt >= maxRun || !plainXMLRun(data[k:]) {
					return errXMLFallback // ends inside an element
				}
				return nil
			}
			j += x
		}
		if i+j-lt >= maxRun {
			return errXMLFallback // a long tag or text: walkXML bounds it
		}
		lt = i + j
		if k < i+j { // more than white space
			if len(stack) == 0 {
				if !plainXMLRun(data[k : i+j]) {
					return errXMLFallback
				}
			} else {
				// Only the first run may hold more than white space:
				// walkXML joins the runs, and an element whose text is
				// split by children is left to it.
				e := &stack[len(stack)-1]
				e.texts++
				if e.texts > 1 {
					return errXMLFallback // text split by a child
				}
				hi, ok := elementText(data[k : i+j])
				if !ok {
					return errXMLFallback
				}
				e.text, e.textEnd = int32(k), int32(k+hi)
				if sk.recording {
					sk.recordText(i, i+j)
				}
			}
		} else if j > 0 && len(stack) > 0 {
			stack[len(stack)-1].texts++
		}
		i += j + 1
		if i >= len(data) {
			return errXMLFallback
		}
		switch data[i] {
		case '/': // an end tag: the open element's name, then a byte that cannot continue a name
			i++
			if len(stack) == 0 {
				return errXMLFallback
			}
			e := stack[len(stack)-1]
			if !equalAt(data, i, int(e.name), int(e.nameEnd-e.name)) {
				return errXMLFallback
			}
			i += int(e.nameEnd - e.name)
			if i < len(data) && data[i] != '>' {
				if xmlNameByte[data[i]] != 0 || data[i] >= 0x80 {
					return errXMLFallback
				}
				i = skipSpace(data, i)
			}
			if i >= len(data) || data[i] != '>' {
				return errXMLFallback
			}
			i++
			if err := v.end(path, view(data[e.text:e.textEnd])); err != nil {
				return err
			}
			path, stack = path[:len(path)-1], stack[:len(stack)-1]
			if sk.recording {
				sk.recordEnd(i, lt)
			}
			lastDepth, lastAt, lastN = len(path), int(e.name), int(e.nameEnd-e.name)
		case '?':
			sk.abort()
			var err error
			if i, err = s.declaration(data, i+1); err != nil {
				return err
			}
		case '!':
			return errXMLFallback // comment, CDATA, DOCTYPE
		default:
			if len(path) >= lim.maxDepth {
				return errXMLFallback // walkXML reports the depth
			}
			start := i
			if sk.ok && len(path) == sk.depth && xmlReplay {
				if end, ok := sk.match(data, i, maxRun); ok {
					var err error
					if path, err = sk.replay(data, s, path, v, pv); err != nil {
						return err
					}
					lt = end - (sk.end - sk.lastLt)
					s.replayed++
					if pv != nil && sk.planOK {
						s.planned++
					}
					lastDepth, lastAt, lastN = len(path), sk.start, sk.nameLen
					i = end
					continue
				}
			}
			nameEnd, localAt, ok := names.read(data, i)
			if !ok {
				return errXMLFallback
			}
			local := data[localAt:nameEnd]
			i = nameEnd
			attrs := s.attrs[:0]
			empty := false
			if i >= len(data) {
				return errXMLFallback
			}
			if data[i] != '>' {
				if i, empty, attrs, ok = readAttrs(data, i, attrs, &names); !ok {
					return errXMLFallback
				}
				s.attrs = attrs
			} else {
				i++
			}
			loc := view(local)
			if !sk.recording && lastDepth == len(path) && lastN == nameEnd-start && xmlReplay && equalAt(data, start, lastAt, lastN) {
				sk.reset(start, nameEnd-start, len(path))
			}
			if sk.recording {
				sk.recordTag(data, loc, attrs)
			}
			path = append(path, loc)
			stack = append(stack, scanElement{name: int32(start), nameEnd: int32(nameEnd)})
			s.el = xml.StartElement{Name: xml.Name{Local: loc}, Attr: attrs}
			if err := v.start(path, &s.el); err != nil {
				return err
			}
			if empty {
				if err := v.end(path, ""); err != nil {
					return err
				}
				path, stack = path[:len(path)-1], stack[:len(stack)-1]
				if sk.recording {
					sk.recordEnd(i, lt)
				}
				lastDepth, lastAt, lastN = len(path), start, nameEnd-start
			}
		}
	}
}

// readAttrs reads a start tag's attributes at data[i:] (after its name),
// appending them to attrs, and its end, '>' or "/>" (empty): i is after it.
// ok is false for a tag the fast path leaves to walkXML.
func readAttrs(data []byte, i int, attrs []xml.Attr, names *nameCache) (end int, empty bool, _ []xml.Attr, ok bool) {
	for {
		j := skipSpace(data, i)
		if j >= len(data) {
			return j, false, attrs, false
		}
		if data[j] == '>' {
			return j + 1, false, attrs, true
		}
		if data[j] == '/' {
			if j+1 >= len(data) || data[j+1] != '>' {
				return j, false, attrs, false
			}
			return j + 2, true, attrs, true
		}
		if j == i {
			return j, false, attrs, false // no space before an attribute
		}
		nameEnd, localAt, ok := names.read(data, j)
		if !ok {
			return j, false, attrs, false
		}
		local := data[localAt:nameEnd]
		j = skipSpace(data, nameEnd)
		if j >= len(data) || data[j] != '=' {
			return j, false, attrs, false
		}
		j = skipSpace(data, j+1)
		if j >= len(data) || data[j] != '"' && data[j] != '\'' {
			return j, false, attrs, false
		}
		k := bytes.IndexByte(data[j+1:], data[j])
		if k < 0 {
			return j, false, attrs, false
		}
		val := data[j+1 : j+1+k]
		if !plainRun(val, &xmlValueByte) { // an error, a line end to normalise
			return j, false, attrs, false
		}
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: view(local)}, Value: view(val)})
		i = j + 2 + k
	}
}

// xmlName reads an XML name at data[i:]: its end, and its local part (after
// the prefix). ok is false for a name the fast path leaves to walkXML (not
// ASCII, more than one colon, a colon first or last).
func xmlName(data []byte, i int) (end int, local []byte, ok bool) {
	if i >= len(data) || xmlNameByte[data[i]] != 2 {
		return i, nil, false
	}
	start, colon := i, -1
	for i++; i < len(data); i++ {
		c := data[i]
		if xmlNameByte[c] == 0 {
			if c >= 0x80 {
				return i, nil, false
			}
			break
		}
		if c == ':' {
			if colon >= 0 {
				return i, nil, false
			}
			colon = i
		}
	}
	if data[start] == ':' || colon == i-1 {
		return i, nil, false
	}
	if colon < 0 {
		return i, data[start:i], true
	}
	return i, data[colon+1 : i], true
}

// view is b as a string without a copy: valid while b's bytes are (during
// the scan for names, during the visitor's call for texts and attribute
// values: see xmlVisitor).
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isXMLSpace(data[i]) {
		i++
	}
	return i
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
