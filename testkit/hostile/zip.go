package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
)

// DuplicateEntriesZip is a zip whose central directory lists n entries
// (activities/0.csv, activities/1.csv, ...) that all point at the one
// deflated member: data, a CSV of samples. Each entry alone is within
// every per-member limit; reading all of them costs n times the member.
func DuplicateEntriesZip(n int, data []byte) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	crc := crc32.ChecksumIEEE(data)
	var out bytes.Buffer
	name := "activities/0.csv"
	writeLocalHeader(&out, name, crc, uint32(comp.Len()), uint32(len(data)))
	out.Write(comp.Bytes())
	dirAt := out.Len()
	for i := 0; i < n; i++ {
		writeCentralEntry(&out, fmt.Sprintf("activities/%d.csv", i), crc, uint32(comp.Len()), uint32(len(data)), 0, nil)
	}
	writeEnd(&out, n, out.Len()-dirAt, dirAt)
	return out.Bytes()
}

func writeLocalHeader(w *bytes.Buffer, name string, crc, csize, usize uint32) {
	le := binary.LittleEndian
	w.Write(le.AppendUint32(nil, 0x04034b50))
	w.Write(le.AppendUint16(nil, 20)) // version needed
	w.Write(le.AppendUint16(nil, 0))  // flags
	w.Write(le.AppendUint16(nil, 8))  // deflate
	w.Write(le.AppendUint32(nil, 0))  // time, date
	w.Write(le.AppendUint32(nil, crc))
	w.Write(le.AppendUint32(nil, csize))
	w.Write(le.AppendUint32(nil, usize))
	w.Write(le.AppendUint16(nil, uint16(len(name))))
	w.Write(le.AppendUint16(nil, 0))
	w.WriteString(name)
}

func writeCentralEntry(w *bytes.Buffer, name string, crc, csize, usize, offset uint32, comment []byte) {
	le := binary.LittleEndian
	w.Write(le.AppendUint32(nil, 0x02014b50))
	w.Write(le.AppendUint16(nil, 20)) // made by
	w.Write(le.AppendUint16(nil, 20)) // needed
	w.Write(le.AppendUint16(nil, 0))  // flags
	w.Write(le.AppendUint16(nil, 8))  // deflate
	w.Write(le.AppendUint32(nil, 0))  // time, date
	w.Write(le.AppendUint32(nil, crc))
	w.Write(le.AppendUint32(nil, csize))
	w.Write(le.AppendUint32(nil, usize))
	w.Write(le.AppendUint16(nil, uint16(len(name))))
	w.Write(le.AppendUint16(nil, 0)) // extra
	w.Write(le.AppendUint16(nil, uint16(len(comment))))
	w.Write(le.AppendUint16(nil, 0)) // disk
	w.Write(le.AppendUint16(nil, 0)) // internal attributes
	w.Write(le.AppendUint32(nil, 0)) // external attributes
	w.Write(le.AppendUint32(nil, offset))
	w.WriteString(name)
	w.Write(comment)
}

func writeEnd(w *bytes.Buffer, entries, dirSize, dirAt int) {
	le := binary.LittleEndian
	w.Write(le.AppendUint32(nil, 0x06054b50))
	w.Write(le.AppendUint32(nil, 0)) // disks
	w.Write(le.AppendUint16(nil, uint16(entries)))
	w.Write(le.AppendUint16(nil, uint16(entries)))
	w.Write(le.AppendUint32(nil, uint32(dirSize)))
	w.Write(le.AppendUint32(nil, uint32(dirAt)))
	w.Write(le.AppendUint16(nil, 0))
}

