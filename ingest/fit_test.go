package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"github.com/itbcheck/itbcheck/testkit/moddir"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// corpusDir is the shared corpus of real files; tests skip when absent.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		skipWithoutShared(t, "corpus "+dir, err)
	}
	return dir
}

// decodeBytes runs decodeFIT on b, failing the test on a panic.
func decodeBytes(t *testing.T, b []byte, opt Options) ([]*Activity, error) {
	t.Helper()
	var acts []*Activity
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				t.Fatalf("decodeFIT panicked: %v", v)
			}
		}()
		err = decodeFIT(bytes.NewReader(b), "test.fit", opt, func(a *Activity) { acts = append(acts, a) })
	}()
	return acts, err
}

func decodeFile(t *testing.T, path string) ([]*Activity, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBytes(t, b, Options{})
}

func TestFITCorpus(t *testing.T) {
	dir := corpusDir(t, "fit2gpx")
	tests := []struct {
		file     string
		sport    Sport
		mayFail  bool
		channels []Channel
	}{
		{"Fenix3-Run-1321421020.fit", SportRunning, false, []Channel{ChanCadence, ChanStanceTimeBalance, ChanStepLength, ChanVerticalRatio, ChanPosition}},
		{"68MK1405.FIT", SportRunning, false, []Channel{ChanCadence, ChanStanceTime, ChanStanceTimeBalance}},
		{"Bryton-bad-data-170729181231.fit", SportCycling, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			acts, err := decodeFile(t, filepath.Join(dir, tt.file))
			if err != nil {
				if !tt.mayFail {
					t.Fatalf("decode: %v", err)
				}
				if strings.Contains(err.Error(), "\n") || !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTruncated) {
					t.Errorf("error not one classified line: %q", err)
				}
				t.Logf("error (accepted): %v", err)
			}
			if len(acts) == 0 {
				if !tt.mayFail {
					t.Fatal("no activity")
				}
				return
			}
			a := acts[0]
			if a.Sport != tt.sport {
				t.Errorf("sport = %q (%q), want %q", a.Sport, a.RawSport, tt.sport)
			}
			for _, c := range tt.channels {
				if !a.Channels.Has(c) {
					t.Errorf("channel %v missing from %v", Channels(c), a.Channels)
				}
			}
			t.Logf("%s: %s %q device %q start %s samples %d channels %s dist %.0f m dur %.0f s cad %.1f notes %q",
				tt.file, a.Sport, a.RawSport, a.Device, a.Start.Format(time.RFC3339), a.Samples.Len(), a.Channels,
				a.Summary.DistanceM, a.Summary.DurationS, a.Summary.AvgCadenceSPM, a.Notes)
		})
	}
}

// fitModule is the FIT SDK go.mod requires; its version is go.mod's.
const fitModule = "github.com/muktihari/fit"

// moduleTestdata finds the testdata folder of a module in the module
// cache: of a module go.mod requires (a path without @version) through
// go list -m, failing the test when it is absent; of another pinned
// module (path@version) through go mod download, "" when unavailable.
func moduleTestdata(t *testing.T, module string) string {
	t.Helper()
	if !strings.Contains(module, "@") {
		return moddir.Testdata(t, module) // a module go.mod requires: it must be there
	}
	out, err := exec.Command("go", "mod", "download", "-json", module).Output()
	if err != nil {
		t.Logf("%s unavailable: %v", module, err)
		return ""
	}
	const key = `"Dir": "`
	s := string(out)
	i := strings.Index(s, key)
	if i < 0 {
		return ""
	}
	s = s[i+len(key):]
	dir := filepath.Join(s[:strings.Index(s, `"`)], "testdata")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// TestFITModuleTestdata decodes every FIT file shipped with muktihari/fit
// and tormoder/fit: each must decode or fail with a classified error, and
// none may panic.
func TestFITModuleTestdata(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: walks module testdata")
	}
	found := false
	for _, mod := range []string{fitModule, "github.com/tormoder/fit@v0.15.0"} {
		dir := moduleTestdata(t, mod)
		if dir == "" {
			continue
		}
		found = true
		var ok, failed, acts int
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".fit") {
				return nil
			}
			got, derr := decodeFile(t, path)
			acts += len(got)
			if derr != nil {
				failed++
				if !errors.Is(derr, ErrCorrupt) && !errors.Is(derr, ErrTruncated) && !errors.Is(derr, ErrUnsupported) &&
					!errors.Is(derr, ErrEmpty) && !errors.Is(derr, ErrTooLarge) {
					t.Errorf("%s: unclassified error %v", path, derr)
				}
				if strings.Contains(derr.Error(), "\n") {
					t.Errorf("%s: error spans lines: %q", path, derr)
				}
				t.Logf("%s: %v", strings.TrimPrefix(path, dir), derr)
				return nil
			}
			ok++
			return nil
		})
		t.Logf("%s: %d files decoded, %d failed with an error, %d activities", mod, ok, failed, acts)
		if ok == 0 {
			t.Errorf("%s: no file decoded", mod)
		}
	}
	if !found {
		t.Skip("no module testdata available")
	}
}

