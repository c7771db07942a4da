package ingest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// makeTCX writes a TCX run of n one-second trackpoints with RunCadence in
// strides/min, heading north at about 3 m/s.
func makeTCX(n int, sport string) string {
	var b strings.Builder
	start := time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Activities><Activity Sport="%s"><Id>%s</Id>
<Lap StartTime="%s"><TotalTimeSeconds>%d</TotalTimeSeconds><DistanceMeters>%d</DistanceMeters><Track>
`, sport, start.Format(time.RFC3339), start.Format(time.RFC3339), n-1, 3*(n-1))
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.7f</LatitudeDegrees><LongitudeDegrees>8.5</LongitudeDegrees></Position>`+
			`<AltitudeMeters>%d</AltitudeMeters><DistanceMeters>%d</DistanceMeters><HeartRateBpm><Value>%d</Value></HeartRateBpm>`+
			`<Extensions><ns3:TPX><ns3:Speed>3.0</ns3:Speed><ns3:RunCadence>85</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>
`, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 47.0+float64(i)*3/111195, 400-i, 3*i, 140+i%5)
	}
	b.WriteString(`</Track></Lap><Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>Forerunner 255</Name></Creator></Activity></Activities></TrainingCenterDatabase>
`)
	return b.String()
}

// makeGPX writes a GPX 1.1 track of n one-second points with Garmin's
// TrackPointExtension, heading north at about 3 m/s.
func makeGPX(n int, typ string) string {
	var b strings.Builder
	start := time.Date(2026, 3, 4, 6, 30, 0, 0, time.UTC)
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<metadata><time>%s</time></metadata><trk><name>Morning Run</name><type>%s</type><trkseg>
`, start.Format(time.RFC3339), typ)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="8.5"><ele>%d</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>88</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
`, 47.0+float64(i)*3/111195, 500+i, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	return b.String()
}

func tcxDec(r *strings.Reader, name string, opt Options, emit emitFunc) error {
	return decodeTCX(r, name, opt, emit)
}

func gpxDec(r *strings.Reader, name string, opt Options, emit emitFunc) error {
	return decodeGPX(r, name, opt, emit)
}

func TestXMLFormats(t *testing.T) {
	tests := []struct {
		name    string
		dec     func(*strings.Reader, string, Options, emitFunc) error
		text    string
		wantErr bool
		check   func(t *testing.T, a *Activity)
	}{
		{name: "tcx run", dec: tcxDec, text: makeTCX(601, "Running"), check: func(t *testing.T, a *Activity) {
			wantEq(t, "format", a.Format, FormatTCX)
			wantEq(t, "sport", a.Sport, SportRunning)
			wantEq(t, "device", a.Device.String(), "Forerunner 255")
			wantEq(t, "start", a.Start, time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC))
			wantEq(t, "samples", a.Samples.Len(), 601)
			wantNum(t, "cadence doubled", a.Samples.CadenceSPM[10], 170)
			wantNum(t, "speed", a.Samples.SpeedMS[10], 3)
			wantNum(t, "elapsed", a.Samples.ElapsedS[600], 600)
			wantNum(t, "distance", a.Summary.DistanceM, 1800)
			wantNum(t, "descent", a.Summary.DescentM, 600)
			wantEq(t, "laps", len(a.Laps), 1)
			wantNum(t, "lap offset", a.Laps[0].StartOffsetS, 0)
			wantNum(t, "avg cadence", a.Summary.AvgCadenceSPM, 170)
		}},
		{name: "tcx biking keeps cadence", dec: tcxDec, text: makeTCX(20, "Biking"), check: func(t *testing.T, a *Activity) {
			wantEq(t, "sport", a.Sport, SportCycling)
			wantNum(t, "cadence not doubled", a.Samples.CadenceSPM[1], 85)
		}},
		{name: "tcx truncated keeps samples", dec: tcxDec, text: makeTCX(50, "Running")[:3000], wantErr: true, check: func(t *testing.T, a *Activity) {
			if a.Samples.Len() == 0 || a.Samples.Len() >= 50 {
				t.Errorf("%d samples kept", a.Samples.Len())
			}
		}},
		{name: "gpx run", dec: gpxDec, text: makeGPX(601, "running"), check: func(t *testing.T, a *Activity) {
			wantEq(t, "format", a.Format, FormatGPX)
			wantEq(t, "sport", a.Sport, SportRunning)
			wantEq(t, "title", a.Title, "Morning Run")
			wantEq(t, "device", a.Device.String(), "StravaGPX")
			wantNum(t, "cadence doubled", a.Samples.CadenceSPM[3], 176)
			wantNum(t, "hr", a.Samples.HeartRateBPM[3], 150)
			if d := a.Summary.DistanceM; math.Abs(d-1800) > 2 {
				t.Errorf("haversine distance %v, want ≈1800", d)
			}
			if v := a.Samples.SpeedMS[100]; math.Abs(v-3) > 0.01 {
				t.Errorf("speed %v, want ≈3", v)
			}
			wantNum(t, "ascent", a.Summary.AscentM, 600)
			if !a.Channels.Has(ChanPosition) || !a.Channels.Has(ChanDistance) {
				t.Errorf("channels %v", a.Channels)
			}
		}},
		{name: "gpx type 9", dec: gpxDec, text: makeGPX(5, "9"), check: func(t *testing.T, a *Activity) {
			wantEq(t, "sport", a.Sport, SportRunning)
		}},
		{name: "gpx without track", dec: gpxDec, text: `<gpx version="1.1"><wpt lat="1" lon="2"/></gpx>`, wantErr: true},
		{name: "not xml", dec: gpxDec, text: "<gpx><trk><trkseg><trkpt lat='1' lon='2'></trkseg>", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := decodeString(t, tt.dec, "x", tt.text)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.check == nil {
				return
			}
			if len(acts) != 1 {
				t.Fatalf("%d activities, want 1", len(acts))
			}
			tt.check(t, acts[0])
		})
	}
}

