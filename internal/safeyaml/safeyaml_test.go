package safeyaml

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/hostile"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error  // nil: parsed
		text string // in the message
	}{
		{"a config", "timezone: UTC\nrules:\n  load-spike: {medium: 1.4}\n", nil, ""},
		{"an anchor used twice", "base: &b {medium: 1.4}\nrules: {load-spike: *b, gct-imbalance: *b}\n", nil, ""},
		{"a key twice", "timezone: UTC\nrules: {}\ntimezone: Europe/Zurich\n", ErrDuplicate, `line 3: duplicate key "timezone" (first at line 1)`},
		{"a nested key twice", "rules:\n  load-spike:\n    medium: 1.4\n    medium: 9\n", ErrDuplicate, `line 4: duplicate key "medium"`},
		{"a list alias bomb", string(hostile.AliasBombYAML(9)), ErrAliases, "too many nodes: more than 200000"},
		{"a mapping alias bomb", string(hostile.AliasMapBombYAML(9)), ErrAliases, "an alias bomb"},
		{"too large", strings.Repeat("# x\n", MaxBytes/4+1), ErrTooLarge, "over 1024 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			if !errors.Is(err, tt.want) || (tt.want != nil && !strings.Contains(err.Error(), tt.text)) {
				t.Errorf("Parse = %v; want %v saying %q", err, tt.want, tt.text)
			}
		})
	}
	if n := len(hostile.AliasBombYAML(9)); n > 800 {
		t.Errorf("the alias bomb is %d bytes, want the attack's ~700", n)
	}
}

// TestReadFileRefusesNonRegular: a FIFO (which would block), a link to
// /dev/zero (which never ends) and a folder are refused at once.
func TestReadFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]error{fifo: ErrNotRegular, zero: ErrNotRegular, dir: ErrNotRegular, big: ErrTooLarge} {
		if _, err := ReadFile(path); !errors.Is(err, want) {
			t.Errorf("ReadFile(%s) = %v, want %v", filepath.Base(path), err, want)
		}
	}
}
