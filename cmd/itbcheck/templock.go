package main

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"sync"
)

// Temporaries in a shared output folder. Every temporary itbcheck writes
// is named ".itbcheck-TOKEN-RANDOM.tmp", TOKEN being random for each run,
// and the run holds an exclusive lock (flock) on ".itbcheck-TOKEN.lock"
// in the same folder for as long as it writes there. A later run removes
// a temporary only when it is provably ours and dead: its name has our
// form, its lock file exists, and the lock can be taken (the kernel drops
// a dead process's locks, whatever its PID namespace or container). A
// name alone, an age or a process id prove nothing: other programs'
// files, earlier versions' temporaries and a live run's files in another
// container are left alone.

// tempPrefix starts the name of every temporary itbcheck writes.
const tempPrefix = ".itbcheck-"

// runToken names this run's temporaries and lock files.
var runToken = newRunToken()

func newRunToken() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

// ownTemp matches itbcheck's temporaries, ownLock its lock files; the
// group is the run's token.
var (
	ownTemp = regexp.MustCompile(`^\.itbcheck-([0-9a-f]{16})-[0-9]+\.tmp$`)
	ownLock = regexp.MustCompile(`^\.itbcheck-([0-9a-f]{16})\.lock$`)
)

// lockName is the lock file of the run with token in dir.
func lockName(dir, token string) string {
	return filepath.Join(dir, tempPrefix+token+".lock")
}

// tempLocks are this run's held lock files, by folder.
var tempLocks = struct {
	sync.Mutex
	held map[string]*os.File
}{held: map[string]*os.File{}}

// createTemp creates a new temporary file beside path, after taking this
// run's lock in its folder, so that removeStaleTemps in another run sees
// it as live.
func createTemp(path string) (*os.File, error) {
	dir := filepath.Dir(path)
	holdTempLock(dir)
	return os.CreateTemp(dir, tempPrefix+runToken+"-*.tmp")
}

// holdTempLock takes this run's lock in dir once. Where the folder or the
// system allows no lock, the temporaries are written all the same; no
// other run can then prove them dead, so none removes them.
func holdTempLock(dir string) {
	tempLocks.Lock()
	defer tempLocks.Unlock()
	if _, ok := tempLocks.held[dir]; ok {
		return
	}
	tempLocks.held[dir] = nil
	name := lockName(dir, runToken)
	for try := 0; try < 3; try++ {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return
		}
		if !lockFile(f, true) {
			f.Close()
			return
		}
		// Another run may have taken our new file for a dead run's and
		// removed it before we locked it: then lock a new one.
		st, serr := os.Stat(name)
		fst, ferr := f.Stat()
		if serr == nil && ferr == nil && os.SameFile(st, fst) {
			tempLocks.held[dir] = f
			return
		}
		f.Close()
	}
}

// releaseTempLocks removes this run's lock files once its temporaries are
// renamed or removed.
func releaseTempLocks() {
	tempLocks.Lock()
	defer tempLocks.Unlock()
	for dir, f := range tempLocks.held {
		if f != nil {
			os.Remove(f.Name())
			f.Close()
		}
		delete(tempLocks.held, dir)
	}
}

// removeStaleTemps deletes, in dir, the temporaries that a run killed
// mid-write (SIGKILL, power loss) left behind, and their lock files: only
// those of our naming whose run's lock file exists and is not held. Other
// files are never touched; errors are ignored (the folder may be shared).
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	dead := map[string]*os.File{} // token: its lock, held by us while removing; nil: alive or unknown
	isDead := func(token string) bool {
		if token == runToken {
			return false
		}
		f, seen := dead[token]
		if !seen {
			f = nil
			if lf, err := os.OpenFile(lockName(dir, token), os.O_RDWR, 0); err == nil {
				if st, err := lf.Stat(); err == nil && st.Mode().IsRegular() && lockFile(lf, false) {
					f = lf
				} else {
					lf.Close()
				}
			}
			dead[token] = f
		}
		return f != nil
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if m := ownTemp.FindStringSubmatch(e.Name()); m != nil && isDead(m[1]) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	for _, e := range entries {
		if m := ownLock.FindStringSubmatch(e.Name()); m != nil && e.Type().IsRegular() {
			isDead(m[1])
		}
	}
	for _, f := range dead {
		if f != nil {
			os.Remove(f.Name())
			f.Close()
		}
	}
}
