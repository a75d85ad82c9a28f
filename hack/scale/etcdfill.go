//go:build !probe

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	"k8s.io/apimachinery/pkg/util/uuid"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/kubectl-automode/kubectl-automode/internal/scalegen"
)

// etcdPrefix is the key prefix under which the API server keeps its
// objects. startServer passes it as --etcd-prefix, so that the server and
// the etcd fill agree by construction rather than by the flag's default.
const etcdPrefix = "/registry"

// Limits of one etcd transaction, from etcd's server flags: --max-txn-ops
// (default 128) caps the compares and the puts of a txn separately, and
// --max-request-bytes (default 1.5 MiB) caps the request. podsPerTxn fills
// the first; txnBytes keeps well under the second, leaving room for the
// request's own framing.
const (
	podsPerTxn = 128
	txnBytes   = 1 << 20
)

// podCodec encodes a pod as the API server stores it with its default
// storage media type: the protobuf magic "k8s\x00", then a runtime.Unknown
// naming v1 Pod around the pod's own protobuf bytes. Encoding for v1 sets
// the apiVersion and kind that the Unknown carries.
var podCodec = scheme.Codecs.EncoderForVersion(
	protobuf.NewSerializer(scheme.Scheme, scheme.Scheme), corev1.SchemeGroupVersion)

// writePods puts the pods of node indexes [from, to) straight into etcd,
// podsPerTxn to a transaction and workers transactions at a time, and then
// waits until the API server lists them. Creating 100,000 pods through the
// API server costs minutes of its CPU on two cores (admission, defaulting,
// validation, managedFields and a second write for the status); writing
// what it would have stored costs etcd seconds, and the API server only
// decodes each pod once, when its watch cache sees it.
func (s *server) writePods(ctx context.Context, from, to, podsPerNode, workers int,
	podStatus bool) error {
	before, err := s.countPods(ctx)
	if err != nil {
		return err
	}

	first, end := from*podsPerNode, to*podsPerNode
	fields, err := s.managedFieldsByOwner(ctx, first, end, podsPerNode, podStatus)
	if err != nil {
		return err
	}
	txns := (end - first + podsPerTxn - 1) / podsPerTxn
	err = parallel(ctx, 0, txns, workers, func(ctx context.Context, t int) error {
		lo := first + t*podsPerTxn
		hi := min(lo+podsPerTxn, end)
		var puts []etcdPut
		for k := lo; k < hi; k++ {
			if fields.created[k] {
				continue
			}
			p := storedPod(scalegen.Pod(k/podsPerNode, k%podsPerNode), podStatus)
			p.ManagedFields = fields.of(p)
			put, err := encodePod(p)
			if err != nil {
				return err
			}
			puts = append(puts, put)
		}
		return s.etcd.createAll(ctx, puts)
	})
	if err != nil {
		return err
	}
	return s.waitForPods(ctx, before+end-first)
}

// ownerFields are the managedFields the API server records for pods, by
// the name of their owner: every pod of one owner has the same containers,
// so the same fields, apart from the owner's uid, which keys its entry in
// ownerReferences. They come from one pod of each owner created through
// the API server (created lists them), so that an etcd-written pod carries
// the few hundred bytes of managedFields that every real pod does, and
// that every LIST and watch of pods sends.
type ownerFields struct {
	byOwner map[string]ownerTemplate
	created map[int]bool
}

// ownerTemplate is the managedFields of an API-created pod and the uid of
// its owner.
type ownerTemplate struct {
	fields []metav1.ManagedFieldsEntry
	uid    string
}

// managedFieldsByOwner creates, through the API server, the first pod of
// each owner among pods [first, end), and keeps what it recorded.
func (s *server) managedFieldsByOwner(ctx context.Context, first, end, podsPerNode int,
	podStatus bool) (ownerFields, error) {
	out := ownerFields{byOwner: map[string]ownerTemplate{}, created: map[int]bool{}}
	for k := first; k < end; k++ {
		p := scalegen.Pod(k/podsPerNode, k%podsPerNode)
		owner := p.OwnerReferences[0]
		if _, ok := out.byOwner[owner.Name]; ok {
			continue
		}
		got, err := s.createPod(ctx, k, podsPerNode, podStatus)
		if err != nil {
			return out, err
		}
		out.created[k] = true
		out.byOwner[owner.Name] = ownerTemplate{fields: got.ManagedFields,
			uid: string(owner.UID)}
	}
	return out, nil
}

