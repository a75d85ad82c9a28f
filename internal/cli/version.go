package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the release build through -ldflags -X (see .goreleaser.yaml; a
// test there checks these names). A plain `go build` leaves them empty and
// versionInfo falls back on what the Go toolchain stamped into the binary.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// VersionInfo is what `version -o json` prints. Its field names are a
// contract: later versions only add to them.
type VersionInfo struct {
	Version         string `json:"version"`
	Commit          string `json:"commit"`
	BuildDate       string `json:"buildDate"`
	GoVersion       string `json:"goVersion"`
	ClientGoVersion string `json:"clientGoVersion"`
	Platform        string `json:"platform"`
}

func newVersionCommand(o *options) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version of kubectl-automode",
		Long:    "version prints the version, commit, build date, Go and client-go versions.",
		Example: "  kubectl automode version\n  kubectl automode version -o json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			info := versionInfo()
			switch output {
			case "", "text":
				return printVersion(o.streams.Out, info)
			case "json":
				out, err := json.MarshalIndent(info, "", "  ")
				if err != nil {
					return fmt.Errorf("encoding the version as JSON: %w", err)
				}
				_, err = fmt.Fprintf(o.streams.Out, "%s\n", out)
				return err
			}
			return fmt.Errorf("unknown output format %q; use text or json", output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	return cmd
}

func printVersion(w io.Writer, info VersionInfo) error {
	_, err := fmt.Fprintf(w, "kubectl-automode %s\n"+
		"commit:     %s\n"+
		"built:      %s\n"+
		"go:         %s\n"+
		"client-go:  %s\n"+
		"platform:   %s\n",
		info.Version, info.Commit, info.BuildDate, info.GoVersion, info.ClientGoVersion,
		info.Platform)
	return err
}

// versionInfo gathers the version from the release's ldflags and, where
// they were not set, from the build information the Go toolchain records:
// `go install ...@v1.2.3` stamps the module version, and a build inside a
// git checkout stamps vcs.revision and vcs.time.
func versionInfo() VersionInfo {
	info := VersionInfo{
		Version: version, Commit: commit, BuildDate: date,
		GoVersion:       runtime.Version(),
		ClientGoVersion: "unknown",
		Platform:        runtime.GOOS + "/" + runtime.GOARCH,
	}
	build, ok := debug.ReadBuildInfo()
	if !ok {
		return withUnknowns(info)
	}
	if info.Version == "dev" && build.Main.Version != "" && build.Main.Version != "(devel)" {
		info.Version = build.Main.Version
	}
	for _, s := range build.Settings {
		switch {
		case s.Key == "vcs.revision" && info.Commit == "":
			info.Commit = s.Value
		case s.Key == "vcs.time" && info.BuildDate == "":
			info.BuildDate = s.Value
		}
	}
	info.ClientGoVersion = depVersion(build, "k8s.io/client-go")
	return withUnknowns(info)
}

func withUnknowns(info VersionInfo) VersionInfo {
	for _, f := range []*string{&info.Commit, &info.BuildDate} {
		if *f == "" {
			*f = "unknown"
		}
	}
	return info
}

// depVersion reads a dependency's version from the build information,
// following a replace directive to the version actually built.
func depVersion(build *debug.BuildInfo, path string) string {
	for _, m := range build.Deps {
		if m.Path != path {
			continue
		}
		if m.Replace != nil && m.Replace.Version != "" {
			return m.Replace.Version
		}
		return m.Version
	}
	return "unknown"
}
