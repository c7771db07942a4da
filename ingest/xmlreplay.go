package ingest

import (
	"bytes"
	"encoding/xml"
	"math/bits"
	"unsafe"
)

// Replaying repeated elements.
//
// A track is one element written thousands of times with the same tags,
// the same indentation and different values:
//
//	<trkpt lat="47.1" lon="8.5">
//	 <ele>412.3</ele>
//	 <time>2026-03-03T07:00:01Z</time>
//	 ...
//	</trkpt>
//
// Reading each tag (white space, name, end tag, attribute syntax) costs
// most of the scan. So when an element follows a sibling of the same name,
// the scanner records it as it reads it: its events (start tags, their
// attributes, end tags) and the holes where its values are (attribute
// values, element texts). At the next sibling it first tries the record:
// the bytes between the holes must be the recorded bytes, compared a word
// at a time, and each hole is found and checked exactly as the scanner
// checks it (an attribute value ends at its quote, a text at the next
// '<'). Only when the whole element matches does it call the visitor,
// with the recorded events and the new values, which are the calls the
// scanner would have made: the same bytes around the values parse to the
// same tags. Anything else (a missing or extra tag, other spacing, a text
// that is only white space, a run longer than the limit) leaves the
// element to the scanner, which records it afresh.
// TestXMLReplaySameEvents and FuzzXMLReplay check the visitor's calls
// with and without replay.

// xmlReplay turns replay off in tests that compare the scanner with and
// without it.
var xmlReplay = true

// Bounds of a record: a track point has about 15 events and 8 holes.
const (
	maxSkelEvents = 96
	maxSkelHoles  = 32
	maxSkelBytes  = 2048
)

// skelHole is where a value was in the recorded element, data[at:end]: an
// attribute value (without its quotes) or an element's whole text run
// (between the '>' before it and the '<' after it).
type skelHole struct {
	at, end int32
	text    bool
}

// skelEvent is one visitor call of the recorded element: a start tag
// (name, attributes attrs[attr:attr+nattr]) or an end tag (text: the hole
// of the element's text, -1 for none).
type skelEvent struct {
	name        string
	end         bool
	attr, nattr int16
	text        int16
}

// skelAttr is an attribute of a start tag: its local name and the hole of
// its value.
type skelAttr struct {
	name string
	hole int16
}

// span is a value found in a replayed element: data[at:end].
type span struct{ at, end int32 }

// xmlSkeleton is a recorded element. Names are views of the document.
type xmlSkeleton struct {
	ok         bool
	depth      int // open elements around it
	start, end int // data[start:end]: from its name (after '<') to after its end tag's '>'
	nameLen    int // its name, data[start:start+nameLen]
	lastLt     int // the '<' of its end tag
	holes      []skelHole
	events     []skelEvent
	attrs      []skelAttr
	open       []int16 // recording: the text hole of each open element, -1 for none
	spans      []span  // replaying: each hole's value in the element matched
	recording  bool
	// A visitor's plan for the record (xmlPlanner): planned once asked,
	// planOK when it takes the record's values in one call.
	steps           []trackStep
	planned, planOK bool
}

// xmlPlanner is a visitor that can take a replayed element's values in
// one call instead of one call per start and end tag (a TCX trackpoint
// makes 28). plan compiles the record k, once complete, into steps (the
// effect of its calls, appended to steps), or reports false when the
// visitor must see the calls; replayPlan must then have exactly the
// effect the replayed calls would have had, reading the matched values
// with k.value. The plan may depend only on the record, not on the
// visitor's state: replayPlan looks at the state each time.
// TestXMLFastPathSameResult and FuzzXMLFastPath compare the result with
// walkXML's; TestXMLPlanSameResult with the replayed calls.
type xmlPlanner interface {
	xmlVisitor
	plan(k *xmlSkeleton, steps []trackStep) ([]trackStep, bool)
	replayPlan(k *xmlSkeleton, data []byte) error
}

// xmlPlans turns plans off in tests that compare with the replayed calls.
var xmlPlans = true

// reset empties k for a new record of the element whose name is
// data[start:start+nameLen], depth elements deep.
func (k *xmlSkeleton) reset(start, nameLen, depth int) {
	k.ok, k.recording = false, true
	k.depth, k.start, k.nameLen = depth, start, nameLen
	k.holes, k.events, k.attrs, k.open = k.holes[:0], k.events[:0], k.attrs[:0], k.open[:0]
	k.planned, k.planOK = false, false
}

// forget drops the record's views of a document that is done with, which
// would keep it from being collected while the scanner waits in its pool.
func (k *xmlSkeleton) forget() {
	k.abort()
	clear(k.events[:cap(k.events)])
	clear(k.attrs[:cap(k.attrs)])
}

// abort drops a record that cannot be replayed.
func (k *xmlSkeleton) abort() { k.ok, k.recording = false, false }

