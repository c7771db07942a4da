package hostile

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// GPX is a small valid GPX track of n one-second points, with the XML
// declaration's encoding and a track name as given (written as the bytes
// of name, so a Latin-1 name is Latin-1 bytes).
func GPX(n int, encoding, name string, start time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"%s\"?>\n", encoding)
	b.WriteString(`<gpx version="1.1" creator="hostile" xmlns="http://www.topografix.com/GPX/1/1"><trk>`)
	fmt.Fprintf(&b, "<name>%s</name><type>running</type><trkseg>\n", name)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="8.500000"><time>%s</time></trkpt>`+"\n",
			47.0+float64(i)*0.00003, start.Add(time.Duration(i)*time.Second).UTC().Format(time.RFC3339))
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	return []byte(b.String())
}

// HugeTextGPX writes to w a GPX whose track <name> is textBytes of "x":
// one text node, never closed by markup until the end.
func HugeTextGPX(w io.Writer, textBytes int64, start time.Time) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="hostile"><trk><name>`)
	chunk := []byte(strings.Repeat("x", 1<<16))
	for left := textBytes; left > 0; left -= int64(len(chunk)) {
		bw.Write(chunk[:min(int64(len(chunk)), left)])
	}
	fmt.Fprintf(bw, `</name><trkseg><trkpt lat="47" lon="8"><time>%s</time></trkpt></trkseg></trk></gpx>`, start.UTC().Format(time.RFC3339))
	return bw.Flush()
}

// stravaHeader is the header of a Strava activities.csv.
const stravaHeader = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Moving Time,Max Heart Rate,Average Heart Rate\n"

// ManyRowsStravaCSV writes to w a Strava activities.csv of rows runs, one
// an hour from start.
func ManyRowsStravaCSV(w io.Writer, rows int, start time.Time) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(stravaHeader)
	for i := 0; i < rows; i++ {
		t := start.Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(bw, "%d,\"%s\",Run %d,Run,1800,5.0,1750,170,150\n", 1000+i, t.Format("Jan 2, 2006, 3:04:05 PM"), i)
	}
	return bw.Flush()
}

// BlankLinesCSV is a Strava activities.csv with blank lines (bytes of
// them) between its header and its one row.
func BlankLinesCSV(blank int, start time.Time) []byte {
	return []byte(stravaHeader + strings.Repeat("\n", blank) +
		fmt.Sprintf("1,\"%s\",Morning Run,Run,1800,5.0,1750,170,150\n", start.Format("Jan 2, 2006, 3:04:05 PM")))
}

// UndatedRowsStravaCSV writes to w a Strava activities.csv of rows runs
// whose date cannot be read: each is an activity with no start time.
func UndatedRowsStravaCSV(w io.Writer, rows int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(stravaHeader)
	for i := 0; i < rows; i++ {
		fmt.Fprintf(bw, "%d,\"not a date\",Run %d,Run,1800,5.0,1750,170,150\n", 1000+i, i)
	}
	return bw.Flush()
}
