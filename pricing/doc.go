// Package pricing turns a cluster snapshot's instance types into money: each
// node's EC2 price and Auto Mode fee, per-pool and cluster totals, and the
// lookups that failed, each figure marked with where it came from.
//
// Pricing a snapshot never waits on the network. A Pricer answers from what
// it holds in memory (the embedded table, the disk cache, earlier answers)
// and queues what it lacks for a background lookup; when answers arrive it
// signals on Updates, and the caller prices its latest snapshot again.
//
// The sources, in the order issue 4 gives them: the Price List Query API
// and EC2 spot price history (api), the public AmazonEKS bulk price file
// (bulk), the disk cache (cache), the embedded table (embedded), and, for
// the fee alone, an estimate of 12% of on-demand (estimate).
package pricing