// recordTag records a start tag with its attributes (values viewing
// data). An empty tag's end is recorded by recordEnd, as any other.
func (k *xmlSkeleton) recordTag(data []byte, local string, attrs []xml.Attr) {
	if len(k.events)+2 > maxSkelEvents || len(k.holes)+len(attrs) > maxSkelHoles {
		k.abort()
		return
	}
	ev := skelEvent{name: local, attr: int16(len(k.attrs)), nattr: int16(len(attrs)), text: -1}
	for _, a := range attrs {
		if a.Value == "" {
			k.abort() // no position to take it from
			return
		}
		at := offsetIn(data, a.Value)
		k.attrs = append(k.attrs, skelAttr{name: a.Name.Local, hole: int16(len(k.holes))})
		k.holes = append(k.holes, skelHole{at: int32(at), end: int32(at + len(a.Value))})
	}
	k.events = append(k.events, ev)
	k.open = append(k.open, -1)
}

// recordText records the text run data[at:end] of the innermost open
// element.
func (k *xmlSkeleton) recordText(at, end int) {
	if len(k.holes) >= maxSkelHoles || len(k.open) == 0 {
		k.abort()
		return
	}
	k.open[len(k.open)-1] = int16(len(k.holes))
	k.holes = append(k.holes, skelHole{at: int32(at), end: int32(end), text: true})
}

// recordEnd records an end tag; end is after its '>', lt its '<'. The
// record is complete (ok) when the tag closes the recorded element.
func (k *xmlSkeleton) recordEnd(end, lt int) {
	if len(k.open) == 0 || len(k.events) >= maxSkelEvents {
		k.abort()
		return
	}
	text := k.open[len(k.open)-1]
	k.open = k.open[:len(k.open)-1]
	k.events = append(k.events, skelEvent{end: true, text: text})
	if len(k.open) > 0 {
		return
	}
	k.recording = false
	if end-k.start > maxSkelBytes {
		return
	}
	k.end, k.lastLt, k.ok = end, lt, true
	k.spans = append(k.spans[:0], make([]span, len(k.holes))...)
}

// offsetIn is the position in data of s, a view of data's bytes.
func offsetIn(data []byte, s string) int {
	return int(uintptr(unsafe.Pointer(unsafe.StringData(s))) - uintptr(unsafe.Pointer(unsafe.SliceData(data))))
}

// match reports whether the element whose name starts at data[i:] is the
// recorded one with other values, and where it ends (after its end tag's
// '>'). Each hole's value is left in k.spans. maxRun is the scanner's
// bound on a run between two '<': the whole element must be shorter.
func (k *xmlSkeleton) match(data []byte, i, maxRun int) (end int, ok bool) {
	cur, prev := i, k.start
	for h := range k.holes {
		hole := &k.holes[h]
		n := int(hole.at) - prev
		if !equalAt(data, cur, prev, n) {
			return 0, false
		}
		cur += n
		if hole.text {
			t := skipSpace(data, cur)
			q := numberUntil(data, t)
			hi := q
			if q < 0 || data[q] != '<' { // not a number or a time: the scanner's own checks
				if q = indexByteFrom(data, t, '<'); q <= t {
					return 0, false // no '<', or only white space before it
				}
				var ok bool
				if hi, ok = elementText(data[t:q]); !ok {
					return 0, false
				}
				hi += t
			}
			for hi > t && data[hi-1] == ' ' { // printable ASCII: only spaces to trim (elementText trims the rest)
				hi--
			}
			if t >= hi {
				return 0, false // only white space: left to the scanner
			}
			k.spans[h] = span{int32(t), int32(hi)}
			cur = q
		} else {
			quote := data[hole.end] // the quote that closed the recorded value
			q := plainUntil(data, cur, quote)
			if q < 0 || data[q] != quote {
				if q = indexByteFrom(data, cur, quote); q < 0 || !plainRun(data[cur:q], &xmlValueByte) {
					return 0, false
				}
			}
			k.spans[h] = span{int32(cur), int32(q)}
			cur = q
		}
		prev = int(hole.end)
	}
	n := k.end - prev
	if !equalAt(data, cur, prev, n) {
		return 0, false
	}
	cur += n
	if cur-(i-1) >= maxRun {
		return 0, false
	}
	return cur, true
}

