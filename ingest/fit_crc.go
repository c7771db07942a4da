package ingest

import (
	"encoding/binary"
	"io"

	"github.com/muktihari/fit/kit/hash"
	"github.com/muktihari/fit/kit/hash/crc16"
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
	h       hash.Hash16
	n       int64 // bytes read
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
	return &fitCRCReader{r: r, h: crc16.New()}
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
					c.h.Reset()
					c.h.Write(c.hdr[:12])
					c.hdrOK = c.h.Sum16() == want
				}
			}
			c.h.Reset()
			c.h.Write(c.hdr[:size])
			c.state = crcData
		case crcData:
			k := len(b)
			if uint32(k) > c.data {
				k = int(c.data)
			}
			c.h.Write(b[:k])
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
			c.results = append(c.results, c.hdrOK && binary.LittleEndian.Uint16(c.crc[:]) == c.h.Sum16())
			c.state, c.hdrN, c.crcN = crcHeader, 0, 0
		}
	}
}
