package ingest

import (
	"bufio"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// corpus is the path of a shared real export; the test skips when the
// shared corpus is not checked out beside the repository.
func corpus(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "corpus", rel)
	if _, err := os.Stat(p); err != nil {
		skipWithoutShared(t, "corpus file "+p, err)
	}
	return p
}

// decodeString runs decodeCSV/TCX/GPX on text and collects the activities.
func decodeString(t *testing.T, dec func(*strings.Reader, string, Options, emitFunc) error, name, text string) ([]*Activity, error) {
	t.Helper()
	var acts []*Activity
	err := dec(strings.NewReader(text), name, Options{}, func(a *Activity) {
		if a.Source == "" {
			a.Source = name
		}
		acts = append(acts, a)
	})
	return acts, err
}

func csvDec(r *strings.Reader, name string, opt Options, emit emitFunc) error {
	return decodeCSV(r, name, opt, emit)
}

const stravaCSV = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories\n" +
	`1234,"Mar 3, 2026, 6:30:00 AM","Easy run, with Bob",Run,,3000,"10.02",171,,false,,Old Clifton 8,activities/1234.fit.gz,,,3000,2950,10020.5,4.1,3.4,85,84,400,480,5,0,95,86,171.0,148.2,,,700` + "\n" +
	"1235,\"Mar 4, 2026, 5:00:00\u202fPM\",Commute,Ride,,1800,12.0,150,,true,,,activities/1235.gpx,,,1800,1700,12000,10,7,20,20,400,420,3,0,,80,150,120,,150,300\n" +
	"1236,\"Mar 5, 2026, 7:00:00 AM\",Treadmill,Virtual Run,,1200,3.0,,,false,,Old Clifton 8,,,,1200,1200,,,,,,,,,,,170,,,,,\n"

const garminUS = `Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Avg Vertical Ratio,Avg Vertical Oscillation,Avg Ground Contact Time,Avg GCT Balance,Training Stress Score®,Moving Time,Elapsed Time
Running,2026-03-04 06:30:00,false,"Zurich Running","10.50","1,234","00:55:00","150","170","3.1","172","190","5:14","4:30","120","118","1.12","7.8","9.2","245","49.6% L / 50.4% R","0.0","00:54:30","00:56:00"
Cycling,2026-03-03 18:00:00,false,"Zurich Cycling","25.00","600","01:00:00","130","150","2.0","--","--","--","--","200","200","--","--","--","--","--","0.0","--","--"
`

const garminEuropean = `Activity Type;Date;Favorite;Title;Distance;Calories;Time;Avg HR;Max HR;Avg Run Cadence;Total Ascent;Total Descent;Avg Stride Length;Avg Vertical Oscillation;Avg Ground Contact Time;Avg GCT Balance
Trail Running;2026-03-04 06:30:00;false;"Uetliberg";12,34;1.234;01:10:05;148;171;168;450;452;1,05;8,9;260;50,8
`

const sampleCSV = "timestamp,heart_rate,cadence,fractional_cadence,stance_time,stance_time_balance,vertical_oscillation,step_length,position_lat,position_long,enhanced_speed,distance\n" +
	"1000000000,140,85,0.5,250,49.0,80,1100,560000000,100000000,3.0,0\n" +
	"1000000001,141,86,0.0,251,49.5,81,1120,560000100,100000100,3.1,3.0\n" +
	"1000000002,142,87,0.5,252,50.0,82,1140,560000200,100000200,3.2,6.1\n"

