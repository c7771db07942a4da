package safetext

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"alice", "alice"},
		{"Zoë Müller 🏃", "Zoë Müller 🏃"},
		{`C:\runs\a.fit`, `C:\runs\a.fit`},
		{"x\n::error::owned", `x\n::error::owned`},
		{"a\r\tb", `a\r\tb`},
		{"\x1b[2J\x1b]0;title\x07", `\x1b[2J\x1b]0;title\a`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"run\u202egpx.exe", `run\u202egpx.exe`},
		{"\u2066iso\u2069\u200f", `\u2066iso\u2069\u200f`},
		{"line\u2028sep", `line\u2028sep`},
		{"bad\xffutf8\xc3", `bad\xffutf8\xc3`},
		{"nul\x00", `nul\x00`},
	} {
		got := Escape(tc.in)
		if got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		for _, r := range got {
			if unsafe(r) {
				t.Errorf("Escape(%q) = %q still holds %U", tc.in, got, r)
			}
		}
		if strings.ContainsAny(got, "\n\r\x1b") {
			t.Errorf("Escape(%q) = %q is not one safe line", tc.in, got)
		}
	}
}

func FuzzEscape(f *testing.F) {
	f.Add("x\n::error::\x1b[31m\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		for i, r := range got {
			if unsafe(r) || (r == 0xfffd && !strings.Contains(s, "\ufffd")) {
				t.Fatalf("Escape(%q) = %q: unsafe %U at %d", s, got, r, i)
			}
		}
		if again := Escape(got); again != got {
			t.Fatalf("Escape(%q) = %q, escaped again %q: not stable", s, got, again)
		}
	})
}

func TestCSVCell(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"alice", "alice"},
		{"-3.2", "-3.2"},
		{"+7", "+7"},
		{"--7", "'--7"},
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"::error::forged", `\x3a:error::forged`},
		{"  ::warning file=x::y", `  \x3a:warning file=x::y`},
		{"a::b", "a::b"},
		{"x\n::error::y", `x\n::error::y`},
		{"\tTAB", `\tTAB`}, // escaped first: no longer a tab
		{"gpx\u202eexe", `gpx\u202eexe`},
		{"1.", "1."},
	} {
		if got := CSVCell(tt.in); got != tt.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeKeepLines(t *testing.T) {
	in := "<p>alice\u202e\x1b[31m</p>\n\t<td>\x85ok\xff</td>\r\n"
	want := "<p>alice\\u202e\\x1b[31m</p>\n\t<td>\\x85ok\\xff</td>\r\n"
	if got := EscapeKeepLines(in); got != want {
		t.Errorf("EscapeKeepLines = %q, want %q", got, want)
	}
	if s := "plain\ntext"; EscapeKeepLines(s) != s {
		t.Errorf("plain text changed")
	}
}
