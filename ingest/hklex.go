package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// hkLexer reads the XML of an Apple Health export (export.xml) tag by tag,
// line by line, front to back, holding one line at a time. Apple writes one
// element per line; a start tag spread over lines (an export printed again
// with attributes a line each) is continued line by line until it closes.
// A tag that never closes (the next line starts another), an unquoted
// attribute, an entity other than the predefined and numeric ones make that
// line malformed: it is skipped with one warning naming its line number,
// and reading goes on (a multi-gigabyte export with one bad line still
// gives its workouts). The export's internal DTD subset (<!DOCTYPE
// HealthData [ ... ]>) is skipped unread: its declarations are never
// applied, so an entity it declares stays an unknown reference. The XML
// limits hold: a line longer than limits.max_xml_text_kb is skipped with a
// warning without being held, elements nested deeper than
// limits.max_xml_depth end the read.
type hkLexer struct {
	br    *bufio.Reader
	ctx   context.Context
	lim   xmlLimits
	line  int
	inDTD bool
	inCom bool // inside a comment
	stack [][]byte
	long  []byte // a line longer than the reader's buffer, gathered
	tag   hkTag
	warn  func(line int, msg string)
	// open is a start tag not closed on its line (a pretty-printed
	// export writes attributes on lines of their own), continued by the
	// next lines until it closes; openLine is its first line, openErr what
	// is said when it never closes.
	open     []byte
	openLine int
	openErr  string
}

// hkTag is one tag: a start tag (with its attributes; empty for <x/>) or an
// end tag. Names and values are views valid during the visitor's call.
type hkTag struct {
	name  []byte
	end   bool // </name>, or the end of an element (an empty one too)
	self  bool // the start tag was <name .../>
	attrs []hkAttr
	buf   []byte // decoded values with entity references
}

// hkAttr is one attribute of a tag.
type hkAttr struct{ key, val []byte }

// get gives the value of attribute key, nil when absent.
func (t *hkTag) get(key string) []byte {
	for i := range t.attrs {
		if string(t.attrs[i].key) == key {
			return t.attrs[i].val
		}
	}
	return nil
}

// errHKLine marks a malformed line: skipped with a warning.
var errHKLine = errors.New("malformed line")

// errHKOpen marks a tag that does not close on its line: the next lines
// may continue it. It adds nothing to the message.
var errHKOpen = errors.New("")

