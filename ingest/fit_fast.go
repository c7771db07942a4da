package ingest

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"sync"

	"github.com/muktihari/fit/decoder"
)

// The fast path of FIT decoding.
//
// A running-watch file is mostly record messages (one a second), and
// itbcheck reads about fifteen numeric fields of each. Decoding every record
// into a proto.Message with muktihari/fit's general decoder (a profile
// lookup, a proto.Value and a component expansion per field) costs several
// times the work of the few byte reads that are needed. So a healthy,
// ordinary file is read as follows:
//
//  1. The whole file is read into a pooled buffer and walked message by
//     message with the framing of the FIT protocol (the same framing
//     decoder.RawDecoder implements): a 12 or 14 byte file header, then
//     definition messages (header bit 6 set) and data messages (normal
//     header, bits 0-3 the local message type, or compressed-timestamp
//     header, bit 7 set, bits 5-6 the local type and 0-4 a time offset),
//     then the 2-byte CRC.
//  2. Record data messages are read straight from their bytes into the
//     samples, guided by their definition (field number, size, byte order),
//     with the base type, scale and offset of the FIT profile for each field,
//     exactly as fitSequence.onRecord reads them from a decoded message.
//  3. Every other message (definitions, file_id, session, lap, activity,
//     sport, field_description, ...) is copied, bytes unchanged, into a small
//     second FIT stream, which the ordinary listener path decodes. Those
//     messages are a few dozen per file, so they cost nothing measurable and
//     keep all the typed handling of fit.go.
//
// Anything unusual falls back to the ordinary path over the same bytes,
// which gives the precise error or handles the case: several FIT sequences
// or trailing bytes, a bad CRC, a truncated file, a record message with
// developer fields or compressed speed/distance, a non-record message with a
// compressed timestamp header, a data message without definition, or more
// records than the limit. The fast path therefore never changes what is
// read; it only skips work.

// fastFITMaxBytes bounds the files read whole into memory; larger ones
// stream through the ordinary path.
const fastFITMaxBytes = 64 << 20

// fileBuffers recycles the buffers files are read into.
var fileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readWhole reads r to its end into a pooled buffer. complete is false when
// r holds more than max bytes (data then holds the first bytes read). Call
// release when done with data.
func readWhole(r io.Reader, max int) (data []byte, complete bool, release func(), err error) {
	bp := fileBuffers.Get().(*[]byte)
	buf := (*bp)[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			*bp = buf
			return buf, false, func() { recycle(bp) }, err
		}
		if len(buf) > max {
			*bp = buf
			return buf, false, func() { recycle(bp) }, nil
		}
	}
	*bp = buf
	return buf, true, func() { recycle(bp) }, nil
}

// recycle returns a file buffer to the pool unless it is too big to keep.
func recycle(bp *[]byte) {
	if cap(*bp) <= 8<<20 {
		fileBuffers.Put(bp)
	}
}

// fastDef is what the fast path keeps of a definition message.
type fastDef struct {
	defined   bool
	mesgNum   uint16
	bigEndian bool
	size      int  // bytes of a data message's content (fields and developer fields)
	hasDev    bool // developer field definitions follow the fields
	tsOff     int  // offset of a 4-byte timestamp field (253), -1 when none
	fields    []fastField
	// slow marks a definition the fast path does not read: a record with
	// compressed_speed_distance (components to expand), or a timestamp
	// narrower than 4 bytes.
	slow bool
}

// fastField is one record field the samples need, at off in the message.
type fastField struct {
	num       byte
	off, size int
}

// fastPresizeMax bounds the samples allocated ahead from the file size:
// 55 hours at 1 Hz.
const fastPresizeMax = 200_000

// fitRecordMesg is the global number of the record message.
const fitRecordMesg = 20

// fitCompressedSpeedDistance is record field 8: 3 bytes holding speed and
// distance as components, read only by the ordinary path.
const fitCompressedSpeedDistance = 8