func TestCSVDialects(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name      string
		text      string
		wantN     int
		wantFmt   Format
		wantSport []Sport
		check     func(t *testing.T, acts []*Activity)
	}{
		{
			name: "strava duplicate columns and quoted comma", text: stravaCSV, wantN: 3, wantFmt: FormatCSVSummary,
			wantSport: []Sport{SportRunning, SportCycling, SportVirtual},
			check: func(t *testing.T, acts []*Activity) {
				a := acts[0]
				wantEq(t, "title", a.Title, "Easy run, with Bob")
				wantEq(t, "gear", a.Gear, "Old Clifton 8")
				wantEq(t, "source file", a.SourceFile, "activities/1234.fit.gz")
				wantEq(t, "start", a.Start, time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC))
				wantNum(t, "distance m (second Distance column)", a.Summary.DistanceM, 10020.5)
				wantNum(t, "moving s", a.Summary.DurationS, 2950)
				wantNum(t, "elapsed s", a.Summary.ElapsedS, 3000)
				wantNum(t, "cadence doubled", a.Summary.AvgCadenceSPM, 172)
				wantNum(t, "avg hr", a.Summary.AvgHeartRateBPM, 148.2)
				wantNum(t, "descent", a.Summary.DescentM, 84)
				wantNum(t, "balance absent", a.Summary.AvgBalanceLeftPct, nan)
				wantNum(t, "ride cadence not doubled", acts[1].Summary.AvgCadenceSPM, 80)
				wantEq(t, "narrow space before PM", acts[1].Start, time.Date(2026, 3, 4, 17, 0, 0, 0, time.UTC))
				wantNum(t, "distance from km column", acts[2].Summary.DistanceM, 3000)
				if a.Samples.Len() != 0 {
					t.Errorf("summary row has %d samples", a.Samples.Len())
				}
			},
		},
		{
			name: "garmin US", text: garminUS, wantN: 2, wantFmt: FormatCSVSummary,
			wantSport: []Sport{SportRunning, SportCycling},
			check: func(t *testing.T, acts []*Activity) {
				a := acts[0]
				wantEq(t, "start", a.Start, time.Date(2026, 3, 4, 6, 30, 0, 0, time.UTC))
				wantEq(t, "wall clock", a.LocalWallClock, true)
				wantEq(t, "has offset", a.HasLocalOffset, true)
				wantEq(t, "local start is the written time", a.LocalStart(time.UTC).Format("2006-01-02 15:04"), "2026-03-04 06:30")
				wantNum(t, "distance", a.Summary.DistanceM, 10500)
				wantNum(t, "moving", a.Summary.DurationS, 54*60+30)
				wantNum(t, "elapsed", a.Summary.ElapsedS, 56*60)
				wantNum(t, "cadence", a.Summary.AvgCadenceSPM, 172)
				wantNum(t, "balance", a.Summary.AvgBalanceLeftPct, 49.6)
				wantNum(t, "osc", a.Summary.AvgVertOscCm, 9.2)
				wantNum(t, "gct", a.Summary.AvgStanceTimeMs, 245)
				wantNum(t, "stride", a.Summary.AvgStepLengthM, 1.12)
				wantNum(t, "ratio", a.Summary.AvgVertRatioPct, 7.8)
				wantNum(t, "ride cadence missing", acts[1].Summary.AvgCadenceSPM, nan)
				wantNum(t, "ride duration from Time", acts[1].Summary.DurationS, 3600)
				if !hasNote(a, "km") {
					t.Errorf("no note on the assumed distance unit: %q", a.Notes)
				}
			},
		},
		{
			name: "garmin statute units", wantN: 1, wantFmt: FormatCSVSummary, wantSport: []Sport{SportRunning},
			text: "Activity Type,Date,Title,Distance,Time,Avg Run Cadence,Total Ascent,Avg Stride Length\n" +
				`Running,2026-03-04 06:30:00,"Boulder Running","6.52","00:54:30","172","394","3.67"` + "\n",
			check: func(t *testing.T, acts []*Activity) {
				s := acts[0].Summary
				wantNum(t, "miles", s.DistanceM, 6.52*1609.344)
				wantNum(t, "feet", s.AscentM, 394*0.3048)
				wantNum(t, "stride feet", s.AvgStepLengthM, 3.67*0.3048)
				if !hasNote(acts[0], "miles") {
					t.Errorf("no note on the inferred units: %q", acts[0].Notes)
				}
			},
		},
		{
			name: "garmin european", text: garminEuropean, wantN: 1, wantFmt: FormatCSVSummary,
			wantSport: []Sport{SportTrail},
			check: func(t *testing.T, acts []*Activity) {
				a := acts[0]
				wantNum(t, "decimal comma distance", a.Summary.DistanceM, 12340)
				wantNum(t, "stride", a.Summary.AvgStepLengthM, 1.05)
				wantNum(t, "osc", a.Summary.AvgVertOscCm, 8.9)
				wantNum(t, "balance number", a.Summary.AvgBalanceLeftPct, 50.8)
				wantNum(t, "time", a.Summary.DurationS, 70*60+5)
			},
		},
		{
			name: "samples FIT units", text: sampleCSV, wantN: 1, wantFmt: FormatCSVSamples,
			wantSport: []Sport{SportRunning},
			check: func(t *testing.T, acts []*Activity) {
				a := acts[0]
				s := &a.Samples
				wantEq(t, "start (FIT epoch)", a.Start, time.Unix(631065600+1000000000, 0).UTC())
				wantNum(t, "elapsed", s.ElapsedS[2], 2)
				wantNum(t, "cadence", s.CadenceSPM[0], 171)
				wantNum(t, "step length", s.StepLengthM[1], 1.12)
				wantNum(t, "osc", s.VertOscCm[2], 8.2)
				wantNum(t, "lat", s.LatDeg[0], 560000000*180/math.Pow(2, 31))
				wantNum(t, "speed", s.SpeedMS[1], 3.1)
				if !a.Channels.Has(ChanStanceTimeBalance) || !a.Channels.Has(ChanPosition) {
					t.Errorf("channels %v", a.Channels)
				}
			},
		},
		{
			name: "samples elapsed clock, tab separated", wantN: 1, wantFmt: FormatCSVSamples,
			text:      "Elapsed\tHR (bpm)\tCadence (spm)\n0:00:00\t100\t160\n0:00:01\t101\t162\n",
			wantSport: []Sport{SportRunning},
			check: func(t *testing.T, acts []*Activity) {
				wantNum(t, "elapsed", acts[0].Samples.ElapsedS[1], 1)
				wantNum(t, "cadence stays spm", acts[0].Samples.CadenceSPM[1], 162)
				wantEq(t, "start unknown", acts[0].Start.IsZero(), true)
			},
		},
		{
			name: "golden cheetah", wantN: 1, wantFmt: FormatCSVSamples,
			text:      "secs,cad,hr,km,kph,nm,watts,alt,lon,lat\n0,88,140,0,10.8,0,250,400,8.5,47.0\n1,88,141,0.003,10.8,0,251,400,8.5,47.00003\n",
			wantSport: []Sport{SportRunning},
			check: func(t *testing.T, acts []*Activity) {
				s := &acts[0].Samples
				wantNum(t, "km → m", s.DistanceM[1], 3)
				wantNum(t, "kph → m/s", s.SpeedMS[0], 3)
				wantNum(t, "cad doubled", s.CadenceSPM[0], 176)
				wantNum(t, "power", s.PowerW[1], 251)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := decodeString(t, csvDec, "x.csv", tt.text)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if len(acts) != tt.wantN {
				t.Fatalf("%d activities, want %d", len(acts), tt.wantN)
			}
			for i, a := range acts {
				wantEq(t, "format", a.Format, tt.wantFmt)
				wantEq(t, "sport "+strconv.Itoa(i), a.Sport, tt.wantSport[i])
			}
			tt.check(t, acts)
		})
	}
}

