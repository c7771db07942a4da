package main

import "testing"

func TestJobsForLoad(t *testing.T) {
	tests := []struct {
		cpus    int
		loadavg string
		want    int
	}{
		{2, "0.00 0.01 0.05 1/200 1234", 2},
		{2, "0.70 0.50 0.40 2/200 1234", 2}, // a core three quarters busy is still taken
		{2, "0.80 0.50 0.40 2/200 1234", 1},
		{2, "1.10 1.00 1.00 3/200 1234", 1},
		{2, "9.00 9.00 9.00 9/200 1234", 1}, // never fewer than one
		{8, "3.10 3.00 3.00 4/300 99", 5},
		{4, "", 4},         // unreadable: one per CPU
		{4, "nan 1 1", 4},  // unreadable: one per CPU
		{4, "-1 0 0", 4},   // unreadable: one per CPU
		{4, "junk 1 1", 4}, // unreadable: one per CPU
	}
	for _, tt := range tests {
		if got := jobsForLoad(tt.cpus, tt.loadavg); got != tt.want {
			t.Errorf("jobsForLoad(%d, %q) = %d, want %d", tt.cpus, tt.loadavg, got, tt.want)
		}
	}
}