// fastRecordFields lists the record fields the samples use: those onRecord
// reads.
var fastRecordFields = [256]bool{
	fitPositionLat: true, fitPositionLong: true, fitAltitude: true, fitHeartRate: true,
	fitCadence: true, fitDistance: true, fitSpeed: true, fitPower: true,
	fitVerticalOscillation: true, fitStanceTime: true, fitFractionalCadence: true,
	fitEnhancedSpeed: true, fitEnhancedAltitude: true, fitVerticalRatio: true,
	fitStanceTimeBalance: true, fitStepLength: true, fitTimestamp: true,
}

// decodeFITFast decodes data, a whole FIT file held in memory, into seq and
// returns false (with seq in an undefined state) when the file needs the
// ordinary path.
func decodeFITFast(data []byte, seq *fitSequence) bool {
	if len(data) < 14 || (data[0] != 12 && data[0] != 14) || string(data[8:12]) != ".FIT" {
		return false
	}
	hsize := int(data[0])
	dataSize := int(binary.LittleEndian.Uint32(data[4:8]))
	if hsize+dataSize+2 != len(data) {
		return false // truncated, chained or followed by other bytes
	}
	if hsize == 14 {
		if want := binary.LittleEndian.Uint16(data[12:14]); want != 0 && fitCRC(0, data[:12]) != want {
			return false
		}
	}
	if fitCRC(0, data[:hsize+dataSize]) != binary.LittleEndian.Uint16(data[hsize+dataSize:]) {
		return false
	}

	// rest is the second FIT stream: a 12-byte header (sizes filled in at
	// the end), every message but the records, and a CRC the decoder is
	// told to ignore.
	var rest bytes.Buffer
	rest.Grow(4096)
	rest.Write(data[:12])
	rest.Bytes()[0] = 12

	var defs [16]fastDef
	var timestamp uint32 // the decoder's running timestamp, for compressed headers
	var lastOffset byte
	msgs := data[hsize : hsize+dataSize]
	for len(msgs) > 0 {
		header := msgs[0]
		if header&0x80 == 0 && header&0x40 != 0 { // definition message
			n, ok := parseFastDef(msgs, &defs[header&0x0f])
			if !ok {
				return false
			}
			rest.Write(msgs[:n])
			msgs = msgs[n:]
			if seq.samples.ElapsedS == nil && defs[header&0x0f].mesgNum == fitRecordMesg {
				seq.presize(len(data) / (1 + defs[header&0x0f].size))
			}
			continue
		}
		local := header & 0x0f
		compressed := header&0x80 != 0
		if compressed {
			local = (header >> 5) & 0x03
		}
		def := &defs[local]
		if !def.defined || def.slow || len(msgs) < 1+def.size {
			return false
		}
		body := msgs[1 : 1+def.size]
		if compressed {
			off := header & 0x1f
			timestamp += uint32((off - lastOffset) & 0x1f)
			lastOffset = off
		}
		if def.tsOff >= 0 {
			timestamp = readFastUint(body[def.tsOff:def.tsOff+4], def.bigEndian)
			lastOffset = byte(timestamp & 0x1f)
		}
		if def.mesgNum == fitRecordMesg {
			if def.hasDev || seq.records >= seq.maxRecords {
				return false
			}
			seq.fastRecord(def, body, compressed, timestamp)
		} else {
			if compressed {
				return false
			}
			rest.Write(msgs[:1+def.size])
		}
		msgs = msgs[1+def.size:]
	}

	b := rest.Bytes()
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-12))
	rest.Write([]byte{0, 0})
	dec := decoder.New(bytes.NewReader(rest.Bytes()), decoder.WithMesgListener(seq), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum())
	_, err := dec.Decode()
	return err == nil && !seq.tooMany
}

