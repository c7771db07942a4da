package ingest

import (
	"reflect"
	"strings"
	"testing"
)

// TestLimitTable: every Limits field has exactly one row, with a key
// named for its unit, a default in whole config units, and the zero-merge
// of Options fills each field from its row.
func TestLimitTable(t *testing.T) {
	fields := reflect.TypeOf(Limits{}).NumField()
	if len(LimitTable) != fields {
		t.Fatalf("%d rows for %d Limits fields: a limit without a row has no config key nor default", len(LimitTable), fields)
	}
	keys := map[string]bool{}
	for i, k := range LimitTable {
		if keys[k.Key] {
			t.Errorf("key %s twice", k.Key)
		}
		keys[k.Key] = true
		unit := map[int64]string{1 << 20: "_mb", 1 << 10: "_kb", 1: ""}[k.Unit]
		if unit != "" && !strings.HasSuffix(k.Key, unit) || unit == "" && k.Unit != 1 {
			t.Errorf("%s: unit %d does not match the key's name", k.Key, k.Unit)
		}
		if k.Default <= 0 || k.Default%k.Unit != 0 {
			t.Errorf("%s: default %d is not a whole number of %d", k.Key, k.Default, k.Unit)
		}
		// The row sets its own field and no other.
		var l Limits
		k.Set(&l, 7)
		set := 0
		v := reflect.ValueOf(l)
		for f := 0; f < fields; f++ {
			if !v.Field(f).IsZero() {
				set++
			}
		}
		if set != 1 || k.Get(l) != 7 {
			t.Errorf("row %d (%s) sets %d fields, reads back %d", i, k.Key, set, k.Get(l))
		}
		if got := k.Get(Options{}.limits()); got != k.Default {
			t.Errorf("%s: zero Options give %d, want the default %d", k.Key, got, k.Default)
		}
	}
	if DefaultLimits.MaxFileBytes != 2<<30 || DefaultLimits.MaxXMLDepth != 256 {
		t.Errorf("DefaultLimits %+v", DefaultLimits)
	}
}
