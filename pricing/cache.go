package pricing

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// cacheFileName is the file under the cache directory.
const cacheFileName = "prices.json"

// cacheVersion changes when the file's shape does; an older file is
// ignored and rewritten.
const cacheVersion = 1

// DefaultCacheDir is where the command line keeps the price cache:
// kubectl-automode/pricing under the user's cache directory.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the cache directory: %w", err)
	}
	return filepath.Join(dir, "kubectl-automode", "pricing"), nil
}

// cacheFile is the disk cache: every figure fetched, with when it was.
type cacheFile struct {
	Version int           `json:"version"`
	Figures []TableFigure `json:"figures"`
}

// TableFigure is one figure as the cache file and the embedded table keep
// it. The table generator writes it too.
type TableFigure struct {
	Kind         string  `json:"kind"`
	Region       string  `json:"region"`
	Zone         string  `json:"zone,omitempty"`
	InstanceType string  `json:"instanceType"`
	PerHour      float64 `json:"perHour"`
	// AsOf is the date of the data; Fetched when this tool read it.
	AsOf    time.Time         `json:"asOf"`
	Fetched time.Time         `json:"fetched,omitzero"`
	Origin  model.PriceSource `json:"origin,omitempty"`
	// Source, in the embedded table, names the public document the
	// figure comes from.
	Source string `json:"source,omitempty"`
}

func (f TableFigure) key() key {
	return key{kind: kindNamed(f.Kind), region: f.Region, zone: f.Zone, typ: f.InstanceType}
}

// readCache reads the disk cache. A missing file is an empty cache, not an
// error.
func readCache(dir string) (map[key]entry, error) {
	out := map[key]entry{}
	path := filepath.Join(dir, cacheFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("reading price cache %s: %w", path, err)
	}
	var f cacheFile
	if err := json.Unmarshal(data, &f); err != nil {
		return out, fmt.Errorf("price cache %s is not valid JSON: %w", path, err)
	}
	if f.Version != cacheVersion {
		return out, nil
	}
	for _, sf := range f.Figures {
		k := sf.key()
		if k.kind == 0 || k.typ == "" || k.region == "" || sf.PerHour <= 0 {
			continue
		}
		out[k] = entry{perHour: sf.PerHour, asOf: sf.AsOf, fetched: sf.Fetched,
			origin: sf.Origin}
	}
	return out, nil
}

// writeCache saves the cache as it was read plus this run's answers,
// through a temporary file so that a reader never sees half of it. A
// failure is logged and shown once; prices in memory are unaffected.
func (p *Pricer) writeCache() {
	dir := p.opts.CacheDir
	if dir == "" {
		return
	}
	p.mu.RLock()
	merged := make(map[key]entry, len(p.book.cache)+len(p.book.live))
	for k, e := range p.book.cache {
		merged[k] = e
	}
	for k, e := range p.book.live {
		merged[k] = e
	}
	p.mu.RUnlock()

	f := cacheFile{Version: cacheVersion, Figures: make([]TableFigure, 0, len(merged))}
	for k, e := range merged {
		f.Figures = append(f.Figures, TableFigure{Kind: kindNames[k.kind], Region: k.region,
			Zone: k.zone, InstanceType: k.typ, PerHour: e.perHour, AsOf: e.asOf,
			Fetched: e.fetched, Origin: e.origin})
	}
	slices.SortFunc(f.Figures, func(a, b TableFigure) int {
		return compareKeys(a.key(), b.key())
	})

	err := saveJSON(dir, cacheFileName, f)
	line := ""
	if err != nil {
		line = "pricing: " + shorten(err) + "; prices will not be kept for the next start"
		p.log.Warn("writing the price cache", "dir", dir, "err", err)
	}
	p.mu.Lock()
	p.setError("cache write", line)
	p.mu.Unlock()
}

func compareKeys(a, b key) int {
	return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.region, b.region),
		cmp.Compare(a.typ, b.typ), cmp.Compare(a.zone, b.zone))
}

func saveJSON(dir, name string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Errorf("encoding the price cache: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("making the price cache directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		return fmt.Errorf("writing the price cache: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the price cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the price cache: %w", err)
	}
	return nil
}