// replay calls v for the element k matched (see match), path being the
// open elements around it; path is returned as it was. A visitor that
// plans (pv, nil for others) is given the element in one call when its
// plan takes the record.
func (k *xmlSkeleton) replay(data []byte, s *xmlScanner, path []string, v xmlVisitor, pv xmlPlanner) ([]string, error) {
	if pv != nil {
		if !k.planned {
			k.planned = true
			k.steps, k.planOK = pv.plan(k, k.steps[:0])
		}
		if k.planOK {
			return path, pv.replayPlan(k, data)
		}
	}
	for e := range k.events {
		ev := &k.events[e]
		if ev.end {
			text := ""
			if ev.text >= 0 {
				sp := k.spans[ev.text]
				text = view(data[sp.at:sp.end])
			}
			if err := v.end(path, text); err != nil {
				return path, err
			}
			path = path[:len(path)-1]
			continue
		}
		attrs := s.attrs[:0]
		for _, a := range k.attrs[ev.attr : ev.attr+ev.nattr] {
			sp := k.spans[a.hole]
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: a.name}, Value: view(data[sp.at:sp.end])})
		}
		s.attrs = attrs
		path = append(path, ev.name)
		s.el.Name.Local, s.el.Attr = ev.name, attrs // Name.Space is always empty: two words written, not five
		if err := v.start(path, &s.el); err != nil {
			return path, err
		}
	}
	return path, nil
}

// value is the value of hole h in the element matched, "" for -1 (an end
// tag without text, an absent attribute).
func (k *xmlSkeleton) value(data []byte, h int16) string {
	if h < 0 {
		return ""
	}
	sp := k.spans[h]
	return view(data[sp.at:sp.end])
}

// walkRecord calls f for each event of the complete record in order, with
// the element's name and its parent's within the record ("" for the
// recorded element itself); it stops and reports false when f does.
func (k *xmlSkeleton) walkRecord(f func(ev *skelEvent, name, parent string) bool) bool {
	var open [maxSkelEvents/2 + 1]string
	n := 0
	for e := range k.events {
		ev := &k.events[e]
		if ev.end {
			if n == 0 {
				return false
			}
			n--
		}
		name, par := ev.name, ""
		if ev.end {
			name = open[n]
		}
		if n > 0 {
			par = open[n-1]
		}
		if !f(ev, name, par) {
			return false
		}
		if !ev.end {
			if n == len(open) {
				return false
			}
			open[n] = ev.name
			n++
		}
	}
	return true
}

// attrHole is the hole of the first attribute of start tag ev named name
// (attr's choice), -1 when it has none.
func (k *xmlSkeleton) attrHole(ev *skelEvent, name string) int16 {
	for _, a := range k.attrs[ev.attr : ev.attr+ev.nattr] {
		if a.name == name {
			return a.hole
		}
	}
	return -1
}

// plainUntil is the position of the first byte at or after data[i:]
// that is stop or outside what plainWord takes as it is (printable ASCII
// but '&', '<' and ']'), found a word at a time; -1 when the document ends
// within eight bytes, left to the caller's general way. The bytes before
// it are what plainRun takes in every class.
func plainUntil(data []byte, i int, stop byte) int {
	zero := func(v uint64) uint64 { return (v - lows) &^ v & highs } // lowest flag exact: a borrow only flags bytes above a zero
	for ; i >= 0 && i+8 <= len(data); i += 8 {
		x := load64(data, i)
		if m := x&highs | (x-0x20*lows)&^x&highs | zero(x^'&'*lows) | zero(x^'<'*lows) | zero(x^']'*lows) | zero(x^uint64(stop)*lows); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	return -1
}

// numberUntil is plainUntil(data, i, '<') for the texts of a track, the
// bytes of numbers and times ('-' to 'Z') before a '<', found with four
// tests a word, not six; anything else is plainUntil's. TestNumberUntil
// compares the two.
func numberUntil(data []byte, i int) int {
	for j := i; j >= 0 && j+8 <= len(data); j += 8 {
		x := load64(data, j)
		y := x &^ highs
		lt := x ^ '<'*lows
		// A flag for each byte outside '-' (0x2d) to 'Z' (0x5a), below
		// (no carry into its top bit), above, or not ASCII, and for each
		// '<' (exact for the lowest, as in plainUntil).
		if m := (^(y + (0x80-0x2d)*lows) | (y + (0x80-0x5b)*lows) | x | (lt-lows)&^lt) & highs; m != 0 {
			if p := j + bits.TrailingZeros64(m)>>3; data[p] == '<' {
				return p
			}
			break
		}
	}
	return plainUntil(data, i, '<')
}

// indexByteFrom is the position of the first c at or after data[i:], or
// -1: the first words are searched inline (values are short), the rest by
// bytes.IndexByte.
func indexByteFrom(data []byte, i int, c byte) int {
	for w := 0; w < 4 && i+8 <= len(data); w++ {
		x := load64(data, i) ^ uint64(c)*lows
		if z := (x - lows) &^ x & highs; z != 0 {
			return i + bits.TrailingZeros64(z)>>3
		}
		i += 8
	}
	if i > len(data) {
		return -1
	}
	x := bytes.IndexByte(data[i:], c)
	if x < 0 {
		return -1
	}
	return i + x
}
