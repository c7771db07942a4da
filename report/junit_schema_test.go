package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// junitXSD is the Jenkins xUnit plugin's junit-10 schema (MIT; source and
// licence in testdata/junit/README.md).
const junitXSD = "testdata/junit/junit-10.xsd"

// xmllintBin is the validator (Debian's libxml2-utils, installed by
// .ci/run).
const xmllintBin = "xmllint"

// TestJUnitSchema validates the JUnit report, with failures, errors and
// skipped rules, and at every --fail-on, against the Jenkins junit-10
// schema, as Jenkins' xUnit plugin reads it: a <testsuites skipped=…>
// made the whole file fail.
func TestJUnitSchema(t *testing.T) {
	bin, err := exec.LookPath(xmllintBin)
	if err != nil {
		t.Skipf("!!! SKIPPED: %s not installed (apt-get install -y libxml2-utils; .ci/run does): the JUnit report is not validated against %s", xmllintBin, junitXSD)
	}
	dir := t.TempDir()
	for name, r := range map[string]func() *screen.Report{"fixture": fixture, "repeated": repeatedFixture, "voice": voiceFixture, "order": orderFixture} {
		for _, opt := range []Options{{}, {FailOn: rules.Medium}, {FailOn: rules.Low}} {
			var b bytes.Buffer
			if err := Render(&b, "junit", r(), opt); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name+".xml")
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "--noout", "--schema", junitXSD, path).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "validates") {
				t.Errorf("%s (fail-on %v) does not validate against junit-10: %v\n%s", name, opt.FailOn, err, out)
			}
		}
	}
	// The schema is strict enough to catch the old document.
	bad := filepath.Join(dir, "bad.xml")
	if err := os.WriteFile(bad, []byte(`<testsuites name="x" tests="1" failures="0" errors="0" skipped="1"></testsuites>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", "--schema", junitXSD, bad).CombinedOutput(); err == nil {
		t.Errorf("junit-10 accepts <testsuites skipped=…>: the schema does not check what it should\n%s", out)
	}
}
