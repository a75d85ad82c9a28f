// Command kubectl-automode shows what EKS Auto Mode runs, owns and charges
// in a cluster. Installed on PATH it is also the kubectl plugin
// `kubectl automode`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/kubectl-automode/kubectl-automode/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
