package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// csvRecordsBoth reads data with csvRecords (views or copies) and with
// encoding/csv as the tables were read before, and describes the records
// each gives: cells, the line each starts on, the final error.
func csvRecordsBoth(data []byte, sep rune, views bool) (fast, slow string, tookFast bool) {
	r := newCSVRecords(bufio.NewReaderSize(bytes.NewReader(data), 64), sep) // a small buffer, so that long lines hand over
	r.views = views
	var b strings.Builder
	for {
		rec, err := r.Read()
		if err != nil {
			fmt.Fprintf(&b, "error: %v", err)
			break
		}
		line, _ := r.FieldPos(0)
		fmt.Fprintf(&b, "%d %q\n", line, rec) // formatted before the next Read: views stay valid until then
	}
	fast, tookFast = b.String(), r.slow == nil

	b.Reset()
	c := csv.NewReader(bytes.NewReader(data))
	c.Comma, c.FieldsPerRecord, c.LazyQuotes, c.ReuseRecord = sep, -1, true, true
	for {
		rec, err := c.Read()
		if err != nil {
			fmt.Fprintf(&b, "error: %v", err)
			break
		}
		line, _ := c.FieldPos(0)
		fmt.Fprintf(&b, "%d %q\n", line, rec)
	}
	return fast, b.String(), tookFast
}

var csvRecordsSeeds = []string{
	"timestamp,distance,heart_rate\n2026-03-03T05:50:17Z,0.00,125\n2026-03-03T05:50:18Z,2.73,125\n",
	"a;b;c\r\n1;2;3\r\n\r\n4;5;6", "a,b\n\n\n1,2\r", "a,b\n1,\"2\n3\",4\n5,6\n", "x\n\"unclosed,1\n2,3\n",
	"a\tb\n1\t2\n", "\r\n\r", "a,b\r\r\n1,2\n", ",,\n,\n", "a,b\n" + strings.Repeat("9", 200) + ",1\n2,3\n",
	"a,\"b\"c,d\n", "ä,ö\n\xff,\x00\n", "a,b\n1,2\n\"", "\n", "",
}

// TestCSVRecordsSameAsEncodingCSV reads CSV texts both ways: the records,
// their lines and the end must be encoding/csv's; the unquoted ones must
// take the fast way.
func TestCSVRecordsSameAsEncodingCSV(t *testing.T) {
	for _, s := range csvRecordsSeeds {
		for _, sep := range []rune{',', ';', '\t'} {
			for _, views := range []bool{false, true} {
				fast, slow, took := csvRecordsBoth([]byte(s), sep, views)
				if fast != slow {
					t.Errorf("%q sep %q views %v: records differ\nfast: %s\nslow: %s", s, sep, views, fast, slow)
				}
				if !strings.Contains(s, `"`) && len(s) < 64 && !took {
					t.Errorf("%q sep %q: handed to encoding/csv", s, sep)
				}
			}
		}
	}
}

// FuzzCSVRecords: whatever the bytes, csvRecords gives encoding/csv's
// records and line numbers.
func FuzzCSVRecords(f *testing.F) {
	for _, s := range csvRecordsSeeds {
		f.Add([]byte(s), byte(','), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, sep byte, views bool) {
		seps := []rune{',', ';', '\t'}
		fast, slow, _ := csvRecordsBoth(data, seps[int(sep)%len(seps)], views)
		if fast != slow {
			t.Fatalf("records differ\nfast: %s\nslow: %s", fast, slow)
		}
	})
}

// TestCSVRecordsReadError: a read error after some lines ends the records
// where encoding/csv ends them, with the error.
func TestCSVRecordsReadError(t *testing.T) {
	boom := errors.New("boom")
	in := io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), errReader{boom})
	r := newCSVRecords(bufio.NewReader(in), ',')
	var got []string
	var err error
	for {
		var rec []string
		if rec, err = r.Read(); err != nil {
			break
		}
		got = append(got, strings.Join(rec, "|"))
	}
	if !errors.Is(err, boom) || strings.Join(got, " ") != "a|b 1|2" {
		t.Errorf("records %q, error %v; want a|b 1|2 then boom", got, err)
	}
}
