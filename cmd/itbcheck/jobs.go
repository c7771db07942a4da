package main

import (
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// autoJobs is the number of decoders when neither --jobs nor the config's
// jobs names one: one per CPU that is not already busy, by the 1-minute
// load average (/proc/loadavg, read before any decoder starts), and at
// least 1. On a machine shared with other work, a decoder per CPU only
// adds switching (measured: 1.34 times the CPU of one decoder with the
// second core busy); the output is the same for any number of decoders.
// Where the load cannot be read, one per CPU.
func autoJobs() int {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return runtime.NumCPU()
	}
	return jobsForLoad(runtime.NumCPU(), string(b))
}

// jobsForLoad is autoJobs for cpus CPUs and the text of /proc/loadavg.
func jobsForLoad(cpus int, loadavg string) int {
	fields := strings.Fields(loadavg)
	if len(fields) == 0 {
		return cpus
	}
	load, err := strconv.ParseFloat(fields[0], 64)
	if err != nil || load < 0 || math.IsNaN(load) {
		return cpus
	}
	return min(cpus, max(1, cpus-int(math.Floor(load+0.25))))
}