// of is the managedFields for p: its owner's template, with the template
// owner's uid replaced by p's.
func (f ownerFields) of(p *corev1.Pod) []metav1.ManagedFieldsEntry {
	owner := p.OwnerReferences[0]
	t := f.byOwner[owner.Name]
	out := make([]metav1.ManagedFieldsEntry, len(t.fields))
	for i, e := range t.fields {
		out[i] = e
		if e.FieldsV1 != nil {
			raw := bytes.ReplaceAll(e.FieldsV1.Raw, []byte(t.uid), []byte(owner.UID))
			out[i].FieldsV1 = &metav1.FieldsV1{Raw: raw}
		}
	}
	return out
}

// storedPod turns a generated pod into what the API server would store
// after creating it and, with podStatus, writing its status: what the
// server sets on create (uid, creationTimestamp, generation), the defaults
// of the v1 API that the generated pods leave out, and the status. The
// harness's test compares the result with a pod created through the API
// server, field by field, so that a default added by a later Kubernetes
// shows up there rather than as a quiet difference in the measurements.
func storedPod(p *corev1.Pod, podStatus bool) *corev1.Pod {
	p.UID = uuid.NewUUID()
	p.CreationTimestamp = metav1.Now()
	p.Generation = 1

	spec := &p.Spec
	spec.RestartPolicy = corev1.RestartPolicyAlways
	spec.DNSPolicy = corev1.DNSClusterFirst
	spec.SchedulerName = corev1.DefaultSchedulerName
	spec.SecurityContext = &corev1.PodSecurityContext{}
	spec.TerminationGracePeriodSeconds = new(int64(corev1.DefaultTerminationGracePeriodSeconds))
	spec.EnableServiceLinks = new(corev1.DefaultEnableServiceLinks)
	spec.DeprecatedServiceAccount = spec.ServiceAccountName
	// The Priority admission plugin sets these for a pod without a
	// priority class.
	spec.Priority = new(int32(0))
	spec.PreemptionPolicy = new(corev1.PreemptLowerPriority)
	for i := range spec.Containers {
		defaultContainer(&spec.Containers[i])
	}
	for _, v := range spec.Volumes {
		if v.Projected == nil {
			continue
		}
		if v.Projected.DefaultMode == nil {
			v.Projected.DefaultMode = new(corev1.ProjectedVolumeSourceDefaultMode)
		}
		for _, src := range v.Projected.Sources {
			if t := src.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				t.ExpirationSeconds = new(int64(3600))
			}
		}
	}

	if podStatus {
		return scalegen.WithStatus(p)
	}
	// What the pod strategy writes on create, before any kubelet: pending,
	// with the QoS class of its requests (requests without limits).
	p.Status = corev1.PodStatus{Phase: corev1.PodPending, QOSClass: corev1.PodQOSBurstable}
	return p
}

// defaultContainer sets the v1 defaults of a container's probes and
// environment that the generated pods leave out.
func defaultContainer(c *corev1.Container) {
	for _, probe := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe} {
		if probe == nil {
			continue
		}
		if probe.SuccessThreshold == 0 {
			probe.SuccessThreshold = 1
		}
		if g := probe.HTTPGet; g != nil && g.Scheme == "" {
			g.Scheme = corev1.URISchemeHTTP
		}
	}
	for _, e := range c.Env {
		if e.ValueFrom != nil && e.ValueFrom.FieldRef != nil &&
			e.ValueFrom.FieldRef.APIVersion == "" {
			e.ValueFrom.FieldRef.APIVersion = "v1"
		}
	}
}

// encodePod is the etcd key and value under which the API server keeps p.
// The value carries no resourceVersion, as none the server writes does: it
// sets an object's resourceVersion from etcd's revision of the key on
// every read.
func encodePod(p *corev1.Pod) (etcdPut, error) {
	p.ResourceVersion = ""
	var buf bytes.Buffer
	if err := podCodec.Encode(p, &buf); err != nil {
		return etcdPut{}, fmt.Errorf("encoding pod %s/%s: %w", p.Namespace, p.Name, err)
	}
	key := fmt.Sprintf("%s/pods/%s/%s", etcdPrefix, p.Namespace, p.Name)
	return etcdPut{Key: []byte(key), Value: buf.Bytes()}, nil
}

// etcdClient writes to etcd through its HTTP/JSON gateway (on by default
// at the client URL, under /v3/), which spares the harness a gRPC client
// and the etcd module: a txn is one POST of JSON in which keys and values
// are base64, which encoding/json gives []byte for free.
type etcdClient struct {
	url  string
	http *http.Client
}

