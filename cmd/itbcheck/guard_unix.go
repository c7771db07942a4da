//go:build unix

package main

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on f: waiting for it when wait, else
// only when no other process holds it. It reports whether f is locked.
func lockFile(f *os.File, wait bool) bool {
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err == nil
		}
	}
}
