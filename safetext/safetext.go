// Package safetext makes text that comes from an input file (file and
// folder names, activity titles, device strings, developer-field names,
// GPX creators, zip member names) safe to print where a person or a CI
// runner reads it: a terminal, stderr, a text or Markdown report, a CSV
// cell, a GitHub Actions log.
//
// Such text may hold ANSI escape sequences that repaint a terminal, a
// newline that starts a forged "::error::" annotation line, C1 controls
// or bidirectional overrides (U+202E) that make "gpx.exe" look like
// "exe.gpx". Escape keeps every such character visible as a Go-style
// escape (\n, \x1b, \u202e) and leaves all other text as it is, so the
// printed name still identifies the file. It is the one sanitiser of
// itbcheck: every renderer and every message about a file goes through it.
package safetext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with control characters (C0, DEL, C1), Unicode line
// and paragraph separators, bidirectional controls and invalid UTF-8
// bytes written as escapes in the style of %q (\n, \t, \x1b, \u202e,
// \xff), and every other character unchanged.
//
// Text that starts with "::" (after spaces) has its first colon written
// \x3a: printed at the start of a line (a text table's first column, a
// CSV's first cell) it would be a GitHub Actions workflow command, which
// the runner reads after trimming leading spaces.
func Escape(s string) string { return escape(s, false) }

// EscapeKeepLines is Escape for a whole rendered document (an HTML page,
// a JUnit XML file): line breaks and tabs, which the document's own
// layout uses, are kept; every other control, bidi control and invalid
// byte is escaped. A sink applies it last, so that no field of the
// document can carry a raw one whichever way it got in.
func EscapeKeepLines(s string) string { return escape(s, true) }

// escape is Escape, or with keepLines EscapeKeepLines: one loop, so the
// two cannot drift apart on what they escape.
func escape(s string, keepLines bool) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	command := !keepLines && workflowCommand(s)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case keepLines && (r == '\n' || r == '\r' || r == '\t'):
			b.WriteByte(s[i])
		case command && r == ':':
			b.WriteString(`\x3a`)
			command = false
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case unsafe(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// CSVCell makes s safe as a CSV cell: escaped (Escape, which also breaks
// a leading "::", a GitHub Actions workflow command when the CSV is
// printed in a CI log), and a cell that a spreadsheet would run as a
// formula (starting with = + - @, a tab or a carriage return, unless it is
// a plain number) gets a leading apostrophe.
func CSVCell(s string) string {
	s = Escape(s)
	if s == "" || plainNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// plainNumber reports whether s is a number a spreadsheet may read as
// such, e.g. -3.2: it keeps its sign.
func plainNumber(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	return digits(whole) && (!dot || digits(frac))
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// workflowCommand reports whether s starts, after spaces, with "::".
func workflowCommand(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " "), "::")
}

// needsEscape reports whether Escape would change s.
func needsEscape(s string) bool {
	if workflowCommand(s) {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafe(r) {
			return true
		}
		i += size
	}
	return false
}

// unsafe reports whether r must not reach a terminal or log as itself.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0: // C0, DEL, C1
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // bidi marks
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	}
	return false
}

// escapeRune writes one unsafe rune as %q does.
func escapeRune(r rune) string {
	q := strconv.QuoteRuneToASCII(r) // e.g. '\n', '\x1b', '\u202e'
	return q[1 : len(q)-1]
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
