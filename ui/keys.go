package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap is every key the UI answers to, in the habits of k9s and less:
// arrows or j/k, g/G, enter to open, esc to go back, / to filter or search,
// : for commands, ? for help. The footer and the help overlay are built from
// these same bindings, so they list exactly the keys that work.
type keyMap struct {
	up, down, pageUp, pageDown, top, bottom key.Binding

	next, prev, jump key.Binding

	open, back         key.Binding
	narrow, clearPool  key.Binding
	compare            key.Binding
	describe, yaml     key.Binding
	events             key.Binding
	filter, sort, flip key.Binding
	command, help      key.Binding
	quit               key.Binding

	// In a describe, YAML or events view.
	search, nextMatch, prevMatch key.Binding

	// While typing a filter, a search or a command.
	accept, cancel key.Binding
}

func defaultKeys() keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		up:       b([]string{"up", "k"}, "↑/k", "up"),
		down:     b([]string{"down", "j"}, "↓/j", "down"),
		pageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		pageDown: b([]string{"pgdown", "ctrl+f", "space"}, "pgdn", "page down"),
		top:      b([]string{"g", "home"}, "g", "top"),
		bottom:   b([]string{"G", "end"}, "G", "bottom"),

		next: b([]string{"tab", "right", "l"}, "tab", "next panel"),
		prev: b([]string{"shift+tab", "left", "h"}, "shift+tab", "previous panel"),
		jump: b([]string{"1", "2", "3", "4", "5", "6"}, "1-6", "go to panel"),

		open:      b([]string{"enter"}, "enter", "open"),
		back:      b([]string{"esc"}, "esc", "back, or clear filter then pool"),
		narrow:    b([]string{"p"}, "p", "narrow to this row's pool"),
		clearPool: b([]string{"P"}, "P", "clear the pool narrowing"),
		compare:   b([]string{"c"}, "c", "compare standard EKS and Auto Mode"),
		describe:  b([]string{"d"}, "d", "describe"),
		yaml:      b([]string{"y"}, "y", "yaml"),
		events:    b([]string{"e"}, "e", "events"),

		filter:  b([]string{"/"}, "/", "filter"),
		sort:    b([]string{"s"}, "s", "sort by next column"),
		flip:    b([]string{"S"}, "S", "reverse sort"),
		command: b([]string{":"}, ":", "command: :pools :nodes :ctx NAME :q"),
		help:    b([]string{"?"}, "?", "help"),
		quit:    b([]string{"q", "ctrl+c"}, "q", "quit"),

		search:    b([]string{"/"}, "/", "search"),
		nextMatch: b([]string{"n"}, "n", "next match"),
		prevMatch: b([]string{"N"}, "N", "previous match"),

		accept: b([]string{"enter"}, "enter", "apply"),
		cancel: b([]string{"esc"}, "esc", "cancel"),
	}
}

// matches reports whether a key press is one of the binding's keys.
func matches(msg tea.KeyPressMsg, b ...key.Binding) bool {
	return key.Matches(msg, b...)
}

// listHelp is the footer over a list, most useful first: a narrow footer
// drops hints from the end, so quit comes before the nice-to-knows. A
// drill-down page offers the way back where the dashboard offers panels.
func (k keyMap) listHelp(page bool) []key.Binding {
	if page {
		return []key.Binding{k.help, withDesc(k.back, "back"), k.open, k.describe, k.quit,
			k.yaml, k.events, k.filter, k.sort}
	}
	return []key.Binding{k.help, k.open, k.describe, k.filter, withDesc(k.command, "command"),
		k.quit, withDesc(k.compare, "compare"), k.narrow, k.sort, k.next}
}

// withDesc is b with a shorter description, for the footer.
func withDesc(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// textHelp is the footer over a describe, YAML or events view.
func (k keyMap) textHelp() []key.Binding {
	return []key.Binding{k.help, withDesc(k.back, "back"), k.search, k.nextMatch, k.quit,
		k.describe, k.yaml, k.events}
}

// compareHelp is the footer over the comparison, which has no YAML or
// events.
func (k keyMap) compareHelp() []key.Binding {
	return []key.Binding{k.help, withDesc(k.back, "back"), k.search, k.nextMatch, k.quit,
		k.pageDown, k.top}
}

// typingHelp is the footer while a filter, search or command is typed.
func (k keyMap) typingHelp() []key.Binding {
	return []key.Binding{k.accept, k.cancel}
}

// fullHelp is the help overlay, in groups: moving, lists and the program,
// then opening things.
func (k keyMap) fullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.up, k.down, k.pageUp, k.pageDown, k.top, k.bottom, k.next, k.prev, k.jump},
		{k.filter, k.sort, k.flip, k.narrow, k.clearPool, k.command, k.help, k.quit},
		{k.open, k.back, k.describe, k.yaml, k.events, k.compare, k.nextMatch, k.prevMatch},
	}
}
