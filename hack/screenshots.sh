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
bin="$(mktemp -d)/kubectl-automode"
go build -o "$bin" .
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
		"TERM=xterm-256color COLORTERM=truecolor $bin $args"
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

demo="--demo --seed 1 --demo-speed 0.01"
scene demo-auto "$demo" "Components (8)"
scene demo-standard "--demo=standard --seed 1 --demo-speed 0.01" "Components (8)"
scene describe "$demo" "Components (8)" 3 "Nodes (8)" d "Conditions:"
scene compare "$demo" "Components (8)" c "FEE PER NODE"
