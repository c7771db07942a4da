package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	info := func(v string, settings ...debug.BuildSetting) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Path: "github.com/itbcheck/itbcheck", Version: v}, Settings: settings}, true
		}
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	tests := []struct {
		name    string
		read    func() (*debug.BuildInfo, bool)
		want    string
		details string // substring of buildDetails
	}{
		{"a tagged release", info("v0.2.0"), "0.2.0", "go"},
		{"a build from a clone", info("(devel)"), releaseVersion, "go"},
		{"an untagged commit", info("v0.0.0-20261201143858-e4dd721abcde+dirty",
			debug.BuildSetting{Key: "vcs.revision", Value: "e4dd721abcdef0123456789"}, debug.BuildSetting{Key: "vcs.modified", Value: "true"}),
			releaseVersion, "commit e4dd721abcde, modified, go"},
		{"no build info", none, releaseVersion, "go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildVersion(tt.read); got != tt.want {
				t.Errorf("buildVersion = %q, want %q", got, tt.want)
			}
			if got := buildDetails(tt.read); !strings.Contains(got, tt.details) {
				t.Errorf("buildDetails = %q, want it to hold %q", got, tt.details)
			}
		})
	}
}
