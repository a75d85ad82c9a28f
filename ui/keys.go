package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"
)

// binding is one action and the keys that do it. It carries its own help
// text, so the help overlay and the footer are built from the same map the
// key handling reads and cannot drift from it.
type binding struct {
	keys []string // as tea.KeyPressMsg.String spells them
	key  string   // how help shows the keys
	desc string
	// short is the footer's word for it, when desc is too long there.
	short string
	// rank orders the footer's hints: a narrow footer drops the lowest.
	rank int
}

// footer is the description the footer shows.
func (b binding) footer() string {
	if b.short != "" {
		return b.short
	}
	return b.desc
}

func (b binding) matches(msg tea.KeyPressMsg) bool {
	return slices.Contains(b.keys, msg.String())
}

// keyMap is every key the dashboard answers to, in the habits of k9s and
// less: arrows or j/k, g/G, / to filter, ? for help.
type keyMap struct {
	up, down, pageUp, pageDown, top, bottom binding

	next, prev, jump binding
	selectPool       binding
	clearPool        binding

	filter, sort, reverse binding
	help, quit            binding

	// While typing a filter.
	accept, cancel binding
}

func defaultKeys() keyMap {
	return keyMap{
		up:       binding{keys: []string{"up", "k"}, key: "↑/k", desc: "up"},
		down:     binding{keys: []string{"down", "j"}, key: "↓/j", desc: "down"},
		pageUp:   binding{keys: []string{"pgup", "ctrl+b"}, key: "pgup", desc: "page up"},
		pageDown: binding{keys: []string{"pgdown", "ctrl+f", "space"}, key: "pgdn", desc: "page down"},
		top:      binding{keys: []string{"g", "home"}, key: "g", desc: "first row"},
		bottom:   binding{keys: []string{"G", "end"}, key: "G", desc: "last row"},

		next: binding{keys: []string{"tab", "right", "l"}, key: "tab", desc: "next panel"},
		prev: binding{keys: []string{"shift+tab", "left", "h"}, key: "shift+tab", desc: "previous panel"},
		jump: binding{keys: []string{"1", "2", "3", "4", "5"}, key: "1-5", desc: "go to panel"},

		selectPool: binding{keys: []string{"enter"}, key: "enter",
			desc: "on a NodePool: narrow claims and nodes to it", short: "select pool"},
		clearPool: binding{keys: []string{"esc", "c"}, key: "esc/c", desc: "clear filter, then pool"},

		filter:  binding{keys: []string{"/"}, key: "/", desc: "filter"},
		sort:    binding{keys: []string{"s"}, key: "s", desc: "sort by the next column", short: "sort"},
		reverse: binding{keys: []string{"S"}, key: "S", desc: "reverse sort"},
		help:    binding{keys: []string{"?"}, key: "?", desc: "help"},
		quit:    binding{keys: []string{"q", "ctrl+c"}, key: "q", desc: "quit"},

		accept: binding{keys: []string{"enter"}, key: "enter", desc: "keep filter"},
		cancel: binding{keys: []string{"esc"}, key: "esc", desc: "clear filter"},
	}
}

// shortHelp is what the footer offers, most useful first: a narrow footer
// drops hints from the end of this list.
func (k keyMap) shortHelp() []binding {
	return ranked(k.help, k.quit, k.filter, k.selectPool, k.sort, k.next, k.jump)
}

// ranked gives bindings falling ranks in the order given, and puts quit
// last on the line, where people look for it.
func ranked(bs ...binding) []binding {
	var out []binding
	var quit *binding
	for i, b := range bs {
		b.rank = len(bs) - i
		if b.desc == "quit" {
			quit = &b
			continue
		}
		out = append(out, b)
	}
	if quit != nil {
		out = append(out, *quit)
	}
	return out
}

// fullHelp is the help overlay, in groups of navigation, panels, list and
// program.
func (k keyMap) fullHelp() [][]binding {
	return [][]binding{
		{k.up, k.down, k.pageUp, k.pageDown, k.top, k.bottom},
		{k.next, k.prev, k.jump, k.selectPool, k.clearPool},
		{k.filter, k.sort, k.reverse, k.help, k.quit},
	}
}

// filterHelp is the footer while a filter is being typed.
func (k keyMap) filterHelp() []binding {
	return ranked(k.accept, k.cancel)
}

// helpHelp is the footer while the help overlay is open.
func (k keyMap) helpHelp() []binding {
	return ranked(binding{key: "?/esc", desc: "close help"}, k.quit)
}
