package ingest

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"sync"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/proto"
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

// fastFITMaxBytes bounds the files read whole into memory (a day of 1 Hz
// records is about 4 MB); larger ones stream through the ordinary path, so
// a decoder never holds more than this of a file.
const fastFITMaxBytes = 16 << 20

// fileBuffers recycles the buffers files are read into.
var fileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readWhole reads r to its end into a pooled buffer. complete is false when
// r holds more than limit bytes (data then holds the first bytes read).
// Call release when done with data.
func readWhole(r io.Reader, limit int) (data []byte, complete bool, release func(), err error) {
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
		if len(buf) > limit {
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
	// devs are a record's developer fields (Stryd, Connect IQ), read
	// after the file's field descriptions are known; nil for others.
	devs *[]fastDev
	// slow marks a definition the fast path does not read: a record with
	// compressed_speed_distance (components to expand), or a timestamp
	// narrower than 4 bytes.
	slow bool
}

// fastDev is one developer field of a record definition.
type fastDev struct {
	off, size int
	index     uint8 // developer data index
	num       uint8 // field definition number
}

// devRecord is a record whose developer fields may give its power: the
// sample it made and its developer fields' bytes.
type devRecord struct {
	sample    int
	descs     int // the field descriptions before the record
	bigEndian bool
	devs      *[]fastDev
	body      []byte
}

// fitFieldDescriptionMesg is the global number of field_description.
const fitFieldDescriptionMesg = 206

// fastField is one record field the samples need: where it lies in the
// message and how to turn its bytes into a sample value.
type fastField struct {
	off     int    // offset in the message content
	n       int    // bytes read: the profile type's width, or fewer when the field is shorter
	invalid uint32 // the profile type's invalid value
	kind    fastKind
}

// fastKind says how to read one record field: the width and signedness of
// its profile type, its scale and offset, and the sample row slot it fills.
type fastKind struct {
	width  int  // bytes of the profile type: 1, 2 or 4
	signed bool // sint32 (positions); the others are unsigned
	slot   int  // index in a fastRow, or slotTime
	scale  float64
	offset float64
	mul    float64 // applied after scale and offset when not 0 (semicircles → degrees)
	div    float64 // applied after scale and offset when not 0 (mm → cm, mm → m)
}

// Slots of a fastRow: the Samples channels in their order, then values
// onRecord combines before storing.
const (
	slotDistance = iota
	slotSpeed
	slotHeartRate
	slotCadence
	slotAltitude
	slotLat
	slotLon
	slotStanceTime
	slotBalance
	slotVertOsc
	slotVertRatio
	slotStepLength
	slotPower
	slotLegacySpeed    // speed (16 bit), expanded by the decoder into enhanced_speed
	slotLegacyAltitude // altitude (16 bit), expanded into enhanced_altitude
	slotFracCadence
	fastRowLen
	slotTime = -1
)

// fastRow holds one record's values while it is read, NaN when absent.
type fastRow [fastRowLen]float64

// fastRecordKinds maps the record fields the samples use (those onRecord
// reads) to how they are read; the FIT profile's types and scales, as in
// the constants of fit.go.
var fastRecordKinds = map[byte]fastKind{
	fitTimestamp:           {width: 4, slot: slotTime, scale: 1},
	fitPositionLat:         {width: 4, signed: true, slot: slotLat, scale: 1, mul: semicircleDeg},
	fitPositionLong:        {width: 4, signed: true, slot: slotLon, scale: 1, mul: semicircleDeg},
	fitAltitude:            {width: 2, slot: slotLegacyAltitude, scale: 5, offset: 500},
	fitEnhancedAltitude:    {width: 4, slot: slotAltitude, scale: 5, offset: 500},
	fitHeartRate:           {width: 1, slot: slotHeartRate, scale: 1},
	fitCadence:             {width: 1, slot: slotCadence, scale: 1},
	fitFractionalCadence:   {width: 1, slot: slotFracCadence, scale: 128},
	fitDistance:            {width: 4, slot: slotDistance, scale: 100},
	fitSpeed:               {width: 2, slot: slotLegacySpeed, scale: 1000},
	fitEnhancedSpeed:       {width: 4, slot: slotSpeed, scale: 1000},
	fitPower:               {width: 2, slot: slotPower, scale: 1},
	fitVerticalOscillation: {width: 2, slot: slotVertOsc, scale: 10, div: 10},
	fitStanceTime:          {width: 2, slot: slotStanceTime, scale: 10},
	fitVerticalRatio:       {width: 2, slot: slotVertRatio, scale: 100},
	fitStanceTimeBalance:   {width: 2, slot: slotBalance, scale: 100},
	fitStepLength:          {width: 2, slot: slotStepLength, scale: 10, div: 1000},
}

// fastPresizeMax bounds the samples allocated ahead from the file size:
// 55 hours at 1 Hz.
const fastPresizeMax = 200_000

// fitRecordMesg is the global number of the record message, fitLapMesg
// that of the lap message.
const (
	fitRecordMesg = 20
	fitLapMesg    = 19
)

// fitCompressedSpeedDistance is record field 8: 3 bytes holding speed and
// distance as components, read only by the ordinary path.
const fitCompressedSpeedDistance = 8

// decodeFITFastFile decodes data, a whole FIT file held in memory, one FIT
// sequence after another on the fast path (a chained file, as a watch
// writes a multisport or a long activity, is several), and gives their
// activities as the ordinary path would. ok is false, and nothing is
// given, when any part needs the ordinary path: a sequence the fast path
// does not read, bytes after the last sequence that are not a whole one
// (the ordinary path decides what they are), or more messages than g
// allows, records counted as the ordinary path counts them.
func decodeFITFastFile(data []byte, name string, opt Options, g *fitGuard) (acts []*Activity, ok bool) {
	if len(data) == 0 {
		return nil, false
	}
	lim := opt.limits()
	records := 0
	defer func() {
		if !ok {
			for _, a := range acts {
				a.Samples.Recycle()
			}
			acts = nil
		}
	}()
	for len(data) > 0 {
		if len(data) < 12 || (data[0] != 12 && data[0] != 14) || string(data[8:12]) != ".FIT" {
			return acts, false
		}
		n := int(data[0]) + int(binary.LittleEndian.Uint32(data[4:8])) + 2
		if n > len(data) {
			return acts, false // cut short: the ordinary path says how
		}
		seq := &fitSequence{maxRecords: lim.MaxRecords, cancel: func() {}, guard: g}
		if !decodeFITFast(data[:n], seq) {
			return acts, false
		}
		if records += seq.records; g != nil && g.messages+records > g.maxMessages {
			return acts, false // the ordinary path counts records among the messages
		}
		acts = append(acts, seq.activities(name, opt)...)
		data = data[n:]
	}
	return acts, true
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
	var devRecs []devRecord // records with developer fields and no power of their own
	devSeen := false        // a record with developer fields was read
	descriptions := 0       // field_description messages
	others := 0             // messages other than records: bounded like the ordinary path's
	laps := 0               // lap messages: bounded by limits.max_laps
	var timestamp uint32    // the decoder's running timestamp, for compressed headers
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
		headerTime := timestamp // what a compressed header gives, before the message's own timestamp
		if def.tsOff >= 0 {
			timestamp = readFastUint(body[def.tsOff:def.tsOff+4], def.bigEndian)
			lastOffset = byte(timestamp & 0x1f)
		}
		if def.mesgNum == fitRecordMesg {
			if seq.records >= seq.maxRecords {
				return false
			}
			seq.fastRecord(def, body, compressed, headerTime)
			if def.hasDev {
				devSeen = true
				if last := len(seq.samples.PowerW) - 1; math.IsNaN(seq.samples.PowerW[last]) {
					devRecs = append(devRecs, devRecord{sample: last, descs: descriptions, bigEndian: def.bigEndian, devs: def.devs, body: body})
				}
			}
		} else {
			if others++; compressed || (seq.guard != nil && others > seq.guard.maxMessages) {
				return false
			}
			if def.mesgNum == fitFieldDescriptionMesg {
				descriptions++ // records after it may use it (devRecord.descs)
			}
			if def.mesgNum == fitLapMesg {
				// Past the laps limit the ordinary path says so; the bytes
				// of two million laps are not gathered first.
				if laps++; seq.guard != nil && laps > seq.guard.maxLaps {
					return false
				}
			}
			rest.Write(msgs[:1+def.size])
		}
		msgs = msgs[1+def.size:]
	}

	b := rest.Bytes()
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-12))
	rest.Write([]byte{0, 0})
	dec := restDecoders.Get().(*decoder.Decoder)
	dec.Reset(bytes.NewReader(rest.Bytes()), decoder.WithMesgListener(seq), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum())
	_, err := dec.Decode()
	dec.Reset(nil) // drop the references to seq and rest
	restDecoders.Put(dec)
	if err != nil || seq.tooMany || (seq.guard != nil && seq.guard.err != nil) {
		return false
	}
	if devSeen && descriptions != len(seq.devFields) {
		return false // a field described twice: the decoder takes the first, the listener the last
	}
	for i := range devRecs {
		if !seq.fastDevPower(&devRecs[i]) {
			return false
		}
	}
	return true
}