func TestCSVRejects(t *testing.T) {
	for _, text := range []string{"", "a,b,c\n1,2,3\n", "time,hr\nnot a time,3\n"} {
		if _, err := decodeString(t, csvDec, "x.csv", text); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		sep  rune
		want float64
	}{
		{"1,234", ',', 1234}, {"1,234.5", ',', 1234.5}, {"3,76", ';', 3.76}, {"1.234,5", ';', 1234.5},
		{"49.6% L", ',', 49.6}, {"--", ',', math.NaN()}, {"", ';', math.NaN()}, {"245 ms", ',', 245},
		{"-3.5", ',', -3.5}, {"abc", ',', math.NaN()}, {"1e3", ',', 1000},
	}
	for _, tt := range tests {
		wantNum(t, tt.in, parseNumber(tt.in, tt.sep), tt.want)
	}
}

// TestFit2gpxCSV decodes the real per-second CSV fit2gpx wrote from a Fenix 3
// run and checks the averages against figures computed straight from the
// file's columns here, and against the FIT decode of the same run.
func TestFit2gpxCSV(t *testing.T) {
	path := corpus(t, "fit2gpx/Fenix3-Run-1321421020.fit.csv")
	acts, err := Open(path, Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("Open: %d activities, %v", len(acts), err)
	}
	got := acts[0].Summary
	want := fit2gpxAverages(t, path)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"cadence spm", got.AvgCadenceSPM, want["cadence"]},
		{"GCT balance % left", got.AvgBalanceLeftPct, want["balance"]},
		{"oscillation cm", got.AvgVertOscCm, want["osc"]},
		{"step length m", got.AvgStepLengthM, want["step"]},
		{"stance ms", got.AvgStanceTimeMs, want["stance"]},
	} {
		if math.IsNaN(c.got) || math.Abs(c.got-c.want) > 1e-9*math.Abs(c.want) {
			t.Errorf("%s = %v, computed from the columns %v", c.name, c.got, c.want)
		}
	}
	if acts[0].Samples.Len() != 5713 {
		t.Errorf("%d samples, want 5713", acts[0].Samples.Len())
	}

	fitPath := corpus(t, "fit2gpx/Fenix3-Run-1321421020.fit")
	fits, err := Open(fitPath, Options{})
	if err != nil || len(fits) != 1 {
		t.Fatalf("our FIT decoder failed on %s: %d activities, %v", fitPath, len(fits), err)
	}
	// Compare like with like: the FIT file's samples averaged the same way.
	fa := *fits[0]
	fa.Summary, fa.Notes = EmptySummary(), nil
	fa.fillFromSamples()
	f := fa.Summary
	for _, c := range []struct {
		name       string
		csv, fromF float64
	}{
		{"cadence spm", got.AvgCadenceSPM, f.AvgCadenceSPM},
		{"GCT balance % left", got.AvgBalanceLeftPct, f.AvgBalanceLeftPct},
		{"oscillation cm", got.AvgVertOscCm, f.AvgVertOscCm},
		{"step length m", got.AvgStepLengthM, f.AvgStepLengthM},
		{"stance ms", got.AvgStanceTimeMs, f.AvgStanceTimeMs},
		{"distance m", got.DistanceM, f.DistanceM},
	} {
		if math.IsNaN(c.csv) || math.Abs(c.csv-c.fromF) > 0.005*math.Abs(c.fromF) {
			t.Errorf("%s: CSV %v, FIT %v (more than 0.5%% apart)", c.name, c.csv, c.fromF)
		}
	}
	t.Logf("CSV cadence %.2f spm, balance %.2f %%L, osc %.2f cm, step %.4f m, stance %.1f ms; FIT session %.2f, %.2f, %.2f, %.4f, %.1f",
		got.AvgCadenceSPM, got.AvgBalanceLeftPct, got.AvgVertOscCm, got.AvgStepLengthM, got.AvgStanceTimeMs,
		fits[0].Summary.AvgCadenceSPM, fits[0].Summary.AvgBalanceLeftPct, fits[0].Summary.AvgVertOscCm,
		fits[0].Summary.AvgStepLengthM, fits[0].Summary.AvgStanceTimeMs)
}

