package screen

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymptomLogBesideTheRuns: symptoms.csv in an athlete's folder is read
// as the symptom log, never decoded as an activity; its bad rows are input
// failures naming the file and line; an explicit log wins over the one
// found; without a log nothing changes.
func TestSymptomLogBesideTheRuns(t *testing.T) {
	useRead(t, fakeRead)
	root := t.TempDir()
	writeFiles(t, root, "alice/run01.fit", "alice/run02.fit", "alice/old/symptoms.yaml", "bob/run03.fit")
	log := "date,site,side,pain,flags,note\n2026-05-03,outer-knee,left,4,,\n2026-05-04,outer-knee,left,x,,\n2026-05-05,low-back,both,3,,\n"
	if err := os.WriteFile(filepath.Join(root, "alice", "symptoms.csv"), []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(root, "given.csv")
	if err := os.WriteFile(other, []byte("date,site,pain\n2026-05-09,outer-hip,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	as, err := Run(context.Background(), []AthleteInput{
		{Name: "alice", Paths: []string{filepath.Join(root, "alice")}},
		{Name: "alice-given", Paths: []string{filepath.Join(root, "alice")}, Symptoms: other},
		{Name: "bob", Paths: []string{filepath.Join(root, "bob")}},
	}, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	alice, given, bob := as[0], as[1], as[2]
	for _, r := range alice.Season.Runs {
		if strings.Contains(r.Source, "symptoms") {
			t.Errorf("the symptom log was read as an activity: %s", r.Source)
		}
	}
	if len(alice.Season.Runs) != 4 || len(alice.Season.Symptoms) != 2 || alice.Skipped != 1 {
		t.Errorf("alice: %d runs, %d symptoms, %d skipped; want 4, 2 and the older log skipped", len(alice.Season.Runs), len(alice.Season.Symptoms), alice.Skipped)
	}
	if len(alice.InputsFailed) != 1 || alice.InputsFailed[0].Path != filepath.Join(root, "alice", "symptoms.csv") ||
		alice.InputsFailed[0].Reason() != `line 3: pain "x" is not a number from 0 to 10` {
		t.Errorf("alice's failures: %+v", alice.InputsFailed)
	}
	if len(given.Season.Symptoms) != 1 || given.Season.SymptomLog != other || given.Skipped != 2 {
		t.Errorf("given log: %d symptoms from %s, %d skipped", len(given.Season.Symptoms), given.Season.SymptomLog, given.Skipped)
	}
	if bob.Season.Symptoms != nil || bob.Season.SymptomLog != "" || len(bob.InputsFailed) != 0 {
		t.Errorf("bob without a log: %+v, %q, %+v", bob.Season.Symptoms, bob.Season.SymptomLog, bob.InputsFailed)
	}
}
