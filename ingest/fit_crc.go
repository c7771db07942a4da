package ingest

import (
	"encoding/binary"
	"io"
)

// fitCRCReader checks the CRC of each FIT sequence as its bytes stream to
// the decoder. muktihari/fit v0.26.1 leaves the 12-byte header (and a
// 14-byte header whose CRC field is 0) out of the file CRC, so it rejects
// valid older files (the FIT SDK's own Activity.fit among them); the FIT
// SDK computes the file CRC over header and data. Since a valid 14-byte
// header ends with its own CRC, CRC-16 over header and data covers both
// cases, and the decoder runs with its check off.
type fitCRCReader struct {
	r       io.Reader
	sum     uint16 // FIT CRC of the sequence's header and data so far
	n       int64  // bytes read
	state   int
	hdr     [14]byte
	hdrN    int
	hdrOK   bool
	data    uint32 // data bytes left in the sequence
	crc     [2]byte
	crcN    int
	results []bool // per complete sequence: header and file CRC valid
}

const (
	crcHeader = iota
	crcData
	crcTrailer
	crcLost // not a FIT header: stop checking, the decoder reports it
)

func newFITCRCReader(r io.Reader) *fitCRCReader {
	return &fitCRCReader{r: r}
}

// Read passes bytes through, checking them on the way.
func (c *fitCRCReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.consume(p[:n])
	return n, err
}

// sequenceOK reports whether sequence i (from 0) had valid CRCs; known is
// false when its trailer has not been read.
func (c *fitCRCReader) sequenceOK(i int) (ok, known bool) {
	if i < len(c.results) {
		return c.results[i], true
	}
	return false, false
}

func (c *fitCRCReader) consume(b []byte) {
	for len(b) > 0 {
		switch c.state {
		case crcLost:
			return
		case crcHeader:
			if c.hdrN == 0 && b[0] != 12 && b[0] != 14 {
				c.state = crcLost
				return
			}
			size := int(c.hdr[0])
			if c.hdrN == 0 {
				size = int(b[0])
			}
			k := copy(c.hdr[c.hdrN:size], b)
			c.hdrN += k
			b = b[k:]
			if c.hdrN < size {
				return
			}
			c.data = binary.LittleEndian.Uint32(c.hdr[4:8])
			c.hdrOK = true
			if size == 14 {
				if want := binary.LittleEndian.Uint16(c.hdr[12:14]); want != 0 {
					c.hdrOK = fitCRC(0, c.hdr[:12]) == want
				}
			}
			c.sum = fitCRC(0, c.hdr[:size])
			c.state = crcData
		case crcData:
			k := len(b)
			if uint32(k) > c.data {
				k = int(c.data)
			}
			c.sum = fitCRC(c.sum, b[:k])
			c.data -= uint32(k)
			b = b[k:]
			if c.data == 0 {
				c.state = crcTrailer
			}
		case crcTrailer:
			k := copy(c.crc[c.crcN:], b)
			c.crcN += k
			b = b[k:]
			if c.crcN < 2 {
				return
			}
			c.results = append(c.results, c.hdrOK && binary.LittleEndian.Uint16(c.crc[:]) == c.sum)
			c.state, c.hdrN, c.crcN = crcHeader, 0, 0
		}
	}
}

// fitCRCTables are the tables of the FIT CRC-16 (polynomial 0x8005,
// reflected as 0xA001, initial value 0: CRC-16/ARC) for slicing-by-16:
// table 0 advances the CRC by one byte, table k by a byte followed by k
// zero bytes, so sixteen independent lookups advance it by sixteen bytes.
var fitCRCTables = func() (t [16][256]uint16) {
	for i := range t[0] {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for k := 1; k < len(t); k++ {
		for i := range t[k] {
			c := t[k-1][i]
			t[k][i] = c>>8 ^ t[0][byte(c)]
		}
	}
	return t
}()

// fitCRC continues the FIT CRC crc over b, sixteen bytes a step.
func fitCRC(crc uint16, b []byte) uint16 {
	t := &fitCRCTables
	for len(b) >= 16 {
		crc ^= uint16(b[0]) | uint16(b[1])<<8
		crc = t[15][byte(crc)] ^ t[14][crc>>8] ^ t[13][b[2]] ^ t[12][b[3]] ^
			t[11][b[4]] ^ t[10][b[5]] ^ t[9][b[6]] ^ t[8][b[7]] ^
			t[7][b[8]] ^ t[6][b[9]] ^ t[5][b[10]] ^ t[4][b[11]] ^
			t[3][b[12]] ^ t[2][b[13]] ^ t[1][b[14]] ^ t[0][b[15]]
		b = b[16:]
	}
	for _, c := range b {
		crc = crc>>8 ^ t[0][byte(crc)^c]
	}
	return crc
}
