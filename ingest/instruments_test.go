package ingest

import (
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestInstrumentsRealFiles checks the device and the step sensors read from
// real files of the shared corpus against what their device_info and
// developer messages say (listed with muktihari/fit's decoder).
func TestInstrumentsRealFiles(t *testing.T) {
	dir := corpusDir(t, "public")
	tests := []struct {
		file           string
		device         string
		cadence, gait  Source
		sensor         string
		balanceChannel Source
	}{
		// fēnix 5 with an HRM-Run (hrm4_run, ANT+ heart rate and
		// running-dynamics profiles): every step channel from the strap.
		{"fp--garmin-fenix-5-run.fit", "garmin fenix5", SourceChestStrap, SourceChestStrap, "garmin hrm4_run", SourceChestStrap},
		// A developer-field footpod (Stryd's Form Power, Leg Spring Stiffness).
		{"fp--developer-types-sample.fit", "stryd", SourceFootpod, SourceWrist, "stryd", SourceNone},
		// fēnix 2 names no sensor: the watch measured what it has.
		{"fp--activity-small-fenix2-run.fit", "garmin fenix2", SourceWrist, SourceWrist, "", SourceNone},
		// COROS writes its product name; no step channel.
		{"fp--coros-pace-2-cycling-misaligned-fields.fit", "COROS PACE 2", SourceNone, SourceNone, "", SourceNone},
		// An HRM-Tri is paired (device_info) but the run recorded no
		// dynamics: nothing is attributed to it.
		{"fd--garmin-fr935-cr.fit", "garmin fr935", SourceNone, SourceNone, "", SourceNone},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			acts, err := decodeFile(t, dir+"/"+tt.file)
			if err != nil || len(acts) == 0 {
				t.Fatalf("decode: %d activities, %v", len(acts), err)
			}
			a := acts[0]
			if got := a.Device.String(); got != tt.device {
				t.Errorf("device %q, want %q", got, tt.device)
			}
			if got := a.SourceOf(ChanCadence); got != tt.cadence {
				t.Errorf("cadence source %q, want %q", got, tt.cadence)
			}
			if got := a.SourceOf(ChanStanceTime); got != tt.gait {
				t.Errorf("stance time source %q, want %q", got, tt.gait)
			}
			if got := a.SourceOf(ChanStanceTimeBalance); got != tt.balanceChannel {
				t.Errorf("balance source %q, want %q", got, tt.balanceChannel)
			}
			if got := a.Dynamics.Sensor.String(); got != tt.sensor {
				t.Errorf("sensor %q, want %q", got, tt.sensor)
			}
		})
	}
}

// TestInstrumentsSynth reads the device_info the simulator writes for each
// watch and sensor it pairs, as a watch writes them.
func TestInstrumentsSynth(t *testing.T) {
	start := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	tests := []struct {
		watch                synth.Watch
		sensor               synth.Sensor
		dynamics             bool
		device               string
		cadence, gait        Source
		sensorName, instrBal string
	}{
		{synth.WatchFR255, "", true, "garmin fr255", SourceWrist, SourceWrist, "", "wrist garmin fr255"},
		{synth.WatchFR255, synth.SensorHRMPro, true, "garmin fr255", SourceChestStrap, SourceChestStrap, "garmin hrm_pro", "chest-strap garmin hrm_pro"},
		{synth.WatchFenix7, synth.SensorRDPod, true, "garmin fenix7", SourcePod, SourcePod, "garmin running_dynamics_pod", "pod garmin running_dynamics_pod"},
		{synth.WatchFR255, synth.SensorStryd, true, "garmin fr255", SourceFootpod, SourceWrist, "stryd 1", "wrist garmin fr255"},
		{synth.WatchCorosPace, synth.SensorCorosPod, true, "COROS PACE 2", SourcePod, SourcePod, "COROS POD 2", "pod COROS POD 2"},
		// A strap paired on a run without dynamics: the strap measured nothing.
		{synth.WatchFR255, synth.SensorHRMPro, false, "garmin fr255", SourceWrist, SourceNone, "", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.watch)+"/"+string(tt.sensor), func(t *testing.T) {
			b, err := synth.EncodeRun(synth.RunSpec{Start: start, DistanceKm: 2, PaceMinPerKm: 5.5,
				CadenceSPM: 168, BalanceLeftPct: 50, Dynamics: tt.dynamics, Sensor: tt.sensor, Watch: tt.watch})
			if err != nil {
				t.Fatal(err)
			}
			acts, err := decodeBytes(t, b, Options{})
			if err != nil || len(acts) != 1 {
				t.Fatalf("decode: %d activities, %v", len(acts), err)
			}
			a := acts[0]
			if got := a.Device.String(); got != tt.device {
				t.Errorf("device %q, want %q", got, tt.device)
			}
			if got := a.SourceOf(ChanCadence); got != tt.cadence {
				t.Errorf("cadence source %q, want %q", got, tt.cadence)
			}
			if got := a.SourceOf(ChanStanceTime); got != tt.gait {
				t.Errorf("stance time source %q, want %q", got, tt.gait)
			}
			if got := a.Dynamics.Sensor.String(); got != tt.sensorName {
				t.Errorf("sensor %q, want %q", got, tt.sensorName)
			}
			if got := a.Instrument(ChanStanceTimeBalance); got != tt.instrBal {
				t.Errorf("balance instrument %q, want %q", got, tt.instrBal)
			}
		})
	}
}

// TestDeviceFromName reads the device names TCX and GPX files write.
func TestDeviceFromName(t *testing.T) {
	tests := []struct{ in, manu, str string }{
		{"Forerunner 410 Software Version 2.20", "", "Forerunner 410 Software Version 2.20"},
		{"Garmin Connect", "garmin", "Garmin Connect"},
		{"COROS PACE 2", "coros", "COROS PACE 2"},
		{"StravaGPX iPhone", "", "StravaGPX iPhone"},
		{"", "", ""},
	}
	for _, tt := range tests {
		d := deviceFromName(tt.in)
		if d.Manufacturer != tt.manu || d.String() != tt.str {
			t.Errorf("deviceFromName(%q) = %+v (%q), want manufacturer %q, %q", tt.in, d, d.String(), tt.manu, tt.str)
		}
	}
}

// TestFITSubMinuteOffset: activity.local_timestamp minus timestamp is kept
// to the second, not rounded to minutes.
func TestFITSubMinuteOffset(t *testing.T) {
	zone := time.FixedZone("", 5*3600+30*60+45)
	b, err := synth.EncodeRun(synth.RunSpec{Start: time.Date(2026, 3, 2, 7, 0, 0, 0, zone), DistanceKm: 1, PaceMinPerKm: 6, CadenceSPM: 168})
	if err != nil {
		t.Fatal(err)
	}
	acts, err := decodeBytes(t, b, Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("decode: %d activities, %v", len(acts), err)
	}
	a := acts[0]
	if !a.HasLocalOffset || a.LocalOffset != 19845*time.Second {
		t.Errorf("local offset %v (known %v), want 5h30m45s", a.LocalOffset, a.HasLocalOffset)
	}
	if got := a.LocalStart(nil).Format("15:04:05"); got != "07:00:00" {
		t.Errorf("local start %s, want 07:00:00", got)
	}
}
