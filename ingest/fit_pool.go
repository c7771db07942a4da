package ingest

import (
	"sync"

	"github.com/muktihari/fit/decoder"
)

// Recycling of the FIT decoder's working memory.
//
// A one-hour run at 1 Hz fills about 400 KB of sample slices, and a club's
// archive holds tens of thousands of runs: allocating them afresh for every
// file makes the garbage collector, not decoding, the cost of a batch. A
// caller that is done with an activity's samples (the pipeline, once the
// run is measured) hands them back with Samples.Recycle, and the next file
// the FIT fast path reads takes them from here.

// channelPool holds sample slices (one channel each) for reuse.
var channelPool sync.Pool // of *[]float64

// channelRound rounds the capacity of new channel slices up, so that a
// recycled slice fits the next file of about the same length.
const channelRound = 1024

// channelSlice returns an empty slice with room for n values.
func channelSlice(n int) []float64 {
	if p, _ := channelPool.Get().(*[]float64); p != nil && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]float64, 0, (n+channelRound-1)/channelRound*channelRound)
}

// Recycle hands the storage of the samples back for reuse by later
// decoding and leaves s empty. Call it only when nothing refers to the
// slices any more (Samples.At values and copies are fine); reading them
// afterwards gives another activity's values.
func (s *Samples) Recycle() {
	for _, v := range s.channels() {
		if cap(*v) >= channelRound {
			c := (*v)[:0]
			channelPool.Put(&c)
		}
	}
	*s = Samples{}
}

// channels lists the sample slices, one per channel.
func (s *Samples) channels() [14]*[]float64 {
	return [...]*[]float64{&s.ElapsedS, &s.DistanceM, &s.SpeedMS, &s.HeartRateBPM,
		&s.CadenceSPM, &s.AltitudeM, &s.LatDeg, &s.LonDeg, &s.StanceTimeMs, &s.BalanceLeftPct,
		&s.VertOscCm, &s.VertRatioPct, &s.StepLengthM, &s.PowerW}
}

// presize gives every channel without storage room for n values, recycled
// storage when there is some.
func (s *Samples) presize(n int) {
	for _, v := range s.channels() {
		if *v == nil {
			*v = channelSlice(n)
		}
	}
}

// restDecoders recycles the muktihari/fit decoders of the fast path's
// second stream (each holds some 20 KB of tables and buffers).
var restDecoders = sync.Pool{New: func() any { return decoder.New(nil) }}