// fenix3CSV averages the samples of fit2gpx's CSV of the Fenix 3 run, in
// itbcheck units, zeros left out as absent (clearZeros).
func fenix3CSV(t *testing.T, path string) map[string]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	num := func(row []string, name string) float64 {
		i, ok := col[name]
		if !ok || i >= len(row) || row[i] == "" {
			return math.NaN()
		}
		v, err := strconv.ParseFloat(row[i], 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	sums, counts := map[string]float64{}, map[string]float64{}
	add := func(k string, v float64) {
		if !math.IsNaN(v) {
			sums[k] += v
			counts[k]++
		}
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		cad := 2 * (num(row, "cadence") + num(row, "fractional_cadence"))
		add := func(k string, v float64) {
			if v > 0 {
				add(k, v)
			}
		}
		add("cadence", cad)
		add("balance", num(row, "stance_time_balance"))
		add("osc", num(row, "vertical_oscillation")/10)
		add("step", num(row, "step_length")/1000)
		add("stance", num(row, "stance_time"))
		add("ratio", num(row, "vertical_ratio"))
	}
	out := map[string]float64{}
	for k, s := range sums {
		out[k] = s / counts[k]
	}
	return out
}

// TestFenix3RunningDynamics shows the fields tormoder/fit drops
// (stance_time_balance 84, step_length 85, vertical_ratio 83) decoded from
// a real Garmin Fenix 3 run: the sample averages agree with fit2gpx's CSV of
// the same file, and the moving-time averages of the samples (what a TCX or
// GPX of the run gives) with the watch's own session averages.
func TestFenix3RunningDynamics(t *testing.T) {
	dir := corpusDir(t, "fit2gpx")
	acts, err := decodeFile(t, filepath.Join(dir, "Fenix3-Run-1321421020.fit"))
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 {
		t.Fatalf("%d activities, want 1", len(acts))
	}
	a := acts[0]
	// 5713 records, the last written after the session's end (start +
	// elapsed time): the official SDK counts 5712 in the session.
	if a.Samples.Len() != 5712 {
		t.Errorf("samples = %d, want 5712", a.Samples.Len())
	}
	s := &a.Samples
	cols := map[string][]float64{"cadence": s.CadenceSPM, "balance": s.BalanceLeftPct, "osc": s.VertOscCm,
		"step": s.StepLengthM, "stance": s.StanceTimeMs, "ratio": s.VertRatioPct}
	w := a.moving().weights
	got, moving := map[string]float64{}, map[string]float64{}
	for k, v := range cols {
		got[k], moving[k] = meanOf(v, nil), movingMean(v, w)
	}
	csvAvg := fenix3CSV(t, filepath.Join(dir, "Fenix3-Run-1321421020.fit.csv"))
	session := map[string]float64{
		"cadence": a.Summary.AvgCadenceSPM, "balance": a.Summary.AvgBalanceLeftPct, "osc": a.Summary.AvgVertOscCm,
		"step": a.Summary.AvgStepLengthM, "stance": a.Summary.AvgStanceTimeMs, "ratio": a.Summary.AvgVertRatioPct,
	}
	tests := []struct {
		key            string
		lo, hi         float64 // plausible range for a runner
		csvTol, sesTol float64
	}{
		{"cadence", 140, 200, 0.01, 1.5},
		{"balance", 45, 55, 0.01, 0.2},
		{"osc", 5, 13, 0.01, 0.3},
		{"step", 0.6, 1.8, 0.001, 0.03},
		{"stance", 180, 320, 0.05, 5},
		{"ratio", 4, 12, 0.01, 0.3},
	}
	for _, tt := range tests {
		g := got[tt.key]
		t.Logf("%-8s samples %.3f  csv %.3f  moving %.3f  session %.3f", tt.key, g, csvAvg[tt.key], moving[tt.key], session[tt.key])
		if math.IsNaN(g) || g < tt.lo || g > tt.hi {
			t.Errorf("%s average %.3f outside plausible %g..%g", tt.key, g, tt.lo, tt.hi)
		}
		if d := math.Abs(g - csvAvg[tt.key]); !(d <= tt.csvTol) {
			t.Errorf("%s: samples %.4f, fit2gpx csv %.4f", tt.key, g, csvAvg[tt.key])
		}
		if d := math.Abs(moving[tt.key] - session[tt.key]); !(d <= tt.sesTol) {
			t.Errorf("%s: moving-time mean %.4f, session %.4f", tt.key, moving[tt.key], session[tt.key])
		}
	}
	if a.Device.String() != "garmin fenix3" {
		t.Errorf("device = %q", a.Device)
	}
}

// TestFITScalesMatchProfile checks the direct field reading of onRecord
// against the library's typed *Scaled accessors on every record of a real
// file, so a scale or unit slip cannot hide.
func TestFITScalesMatchProfile(t *testing.T) {
	dir := corpusDir(t, "fit2gpx")
	b, err := os.ReadFile(filepath.Join(dir, "Fenix3-Run-1321421020.fit"))
	if err != nil {
		t.Fatal(err)
	}
	acts, err := decodeBytes(t, b, Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("decode: %v", err)
	}
	s := &acts[0].Samples
	var recs []*mesgdef.Record
	lis := listenerFunc(func(m proto.Message) {
		if m.Num == mesgnum.Record {
			recs = append(recs, mesgdef.NewRecord(&m))
		}
	})
	if _, err := decoder.New(bytes.NewReader(b), decoder.WithMesgListener(lis), decoder.WithBroadcastOnly()).Decode(); err != nil {
		t.Fatal(err)
	}
	// The last record comes after the session's end and is left out.
	if len(recs) != s.Len()+1 {
		t.Fatalf("%d records, %d samples", len(recs), s.Len())
	}
	recs = recs[:s.Len()]
	same := func(i int, name string, got, want float64) {
		if math.IsNaN(want) || want == math.Float64frombits(0xFFFFFFFFFFFFFFFF) {
			want = math.NaN()
		}
		if want == 0 && name != "speed" && name != "altitude" && name != "distance" && name != "lat" {
			want = math.NaN() // a sensor's 0 is absent (clearZeros)
		}
		if math.IsNaN(got) != math.IsNaN(want) || math.Abs(got-want) > 1e-9 {
			t.Fatalf("record %d %s: got %v, profile %v", i, name, got, want)
		}
	}
	for i, r := range recs {
		same(i, "step length m", s.StepLengthM[i], r.StepLengthScaled()/1000)
		same(i, "balance %", s.BalanceLeftPct[i], r.StanceTimeBalanceScaled())
		same(i, "vertical ratio %", s.VertRatioPct[i], r.VerticalRatioScaled())
		same(i, "oscillation cm", s.VertOscCm[i], r.VerticalOscillationScaled()/10)
		same(i, "stance ms", s.StanceTimeMs[i], r.StanceTimeScaled())
		same(i, "speed", s.SpeedMS[i], r.EnhancedSpeedScaled())
		same(i, "altitude", s.AltitudeM[i], r.EnhancedAltitudeScaled())
		same(i, "distance", s.DistanceM[i], r.DistanceScaled())
		same(i, "lat", s.LatDeg[i], r.PositionLatDegrees())
		same(i, "cadence", s.CadenceSPM[i], 2*(float64(r.Cadence)+r.FractionalCadenceScaled()))
	}
}

type listenerFunc func(proto.Message)

func (f listenerFunc) OnMesg(m proto.Message) { f(m) }

func readSynth(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fit", name))
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -update)", err)
	}
	return b
}

