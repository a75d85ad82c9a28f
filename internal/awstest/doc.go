// Package awstest starts a local HTTP server that answers like the three
// AWS services the pricing package calls: the Price List Query API (JSON
// 1.1, GetProducts), EC2 (query protocol, DescribeSpotPriceHistory) and the
// public Price List bulk files. Tests point the real AWS SDK clients at it
// with static credentials, so no test ever reaches AWS. It can page its
// answers, refuse, throttle, stall and send malformed documents on demand.
package awstest
