package config

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Kind is where a value came from.
type Kind int

// The places a value comes from, lowest precedence first.
const (
	FromDefault Kind = iota
	FromFile
	FromEnv
	FromFlag
)

// Source is where one value came from.
type Source struct {
	Kind Kind
	Name string // the file, the environment variable or the flag
	Line int    // in the file; 0 when unknown
}

// String gives the source in words: "default", "itbcheck.yaml:3",
// "env ITBCHECK_JOBS", "flag --jobs".
func (s Source) String() string {
	switch s.Kind {
	case FromFile:
		if s.Line > 0 {
			return fmt.Sprintf("%s:%d", s.Name, s.Line)
		}
		return s.Name
	case FromEnv:
		return "env " + s.Name
	case FromFlag:
		return "flag " + s.Name
	}
	return "default"
}

// Value is one key in force.
type Value struct {
	Key    string
	Value  string
	Source Source
}

// Show prints the config in force, one key a line with its value and
// where it came from, as `itbcheck config show` does. looked lists the
// places searched when no file was found.
func Show(w io.Writer, c *Config, looked []string) error {
	if c.File != "" {
		fmt.Fprintf(w, "# config file: %s\n", c.File)
	} else {
		fmt.Fprintf(w, "# config file: none (looked for %s); defaults and ITBCHECK_* variables apply\n", strings.Join(looked, ", "))
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tFROM")
	for _, v := range c.Values {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Key, v.Value, v.Source)
	}
	for _, v := range c.Lists {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Key, v.Value, v.Source)
	}
	return tw.Flush()
}
