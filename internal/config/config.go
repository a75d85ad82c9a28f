package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// File is the config file's schema. The yaml tags are the keys users
// write; docs/config.md lists them and they are a contract, like flags.
type File struct {
	// Theme is the UI's colour scheme: one of Themes.
	Theme string `yaml:"theme"`
	// Panel is the panel the UI opens on: one of Panels.
	Panel string `yaml:"panel"`
	// Sort is each panel's starting sort column, by the column's title;
	// a leading "-" sorts it in reverse.
	Sort map[string]string `yaml:"sort"`
	// Columns are the columns each panel shows, by title, in order.
	Columns map[string][]string `yaml:"columns"`
	// Pricing says where prices come from and what to change in them.
	Pricing Pricing `yaml:"pricing"`
}

// Pricing is the config file's pricing section.
type Pricing struct {
	// Source pins a price source, as --price-source does: one of
	// PriceSources. Empty means auto.
	Source string `yaml:"source"`
	// FeeDiscount is a discount on the Auto Mode fee, in percent (0-100),
	// for accounts with a negotiated rate.
	FeeDiscount float64 `yaml:"feeDiscount"`
	// Overrides replace the EC2 on-demand price of an instance type, in
	// dollars per hour, for negotiated prices.
	Overrides map[string]float64 `yaml:"overrides"`
}

// The values the enumerated keys take. Panels are spelled as `get` spells
// its resources, and the Findings panel as the check command names them.
var (
	Themes = []string{"auto", "dark", "light", "mono"}
	Panels = []string{"nodepools", "nodeclaims", "nodes", "components", "nodeclasses",
		"findings"}
	PriceSources = []string{"auto", "api", "bulk", "cache", "embedded", "off"}
)

// dirName is the directory under the user's config directory.
const dirName = "kubectl-automode"

// DefaultPath is where the config file lives: under $XDG_CONFIG_HOME when
// it is set, on every platform, and otherwise under os.UserConfigDir
// (~/.config on Linux, ~/Library/Application Support on macOS, %AppData%
// on Windows).
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		var err error
		if dir, err = os.UserConfigDir(); err != nil {
			return "", fmt.Errorf("finding the config directory: %w", err)
		}
	}
	return filepath.Join(dir, dirName, "config.yaml"), nil
}

// Load reads the config file at path. A file that does not exist is no
// error: it gives the zero File, which means every default. Any other
// problem is one line naming the file, and the line and key where it can.
func Load(path string) (File, error) { return LoadWithColumns(path, nil) }

// LoadWithColumns is Load that also checks every column title under sort
// and columns against the titles each panel has (columns, by panel name),
// ignoring case. The UI owns its columns, so its caller passes them in;
// nil skips the check.
func LoadWithColumns(path string, columns map[string][]string) (File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil
	}
	if err != nil {
		return File{}, fmt.Errorf("reading config: %w", err)
	}
	return ParseWithColumns(path, data, columns)
}

// Parse decodes a config file's contents; name labels its errors.
func Parse(name string, data []byte) (File, error) {
	return ParseWithColumns(name, data, nil)
}

// ParseWithColumns is Parse with LoadWithColumns' check of column titles.
func ParseWithColumns(name string, data []byte, columns map[string][]string) (File, error) {
	var f File
	lines, err := decodeStrict(name, data, &f)
	if err != nil {
		return File{}, err
	}
	if err := validate(name, f, lines); err != nil {
		return File{}, err
	}
	if columns != nil {
		if err := checkColumns(name, f, lines, columns); err != nil {
			return File{}, err
		}
	}
	return f, nil
}

// checkColumns finds the first title, in file order, that names no column
// of its panel.
func checkColumns(name string, f File, lines map[string]int, known map[string][]string) error {
	bad := func(path, at, title, panel string) error {
		return &Error{File: name, Line: lines[at], Key: path,
			Msg: fmt.Sprintf("no column %q; %s has %s", title, panel,
				strings.Join(known[panel], ", "))}
	}
	has := func(panel, title string) bool {
		return slices.ContainsFunc(known[panel], func(k string) bool {
			return strings.EqualFold(k, title)
		})
	}
	for _, panel := range inFileOrder(f.Sort, "sort.", lines) {
		if title := strings.TrimPrefix(f.Sort[panel], "-"); !has(panel, title) {
			return bad("sort."+panel, "sort."+panel, title, panel)
		}
	}
	for _, panel := range inFileOrder(f.Columns, "columns.", lines) {
		path := "columns." + panel
		for i, title := range f.Columns[panel] {
			if !has(panel, title) {
				return bad(path, fmt.Sprintf("%s[%d]", path, i), title, panel)
			}
		}
	}
	return nil
}
