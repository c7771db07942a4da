package hostile

import (
	"bytes"
	"encoding/binary"
	"os"
	"time"
)

// fitEpoch is time zero of FIT timestamps.
var fitEpoch = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)

// FIT base types used here.
const (
	fitEnum   = 0x00
	fitUint8  = 0x02
	fitUint16 = 0x84
	fitUint32 = 0x86
)

// fitField is one field of a definition: number, size in bytes, base type.
type fitField struct{ num, size, base byte }

// fitWriter builds the data section of a FIT file.
type fitWriter struct{ buf bytes.Buffer }

// define writes a definition message for local type local.
func (w *fitWriter) define(local byte, global uint16, fields ...fitField) {
	w.buf.WriteByte(0x40 | local)
	w.buf.Write([]byte{0, 0}) // reserved, little-endian
	binary.Write(&w.buf, binary.LittleEndian, global)
	w.buf.WriteByte(byte(len(fields)))
	for _, f := range fields {
		w.buf.Write([]byte{f.num, f.size, f.base})
	}
}

// data writes a data message of local type local; values are written
// little-endian in the sizes of the definition (1, 2 or 4 bytes).
func (w *fitWriter) data(local byte, sizes []byte, values ...uint32) {
	w.buf.WriteByte(local)
	for i, v := range values {
		switch sizes[i] {
		case 1:
			w.buf.WriteByte(byte(v))
		case 2:
			binary.Write(&w.buf, binary.LittleEndian, uint16(v))
		default:
			binary.Write(&w.buf, binary.LittleEndian, v)
		}
	}
}

// fitFile wraps data in a 14-byte header and the file CRC.
func fitFile(data []byte) []byte {
	h := make([]byte, 14, 14+len(data)+2)
	h[0], h[1] = 14, 0x20
	binary.LittleEndian.PutUint16(h[2:], 2132)
	binary.LittleEndian.PutUint32(h[4:], uint32(len(data)))
	copy(h[8:], ".FIT")
	binary.LittleEndian.PutUint16(h[12:], fitCRC(0, h[:12]))
	out := append(h, data...)
	return binary.LittleEndian.AppendUint16(out, fitCRC(0, out))
}

var fitCRCTable = [16]uint16{0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
	0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400}

// fitCRC is the FIT protocol's CRC-16 of b, continuing from c.
func fitCRC(c uint16, b []byte) uint16 {
	for _, x := range b {
		t := fitCRCTable[c&0xf]
		c = (c >> 4) & 0x0fff
		c = c ^ t ^ fitCRCTable[x&0xf]
		t = fitCRCTable[c&0xf]
		c = (c >> 4) & 0x0fff
		c = c ^ t ^ fitCRCTable[(x>>4)&0xf]
	}
	return c
}

func fitTime(t time.Time) uint32 { return uint32(t.Sub(fitEpoch) / time.Second) }

// File types of file_id.type.
const (
	FITActivity   = 4
	FITSettings   = 2
	FITMonitoring = 32 // monitoring_b, what Garmin watches write daily
)

// fileID writes a file_id of the type.
func (w *fitWriter) fileID(fileType byte, created time.Time) {
	w.define(0, 0, fitField{0, 1, fitEnum}, fitField{1, 2, fitUint16}, fitField{2, 2, fitUint16}, fitField{4, 4, fitUint32})
	w.data(0, []byte{1, 2, 2, 4}, uint32(fileType), 1, 1, fitTime(created)) // garmin
}

// ManySessionsFIT is an activity file of n sessions of one minute each,
// one record apiece: about 33 bytes a session, so n = 700 000 is a 22 MB
// file, each of whose sessions would become an activity.
func ManySessionsFIT(n int, start time.Time) []byte {
	var w fitWriter
	w.fileID(FITActivity, start)
	w.define(1, 20, fitField{253, 4, fitUint32}, fitField{3, 1, fitUint8}, fitField{5, 4, fitUint32})
	w.define(2, 18, fitField{253, 4, fitUint32}, fitField{2, 4, fitUint32}, fitField{7, 4, fitUint32},
		fitField{8, 4, fitUint32}, fitField{9, 4, fitUint32}, fitField{5, 1, fitEnum})
	rec, sess := []byte{4, 1, 4}, []byte{4, 4, 4, 4, 4, 1}
	for i := 0; i < n; i++ {
		t := fitTime(start) + uint32(60*i)
		w.data(1, rec, t, 150, 100*uint32(i))
		w.data(2, sess, t+59, t, 59_000, 59_000, 15_000, 1) // running
	}
	return fitFile(w.buf.Bytes())
}

