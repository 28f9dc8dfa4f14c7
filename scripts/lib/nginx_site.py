#!/usr/bin/python3
"""Render deploy/nginx/appointease.conf for a test (scripts/lib/nginx.sh calls this).

Only lines carrying a tag comment change (the tags are listed in the site file's header), so the tests run the
operators' file and not a copy of it:

  nginx_site.py SITE --listen 127.0.0.1:8080 --instance 127.0.0.1:5001 --instance 127.0.0.1:5002 \
      --access-log DIR/access.log [--tls CERT KEY]

Without --tls the @tls lines and the @tls-begin..@tls-end block are dropped and the @listen line becomes a plain
`listen ADDR;`. With --tls the @listen line becomes `listen ADDR ssl;` and the certificate paths are substituted.
The rendered site goes to stdout. Exits non-zero when the site lacks a tag the rendering relies on.
"""
import argparse
import re
import sys


def render(text, listen, instances, access_log, tls):
    out, in_tls_block, instances_written = [], False, False
    seen = set()
    for line in text.splitlines():
        tag = re.search(r"#\s*@([a-z-]+)\s*$", line)
        tag = tag.group(1) if tag else None
        if tag:
            seen.add(tag)
        if tag == "tls-begin":
            in_tls_block = True
            continue
        if tag == "tls-end":
            in_tls_block = False
            continue
        if in_tls_block and not tls:
            continue
        if in_tls_block:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        body = re.sub(r"\s*#\s*@[a-z-]+\s*$", "", line).strip()
        if tag == "instance":
            if not instances_written:
                # Keep the parameters of the file's first instance line (max_fails, fail_timeout ...).
                params = body.rstrip(";").split()[2:]
                for addr in instances:
                    out.append(f"{indent}server {' '.join([addr] + params)};")
                instances_written = True
        elif tag == "listen":
            out.append(f"{indent}listen {listen}{' ssl' if tls else ''};")
        elif tag == "tls":
            if tls:
                out.append(indent + body)
        elif tag in ("cert", "key"):
            if tls:
                directive = body.split()[0]
                out.append(f"{indent}{directive} {tls[0] if tag == 'cert' else tls[1]};")
        elif tag == "access-log":
            out.append(f"{indent}access_log {access_log} appointease;")
        else:
            out.append(line)
    missing = {"instance", "listen", "tls", "tls-begin", "tls-end", "cert", "key", "access-log"} - seen
    if missing:
        sys.exit(f"nginx_site.py: the site file lacks the tag(s) {', '.join(sorted(missing))}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--listen", required=True)
    parser.add_argument("--instance", action="append", required=True)
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    with open(args.site, encoding="utf-8") as f:
        sys.stdout.write(render(f.read(), args.listen, args.instance, args.access_log, args.tls))


if __name__ == "__main__":
    main()
