package model

import "time"

// ConnectionState says whether a snapshot still reflects the cluster.
type ConnectionState string

// The connection states, as the header and the JSON output spell them.
const (
	// ConnectionLive means the API server answers and the watches run.
	ConnectionLive ConnectionState = "live"
	// ConnectionReconnecting means a request to the API server just failed
	// and the watches are retrying; the data is probably still current.
	ConnectionReconnecting ConnectionState = "reconnecting"
	// ConnectionStale means the API server has not answered for a while:
	// what is shown is the last state known, as of Since.
	ConnectionStale ConnectionState = "stale"
)

// Connection is the state of the link to the API server when a snapshot
// was built. Panels keep showing the last known objects whatever the
// state; this says how far to trust them.
type Connection struct {
	State ConnectionState `json:"state"`
	// Since is when the state began: for a live connection, when it last
	// came up; otherwise when the API server last answered, which is how
	// old the data may be.
	Since time.Time `json:"since,omitzero"`
}

// Stale reports whether the data may be out of date.
func (c Connection) Stale() bool {
	return c.State == ConnectionReconnecting || c.State == ConnectionStale
}