// TestFITSynthetic checks the generated files field by field.
func TestFITSynthetic(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		file      string
		sport     Sport
		raw       string
		device    string
		samples   int
		channels  string
		local     time.Duration // -1: none
		cadence   float64
		balance   float64
		power     float64
		durationS float64
		devFields string
		laps      int
	}{
		{"run_dynamics.fit", SportRunning, "running", "garmin fenix3", 600,
			"time,distance,speed,heart_rate,cadence,altitude,position,stance_time,stance_time_balance,vertical_oscillation,vertical_ratio,step_length,power",
			time.Hour, 169, 49.7, 252, 599, "Power,Form Power", 2},
		{"run_plain.fit", SportTrail, "running/trail", "garmin fenix3", 600,
			"time,distance,speed,heart_rate,cadence,altitude,position", -1, 169, nan, nan, 599, "", 2},
		{"ride.fit", SportCycling, "cycling/road", "bryton 1901", 300,
			"time,distance,speed,heart_rate,cadence,power", -1, 90, nan, 200, 299, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			acts, err := decodeBytes(t, readSynth(t, tt.file), Options{})
			if err != nil || len(acts) != 1 {
				t.Fatalf("decode: %d activities, %v", len(acts), err)
			}
			a := acts[0]
			if a.Sport != tt.sport || a.RawSport != tt.raw {
				t.Errorf("sport = %q %q, want %q %q", a.Sport, a.RawSport, tt.sport, tt.raw)
			}
			if a.Device.String() != tt.device {
				t.Errorf("device = %q, want %q", a.Device, tt.device)
			}
			if !a.Start.Equal(synthStart) {
				t.Errorf("start = %v", a.Start)
			}
			if a.Samples.Len() != tt.samples || a.Channels.String() != tt.channels {
				t.Errorf("samples %d channels %s, want %d %s", a.Samples.Len(), a.Channels, tt.samples, tt.channels)
			}
			if (tt.local < 0) == a.HasLocalOffset || (a.HasLocalOffset && a.LocalOffset != tt.local) {
				t.Errorf("local offset %v %v, want %v", a.HasLocalOffset, a.LocalOffset, tt.local)
			}
			near := func(name string, got, want, tol float64) {
				if math.IsNaN(got) != math.IsNaN(want) || math.Abs(got-want) > tol {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			near("avg cadence", a.Summary.AvgCadenceSPM, tt.cadence, 0.01)
			near("avg balance", a.Summary.AvgBalanceLeftPct, tt.balance, 0.01)
			near("avg power", a.Summary.AvgPowerW, tt.power, 0.01)
			near("duration", a.Summary.DurationS, tt.durationS, 0.01)
			if got := strings.Join(a.DevFields, ","); got != tt.devFields {
				t.Errorf("dev fields %q, want %q", got, tt.devFields)
			}
			if len(a.Laps) != tt.laps {
				t.Errorf("laps = %d, want %d", len(a.Laps), tt.laps)
			}
		})
	}
}

