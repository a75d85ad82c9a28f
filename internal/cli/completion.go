package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/kube/demo"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// completionTimeout bounds a name completion: a shell waits on it, and an
// unreachable cluster should cost a pause, not a hung prompt.
var completionTimeout = 5 * time.Second

// completeGet completes `get`'s arguments: a resource kind first, then the
// names of that kind from the source get would read (the cluster, --demo
// or --snapshot), leaving out names already given.
func (o *options) completeGet(cmd *cobra.Command, args []string,
	toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return matching(resourceNames(), nil, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
	res, ok := findResource(args[0])
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), completionTimeout)
	defer cancel()
	names, err := o.objectNames(ctx, res.name)
	if err != nil {
		cobra.CompDebugln(fmt.Sprintf("completing %s: %v", res.name, err), false)
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return matching(names, args[1:], toComplete), cobra.ShellCompDirectiveNoFileComp
}

func matching(names, given []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) && !slices.Contains(given, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// objectNames lists one kind's names with a list call or two, rather than
// the watcher's full first snapshot, which reads every pod of the cluster.
func (o *options) objectNames(ctx context.Context, resource string) ([]string, error) {
	if resource == "components" {
		// Every component is always listed, present or not.
		var out []string
		for _, c := range model.DetectComponents(model.Evidence{}, nil, false) {
			out = append(out, c.Name)
		}
		return out, nil
	}
	// Every request gets the same bound as the whole completion, unless
	// --request-timeout says otherwise: opening a live source first asks
	// the API server whether it answers.
	if t := o.config.Timeout; t != nil && (*t == "" || *t == "0") {
		*t = completionTimeout.String()
	}
	src, err := o.open()
	if err != nil {
		return nil, err
	}
	c := src.clients

	switch resource {
	case "nodes":
		list, err := c.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, fmt.Errorf("listing nodes: %w", err)
		}
		out := make([]string, len(list.Items))
		for i, n := range list.Items {
			out[i] = n.Name
		}
		return out, nil
	case "nodepools":
		return customNames(ctx, c, kube.NodePools)
	case "nodeclaims":
		return customNames(ctx, c, kube.NodeClaims)
	case "nodeclasses":
		auto, err := customNames(ctx, c, kube.NodeClasses)
		if err != nil {
			return nil, err
		}
		karpenter, err := customNames(ctx, c, kube.EC2NodeClasses)
		return append(auto, karpenter...), err
	}
	return nil, fmt.Errorf("no completion for %s", resource)
}

// customNames lists a custom resource's names, or none when the cluster
// does not serve it (a standard cluster has no NodePools).
func customNames(ctx context.Context, c kube.Clients,
	gvr schema.GroupVersionResource) ([]string, error) {
	served, err := c.Discovery.ServerResourcesForGroupVersion(gvr.GroupVersion().String())
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("discovering %s: %w", gvr.GroupVersion(), err)
	}
	if !slices.ContainsFunc(served.APIResources, func(r metav1.APIResource) bool {
		return r.Name == gvr.Resource
	}) {
		return nil, nil
	}
	list, err := c.Dynamic.Resource(gvr).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", gvr.Resource, err)
	}
	out := make([]string, len(list.Items))
	for i, item := range list.Items {
		out[i] = item.GetName()
	}
	return out, nil
}

// registerCompletions adds completion to the flags and arguments that have
// a known set of values.
func (o *options) registerCompletions(root *cobra.Command) {
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	_ = root.RegisterFlagCompletionFunc("demo", fixed(demo.Scenarios...))
	for _, sub := range root.Commands() {
		switch sub.Name() {
		case "get":
			// cobra calls ValidArgsFunction only when ValidArgs is empty.
			sub.ValidArgs = nil
			sub.ValidArgsFunction = o.completeGet
			_ = sub.RegisterFlagCompletionFunc("output", fixed("table", "wide", "json", "yaml"))
		case "version":
			_ = sub.RegisterFlagCompletionFunc("output", fixed("text", "json"))
		}
	}
}
