package e2e_test

import (
	"fmt"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
)

// reader is the user the tool runs as in TestASessionThroughTheUIOnlyReads,
// so that its requests stand apart from the test's own in the audit log.
const reader = "automode-e2e-reader"

// TestASessionThroughTheUIOnlyReads proves read-only use the way a person
// uses the tool: the built binary in a terminal, as a user of its own
// bound to the ClusterRole `rbac` prints, against an API server that
// audits every request. A whole session by keys (every panel, the drill
// from a pool to its claims, node and pods, describe, YAML and events of
// every kind, :ctx to the second context, q) must leave nothing from that
// user in the audit log but get, list and watch, and must have read every
// kind it showed, so that a session that did nothing cannot pass.
func TestASessionThroughTheUIOnlyReads(t *testing.T) {
	requireTmux(t)
	var env *apitest.Env
	bin := buildWhile(t, func() {
		env = apitest.StartWith(t, apitest.Options{Audit: true})
		env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	})
	kubeconfig := readerKubeconfig(t, env)
	dir := t.TempDir()
	s := startInTmux(t, "readonly", uiCommand(bin, kubeconfig, dir, ""))

	for _, step := range readOnlySession {
		if len(step.keys) > 0 {
			s.keys(step.keys...)
		}
		s.waitFor(step.want...)
	}
	// The second context must open watches of its own.
	watched := count(env.AuditEvents(t), "watch", "nodes")
	s.keys(":", "ctx second", "Enter")
	s.waitFor("context second", "NodePools (4)", "● live")
	waitForAudit(t, env, func(events []apitest.AuditEvent) bool {
		return count(events, "watch", "nodes") > watched
	}, ":ctx second to open a new watch of nodes")
	s.keys("q")
	screen := s.waitFor("exit status 0")
	if strings.Contains(screen, "NodePools") {
		t.Errorf("the UI is still on screen after q:\n%s", screen)
	}
	checkStderr(t, dir)

	checkOnlyReads(t, env.AuditEvents(t))
}

