package main

import (
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// releaseVersion is the release this source is, for builds that carry no
// tagged module version (a build from a clone).
const releaseVersion = "0.1.0"

// version is itbcheck's version, printed by `itbcheck version` and
// --version and written into every report: the module version of the
// build (`go install ...@v0.2.0` stamps it) when it is a tagged release,
// else releaseVersion.
var version = buildVersion(debug.ReadBuildInfo)

// pseudoVersion matches the versions Go gives untagged commits
// (v0.0.0-20261201143858-e4dd721abcde).
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}`)

// buildVersion reads the version from the build info.
func buildVersion(read func() (*debug.BuildInfo, bool)) string {
	bi, ok := read()
	if !ok {
		return releaseVersion
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" || pseudoVersion.MatchString(v) || strings.Contains(v, "+dirty") {
		return releaseVersion
	}
	return strings.TrimPrefix(v, "v")
}

// buildDetails says what the binary was built from: the commit and
// whether the tree had changes, the Go version and the platform.
func buildDetails(read func() (*debug.BuildInfo, bool)) string {
	parts := []string{}
	if bi, ok := read(); ok {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			c := "commit " + rev
			if modified == "true" {
				c += ", modified"
			}
			parts = append(parts, c)
		}
	}
	parts = append(parts, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	return strings.Join(parts, ", ")
}

// versionLine is what `itbcheck version` and --version print.
func versionLine() string {
	return fmt.Sprintf("itbcheck %s (%s)", version, buildDetails(debug.ReadBuildInfo))
}

// versionCommand prints the version.
func (c *cli) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print itbcheck's version and what it was built from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(c.stdout, versionLine())
			return nil
		},
	}
}
