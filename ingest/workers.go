package ingest

import (
	"archive/zip"
	"context"
	"sync"
	"sync/atomic"
)

// Workers is a run's pool of decoding slots, shared by every file being
// read: a caller holds one slot per file it decodes, and a zip being
// decoded borrows the slots that are free for its members, so that a bulk
// export alone in a run is inflated and decoded on every core while a
// team of many files is not decoded on more cores than --jobs.
type Workers struct{ slots chan struct{} }

// NewWorkers makes a pool of n slots (at least 1).
func NewWorkers(n int) *Workers { return &Workers{slots: make(chan struct{}, max(n, 1))} }

// Acquire takes a slot, waiting for one; it fails only when ctx ends.
func (w *Workers) Acquire(ctx context.Context) error {
	select {
	case w.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TryAcquire takes a slot when one is free at once.
func (w *Workers) TryAcquire() bool {
	if w == nil {
		return false
	}
	select {
	case w.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// Release gives a slot back.
func (w *Workers) Release() { <-w.slots }

// Size is the number of slots.
func (w *Workers) Size() int {
	if w == nil {
		return 1
	}
	return cap(w.slots)
}

// memberOut is what one zip member gave: its activities, in the order
// its decoder emitted them, and its problems.
type memberOut struct {
	acts  []*Activity
	probs []Problem
}

// readMembers decodes the members with read and hands each member's
// activities to fn and its problems to the result in member order: the
// result is that of reading them one by one. The calling goroutine
// decodes too; a helper goroutine joins whenever a slot of opt.Workers is
// free. At most window members are decoded ahead of the one being handed
// on, so memory is that of a few activities, however large the zip.
// stop is asked before each member is begun; once it says so, no later
// member is read.
func readMembers(ctx context.Context, files []*zip.File, opt Options, read func(*zip.File, func(*Activity)) []Problem,
	fn func(*Activity), stop func() bool) []Problem {
	if opt.Workers.Size() <= 1 || len(files) < 2 {
		var probs []Problem
		for _, f := range files {
			if ctx.Err() != nil || stop() {
				break
			}
			probs = append(probs, read(f, fn)...)
		}
		return probs
	}
	window := 2 * opt.Workers.Size()
	outs := make([]chan memberOut, len(files))
	for i := range outs {
		outs[i] = make(chan memberOut, 1)
	}
	ahead := make(chan struct{}, window) // a token per member begun and not yet handed on
	quit := make(chan struct{})          // closed when the caller hands on no more
	var next atomic.Int64                // the number of members begun
	// claim begins the next member and gives its index: waiting for room
	// in the window (wait), or -1 at once when there is none; -1 too when
	// every member is begun or the caller quit.
	claim := func(wait bool) int {
		if wait {
			select {
			case ahead <- struct{}{}:
			case <-quit:
				return -1
			case <-ctx.Done():
				return -1
			}
		} else {
			select {
			case ahead <- struct{}{}:
			default:
				return -1
			}
		}
		i := int(next.Add(1) - 1)
		if i >= len(files) {
			<-ahead // its own token: the channel holds at least that one
			return -1
		}
		return i
	}
	decode := func(i int) {
		var o memberOut
		if ctx.Err() == nil {
			o.probs = read(files[i], func(a *Activity) { o.acts = append(o.acts, a) })
		}
		outs[i] <- o // buffered: never waits
	}
	var wg sync.WaitGroup
	helpers := 0
	spawn := func() {
		for helpers < opt.Workers.Size()-1 && int(next.Load()) < len(files) && opt.Workers.TryAcquire() {
			helpers++
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer opt.Workers.Release()
				for {
					select {
					case <-quit:
						return
					default:
					}
					i := claim(true)
					if i < 0 {
						return
					}
					decode(i)
				}
			}()
		}
	}
	var probs []Problem
	handOn := func(o memberOut) {
		for _, a := range o.acts {
			fn(a)
		}
		probs = append(probs, o.probs...)
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		if stop() {
			// The members begun are handed on all the same: the one whose
			// problem says why reading stopped may be any of them.
			close(quit)
			wg.Wait()
			for k := i; k < min(int(next.Load()), len(files)); k++ {
				handOn(<-outs[k])
			}
			return probs
		}
		spawn()
		if int(next.Load()) <= i {
			// Nobody has begun member i: the caller does (or, if a helper
			// just did, the one after it).
			j := claim(true)
			if j < 0 && ctx.Err() != nil {
				break // nobody will begin member i
			}
			if j >= 0 {
				decode(j)
			}
		}
		var o memberOut
		select {
		case o = <-outs[i]:
		default:
			// A helper is decoding member i: read another meanwhile.
			if j := claim(false); j >= 0 {
				decode(j)
			}
			o = <-outs[i]
		}
		<-ahead // member i's token
		handOn(o)
	}
	// Helpers finish the member they are decoding and begin no other;
	// what was decoded ahead is dropped.
	close(quit)
	wg.Wait()
	return probs
}
