package model

import (
	"slices"
	"testing"
)

func TestSortedByName(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"unsorted", []string{"i-c", "i-a", "i-b"}, []string{"i-a", "i-b", "i-c"}},
		{"already sorted", []string{"a", "b"}, []string{"a", "b"}},
		{"empty", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := make([]Node, len(tt.in))
			for i, n := range tt.in {
				nodes[i] = Node{Name: n, Pods: i}
			}
			before := slices.Clone(nodes)
			got := sortedByName(nodes, func(n *Node) string { return n.Name })
			names := []string{}
			for _, n := range got {
				names = append(names, n.Name)
				if n.Pods != slices.Index(tt.in, n.Name) {
					t.Errorf("node %s lost its fields: %+v", n.Name, n)
				}
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("sorted = %v, want %v", names, tt.want)
			}
			if !slices.EqualFunc(nodes, before, func(a, b Node) bool { return a.Name == b.Name }) {
				t.Errorf("input reordered: %v", nodes)
			}
		})
	}
}
