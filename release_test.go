package main

// These tests hold the release files to the code: .goreleaser.yaml builds
// what plugins/automode.yaml promises krew, under the names krew fetches,
// and stamps the version into variables that exist.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

// goreleaserFile is the part of .goreleaser.yaml the tests read.
type goreleaserFile struct {
	ProjectName string           `yaml:"project_name"`
	Builds      []releaseBuild   `yaml:"builds"`
	Archives    []releaseArchive `yaml:"archives"`
	Checksum    struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
	Changelog struct {
		Use     string `yaml:"use"`
		Disable string `yaml:"disable"`
	} `yaml:"changelog"`
	Krews []struct {
		Name             string   `yaml:"name"`
		IDs              []string `yaml:"ids"`
		Homepage         string   `yaml:"homepage"`
		URLTemplate      string   `yaml:"url_template"`
		ShortDescription string   `yaml:"short_description"`
		Description      string   `yaml:"description"`
		Caveats          string   `yaml:"caveats"`
	} `yaml:"krews"`
}

type releaseBuild struct {
	ID      string   `yaml:"id"`
	Binary  string   `yaml:"binary"`
	Main    string   `yaml:"main"`
	Env     []string `yaml:"env"`
	Goos    []string `yaml:"goos"`
	Goarch  []string `yaml:"goarch"`
	Flags   []string `yaml:"flags"`
	Ldflags []string `yaml:"ldflags"`
}

type releaseArchive struct {
	ID              string   `yaml:"id"`
	IDs             []string `yaml:"ids"`
	NameTemplate    string   `yaml:"name_template"`
	Formats         []string `yaml:"formats"`
	FormatOverrides []struct {
		Goos    string   `yaml:"goos"`
		Formats []string `yaml:"formats"`
	} `yaml:"format_overrides"`
	Files []archiveFile `yaml:"files"`
}

// archiveFile is an archive's extra file: a glob, or a src/dst/info map.
type archiveFile struct {
	Src, Dst string
	Mode     int
}

