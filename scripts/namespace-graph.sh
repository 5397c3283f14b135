#!/usr/bin/env bash
# Prints which namespace of LandCarbon.Core uses which ("A → B, C"), first namespace by namespace, then folded to
# top-level modules, then the cycles. The graph is built by the same code the architecture tests check
# (tests/LandCarbon.Core.Tests/Architecture/NamespaceGraph.cs: every type token in the compiled assembly plus the
# sources' using directives), run here as a one-file .NET program.
# Usage: scripts/namespace-graph.sh [--no-build] [--why]   (--why: one example of what makes each edge)
set -euo pipefail
cd "$(dirname "$0")/.."
build=1; why=
for a in "$@"; do case "$a" in --no-build) build=;; --why) why=--why;; *) echo "usage: $0 [--no-build] [--why]" >&2; exit 2;; esac; done
if [ -n "$build" ]; then dotnet build src/LandCarbon.Core -c Debug -v q -nologo >&2; fi
dll=src/LandCarbon.Core/bin/Debug/net10.0/LandCarbon.Core.dll
src=tests/LandCarbon.Core.Tests/Architecture/NamespaceGraph.cs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo '#:property PublishAot=false'
  grep -E '^using ' "$src"
  cat <<'CS'
var g = LandCarbon.Core.Tests.Architecture.NamespaceGraph.Build(args[0], "LandCarbon.Core", args[1]);
Console.Write("## Namespaces\n\n" + g.Format() + "\n## Modules (first segment)\n\n" + g.Modules().Format() + "\n## Cycles between modules\n\n");
var cycles = g.Modules().Cycles();
Console.WriteLine(cycles.Count == 0 ? "none" : string.Join("\n", cycles.Select(c => string.Join(" ↔ ", c))));
if (args.Length > 2 && args[2] == "--why") Console.Write("\n## Why (one example per edge)\n\n" + g.FormatWhy());
CS
  grep -vE '^using ' "$src" | sed 's/^namespace \(.*\);$/namespace \1 {/'
  echo '}'
} > "$tmp/namespace-graph.cs"
dotnet run --file "$tmp/namespace-graph.cs" -- "$PWD/$dll" "$PWD/src/LandCarbon.Core" $why