// KindFIT is a FIT file of the file type (FITSettings, FITMonitoring)
// with a file_id and, for monitoring, a few monitoring messages: no
// session, no record, no activity.
func KindFIT(fileType byte, created time.Time) []byte {
	var w fitWriter
	w.fileID(fileType, created)
	if fileType == FITMonitoring {
		// monitoring (55): timestamp, cycles (steps/2), activity type.
		w.define(1, 55, fitField{253, 4, fitUint32}, fitField{3, 4, fitUint32}, fitField{5, 1, fitEnum})
		for i := 0; i < 96; i++ {
			w.data(1, []byte{4, 4, 1}, fitTime(created)+uint32(900*i), uint32(40*i), 6)
		}
	}
	return fitFile(w.buf.Bytes())
}

// SparseFIT writes to path a FIT file of size bytes: a header declaring
// them, a file_id, a definition of local message 0 with no fields, then
// zero bytes, each a message of that type, written as a hole (a sparse
// file) so that 2 GiB cost no disk. Reading it decodes size one-byte
// messages.
func SparseFIT(path string, size int64) error {
	var w fitWriter
	w.fileID(FITActivity, time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC))
	w.define(0, 0xff00) // a manufacturer-specific message with no fields
	head := fitFile(w.buf.Bytes())
	head = head[:len(head)-2] // no CRC: the zeros follow
	binary.LittleEndian.PutUint32(head[4:], uint32(size-16))
	binary.LittleEndian.PutUint16(head[12:], 0) // header CRC 0: not checked
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(head); err != nil {
		f.Close()
		return err
	}
	if err := f.Truncate(size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// OneByteMessagesFIT is an activity FIT file of n messages of one byte
// each (local message 1, defined with no fields): no zero bytes, no
// records, only work for the decoder.
func OneByteMessagesFIT(n int, start time.Time) []byte {
	var w fitWriter
	w.fileID(FITActivity, start)
	w.define(1, 0xff00)
	for i := 0; i < n; i++ {
		w.buf.WriteByte(1)
	}
	return fitFile(w.buf.Bytes())
}

// ManyLapsFIT is a one-hour run (a record every 10 s, one session) with n
// lap messages of one second each: 17 bytes a lap, so n = 2 090 000 is
// the attack's 36 MB file whose laps once cost 342-410 MiB.
func ManyLapsFIT(n int, start time.Time) []byte {
	var w fitWriter
	w.fileID(FITActivity, start)
	w.define(1, 20, fitField{253, 4, fitUint32}, fitField{3, 1, fitUint8}, fitField{5, 4, fitUint32})
	rec := []byte{4, 1, 4}
	for i := 0; i <= 360; i++ {
		w.data(1, rec, fitTime(start)+uint32(10*i), 150, 2800*uint32(i)) // 2.8 m/s
	}
	// lap (19): timestamp, start_time, total_timer_time (ms), total_distance (cm).
	w.define(3, 19, fitField{253, 4, fitUint32}, fitField{2, 4, fitUint32}, fitField{8, 4, fitUint32}, fitField{9, 4, fitUint32})
	lap := []byte{4, 4, 4, 4}
	for i := 0; i < n; i++ {
		t := fitTime(start) + uint32(i%3600)
		w.data(3, lap, t+1, t, 1000, 280)
	}
	w.define(2, 18, fitField{253, 4, fitUint32}, fitField{2, 4, fitUint32}, fitField{7, 4, fitUint32},
		fitField{8, 4, fitUint32}, fitField{9, 4, fitUint32}, fitField{5, 1, fitEnum})
	end := fitTime(start) + 3600
	w.data(2, []byte{4, 4, 4, 4, 4, 1}, end, fitTime(start), 3_600_000, 3_600_000, 1_008_000, 1) // running
	return fitFile(w.buf.Bytes())
}