// newEtcdClient reaches etcd at its client URL. It keeps a connection per
// parallel writer: net/http's default of two idle connections a host would
// open and close one for most transactions of a parallel fill.
func newEtcdClient(url string) *etcdClient {
	t := &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute}
	return &etcdClient{url: url, http: &http.Client{Transport: t}}
}

// etcdPut is one key to create; its JSON is the gateway's PutRequest.
type etcdPut struct {
	Key   []byte `json:"key"`
	Value []byte `json:"value"`
}

// txnRequest and its parts are the gateway's JSON for etcdserverpb's
// TxnRequest, Compare and RequestOp, in their proto field names.
type txnRequest struct {
	Compare []txnCompare `json:"compare"`
	Success []txnOp      `json:"success"`
}

type txnCompare struct {
	Key            []byte `json:"key"`
	Target         string `json:"target"`
	Result         string `json:"result"`
	CreateRevision string `json:"create_revision"`
}

type txnOp struct {
	RequestPut etcdPut `json:"request_put"`
}

// createAll puts every key in one transaction, on condition that none of
// them exists yet (its create revision is 0): a fill never overwrites an
// object, and a second fill of the same indexes fails rather than
// silently replacing pods the API server has already handed out.
func (c *etcdClient) createAll(ctx context.Context, puts []etcdPut) error {
	if len(puts) == 0 {
		return nil
	}
	size := 0
	for _, p := range puts {
		size += len(p.Key) + len(p.Value)
	}
	if size > txnBytes && len(puts) > 1 {
		half := len(puts) / 2
		if err := c.createAll(ctx, puts[:half]); err != nil {
			return err
		}
		return c.createAll(ctx, puts[half:])
	}

	req := txnRequest{}
	for _, p := range puts {
		req.Compare = append(req.Compare, txnCompare{Key: p.Key, Target: "CREATE",
			Result: "EQUAL", CreateRevision: "0"})
		req.Success = append(req.Success, txnOp{RequestPut: p})
	}
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("encoding an etcd txn: %w", err)
	}
	var resp struct {
		Succeeded bool `json:"succeeded"`
	}
	if err := c.post(ctx, "/v3/kv/txn", body, &resp); err != nil {
		return fmt.Errorf("writing %s..%s to etcd: %w", puts[0].Key, puts[len(puts)-1].Key, err)
	}
	if !resp.Succeeded {
		return fmt.Errorf("writing %s..%s to etcd: some of the keys already exist",
			puts[0].Key, puts[len(puts)-1].Key)
	}
	return nil
}

// post sends one JSON request to the gateway and decodes its answer. The
// gateway reports a refused request as a non-200 status with a JSON body
// whose message is etcd's own error.
func (c *etcdClient) post(ctx context.Context, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+path,
		bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(data, &e) == nil && e.Message != "" {
			return fmt.Errorf("%s: %s", resp.Status, e.Message)
		}
		return fmt.Errorf("%s: %.200s", resp.Status, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decoding the answer: %w", err)
	}
	return nil
}

// podsVisibleWithin bounds the wait for the API server to list what was
// written to etcd: its watch cache decodes a few thousand pods a second on
// two cores, so 100,000 take well under this.
const podsVisibleWithin = 3 * time.Minute

// waitForPods waits until a LIST through the API server counts want pods,
// so that no measurement starts while its watch cache is still taking in
// the pods written behind its back. A LIST without a resourceVersion is a
// consistent read: the server serves it once its cache has caught up with
// etcd's current revision, or from etcd itself.
func (s *server) waitForPods(ctx context.Context, want int) error {
	ctx, cancel := context.WithTimeout(ctx, podsVisibleWithin)
	defer cancel()
	got, last := 0, error(nil)
	for {
		n, err := s.countPods(ctx)
		if err == nil {
			got = n
			if got >= want {
				return nil
			}
		} else if ctx.Err() == nil {
			last = err
		}

		select {
		case <-ctx.Done():
			why := ctx.Err()
			if last != nil {
				why = last
			}
			return fmt.Errorf("waiting for the API server to list %d pods: it lists %d: %w",
				want, got, why)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// countPods counts the pods the API server lists, from one page of one
// pod: the server tells how many items remain after it.
func (s *server) countPods(ctx context.Context) (int, error) {
	l, err := s.kube.CoreV1().Pods("").List(ctx, metav1.ListOptions{Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("counting pods: %w", err)
	}
	n := len(l.Items)
	if l.RemainingItemCount != nil {
		n += int(*l.RemainingItemCount)
	}
	return n, nil
}
