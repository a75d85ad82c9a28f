package pricing

import "strings"

// EndpointRegion is the region whose Price List Query API endpoint serves
// prices for region. The API runs in only a few regions; Karpenter and
// eks-node-viewer send ap-* to ap-south-1, eu-* to eu-central-1, and the
// rest to us-east-1; China has its own endpoint in cn-northwest-1 (facts
// sheet §7b). The prices asked for are still those of region: the filter
// carries it, not the endpoint.
func EndpointRegion(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "cn-northwest-1"
	case strings.HasPrefix(region, "ap-"):
		return "ap-south-1"
	case strings.HasPrefix(region, "eu-"):
		return "eu-central-1"
	}
	return "us-east-1"
}

// partition is the AWS partition a region belongs to, as the bulk price
// files name it in their paths.
func partition(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "cn"
	}
	return "aws"
}
