package ui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// wideInputs is the Auto Mode cluster with names that are hard to measure:
// CJK, emoji with joiners, and names far longer than any column.
func wideInputs() model.Inputs {
	in := autoModeInputs()
	odd := []string{
		"ノード-東京-一号機-とても長い名前のノード",
		"🚀-node-🔥-👩‍💻-dev",
		"ip-10-0-123-234.ap-southeast-2.compute.internal-with-a-very-long-suffix",
		"ｆｕｌｌｗｉｄｔｈ-ｎｏｄｅ",
	}
	for i, name := range odd {
		in.Nodes = append(in.Nodes, autoNode(name, "gpu", "p5.48xlarge", "spot",
			"eu-west-1b", testNow))
		in.NodeClaims = append(in.NodeClaims, model.NodeClaim{
			Name: fmt.Sprintf("gpu-%d-%s", i, name), NodePool: "gpu", NodeName: name,
			Conditions: []model.Condition{{Type: model.CondLaunched, Status: "False",
				Reason: "InsufficientCapacity-容量不足", Message: "🔥 no capacity in eu-west-1b 🔥"}},
		})
	}
	in.NodePools = append(in.NodePools, model.NodePool{Name: "プール-🚀",
		NodeClassRef: autoClassRef, Created: testNow})
	return in
}

func TestNoLineIsWiderThanTheTerminal(t *testing.T) {
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 60}, {60, 15}, {100, 30}, {160, 40}}
	screens := [][]string{{}, {"2"}, {"3"}, {"4"}, {"5"}, {"?"}, {"/", "ノ"}, {"3", "G"},
		{"3", "enter"}, {"2", "enter"}, {"1", "enter"}, {"3", "d"}, {":", "x"}}
	for _, size := range sizes {
		for _, noColor := range []bool{true, false} {
			for _, keys := range screens {
				name := fmt.Sprintf("%dx%d/color=%v/%s", size[0], size[1], !noColor,
					strings.Join(keys, ""))
				t.Run(name, func(t *testing.T) {
					t.Setenv("NO_COLOR", "")
					m := newTestModel(t, model.Build(wideInputs()), size[0], size[1], noColor)
					m = press(t, m, keys...)
					checkFits(t, m.View().Content, size[0], size[1])
				})
			}
		}
	}
}

// checkFits fails when a line of the view is wider than w cells, or when
// there are more than h lines.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, more than the height %d", len(lines), h)
	}
	for i, l := range lines {
		if got := lipgloss.Width(l); got > w {
			t.Errorf("line %d is %d cells wide, more than %d:\n%s", i, got, w, l)
		}
	}
}

func TestWideNamesKeepColumnsAligned(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	// 46 lines: the Findings band takes rows from Nodes at 120×40.
	m := newTestModel(t, model.Build(wideInputs()), 120, 46, true)
	m = press(t, m, "3")
	view := m.View().Content
	var kindAt []int
	for _, l := range strings.Split(view, "\n")[headerLines:] {
		if !strings.Contains(l, " auto ") {
			continue
		}
		before, _, _ := strings.Cut(l, " auto ")
		kindAt = append(kindAt, lipgloss.Width(before))
	}
	if len(kindAt) < 8 {
		t.Fatalf("found %d node rows, want 8:\n%s", len(kindAt), view)
	}
	for _, x := range kindAt {
		if x != kindAt[0] {
			t.Errorf("KIND column starts at cells %v, want one column", kindAt)
			break
		}
	}
}

func TestCellTextFromTheClusterIsSanitized(t *testing.T) {
	in := autoModeInputs()
	in.Nodes[0].Name = "evil\x1b]52;c;aGVsbG8=\x07-node\x1b[2J"
	in.Nodes[0].Labels[model.LabelNodePool] = "gpu\x1b[31m"
	in.NodeClaims[4].Conditions[0].Message = "boom\x1b]0;pwned\x07\x1b[1;1H\r\nsecond line"
	in.Context = "ctx\x1b[?1049l"
	c := model.Build(in)

	for _, noColor := range []bool{true, false} {
		for _, keys := range [][]string{{}, {"2"}, {"3"}} {
			t.Setenv("NO_COLOR", "")
			m := press(t, newTestModel(t, c, 200, 60, noColor), keys...)
			view := m.View().Content
			for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\x1b[1;1H", "\x1b[?1049",
				"\r", "\x1b[31m"} {
				if strings.Contains(view, bad) {
					t.Errorf("color=%v keys=%v: view contains %q", !noColor, keys, bad)
				}
			}
			if !strings.Contains(ansiStrip(view), "evil-node") {
				t.Errorf("the node's printable name is missing")
			}
		}
	}
}

// ansiStrip removes the styles the UI itself adds, to read the text.
func ansiStrip(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