func (f *archiveFile) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		f.Src = n.Value
		return nil
	}
	var m struct {
		Src  string `yaml:"src"`
		Dst  string `yaml:"dst"`
		Info struct {
			Mode int `yaml:"mode"`
		} `yaml:"info"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	f.Src, f.Dst, f.Mode = m.Src, m.Dst, m.Info.Mode
	return nil
}

// krewManifest is plugins/automode.yaml, in the krew index's format.
type krewManifest struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Version          string `yaml:"version"`
		Homepage         string `yaml:"homepage"`
		ShortDescription string `yaml:"shortDescription"`
		Description      string `yaml:"description"`
		Caveats          string `yaml:"caveats"`
		Platforms        []struct {
			Selector struct {
				MatchLabels map[string]string `yaml:"matchLabels"`
			} `yaml:"selector"`
			URI    string `yaml:"uri"`
			Sha256 string `yaml:"sha256"`
			Bin    string `yaml:"bin"`
		} `yaml:"platforms"`
	} `yaml:"spec"`
}

// platform is one os/arch pair of the build matrix.
type platform struct{ os, arch string }

func (p platform) String() string { return p.os + "/" + p.arch }

const (
	binaryName     = "kubectl-automode"
	versionPackage = "github.com/kubectl-automode/kubectl-automode/internal/cli"
)

func readYAML(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func releaseFiles(t *testing.T) (goreleaserFile, krewManifest) {
	t.Helper()
	var g goreleaserFile
	var k krewManifest
	readYAML(t, ".goreleaser.yaml", &g)
	readYAML(t, filepath.Join("plugins", "automode.yaml"), &k)
	return g, k
}

// buildMatrix is every os/arch the release builds, and the build of each.
func buildMatrix(t *testing.T, g goreleaserFile) map[platform]releaseBuild {
	t.Helper()
	out := map[platform]releaseBuild{}
	for _, b := range g.Builds {
		for _, os := range b.Goos {
			for _, arch := range b.Goarch {
				p := platform{os, arch}
				if _, dup := out[p]; dup {
					t.Errorf("%s is built twice", p)
				}
				out[p] = b
			}
		}
	}
	return out
}

func TestReleaseBuildsEveryPlatform(t *testing.T) {
	g, _ := releaseFiles(t)
	matrix := buildMatrix(t, g)

	var want []platform
	for _, os := range []string{"linux", "darwin", "windows"} {
		for _, arch := range []string{"amd64", "arm64"} {
			want = append(want, platform{os, arch})
		}
	}
	for _, p := range want {
		if _, ok := matrix[p]; !ok {
			t.Errorf("no build for %s", p)
		}
	}
	if len(matrix) != len(want) {
		t.Errorf("builds %v, want exactly %v", slices.Collect(maps.Keys(matrix)), want)
	}

	for _, b := range g.Builds {
		if b.Binary != binaryName || b.Main != "." {
			t.Errorf("build %s: binary %q from %q, want %q from .", b.ID, b.Binary, b.Main,
				binaryName)
		}
		if !slices.Contains(b.Flags, "-trimpath") {
			t.Errorf("build %s lacks -trimpath", b.ID)
		}
		if !slices.Contains(b.Env, "CGO_ENABLED=0") {
			t.Errorf("build %s does not set CGO_ENABLED=0", b.ID)
		}
	}
	if g.Checksum.Algorithm != "sha256" || g.Checksum.NameTemplate == "" {
		t.Errorf("checksum = %+v, want sha256 sums in a named file", g.Checksum)
	}
	if g.Changelog.Use != "git" || g.Changelog.Disable == "true" {
		t.Errorf("changelog = %+v, want one from git commits", g.Changelog)
	}
}

// archiveFor is the archive file name a platform's build lands in.
func archiveFor(t *testing.T, g goreleaserFile, p platform, build string) string {
	t.Helper()
	for _, a := range g.Archives {
		if !slices.Contains(a.IDs, build) {
			continue
		}
		format := a.Formats[0]
		for _, o := range a.FormatOverrides {
			if o.Goos == p.os {
				format = o.Formats[0]
			}
		}
		return render(t, a.NameTemplate, map[string]string{
			"Os": p.os, "Arch": p.arch, "ProjectName": g.ProjectName,
		}) + "." + format
	}
	t.Fatalf("no archive holds build %s", build)
	return ""
}

func render(t *testing.T, text string, data any) string {
	t.Helper()
	tmpl, err := template.New("").Option("missingkey=error").Parse(text)
	if err != nil {
		t.Fatalf("template %q: %v", text, err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatalf("template %q: %v", text, err)
	}
	return strings.TrimSpace(b.String())
}

func TestArchivesAreNamedForKrew(t *testing.T) {
	g, _ := releaseFiles(t)
	for p, b := range buildMatrix(t, g) {
		ext := "tar.gz"
		if p.os == "windows" {
			ext = "zip"
		}
		want := fmt.Sprintf("kubectl-automode_%s_%s.%s", p.os, p.arch, ext)
		if got := archiveFor(t, g, p, b.ID); got != want {
			t.Errorf("%s lands in %q, want %q", p, got, want)
		}
	}
}

func TestArchivesCarryTheCompletionScript(t *testing.T) {
	g, _ := releaseFiles(t)
	for _, a := range g.Archives {
		want := "kubectl_complete-automode"
		if slices.Contains(a.Formats, "zip") {
			want += ".cmd"
		}
		i := slices.IndexFunc(a.Files, func(f archiveFile) bool { return f.Dst == want })
		if i < 0 {
			t.Errorf("archive %s lacks %s", a.ID, want)
			continue
		}
		info, err := os.Stat(a.Files[i].Src)
		if err != nil {
			t.Errorf("archive %s: %v", a.ID, err)
			continue
		}
		if !strings.HasSuffix(want, ".cmd") &&
			(info.Mode().Perm()&0o111 == 0 || a.Files[i].Mode&0o111 == 0) {
			t.Errorf("archive %s: %s is not executable (file %v, archive mode %o)",
				a.ID, want, info.Mode(), a.Files[i].Mode)
		}
	}
}

func TestKrewManifestMatchesTheBuilds(t *testing.T) {
	g, k := releaseFiles(t)
	matrix := buildMatrix(t, g)
	if len(g.Krews) != 1 {
		t.Fatalf(".goreleaser.yaml has %d krews sections, want 1", len(g.Krews))
	}
	krew := g.Krews[0]

	if k.APIVersion != "krew.googlecontainertools.github.com/v1alpha2" || k.Kind != "Plugin" ||
		k.Metadata.Name != "automode" || krew.Name != "automode" {
		t.Errorf("manifest is %s %s %q (goreleaser: %q), want a krew v1alpha2 Plugin automode",
			k.APIVersion, k.Kind, k.Metadata.Name, krew.Name)
	}
	if !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(k.Spec.Version) {
		t.Errorf("spec.version %q is not a vX.Y.Z version", k.Spec.Version)
	}
	texts := []struct{ name, manifest, goreleaser string }{
		{"homepage", k.Spec.Homepage, krew.Homepage},
		{"shortDescription", k.Spec.ShortDescription, krew.ShortDescription},
		{"description", k.Spec.Description, krew.Description},
		{"caveats", k.Spec.Caveats, krew.Caveats},
	}
	for _, tt := range texts {
		if tt.manifest == "" || tt.manifest != tt.goreleaser {
			t.Errorf("%s differs: plugins/automode.yaml has %q, .goreleaser.yaml %q",
				tt.name, tt.manifest, tt.goreleaser)
		}
	}

	seen := map[platform]bool{}
	for _, pl := range k.Spec.Platforms {
		p := platform{pl.Selector.MatchLabels["os"], pl.Selector.MatchLabels["arch"]}
		if len(pl.Selector.MatchLabels) != 2 || seen[p] {
			t.Errorf("platform %v: want one os and one arch label, once each",
				pl.Selector.MatchLabels)
		}
		seen[p] = true
		b, built := matrix[p]
		if !built {
			t.Errorf("manifest offers %s, which the release does not build", p)
			continue
		}
		if !slices.Contains(krew.IDs, b.ID) {
			t.Errorf("goreleaser's krew section leaves out build %s (%s)", b.ID, p)
		}
		wantBin := binaryName
		if p.os == "windows" {
			wantBin += ".exe"
		}
		if pl.Bin != wantBin {
			t.Errorf("%s: bin %q, want %q", p, pl.Bin, wantBin)
		}
		wantURI := render(t, krew.URLTemplate, map[string]string{
			"Tag": k.Spec.Version, "ArtifactName": archiveFor(t, g, p, b.ID),
		})
		if pl.URI != wantURI {
			t.Errorf("%s: uri %q, want %q", p, pl.URI, wantURI)
		}
		if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(pl.Sha256) {
			t.Errorf("%s: sha256 %q is not 64 hex digits", p, pl.Sha256)
		}
	}
	for p := range matrix {
		if !seen[p] {
			t.Errorf("the release builds %s but the manifest has no platform for it", p)
		}
	}
}

// TestCaveatsNameEveryResourceRead checks the caveats against the role the
// tool prints with `rbac`, which is built from the one list of resources the
// watcher and the detail views read, so a new read without a new caveat
// fails here.
func TestCaveatsNameEveryResourceRead(t *testing.T) {
	_, k := releaseFiles(t)
	caveats := k.Spec.Caveats

	role := kube.ClusterRole()
	if len(role.Rules) < 5 {
		t.Fatalf("the role has only %d rules; it has lost track of what the tool reads",
			len(role.Rules))
	}
	for _, rule := range role.Rules {
		for _, group := range rule.APIGroups {
			if group == "" {
				group = "core"
			}
			line := caveatLine(caveats, group)
			for _, resource := range rule.Resources {
				re := regexp.MustCompile(`\b` + regexp.QuoteMeta(resource) + `\b`)
				if !re.MatchString(line) {
					t.Errorf("caveats do not list %s under group %s:\n%s", resource, group,
						caveats)
				}
			}
		}
	}
}

// caveatLine is the caveats' lines that start with an API group, joined.
func caveatLine(caveats, group string) string {
	var lines []string
	for _, l := range strings.Split(caveats, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == group {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// ldflagVars maps each -X package.variable in the builds' ldflags to its
// value template.
func ldflagVars(t *testing.T, g goreleaserFile) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, b := range g.Builds {
		for _, l := range b.Ldflags {
			f := strings.Fields(l)
			for i := 0; i+1 < len(f); i++ {
				if f[i] != "-X" {
					continue
				}
				name, value, ok := strings.Cut(f[i+1], "=")
				if !ok {
					t.Errorf("build %s: -X %s has no value", b.ID, f[i+1])
				}
				if old, dup := out[name]; dup && old != value {
					t.Errorf("builds set %s differently: %q and %q", name, old, value)
				}
				out[name] = value
			}
		}
	}
	return out
}

// stringVars lists the package-level string variables of a directory's
// non-test files: the only kind -X can set.
func stringVars(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			gen, ok := d.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, s := range gen.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if isString(vs, i) {
						out[n.Name] = true
					}
				}
			}
		}
	}
	return out
}

func isString(vs *ast.ValueSpec, i int) bool {
	if id, ok := vs.Type.(*ast.Ident); ok {
		return id.Name == "string"
	}
	if vs.Type != nil || i >= len(vs.Values) {
		return false
	}
	lit, ok := vs.Values[i].(*ast.BasicLit)
	return ok && lit.Kind == token.STRING
}

func TestLdflagsSetVariablesThatExist(t *testing.T) {
	g, _ := releaseFiles(t)
	vars := ldflagVars(t, g)
	exist := stringVars(t, filepath.Join("internal", "cli"))

	for _, name := range []string{"version", "commit", "date"} {
		full := versionPackage + "." + name
		if _, ok := vars[full]; !ok {
			t.Errorf("no build sets %s by -X", full)
		}
	}
	for full := range vars {
		pkg, name := full[:strings.LastIndex(full, ".")], full[strings.LastIndex(full, ".")+1:]
		if pkg != versionPackage || !exist[name] {
			t.Errorf("-X %s names no package-level string variable in %s", full,
				versionPackage)
		}
	}
}

// TestLdflagsReachTheVersionCommand builds the binary with the release's
// ldflags and reads them back from `version -o json`.
func TestLdflagsReachTheVersionCommand(t *testing.T) {
	g, _ := releaseFiles(t)
	values := map[string]string{
		"Version": "1.2.3", "Commit": "0123456789abcdef", "Date": "2026-12-01T10:00:00Z",
	}
	var ldflags []string
	for _, l := range g.Builds[0].Ldflags {
		ldflags = append(ldflags, render(t, l, values))
	}
	bin := buildBinary(t, strings.Join(ldflags, " "))

	out, err := exec.Command(bin, "version", "-o", "json").Output()
	if err != nil {
		t.Fatalf("version -o json: %v", err)
	}
	var got map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("version -o json printed %q: %v", out, err)
	}
	want := map[string]string{
		"version": "1.2.3", "commit": "0123456789abcdef", "buildDate": "2026-12-01T10:00:00Z",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("version -o json: %s = %q, want %q", k, got[k], v)
		}
	}
	if !strings.HasPrefix(got["clientGoVersion"], "v0.") {
		t.Errorf("clientGoVersion = %q, want client-go's module version", got["clientGoVersion"])
	}
}

// buildBinary builds kubectl-automode with ldflags into a temporary
// directory and returns its path.
func buildBinary(t *testing.T, ldflags string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), binaryName)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