// TestFITPlainRunTimes checks compressed timestamps (run_plain.fit is
// written with compressed timestamp headers) and the 30 s pause.
func TestFITPlainRunTimes(t *testing.T) {
	b := readSynth(t, "run_plain.fit")
	compressed := 0
	lis := listenerFunc(func(m proto.Message) {
		if m.Num == mesgnum.Record && m.Header&proto.MesgCompressedHeaderMask != 0 {
			compressed++
		}
	})
	if _, err := decoder.New(bytes.NewReader(b), decoder.WithMesgListener(lis), decoder.WithBroadcastOnly()).Decode(); err != nil {
		t.Fatal(err)
	}
	if compressed < 500 {
		t.Fatalf("only %d records use compressed timestamps", compressed)
	}
	acts, err := decodeBytes(t, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := acts[0].Samples
	if s.ElapsedS[0] != 0 || s.ElapsedS[299] != 299 || s.ElapsedS[300] != 330 || s.ElapsedS[599] != 629 {
		t.Errorf("elapsed = %v %v %v %v, want 0 299 330 629", s.ElapsedS[0], s.ElapsedS[299], s.ElapsedS[300], s.ElapsedS[599])
	}
	if got := acts[0].Summary.ElapsedS; got != 629 {
		t.Errorf("session elapsed = %v, want 629", got)
	}
}

func TestFITChainedAndMultisport(t *testing.T) {
	run, ride := readSynth(t, "run_dynamics.fit"), readSynth(t, "ride.fit")
	chained := append(append([]byte{}, run...), ride...)
	acts, err := decodeBytes(t, chained, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 2 || acts[0].Sport != SportRunning || acts[1].Sport != SportCycling {
		t.Fatalf("chained: %d activities", len(acts))
	}

	// Two sessions in one sequence: run then ride, 10 minutes apart.
	brick := synthRun(true)
	ridePart := synthRide()
	shift := 20 * time.Minute
	for _, r := range ridePart.Records {
		r.Timestamp = r.Timestamp.Add(shift)
		brick.Records = append(brick.Records, r)
	}
	s := ridePart.Sessions[0]
	s.StartTime, s.Timestamp = s.StartTime.Add(shift), s.Timestamp.Add(shift)
	brick.Sessions = append(brick.Sessions, s)
	acts, err = decodeBytes(t, encodeFIT(t, brick, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 2 {
		t.Fatalf("multisport: %d activities, want 2", len(acts))
	}
	if acts[0].Samples.Len() != 600 || acts[1].Samples.Len() != 300 || acts[1].Sport != SportCycling {
		t.Errorf("multisport split: %d %d %s", acts[0].Samples.Len(), acts[1].Samples.Len(), acts[1].Sport)
	}
	if acts[1].Samples.ElapsedS[0] != 0 || !acts[1].Start.Equal(synthStart.Add(shift)) {
		t.Errorf("ride start %v elapsed0 %v", acts[1].Start, acts[1].Samples.ElapsedS[0])
	}
}

func TestFITSummaryOnly(t *testing.T) {
	acts, err := decodeBytes(t, readSynth(t, "run_plain.fit"), Options{SummaryOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	if a.Samples.Len() != 0 || !a.Channels.Has(ChanCadence) || math.Abs(a.Summary.AvgCadenceSPM-169) > 0.01 {
		t.Errorf("summary only: %d samples, channels %s, cadence %v", a.Samples.Len(), a.Channels, a.Summary.AvgCadenceSPM)
	}
}

func TestFITDamaged(t *testing.T) {
	good := readSynth(t, "run_dynamics.fit")
	flipped := append([]byte{}, good...)
	flipped[len(flipped)/2] ^= 0x01
	rnd := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(rng.Uint32())
	}
	badHeader := append([]byte{}, good...)
	copy(badHeader[8:12], "XXXX")
	tests := []struct {
		name     string
		data     []byte
		opt      Options
		class    error
		wantActs bool
	}{
		{"truncated", good[:len(good)*2/3], Options{}, ErrTruncated, true},
		{"truncated in header", good[:8], Options{}, ErrTruncated, false},
		// as the official SDK does: the records before the damage
		{"flipped byte", flipped, Options{}, ErrCorrupt, true},
		{"zero bytes", nil, Options{}, ErrEmpty, false},
		{"random bytes", rnd, Options{}, ErrUnsupported, false},
		{"not FIT signature", badHeader, Options{}, ErrUnsupported, false},
		{"too many records", good, Options{Limits: Limits{MaxRecords: 100}}, ErrTooLarge, false},
		{"declared size too large", good, Options{Limits: Limits{MaxFileBytes: 1000}}, ErrTooLarge, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Write to a file and read back, as a real damaged copy would be.
			path := filepath.Join(t.TempDir(), "bad.fit")
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := decodeBytes(t, b, tt.opt)
			if !errors.Is(err, tt.class) {
				t.Fatalf("error %v, want class %v", err, tt.class)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || msg != strings.ToLower(msg[:1])+msg[1:] {
				t.Errorf("error not one lower-case line: %q", msg)
			}
			if tt.wantActs != (len(acts) > 0) {
				t.Fatalf("%d activities emitted", len(acts))
			}
			if tt.wantActs {
				a := acts[0]
				if a.Samples.Len() == 0 || a.Samples.Len() >= 600 || len(a.Notes) == 0 {
					t.Errorf("partial: %d samples, notes %q", a.Samples.Len(), a.Notes)
				}
				if !a.Channels.Has(ChanStanceTimeBalance) || math.IsNaN(a.Summary.AvgCadenceSPM) {
					t.Errorf("partial activity lacks data: %s", a.Channels)
				}
				t.Logf("%v; kept %d samples; notes %q", err, a.Samples.Len(), a.Notes)
			}
		})
	}
}

// FuzzFIT feeds arbitrary bytes to the FIT decoder: it must never panic.
func FuzzFIT(f *testing.F) {
	for _, sf := range synthFiles {
		if b, err := os.ReadFile(filepath.Join("testdata", "fit", sf.name)); err == nil {
			f.Add(b)
			f.Add(b[:len(b)/2])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		opt := Options{Limits: Limits{MaxRecords: 10000}}
		_ = decodeFIT(bytes.NewReader(b), "fuzz.fit", opt, func(a *Activity) {
			if a.Samples.Len() > 10000 {
				t.Fatalf("%d samples beyond the limit", a.Samples.Len())
			}
		})
	})
}

// BenchmarkDecodeFIT decodes muktihari/fit's 2.4 MB big_activity.fit.
func BenchmarkDecodeFIT(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(moddir.Testdata(b, fitModule), "big_activity.fit"))
	if err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		opt  Options
	}{{"samples", Options{}}, {"summary-only", Options{SummaryOnly: true}}} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				if err := decodeFIT(bytes.NewReader(data), "big.fit", tt.opt, func(a *Activity) { n += a.Samples.Len() }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
