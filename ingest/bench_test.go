package ingest

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkCSVSamples decodes the real 5713-row fit2gpx CSV.
func BenchmarkCSVSamples(b *testing.B) {
	data, err := os.ReadFile(corpus(b, "fit2gpx/Fenix3-Run-1321421020.fit.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := decodeCSV(bytes.NewReader(data), "bench.csv", Options{}, func(*Activity) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGPXHour decodes a one-hour, one-second GPX track.
func BenchmarkGPXHour(b *testing.B) {
	data := []byte(makeGPX(3600, "running"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := decodeGPX(bytes.NewReader(data), "bench.gpx", Options{}, func(*Activity) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTCXHour decodes a one-hour, one-second TCX track.
func BenchmarkTCXHour(b *testing.B) {
	data := []byte(makeTCX(3600, "Running"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := decodeTCX(bytes.NewReader(data), "bench.tcx", Options{}, func(*Activity) {}); err != nil {
			b.Fatal(err)
		}
	}
}