// BloatedDirectoryZip writes to w a zip of one small GPX member whose
// central directory is dirBytes long: the entry repeated, each copy with
// a 64 KiB comment, under distinct unsupported names so that nothing is
// decoded. Parsing such a directory once held it many times over.
func BloatedDirectoryZip(w io.Writer, dirBytes int, gpx []byte) error {
	zw := zip.NewWriter(w)
	f, err := zw.Create("run.gpx")
	if err != nil {
		return err
	}
	f.Write(gpx)
	comment := bytes.Repeat([]byte("c"), 65535)
	for i := 0; i*len(comment) < dirBytes; i++ {
		h := &zip.FileHeader{Name: fmt.Sprintf("photos/%06d.jpg", i), Method: zip.Store, Comment: string(comment)}
		if _, err := zw.CreateHeader(h); err != nil {
			return err
		}
	}
	return zw.Close()
}

// EncryptedZip is a zip of a good GPX and a member flagged as encrypted
// (traditional PKWARE encryption: random bytes to one without the
// password).
func EncryptedZip(gpx []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	secret := make([]byte, 4096)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range secret {
		secret[i] = byte(r.Uint32())
	}
	raw, _ := zw.CreateRaw(&zip.FileHeader{Name: "secret.gpx", Method: zip.Deflate, Flags: 0x1,
		CRC32: 0x12345678, CompressedSize64: uint64(len(secret)), UncompressedSize64: 1 << 16})
	raw.Write(secret)
	f, _ := zw.Create("ok.gpx")
	f.Write(gpx)
	zw.Close()
	return buf.Bytes()
}

// NestedZip writes to w a zip holding inner.zip (stored, or deflated), a
// zip of a photo of photoBytes random bytes (incompressible, so within
// every ratio limit) and the GPX: a Garmin-like export whose nested zip
// once cost twice its size in memory.
func NestedZip(w io.Writer, photoBytes int, stored bool, gpx []byte) error {
	var inner bytes.Buffer
	zw := zip.NewWriter(&inner)
	pw, err := zw.CreateHeader(&zip.FileHeader{Name: "photo.jpg", Method: zip.Store})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	chunk := make([]byte, 1<<20)
	for left := photoBytes; left > 0; left -= len(chunk) {
		for i := 0; i < len(chunk); i += 8 {
			binary.LittleEndian.PutUint64(chunk[i:], r.Uint64())
		}
		pw.Write(chunk[:min(left, len(chunk))])
	}
	gw, _ := zw.Create("run.gpx")
	gw.Write(gpx)
	if err := zw.Close(); err != nil {
		return err
	}
	ow := zip.NewWriter(w)
	ow.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	h := &zip.FileHeader{Name: "inner.zip", Method: zip.Deflate}
	if stored {
		h.Method = zip.Store
	}
	iw, err := ow.CreateHeader(h)
	if err != nil {
		return err
	}
	iw.Write(inner.Bytes())
	return ow.Close()
}

// GzipOfZip writes to w a gzip stream (name it export.zip.gz) of a zip
// holding a stored photo.jpg of photoBytes and the GPX. The photo is
// mostly zeros with a random kilobyte every 150 KiB, so the gzip stays
// within the 200:1 ratio limit while holding about 150 times its size: the
// attack's 1.5 MB file that once cost 531 MiB.
func GzipOfZip(w io.Writer, photoBytes int, gpx []byte) error {
	gz := gzip.NewWriter(w)
	zw := zip.NewWriter(gz)
	pw, err := zw.CreateHeader(&zip.FileHeader{Name: "photo.jpg", Method: zip.Store})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(3, 4))
	chunk := make([]byte, 150<<10)
	for left := photoBytes; left > 0; left -= len(chunk) {
		clear(chunk)
		for i := 0; i < 1024; i += 8 {
			binary.LittleEndian.PutUint64(chunk[i:], r.Uint64())
		}
		if _, err := pw.Write(chunk[:min(left, len(chunk))]); err != nil {
			return err
		}
	}
	gw, err := zw.Create("run.gpx")
	if err != nil {
		return err
	}
	gw.Write(gpx)
	if err := zw.Close(); err != nil {
		return err
	}
	return gz.Close()
}