// parseFastDef reads the definition message at the start of msgs into def
// and returns its length; ok is false when it is cut short.
func parseFastDef(msgs []byte, def *fastDef) (n int, ok bool) {
	if len(msgs) < 6 {
		return 0, false
	}
	*def = fastDef{defined: true, bigEndian: msgs[2] == 1, tsOff: -1, fields: def.fields[:0]}
	if def.bigEndian {
		def.mesgNum = binary.BigEndian.Uint16(msgs[3:5])
	} else {
		def.mesgNum = binary.LittleEndian.Uint16(msgs[3:5])
	}
	nf := int(msgs[5])
	n = 6 + 3*nf
	if len(msgs) < n {
		return 0, false
	}
	off := 0
	for i := 6; i < n; i += 3 {
		num, size := msgs[i], int(msgs[i+1])
		if num == fitTimestamp && size > 0 {
			// The decoder follows every timestamp (a uint32 in the
			// profile of all messages) for compressed headers.
			def.tsOff = off
			def.slow = def.slow || size < 4
		}
		if def.mesgNum == fitRecordMesg && size > 0 {
			if num == fitCompressedSpeedDistance {
				def.slow = true
			}
			if fastRecordFields[num] {
				def.fields = append(def.fields, fastField{num: num, off: off, size: size})
			}
		}
		off += size
	}
	if msgs[0]&0x20 != 0 { // developer field definitions
		if len(msgs) < n+1 {
			return 0, false
		}
		nd := int(msgs[n])
		end := n + 1 + 3*nd
		if len(msgs) < end {
			return 0, false
		}
		for i := n + 1; i < end; i += 3 {
			off += int(msgs[i+1])
			if msgs[i+1] > 0 {
				def.hasDev = true
			}
		}
		n = end
	}
	def.size = off
	return n, true
}

// readFastUint reads an unsigned integer of len(b) ≤ 8 bytes. A field
// shorter than its profile type is read as if zero-padded, as the decoder
// does.
func readFastUint(b []byte, bigEndian bool) uint32 {
	var v uint64
	if bigEndian {
		for _, c := range b {
			v = v<<8 | uint64(c)
		}
	} else {
		for i := len(b) - 1; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
	}
	return uint32(v)
}

// presize makes room for about n samples in one allocation (at most
// fastPresizeMax: a longer activity grows its slices as it goes).
func (s *fitSequence) presize(n int) {
	n = min(max(n, 16), fastPresizeMax)
	back := make([]float64, 14*n)
	next := func() []float64 {
		v := back[:0:n]
		back = back[n:]
		return v
	}
	s.samples = Samples{
		ElapsedS: next(), DistanceM: next(), SpeedMS: next(), HeartRateBPM: next(),
		CadenceSPM: next(), AltitudeM: next(), LatDeg: next(), LonDeg: next(),
		StanceTimeMs: next(), BalanceLeftPct: next(), VertOscCm: next(),
		VertRatioPct: next(), StepLengthM: next(), PowerW: next(),
	}
	s.times = make([]uint32, 0, n)
}