// each calls visit for every tag of the document, in order. An end tag is
// visited after the start tag of an empty element too, so a visitor sees
// every element open and close. It returns a visitor's error, a read error,
// a cancellation, or a depth beyond the limit; malformed lines go to warn.
func (l *hkLexer) each(visit func(t *hkTag, depth int) error) error {
	for {
		line, err := l.readLine()
		if len(line) > 0 || err == nil {
			l.line++
			if l.line&4095 == 0 && l.ctx != nil {
				if cerr := l.ctx.Err(); cerr != nil {
					return cerr
				}
			}
			if perr := l.continued(line, visit); perr != nil {
				if !errors.Is(perr, errHKLine) {
					return perr
				}
				l.warn(l.line, perr.Error())
			}
		}
		if errors.Is(err, io.EOF) {
			if l.open != nil {
				l.warn(l.openLine, l.openErr)
				l.open = nil
			}
			if len(l.stack) > 0 {
				return fmt.Errorf("%w: XML ends inside <%s> (line %d)", ErrTruncated, l.stack[len(l.stack)-1], l.line)
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readLine gives the next line without its end, a view valid until the
// next call. A line longer than the limit is read through and dropped
// with a warning.
func (l *hkLexer) readLine() ([]byte, error) {
	for {
		l.long = l.long[:0]
		tooLong := false
		var b []byte
		var err error
		for {
			b, err = l.br.ReadSlice('\n')
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
			if !tooLong && int64(len(l.long)+len(b)) > l.lim.maxText {
				tooLong = true
			}
			if !tooLong {
				l.long = append(l.long, b...)
			}
		}
		if !tooLong && len(l.long) > 0 {
			l.long = append(l.long, b...)
			b = l.long
		}
		b = bytes.TrimRight(b, "\r\n")
		if tooLong || int64(len(b)) > l.lim.maxText {
			l.line++
			l.warn(l.line, fmt.Sprintf("line longer than %d bytes (limits.max_xml_text_kb)", l.lim.maxText))
			if err != nil {
				return nil, err
			}
			continue
		}
		return b, err
	}
}

// continued visits the tags of a line, continuing an open tag with it
// when one is open: a line starting a new tag, or a tag grown past the
// text limit, ends the open one as malformed (one warning at its first
// line).
func (l *hkLexer) continued(line []byte, visit func(t *hkTag, depth int) error) error {
	if l.open == nil {
		return l.lineTags(line, visit)
	}
	first, msg := l.openLine, l.openErr
	trimmed := bytes.TrimLeft(line, " \t\r")
	if (len(trimmed) > 0 && trimmed[0] == '<') || int64(len(l.open)+len(line)) > l.lim.maxText {
		l.open = nil
		l.warn(first, msg)
		return l.lineTags(line, visit)
	}
	joined := append(append(append(make([]byte, 0, len(l.open)+1+len(line)), l.open...), ' '), line...)
	l.open = nil
	err := l.lineTags(joined, visit)
	if l.open != nil {
		l.openLine = first // still open: it started there
	}
	return err
}

// lineTags visits the tags of one line.
func (l *hkLexer) lineTags(s []byte, visit func(t *hkTag, depth int) error) error {
	for {
		s = bytes.TrimLeft(s, " \t\r")
		if len(s) == 0 {
			return nil
		}
		switch {
		case l.inCom:
			i := bytes.Index(s, []byte("-->"))
			if i < 0 {
				return nil
			}
			s, l.inCom = s[i+3:], false
			continue
		case l.inDTD:
			// Declarations (<!ELEMENT, <!ATTLIST, <!ENTITY) are skipped
			// unread until the subset's "]>".
			i := bytes.IndexByte(s, ']')
			if i < 0 {
				return nil
			}
			rest := bytes.TrimLeft(s[i+1:], " \t")
			if len(rest) > 0 && rest[0] == '>' {
				s, l.inDTD = rest[1:], false
			} else {
				s = s[i+1:]
			}
			continue
		case s[0] != '<':
			i := bytes.IndexByte(s, '<') // text between elements: Apple writes none that matters
			if i < 0 {
				return nil
			}
			s = s[i:]
			continue
		case bytes.HasPrefix(s, []byte("<!--")):
			s, l.inCom = s[4:], true
			continue
		case bytes.HasPrefix(s, []byte("<?")):
			i := bytes.Index(s, []byte("?>"))
			if i < 0 {
				return fmt.Errorf("%w: processing instruction not closed on its line", errHKLine)
			}
			s = s[i+2:]
			continue
		case bytes.HasPrefix(s, []byte("<!DOCTYPE")):
			i := bytes.IndexAny(s, "[>")
			if i < 0 {
				return fmt.Errorf("%w: DOCTYPE not understood", errHKLine)
			}
			l.inDTD = s[i] == '['
			s = s[i+1:]
			continue
		case bytes.HasPrefix(s, []byte("<!")):
			return fmt.Errorf("%w: %q outside a DTD", errHKLine, hkClip(s, 12))
		}
		rest, err := l.parseTag(s)
		if errors.Is(err, errHKOpen) {
			l.open = append(l.open[:0], s...)
			l.openLine, l.openErr = l.line, err.Error()
			return nil
		}
		if err != nil {
			return err
		}
		s = rest
		t := &l.tag
		if !t.end {
			if len(l.stack) >= l.lim.maxDepth {
				return fmt.Errorf("%w: XML line %d: elements nested more than %d deep (limits.max_xml_depth)", ErrCorrupt, l.line, l.lim.maxDepth)
			}
			l.stack = append(l.stack, append(l.nameBuf(len(l.stack)), t.name...))
			if err := visit(t, len(l.stack)); err != nil {
				return err
			}
			if !t.self {
				continue
			}
		}
		// Close the element: the innermost open one of that name; an end
		// tag matching nothing open is passed over.
		k := len(l.stack) - 1
		for k >= 0 && !bytes.Equal(l.stack[k], t.name) {
			k--
		}
		if k < 0 {
			continue
		}
		for len(l.stack) > k {
			d := len(l.stack)
			t.name = l.stack[d-1]
			t.end = true
			if err := visit(t, d); err != nil {
				return err
			}
			l.stack = l.stack[:d-1]
		}
	}
}

// nameBuf recycles the buffer of stack level d.
func (l *hkLexer) nameBuf(d int) []byte {
	if d < cap(l.stack) {
		if b := l.stack[:d+1][d]; b != nil {
			return b[:0]
		}
	}
	return nil
}

// parseTag reads the tag at the start of s into l.tag and returns the rest
// of the line.
func (l *hkLexer) parseTag(s []byte) ([]byte, error) {
	t := &l.tag
	t.attrs, t.buf, t.end, t.self = t.attrs[:0], t.buf[:0], false, false
	i := 1
	closing := len(s) > 1 && s[1] == '/'
	if closing {
		i = 2
	}
	j := i
	for j < len(s) && xmlNameByte[s[j]] != 0 {
		j++
	}
	if j == i {
		return nil, fmt.Errorf("%w: %q is not a tag", errHKLine, hkClip(s, 12))
	}
	t.name = s[i:j]
	if closing {
		k := bytes.IndexByte(s[j:], '>')
		if k < 0 || len(bytes.TrimSpace(s[j:j+k])) > 0 {
			return nil, fmt.Errorf("%w: end tag </%s not closed", errHKLine, t.name)
		}
		t.end = true
		return s[j+k+1:], nil
	}
	type span struct{ k0, k1, v0, v1 int }
	var spans [24]span
	sp := spans[:0]
	for {
		for j < len(s) && isXMLSpace(s[j]) {
			j++
		}
		if j >= len(s) {
			return nil, fmt.Errorf("%w: <%s> not closed on its line%w", errHKLine, t.name, errHKOpen)
		}
		if s[j] == '>' {
			j++
			break
		}
		if s[j] == '/' {
			if j+1 >= len(s) || s[j+1] != '>' {
				return nil, fmt.Errorf("%w: stray '/' in <%s>", errHKLine, t.name)
			}
			t.self = true
			j += 2
			break
		}
		k0 := j
		for j < len(s) && xmlNameByte[s[j]] != 0 {
			j++
		}
		k1 := j
		for j < len(s) && isXMLSpace(s[j]) {
			j++
		}
		if k1 == k0 || j+1 >= len(s) || s[j] != '=' {
			return nil, fmt.Errorf("%w: attribute of <%s> without a value", errHKLine, t.name)
		}
		j++
		for j < len(s) && isXMLSpace(s[j]) {
			j++
		}
		if j >= len(s) || (s[j] != '"' && s[j] != '\'') {
			return nil, fmt.Errorf("%w: unquoted attribute value in <%s>", errHKLine, t.name)
		}
		q := s[j]
		e := bytes.IndexByte(s[j+1:], q)
		if e < 0 {
			return nil, fmt.Errorf("%w: attribute value of <%s> not closed on its line%w", errHKLine, t.name, errHKOpen)
		}
		if bytes.IndexByte(s[j+1:j+1+e], '<') >= 0 {
			return nil, fmt.Errorf("%w: '<' inside an attribute value of <%s>", errHKLine, t.name)
		}
		sp = append(sp, span{k0, k1, j + 1, j + 1 + e})
		j += e + 2
	}
	rest := s[j:]
	// Values with references are decoded into t.buf; its growth would move
	// the earlier values, so they are sliced once it is complete.
	type ref struct{ b0, b1 int }
	var refs [24]ref
	rs := refs[:0]
	for _, p := range sp {
		v := s[p.v0:p.v1]
		if bytes.IndexByte(v, '&') < 0 {
			rs = append(rs, ref{-1, -1})
			continue
		}
		b0 := len(t.buf)
		var err error
		if t.buf, err = unescapeXML(t.buf, v); err != nil {
			return nil, fmt.Errorf("%w: %v in <%s>", errHKLine, err, t.name)
		}
		rs = append(rs, ref{b0, len(t.buf)})
	}
	for k, p := range sp {
		v := s[p.v0:p.v1]
		if rs[k].b0 >= 0 {
			v = t.buf[rs[k].b0:rs[k].b1]
		}
		t.attrs = append(t.attrs, hkAttr{key: s[p.k0:p.k1], val: v})
	}
	return rest, nil
}

// unescapeXML appends v to dst with the five predefined entities and
// numeric character references resolved; any other reference is refused
// (a DTD's entities are never expanded).
func unescapeXML(dst, v []byte) ([]byte, error) {
	for len(v) > 0 {
		i := bytes.IndexByte(v, '&')
		if i < 0 {
			return append(dst, v...), nil
		}
		dst = append(dst, v[:i]...)
		v = v[i:]
		e := bytes.IndexByte(v, ';')
		if e < 0 || e > 12 {
			return dst, fmt.Errorf("'&' without a reference")
		}
		name := string(v[1:e])
		v = v[e+1:]
		switch name {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(name) < 2 || name[0] != '#' {
				return dst, fmt.Errorf("entity &%s; is not expanded (only XML's predefined ones are)", hkClip([]byte(name), 20))
			}
			base, digits := 10, name[1:]
			if digits[0] == 'x' {
				base, digits = 16, digits[1:]
			}
			n, err := strconv.ParseUint(digits, base, 32)
			if err != nil || !xmlChar(rune(n)) {
				return dst, fmt.Errorf("bad character reference &%s;", name)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}

// xmlChar reports whether r is in XML 1.0's character range.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// hkClip gives at most n bytes of s as a printable string for a warning.
func hkClip(s []byte, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strconv.Quote(string(s))[1 : len(strconv.Quote(string(s)))-1]
}
