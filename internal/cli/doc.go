// Package cli is the kubectl-automode command line: the root command that
// starts the terminal UI, `get`, `version`, and the flags they share. It
// connects the way kubectl does (genericclioptions.ConfigFlags), so that
// `kubectl automode` takes --context, --kubeconfig and the rest with their
// usual meaning.
package cli