// fastRecord appends the sample of one record message, read from its bytes
// as onRecord reads it from a decoded message: each field with the base
// type, invalid value, scale and offset of the FIT profile (see the
// constants in fit.go), and the legacy 16-bit speed and altitude standing in
// for the enhanced ones as the decoder's component expansion makes them.
func (s *fitSequence) fastRecord(def *fastDef, body []byte, compressed bool, timestamp uint32) {
	s.records++
	p := EmptySample()
	speed, alt := math.NaN(), math.NaN()
	expSpeed, expAlt := math.NaN(), math.NaN()
	frac := math.NaN()
	ts := s.lastTime
	if compressed {
		ts = timestamp
	}
	for _, f := range def.fields {
		b := body[f.off : f.off+f.size]
		switch f.num {
		case fitTimestamp:
			if t := readFastUint(b[:min(4, len(b))], def.bigEndian); t != math.MaxUint32 {
				ts = t
			}
		case fitPositionLat:
			p.LatDeg = fastSint32(b, def.bigEndian) * semicircleDeg
		case fitPositionLong:
			p.LonDeg = fastSint32(b, def.bigEndian) * semicircleDeg
		case fitAltitude:
			if v, ok := fastUint(b, 2, def.bigEndian); ok {
				alt = v/5 - 500
				expAlt = float64(uint32((alt+500)*5))/5 - 500
			}
		case fitEnhancedAltitude:
			p.AltitudeM = fastScaled(b, 4, def.bigEndian, 5, 500)
		case fitHeartRate:
			p.HeartRateBPM = fastScaled(b, 1, def.bigEndian, 1, 0)
		case fitCadence:
			p.CadenceSPM = fastScaled(b, 1, def.bigEndian, 1, 0)
		case fitFractionalCadence:
			frac = fastScaled(b, 1, def.bigEndian, 128, 0)
		case fitDistance:
			p.DistanceM = fastScaled(b, 4, def.bigEndian, 100, 0)
		case fitSpeed:
			if v, ok := fastUint(b, 2, def.bigEndian); ok {
				speed = v / 1000
				expSpeed = float64(uint32(speed*1000)) / 1000
			}
		case fitEnhancedSpeed:
			p.SpeedMS = fastScaled(b, 4, def.bigEndian, 1000, 0)
		case fitPower:
			p.PowerW = fastScaled(b, 2, def.bigEndian, 1, 0)
		case fitVerticalOscillation:
			p.VertOscCm = fastScaled(b, 2, def.bigEndian, 10, 0) / 10
		case fitStanceTime:
			p.StanceTimeMs = fastScaled(b, 2, def.bigEndian, 10, 0)
		case fitVerticalRatio:
			p.VertRatioPct = fastScaled(b, 2, def.bigEndian, 100, 0)
		case fitStanceTimeBalance:
			p.BalanceLeftPct = fastScaled(b, 2, def.bigEndian, 100, 0)
		case fitStepLength:
			p.StepLengthM = fastScaled(b, 2, def.bigEndian, 10, 0) / 1000
		}
	}
	// The decoder expands a valid speed (altitude) into enhanced_speed
	// (enhanced_altitude), replacing a value the record also holds there.
	if !math.IsNaN(expSpeed) {
		p.SpeedMS = expSpeed
	}
	if !math.IsNaN(expAlt) {
		p.AltitudeM = expAlt
	}
	if math.IsNaN(p.SpeedMS) {
		p.SpeedMS = speed
	}
	if math.IsNaN(p.AltitudeM) {
		p.AltitudeM = alt
	}
	if !math.IsNaN(p.CadenceSPM) && !math.IsNaN(frac) {
		p.CadenceSPM += frac
	}
	s.lastTime = ts
	s.times = append(s.times, ts)
	s.samples.Append(p)
}

// fastUint reads an unsigned field whose profile type is n bytes wide:
// a longer field gives its first n bytes, a shorter one is zero-padded.
// ok is false for the type's invalid value (all bits set).
func fastUint(b []byte, n int, bigEndian bool) (float64, bool) {
	v := readFastUint(b[:min(n, len(b))], bigEndian)
	if v == uint32(1<<(8*n)-1) {
		return 0, false
	}
	return float64(v), true
}

// fastScaled is an unsigned field after the profile's scale and offset,
// NaN when invalid.
func fastScaled(b []byte, n int, bigEndian bool, scale, offset float64) float64 {
	v, ok := fastUint(b, n, bigEndian)
	if !ok {
		return math.NaN()
	}
	return v/scale - offset
}

// fastSint32 reads a sint32 field (positions), NaN when invalid.
func fastSint32(b []byte, bigEndian bool) float64 {
	v := int32(readFastUint(b[:min(4, len(b))], bigEndian))
	if v == math.MaxInt32 {
		return math.NaN()
	}
	return float64(v)
}

// fitCRCTable is the byte-at-a-time table of the FIT CRC-16 (polynomial
// 0x8005, reflected as 0xA001, initial value 0: CRC-16/ARC).
var fitCRCTable = func() (t [256]uint16) {
	for i := range t {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[i] = c
	}
	return t
}()

// fitCRC continues the FIT CRC crc over b.
func fitCRC(crc uint16, b []byte) uint16 {
	for _, c := range b {
		crc = crc>>8 ^ fitCRCTable[byte(crc)^c]
	}
	return crc
}
