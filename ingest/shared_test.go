package ingest

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// requireSharedEnv, when set (.ci/run sets it when ../shared is beside the
// checkout), turns a missing shared corpus from a skip into a failure: CI
// must not pass by skipping the tests of real exports.
const requireSharedEnv = "ITBCHECK_REQUIRE_SHARED"

// skipWithoutShared skips a test whose shared corpus input (what) is
// absent, saying so loudly, or fails it when requireSharedEnv is set.
func skipWithoutShared(t testing.TB, what string, err error) {
	t.Helper()
	msg := fmt.Sprintf("%s absent (%v): the shared corpus is not beside the worktree (../shared), so this test of real exports did NOT run", what, err)
	if os.Getenv(requireSharedEnv) != "" {
		t.Fatalf("%s is set, yet %s", requireSharedEnv, msg)
	}
	bar := strings.Repeat("!", 12)
	t.Skipf("%s SKIPPED %s: %s", bar, bar, msg)
}
