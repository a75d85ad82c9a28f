package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-automode/kubectl-automode/internal/config"
	"github.com/kubectl-automode/kubectl-automode/ui"
)

// TestFlagsOverrideTheConfigFile loads a config file under flags the way a
// command does. --price-source stands for any bound flag that another
// command may own: a test flag of that name here.
func TestFlagsOverrideTheConfigFile(t *testing.T) {
	tests := []struct {
		name       string
		file       string
		args       []string
		want       config.File
		wantSource string // what the --price-source flag ends up holding
		wantMono   bool   // what --no-color ends up holding
	}{
		{"no file is every default", "", nil, config.File{}, "auto", false},
		{"the file sets an unset flag", "pricing: {source: api}\n", nil,
			config.File{Pricing: config.Pricing{Source: "api"}}, "api", false},
		{"a flag wins over the file", "pricing: {source: api}\n",
			[]string{"--price-source", "bulk"},
			config.File{Pricing: config.Pricing{Source: "bulk"}}, "bulk", false},
		{"a flag fills what the file leaves out", "theme: dark\n",
			[]string{"--price-source", "off"},
			config.File{Theme: "dark", Pricing: config.Pricing{Source: "off"}}, "off", false},
		{"theme mono turns colour off", "theme: mono\n", nil,
			config.File{Theme: "mono"}, "auto", true},
		{"--no-color makes the theme mono", "theme: dark\n", []string{"--no-color"},
			config.File{Theme: "mono"}, "auto", true},
		{"--no-color=false wins over theme mono", "theme: mono\n",
			[]string{"--no-color=false"}, config.File{}, "auto", false},
		{"values without a flag pass through",
			"pricing:\n  feeDiscount: 7.5\n  overrides: {m7g.large: 0.06}\n", nil,
			config.File{Pricing: config.Pricing{FeeDiscount: 7.5,
				Overrides: map[string]float64{"m7g.large": 0.06}}}, "auto", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", dir)
			if tt.file != "" {
				writeConfig(t, filepath.Join(dir, "kubectl-automode", "config.yaml"), tt.file)
			}
			o, cmd, flags := settingsCommand(t, tt.args)

			if err := o.loadSettings(cmd); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(o.settings.file, tt.want) {
				t.Errorf("settings = %+v, want %+v", o.settings.file, tt.want)
			}
			if *flags.source != tt.wantSource || *flags.noColor != tt.wantMono {
				t.Errorf("--price-source %q, --no-color %v; want %q, %v", *flags.source,
					*flags.noColor, tt.wantSource, tt.wantMono)
			}
		})
	}
}

func TestConfigFlagPicksTheFile(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "team.yaml")
	writeConfig(t, path, "panel: components\n")

	o, cmd, _ := settingsCommand(t, []string{"--config", path})
	if err := o.loadSettings(cmd); err != nil || o.settings.file.Panel != "components" {
		t.Errorf("panel %q, error %v; want components from %s", o.settings.file.Panel, err, path)
	}

	missing := filepath.Join(t.TempDir(), "nope.yaml")
	o, cmd, _ = settingsCommand(t, []string{"--config", missing})
	err := o.loadSettings(cmd)
	if err == nil || err.Error() != "--config "+missing+": no such file" {
		t.Errorf("a missing --config gave %v, want an error naming it", err)
	}
}

// boundFlags are the stand-ins for flags other files own.
type boundFlags struct {
	source  *string
	noColor *bool
}

// settingsCommand is a command with the config flags and stand-ins for
// --no-color and --price-source, its args parsed.
func settingsCommand(t *testing.T, args []string) (*options, *cobra.Command, boundFlags) {
	t.Helper()
	o := &options{}
	cmd := &cobra.Command{Use: "test"}
	o.addConfigFlags(cmd.Flags())
	flags := boundFlags{
		noColor: cmd.Flags().Bool("no-color", false, ""),
		source:  cmd.Flags().String("price-source", "auto", ""),
	}
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	return o, cmd, flags
}