// fit2gpxAverages computes the running-sample means of the fit2gpx CSV from
// its raw columns (FIT units), independently of the decoder: a sample counts
// when speed ≥ 1.5 m/s and cadence ≥ 120 spm (DOMAIN.md cleaning).
func fit2gpxAverages(t *testing.T, path string) map[string]float64 {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	idx := map[string]int{}
	for i, h := range strings.Split(sc.Text(), ";") {
		idx[h] = i
	}
	// Averages over moving time (DOMAIN.md): each row weighs the seconds
	// since the row before (the file has no pause), zeros left out.
	sums, ns := map[string]float64{}, map[string]float64{}
	var w float64
	add := func(k string, v float64) {
		if !math.IsNaN(v) && v != 0 {
			sums[k] += v * w
			ns[k] += w
		}
	}
	var prev time.Time
	for sc.Scan() {
		rec := strings.Split(sc.Text(), ";")
		ts, err := time.Parse("2006-01-02T15:04:05", rec[idx["time"]])
		if err != nil {
			t.Fatal(err)
		}
		w = 0
		if !prev.IsZero() {
			w = ts.Sub(prev).Seconds()
		}
		prev = ts
		num := func(col string) float64 {
			v, err := strconv.ParseFloat(rec[idx[col]], 64)
			if err != nil {
				return math.NaN()
			}
			return v
		}
		cad := 2 * (num("cadence") + num("fractional_cadence"))
		add("cadence", cad)
		add("balance", num("stance_time_balance"))
		add("osc", num("vertical_oscillation")/10)
		add("step", num("step_length")/1000)
		add("stance", num("stance_time"))
	}
	out := map[string]float64{}
	for k := range sums {
		out[k] = sums[k] / ns[k]
	}
	return out
}

