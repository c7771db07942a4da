package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unsafe"
)

// csvRecords reads CSV records as encoding/csv's Reader does with
// LazyQuotes, FieldsPerRecord -1 and ReuseRecord (the settings of every
// CSV table here), but a line without a quote, nearly every line of a
// per-sample export, is split where it lies in the bufio buffer: no copy
// into a record buffer, and with views no string either. encoding/csv
// spent 40 % of a per-sample CSV's decoding copying cells. The first line
// that holds a quote (a quoted cell may span lines), or is longer than the
// buffer, or meets a read error, is handed with the rest of the input to
// encoding/csv, which reads it from there to the end exactly as it would
// have. FuzzCSVRecords holds both to the same records and line numbers.
type csvRecords struct {
	br    *bufio.Reader
	sep   rune
	line  int // lines read so far (encoding/csv's numLine)
	pos   int // the line the last record started on
	rec   []string
	views bool // cells are views of the buffer, valid until the next Read

	slow     *csv.Reader // once set, reads every record
	slowBase int         // lines read before slow's first line
	limit    *recordLimit
}

// newCSVRecords reads the records of br separated by sep.
func newCSVRecords(br *bufio.Reader, sep rune) *csvRecords {
	r := &csvRecords{br: br, sep: sep}
	if sep != ',' && sep != ';' && sep != '\t' {
		r.toSlow(nil, nil) // split only handles these
	}
	return r
}

// toSlow hands the input, pending bytes first, to encoding/csv; err, when
// not nil, is the read error that followed them.
func (r *csvRecords) toSlow(pending []byte, err error) {
	var in io.Reader = r.br
	if err != nil {
		in = errReader{err}
	}
	if len(pending) > 0 {
		in = io.MultiReader(bytes.NewReader(bytes.Clone(pending)), in)
	}
	r.limit = &recordLimit{r: in, max: maxCSVRecordBytes}
	r.slow = csv.NewReader(r.limit)
	r.slow.Comma = r.sep
	r.slow.FieldsPerRecord = -1
	r.slow.LazyQuotes = true
	r.slow.ReuseRecord = true // rows are parsed at once, never kept
	r.slowBase = r.line
}

// Read returns the next record, io.EOF at the end. With views, the cells
// are valid until the next call.
func (r *csvRecords) Read() ([]string, error) {
	for r.slow == nil {
		line, err := r.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			r.toSlow(line, nil) // a line longer than the buffer
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			r.toSlow(line, err)
			break
		}
		if bytes.IndexByte(line, '"') >= 0 {
			r.toSlow(line, nil)
			break
		}
		if err != nil { // io.EOF
			if len(line) == 0 {
				return nil, io.EOF
			}
			if line[len(line)-1] == '\r' {
				line = line[:len(line)-1] // dropped before EOF, as encoding/csv does
			}
		}
		r.line++
		if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
			line = line[:n-2]
		} else if n >= 1 && line[n-1] == '\n' {
			line = line[:n-1]
		} else if n == 0 {
			continue // a "\r" before EOF: an empty line
		}
		if len(line) == 0 {
			continue // empty lines are skipped
		}
		r.pos = r.line
		return r.split(line), nil
	}
	rec, err := r.slow.Read()
	r.limit.n = 0
	if len(rec) > 0 {
		p, _ := r.slow.FieldPos(0)
		r.pos = r.slowBase + p
	}
	return rec, err
}

// split cuts a line (without its line end) at each separator.
func (r *csvRecords) split(line []byte) []string {
	s := unsafe.String(unsafe.SliceData(line), len(line))
	if !r.views {
		s = string(line) // one string per record, as encoding/csv makes
	}
	rec := r.rec[:0]
	for {
		i := indexByteString(s, byte(r.sep))
		if i < 0 {
			rec = append(rec, s)
			break
		}
		rec = append(rec, s[:i])
		s = s[i+1:]
	}
	r.rec = rec
	return rec
}

// FieldPos is the line the last record started on (encoding/csv's
// FieldPos(0)), and column 1.
func (r *csvRecords) FieldPos(int) (line, column int) {
	return r.pos, 1
}

func indexByteString(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
