package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

func newRBACCommand(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "rbac",
		Short: "Print the least ClusterRole kubectl-automode needs, as YAML",
		Long: "rbac prints a ClusterRole granting get, list and watch on exactly the " +
			"resources\nkubectl-automode reads, and nothing else. Bind it to a user or " +
			"group with a\nClusterRoleBinding. Without some of it the tool still runs and " +
			"says what it cannot read.",
		Example: "  kubectl automode rbac | kubectl apply -f -\n" +
			"  kubectl create clusterrolebinding automode-viewers \\\n" +
			"    --clusterrole=" + kube.ClusterRoleName + " --group=viewers",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			out, err := yaml.Marshal(kube.ClusterRole())
			if err != nil {
				return fmt.Errorf("encoding the ClusterRole: %w", err)
			}
			_, err = o.streams.Out.Write(out)
			return err
		},
	}
}
