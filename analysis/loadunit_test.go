package analysis

import "testing"

func TestLoadMetricUnit(t *testing.T) {
	for m, want := range map[LoadMetric]string{
		LoadDistance: "km", LoadDuration: "min", LoadTRIMP: "TRIMP", LoadSRPE: "sRPE AU", "": "km",
	} {
		if got := m.Unit(); got != want {
			t.Errorf("LoadMetric(%q).Unit() = %q, want %q", m, got, want)
		}
	}
}
