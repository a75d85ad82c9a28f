#!/usr/bin/env bash
# Renders the README's pictures from the demo: each scene runs the tool in a
# detached tmux session of a fixed size, waits for text on the screen (never
# a fixed sleep), captures the screen with its colours, and renders it to
# SVG with freeze, fetched from the Go module proxy at a pinned version.
# The font is named, not embedded, so the pictures hold only our own text.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

freeze="github.com/charmbracelet/freeze@v0.2.2"
out="docs/screenshots"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bin="$tmp/kubectl-automode"
go build -o "$bin" .
# An empty config directory, so that the reader's own config file (a
# theme, columns, a price source) does not change the pictures.
config_home="$tmp/config"
mkdir -p "$config_home"
mkdir -p "$out"

# wait_for waits up to 20 s for text to appear in the session's screen.
wait_for() {
	local session="$1" text="$2"
	for _ in $(seq 200); do
		if tmux capture-pane -p -t "$session" | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
	done
	echo "screenshots: \"$text\" never showed in $session" >&2
	tmux capture-pane -p -t "$session" >&2
	return 1
}

# scene NAME ARGS READY [KEYS WAIT]...: start the tool with ARGS, wait for
# READY, then press each KEYS and wait for its WAIT text, and render.
scene() {
	local name="$1" args="$2" ready="$3"
	shift 3
	local session="shot-$name"
	tmux kill-session -t "$session" 2>/dev/null || true
	tmux new-session -d -s "$session" -x 120 -y 40 \
		"TERM=xterm-256color COLORTERM=truecolor XDG_CONFIG_HOME=$config_home $bin $args"
	tmux set-option -t "$session" escape-time 0 >/dev/null
	wait_for "$session" "$ready"
	while (($# >= 2)); do
		tmux send-keys -t "$session" "$1"
		wait_for "$session" "$2"
		shift 2
	done
	tmux capture-pane -e -p -t "$session" >"$out/$name.ansi"
	tmux kill-session -t "$session"
	go run "$freeze" --language ansi --font.family monospace --window \
		-o "$out/$name.svg" <"$out/$name.ansi" >/dev/null
	rm "$out/$name.ansi"
	echo "wrote $out/$name.svg"
}

# The seed fixes what the demo builds, and --demo-start the instant its
# clock starts at, so that the timestamps a describe shows and the ages the
# lists show are the same on every run; a slow demo holds the first screen.
clock="--seed 1 --demo-speed 0.01 --demo-start 2026-01-05T09:00:00Z"
demo="--demo $clock"
scene demo-auto "$demo" "Components (8)"
scene demo-standard "--demo=standard $clock" "Components (8)"
scene describe "$demo" "Components (8)" 3 "Nodes (8)" d "Conditions:"
scene compare "$demo" "Components (8)" c "FEE PER NODE"
