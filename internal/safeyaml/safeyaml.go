// Package safeyaml reads the YAML files itbcheck is given (the config and
// its roster, expectations, a YAML symptom log) as hostile input: only a
// regular file (never a FIFO that blocks or a link to /dev/zero), at most
// MaxBytes, duplicate keys refused with both lines, and aliases counted
// as they expand so that a 700-byte alias bomb fails at once instead of
// flattening into billions of nodes. The bounds are fixed: the config
// that could set them is itself read under them.
package safeyaml

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Fixed bounds of a YAML file (README, "Robustness: limits and refusals").
// A team's config with a roster of a thousand athletes, or a runner's
// diary of years, is well below them; parsing MaxBytes costs at most
// about 130 MiB and two seconds.
const (
	MaxBytes = 1 << 20
	// MaxNodes bounds the nodes of a document counted with every alias
	// expanded where it is used.
	MaxNodes = 200_000
)

// Sentinel errors, for errors.Is.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("too large")
	ErrDuplicate  = errors.New("duplicate key")
	ErrAliases    = errors.New("too many nodes")
)

// ReadFile reads the YAML file at path: a regular file or a link to one,
// of at most MaxBytes. Opening never blocks (a FIFO with no writer).
func ReadFile(path string) ([]byte, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s): only regular files are read", ErrNotRegular, kind(st.Mode()))
	}
	return ReadAll(f)
}

// ReadAll reads r to its end, refusing more than MaxBytes.
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: over %d KiB, the fixed bound of a YAML file", ErrTooLarge, MaxBytes>>10)
	}
	return data, nil
}

// kind names a non-regular file mode.
func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// Parse parses data as one YAML document and checks it: no mapping with
// a key twice, and at most MaxNodes nodes with aliases expanded. Errors
// name the line; the document node is returned (Kind 0 when empty).
func Parse(data []byte) (*yaml.Node, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: over %d KiB, the fixed bound of a YAML file", ErrTooLarge, MaxBytes>>10)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not valid YAML: %s", strings.Join(strings.Fields(err.Error()), " "))
	}
	c := checker{budget: MaxNodes}
	if err := c.walk(&doc, 0); err != nil {
		return nil, err
	}
	return &doc, nil
}

// checker walks a document, expanding aliases against a node budget.
type checker struct {
	budget int
}

// maxAliasDepth bounds aliases inside aliases (a chain of 100 anchors
// each using the last is no config).
const maxAliasDepth = 100

func (c *checker) walk(n *yaml.Node, aliases int) error {
	if n == nil {
		return nil
	}
	if c.budget--; c.budget < 0 {
		return fmt.Errorf("line %d: %w: more than %d, aliases counted at each use (an alias bomb?)", n.Line, ErrAliases, MaxNodes)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if aliases >= maxAliasDepth {
			return fmt.Errorf("line %d: %w: aliases nested more than %d deep", n.Line, ErrAliases, maxAliasDepth)
		}
		return c.walk(n.Alias, aliases+1)
	case yaml.MappingNode:
		if aliases == 0 { // a mapping is checked where it is written, not again at each use
			if err := duplicates(n); err != nil {
				return err
			}
		}
	}
	for _, k := range n.Content {
		if err := c.walk(k, aliases); err != nil {
			return err
		}
	}
	return nil
}

// duplicates refuses a mapping that gives a key twice: YAML takes the
// last silently, which hides a typo'd threshold.
func duplicates(n *yaml.Node) error {
	if len(n.Content) < 4 {
		return nil
	}
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || k.Value == "<<" {
			continue
		}
		if line, ok := first[k.Value]; ok {
			return fmt.Errorf("line %d: %w %q (first at line %d)", k.Line, ErrDuplicate, clip(k.Value), line)
		}
		first[k.Value] = k.Line
	}
	return nil
}

// clip shortens a key for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
