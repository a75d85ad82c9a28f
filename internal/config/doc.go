// Package config reads kubectl-automode's config file,
// $XDG_CONFIG_HOME/kubectl-automode/config.yaml: the theme, the panel the UI
// opens on, sort orders and columns per panel, and how nodes are priced
// (the price source, negotiated prices per instance type, a discount on the
// Auto Mode fee). docs/config.md documents the schema.
//
// Decoding is strict: an unknown key, a value of the wrong type or one out
// of range is an error naming the file, the line and the key, so that a
// typo never silently does nothing.
package config