// TestTCXMultisport reads a triathlon as Garmin writes it in TCX (the
// schema's MultiSportSession: FirstSport, then NextSport with a Transition
// lap and an Activity): each sport becomes its own activity and the run
// counts as a run (issue 23: the file read as empty before).
func TestTCXMultisport(t *testing.T) {
	one := func(sport string, startMin int) string {
		start := time.Date(2026, 6, 7, 7, startMin, 0, 0, time.UTC)
		var b strings.Builder
		fmt.Fprintf(&b, `<Activity Sport="%s"><Id>%s</Id><Lap StartTime="%s"><TotalTimeSeconds>59</TotalTimeSeconds><DistanceMeters>177</DistanceMeters><Track>`,
			sport, start.Format(time.RFC3339), start.Format(time.RFC3339))
		for i := 0; i < 60; i++ {
			fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><DistanceMeters>%d</DistanceMeters></Trackpoint>`, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 3*i)
		}
		b.WriteString(`</Track></Lap></Activity>`)
		return b.String()
	}
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><MultiSportSession><Id>2026-06-07T07:00:00Z</Id>
<FirstSport>` + one("Other", 0) + `</FirstSport>
<NextSport><Transition StartTime="2026-06-07T07:20:00Z"><TotalTimeSeconds>120</TotalTimeSeconds><DistanceMeters>0</DistanceMeters><Calories>5</Calories><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod></Transition>` + one("Biking", 30) + `</NextSport>
<NextSport>` + one("Running", 50) + `</NextSport>
</MultiSportSession></Activities></TrainingCenterDatabase>`
	acts, err := decodeString(t, tcxDec, "tri.tcx", doc)
	if err != nil {
		t.Fatal(err)
	}
	var sports []Sport
	for _, a := range acts {
		sports = append(sports, a.Sport)
	}
	if len(acts) != 3 || acts[1].Sport != SportCycling || acts[2].Sport != SportRunning || !acts[2].IsRun() {
		t.Fatalf("sports %v, want [? cycling running]", sports)
	}
	if d := acts[2].Summary.DistanceM; d != 177 {
		t.Errorf("run distance %v m, want 177 (its own lap)", d)
	}
	if got := acts[2].Start.Format("15:04"); got != "07:50" {
		t.Errorf("run starts %s, want 07:50", got)
	}
}