func wantEq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func wantNum(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want absent (NaN)", what, got)
		}
		return
	}
	if math.IsNaN(got) || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func hasNote(a *Activity, sub string) bool {
	for _, n := range a.Notes {
		if strings.Contains(n, sub) {
			return true
		}
	}
	return false
}

func TestSportFromName(t *testing.T) {
	tests := map[string]Sport{
		"Run": SportRunning, "Trail Run": SportTrail, "Virtual Run": SportVirtual, "Treadmill Running": SportTreadmill,
		"running": SportRunning, "9": SportRunning, "1": SportCycling, "Ride": SportCycling, "E-Bike Ride": SportCycling,
		"Road Cycling": SportCycling, "Mountain Biking": SportCycling, "Pool Swim": SportSwimming, "Walk": SportWalking,
		"Hiking": SportHiking, "WeightTraining": SportOther, "": SportUnknown, "Track Running": SportRunning,
		"TrailRunning": SportRunning, "Obstacle Run": SportRunning, "Bergwanderung": SportOther, "Rundfahrt": SportOther,
	}
	for in, want := range tests {
		wantEq(t, in, sportFromName(in), want)
	}
}

func TestWallClockLocation(t *testing.T) {
	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	var a *Activity
	err = decodeCSV(strings.NewReader(garminUS), "x.csv", Options{Location: zurich}, func(x *Activity) {
		if a == nil {
			a = x
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "instant", a.Start, time.Date(2026, 3, 4, 5, 30, 0, 0, time.UTC))
	wantEq(t, "offset", a.LocalOffset, time.Hour)
	wantEq(t, "local", a.LocalStart(nil).Format("15:04"), "06:30")
}

// TestWallClockLocationSamples: a per-sample CSV with zone-less times is
// placed as Garmin's summary rows are (TestWallClockLocation): the instant
// from Options.Location (the written time read as UTC without one) and
// LocalStart giving the written wall-clock time either way.
func TestWallClockLocationSamples(t *testing.T) {
	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	const text = "timestamp,heart_rate,cadence\n2026-03-04 06:30:00,140,86\n2026-03-04 06:30:01,141,86\n"
	for _, tt := range []struct {
		loc         *time.Location
		wantInstant time.Time
		wantOffset  time.Duration
	}{
		{zurich, time.Date(2026, 3, 4, 5, 30, 0, 0, time.UTC), time.Hour},
		{nil, time.Date(2026, 3, 4, 6, 30, 0, 0, time.UTC), 0},
	} {
		var a *Activity
		err := decodeCSV(strings.NewReader(text), "s.csv", Options{Location: tt.loc}, func(x *Activity) { a = x })
		if err != nil {
			t.Fatal(err)
		}
		wantEq(t, "wall clock", a.LocalWallClock, true)
		wantEq(t, "has offset", a.HasLocalOffset, true)
		wantEq(t, "instant", a.Start, tt.wantInstant)
		wantEq(t, "offset", a.LocalOffset, tt.wantOffset)
		wantEq(t, "local", a.LocalStart(time.UTC).Format("2006-01-02 15:04"), "2026-03-04 06:30")
		wantNum(t, "elapsed of second sample", a.Samples.ElapsedS[1], 1)
	}
}

// TestOlderStravaListRefused: an activities.csv of the older Strava bulk
// export layout (lower-case id, date, name, type ...) was read as the
// samples of one activity spanning years (issue 23: one 3.75-year
// "activity", 4 runs counted of 45). It is refused in one line, nothing
// emitted.
func TestOlderStravaListRefused(t *testing.T) {
	doc := "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n" +
		"101,2016-03-02 06:30:00,Morning Run,Run,,2710,8.1,false,Pegasus,activities/101.gpx\n" +
		"102,2019-11-20 18:00:00,Evening Ride,Ride,,3600,25.0,true,,activities/102.fit\n"
	acts, err := decodeString(t, csvDec, "activities.csv", doc)
	if !errors.Is(err, ErrUnsupported) || len(acts) != 0 {
		t.Fatalf("%d activities, error %v; want ErrUnsupported and none", len(acts), err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "older Strava bulk-export activities.csv") {
		t.Errorf("error is not one clear line: %q", msg)
	}
}