// readOnlySession is the session's keys up to the context switch, and what
// each must bring up. An escape goes alone and is waited for: followed at
// once by more input it reads as Alt and that input.
var readOnlySession = []screenStep{
	{want: []string{"context apitest", "● live", "NodePools (4)", "system-8kq2w"}},

	// every panel, with describe on its first row
	{keys: []string{"1", "d"}, want: []string{"describe NodePool/general-purpose"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (4)"}},
	{keys: []string{"2", "d"}, want: []string{"describe NodeClaim/system-8kq2w"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (4)"}},
	{keys: []string{"3", "d"}, want: []string{"describe Node/"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (4)"}},
	{keys: []string{"4", "Enter"}, want: []string{"describe Component/"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (4)"}},
	{keys: []string{"5", "d"}, want: []string{"describe NodeClass/default"}},
	{keys: []string{"y"}, want: []string{"yaml NodeClass/default"}},
	{keys: []string{"e"}, want: []string{"events NodeClass/default"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (4)"}},
	{keys: []string{"6", "d"}, want: []string{"Severity:"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (4)"}},

	// the drill-down: pool, its claims, the claim's node, the node's pods
	{keys: []string{"1", "/", "system", "Enter"},
		want: []string{"NodePools (1 of 4)  filter /system"}},
	{keys: []string{"y"}, want: []string{"yaml NodePool/system"}},
	{keys: []string{"e"}, want: []string{"events NodePool/system"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (1 of 4)  filter /system"}},
	{keys: []string{"Enter"}, want: []string{"NodeClaims of NodePool system (1)"}},
	{keys: []string{"y"}, want: []string{"yaml NodeClaim/system-8kq2w"}},
	{keys: []string{"e"}, want: []string{"events NodeClaim/system-8kq2w"}},
	{keys: []string{"Escape"}, want: []string{"NodeClaims of NodePool system (1)"}},
	{keys: []string{"Enter"}, want: []string{"Node of NodeClaim system-8kq2w (1)"}},
	{keys: []string{"d"}, want: []string{"describe Node/i-0a1c5e7a39c88fc91"}},
	{keys: []string{"y"}, want: []string{"yaml Node/i-0a1c5e7a39c88fc91"}},
	{keys: []string{"e"}, want: []string{"events Node/i-0a1c5e7a39c88fc91"}},
	{keys: []string{"Escape"}, want: []string{"Node of NodeClaim system-8kq2w (1)"}},
	{keys: []string{"Enter"}, want: []string{"Pods of Node i-0a1c5e7a39c88fc91 (", "app-1"}},
	{keys: []string{"d"}, want: []string{"describe Pod/"}},
	{keys: []string{"y"}, want: []string{"yaml Pod/"}},
	{keys: []string{"e"}, want: []string{"events Pod/"}},
	{keys: []string{"Escape"}, want: []string{"Pods of Node i-0a1c5e7a39c88fc91 ("}},
	{keys: []string{"Escape"}, want: []string{"Node of NodeClaim system-8kq2w (1)"}},
	{keys: []string{"Escape"}, want: []string{"NodeClaims of NodePool system (1)"}},
	{keys: []string{"Escape"}, want: []string{"NodePools (1 of 4)  filter /system"}},
}

// readerKubeconfig binds the ClusterRole `rbac` prints to a user of its
// own and writes a kubeconfig for that user with two contexts, apitest and
// second, on the same server.
func readerKubeconfig(t *testing.T, env *apitest.Env) string {
	t.Helper()
	role := kube.ClusterRole()
	env.Create(t, role, &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: reader},
		RoleRef: rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole",
			Name: role.Name},
		Subjects: []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind,
			Name: reader}},
	})
	cfg, err := env.UserConfig(reader)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := apitest.WriteKubeconfig(cfg, path); err != nil {
		t.Fatal(err)
	}
	return withSecondContext(t, path)
}

// checkOnlyReads fails the test if the reader made any request but get,
// list or watch, was refused anything (the role `rbac` prints must cover a
// whole session), or never read a kind the session showed. It logs what
// it counted.
func checkOnlyReads(t *testing.T, events []apitest.AuditEvent) {
	t.Helper()
	verbs := map[string]int{}
	requests := map[string]int{} // "verb resource.group", or "get discovery"
	agents := map[string]bool{}
	for _, e := range events {
		if e.User.Username != reader {
			continue
		}
		verbs[e.Verb]++
		agents[e.UserAgent] = true
		requests[e.Verb+" "+resourceOf(e)]++
		if !slices.Contains([]string{"get", "list", "watch"}, e.Verb) {
			t.Errorf("the tool asked to %s %s (user agent %s): it may only get, list and "+
				"watch", e.Verb, e.RequestURI, e.UserAgent)
		} else if e.ResponseStatus != nil && e.ResponseStatus.Code == http.StatusForbidden {
			t.Errorf("the reader was refused %s %s: the role `rbac` prints does not cover "+
				"a session", e.Verb, e.RequestURI)
		}
	}
	var lines []string
	for _, k := range slices.Sorted(maps.Keys(requests)) {
		lines = append(lines, fmt.Sprintf("%d %s", requests[k], k))
	}
	t.Logf("%s made %v from %v:\n  %s", reader, verbs, slices.Sorted(maps.Keys(agents)),
		strings.Join(lines, "\n  "))

	// Each view's kind: the panels watch them, the describe and YAML views
	// get them, the events views list events.
	for _, want := range []string{
		"watch nodes", "watch pods", "watch nodepools.karpenter.sh",
		"watch nodeclaims.karpenter.sh", "watch nodeclasses.eks.amazonaws.com",
		"get nodes", "get pods", "get nodepools.karpenter.sh", "get nodeclaims.karpenter.sh",
		"get nodeclasses.eks.amazonaws.com", "list events",
	} {
		if requests[want] == 0 {
			t.Errorf("the session made no %q request: it did not read what it showed", want)
		}
	}
}

// resourceOf names what a request was about: resource.group, or
// "discovery" for the API server's paths that name no object.
func resourceOf(e apitest.AuditEvent) string {
	if e.ObjectRef == nil {
		return "discovery"
	}
	return strings.TrimSuffix(e.ObjectRef.Resource+"."+e.ObjectRef.APIGroup, ".")
}

// count is how many of the reader's requests had the verb on the
// resource.
func count(events []apitest.AuditEvent, verb, resource string) int {
	n := 0
	for _, e := range events {
		if e.User.Username == reader && e.Verb == verb && resourceOf(e) == resource {
			n++
		}
	}
	return n
}

// waitForAudit polls the audit log until done holds for it, or fails the
// test after screenWait, saying what it waited for.
func waitForAudit(t *testing.T, env *apitest.Env, done func([]apitest.AuditEvent) bool,
	what string) {
	t.Helper()
	deadline := time.Now().Add(screenWait)
	for !done(env.AuditEvents(t)) {
		if time.Now().After(deadline) {
			t.Fatalf("the audit log did not show %s within %v", what, screenWait)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
