#!/usr/bin/env bash
# Fills a deploy/aws template: render.sh TEMPLATE NAME=VALUE... prints TEMPLATE with every {{NAME}}
# replaced by VALUE. Fails (exit 2), naming them, on a placeholder left unfilled or a NAME the
# template does not have (a typo), so a half-filled policy or task definition never reaches AWS.
# ${...} is left alone: IAM policy variables and Kafka config-provider references use it.
set -euo pipefail

usage() {
  echo "usage: $0 TEMPLATE NAME=VALUE... (fills {{NAME}}; e.g. $0 deploy/aws/iam/worker-policy.json ACCOUNT_ID=123456789012)" >&2
  exit 2
}

[ $# -ge 1 ] || usage
template="$1"
shift
[ -f "$template" ] || { echo "render.sh: no template file '$template'" >&2; exit 2; }
text="$(cat "$template")"

unused=()
for pair in "$@"; do
  case "$pair" in
    *=*) ;;
    *) echo "render.sh: '$pair' is not NAME=VALUE" >&2; usage ;;
  esac
  name="${pair%%=*}"
  value="${pair#*=}"
  if [[ ! "$name" =~ ^[A-Z][A-Z0-9_]*$ ]]; then
    echo "render.sh: placeholder name '$name' must be upper case letters, digits and _ (as in {{ACCOUNT_ID}})" >&2
    exit 2
  fi
  if [[ "$text" != *"{{$name}}"* ]]; then
    unused+=("$name")
    continue
  fi
  text="${text//"{{$name}}"/"$value"}"
done

if [ ${#unused[@]} -gt 0 ]; then
  echo "render.sh: $template has no placeholder ${unused[*]}: check the spelling (its placeholders: $(grep -o '{{[A-Z0-9_]*}}' "$template" | sort -u | tr '\n' ' '))" >&2
  exit 2
fi
left="$(grep -o '{{[A-Z0-9_]*}}' <<<"$text" | sort -u | tr '\n' ' ' || true)"
if [ -n "$left" ]; then
  echo "render.sh: $template still has ${left% }: give each as NAME=VALUE" >&2
  exit 2
fi
printf '%s\n' "$text"
