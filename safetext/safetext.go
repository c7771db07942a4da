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
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
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

// needsEscape reports whether Escape would change s.
func needsEscape(s string) bool {
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
