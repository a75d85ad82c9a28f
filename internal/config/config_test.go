package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/config"
)

func TestTheDocumentedExampleLoads(t *testing.T) {
	f, err := config.Load(filepath.Join("..", "..", "docs", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := config.File{
		Theme: "dark",
		Panel: "nodes",
		Sort:  map[string]string{"nodes": "-FEE/H", "nodeclaims": "AGE"},
		Columns: map[string][]string{
			"nodes": {"NAME", "KIND", "POOL", "TYPE", "CAPACITY", "READY", "EC2/H", "FEE/H"},
		},
		Pricing: config.Pricing{
			Source: "auto", FeeDiscount: 5,
			Overrides: map[string]float64{"m7g.large": 0.0651, "c6g.xlarge": 0.1088},
		},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("example decodes to\n%+v\nwant\n%+v", f, want)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want config.File
	}{
		{"an empty file is every default", "", config.File{}},
		{"only comments is every default", "# nothing yet\n", config.File{}},
		{"a key with no value keeps its default", "theme:\npricing:\n", config.File{}},
		{"integers are numbers", "pricing:\n  feeDiscount: 10\n  overrides: {m5.large: 1}\n",
			config.File{Pricing: config.Pricing{FeeDiscount: 10,
				Overrides: map[string]float64{"m5.large": 1}}}},
		{"anchors are followed", "sort: &s {nodes: AGE}\n",
			config.File{Sort: map[string]string{"nodes": "AGE"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := config.Parse("config.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseErrorsNameTheLineAndKey(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"unknown top-level key", "theme: dark\ncolour: red\n",
			`config.yaml:2: unknown key "colour"; known keys: theme, panel,`},
		{"unknown nested key", "pricing:\n  source: api\n  feeDiscont: 5\n",
			`config.yaml:3: unknown key "pricing.feeDiscont"; known keys under pricing: ` +
				`source, feeDiscount, overrides`},
		{"text where a number goes", "pricing:\n  feeDiscount: ten\n",
			`config.yaml:2: pricing.feeDiscount: want a number, got "ten"`},
		{"a number where text goes", "theme: 3\n",
			`config.yaml:1: theme: want text, got the number 3`},
		{"a boolean where text goes", "panel: true\n",
			`config.yaml:1: panel: want text, got the boolean true`},
		{"a list where a mapping goes", "sort: [nodes]\n",
			`config.yaml:1: sort: want a mapping, got a list`},
		{"text where a list goes", "columns:\n  nodes: NAME\n",
			`config.yaml:2: columns.nodes: want a list, got "NAME"`},
		{"a wrong type deep in a map", "pricing:\n  overrides:\n    m5.large: 0.1\n" +
			"    c5.large: cheap\n", `config.yaml:4: pricing.overrides.c5.large: want a number`},
		{"the top level is not a mapping", "- theme\n",
			`config.yaml:1: want a mapping of keys, got a list`},
		{"a key given twice", "theme: dark\ntheme: light\n",
			`config.yaml:2: theme: given twice`},
		{"an unknown theme", "\n\ntheme: solarized\n",
			`config.yaml:3: theme: "solarized" is not one of auto, dark, light, mono`},
		{"an unknown panel", "panel: pods\n",
			`config.yaml:1: panel: "pods" is not one of nodepools,`},
		{"sort of an unknown panel", "sort:\n  nodes: AGE\n  pods: AGE\n",
			`config.yaml:3: sort.pods: no such panel`},
		{"sort with no column", "sort:\n  nodes: \"-\"\n",
			`config.yaml:2: sort.nodes: want a column title`},
		{"no columns at all", "columns:\n  nodes: []\n",
			`config.yaml:2: columns.nodes: want at least one column`},
		{"a repeated column", "columns:\n  nodes: [NAME, AGE, AGE]\n",
			`config.yaml:2: columns.nodes: column 3, "AGE", is empty or repeated`},
		{"a column repeated in another case", "columns:\n  nodes: [NAME, age, AGE]\n",
			`config.yaml:2: columns.nodes: column 3, "AGE", is empty or repeated`},
		{"an unknown price source", "pricing:\n  source: spot\n",
			`config.yaml:2: pricing.source: "spot" is not one of auto, api, bulk`},
		{"a discount over 100", "pricing:\n  feeDiscount: 120\n",
			`config.yaml:2: pricing.feeDiscount: 120 is not a percentage from 0 to 100`},
		{"a mistyped instance type", "pricing:\n  overrides:\n    m5large: 0.1\n",
			`config.yaml:3: pricing.overrides.m5large: "m5large" is not an instance type`},
		{"a price of zero", "pricing:\n  overrides:\n    m5.large: 0\n",
			`config.yaml:3: pricing.overrides.m5.large: 0 is not a price`},
		{"the first of two errors in file order", "pricing:\n  overrides:\n" +
			"    z1d.large: -1\n    a1.large: -1\n", `config.yaml:3: pricing.overrides.z1d.large`},
		{"broken YAML", "theme: [dark\n", `config.yaml: line 1: did not find expected`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("config.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error = %q\nwant one line starting %q", msg, tt.want)
			}
		})
	}
}

func TestParseWithColumnsNamesAnUnknownTitle(t *testing.T) {
	known := map[string][]string{"nodes": {"NAME", "AGE", "FEE/H"}, "nodepools": {"NAME"}}
	tests := []struct {
		name, yaml, want string
	}{
		{"a sort title", "panel: nodes\nsort:\n  nodes: -FEEE/H\n",
			`config.yaml:3: sort.nodes: no column "FEEE/H"; nodes has NAME, AGE, FEE/H`},
		{"a column title", "columns:\n  nodes: [NAME, fee/h, ZONE]\n",
			`config.yaml:2: columns.nodes: no column "ZONE"; nodes has NAME, AGE, FEE/H`},
		{"a title in a list of one a line", "columns:\n  nodes:\n    - NAME\n    - ZONE\n",
			`config.yaml:4: columns.nodes: no column "ZONE"; nodes has NAME, AGE, FEE/H`},
		{"a panel without such a column", "sort:\n  nodes: age\n  nodepools: AGE\n",
			`config.yaml:3: sort.nodepools: no column "AGE"; nodepools has NAME`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.ParseWithColumns("config.yaml", []byte(tt.yaml), known)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant %s", err, tt.want)
			}
		})
	}

	ok := "sort:\n  nodes: -fee/h\ncolumns:\n  nodes: [age, Fee/H]\n"
	if _, err := config.ParseWithColumns("config.yaml", []byte(ok), known); err != nil {
		t.Errorf("titles in any case are columns: %v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if f, err := config.Load(filepath.Join(dir, "missing.yaml")); err != nil ||
		!reflect.DeepEqual(f, config.File{}) {
		t.Errorf("a missing file gave %+v, %v; want the defaults and no error", f, err)
	}

	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("pricing:\n  colour: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := config.Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":2: unknown key") {
		t.Errorf("error = %v, want one naming %s line 2", err, path)
	}

	if _, err := config.Load(dir); err == nil || !strings.Contains(err.Error(), "reading config") {
		t.Errorf("reading a directory gave %v, want a reading error", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/xdg")
	got, err := config.DefaultPath()
	if want := filepath.Join("/xdg", "kubectl-automode", "config.yaml"); err != nil || got != want {
		t.Errorf("with XDG_CONFIG_HOME: %q, %v; want %q", got, err, want)
	}

	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", t.TempDir())
	base, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	got, err = config.DefaultPath()
	if want := filepath.Join(base, "kubectl-automode", "config.yaml"); err != nil || got != want {
		t.Errorf("without XDG_CONFIG_HOME: %q, %v; want %q", got, err, want)
	}
}
