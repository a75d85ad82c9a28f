package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
// its resources.
var (
	Themes       = []string{"auto", "dark", "light", "mono"}
	Panels       = []string{"nodepools", "nodeclaims", "nodes", "components", "nodeclasses"}
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
func Load(path string) (File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil
	}
	if err != nil {
		return File{}, fmt.Errorf("reading config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes a config file's contents; name labels its errors.
func Parse(name string, data []byte) (File, error) {
	var f File
	lines, err := decodeStrict(name, data, &f)
	if err != nil {
		return File{}, err
	}
	if err := validate(name, f, lines); err != nil {
		return File{}, err
	}
	return f, nil
}
