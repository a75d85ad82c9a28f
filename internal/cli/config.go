package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kubectl-automode/kubectl-automode/internal/config"
	"github.com/kubectl-automode/kubectl-automode/ui"
)

// settings are the config file's choices with the command line's flags
// applied on top: what the UI and pricing read. docs/config.md documents
// the file.
type settings struct {
	// path is --config, or "" for config.DefaultPath.
	path string
	// file is the config file as loaded, flags applied.
	file config.File
}

func (o *options) addConfigFlags(flags *pflag.FlagSet) {
	flags.StringVar(&o.settings.path, "config", "", "read settings from FILE (default "+
		"$XDG_CONFIG_HOME/kubectl-automode/config.yaml; see docs/config.md)")
}

// loadSettings reads the config file and applies the flags given: a flag
// on the command line wins over the file, and a flag left unset takes the
// file's value, so the code behind each flag sees one answer.
func (o *options) loadSettings(cmd *cobra.Command) error {
	path, explicit := o.settings.path, o.settings.path != ""
	if !explicit {
		var err error
		if path, err = config.DefaultPath(); err != nil {
			return err
		}
	}
	if explicit {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("--config %s: no such file", path)
		}
	}
	f, err := config.LoadWithColumns(path, ui.PanelColumns())
	if err != nil {
		return err
	}
	if err := applyFlags(cmd.Flags(), &f); err != nil {
		return err
	}
	o.settings.file = f
	return nil
}

// flagBindings tie config keys to the flags that set the same thing. A
// binding whose flag the command does not have is skipped, so a flag added
// later (--theme, say) is bound by adding it here.
var flagBindings = []struct {
	key, flag string
	field     func(*config.File) *string
}{
	{"theme", "theme", func(f *config.File) *string { return &f.Theme }},
	{"panel", "panel", func(f *config.File) *string { return &f.Panel }},
	{"pricing.source", "price-source", func(f *config.File) *string { return &f.Pricing.Source }},
}

// applyFlags reconciles the file with the flags in both directions.
func applyFlags(flags *pflag.FlagSet, f *config.File) error {
	for _, b := range flagBindings {
		fl := flags.Lookup(b.flag)
		if fl == nil {
			continue
		}
		field := b.field(f)
		switch {
		case fl.Changed:
			*field = fl.Value.String()
		case *field != "":
			if err := fl.Value.Set(*field); err != nil {
				return fmt.Errorf("config %s: %w", b.key, err)
			}
		}
	}
	return applyNoColor(flags, f)
}

// applyNoColor ties --no-color to the theme: theme mono is --no-color, and
// --no-color on the command line makes the theme mono.
func applyNoColor(flags *pflag.FlagSet, f *config.File) error {
	fl := flags.Lookup("no-color")
	if fl == nil {
		return nil
	}
	if !fl.Changed {
		if f.Theme == "mono" {
			return fl.Value.Set("true")
		}
		return nil
	}
	on, err := strconv.ParseBool(fl.Value.String())
	if err != nil {
		return fmt.Errorf("--no-color: %w", err)
	}
	switch {
	case on:
		f.Theme = "mono"
	case f.Theme == "mono":
		f.Theme = ""
	}
	return nil
}
