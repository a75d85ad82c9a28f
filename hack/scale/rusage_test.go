//go:build !probe

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// TestRusageShim checks that the shim reports a child's own peak RSS, not
// the peak of the process that started it: this test first raises its own
// to some 300 MB, then runs a small command through the shim.
func TestRusageShim(t *testing.T) {
	if os.Getenv("SCALE_TEST_RUSAGE_SHIM") == "1" {
		t.Skip("running as the shim")
	}
	ballast := make([]byte, 300<<20)
	for i := 0; i < len(ballast); i += 4096 {
		ballast[i] = 1
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}

	direct := exec.Command("sleep", "0")
	if err := direct.Run(); err != nil {
		t.Fatal(err)
	}
	directKB := direct.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	t.Logf("sleep started by the test reports a peak RSS of %d MB", directKB>>10)

	report, reportW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer report.Close()
	shim := exec.Command(self, "-test.run=^TestRusageShimMain$", "--", "sleep", "0")
	shim.Env = append(os.Environ(), "SCALE_TEST_RUSAGE_SHIM=1")
	shim.ExtraFiles = []*os.File{reportW}
	shim.Stderr = os.Stderr
	err = shim.Run()
	reportW.Close()
	if err != nil {
		t.Fatal(err)
	}
	var u childUsage
	if err := json.NewDecoder(report).Decode(&u); err != nil {
		t.Fatalf("reading the shim's report: %v", err)
	}
	if u.Exit != 0 || u.MaxRSSKB == 0 || u.WallNs <= 0 {
		t.Errorf("shim report %+v: want exit 0 and a peak RSS and wall time", u)
	}
	if u.MaxRSSKB > 100<<10 {
		t.Errorf("sleep through the shim reports a peak RSS of %d MB, want its own few",
			u.MaxRSSKB>>10)
	}
	ballast[0] = 2
}

// TestRusageShimMain is the shim when TestRusageShim runs this test binary
// as one: everything after "--" is the command.
func TestRusageShimMain(t *testing.T) {
	if os.Getenv("SCALE_TEST_RUSAGE_SHIM") != "1" {
		t.Skip("only as TestRusageShim's shim")
	}
	for i, a := range os.Args {
		if a == "--" {
			os.Exit(rusageMain(os.Args[i+1:]))
		}
	}
	t.Fatal("no command after --")
}
