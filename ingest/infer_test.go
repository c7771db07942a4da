package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A per-sample CSV names no sport: a ride's ~85 rpm, doubled as strides,
// looks like a runner's 170 spm, and only its speed tells it apart. A
// ride must never become running load.
func TestInferSportFromSampleCSV(t *testing.T) {
	tests := []struct {
		name    string
		speedMS float64 // 0: no speed column
		want    Sport
	}{
		{"run at 3.2 m/s", 3.2, SportRunning},
		{"ride at 8.5 m/s", 8.5, SportUnknown},
		{"no speed column", 0, SportRunning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("timestamp,cadence,heart_rate")
			if tt.speedMS > 0 {
				b.WriteString(",speed")
			}
			b.WriteString("\n")
			for i := 0; i < 120; i++ {
				fmt.Fprintf(&b, "%d,%d,140", 1000000000+i, 84+i%3)
				if tt.speedMS > 0 {
					fmt.Fprintf(&b, ",%.2f", tt.speedMS)
				}
				b.WriteString("\n")
			}
			path := filepath.Join(t.TempDir(), "samples.csv")
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			acts, err := Open(path, Options{})
			if err != nil || len(acts) != 1 {
				t.Fatalf("open: %d activities, %v", len(acts), err)
			}
			if got := acts[0].Sport; got != tt.want {
				t.Errorf("sport %q, want %q (notes %q)", got, tt.want, acts[0].Notes)
			}
		})
	}
}