// fastDevPower gives a record without power of its own the power of its
// first developer field described as power, as devPowerOf does for a
// decoded record, each value unmarshalled as the decoder does
// (proto.UnmarshalValue with the description's base type, a field
// shorter than its type zero-padded). It returns false for what only the
// ordinary path reads exactly: an invalid base type (the decoder's error)
// or a field longer than its type but not an array of it.
func (s *fitSequence) fastDevPower(r *devRecord) bool {
	arch := byte(proto.LittleEndian)
	if r.bigEndian {
		arch = proto.BigEndian
	}
	for _, d := range *r.devs {
		df := s.devFields[uint16(d.index)<<8|uint16(d.num)]
		if df == nil || df.ord >= r.descs {
			continue // not described before the record: the decoder skips its bytes
		}
		bt := df.baseType
		if !bt.Valid() {
			return false
		}
		if !df.isPower {
			continue
		}
		b := r.body[d.off : d.off+d.size]
		n := int(bt.Size())
		var buf [8]byte
		if d.size < n {
			if arch == proto.LittleEndian {
				copy(buf[:n], b)
			} else {
				copy(buf[n-d.size:n], b)
			}
			b = buf[:n]
		}
		isArray := d.size > n && d.size%n == 0
		if bt == basetype.String || (d.size > n && !isArray) {
			return false
		}
		val, err := proto.UnmarshalValue(b, arch, bt, profile.ProfileType(bt&basetype.BaseTypeNumMask), isArray)
		if err != nil {
			return false
		}
		v, ok := numeric(val)
		if !ok {
			continue
		}
		s.devPower = true
		s.samples.PowerW[r.sample] = v/df.scale - df.offset
		return true
	}
	return true
}

