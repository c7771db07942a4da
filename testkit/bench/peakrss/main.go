// Command peakrss runs a command and reports the peak resident set size and
// CPU time of that command alone:
//
//	peakrss CMD [ARG...]
//
// The command's standard streams are the wrapper's. After the command ends,
// peakrss writes one line to file descriptor 3 (standard error when 3 is not
// open): "maxrss_kib=N user_us=N sys_us=N", from getrusage(RUSAGE_CHILDREN),
// and exits with the command's exit code.
//
// Why a wrapper: a process started from a large one (a benchmark, a test)
// reports the larger of its own peak and its parent's resident size at the
// time of exec, since Go starts children with vfork and Linux carries the
// old address space's peak into the new one. Started from this small
// wrapper, the floor is the wrapper's own resident size (about 2 MiB;
// `peakrss /bin/true` shows it), not the benchmark's.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: peakrss CMD [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	out := os.NewFile(3, "report")
	line := fmt.Sprintf("maxrss_kib=%d user_us=%d sys_us=%d\n", ru.Maxrss,
		ru.Utime.Sec*1e6+ru.Utime.Usec, ru.Stime.Sec*1e6+ru.Stime.Usec)
	if _, err := out.WriteString(line); err != nil {
		os.Stderr.WriteString(line)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}