func writeConfig(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// runCommand runs the command line in-process, as cli_test's run does.
func runCommand(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	streams := genericiooptions.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	code = Run(context.Background(), streams, args)
	return out.String(), errOut.String(), code
}

func TestABrokenConfigIsOneLineAndSparesVersion(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "kubectl-automode", "config.yaml")
	writeConfig(t, path, "theme: dark\npricing:\n  feeDiscount: lots\n")

	_, errOut, code := runCommand(t, "--demo", "get", "nodes")
	want := "error: " + path + ":3: pricing.feeDiscount: want a number, got \"lots\"\n"
	if code != 1 || errOut != want {
		t.Errorf("get: exit %d, stderr %q; want %q", code, errOut, want)
	}

	for _, args := range [][]string{{"version"}, {"completion", "bash"},
		{"__complete", "get", ""}} {
		if _, errOut, code := runCommand(t, args...); code != 0 ||
			strings.Contains(errOut, "feeDiscount") {
			t.Errorf("%v: exit %d, stderr %q; want it to run despite the config", args, code,
				errOut)
		}
	}
}

func TestTheConfigFileShapesTheUI(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeConfig(t, path, "theme: light\npanel: nodes\nsort:\n  nodes: -fee/h\n"+
		"columns:\n  nodes: [NAME, FEE/H, AGE]\n")
	o, cmd, _ := settingsCommand(t, []string{"--config", path})
	if err := o.loadSettings(cmd); err != nil {
		t.Fatal(err)
	}

	got := o.uiOptions(nil, nil)
	if got.Theme != "light" || got.Panel != "nodes" || got.Sort["nodes"] != "-fee/h" ||
		!slices.Equal(got.Columns["nodes"], []string{"NAME", "FEE/H", "AGE"}) {
		t.Errorf("UI options = %+v; want the file's theme, panel, sort and columns", got)
	}
}

// A title the UI has no column for stops every command that reads the
// file, the UI before it starts included (its refusal to draw on a pipe
// would come later), with one line naming the line and the key.
func TestAnUnknownColumnInTheConfigIsOneLine(t *testing.T) {
	tests := []struct{ file, want string }{
		{"panel: nodes\ncolumns:\n  nodes: [NAME, PRICE]\n",
			":3: columns.nodes: no column \"PRICE\"; nodes has NAME, KIND,"},
		{"theme: dark\nsort:\n  nodepools: NAME\n  nodes: -FEEE/H\n",
			":4: sort.nodes: no column \"FEEE/H\"; nodes has NAME, KIND,"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		t.Setenv("XDG_CONFIG_HOME", dir)
		path := filepath.Join(dir, "kubectl-automode", "config.yaml")
		writeConfig(t, path, tt.file)

		for _, args := range [][]string{{"--demo"}, {"--demo", "get", "nodes"}} {
			_, errOut, code := runCommand(t, args...)
			want := "error: " + path + tt.want
			if code != 1 || !strings.HasPrefix(errOut, want) ||
				strings.Count(errOut, "\n") != 1 {
				t.Errorf("%v: exit %d, stderr %q; want 1 and one line starting %q", args,
					code, errOut, want)
			}
		}
	}
}

// TestTheDocumentedExampleNamesRealColumns loads docs/config.example.yaml
// as a command does, so that a column renamed in the UI cannot leave the
// example naming one that is gone.
func TestTheDocumentedExampleNamesRealColumns(t *testing.T) {
	example := filepath.Join("..", "..", "docs", "config.example.yaml")
	if _, err := config.LoadWithColumns(example, ui.PanelColumns()); err != nil {
		t.Error(err)
	}
}

// The file names panels as config.Panels spells them and the UI as
// ui.PanelColumns does; a panel in one and not the other could never be
// configured, or never be checked.
func TestConfigAndUINameTheSamePanels(t *testing.T) {
	cols := ui.PanelColumns()
	for _, p := range config.Panels {
		if len(cols[p]) == 0 {
			t.Errorf("config panel %q has no columns in the UI", p)
		}
	}
	if len(cols) != len(config.Panels) {
		t.Errorf("the UI names %d panels, the config %d", len(cols), len(config.Panels))
	}
}