// parseFastDef reads the definition message at the start of msgs into def
// and returns its length; ok is false when it is cut short.
func parseFastDef(msgs []byte, def *fastDef) (n int, ok bool) {
	if len(msgs) < 6 {
		return 0, false
	}
	// Architecture 0 is little-endian; the decoder reads anything else as
	// big-endian, and so does this.
	*def = fastDef{defined: true, bigEndian: msgs[2] != 0, tsOff: -1, fields: def.fields[:0]}
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
			if k, ok := fastRecordKinds[num]; ok {
				invalid := uint32(1<<(8*k.width) - 1)
				if k.signed {
					invalid = math.MaxInt32
				}
				def.fields = append(def.fields, fastField{off: off, n: min(size, k.width), invalid: invalid, kind: k})
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
		var devs []fastDev
		for i := n + 1; i < end; i += 3 {
			if size := int(msgs[i+1]); size > 0 {
				def.hasDev = true
				devs = append(devs, fastDev{off: off, size: size, num: msgs[i], index: msgs[i+2]})
			}
			off += int(msgs[i+1])
		}
		if def.mesgNum == fitRecordMesg {
			def.devs = &devs
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

// presize makes room for about n samples (at most fastPresizeMax: a
// longer activity grows its slices as it goes), with recycled storage when
// there is some.
func (s *fitSequence) presize(n int) {
	n = min(max(n, 16), fastPresizeMax)
	s.samples = Samples{}
	s.samples.presize(n)
	s.times = make([]uint32, 0, n)
}

// fastRecord appends the sample of one record message, read from its bytes
// as onRecord reads it from a decoded message: each field with the base
// type, invalid value, scale and offset of the FIT profile, a field shorter
// than its type zero-padded and a longer one read for its first value (as
// the decoder does), and the legacy 16-bit speed and altitude standing in
// for the enhanced ones as the decoder's component expansion makes them.
func (s *fitSequence) fastRecord(def *fastDef, body []byte, compressed bool, timestamp uint32) {
	s.records++
	nan := math.NaN()
	var row fastRow
	for i := range row {
		row[i] = nan
	}
	ts := s.lastTime
	if compressed {
		ts = timestamp
	}
	for i := range def.fields {
		f := &def.fields[i]
		// The field's raw value (inlined: this loop runs for every field of
		// every record); ok is false for its type's invalid value, all bits
		// set (0x7FFFFFFF for sint32).
		var v uint32
		b := body[f.off : f.off+f.n]
		switch {
		case f.n == 1:
			v = uint32(b[0])
		case f.n == 2 && !def.bigEndian:
			v = uint32(b[0]) | uint32(b[1])<<8
		case f.n == 4 && !def.bigEndian:
			v = uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		default:
			v = readFastUint(b, def.bigEndian)
		}
		ok := v != f.invalid
		if f.kind.slot == slotTime {
			if ok {
				ts = v
			}
			continue
		}
		if !ok {
			row[f.kind.slot] = nan
			continue
		}
		x := float64(v)
		if f.kind.signed {
			x = float64(int32(v))
		}
		if f.kind.scale != 1 || f.kind.offset != 0 { // x/1 - 0 is x: skip the division
			x = x/f.kind.scale - f.kind.offset
		}
		if f.kind.mul != 0 {
			x *= f.kind.mul
		}
		if f.kind.div != 0 {
			x /= f.kind.div
		}
		row[f.kind.slot] = x
	}
	// The decoder expands a valid speed (altitude) into enhanced_speed
	// (enhanced_altitude), through its integer raw value, replacing a value
	// the record also holds there.
	if v := row[slotLegacySpeed]; !math.IsNaN(v) {
		row[slotSpeed] = float64(uint32(v*1000)) / 1000
	}
	if v := row[slotLegacyAltitude]; !math.IsNaN(v) {
		row[slotAltitude] = float64(uint32((v+500)*5))/5 - 500
	}
	if !math.IsNaN(row[slotCadence]) && !math.IsNaN(row[slotFracCadence]) {
		row[slotCadence] += row[slotFracCadence]
	}
	s.lastTime = ts
	s.times = append(s.times, ts)
	p := &s.samples
	p.ElapsedS = append(p.ElapsedS, nan) // set from times when the activity is built
	p.DistanceM = append(p.DistanceM, row[slotDistance])
	p.SpeedMS = append(p.SpeedMS, row[slotSpeed])
	p.HeartRateBPM = append(p.HeartRateBPM, row[slotHeartRate])
	p.CadenceSPM = append(p.CadenceSPM, row[slotCadence])
	p.AltitudeM = append(p.AltitudeM, row[slotAltitude])
	p.LatDeg = append(p.LatDeg, row[slotLat])
	p.LonDeg = append(p.LonDeg, row[slotLon])
	p.StanceTimeMs = append(p.StanceTimeMs, row[slotStanceTime])
	p.BalanceLeftPct = append(p.BalanceLeftPct, row[slotBalance])
	p.VertOscCm = append(p.VertOscCm, row[slotVertOsc])
	p.VertRatioPct = append(p.VertRatioPct, row[slotVertRatio])
	p.StepLengthM = append(p.StepLengthM, row[slotStepLength])
	p.PowerW = append(p.PowerW, row[slotPower])
}
